using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Modules.Organisation.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Organisation;

/// <summary>The importer against a real database with no demo data (each test class gets its own).</summary>
public sealed class DivisionImportTests : IAsyncLifetime
{
    private readonly JicengAppFactory _app = new() { DemoEnabled = false };

    private const string Good = """
        code,name,level,parent_code
        23,黑龙江省,province,
        2307,伊春市,city,23
        230725,大箐山县,county,2307
        230725100,带岭镇,township,230725
        230725100001,团结社区居委会,village,230725100
        230725100201,金星村委会,village,230725100
        230725101,朗乡镇,township,230725
        """;

    public ValueTask InitializeAsync()
    {
        _ = _app.Server; // start the app: migrations run
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private Task<DivisionImportResult> ImportAsync(string csv) =>
        _app.AsSystemAsync(sp => sp.GetRequiredService<DivisionImporter>().ImportAsync(new StringReader(csv)));

    private Task<List<Division>> AllAsync() =>
        _app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Divisions.AsNoTracking().OrderBy(d => d.Code).ToListAsync());

    [Fact]
    public async Task A_good_file_is_imported_with_materialised_paths_and_kinds()
    {
        var result = await ImportAsync(Good);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(7, result.Inserted);
        var all = await AllAsync();
        var tuanjie = all.Single(d => d.Code == "230725100001");
        Assert.Equal("/23/2307/230725/230725100/230725100001/", tuanjie.Path);
        Assert.Equal(DivisionKind.Community, tuanjie.Kind);
        Assert.Equal("团结社区", tuanjie.ShortName);
        Assert.Equal(DivisionKind.Village, all.Single(d => d.Code == "230725100201").Kind);
        Assert.Equal(DivisionKind.Town, all.Single(d => d.Code == "230725100").Kind);
        Assert.Equal(5, tuanjie.Depth); // depth counts like the level: province 1 … village 5
    }

    [Fact]
    public async Task Re_importing_the_same_file_changes_nothing()
    {
        await ImportAsync(Good);
        var before = await AllAsync();

        var again = await ImportAsync(Good);

        Assert.True(again.Succeeded);
        Assert.Equal((0, 0, 7), (again.Inserted, again.Updated, again.Unchanged));
        Assert.Equal(before.Select(d => (d.Code, d.Name, d.Path)), (await AllAsync()).Select(d => (d.Code, d.Name, d.Path)));
    }

    [Fact]
    public async Task A_renamed_division_is_updated_and_new_rows_are_added()
    {
        await ImportAsync(Good);
        var renamed = Good.Replace("带岭镇,township", "带岭街道,township", StringComparison.Ordinal)
            + "\n230725100002,育西社区居委会,village,230725100";

        var result = await ImportAsync(renamed);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal((1, 1), (result.Inserted, result.Updated));
        var all = await AllAsync();
        var township = all.Single(d => d.Code == "230725100");
        Assert.Equal("带岭街道", township.Name);
        Assert.Equal(DivisionKind.Street, township.Kind);
        Assert.Equal("/23/2307/230725/230725100/230725100002/", all.Single(d => d.Code == "230725100002").Path);
    }

    [Theory]
    [InlineData("230725199001,无主社区居委会,village,230725199", 6, "unknown parent 230725199")]
    [InlineData("23072510000X,坏代码社区,village,230725100", 6, "bad code")]
    [InlineData("2307251000011,太长社区,village,230725100", 6, "bad code")]
    [InlineData("230726100001,错位社区,village,230725100", 6, "does not start with its parent's code")]
    [InlineData("230725100201,重复村委会,village,230725100", 9, "duplicate code 230725100201 (first on line 7)")]
    [InlineData("230725100009,缺列社区,village", 6, "wrong column count")]
    [InlineData("230725100009,多列社区,village,230725100,extra", 6, "wrong column count")]
    [InlineData("230725100009,未知级别,hamlet,230725100", 6, "unknown level")]
    [InlineData("230725100009,,village,230725100", 6, "name must have")]
    public async Task A_bad_file_is_rejected_whole_with_its_line_and_reason(string badLine, int expectedLine, string reason)
    {
        // The bad line replaces line 6 (or is appended as line 9): every other line is good and must not be written.
        var lines = Good.Split('\n').ToList();
        if (expectedLine == 6) lines[5] = badLine; else lines.Add(badLine);
        var file = string.Join('\n', lines);

        var result = await ImportAsync(file);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(expectedLine, error.Line);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Empty(await AllAsync());
    }

    [Fact]
    public async Task A_file_without_the_header_is_rejected()
    {
        var result = await ImportAsync(Good.Split('\n', 2)[1]);

        Assert.Equal(1, Assert.Single(result.Errors).Line);
        Assert.Empty(await AllAsync());
    }

    [Fact]
    public async Task A_bad_file_after_a_good_import_leaves_the_good_data_untouched()
    {
        await ImportAsync(Good);
        var bad = Good.Replace("团结社区居委会", "改名社区", StringComparison.Ordinal) + "\n230725100003,永胜社区居委会,village,999999999";

        var result = await ImportAsync(bad);

        Assert.False(result.Succeeded);
        Assert.Equal("团结社区居委会", (await AllAsync()).Single(d => d.Code == "230725100001").Name);
    }

    [Fact]
    public async Task A_parent_may_come_later_in_the_file_or_already_be_in_the_database()
    {
        await ImportAsync(Good);
        const string later = """
            code,name,level,parent_code
            230725102001,新区社区居委会,village,230725102
            230725102,新区街道,township,230725
            230725100003,永胜社区居委会,village,230725100
            """;

        var result = await ImportAsync(later);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(3, result.Inserted);
        Assert.Equal("/23/2307/230725/230725102/230725102001/", (await AllAsync()).Single(d => d.Code == "230725102001").Path);
    }
}

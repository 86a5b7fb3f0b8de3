using MiniExcelLibs;

namespace Jiceng.BrowserTests;

/// <summary>A community's staff import residents from Excel, find one and see the masked values, then unmask with a reason.</summary>
public sealed class ResidentsBrowserTests(BrowserFixture app)
{
    private static int _sequence = Random.Shared.Next(100, 900);

    private static string NewIdNumber(int year)
    {
        var n = Interlocked.Increment(ref _sequence);
        var first17 = $"230725{year}{(n % 12) + 1:D2}{(n % 28) + 1:D2}{n % 1000:D3}";
        return first17 + Jiceng.Web.Platform.Protection.ChineseIdNumber.CheckCharacter(first17);
    }

    private static byte[] Workbook(IEnumerable<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }

    private static Dictionary<string, object?> Row(string name, string idNumber, string phone, string? groups = null) => new()
    {
        ["姓名"] = name, ["身份证号"] = idNumber, ["手机号"] = phone, ["地址"] = "团结街8号", ["重点人群"] = groups,
    };

    private async Task<IPage> OpenResidentsAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-community-a");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByTestId("nav-residents").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/residents$"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByTestId("residents-import-toggle").ClickAsync();
        return page;
    }

    [Fact]
    public async Task Community_staff_import_residents_find_one_by_name_and_see_the_id_masked_until_they_unmask_it()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await OpenResidentsAsync(context);
        var family = "浏" + Guid.NewGuid().ToString("N")[..4];
        var idNumber = NewIdNumber(1956);
        var rows = new[]
        {
            Row(family + "甲", idNumber, "13912345678", "独居老人"),
            Row(family + "乙", NewIdNumber(1960), "13912345679"),
            Row(family + "丙", NewIdNumber(1988), "13912345670", "残疾人，低保"),
        };

        await page.GetByTestId("residents-import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "居民.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = Workbook(rows),
        });
        await Expect(page.GetByTestId("residents-import-result")).ToContainTextAsync("已导入 3 人");

        await page.GetByTestId("residents-q").FillAsync(family + "甲");
        await page.GetByTestId("residents-search").ClickAsync();
        var table = page.GetByTestId("residents-table");
        await Expect(table.GetByRole(AriaRole.Link, new() { Name = family + "甲" })).ToBeVisibleAsync();
        var masked = idNumber[..6] + "********" + idNumber[^4..];
        await Expect(table).ToContainTextAsync(masked);
        await Expect(table).ToContainTextAsync("139****5678");
        await Expect(table).Not.ToContainTextAsync(idNumber);
        await BrowserFixture.ScreenshotAsync(page, "residents-list");

        await table.GetByRole(AriaRole.Link, new() { Name = family + "甲" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/residents/[0-9a-f-]{36}$"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("resident-id-number")).ToHaveTextAsync(masked);
        await Expect(page.GetByTestId("resident-address")).ToHaveTextAsync("团结街****");
        await page.GetByTestId("resident-unmask").ClickAsync();
        await page.GetByTestId("reason-input").FillAsync("入户走访核对身份");
        await page.GetByTestId("reason-confirm").ClickAsync();
        await Expect(page.GetByTestId("clear-id-number")).ToHaveTextAsync(idNumber);
        await Expect(page.GetByTestId("clear-phone")).ToHaveTextAsync("13912345678");
        await BrowserFixture.ScreenshotAsync(page, "resident-unmasked");
    }

    [Fact]
    public async Task A_file_with_a_bad_row_shows_the_row_number_and_reason_and_imports_nothing()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await OpenResidentsAsync(context);
        var family = "错" + Guid.NewGuid().ToString("N")[..4];
        var good = NewIdNumber(1970);
        var rows = new[]
        {
            Row(family + "一", good, "13800001111"),
            Row(family + "二", good[..17] + (good[17] == '1' ? '2' : '1'), "13800001112"),
        };

        await page.GetByTestId("residents-import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "居民.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = Workbook(rows),
        });

        await Expect(page.GetByTestId("residents-import-error")).ToContainTextAsync("未导入任何数据");
        await Expect(page.GetByTestId("import-error-row-3")).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("residents-import-errors")).ToContainTextAsync("校验位");
        await BrowserFixture.ScreenshotAsync(page, "residents-import-errors");

        await page.GetByTestId("residents-q").FillAsync(family);
        await page.GetByTestId("residents-search").ClickAsync();
        await Expect(page.GetByTestId("residents-table")).ToContainTextAsync("没有符合条件的人员");
    }

    [Fact]
    public async Task The_staffing_page_shows_each_community_against_the_standard_and_the_street_total()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-street");
        await page.GotoAsync("/residents/staffing");
        await BrowserFixture.WaitForInteractiveAsync(page);

        var table = page.GetByTestId("staffing-table");
        await Expect(table).ToContainTextAsync("团结社区");
        await Expect(table).ToContainTextAsync("育西社区");
        await Expect(page.GetByTestId("staffing-total-workers")).ToHaveTextAsync(new Regex("^[0-9]+$"));
        await BrowserFixture.ScreenshotAsync(page, "residents-staffing");

        // The street's staff enter 团结社区's published population; the figure per 10,000 follows it.
        await page.GetByTestId("staffing-input-230725100001").FillAsync("20000");
        await page.GetByTestId("staffing-save-230725100001").ClickAsync();
        await Expect(table).ToContainTextAsync("20,000");
    }
}

using System.Text.RegularExpressions;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Localization;
using Jiceng.Web.Platform.Scope;

namespace Jiceng.Tests.Platform;

public sealed partial class TextsTests
{
    private static readonly IReadOnlyDictionary<string, string> Chinese = Texts.For(Texts.Chinese);
    private static readonly IReadOnlyDictionary<string, string> English = Texts.For(Texts.English);

    [Fact]
    public void Both_languages_have_exactly_the_same_keys_and_no_empty_text()
    {
        Assert.Equal(Chinese.Keys.Order(), English.Keys.Order());
        Assert.All(Chinese.Concat(English), kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
    }

    [Fact]
    public void Every_key_the_pages_use_exists()
    {
        var source = Path.Combine(RepositoryRoot(), "src", "Jiceng.Web");
        var used = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => KeyPattern().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(k => !k.EndsWith('.'))
            .Distinct()
            .ToList();

        var missing = used.Where(k => !Chinese.ContainsKey(k)).ToList();
        Assert.NotEmpty(used);
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_role_kind_level_and_scope_has_a_name()
    {
        var keys = Roles.All.Select(r => "role." + r)
            .Concat(Enum.GetNames<DivisionKind>().Select(k => "kind." + k))
            .Concat(Enum.GetNames<PartyOrganisationLevel>().Select(l => "party." + l))
            .Concat(Enum.GetNames<DataScopeKind>().Select(s => "scope." + s));

        var missing = keys.Where(k => !Chinese.ContainsKey(k)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Chinese_texts_are_chinese_and_english_texts_are_not()
    {
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", Chinese["login.title"]);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", English["login.title"]);
    }

    [Theory]
    [InlineData("zh-CN", "专职网格员只能负责一个网格（一人一格）/ A full-time grid worker works one grid only.", "专职网格员只能负责一个网格（一人一格）")]
    [InlineData("en", "专职网格员只能负责一个网格（一人一格）/ A full-time grid worker works one grid only.", "A full-time grid worker works one grid only.")]
    [InlineData("en", "坐标超出范围（经度 ±180，纬度 ±90）/ A coordinate is out of range (longitude ±180 / latitude ±90).", "A coordinate is out of range (longitude ±180 / latitude ±90).")]
    [InlineData("zh-CN", "Resident was not found.", "Resident was not found.")]
    [InlineData("en", "km/ h / only English", "km/ h / only English")]
    public void A_bilingual_message_gives_the_readers_half(string culture, string message, string expected)
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
        try
        {
            Assert.Equal(expected, Texts.InReadersLanguage(message));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Jiceng.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Jiceng.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""[Tt]\["([a-z0-9_.]+)["]""")]
    private static partial Regex KeyPattern();
}

namespace Jiceng.Web.Modules.Residents.Domain;

/// <summary>A key group (重点人群) and how often its members are to be visited.</summary>
public sealed record KeyGroup(string Code, string Name, string NameEn, int VisitEveryDays);

/// <summary>
/// The key groups of PRODUCT.md §5 with their visiting rhythm (e.g. elderly living alone weekly). Codes are stored in
/// <see cref="PersonTag"/>: never rename one.
/// </summary>
public static class KeyGroups
{
    public static readonly IReadOnlyList<KeyGroup> All =
    [
        new("elderly-alone", "独居老人", "Elderly living alone", 7),
        new("very-old", "高龄老人", "Aged 80 and over", 30),
        new("left-behind-child", "留守儿童", "Left-behind child", 14),
        new("vulnerable-child", "困境儿童", "Child in difficulty", 14),
        new("disabled", "残疾人", "Person with a disability", 30),
        new("dibao", "低保", "Subsistence allowance (低保)", 30),
        new("tekun", "特困", "Extreme poverty support (特困)", 14),
        new("shidu", "失独家庭", "Lost their only child (失独)", 14),
        new("chronic", "慢病患者", "Chronic illness", 30),
    ];

    private static readonly Dictionary<string, KeyGroup> ByCode = All.ToDictionary(g => g.Code);

    public static KeyGroup? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>Finds a group by code or by its Chinese or English name (imports use the Chinese names).</summary>
    public static KeyGroup? FindByAnyName(string text)
    {
        var t = text.Trim();
        return ByCode.GetValueOrDefault(t) ?? All.FirstOrDefault(g => g.Name == t || g.NameEn.Equals(t, StringComparison.OrdinalIgnoreCase)
            || g.Name.TrimEnd('老', '人', '家', '庭', '患', '者') == t);
    }

    /// <summary>The shortest visiting interval of the person's groups (null: no visits are due).</summary>
    public static int? VisitEveryDays(IEnumerable<string> codes) =>
        codes.Select(Find).Where(g => g is not null).Select(g => (int?)g!.VisitEveryDays).Min();
}

using Jiceng.Web.Platform.Scope;

namespace Jiceng.Web.Modules.Organisation.Domain;

/// <summary>Levels of the statistics bureau's division codes, top to bottom.</summary>
public enum DivisionLevel
{
    Province = 1,
    City = 2,
    County = 3,
    Township = 4,
    Village = 5,
}

/// <summary>What a node is, beyond its level: a township-level node is a street, town or township; a village-level node is a community (社区/居委会) or a village (村).</summary>
public enum DivisionKind
{
    Province,
    City,
    County,
    Street,
    Town,
    Township,
    Community,
    Village,
    Other,
}

/// <summary>An administrative division (GB/T 2260 + statistics codes). The code is the key.</summary>
public sealed class Division : IDivisionScoped
{
    private Division() { }

    public Division(string code, string name, DivisionLevel level, string? parentCode, string path)
    {
        Code = code;
        Name = name;
        Level = level;
        Kind = DivisionNames.KindOf(level, name);
        ParentCode = parentCode;
        Path = path;
        Depth = path.Count(c => c == '/') - 1;
    }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public DivisionLevel Level { get; private set; }
    public DivisionKind Kind { get; private set; }
    public string? ParentCode { get; private set; }

    /// <summary>Materialised path of codes from the root, e.g. "/23/2307/230725/230725100/". Subtree queries are a range scan on it.</summary>
    public string Path { get; private set; } = "";
    public int Depth { get; private set; }

    string IDivisionScoped.DivisionPath => Path;

    public string ShortName => DivisionNames.Shorten(Name);
}

public static class DivisionNames
{
    private static readonly string[] CommitteeSuffixes = ["居民委员会", "村民委员会", "居委会", "村委会"];

    public static DivisionKind KindOf(DivisionLevel level, string name) => level switch
    {
        DivisionLevel.Province => DivisionKind.Province,
        DivisionLevel.City => DivisionKind.City,
        DivisionLevel.County => DivisionKind.County,
        DivisionLevel.Township when name.EndsWith("街道", StringComparison.Ordinal) || name.EndsWith("街道办事处", StringComparison.Ordinal) => DivisionKind.Street,
        DivisionLevel.Township when name.EndsWith('镇') => DivisionKind.Town,
        DivisionLevel.Township when name.EndsWith('乡') => DivisionKind.Township,
        DivisionLevel.Township => DivisionKind.Other,
        DivisionLevel.Village when name.Contains("社区", StringComparison.Ordinal) || name.Contains("居委会", StringComparison.Ordinal) || name.Contains("居民委员会", StringComparison.Ordinal) => DivisionKind.Community,
        DivisionLevel.Village when name.Contains('村') || name.Contains("嘎查", StringComparison.Ordinal) => DivisionKind.Village,
        _ => DivisionKind.Other,
    };

    /// <summary>"团结社区居委会" → "团结社区", "金星村委会" → "金星村": the name people use.</summary>
    public static string Shorten(string name)
    {
        foreach (var suffix in CommitteeSuffixes)
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = name[..^suffix.Length];
                return suffix.StartsWith('村') && !stem.EndsWith('村') ? stem + "村" : stem;
            }
        }
        return name;
    }
}

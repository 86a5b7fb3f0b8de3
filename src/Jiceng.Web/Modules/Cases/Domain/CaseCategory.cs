using Jiceng.Web.Platform.Time;

namespace Jiceng.Web.Modules.Cases.Domain;

public enum CasePriority
{
    Emergency,
    Utility,
    General,
    Complex,
}

/// <summary>
/// What a case is about, with its time limits: how soon a department must claim it (response) and how soon it
/// must be done (handling). A county may override the defaults (CountyCode null) with its own row of the same code.
/// </summary>
public sealed class CaseCategory
{
    private CaseCategory() { }

    public CaseCategory(string code, string name, string nameEn, CasePriority priority,
        int responseAmount, TimeLimitUnit responseUnit, int handlingAmount, TimeLimitUnit handlingUnit, string? countyCode = null)
    {
        if (responseAmount < 1 || handlingAmount < 1) throw new ArgumentOutOfRangeException(nameof(responseAmount), "Limits are at least 1.");
        Id = Guid.NewGuid();
        Code = code;
        Name = name;
        NameEn = nameEn;
        Priority = priority;
        ResponseAmount = responseAmount;
        ResponseUnit = responseUnit;
        HandlingAmount = handlingAmount;
        HandlingUnit = handlingUnit;
        CountyCode = countyCode;
        IsActive = true;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public CasePriority Priority { get; private set; }
    public int ResponseAmount { get; private set; }
    public TimeLimitUnit ResponseUnit { get; private set; }
    public int HandlingAmount { get; private set; }
    public TimeLimitUnit HandlingUnit { get; private set; }
    public string? CountyCode { get; private set; }
    public bool IsActive { get; private set; }

    /// <summary>A county's edit of its own row (CaseSettings validates the limits first; defaults are overridden, never edited).</summary>
    public void Change(string name, string nameEn, CasePriority priority, int responseAmount, TimeLimitUnit responseUnit,
        int handlingAmount, TimeLimitUnit handlingUnit, bool isActive)
    {
        if (responseAmount < 1 || handlingAmount < 1) throw new ArgumentOutOfRangeException(nameof(responseAmount), "Limits are at least 1.");
        (Name, NameEn, Priority, IsActive) = (name, nameEn, priority, isActive);
        (ResponseAmount, ResponseUnit, HandlingAmount, HandlingUnit) = (responseAmount, responseUnit, handlingAmount, handlingUnit);
    }

    /// <summary>The defaults every county starts with (大箐山县's set in the seeds' terms).</summary>
    public static IEnumerable<CaseCategory> Defaults() =>
    [
        new("heating", "供暖", "Heating", CasePriority.Utility, 2, TimeLimitUnit.Hours, 24, TimeLimitUnit.Hours),
        new("water", "供水", "Water supply", CasePriority.Utility, 2, TimeLimitUnit.Hours, 24, TimeLimitUnit.Hours),
        new("roads", "道路", "Roads", CasePriority.General, 1, TimeLimitUnit.WorkingDays, 7, TimeLimitUnit.WorkingDays),
        new("sanitation", "环境卫生", "Sanitation", CasePriority.General, 1, TimeLimitUnit.WorkingDays, 7, TimeLimitUnit.WorkingDays),
        new("property", "物业", "Property management", CasePriority.General, 1, TimeLimitUnit.WorkingDays, 7, TimeLimitUnit.WorkingDays),
        new("noise", "噪音", "Noise", CasePriority.General, 1, TimeLimitUnit.WorkingDays, 7, TimeLimitUnit.WorkingDays),
        new("public-safety", "治安", "Public safety", CasePriority.Emergency, 1, TimeLimitUnit.Hours, 2, TimeLimitUnit.Hours),
        new("neighbour-dispute", "邻里纠纷", "Neighbour dispute", CasePriority.Complex, 1, TimeLimitUnit.WorkingDays, 15, TimeLimitUnit.WorkingDays),
        new("livelihood-aid", "民生救助", "Livelihood aid", CasePriority.General, 1, TimeLimitUnit.WorkingDays, 7, TimeLimitUnit.WorkingDays),
        new("other", "其他", "Other", CasePriority.General, 1, TimeLimitUnit.WorkingDays, 7, TimeLimitUnit.WorkingDays),
    ];
}

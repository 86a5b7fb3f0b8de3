using Jiceng.Web.Platform.Scope;

namespace Jiceng.Web.Modules.ElderlyChildren.Domain;

/// <summary>An elderly care station (养老驿站) of a community.</summary>
public sealed class CareStation : IDivisionScoped
{
    private CareStation() { }

    public CareStation(string divisionCode, string divisionPath, string name, string place, string? openingHours, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        Name = name;
        Place = place;
        OpeningHours = openingHours;
        CreatedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public string Name { get; set; } = "";
    public string Place { get; set; } = "";
    public string? OpeningHours { get; set; }
    public DateTime CreatedUtc { get; private set; }
    public int Version { get; set; }

    /// <summary>When it was taken out of service; null while it is in service. History (orders, checks, enrolments) stays.</summary>
    public DateTime? DeactivatedUtc { get; private set; }
    public bool IsActive => DeactivatedUtc is null;

    public void Deactivate(DateTime nowUtc) => DeactivatedUtc ??= nowUtc;
    public void Reactivate() => DeactivatedUtc = null;
}

/// <summary>
/// A health check at a station (血压, 血糖). The values are health data: sealed at rest. What queries need is kept plain
/// and carries no value: whether the check is abnormal and which measure (bp-high, bp-low, glucose-high, glucose-low).
/// Owned by the person's account when they have one.
/// </summary>
public sealed class HealthCheck : IUserOwned
{
    private HealthCheck() { }

    public HealthCheck(CareStation station, Guid personId, string personName, Guid? userId, DateTime measuredUtc, string measuredBy, Guid? recordedByUserId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        StationId = station.Id;
        DivisionCode = station.DivisionCode;
        DivisionPath = station.DivisionPath;
        PersonId = personId;
        PersonName = personName;
        UserId = userId;
        MeasuredUtc = measuredUtc;
        MeasuredBy = measuredBy;
        RecordedByUserId = recordedByUserId;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid StationId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public Guid? UserId { get; private set; }
    public DateTime MeasuredUtc { get; private set; }
    public string MeasuredBy { get; private set; } = "";
    public Guid? RecordedByUserId { get; private set; }
    /// <summary>Sealed: "135/85" (systolic/diastolic, mmHg).</summary>
    public string? BloodPressure { get; private set; }
    /// <summary>Sealed: "6.2" (mmol/L).</summary>
    public string? Glucose { get; private set; }
    /// <summary>Sealed: whether the glucose was measured fasting ("fasting" / "random").</summary>
    public string? GlucoseKind { get; private set; }
    /// <summary>Sealed: a note about the person's health.</summary>
    public string? Note { get; set; }
    public bool IsAbnormal { get; private set; }
    /// <summary>Which measures were abnormal (comma separated codes), never a value.</summary>
    public string? AbnormalMeasures { get; private set; }
    /// <summary>When the person's helpers were told (once).</summary>
    public DateTime? HelpersNotifiedUtc { get; set; }
    public DateTime CreatedUtc { get; private set; }

    public void SetReadings(int? systolic, int? diastolic, decimal? glucose, bool? fasting)
    {
        BloodPressure = systolic is { } s && diastolic is { } d ? FormattableString.Invariant($"{s}/{d}") : null;
        Glucose = glucose is { } g ? g.ToString("0.0#", System.Globalization.CultureInfo.InvariantCulture) : null;
        GlucoseKind = glucose is null ? null : fasting == true ? "fasting" : "random";
        var flags = HealthThresholds.Abnormal(systolic, diastolic, glucose, fasting == true);
        IsAbnormal = flags.Count > 0;
        AbnormalMeasures = flags.Count > 0 ? string.Join(",", flags) : null;
    }

    public (int? Systolic, int? Diastolic) ReadBloodPressure()
    {
        if (BloodPressure?.Split('/') is [var s, var d] && int.TryParse(s, out var sys) && int.TryParse(d, out var dia)) return (sys, dia);
        return (null, null);
    }

    public decimal? ReadGlucose() =>
        decimal.TryParse(Glucose, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var g) ? g : null;
}

/// <summary>
/// The thresholds a check is flagged at (docs/decisions/017): blood pressure ≥ 140 systolic or ≥ 90 diastolic (high),
/// &lt; 90 systolic or &lt; 60 diastolic (low); glucose fasting ≥ 7.0 or random ≥ 11.1 mmol/L (high), any &lt; 3.9 (low).
/// </summary>
public static class HealthThresholds
{
    public const string BloodPressureHigh = "bp-high";
    public const string BloodPressureLow = "bp-low";
    public const string GlucoseHigh = "glucose-high";
    public const string GlucoseLow = "glucose-low";

    public static List<string> Abnormal(int? systolic, int? diastolic, decimal? glucose, bool fasting)
    {
        var flags = new List<string>();
        if (systolic is { } s && diastolic is { } d)
        {
            if (s >= 140 || d >= 90) flags.Add(BloodPressureHigh);
            else if (s < 90 || d < 60) flags.Add(BloodPressureLow);
        }
        if (glucose is { } g)
        {
            if (g >= (fasting ? 7.0m : 11.1m)) flags.Add(GlucoseHigh);
            else if (g < 3.9m) flags.Add(GlucoseLow);
        }
        return flags;
    }
}

/// <summary>An activity at a station (健康讲座, 义诊, 文化活动 …) with how many came.</summary>
public sealed class StationActivity : IDivisionScoped
{
    private StationActivity() { }

    public StationActivity(CareStation station, DateOnly date, string kind, string title, int attendance, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        StationId = station.Id;
        DivisionPath = station.DivisionPath;
        Date = date;
        Kind = kind;
        Title = title;
        Attendance = attendance;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid StationId { get; private set; }
    public string DivisionPath { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public string Kind { get; private set; } = "";
    public string Title { get; private set; } = "";
    public int Attendance { get; private set; }
    public DateTime CreatedUtc { get; private set; }
}

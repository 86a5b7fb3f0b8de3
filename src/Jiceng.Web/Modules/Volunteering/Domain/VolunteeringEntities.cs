using Jiceng.Web.Platform.Scope;

namespace Jiceng.Web.Modules.Volunteering.Domain;

/// <summary>党员志愿服务队, 党团志愿服务队, 红色志愿者 and other teams.</summary>
public enum VolunteerTeamKind
{
    PartyMemberTeam = 0,
    PartyYouthTeam = 1,
    RedVolunteers = 2,
    Other = 3,
}

/// <summary>A volunteer team of a community (or of a street or the county, by its division).</summary>
public sealed class VolunteerTeam : IDivisionScoped
{
    private VolunteerTeam() { }

    public VolunteerTeam(string divisionCode, string divisionPath, string name, VolunteerTeamKind kind, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        Name = name;
        Kind = kind;
        CreatedUtc = nowUtc;
        IsActive = true;
    }

    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public string Name { get; set; } = "";
    public VolunteerTeamKind Kind { get; set; }
    public string? LeaderName { get; set; }
    /// <summary>What the team does (政策宣讲, 法律援助, 健康义诊, 助老助残 …).</summary>
    public string? Description { get; set; }
    public bool IsActive { get; set; }
    public DateTime CreatedUtc { get; private set; }
}

/// <summary>A member of a team: an account (the volunteer sees their own membership) or a person added by staff.</summary>
public sealed class VolunteerTeamMember : IUserOwned
{
    private VolunteerTeamMember() { }

    public VolunteerTeamMember(VolunteerTeam team, string name, Guid? userId, Guid? personId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        TeamId = team.Id;
        DivisionPath = team.DivisionPath;
        Name = name;
        UserId = userId;
        PersonId = personId;
        JoinedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid TeamId { get; private set; }
    public string DivisionPath { get; private set; } = "";
    public Guid? UserId { get; private set; }
    public Guid? PersonId { get; private set; }
    public string Name { get; set; } = "";
    public string? Skills { get; set; }
    public DateTime JoinedUtc { get; private set; }
    public DateTime? LeftUtc { get; set; }
}

public enum ActivityStatus
{
    Open = 0,
    Cancelled = 1,
    /// <summary>Done: hours are credited and the people served recorded.</summary>
    Closed = 2,
}

/// <summary>
/// A volunteer activity (爱心义剪, 四点半课堂, 家电维修 …) with a place, time and capacity. <see cref="SignedUpCount"/> is
/// kept in step with the sign-ups by a conditional update, so the capacity holds under concurrent sign-ups.
/// <see cref="CheckInCode"/> is the random token in the QR code shown on the day.
/// </summary>
public sealed class VolunteerActivity : IDivisionScoped
{
    private VolunteerActivity() { }

    public VolunteerActivity(string divisionCode, string divisionPath, string title, DateTime startUtc, DateTime endUtc, int capacity, string checkInCode, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        Title = title;
        StartUtc = startUtc;
        EndUtc = endUtc;
        Capacity = capacity;
        CheckInCode = checkInCode;
        Status = ActivityStatus.Open;
        CreatedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public Guid? TeamId { get; set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public string Title { get; set; } = "";
    /// <summary>Theme (爱心义剪, 四点半课堂, 家电维修, 政策宣讲 …), free text with suggestions.</summary>
    public string? Theme { get; set; }
    public string? Description { get; set; }
    public string Place { get; set; } = "";
    public DateTime StartUtc { get; set; }
    public DateTime EndUtc { get; set; }
    public int Capacity { get; set; }
    public int SignedUpCount { get; set; }
    /// <summary>Skills wanted, comma separated (理发, 电工, 法律 …).</summary>
    public string? RequiredSkills { get; set; }
    public ActivityStatus Status { get; set; }
    /// <summary>People served (服务群众人次), recorded when the activity closes.</summary>
    public int? PeopleServed { get; set; }
    public string CheckInCode { get; set; } = "";
    public Guid? CreatedByUserId { get; set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? ClosedUtc { get; set; }
    public int Version { get; private set; }

    public void Touch() => Version++;
}

public enum SignupStatus
{
    SignedUp = 0,
    Cancelled = 1,
}

/// <summary>A volunteer's sign-up to an activity, then their check-in and check-out, and the hours credited.</summary>
public sealed class ActivitySignup : IUserOwned
{
    private ActivitySignup() { }

    public ActivitySignup(VolunteerActivity activity, Guid? userId, Guid? personId, string name, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        ActivityId = activity.Id;
        DivisionPath = activity.DivisionPath;
        ActivityStartUtc = activity.StartUtc;
        UserId = userId;
        PersonId = personId;
        Name = name;
        Status = SignupStatus.SignedUp;
        SignedUpUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid ActivityId { get; private set; }
    public string DivisionPath { get; private set; } = "";
    /// <summary>Copied from the activity: a volunteer's record and "六个一" read sign-ups alone.</summary>
    public DateTime ActivityStartUtc { get; set; }
    public Guid? UserId { get; private set; }
    public Guid? PersonId { get; private set; }
    public string Name { get; set; } = "";
    public SignupStatus Status { get; set; }
    public DateTime SignedUpUtc { get; private set; }
    public DateTime? CancelledUtc { get; set; }
    public DateTime? CheckedInUtc { get; set; }
    public DateTime? CheckedOutUtc { get; set; }
    /// <summary>Minutes credited (from check-in to check-out within the activity's time, or set by staff).</summary>
    public int CreditedMinutes { get; set; }
}

public enum HoursClaimStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}

/// <summary>Hours a volunteer logged themselves (service outside a listed activity), credited once staff approve.</summary>
public sealed class VolunteerHoursClaim : IUserOwned
{
    private VolunteerHoursClaim() { }

    public VolunteerHoursClaim(string divisionCode, string divisionPath, Guid? userId, string name, DateOnly servedOn, int minutes, string description, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        UserId = userId;
        Name = name;
        ServedOn = servedOn;
        Minutes = minutes;
        Description = description;
        Status = HoursClaimStatus.Pending;
        CreatedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    /// <summary>The community the service was for (its staff approve).</summary>
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public Guid? UserId { get; private set; }
    public Guid? PersonId { get; set; }
    public Guid? TeamId { get; set; }
    public string Name { get; set; } = "";
    public DateOnly ServedOn { get; private set; }
    public int Minutes { get; private set; }
    public string Description { get; private set; } = "";
    public int PeopleServed { get; set; }
    public HoursClaimStatus Status { get; set; }
    public Guid? DecidedByUserId { get; set; }
    public DateTime? DecidedUtc { get; set; }
    public string? DecisionNote { get; set; }
    public DateTime CreatedUtc { get; private set; }
    public int Version { get; private set; }

    public void Touch() => Version++;
}

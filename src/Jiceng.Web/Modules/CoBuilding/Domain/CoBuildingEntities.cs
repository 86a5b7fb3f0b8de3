using Jiceng.Web.Platform.Scope;

namespace Jiceng.Web.Modules.CoBuilding.Domain;

/// <summary>机关, 国企, 事业单位, 两新组织 (new economic and social organisations), 高校.</summary>
public enum UnitKind
{
    GovernmentOrgan = 0,
    StateEnterprise = 1,
    PublicInstitution = 2,
    NewEconomicOrSocialOrganisation = 3,
    University = 4,
}

/// <summary>
/// A unit (单位) whose party organisation pairs with communities (结对共建), reports to them (双报到 of the
/// organisation) and recommends part-time committee members. County-level reference data: staff of the county and
/// below see it; the unit's own accounts (AppUser.UnitId) see it.
/// </summary>
public sealed class CoBuildingUnit : ISharedDownward
{
    private CoBuildingUnit() { }

    public CoBuildingUnit(string countyCode, string countyPath, string name, UnitKind kind, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DivisionCode = countyCode;
        DivisionPath = countyPath;
        Name = name;
        Kind = kind;
        CreatedUtc = nowUtc;
        IsActive = true;
    }

    public Guid Id { get; private set; }
    /// <summary>The county the unit is registered in.</summary>
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public string Name { get; set; } = "";
    public UnitKind Kind { get; set; }
    /// <summary>The unit's party organisation (机关党支部, 公司党委 …).</summary>
    public string? PartyOrganisationName { get; set; }
    public string? ContactName { get; set; }
    /// <summary>Sealed: the contact's phone.</summary>
    public string? ContactPhone { get; set; }
    public bool IsActive { get; set; }
    public DateTime CreatedUtc { get; private set; }
}

public enum PairingStatus
{
    /// <summary>The unit asked to pair (its organisation reported to the community); the community has not confirmed.</summary>
    Requested = 0,
    Active = 1,
    Ended = 2,
    Declined = 3,
}

/// <summary>
/// A pairing of a unit with a community (结对共建) under "三清单一协议": the community's needs list, the unit's
/// resources list, the joint projects matched from them, and the signed agreement (uploaded document and dates).
/// One open pairing per unit and community.
/// </summary>
public sealed class CoBuildingPairing : IUnitOwned
{
    private CoBuildingPairing() { }

    public CoBuildingPairing(Guid unitId, string divisionCode, string divisionPath, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        UnitId = unitId;
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        Status = PairingStatus.Requested;
        RequestedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public Guid? UnitId { get; private set; }
    /// <summary>The community.</summary>
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public PairingStatus Status { get; set; }
    public DateTime RequestedUtc { get; private set; }
    public DateTime? ConfirmedUtc { get; set; }
    public Guid? ConfirmedByUserId { get; set; }
    public DateTime? EndedUtc { get; set; }
    public string? Note { get; set; }

    /// <summary>The signed agreement (一协议): the uploaded document's file store key, its name, and its dates.</summary>
    public string? AgreementFileKey { get; set; }
    public string? AgreementFileName { get; set; }
    public DateOnly? AgreementSignedOn { get; set; }
    public DateOnly? AgreementStartsOn { get; set; }
    public DateOnly? AgreementEndsOn { get; set; }
    /// <summary>"六联六共" results, summarised by the community at year end.</summary>
    public string? Results { get; set; }
    public int Version { get; private set; }

    public void Touch() => Version++;
}

/// <summary>An item of a community's needs list (需求清单, e.g. 6 categories with 34 items) for a year.</summary>
public sealed class CommunityNeed : ISharedWithPairedUnits
{
    private CommunityNeed() { }

    public CommunityNeed(string divisionCode, string divisionPath, int year, string category, string item, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        Year = year;
        Category = category;
        Item = item;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public int Year { get; set; }
    /// <summary>The category (e.g. 就业帮扶, 助老服务, 环境整治): free text, grouped on screen.</summary>
    public string Category { get; set; } = "";
    public string Item { get; set; } = "";
    public string? Detail { get; set; }
    public DateTime CreatedUtc { get; private set; }
}

/// <summary>An item of a unit's resources list (资源清单) for a year: what it can offer communities.</summary>
public sealed class UnitResource : IUnitOwned, ISharedDownward
{
    private UnitResource() { }

    public UnitResource(CoBuildingUnit unit, int year, string category, string item, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        UnitId = unit.Id;
        DivisionPath = unit.DivisionPath;
        Year = year;
        Category = category;
        Item = item;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid? UnitId { get; private set; }
    /// <summary>The unit's county.</summary>
    public string DivisionPath { get; private set; } = "";
    public int Year { get; set; }
    public string Category { get; set; } = "";
    public string Item { get; set; } = "";
    public string? Detail { get; set; }
    public DateTime CreatedUtc { get; private set; }
}

public enum ProjectStatus
{
    Planned = 0,
    InProgress = 1,
    Completed = 2,
    Cancelled = 3,
}

/// <summary>A joint project (共建项目清单) of a pairing, matched from a need and a resource, tracked to completion.</summary>
public sealed class JointProject : IUnitOwned
{
    private JointProject() { }

    public JointProject(CoBuildingPairing pairing, int year, string title, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        PairingId = pairing.Id;
        UnitId = pairing.UnitId;
        DivisionCode = pairing.DivisionCode;
        DivisionPath = pairing.DivisionPath;
        Year = year;
        Title = title;
        Status = ProjectStatus.Planned;
        CreatedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public Guid PairingId { get; private set; }
    public Guid? UnitId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public int Year { get; set; }
    public string Title { get; set; } = "";
    public Guid? NeedId { get; set; }
    public Guid? ResourceId { get; set; }
    public DateOnly? DueOn { get; set; }
    public ProjectStatus Status { get; set; }
    /// <summary>0–100.</summary>
    public int ProgressPercent { get; set; }
    /// <summary>The latest progress note, or the completion summary.</summary>
    public string? ProgressNote { get; set; }
    /// <summary>People who benefited, recorded at completion.</summary>
    public int? Beneficiaries { get; set; }
    public DateTime? CompletedUtc { get; set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? UpdatedUtc { get; set; }
    public int Version { get; private set; }

    public void Touch() => Version++;
}

/// <summary>
/// 轮值主席: the paired unit chairing a community's co-building for one month. The community is reminded before the
/// month starts (<see cref="ReminderSentUtc"/> set once, by a conditional update, whichever node runs the job).
/// </summary>
public sealed class RotatingChairMonth : IUnitOwned, ISharedWithPairedUnits
{
    private RotatingChairMonth() { }

    public RotatingChairMonth(string divisionCode, string divisionPath, int year, int month, Guid unitId)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        Year = year;
        Month = month;
        UnitId = unitId;
    }

    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public int Year { get; private set; }
    /// <summary>1–12.</summary>
    public int Month { get; private set; }
    public Guid? UnitId { get; set; }
    /// <summary>The month's activity theme (活动计划主题).</summary>
    public string? Theme { get; set; }
    public DateTime? ReminderSentUtc { get; set; }
}

public enum MeetingKind
{
    /// <summary>联席会议, at least quarterly.</summary>
    JointMeeting = 0,
    /// <summary>The month's meeting convened by the rotating chair.</summary>
    ChairMeeting = 1,
}

/// <summary>A joint meeting of a community with its co-building units: attendees, minutes and decisions.</summary>
public sealed class JointMeeting : ISharedWithPairedUnits
{
    private JointMeeting() { }

    public JointMeeting(string divisionCode, string divisionPath, MeetingKind kind, DateOnly heldOn, string title, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        Kind = kind;
        HeldOn = heldOn;
        Title = title;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public MeetingKind Kind { get; private set; }
    public DateOnly HeldOn { get; set; }
    public string Title { get; set; } = "";
    public string? Place { get; set; }
    /// <summary>Who convened it (the county's liaison leader, or the chairing unit).</summary>
    public string? Convener { get; set; }
    public Guid? ChairUnitId { get; set; }
    public string? Minutes { get; set; }
    /// <summary>Decisions, one per line.</summary>
    public string? Decisions { get; set; }
    public DateTime CreatedUtc { get; private set; }
}

/// <summary>Who attended a joint meeting: a unit's representative, a part-time committee member, or community staff.</summary>
public sealed class JointMeetingAttendee(Guid meetingId, string divisionPath, string name)
{
    public Guid Id { get; private set; } = Guid.NewGuid();
    public Guid MeetingId { get; private set; } = meetingId;
    public string DivisionPath { get; private set; } = divisionPath;
    public string Name { get; set; } = name;
    public Guid? UnitId { get; set; }
    public Guid? CommitteeMemberId { get; set; }
}

public enum CommitteeMemberStatus
{
    Recommended = 0,
    Appointed = 1,
    Ended = 2,
}

/// <summary>
/// 兼职委员: a person recommended by a unit's party organisation to sit on the community party organisation part-time;
/// participation is their attendance at joint meetings (and later deliberation).
/// </summary>
public sealed class PartTimeCommitteeMember : IUnitOwned
{
    private PartTimeCommitteeMember() { }

    public PartTimeCommitteeMember(string divisionCode, string divisionPath, Guid unitId, string name, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        UnitId = unitId;
        Name = name;
        Status = CommitteeMemberStatus.Recommended;
        RecommendedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    /// <summary>The recommending unit.</summary>
    public Guid? UnitId { get; private set; }
    public Guid? PersonId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Post in the unit (e.g. 办公室主任).</summary>
    public string? Post { get; set; }
    /// <summary>Education (中专以上 is the seed's requirement).</summary>
    public string? Education { get; set; }
    /// <summary>What they take care of in the community (分工).</summary>
    public string? Duty { get; set; }
    public CommitteeMemberStatus Status { get; set; }
    public DateTime RecommendedUtc { get; private set; }
    public DateOnly? AppointedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
}

using Jiceng.Web.Platform.Scope;

namespace Jiceng.Web.Modules.Centres.Domain;

/// <summary>党群服务中心, 红色驿站, 佳家驿站, 小区党群工作站.</summary>
public enum CentreKind
{
    PartyMassServiceCentre = 0,
    RedStation = 1,
    JiajiaStation = 2,
    NeighbourhoodPartyStation = 3,
}

/// <summary>The "十有" standard: what a centre must have. Stored as a bit set; all ten is <see cref="All"/>.</summary>
[Flags]
public enum TenHave
{
    None = 0,
    PartyEmblem = 1,
    NationalFlag = 2,
    DesksAndChairs = 4,
    Computer = 8,
    HotWater = 16,
    Medicine = 32,
    ServiceGuide = 64,
    Workflow = 128,
    Reading = 256,
    FreeWifi = 512,
    All = 1023,
}

/// <summary>Which days an opening period or a duty shift applies to (from the working calendar).</summary>
public enum DayType
{
    Workday = 0,
    RestDay = 1,
    Holiday = 2,
}

/// <summary>
/// A party-mass service centre or station of a community. Its address and service phone are the public counter's, not a
/// person's, so they are not sealed. Areas and opening periods are child rows reached only through the centre.
/// </summary>
public sealed class ServiceCentre : IDivisionScoped
{
    private ServiceCentre() { }

    public ServiceCentre(string divisionCode, string divisionPath, CentreKind kind, string name, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        Kind = kind;
        Name = name;
        CreatedUtc = nowUtc;
        UpdatedUtc = nowUtc;
        IsActive = true;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public CentreKind Kind { get; set; }
    public string Name { get; set; } = "";
    public string? Address { get; set; }
    /// <summary>The centre's public service phone (a desk line), never a person's.</summary>
    public string? ServicePhone { get; set; }
    public TenHave Checklist { get; set; }
    public bool IsActive { get; set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime UpdatedUtc { get; set; }
    public int Version { get; private set; }
    public List<CentreArea> Areas { get; private set; } = [];
    public List<CentreOpeningPeriod> OpeningPeriods { get; private set; } = [];

    public void Touch(DateTime nowUtc)
    {
        Version++;
        UpdatedUtc = nowUtc;
    }
}

/// <summary>A function area or room of a centre (党群活动区, 政务服务区 …) with its floor area.</summary>
public sealed class CentreArea
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CentreId { get; set; }
    public string Name { get; set; } = "";
    public decimal AreaM2 { get; set; }
    /// <summary>Counts towards the activity area for the masses (群众活动面积), which must be ≥ 85 % of the total.</summary>
    public bool IsForMasses { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>An opening period on a kind of day; extended ones are the 延时、错时 service (lunch break, weekends, holidays).</summary>
public sealed class CentreOpeningPeriod
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CentreId { get; set; }
    public DayType DayType { get; set; }
    public TimeOnly Start { get; set; }
    public TimeOnly End { get; set; }
    public bool IsExtended { get; set; }
    public string? Note { get; set; }
}

/// <summary>A bookable room of a centre, or a standalone venue of the community (<see cref="CentreId"/> null).</summary>
public sealed class Room : IDivisionScoped
{
    private Room() { }

    public Room(string divisionCode, string divisionPath, Guid? centreId, string name, int capacity, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        CentreId = centreId;
        Name = name;
        Capacity = capacity;
        IsActive = true;
        CreatedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public Guid? CentreId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    /// <summary>Where a standalone venue is (a centre's room is at the centre).</summary>
    public string? Location { get; set; }
    public int Capacity { get; set; }
    public bool RequiresApproval { get; set; }
    /// <summary>The booker may cancel up to this many hours before the start.</summary>
    public int CancelHoursBefore { get; set; }
    /// <summary>How many days ahead a booking may start.</summary>
    public int MaxDaysAhead { get; set; }
    /// <summary>The longest booking in minutes.</summary>
    public int MaxMinutes { get; set; }
    /// <summary>Bookable hours, China time, on the days it is open.</summary>
    public TimeOnly OpenFrom { get; set; }
    public TimeOnly OpenTo { get; set; }
    public bool OpenOnRestDays { get; set; }
    public bool IsActive { get; set; }
    public DateTime CreatedUtc { get; private set; }
    /// <summary>Bumped by every booking of the room: the conditional update that serialises bookers.</summary>
    public int Version { get; private set; }

    public void Touch() => Version++;
}

public enum BookingStatus
{
    Pending = 0,
    Confirmed = 1,
    Rejected = 2,
    Cancelled = 3,
}

/// <summary>A booking of a room by an account, for themselves or a group. The booker and the community's staff see it.</summary>
public sealed class RoomBooking : IUserOwned
{
    private RoomBooking() { }

    public RoomBooking(Room room, Guid userId, string bookerName, string? groupName, string purpose, DateTime startUtc, DateTime endUtc, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        RoomId = room.Id;
        DivisionCode = room.DivisionCode;
        DivisionPath = room.DivisionPath;
        UserId = userId;
        BookerName = bookerName;
        GroupName = groupName;
        Purpose = purpose;
        StartUtc = startUtc;
        EndUtc = endUtc;
        Status = room.RequiresApproval ? BookingStatus.Pending : BookingStatus.Confirmed;
        CreatedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public Guid RoomId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public Guid? UserId { get; private set; }
    public string BookerName { get; private set; } = "";
    public string? GroupName { get; private set; }
    public string Purpose { get; private set; } = "";
    public DateTime StartUtc { get; private set; }
    public DateTime EndUtc { get; private set; }
    public BookingStatus Status { get; private set; }
    public string? DecisionReason { get; private set; }
    public Guid? DecidedByUserId { get; private set; }
    public DateTime? DecidedUtc { get; private set; }
    public DateTime? CancelledUtc { get; private set; }
    public bool CancelledByStaff { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public int Version { get; private set; }

    public static readonly BookingStatus[] Live = [BookingStatus.Pending, BookingStatus.Confirmed];
}

/// <summary>A duty shift of a centre (早班, 午间延时, 双休日 …) and on which kinds of day it must be staffed.</summary>
public sealed class DutyShift : IDivisionScoped
{
    private DutyShift() { }

    public DutyShift(ServiceCentre centre, string name, TimeOnly start, TimeOnly end)
    {
        Id = Guid.NewGuid();
        CentreId = centre.Id;
        DivisionCode = centre.DivisionCode;
        DivisionPath = centre.DivisionPath;
        Name = name;
        Start = start;
        End = end;
        IsActive = true;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public Guid CentreId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public string Name { get; set; } = "";
    public TimeOnly Start { get; set; }
    public TimeOnly End { get; set; }
    public bool RequiredOnWorkdays { get; set; }
    public bool RequiredOnRestDays { get; set; }
    public bool RequiredOnHolidays { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; }
    /// <summary>Bumped by every edit; an edit must name the version it read (If-Match), so two managers never overwrite each other.</summary>
    public int Version { get; private set; }

    public void Touch() => Version++;

    public bool RequiredOn(DayType day) => day switch
    {
        DayType.Workday => RequiredOnWorkdays,
        DayType.RestDay => RequiredOnRestDays,
        _ => RequiredOnHolidays,
    };
}

/// <summary>One staff account on duty for one shift on one China calendar day. The name is kept for the public page.</summary>
public sealed class DutyAssignment : IDivisionScoped
{
    private DutyAssignment() { }

    public DutyAssignment(DutyShift shift, DateOnly date, Guid userId, string staffName, string? post, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        ShiftId = shift.Id;
        CentreId = shift.CentreId;
        DivisionCode = shift.DivisionCode;
        DivisionPath = shift.DivisionPath;
        Date = date;
        UserId = userId;
        StaffName = staffName;
        Post = post;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid ShiftId { get; private set; }
    public Guid CentreId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public Guid UserId { get; private set; }
    public string StaffName { get; private set; } = "";
    /// <summary>The post shown on the public page (社区书记, 网格员 …).</summary>
    public string? Post { get; private set; }
    public DateTime CreatedUtc { get; private set; }
}

public enum DutySwapStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
    Withdrawn = 3,
}

/// <summary>
/// A request by the staff member of <see cref="FromAssignmentId"/> to swap with <see cref="ToAssignmentId"/> (the
/// counterpart's duty), or, without one, to hand the duty to <see cref="CounterpartUserId"/>.
/// </summary>
public sealed class DutySwap : IDivisionScoped
{
    private DutySwap() { }

    public DutySwap(DutyAssignment from, DutyAssignment? to, Guid requesterId, Guid counterpartId, string counterpartName, string? reason, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        CentreId = from.CentreId;
        DivisionCode = from.DivisionCode;
        DivisionPath = from.DivisionPath;
        FromAssignmentId = from.Id;
        ToAssignmentId = to?.Id;
        RequesterUserId = requesterId;
        CounterpartUserId = counterpartId;
        CounterpartName = counterpartName;
        Reason = reason;
        Status = DutySwapStatus.Pending;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid CentreId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public Guid FromAssignmentId { get; private set; }
    public Guid? ToAssignmentId { get; private set; }
    public Guid RequesterUserId { get; private set; }
    public Guid CounterpartUserId { get; private set; }
    public string CounterpartName { get; private set; } = "";
    public string? Reason { get; private set; }
    public DutySwapStatus Status { get; private set; }
    public Guid? DecidedByUserId { get; private set; }
    public DateTime? DecidedUtc { get; private set; }
    public string? DecisionNote { get; private set; }
    public DateTime CreatedUtc { get; private set; }
}

/// <summary>The gap warning for one shift on one day was sent: the unique key makes it once only across nodes.</summary>
public sealed class DutyGapNotice
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShiftId { get; set; }
    public DateOnly Date { get; set; }
    public DateTime SentUtc { get; set; }
}

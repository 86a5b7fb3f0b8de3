using Jiceng.Web.Platform.Scope;

namespace Jiceng.Web.Modules.ServiceHall.Domain;

/// <summary>直接办理 (the community decides it at the window) or 代办 (the community takes it to the office that decides).</summary>
public enum ServiceItemKind
{
    Direct = 0,
    OnBehalf = 1,
}

/// <summary>
/// One item of a community's service catalogue, with what to bring ("一次性告知") and the legal time limit ("限时办结").
/// <see cref="Code"/> is the county catalogue's code of the item: the same item offered by several communities keeps its
/// code, so county figures count distinct items instead of per-community copies.
/// </summary>
public sealed class ServiceItem : IDivisionScoped
{
    private ServiceItem() { }

    public ServiceItem(string divisionCode, string divisionPath, string code, string name, string category, ServiceItemKind kind, int timeLimitDays, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        Code = code;
        Name = name;
        Category = category;
        Kind = kind;
        TimeLimitDays = timeLimitDays;
        IsActive = true;
        CreatedUtc = nowUtc;
        UpdatedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>社保, 民政, 优抚, 户籍, 卫生健康, 残联, 计生, 就业, 老龄 …</summary>
    public string Category { get; set; } = "";
    public ServiceItemKind Kind { get; set; }
    /// <summary>What to bring, in order: the "一次性告知" checklist.</summary>
    public List<string> Materials { get; set; } = [];
    /// <summary>The legal time limit in working days.</summary>
    public int TimeLimitDays { get; set; }
    /// <summary>The post that answers for it (社保专干, 民政专干 …).</summary>
    public string ResponsiblePost { get; set; } = "";
    public bool Bookable { get; set; }
    public string? LegalBasis { get; set; }
    public string? Notes { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime UpdatedUtc { get; private set; }
    public int Version { get; private set; }

    public void Touch(DateTime nowUtc)
    {
        UpdatedUtc = nowUtc;
        Version++;
    }
}

/// <summary>
/// A time a bookable item can be done at the window, with a capacity. <see cref="BookedCount"/> moves only by conditional
/// updates (below the capacity), so concurrent bookings cannot overbook.
/// </summary>
public sealed class ServiceSlot : IDivisionScoped
{
    private ServiceSlot() { }

    public ServiceSlot(ServiceItem item, DateOnly date, DateTime startUtc, DateTime endUtc, int capacity, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        ItemId = item.Id;
        DivisionCode = item.DivisionCode;
        DivisionPath = item.DivisionPath;
        Date = date;
        StartUtc = startUtc;
        EndUtc = endUtc;
        Capacity = capacity;
        CreatedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public Guid ItemId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    /// <summary>The China calendar day of the slot.</summary>
    public DateOnly Date { get; private set; }
    public DateTime StartUtc { get; private set; }
    public DateTime EndUtc { get; private set; }
    public int Capacity { get; private set; }
    public int BookedCount { get; private set; }
    public bool IsCancelled { get; set; }
    public DateTime CreatedUtc { get; private set; }
    public int Version { get; private set; }
}

public enum AppointmentStatus
{
    Booked = 0,
    Cancelled = 1,
    Attended = 2,
    NoShow = 3,
    /// <summary>The office cancelled the whole slot (the post holder was called away): <see cref="Appointment.CancelReason"/> says why.</summary>
    CancelledByOffice = 4,
}

/// <summary>A resident's booking of a slot (预约办理). The account sees its own; staff of the community see all.</summary>
public sealed class Appointment : IUserOwned
{
    private Appointment() { }

    public Appointment(ServiceSlot slot, Guid userId, Guid? personId, string name, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        SlotId = slot.Id;
        ItemId = slot.ItemId;
        DivisionCode = slot.DivisionCode;
        DivisionPath = slot.DivisionPath;
        SlotStartUtc = slot.StartUtc;
        SlotEndUtc = slot.EndUtc;
        UserId = userId;
        PersonId = personId;
        Name = name;
        Status = AppointmentStatus.Booked;
        BookedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid SlotId { get; private set; }
    public Guid ItemId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public DateTime SlotStartUtc { get; private set; }
    public DateTime SlotEndUtc { get; private set; }
    public Guid? UserId { get; private set; }
    public Guid? PersonId { get; private set; }
    /// <summary>The resident's name (shown masked to staff lists).</summary>
    public string Name { get; private set; } = "";
    public AppointmentStatus Status { get; private set; }
    public DateTime BookedUtc { get; private set; }
    public DateTime? CancelledUtc { get; private set; }
    /// <summary>Why the office cancelled the slot (only with <see cref="AppointmentStatus.CancelledByOffice"/>); shown to the resident.</summary>
    public string? CancelReason { get; private set; }
    public DateTime? MarkedUtc { get; private set; }
    public Guid? MarkedByUserId { get; private set; }
    /// <summary>Set once by the reminder job's conditional update: one reminder across nodes.</summary>
    public DateTime? ReminderSentUtc { get; private set; }
}

public enum HelpOrderStatus
{
    Open = 0,
    InProgress = 1,
    HandedToDepartment = 2,
    Done = 3,
    CannotDo = 4,
}

/// <summary>
/// A help-on-behalf order (帮办代办): opened by the first staff member asked, who stays responsible (首问负责) until they
/// hand it over explicitly; due after the item's time limit in working days. The resident's account (if any) sees it.
/// </summary>
public sealed class HelpOrder : IUserOwned
{
    private HelpOrder() { }

    public HelpOrder(string divisionCode, string divisionPath, string number, string title, int timeLimitDays, DateTime openedUtc, DateTime dueUtc,
        DateTime warnFromUtc, Guid? openedBy, string openedByName)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        Number = number;
        Title = title;
        TimeLimitDays = timeLimitDays;
        OpenedUtc = openedUtc;
        DueUtc = dueUtc;
        WarnFromUtc = warnFromUtc;
        OpenedByUserId = openedBy;
        OpenedByName = openedByName;
        ResponsibleUserId = openedBy;
        ResponsibleName = openedByName;
        Status = HelpOrderStatus.Open;
        UpdatedUtc = openedUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public string Number { get; private set; } = "";
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public Guid? ItemId { get; set; }
    public string Title { get; set; } = "";
    public string? Details { get; set; }
    public string ResidentName { get; set; } = "";
    /// <summary>Sealed.</summary>
    public string? ResidentPhone { get; set; }
    public Guid? PersonId { get; set; }
    /// <summary>The resident's account: they follow the order in 我的 and are told the result.</summary>
    public Guid? UserId { get; set; }
    public int TimeLimitDays { get; private set; }
    public DateTime OpenedUtc { get; private set; }
    public DateTime DueUtc { get; private set; }
    /// <summary>From here one working day or less is left: the light turns yellow.</summary>
    public DateTime WarnFromUtc { get; private set; }
    public Guid? OpenedByUserId { get; private set; }
    public string OpenedByName { get; private set; } = "";
    public Guid? ResponsibleUserId { get; set; }
    public string ResponsibleName { get; set; } = "";
    public HelpOrderStatus Status { get; set; }
    public long? CaseId { get; set; }
    public string? CaseNumber { get; set; }
    public string? Result { get; set; }
    public DateTime? CompletedUtc { get; set; }
    public bool? CompletedLate { get; set; }
    public DateTime UpdatedUtc { get; private set; }
    public int Version { get; private set; }

    public bool IsFinished => Status is HelpOrderStatus.Done or HelpOrderStatus.CannotDo;

    public void Touch(DateTime nowUtc)
    {
        UpdatedUtc = nowUtc;
        Version++;
    }
}

public enum HardRequestOutcome
{
    Pending = 0,
    /// <summary>办成了.</summary>
    Solved = 1,
    /// <summary>Explained why it cannot be done (政策解释).</summary>
    Explained = 2,
    /// <summary>Referred to whoever can (转交).</summary>
    Referred = 3,
}

/// <summary>
/// A request at the "办不成事" window: something nobody else could handle (小区设置充电桩, 移除挡路电线杆 …), who takes it,
/// and how it ended.
/// </summary>
public sealed class HardRequest : IDivisionScoped
{
    private HardRequest() { }

    public HardRequest(string divisionCode, string divisionPath, string subject, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        Subject = subject;
        CreatedUtc = nowUtc;
        UpdatedUtc = nowUtc;
        Outcome = HardRequestOutcome.Pending;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public string AskerName { get; set; } = "";
    /// <summary>Sealed.</summary>
    public string? AskerPhone { get; set; }
    public string Subject { get; set; } = "";
    public string? Details { get; set; }
    /// <summary>Which window or department refused it, or why it was stuck.</summary>
    public string StuckReason { get; set; } = "";
    public Guid? TakenByUserId { get; set; }
    public string? TakenByName { get; set; }
    public HardRequestOutcome Outcome { get; set; }
    public string? OutcomeNote { get; set; }
    public DateOnly? OutcomeDate { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime UpdatedUtc { get; private set; }
    public int Version { get; private set; }

    public void Touch(DateTime nowUtc)
    {
        UpdatedUtc = nowUtc;
        Version++;
    }
}

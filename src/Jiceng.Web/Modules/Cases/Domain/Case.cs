using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Platform.Time;

namespace Jiceng.Web.Modules.Cases.Domain;

/// <summary>Who is acting on a case, as the timeline records it.</summary>
public sealed record CaseActor(Guid? UserId, string Name, IReadOnlyCollection<string> Roles, string? Unit, Guid? DepartmentId, bool IsReporter = false)
{
    public bool Has(params string[] roles) => roles.Any(Roles.Contains);
    public static CaseActor Reporter(string name = "报告人") => new(null, name, [], null, null, IsReporter: true);
}

/// <summary>The clock and calendar a transition needs to set its deadlines.</summary>
public interface ICaseClock
{
    DateTime UtcNow { get; }
    DateTime Deadline(DateTime startUtc, int amount, TimeLimitUnit unit);
    /// <summary>Points the clock at the working calendar of the case's county; the workflow calls it before a transition.</summary>
    Task UseCalendarOfAsync(string divisionCode, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// A resident's problem and the whole loop around it (PRODUCT.md §2). Every transition is a method that
/// checks the state and the actor's role, changes the case, bumps <see cref="Version"/> (optimistic
/// concurrency) and appends to the timeline. A refused transition returns an error and changes nothing.
/// </summary>
public sealed class Case : IDivisionScoped
{
    public const int MaxReopens = 1;
    private readonly List<CaseEvent> _timeline = [];
    private readonly List<CaseDepartment> _departments = [];

    private Case() { }

    public long Id { get; private set; }
    /// <summary>Incremented by every change; the database refuses an update based on an older version.</summary>
    public int Version { get; private set; }
    public string TrackingCode { get; private set; } = "";
    public string CategoryCode { get; private set; } = "";
    public CasePriority Priority { get; private set; }
    public string Description { get; private set; } = "";
    public CaseChannel Channel { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public Guid? ReporterUserId { get; private set; }
    /// <summary>Personal data: encrypted at rest by the context's converter.</summary>
    public string? ReporterName { get; private set; }
    public string? ReporterPhone { get; private set; }
    public string? Address { get; private set; }
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }
    /// <summary>The grid the location falls in (found from the point, or given by a grid/building QR code); null when unknown.</summary>
    public Guid? GridId { get; private set; }

    public CaseStatus Status { get; private set; }
    public LocalHandling? LocalHandling { get; private set; }
    public EscalationLevel EscalationLevel { get; private set; }
    public Guid? LeadDepartmentId { get; private set; }

    public DateTime CreatedUtc { get; private set; }
    public DateTime? AcceptedUtc { get; private set; }
    public DateTime? DispatchedUtc { get; private set; }
    public DateTime? ClaimedUtc { get; private set; }
    public DateTime? ResolvedUtc { get; private set; }
    public DateTime? ClosedUtc { get; private set; }
    public DateTime? ResponseDueUtc { get; private set; }
    public DateTime? HandlingDueUtc { get; private set; }

    public int HandlingAmount { get; private set; }
    public TimeLimitUnit HandlingUnit { get; private set; }
    public int ResponseAmount { get; private set; }
    public TimeLimitUnit ResponseUnit { get; private set; }

    public int ReturnCount { get; private set; }
    public int ReworkCount { get; private set; }
    public int ReopenCount { get; private set; }
    public int EscalationCount { get; private set; }
    public int? PendingExtensionAmount { get; private set; }
    public TimeLimitUnit? PendingExtensionUnit { get; private set; }

    public Satisfaction? Satisfaction { get; private set; }
    public bool? Solved { get; private set; }
    public long? MasterCaseId { get; private set; }
    public string? ParkPlan { get; private set; }

    /// <summary>督办: the county supervises this case; it goes to the top of its handler's queue.</summary>
    public DateTime? SupervisedUtc { get; private set; }

    /// <summary>
    /// Queue order, first key: 0 open under supervision (督办, on top), 1 open, 2 finished (closed, rejected, merged:
    /// in no open queue). Stored with <see cref="QueueDueUtc"/> (here and on each department row) so that a queue's
    /// first page is a range of an index instead of a sort of every open case.
    /// </summary>
    public int QueueTier { get; private set; }
    /// <summary>Queue order, second key: the handling deadline, or <see cref="NoDeadline"/> (last) when there is none.</summary>
    public DateTime QueueDueUtc { get; private set; }

    public static readonly DateTime NoDeadline = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);
    /// <summary>The tiers of open cases (an IN list an index serves).</summary>
    public static readonly int[] OpenQueueTiers = [0, 1];
    public const int FinishedTier = 2;
    public string? SupervisionNote { get; private set; }
    /// <summary>Set once by the deadline monitor, so a reminder, a late claim or an overdue case is recorded once.</summary>
    public DateTime? RemindedUtc { get; private set; }
    public DateTime? LateResponseRecordedUtc { get; private set; }
    public DateTime? OverdueRecordedUtc { get; private set; }

    public IReadOnlyList<CaseEvent> Timeline => _timeline;
    public IReadOnlyList<CaseDepartment> Departments => _departments;

    /// <summary>The public case number: local date of receipt and the sequence, e.g. 20261122-0000042.</summary>
    public string Number => FormatNumber(CreatedUtc, Id);

    public static string FormatNumber(DateTime createdUtc, long id) =>
        $"{WorkingCalendar.LocalDate(createdUtc):yyyyMMdd}-{id:D7}";

    public static Case Submit(CaseCategory category, string description, string divisionCode, string divisionPath, CaseChannel channel,
        CaseActor reporter, string? reporterName, string? reporterPhone, string? address, double? latitude, double? longitude,
        string trackingCode, DateTime nowUtc, IReadOnlyCollection<string>? attachments = null)
    {
        var @case = new Case
        {
            TrackingCode = trackingCode,
            CategoryCode = category.Code,
            Priority = category.Priority,
            Description = description,
            Channel = channel,
            DivisionCode = divisionCode,
            DivisionPath = divisionPath,
            ReporterUserId = reporter.UserId,
            ReporterName = reporterName,
            ReporterPhone = reporterPhone,
            Address = address,
            Latitude = latitude,
            Longitude = longitude,
            Status = CaseStatus.Submitted,
            EscalationLevel = EscalationLevel.Community,
            CreatedUtc = nowUtc,
            HandlingAmount = category.HandlingAmount,
            HandlingUnit = category.HandlingUnit,
            ResponseAmount = category.ResponseAmount,
            ResponseUnit = category.ResponseUnit,
            Version = 1,
        };
        @case.Record(reporter, nowUtc, CaseActions.Submit, null, description.Length > 200 ? description[..200] : description, attachments);
        @case.RefreshQueueKeys();
        return @case;
    }

    /// <summary>Places the case in a grid of its community (at intake, from the location).</summary>
    public void PlaceInGrid(Guid? gridId) => GridId = gridId;

    // ---- Community: accept (转哨) or reject -------------------------------------------------------------

    public Error? Accept(CaseActor actor, LocalHandling? handleIn, string? note, ICaseClock clock)
    {
        if (Guard(CaseActions.Accept, actor) is { } error) return error;
        var from = Status;
        AcceptedUtc = clock.UtcNow;
        HandlingDueUtc = clock.Deadline(clock.UtcNow, HandlingAmount, HandlingUnit);
        if (handleIn is { } local)
        {
            LocalHandling = local;
            Status = CaseStatus.InProgress;
            ClaimedUtc = clock.UtcNow;
        }
        else
        {
            Status = CaseStatus.Accepted;
            // The community has whistled (吹哨): the street dispatches.
            EscalationLevel = EscalationLevel.Street;
        }
        return Changed(actor, clock.UtcNow, CaseActions.Accept, from, note ?? (handleIn is null ? null : $"handle in {handleIn}"));
    }

    public Error? Reject(CaseActor actor, string? reason, DateTime nowUtc)
    {
        if (Guard(CaseActions.Reject, actor) is { } error) return error;
        if (string.IsNullOrWhiteSpace(reason)) return CaseErrors.ReasonRequired;
        var from = Status;
        Status = CaseStatus.Rejected;
        ClosedUtc = nowUtc;
        return Changed(actor, nowUtc, CaseActions.Reject, from, reason);
    }

    // ---- Escalation and dispatch (派单) ------------------------------------------------------------------

    public Error? Escalate(CaseActor actor, string? note, DateTime nowUtc)
    {
        if (Guard(CaseActions.Escalate, actor) is { } error) return error;
        var target = EscalationTarget(actor);
        var from = Status;
        EscalationLevel = target;
        EscalationCount++;
        LocalHandling = null;
        Status = CaseStatus.Accepted;
        return Changed(actor, nowUtc, CaseActions.Escalate, from, note);
    }

    public Error? Dispatch(CaseActor actor, Guid leadDepartmentId, IReadOnlyCollection<Guid> assisting, string? note, ICaseClock clock)
    {
        if (Guard(CaseActions.Dispatch, actor) is { } error) return error;
        if (assisting.Contains(leadDepartmentId)) return Error.Validation("主办部门不能同时作为协办部门 / The lead department cannot also assist.");
        var from = Status;
        _departments.Clear();
        _departments.Add(new CaseDepartment(leadDepartmentId, CaseDepartmentRole.Lead));
        _departments.AddRange(assisting.Distinct().Select(d => new CaseDepartment(d, CaseDepartmentRole.Assisting)));
        LeadDepartmentId = leadDepartmentId;
        LocalHandling = null;
        Status = CaseStatus.Dispatched;
        DispatchedUtc = clock.UtcNow;
        ClaimedUtc = null;
        ResponseDueUtc = clock.Deadline(clock.UtcNow, ResponseAmount, ResponseUnit);
        HandlingDueUtc ??= clock.Deadline(clock.UtcNow, HandlingAmount, HandlingUnit);
        return Changed(actor, clock.UtcNow, CaseActions.Dispatch, from, note);
    }

    // ---- Department: claim (签收) or return (退单) ---------------------------------------------------------

    public Error? Claim(CaseActor actor, string? note, DateTime nowUtc)
    {
        if (Guard(CaseActions.Claim, actor) is { } error) return error;
        var from = Status;
        Status = CaseStatus.InProgress;
        ClaimedUtc = nowUtc;
        return Changed(actor, nowUtc, CaseActions.Claim, from, note);
    }

    public Error? Return(CaseActor actor, string? reason, DateTime nowUtc)
    {
        if (Guard(CaseActions.Return, actor) is { } error) return error;
        if (string.IsNullOrWhiteSpace(reason)) return CaseErrors.ReasonRequired;
        var from = Status;
        ReturnCount++;
        Status = CaseStatus.Accepted;
        LeadDepartmentId = null;
        _departments.Clear();
        ResponseDueUtc = null;
        return Changed(actor, nowUtc, CaseActions.Return, from, reason);
    }

    // ---- Handling -----------------------------------------------------------------------------------

    public Error? Progress(CaseActor actor, string? note, IReadOnlyCollection<string> attachments, DateTime nowUtc)
    {
        if (Guard(CaseActions.Progress, actor) is { } error) return error;
        if (string.IsNullOrWhiteSpace(note) && attachments.Count == 0) return Error.Validation("请填写进展说明或上传照片 / A progress note or a photo is required.");
        return Changed(actor, nowUtc, CaseActions.Progress, Status, note, attachments);
    }

    /// <summary>The handler asks for more time; the dispatcher (street or county) decides.</summary>
    public Error? RequestExtension(CaseActor actor, int amount, TimeLimitUnit unit, string? reason, DateTime nowUtc)
    {
        if (Guard(ExtendAsk, actor) is { } error) return error;
        if (amount is < 1 or > 90) return Error.Validation("延期须为 1 至 90 / An extension is 1 to 90 units.");
        if (string.IsNullOrWhiteSpace(reason)) return CaseErrors.ReasonRequired;
        PendingExtensionAmount = amount;
        PendingExtensionUnit = unit;
        return Changed(actor, nowUtc, CaseActions.Extend, Status, $"request {amount} {unit}: {reason}");
    }

    public Error? DecideExtension(CaseActor actor, bool approve, string? note, ICaseClock clock)
    {
        if (Guard(ExtendDecide, actor) is { } error) return error;
        var (amount, unit) = (PendingExtensionAmount!.Value, PendingExtensionUnit!.Value);
        if (approve)
        {
            HandlingDueUtc = clock.Deadline(HandlingDueUtc ?? clock.UtcNow, amount, unit);
        }
        PendingExtensionAmount = null;
        PendingExtensionUnit = null;
        return Changed(actor, clock.UtcNow, CaseActions.Extend, Status, (approve ? "approved" : "denied") + (note is null ? "" : ": " + note));
    }

    public Error? Resolve(CaseActor actor, string? note, IReadOnlyCollection<string> attachments, DateTime nowUtc)
    {
        if (Guard(CaseActions.Resolve, actor) is { } error) return error;
        if (string.IsNullOrWhiteSpace(note) && attachments.Count == 0) return Error.Validation("办结申请须有说明或照片作为依据 / Evidence (a note or a photo) is required to report a case done.");
        var from = Status;
        Status = CaseStatus.Resolved;
        ResolvedUtc = nowUtc;
        PendingExtensionAmount = null;
        PendingExtensionUnit = null;
        return Changed(actor, nowUtc, CaseActions.Resolve, from, note, attachments);
    }

    // ---- Verification on site (核查) and rework (返工) -----------------------------------------------------

    public Error? Verify(CaseActor actor, string? note, IReadOnlyCollection<string> attachments, DateTime nowUtc)
    {
        if (Guard(CaseActions.Verify, actor) is { } error) return error;
        var from = Status;
        Status = CaseStatus.Verified;
        return Changed(actor, nowUtc, CaseActions.Verify, from, note, attachments);
    }

    public Error? Rework(CaseActor actor, string? reason, IReadOnlyCollection<string> attachments, DateTime nowUtc)
    {
        if (Guard(CaseActions.Rework, actor) is { } error) return error;
        if (string.IsNullOrWhiteSpace(reason)) return CaseErrors.ReasonRequired;
        var from = Status;
        ReworkCount++;
        Status = CaseStatus.InProgress;
        ResolvedUtc = null;
        return Changed(actor, nowUtc, CaseActions.Rework, from, reason, attachments);
    }

    // ---- Feedback (反馈), rating (回访), reopening (重办) ------------------------------------------------------

    public Error? Feedback(CaseActor actor, string? note, DateTime nowUtc)
    {
        if (Guard(CaseActions.Feedback, actor) is { } error) return error;
        if (string.IsNullOrWhiteSpace(note)) return Error.Validation("请填写反馈给群众的内容 / Feedback to the reporter needs a message.");
        var from = Status;
        Status = CaseStatus.FeedbackGiven;
        return Changed(actor, nowUtc, CaseActions.Feedback, from, note);
    }

    /// <summary>The reporter rates through the tracking code, or staff record the call-back (回访).</summary>
    public Error? Rate(CaseActor actor, Satisfaction satisfaction, bool solved, string? note, DateTime nowUtc)
    {
        if (Guard(CaseActions.Rate, actor) is { } error) return error;
        var from = Status;
        Satisfaction = satisfaction;
        Solved = solved;
        Status = CaseStatus.Closed;
        ClosedUtc = nowUtc;
        return Changed(actor, nowUtc, CaseActions.Rate, from, $"{satisfaction}, solved={solved.ToString().ToLowerInvariant()}" + (note is null ? "" : ": " + note));
    }

    /// <summary>An unsatisfied or unsolved case may be reopened once; it goes back to whoever handled it.</summary>
    public Error? Reopen(CaseActor actor, string? reason, ICaseClock clock)
    {
        if (Guard(CaseActions.Reopen, actor) is { } error) return error;
        if (string.IsNullOrWhiteSpace(reason)) return CaseErrors.ReasonRequired;
        var from = Status;
        ReopenCount++;
        Satisfaction = null;
        Solved = null;
        ClosedUtc = null;
        ResolvedUtc = null;
        HandlingDueUtc = clock.Deadline(clock.UtcNow, HandlingAmount, HandlingUnit);
        if (LeadDepartmentId is not null)
        {
            Status = CaseStatus.Dispatched;
            DispatchedUtc = clock.UtcNow;
            ClaimedUtc = null;
            ResponseDueUtc = clock.Deadline(clock.UtcNow, ResponseAmount, ResponseUnit);
        }
        else
        {
            Status = CaseStatus.InProgress;
        }
        return Changed(actor, clock.UtcNow, CaseActions.Reopen, from, reason);
    }

    // ---- Duplicates and long-term problems --------------------------------------------------------------

    public Error? MergeInto(CaseActor actor, Case master, string? note, DateTime nowUtc)
    {
        if (Guard(CaseActions.Merge, actor) is { } error) return error;
        if (master.Id == Id || master.Status is CaseStatus.Merged or CaseStatus.Rejected) return Error.Validation("只能合并到另一件未关闭的诉求 / A case merges into another open case.");
        var from = Status;
        MasterCaseId = master.Id;
        Status = CaseStatus.Merged;
        ClosedUtc = nowUtc;
        master.Record(actor, nowUtc, CaseActions.Merge, master.Status, $"merged duplicate {Number}", null);
        master.Version++;
        return Changed(actor, nowUtc, CaseActions.Merge, from, note ?? $"duplicate of {master.Number}");
    }

    public Error? Park(CaseActor actor, string? plan, DateTime nowUtc)
    {
        if (Guard(CaseActions.Park, actor) is { } error) return error;
        if (string.IsNullOrWhiteSpace(plan)) return Error.Validation("挂账须填写计划 / Parking a case needs a plan.");
        var from = Status;
        ParkPlan = plan;
        Status = CaseStatus.Parked;
        return Changed(actor, nowUtc, CaseActions.Park, from, plan);
    }

    // ---- Supervision (督办) and the deadline monitor's marks --------------------------------------------------

    public static readonly CaseStatus[] OpenStatuses = [CaseStatus.Submitted, CaseStatus.Accepted, CaseStatus.Dispatched, CaseStatus.InProgress, CaseStatus.Resolved];

    public Error? Supervise(CaseActor actor, string? note, DateTime nowUtc)
    {
        if (Guard(CaseActions.Supervise, actor) is { } error) return error;
        if (string.IsNullOrWhiteSpace(note)) return Error.Validation("督办须填写督办要求 / A supervision order needs its instruction.");
        SupervisedUtc = nowUtc;
        SupervisionNote = note;
        return Changed(actor, nowUtc, CaseActions.Supervise, Status, note);
    }

    internal void MarkReminded(DateTime nowUtc) => RemindedUtc = nowUtc;

    internal void MarkLateResponse(DateTime nowUtc) => LateResponseRecordedUtc = nowUtc;

    internal void MarkOverdue(DateTime nowUtc) => OverdueRecordedUtc = nowUtc;

    // ---- helpers ---------------------------------------------------------------------------------------

    private const string ExtendAsk = CaseActions.Extend + ":request";
    private const string ExtendDecide = CaseActions.Extend + ":decide";

    /// <summary>
    /// The transitions this actor may take now, in <see cref="CaseActions.Transitions"/> order: the same checks the
    /// transitions make, so the console and API clients offer exactly what would be accepted (inputs aside).
    /// </summary>
    public IReadOnlyList<string> ActionsFor(CaseActor actor) =>
        CaseActions.Transitions.Where(action => action == CaseActions.Extend
                ? Guard(ExtendAsk, actor) is null || Guard(ExtendDecide, actor) is null
                : Guard(action, actor) is null)
            .ToList();

    /// <summary>
    /// Every role and state rule of the loop, in one place. Role first (forbidden), then state
    /// (invalid_transition): a resident never learns more than "no".
    /// </summary>
    private Error? Guard(string action, CaseActor actor) => action switch
    {
        CaseActions.Accept or CaseActions.Reject => Refuse(actor, action, [CaseStatus.Submitted], Roles.CommunityStaff, Roles.StreetStaff, Roles.CountyAdmin),
        CaseActions.Escalate => Refuse(actor, action, [CaseStatus.Accepted, CaseStatus.InProgress], Roles.CommunityStaff, Roles.StreetStaff)
            ?? (Status == CaseStatus.InProgress && LocalHandling is null ? CaseErrors.Invalid(action, Status) : null)
            ?? (Status == CaseStatus.Accepted && EscalationTarget(actor) <= EscalationLevel ? CaseErrors.Invalid(action, Status) : null),
        CaseActions.Dispatch => Refuse(actor, action, [CaseStatus.Accepted, CaseStatus.Parked], Roles.StreetStaff, Roles.CountyAdmin)
            ?? (EscalationLevel == EscalationLevel.County && !actor.Has(Roles.CountyAdmin) ? CaseErrors.Forbidden(action) : null),
        CaseActions.Claim or CaseActions.Return => Refuse(actor, action, [CaseStatus.Dispatched], Roles.DepartmentHandler)
            ?? (IsLead(actor) ? null : CaseErrors.Forbidden(action)),
        CaseActions.Progress => Refuse(actor, action, [CaseStatus.InProgress], Roles.DepartmentHandler, Roles.CommunityStaff, Roles.GridWorker, Roles.StreetStaff)
            ?? (IsHandler(actor, includeAssisting: true) ? null : CaseErrors.Forbidden(action)),
        ExtendAsk => Refuse(actor, CaseActions.Extend, [CaseStatus.InProgress], Roles.DepartmentHandler, Roles.CommunityStaff, Roles.GridWorker)
            ?? (IsHandler(actor, includeAssisting: false) ? null : CaseErrors.Forbidden(CaseActions.Extend))
            ?? (PendingExtensionAmount is null ? null : CaseErrors.Invalid(CaseActions.Extend, Status)),
        ExtendDecide => Refuse(actor, CaseActions.Extend, [CaseStatus.InProgress], Roles.StreetStaff, Roles.CountyAdmin)
            ?? (PendingExtensionAmount is not null && PendingExtensionUnit is not null ? null : CaseErrors.Invalid(CaseActions.Extend, Status)),
        CaseActions.Resolve => Refuse(actor, action, [CaseStatus.InProgress], Roles.DepartmentHandler, Roles.CommunityStaff, Roles.GridWorker, Roles.StreetStaff)
            ?? (IsHandler(actor, includeAssisting: false) ? null : CaseErrors.Forbidden(action)),
        CaseActions.Verify or CaseActions.Rework => Refuse(actor, action, [CaseStatus.Resolved], Roles.GridWorker, Roles.CommunityStaff, Roles.StreetStaff),
        CaseActions.Feedback => Refuse(actor, action, [CaseStatus.Verified], Roles.CommunityStaff, Roles.StreetStaff, Roles.GridWorker),
        CaseActions.Rate => !actor.IsReporter && !actor.Has(Roles.CommunityStaff, Roles.StreetStaff, Roles.CountyAdmin) ? CaseErrors.Forbidden(action)
            : Status == CaseStatus.FeedbackGiven ? null : CaseErrors.Invalid(action, Status),
        CaseActions.Reopen => Refuse(actor, action, [CaseStatus.Closed], Roles.CommunityStaff, Roles.StreetStaff, Roles.CountyAdmin)
            ?? (ReopenCount >= MaxReopens || Satisfaction is null || (Satisfaction != Domain.Satisfaction.Unsatisfied && Solved == true)
                ? CaseErrors.Invalid(action, Status) : null),
        CaseActions.Merge => Refuse(actor, action, [CaseStatus.Submitted, CaseStatus.Accepted, CaseStatus.Dispatched, CaseStatus.InProgress],
            Roles.CommunityStaff, Roles.StreetStaff, Roles.CountyAdmin),
        CaseActions.Park => Refuse(actor, action, [CaseStatus.Accepted, CaseStatus.Dispatched, CaseStatus.InProgress], Roles.StreetStaff, Roles.CountyAdmin),
        CaseActions.Supervise => Refuse(actor, action, OpenStatuses, Roles.CountyAdmin),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a transition."),
    };

    private static EscalationLevel EscalationTarget(CaseActor actor) => actor.Has(Roles.StreetStaff) ? EscalationLevel.County : EscalationLevel.Street;

    private bool IsLead(CaseActor actor) => actor.DepartmentId is { } d && d == LeadDepartmentId;

    private bool IsHandler(CaseActor actor, bool includeAssisting)
    {
        if (LocalHandling is not null)
        {
            return actor.Has(Roles.CommunityStaff, Roles.GridWorker, Roles.StreetStaff);
        }
        return actor.DepartmentId is { } d && _departments.Any(x => x.DepartmentId == d && (includeAssisting || x.Role == CaseDepartmentRole.Lead));
    }

    private Error? Refuse(CaseActor actor, string action, CaseStatus[] allowedFrom, params string[] roles)
    {
        if (!actor.Has(roles)) return CaseErrors.Forbidden(action);
        return allowedFrom.Contains(Status) ? null : CaseErrors.Invalid(action, Status);
    }

    private Error? Changed(CaseActor actor, DateTime nowUtc, string action, CaseStatus from, string? note, IReadOnlyCollection<string>? attachments = null)
    {
        Version++;
        RefreshQueueKeys();
        Record(actor, nowUtc, action, from, note, attachments);
        return null;
    }

    private void RefreshQueueKeys()
    {
        QueueTier = Status is CaseStatus.Closed or CaseStatus.Rejected or CaseStatus.Merged ? FinishedTier : SupervisedUtc is null ? 1 : 0;
        QueueDueUtc = HandlingDueUtc ?? NoDeadline;
        foreach (var department in _departments) department.FollowQueue(QueueTier, QueueDueUtc);
    }

    private void Record(CaseActor actor, DateTime nowUtc, string action, CaseStatus? from, string? note, IReadOnlyCollection<string>? attachments) =>
        _timeline.Add(new CaseEvent(nowUtc, action, from, Status, actor, note, attachments));
}

/// <summary>A department on a dispatched case: the lead (主办) or an assisting one (协办).</summary>
public sealed class CaseDepartment
{
    private CaseDepartment() { }
    public CaseDepartment(Guid departmentId, CaseDepartmentRole role) { DepartmentId = departmentId; Role = role; }
    public long Id { get; private set; }
    public long CaseId { get; private set; }
    public Guid DepartmentId { get; private set; }
    public CaseDepartmentRole Role { get; private set; }
    /// <summary>Copies of the case's queue keys, so a department's queue (lead and assisting) is a range of its own index.</summary>
    public int QueueTier { get; private set; }
    public DateTime QueueDueUtc { get; private set; }

    internal void FollowQueue(int tier, DateTime dueUtc)
    {
        QueueTier = tier;
        QueueDueUtc = dueUtc;
    }
}

/// <summary>One line of a case's timeline: who (name, role, unit), when, what, with which note and attachments.</summary>
public sealed class CaseEvent
{
    private CaseEvent() { }

    public CaseEvent(DateTime occurredUtc, string action, CaseStatus? from, CaseStatus to, CaseActor actor, string? note, IReadOnlyCollection<string>? attachments)
    {
        OccurredUtc = occurredUtc;
        Action = action;
        FromStatus = from;
        ToStatus = to;
        ActorUserId = actor.UserId;
        ActorName = actor.Name;
        ActorRole = actor.IsReporter ? "Reporter" : string.Join(",", actor.Roles);
        ActorUnit = actor.Unit;
        Note = note is { Length: > 2000 } ? note[..2000] : note;
        Attachments = attachments is { Count: > 0 } ? string.Join(";", attachments) : null;
    }

    public long Id { get; private set; }
    public long CaseId { get; private set; }
    public DateTime OccurredUtc { get; private set; }
    public string Action { get; private set; } = "";
    public CaseStatus? FromStatus { get; private set; }
    public CaseStatus ToStatus { get; private set; }
    public Guid? ActorUserId { get; private set; }
    public string ActorName { get; private set; } = "";
    public string ActorRole { get; private set; } = "";
    public string? ActorUnit { get; private set; }
    public string? Note { get; private set; }
    /// <summary>File-store keys of photos, separated by ';'.</summary>
    public string? Attachments { get; private set; }
}

public static class CaseActions
{
    public const string Submit = "submit";
    public const string Accept = "accept";
    public const string Reject = "reject";
    public const string Dispatch = "dispatch";
    public const string Escalate = "escalate";
    public const string Claim = "claim";
    public const string Return = "return";
    public const string Progress = "progress";
    public const string Extend = "extend";
    public const string Resolve = "resolve";
    public const string Verify = "verify";
    public const string Rework = "rework";
    public const string Feedback = "feedback";
    public const string Rate = "rate";
    public const string Reopen = "reopen";
    public const string Merge = "merge";
    public const string Park = "park";
    public const string Supervise = "supervise";

    public static readonly IReadOnlyList<string> Transitions =
        [Accept, Reject, Dispatch, Escalate, Claim, Return, Progress, Extend, Resolve, Verify, Rework, Feedback, Rate, Reopen, Merge, Park, Supervise];
}

public static class CaseErrors
{
    public const string InvalidTransitionCode = "invalid_transition";
    public static readonly Error ReasonRequired = Error.Validation("请填写原因 / A reason is required.");

    public static Error Invalid(string action, CaseStatus status) =>
        new(InvalidTransitionCode, StatusCodes.Status409Conflict, $"当前状态不能执行此操作 / '{action}' is not allowed while the case is {status}.");

    public static Error Forbidden(string action) => Error.Forbidden($"您的角色不能执行此操作 / Your role may not '{action}' this case.");
}

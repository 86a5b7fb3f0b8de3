using Jiceng.Web.Data;
using Jiceng.Web.Modules.Audit;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Cases.Features;

public sealed record CaseEventDto(DateTime OccurredUtc, string Action, CaseStatus? FromStatus, CaseStatus ToStatus, string ActorName, string ActorRole,
    string? ActorUnit, string? Note, IReadOnlyList<string> Attachments);

public sealed record CaseDepartmentDto(Guid DepartmentId, CaseDepartmentRole Role);

/// <summary>A case for staff. Personal data is masked; unmasking is its own audited action (issue 4).</summary>
public sealed record CaseDto(long Id, string Number, string TrackingCode, int Version, CaseStatus Status, string CategoryCode, CasePriority Priority,
    string Description, CaseChannel Channel, string DivisionCode, string? AddressMasked, string? ReporterNameMasked, string? ReporterPhoneMasked,
    double? Latitude, double? Longitude, LocalHandling? LocalHandling, EscalationLevel EscalationLevel, Guid? LeadDepartmentId,
    IReadOnlyList<CaseDepartmentDto> Departments, DateTime CreatedUtc, DateTime? AcceptedUtc, DateTime? DispatchedUtc, DateTime? ClaimedUtc,
    DateTime? ResolvedUtc, DateTime? ClosedUtc, DateTime? ResponseDueUtc, DateTime? HandlingDueUtc, TrafficLight? TrafficLight,
    int ReturnCount, int ReworkCount, int ReopenCount, int EscalationCount, int? PendingExtensionAmount, TimeLimitUnit? PendingExtensionUnit,
    Satisfaction? Satisfaction, bool? Solved, long? MasterCaseId, string? ParkPlan, IReadOnlyList<CaseEventDto> Timeline,
    DateTime? SupervisedUtc = null, string? SupervisionNote = null, DateTime? OverdueRecordedUtc = null, string? DivisionName = null,
    IReadOnlyList<string>? AvailableActions = null, string? CategoryName = null, Guid? GridId = null, string? GridName = null);

public sealed record CaseListItem(long Id, string Number, CaseStatus Status, string CategoryCode, CasePriority Priority, string Summary,
    string DivisionCode, Guid? LeadDepartmentId, DateTime CreatedUtc, DateTime? HandlingDueUtc, TrafficLight? TrafficLight, int Version, bool Supervised,
    string? CategoryName = null);

public sealed record CaseListQuery(CaseStatus? Status, string? Division, string? Category, Guid? Department, bool? Open, int Page = 1, int PageSize = 50, string Sort = "due");

/// <summary>What anyone holding the tracking code may see: no names, phones, addresses, or staff notes.</summary>
public sealed record TrackedCaseDto(string Number, CaseStatus Status, string CategoryCode, DateTime CreatedUtc, DateTime? ClosedUtc,
    bool CanRate, Satisfaction? Satisfaction, IReadOnlyList<TrackedEventDto> Timeline, string? MasterNumber);

public sealed record TrackedEventDto(DateTime OccurredUtc, string Action, CaseStatus ToStatus, string? Message);

public sealed class CaseQueries(AppDbContext db, CaseSettings settings, TimeProvider time)
{
    public const int MaxPageSize = 200;


    public async Task<Result<CaseDto>> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var @case = await db.Cases.AsNoTracking().Include(c => c.Timeline).Include(c => c.Departments).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null) return Error.NotFound("Case");
        // A department may see a case outside its division scope: the community's name is part of the case, not a tree read.
        var name = await db.Divisions.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(d => d.Code == @case.DivisionCode).Select(d => d.Name).SingleOrDefaultAsync(cancellationToken);
        return await ToDtoAsync(@case, cancellationToken) with { DivisionName = name is null ? null : Organisation.Domain.DivisionNames.Shorten(name) };
    }

    public async Task<Result<PagedList<CaseListItem>>> ListAsync(CaseListQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Page < 1 || query.PageSize is < 1 or > MaxPageSize) return Error.Validation($"page ≥ 1 and 1 ≤ pageSize ≤ {MaxPageSize}.");
        // The caller's scope as disjoint parts an index serves each (the same rows as the central filter); the page
        // is taken from each part in order and merged, and the total is the parts' sum.
        var parts = new List<IQueryable<Case>>();
        string? divisionFrom = null, divisionTo = null;
        if (!string.IsNullOrEmpty(query.Division))
        {
            // A filter narrows the scope, never widens it.
            var path = await db.Divisions.Where(d => d.Code == query.Division).Select(d => d.Path).SingleOrDefaultAsync(cancellationToken);
            if (path is null)
            {
                var exists = await db.Divisions.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AnyAsync(d => d.Code == query.Division, cancellationToken);
                return exists ? new PagedList<CaseListItem>([], query.Page, query.PageSize, 0) : Error.NotFound("Division " + query.Division);
            }
            (divisionFrom, divisionTo) = Platform.Scope.MaterialisedPath.Range(path);
        }
        foreach (var part in db.CaseScopeParts(openOnly: query.Open == true))
        {
            var cases = part.AsNoTracking();
            if (query.Status is { } status) cases = cases.Where(c => c.Status == status);
            if (query.Open == true) cases = cases.Where(c => Case.OpenQueueTiers.Contains(c.QueueTier));
            if (!string.IsNullOrEmpty(query.Category)) cases = cases.Where(c => c.CategoryCode == query.Category);
            if (query.Department is { } department) cases = cases.Where(c => c.LeadDepartmentId == department);
            if (divisionFrom is not null)
                cases = cases.Where(c => string.Compare(c.DivisionPath, divisionFrom) >= 0 && string.Compare(c.DivisionPath, divisionTo) < 0);
            parts.Add(cases);
        }
        var counts = new List<int>(parts.Count);
        foreach (var part in parts) counts.Add(await part.CountAsync(cancellationToken));
        var total = counts.Sum();
        var byCreated = query.Sort == "created";
        var wanted = query.Page * query.PageSize;
        var rows = new List<Case>();
        foreach (var part in parts.Where((_, i) => counts[i] > 0)) // an empty part is not read (its "first page" could still scan)
        {
            // Supervised cases (督办) first, then by handling due time (QueueTier, QueueDueUtc: see Case).
            var ordered = byCreated ? part.OrderByDescending(c => c.Id) : part.OrderBy(c => c.QueueTier).ThenBy(c => c.QueueDueUtc).ThenBy(c => c.Id);
            rows.AddRange(await ordered.Take(wanted).ToListAsync(cancellationToken));
        }
        var merged = byCreated ? rows.OrderByDescending(c => c.Id) : rows.OrderBy(c => c.QueueTier).ThenBy(c => c.QueueDueUtc).ThenBy(c => c.Id);
        var page = merged.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        var items = new List<CaseListItem>(page.Count);
        foreach (var c in page) items.Add(await ListItemAsync(c, 80, cancellationToken));
        return new PagedList<CaseListItem>(items, query.Page, query.PageSize, total);
    }

    public async Task<TrackedCaseDto?> TrackAsync(string trackingCode, CancellationToken cancellationToken = default)
    {
        var @case = await Public.Include(c => c.Timeline).SingleOrDefaultAsync(c => c.TrackingCode == trackingCode, cancellationToken);
        if (@case is null) return null;
        string? masterNumber = null;
        if (@case.MasterCaseId is { } masterId)
        {
            var master = await Public.Where(c => c.Id == masterId).Select(c => new { c.Id, c.CreatedUtc }).SingleAsync(cancellationToken);
            masterNumber = Case.FormatNumber(master.CreatedUtc, master.Id);
        }
        // Only what was said to the reporter is shown: the rejection reason and the feedback message.
        var events = @case.Timeline.OrderBy(e => e.Id).Select(e => new TrackedEventDto(e.OccurredUtc, e.Action, e.ToStatus,
            e.Action is CaseActions.Reject or CaseActions.Feedback ? e.Note : null)).ToList();
        return new TrackedCaseDto(@case.Number, @case.Status, @case.CategoryCode, @case.CreatedUtc, @case.ClosedUtc,
            @case.Status == CaseStatus.FeedbackGiven, @case.Satisfaction, events, masterNumber);
    }

    /// <summary>The tracking code is the reporter's key; it reads outside any staff scope, and only through TrackAsync.</summary>
    private IQueryable<Case> Public => db.Cases.AsNoTracking().IgnoreQueryFilters([AppDbContext.ScopeFilter]);

    /// <summary>A case in a list, with its traffic light and category name as its county has them (both cached).</summary>
    public async Task<CaseListItem> ListItemAsync(Case c, int summaryLength, CancellationToken cancellationToken = default) =>
        new(c.Id, c.Number, c.Status, c.CategoryCode, c.Priority,
            c.Description.Length > summaryLength ? c.Description[..summaryLength] + "…" : c.Description, c.DivisionCode, c.LeadDepartmentId,
            c.CreatedUtc, c.HandlingDueUtc, Light(c, await settings.CalendarAsync(c.DivisionCode, cancellationToken)), c.Version, c.SupervisedUtc != null,
            await settings.CategoryNameAsync(c.DivisionCode, c.CategoryCode, cancellationToken));

    public TrafficLight? Light(Case c, WorkingCalendar calendar)
    {
        if (c.Status is CaseStatus.Closed or CaseStatus.Rejected or CaseStatus.Merged or CaseStatus.Parked || c.HandlingDueUtc is not { } due || c.AcceptedUtc is not { } start || due <= start)
        {
            return null;
        }
        var now = c.ResolvedUtc ?? time.GetUtcNow().UtcDateTime;
        // Past the deadline is red (overdue, as the deadline check records it), also over a weekend right after it,
        // and it needs no walk over the working days since acceptance.
        if (now > due) return TrafficLight.Red;
        return TrafficLights.For(calendar.ElapsedShare(start, due, now, c.HandlingUnit));
    }

    public async Task<CaseDto> ToDtoAsync(Case c, CancellationToken cancellationToken = default) =>
        ToDto(c, await settings.CalendarAsync(c.DivisionCode, cancellationToken)) with
        {
            CategoryName = await settings.CategoryNameAsync(c.DivisionCode, c.CategoryCode, cancellationToken),
            // Grid names are public (printed on the grid's QR card): a department handler outside the community's scope sees it too.
            GridName = c.GridId is { } grid
                ? await db.Grids.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(g => g.Id == grid).Select(g => g.Name).SingleOrDefaultAsync(cancellationToken)
                : null,
        };

    public CaseDto ToDto(Case c, WorkingCalendar calendar) => new(c.Id, c.Number, c.TrackingCode, c.Version, c.Status, c.CategoryCode, c.Priority, c.Description, c.Channel,
        c.DivisionCode, Mask.Address(c.Address), Mask.Name(c.ReporterName), Mask.Phone(c.ReporterPhone), c.Latitude, c.Longitude, c.LocalHandling,
        c.EscalationLevel, c.LeadDepartmentId, c.Departments.Select(d => new CaseDepartmentDto(d.DepartmentId, d.Role)).ToList(),
        c.CreatedUtc, c.AcceptedUtc, c.DispatchedUtc, c.ClaimedUtc, c.ResolvedUtc, c.ClosedUtc, c.ResponseDueUtc, c.HandlingDueUtc, Light(c, calendar),
        c.ReturnCount, c.ReworkCount, c.ReopenCount, c.EscalationCount, c.PendingExtensionAmount, c.PendingExtensionUnit, c.Satisfaction, c.Solved,
        c.MasterCaseId, c.ParkPlan,
        c.Timeline.OrderBy(e => e.OccurredUtc).ThenBy(e => e.Id).Select(e => new CaseEventDto(e.OccurredUtc, e.Action, e.FromStatus, e.ToStatus, e.ActorName, e.ActorRole,
            e.ActorUnit, e.Note, e.Attachments?.Split(';') ?? [])).ToList(),
        c.SupervisedUtc, c.SupervisionNote, c.OverdueRecordedUtc, null, c.ActionsFor(CaseActorFactory.From(db.CurrentUser)), GridId: c.GridId);
}

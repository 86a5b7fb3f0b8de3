using System.Globalization;
using System.Linq.Expressions;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Audit;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Cases.Features;

/// <summary>The lists of the supervision view (督办视图); definitions in docs/case-figures.md, "Supervision view".</summary>
public enum SupervisionKind
{
    Overdue,
    DueSoon,
    LateClaim,
    Returned,
    Reworked,
    Escalated,
    Supervised,
    Parked,
}

/// <summary>What the county (or a street) narrows the view to: a division subtree, a lead department, a period (China local dates).</summary>
public sealed record SupervisionFilter(string? Division = null, string? Department = null, string? From = null, string? To = null);

/// <summary>GET /api/v1/supervision/summary. Live counts are as of <see cref="AsOfUtc"/>; returned and reworked cover the period.</summary>
public sealed record SupervisionSummaryDto(string Division, string DivisionName, Guid? Department, DateOnly From, DateOnly To, DateTime AsOfUtc,
    int Overdue, int DueSoon, int LateClaim, int Returned, int Reworked, int Escalated, int EscalatedToStreet, int EscalatedToCounty,
    int Supervised, int Parked);

/// <summary>
/// One case of a supervision list. <see cref="DueUtc"/> is the deadline the list is about (the response deadline for
/// late claims, the handling deadline otherwise); <see cref="HoursOverdue"/> is how far past it the case is (negative:
/// time left), measured to the handler's report of done when there is one.
/// </summary>
public sealed record SupervisionCaseItem(long Id, string Number, int Version, CaseStatus Status, string CategoryCode, string DivisionCode,
    string? DivisionName, Guid? LeadDepartmentId, string? LeadDepartmentName, EscalationLevel EscalationLevel, int ReturnCount, int ReworkCount,
    DateTime? DueUtc, double? HoursOverdue, TrafficLight? TrafficLight, bool Supervised, DateTime? SupervisedUtc, bool Open, string? CategoryName = null);

public enum AccountabilityUnit
{
    Department,
    Community,
}

/// <summary>One unit of the accountability ledger: a department (id, short code) or a community (division code).</summary>
public sealed record AccountabilityUnitRow(string Code, Guid? Id, string Name, int LateResponses, int OverdueHandling, int Total);

public sealed record AccountabilityByUnitDto(string Division, string DivisionName, Guid? Department, DateOnly From, DateOnly To,
    AccountabilityUnit By, IReadOnlyList<AccountabilityUnitRow> Rows);

/// <summary>
/// The county's supervision view (督办): what is late now, what keeps coming back, and which units the accountability
/// ledger (问责台账) names most. Every read goes through <c>db.Cases</c> and <c>db.Set&lt;AccountabilityRecord&gt;()</c>,
/// so the central scope filter decides what a caller sees; this class only narrows it (division path range, lead
/// department, period) with predicates on indexed columns, and counts in SQL.
/// </summary>
public sealed class CaseSupervision(AppDbContext db, CurrentUser user, TimeProvider time, CaseSettings settings)
{
    public const int MaxPageSize = 200;
    public const int MaxPeriodDays = 400;
    public static readonly TimeSpan DueSoonWindow = TimeSpan.FromHours(24);

    /// <summary>The API's names for the lists, in the order the console shows them.</summary>
    public static readonly IReadOnlyDictionary<string, SupervisionKind> KindNames = new Dictionary<string, SupervisionKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["overdue"] = SupervisionKind.Overdue,
        ["due-soon"] = SupervisionKind.DueSoon,
        ["late-claim"] = SupervisionKind.LateClaim,
        ["returned"] = SupervisionKind.Returned,
        ["reworked"] = SupervisionKind.Reworked,
        ["escalated"] = SupervisionKind.Escalated,
        ["supervised"] = SupervisionKind.Supervised,
        ["parked"] = SupervisionKind.Parked,
    };

    public static string NameOf(SupervisionKind kind) => KindNames.First(k => k.Value == kind).Key;

    public async Task<Result<SupervisionSummaryDto>> SummaryAsync(SupervisionFilter filter, CancellationToken ct = default)
    {
        var resolved = await ResolveAsync(filter, ct);
        if (!resolved.IsSuccess) return resolved.Error!;
        var view = resolved.Value!;
        // One COUNT per list, with the list's own predicate: a count always equals its list's total.
        async Task<int> Count(SupervisionKind kind, Expression<Func<Case, bool>>? extra = null)
        {
            var cases = Cases(view).Where(Predicate(kind, view));
            return await (extra is null ? cases : cases.Where(extra)).CountAsync(ct);
        }
        var toStreet = await Count(SupervisionKind.Escalated, c => c.EscalationLevel == EscalationLevel.Street);
        var toCounty = await Count(SupervisionKind.Escalated, c => c.EscalationLevel == EscalationLevel.County);
        return new SupervisionSummaryDto(view.Code, view.Name, view.Department, view.Period.From, view.Period.To, view.Now,
            await Count(SupervisionKind.Overdue), await Count(SupervisionKind.DueSoon), await Count(SupervisionKind.LateClaim),
            await Count(SupervisionKind.Returned), await Count(SupervisionKind.Reworked), toStreet + toCounty, toStreet, toCounty,
            await Count(SupervisionKind.Supervised), await Count(SupervisionKind.Parked));
    }

    public async Task<Result<PagedList<SupervisionCaseItem>>> ListAsync(string? kindName, SupervisionFilter filter, int page = 1, int pageSize = 50,
        CancellationToken ct = default)
    {
        if (kindName is null || !KindNames.TryGetValue(kindName.Trim(), out var kind))
        {
            return Error.Validation("kind must be one of " + string.Join(", ", KindNames.Keys) + ".");
        }
        if (page < 1 || pageSize is < 1 or > MaxPageSize) return Error.Validation($"page ≥ 1 and 1 ≤ pageSize ≤ {MaxPageSize}.");
        var resolved = await ResolveAsync(filter, ct);
        if (!resolved.IsSuccess) return resolved.Error!;
        var view = resolved.Value!;

        var cases = Cases(view).Where(Predicate(kind, view));
        var total = await cases.CountAsync(ct);
        // How late first: the deadline the list is about, earliest first (it is the latest case); cases without one last.
        var ordered = kind == SupervisionKind.LateClaim
            ? cases.OrderBy(c => c.ResponseDueUtc).ThenBy(c => c.Id)
            : cases.OrderBy(c => c.HandlingDueUtc == null).ThenBy(c => c.HandlingDueUtc).ThenBy(c => c.Id);
        var rows = await ordered.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new Row(c.Id, c.CreatedUtc, c.Version, c.Status, c.CategoryCode, c.DivisionCode, c.LeadDepartmentId, c.EscalationLevel,
                c.ReturnCount, c.ReworkCount, c.AcceptedUtc, c.ResolvedUtc, c.ResponseDueUtc, c.HandlingDueUtc, c.HandlingUnit, c.SupervisedUtc))
            .ToListAsync(ct);

        var divisionCodes = rows.Select(r => r.DivisionCode).Distinct().ToList();
        var divisionNames = await db.Divisions.AsNoTracking().Where(d => divisionCodes.Contains(d.Code))
            .ToDictionaryAsync(d => d.Code, d => DivisionNames.Shorten(d.Name), ct);
        var departmentNames = await DepartmentNamesAsync(rows.Where(r => r.Lead != null).Select(r => r.Lead!.Value), ct);
        var items = new List<SupervisionCaseItem>(rows.Count);
        foreach (var r in rows)
        {
            var due = kind == SupervisionKind.LateClaim ? r.ResponseDue : r.HandlingDue;
            var until = kind == SupervisionKind.LateClaim ? view.Now : r.Resolved ?? view.Now;
            // Light and category name as the case's county has them (cached), as the queue and the case page show them.
            var calendar = await settings.CalendarAsync(r.DivisionCode, ct);
            items.Add(new SupervisionCaseItem(r.Id, Case.FormatNumber(r.Created, r.Id), r.Version, r.Status, r.Category, r.DivisionCode,
                divisionNames.GetValueOrDefault(r.DivisionCode), r.Lead, r.Lead is { } lead ? departmentNames.GetValueOrDefault(lead)?.Name : null,
                r.Level, r.Returns, r.Reworks, Utc(due), due is { } d ? Math.Round((until - d).TotalHours, 1) : null, Light(r, view.Now, calendar),
                r.Supervised != null, Utc(r.Supervised), IsOpen(r.Status), await settings.CategoryNameAsync(r.DivisionCode, r.Category, ct)));
        }
        return new PagedList<SupervisionCaseItem>(items, page, pageSize, total);
    }

    /// <summary>问责台账 by unit: late responses and overdue handling recorded in the period, the units with most first.</summary>
    public async Task<Result<AccountabilityByUnitDto>> AccountabilityAsync(string? by, SupervisionFilter filter, CancellationToken ct = default)
    {
        AccountabilityUnit? unit = by?.Trim().ToLowerInvariant() switch
        {
            null or "" or "department" => AccountabilityUnit.Department,
            "community" => AccountabilityUnit.Community,
            _ => null,
        };
        if (unit is null) return Error.Validation("by must be department or community.");
        var resolved = await ResolveAsync(filter, ct);
        if (!resolved.IsSuccess) return resolved.Error!;
        var view = resolved.Value!;

        var (lower, upper) = MaterialisedPath.Range(view.Path);
        DateTime from = view.Period.FromUtc, to = view.Period.ToUtc;
        // The (DivisionPath, RecordedUtc) index: a path range, then a time range.
        var records = db.Set<AccountabilityRecord>().AsNoTracking()
            .Where(r => string.Compare(r.DivisionPath, lower) >= 0 && string.Compare(r.DivisionPath, upper) < 0 && r.RecordedUtc >= from && r.RecordedUtc < to);
        if (view.Department is { } department) records = records.Where(r => r.DepartmentId == department);

        List<AccountabilityUnitRow> rows;
        if (unit == AccountabilityUnit.Department)
        {
            // Cases handled in the grid or the community have no department; they appear by community only.
            var sums = await records.Where(r => r.DepartmentId != null).GroupBy(r => r.DepartmentId!.Value)
                .Select(g => new
                {
                    g.Key,
                    Late = g.Sum(r => r.Kind == AccountabilityKind.LateResponse ? 1 : 0),
                    Overdue = g.Sum(r => r.Kind == AccountabilityKind.OverdueHandling ? 1 : 0),
                })
                .ToListAsync(ct);
            var names = await DepartmentNamesAsync(sums.Select(s => s.Key), ct);
            rows = sums.Select(s => new AccountabilityUnitRow(names.GetValueOrDefault(s.Key)?.ShortCode ?? "", s.Key,
                names.GetValueOrDefault(s.Key)?.Name ?? s.Key.ToString(), s.Late, s.Overdue, s.Late + s.Overdue)).ToList();
        }
        else
        {
            var sums = await records.GroupBy(r => r.DivisionCode)
                .Select(g => new
                {
                    g.Key,
                    Late = g.Sum(r => r.Kind == AccountabilityKind.LateResponse ? 1 : 0),
                    Overdue = g.Sum(r => r.Kind == AccountabilityKind.OverdueHandling ? 1 : 0),
                })
                .ToListAsync(ct);
            var codes = sums.Select(s => s.Key).ToList();
            var names = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => DivisionNames.Shorten(d.Name), ct);
            rows = sums.Select(s => new AccountabilityUnitRow(s.Key, null, names.GetValueOrDefault(s.Key) ?? s.Key, s.Late, s.Overdue, s.Late + s.Overdue)).ToList();
        }
        rows = rows.OrderByDescending(r => r.Total).ThenByDescending(r => r.OverdueHandling).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        return new AccountabilityByUnitDto(view.Code, view.Name, view.Department, view.Period.From, view.Period.To, unit.Value, rows);
    }

    // ---- what each list holds ---------------------------------------------------------------------------

    /// <summary>
    /// The rule of each list, on indexed columns (Status, HandlingDueUtc; CreatedUtc) so the database narrows by
    /// range; the scope filter and the division range come from <see cref="Cases"/>. Status sets are written out
    /// as comparisons so both providers see constants.
    /// </summary>
    private static Expression<Func<Case, bool>> Predicate(SupervisionKind kind, View view)
    {
        DateTime now = view.Now, soon = view.Now + DueSoonWindow, from = view.Period.FromUtc, to = view.Period.ToUtc;
        return kind switch
        {
            // Running: accepted and not yet reported done (Resolved and later, Parked, Merged, Rejected are not).
            SupervisionKind.Overdue => c => (c.Status == CaseStatus.Accepted || c.Status == CaseStatus.Dispatched || c.Status == CaseStatus.InProgress)
                && c.HandlingDueUtc < now,
            SupervisionKind.DueSoon => c => (c.Status == CaseStatus.Accepted || c.Status == CaseStatus.Dispatched || c.Status == CaseStatus.InProgress)
                && c.HandlingDueUtc >= now && c.HandlingDueUtc < soon,
            SupervisionKind.LateClaim => c => c.Status == CaseStatus.Dispatched && c.ResponseDueUtc < now,
            SupervisionKind.Returned => c => c.CreatedUtc >= from && c.CreatedUtc < to && c.Status != CaseStatus.Merged && c.ReturnCount > 0,
            SupervisionKind.Reworked => c => c.CreatedUtc >= from && c.CreatedUtc < to && c.Status != CaseStatus.Merged && c.ReworkCount > 0,
            // Escalated (吹哨升级, not the community's ordinary hand-over on acceptance) and waiting for a dispatch.
            SupervisionKind.Escalated => c => c.Status == CaseStatus.Accepted && c.EscalationCount > 0 && c.EscalationLevel != EscalationLevel.Community,
            SupervisionKind.Supervised => c => c.SupervisedUtc != null
                && (c.Status == CaseStatus.Submitted || c.Status == CaseStatus.Accepted || c.Status == CaseStatus.Dispatched
                    || c.Status == CaseStatus.InProgress || c.Status == CaseStatus.Resolved),
            SupervisionKind.Parked => c => c.Status == CaseStatus.Parked,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>The caller's cases (scope filter) in the division's subtree, optionally led by one department.</summary>
    private IQueryable<Case> Cases(View view)
    {
        var (lower, upper) = MaterialisedPath.Range(view.Path);
        var cases = db.Cases.AsNoTracking().Where(c => string.Compare(c.DivisionPath, lower) >= 0 && string.Compare(c.DivisionPath, upper) < 0);
        return view.Department is { } department ? cases.Where(c => c.LeadDepartmentId == department) : cases;
    }

    /// <summary>Open as the supervise action means it (督办 is possible): <see cref="Case.OpenStatuses"/>.</summary>
    private static bool IsOpen(CaseStatus status) => Case.OpenStatuses.Contains(status);

    /// <summary>The handling light as the case page shows it: share of the limit used (working time for working-day limits).</summary>
    private static TrafficLight? Light(Row r, DateTime now, WorkingCalendar calendar)
    {
        if (r.Status is CaseStatus.Closed or CaseStatus.Rejected or CaseStatus.Merged or CaseStatus.Parked
            || r.HandlingDue is not { } due || r.Accepted is not { } start || due <= start)
        {
            return null;
        }
        return TrafficLights.For(calendar.ElapsedShare(start, due, r.Resolved ?? now, r.HandlingUnit));
    }

    private static DateTime? Utc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;

    private async Task<Dictionary<Guid, DepartmentName>> DepartmentNamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0) return new();
        return await db.Departments.AsNoTracking().Where(d => wanted.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => new DepartmentName(d.Name, d.ShortCode), ct);
    }

    private sealed record DepartmentName(string Name, string ShortCode);

    private sealed record Row(long Id, DateTime Created, int Version, CaseStatus Status, string Category, string DivisionCode, Guid? Lead,
        EscalationLevel Level, int Returns, int Reworks, DateTime? Accepted, DateTime? Resolved, DateTime? ResponseDue, DateTime? HandlingDue,
        TimeLimitUnit HandlingUnit, DateTime? Supervised);

    // ---- the caller, the division, the department and the period ------------------------------------------

    /// <summary>China local dates, inclusive; in UTC: [From 00:00 local, To + 1 day 00:00 local).</summary>
    public readonly record struct Period(DateOnly From, DateOnly To)
    {
        public DateTime FromUtc => WorkingCalendar.LocalMidnightToUtc(From);
        public DateTime ToUtc => WorkingCalendar.LocalMidnightToUtc(To.AddDays(1));
    }

    private sealed record View(string Code, string Name, string Path, Guid? Department, Period Period, DateTime Now);

    private async Task<Result<View>> ResolveAsync(SupervisionFilter filter, CancellationToken ct)
    {
        // County admins and street staff (the endpoints' policy); both have a division subtree as their scope.
        if (user.Scope is not { Kind: DataScopeKind.DivisionSubtree, DivisionPath: { } root })
        {
            return Error.Forbidden("The supervision view is for county and street staff.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var period = ParsePeriod(filter.From, filter.To, now);
        if (!period.IsSuccess) return period.Error!;

        Guid? department = null;
        if (!string.IsNullOrWhiteSpace(filter.Department))
        {
            if (!Guid.TryParse(filter.Department.Trim(), out var id)) return Error.Validation("department must be a department id.");
            // The departments the caller may see: its county's (the scope filter on departments).
            if (!await db.Departments.AnyAsync(d => d.Id == id, ct)) return Error.NotFound("Department " + id);
            department = id;
        }

        var code = string.IsNullOrWhiteSpace(filter.Division) ? root.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1] : filter.Division.Trim();
        var node = await db.Divisions.AsNoTracking().Where(d => d.Code == code).Select(d => new { d.Code, d.Name, d.Path }).SingleOrDefaultAsync(ct);
        if (node is null)
        {
            // Division codes are public statistics (decision 002): a division outside the scope is 403, an unknown one 404.
            // Only the existence of the code is read outside the scope; no case or ledger row is.
            var exists = await db.Divisions.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AnyAsync(d => d.Code == code, ct);
            return exists ? Error.OutOfScope("Division " + code) : Error.NotFound("Division " + code);
        }
        return new View(node.Code, DivisionNames.Shorten(node.Name), node.Path, department, period.Value, now);
    }

    /// <summary>Default: the first day of the current local month to today, as the statistics API.</summary>
    private static Result<Period> ParsePeriod(string? from, string? to, DateTime nowUtc)
    {
        var today = WorkingCalendar.LocalDate(nowUtc);
        DateOnly first = new(today.Year, today.Month, 1), last = today;
        if (!string.IsNullOrWhiteSpace(from) && !TryParseDate(from, out first)) return Error.Validation("开始日期格式应为 yyyy-MM-dd / from must be a date, yyyy-MM-dd.");
        if (!string.IsNullOrWhiteSpace(to) && !TryParseDate(to, out last)) return Error.Validation("结束日期格式应为 yyyy-MM-dd / to must be a date, yyyy-MM-dd.");
        if (first > last) return Error.Validation("开始日期不能晚于结束日期 / from must not be after to.");
        if (last.DayNumber - first.DayNumber + 1 > MaxPeriodDays) return Error.Validation($"期间最长 {MaxPeriodDays} 天 / A period has at most {MaxPeriodDays} days.");
        return new Period(first, last);
    }

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}

public static class SupervisionApi
{
    public static IEndpointRouteBuilder MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/supervision").WithTags("Supervision")
            .RequireAuthorization(p => p.RequireRole(Roles.CountyAdmin, Roles.StreetStaff));
        group.MapGet("/summary", SummaryAsync).WithName("GetSupervisionSummary")
            .WithSummary("督办: counts of overdue, due within 24 h, late claims, escalated, supervised and parked cases now, returned and reworked cases received in from–to; see docs/case-figures.md");
        group.MapGet("/cases", ListAsync).WithName("ListSupervisionCases")
            .WithSummary("The cases of one count (kind=overdue|due-soon|late-claim|returned|reworked|escalated|supervised|parked), latest first, paged");
        group.MapGet("/accountability", AccountabilityAsync).WithName("GetAccountabilityByUnit")
            .WithSummary("问责台账 by unit (by=department|community): late responses and overdue handling recorded in from–to, most first");
        return app;
    }

    public static async Task<Results<Ok<SupervisionSummaryDto>, ProblemHttpResult>> SummaryAsync(CaseSupervision supervision, CancellationToken ct,
        string? division = null, string? department = null, string? from = null, string? to = null)
    {
        var result = await supervision.SummaryAsync(new SupervisionFilter(division, department, from, to), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<PagedList<SupervisionCaseItem>>, ProblemHttpResult>> ListAsync(CaseSupervision supervision, CancellationToken ct,
        string? kind = null, string? division = null, string? department = null, string? from = null, string? to = null, int page = 1, int pageSize = 50)
    {
        var result = await supervision.ListAsync(kind, new SupervisionFilter(division, department, from, to), page, pageSize, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<AccountabilityByUnitDto>, ProblemHttpResult>> AccountabilityAsync(CaseSupervision supervision, CancellationToken ct,
        string? by = null, string? division = null, string? department = null, string? from = null, string? to = null)
    {
        var result = await supervision.AccountabilityAsync(by, new SupervisionFilter(division, department, from, to), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }
}

using System.Globalization;
using System.Text.Json.Serialization;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

// Declared in the module's namespace (not .Features) so Program.cs, which already imports it, can call
// app.MapCaseStatisticsApi() and CasesModule can register CaseStatistics without another using.
namespace Jiceng.Web.Modules.Cases;

/// <summary>
/// The case figures of docs/case-figures.md over one set of cases and one period. Counts are the
/// numerators and denominators; rates and shares are fractions 0–1, null when their denominator is 0.
/// </summary>
public record CaseFigures
{
    public int Received { get; init; }
    public int Closed { get; init; }
    public int Dispatched { get; init; }
    public int ClaimedInTime { get; init; }
    public double? ResponseRate { get; init; }
    public int Rated { get; init; }
    public int RatedSolved { get; init; }
    public int RatedSatisfied { get; init; }
    public double? ResolutionRate { get; init; }
    public double? SatisfactionRate { get; init; }
    public int ClosedInGrid { get; init; }
    public int ClosedInCommunity { get; init; }
    public int ClosedByDepartment { get; init; }
    public double? ClosedInGridShare { get; init; }
    public double? ClosedInCommunityShare { get; init; }
    public double? ClosedByDepartmentShare { get; init; }
    public int Escalated { get; init; }
    public int Returns { get; init; }
    public int Reworks { get; init; }
    public int Overdue { get; init; }
    public double? AverageHandlingHours { get; init; }
}

/// <summary>GET /api/v1/stats/cases: the figures of one division's subtree over [from, to] (China local dates, inclusive).</summary>
public sealed record CaseStatisticsDto : CaseFigures
{
    public CaseStatisticsDto(CaseFigures figures) : base(figures) { }

    [JsonPropertyOrder(-4)] public required string Division { get; init; }
    [JsonPropertyOrder(-3)] public required string DivisionName { get; init; }
    [JsonPropertyOrder(-2)] public required DateOnly From { get; init; }
    [JsonPropertyOrder(-1)] public required DateOnly To { get; init; }
}

/// <summary>One unit of a ranking: a community or street (code, name) or a department (id, short code, name).</summary>
public sealed record CaseRankingRow : CaseFigures
{
    public CaseRankingRow(CaseFigures figures) : base(figures) { }

    [JsonPropertyOrder(-4)] public int Rank { get; init; }
    [JsonPropertyOrder(-3)] public required string Code { get; init; }
    [JsonPropertyOrder(-2)] public Guid? Id { get; init; }
    [JsonPropertyOrder(-1)] public required string Name { get; init; }
}

public sealed record CaseRankingDto(string Division, string DivisionName, string Month, CaseRankingUnit By, DateOnly From, DateOnly To,
    IReadOnlyList<CaseRankingRow> Rows);

public enum CaseRankingUnit
{
    Community,
    Street,
    Department,
}

/// <summary>
/// Case statistics for the dashboard. Figures are read from the pre-aggregated <see cref="CaseTally"/> rows
/// (per division, day and unit, kept in step with every case change by <see cref="Features.CaseTallyKeeper"/>), so a
/// county's year is a few thousand rows however many cases it has. Which rows: staff read the "all cases" rows
/// of a division inside their scope; a department reads the rows of cases it takes part in (what its scope shows).
/// <c>recount: true</c> counts the same figures from the cases themselves (slow; for checking). Definitions:
/// docs/case-figures.md.
/// </summary>
public sealed class CaseStatistics(AppDbContext db, CurrentUser user, TimeProvider time)
{
    public const int MaxPeriodDays = 400;

    public async Task<Result<CaseStatisticsDto>> GetAsync(string? division, string? from, string? to, CancellationToken ct = default, bool recount = false)
    {
        var period = ParsePeriod(from, to);
        if (!period.IsSuccess) return period.Error!;
        var resolved = await ResolveDivisionAsync(division, ct);
        if (!resolved.IsSuccess) return resolved.Error!;
        var node = resolved.Value!;

        // One group (a constant key): one row of sums, or none when no case is touched by the period.
        var rows = recount
            ? await SumAsync(Flags(InSubtree(node.Path), period.Value).GroupBy(f => 1), ct)
            : await SumAsync(Tallies(ScopeKind, ScopeUnit, node.Path, period.Value).GroupBy(t => 1), ct);
        var tally = rows.Aggregate(CaseSums.Zero, (sum, row) => sum + row.Tally);
        return new CaseStatisticsDto(tally.ToFigures())
        {
            Division = node.Code, DivisionName = DivisionNames.Shorten(node.Name), From = period.Value.From, To = period.Value.To,
        };
    }

    public async Task<Result<CaseRankingDto>> RankAsync(string? division, string? month, string? by, CancellationToken ct = default, bool recount = false)
    {
        var period = ParseMonth(month);
        if (!period.IsSuccess) return period.Error!;
        var resolved = await ResolveDivisionAsync(division, ct);
        if (!resolved.IsSuccess) return resolved.Error!;
        var node = resolved.Value!;
        CaseRankingUnit? unit = by?.ToLowerInvariant() switch
        {
            null or "" => node.Level switch
            {
                < DivisionLevel.Township => CaseRankingUnit.Street,
                DivisionLevel.Township => CaseRankingUnit.Community,
                _ => null,
            },
            "community" => CaseRankingUnit.Community,
            "street" => CaseRankingUnit.Street,
            "department" => CaseRankingUnit.Department,
            _ => null,
        };
        if (unit is null) return Error.Validation("by must be community, street or department (a community has no smaller units).");

        var cases = InSubtree(node.Path);
        List<CaseRankingRow> rows;
        if (unit == CaseRankingUnit.Department)
        {
            // Departments belong to a county; the caller sees its county's (a department handler: its own).
            var departments = (await db.Departments.AsNoTracking().Select(d => new { d.Id, d.ShortCode, d.Name, d.CountyPath }).ToListAsync(ct))
                .Where(d => node.Path.StartsWith(d.CountyPath, StringComparison.Ordinal) || d.CountyPath.StartsWith(node.Path, StringComparison.Ordinal))
                .ToList();
            // A department's row counts the cases it leads; a department caller sees only its own row.
            var byLead = recount
                ? (await SumAsync(Flags(cases, period.Value).Where(f => f.Lead != null).GroupBy(f => f.Lead!.Value), ct)).ToDictionary(r => r.Key, r => r.Tally)
                : (await SumAsync(Tallies(CaseTallyKind.Lead, null, node.Path, period.Value).GroupBy(t => t.Unit), ct))
                    .ToDictionary(r => Guid.Parse(r.Key), r => r.Tally);
            rows = departments.Select(d => new CaseRankingRow(byLead.GetValueOrDefault(d.Id, CaseSums.Zero).ToFigures())
            {
                Code = d.ShortCode, Id = d.Id, Name = d.Name,
            }).ToList();
        }
        else
        {
            var level = unit == CaseRankingUnit.Street ? DivisionLevel.Township : DivisionLevel.Village;
            if (node.Level >= level) return Error.Validation($"Division {node.Code} has no {by ?? "smaller"} units below it.");
            var (lower, upper) = MaterialisedPath.Range(node.Path);
            var units = await Divisions.Where(d => d.Level == level && string.Compare(d.Path, lower) >= 0 && string.Compare(d.Path, upper) < 0)
                .Select(d => new { d.Code, d.Name, d.Path }).ToListAsync(ct);
            // SQL counts per case division (at most one row per division); each row is added to the unit above it.
            var byPath = units.ToDictionary(u => u.Path, _ => CaseSums.Zero, StringComparer.Ordinal);
            var perPath = recount
                ? await SumAsync(Flags(cases, period.Value).GroupBy(f => f.Path), ct)
                : await SumAsync(Tallies(ScopeKind, ScopeUnit, node.Path, period.Value).GroupBy(t => t.DivisionPath), ct);
            foreach (var (path, tally) in perPath)
            {
                if (Ancestors(path).FirstOrDefault(byPath.ContainsKey) is { } owner) byPath[owner] += tally;
            }
            rows = units.Select(u => new CaseRankingRow(byPath[u.Path].ToFigures()) { Code = u.Code, Name = DivisionNames.Shorten(u.Name) }).ToList();
        }

        return new CaseRankingDto(node.Code, DivisionNames.Shorten(node.Name), period.Value.From.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            unit.Value, period.Value.From, period.Value.To, Ranked(rows));
    }

    /// <summary>
    /// Best first: satisfaction rate, then resolution rate, then response rate (no rate: last), then received (more first).
    /// Units equal on all four share a rank (1, 2, 2, 4); among them the code decides the order only.
    /// </summary>
    public static IReadOnlyList<CaseRankingRow> Ranked(IEnumerable<CaseRankingRow> rows)
    {
        static (double, double, double, int) Key(CaseRankingRow r) =>
            (r.SatisfactionRate ?? -1, r.ResolutionRate ?? -1, r.ResponseRate ?? -1, r.Received);
        var ordered = rows.OrderByDescending(Key).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        var result = new List<CaseRankingRow>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && Key(ordered[i]) == Key(ordered[i - 1]) ? result[i - 1].Rank : i + 1;
            result.Add(ordered[i] with { Rank = rank });
        }
        return result;
    }

    // ---- the period ------------------------------------------------------------------------------------

    /// <summary>China local dates, inclusive; in UTC: [From 00:00 local, To + 1 day 00:00 local).</summary>
    public readonly record struct Period(DateOnly From, DateOnly To)
    {
        public DateTime FromUtc => WorkingCalendar.LocalMidnightToUtc(From);
        public DateTime ToUtc => WorkingCalendar.LocalMidnightToUtc(To.AddDays(1));
    }

    private Result<Period> ParsePeriod(string? from, string? to)
    {
        var today = WorkingCalendar.LocalDate(time.GetUtcNow().UtcDateTime);
        DateOnly first = new(today.Year, today.Month, 1), last = today;
        if (from is not null && !TryParseDate(from, out first)) return Error.Validation("开始日期格式应为 yyyy-MM-dd / from must be a date, yyyy-MM-dd.");
        if (to is not null && !TryParseDate(to, out last)) return Error.Validation("结束日期格式应为 yyyy-MM-dd / to must be a date, yyyy-MM-dd.");
        if (first > last) return Error.Validation("开始日期不能晚于结束日期 / from must not be after to.");
        if (last.DayNumber - first.DayNumber + 1 > MaxPeriodDays) return Error.Validation($"统计期间最长 {MaxPeriodDays} 天 / A period has at most {MaxPeriodDays} days.");
        return new Period(first, last);
    }

    private Result<Period> ParseMonth(string? month)
    {
        var today = WorkingCalendar.LocalDate(time.GetUtcNow().UtcDateTime);
        var first = new DateOnly(today.Year, today.Month, 1);
        if (month is not null)
        {
            if (!DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out first)) return Error.Validation("month must be yyyy-MM.");
        }
        return new Period(first, first.AddMonths(1).AddDays(-1));
    }

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    // ---- the division ------------------------------------------------------------------------------------

    private sealed record Node(string Code, string Name, string Path, DivisionLevel Level);

    /// <summary>
    /// Division names and codes are public (statistics bureau). A department looks at the divisions of its county,
    /// which it serves; everyone else at the divisions of their scope. Cases are never read outside the scope filter.
    /// </summary>
    private IQueryable<Division> Divisions => user.Scope.Kind == DataScopeKind.Department
        ? db.Divisions.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
        : db.Divisions.AsNoTracking();

    /// <summary>The requested division, or the caller's scope root; out of scope (403) is told apart from unknown (404).</summary>
    private async Task<Result<Node>> ResolveDivisionAsync(string? code, CancellationToken ct)
    {
        var scope = user.Scope;
        string? allowedRoot; // a path the division must lie in, beyond what the division filter already does
        switch (scope.Kind)
        {
            case DataScopeKind.DivisionSubtree:
                allowedRoot = null;
                code ??= LastCode(scope.DivisionPath!);
                break;
            case DataScopeKind.Department:
                allowedRoot = await db.Departments.Where(d => d.Id == scope.DepartmentId).Select(d => d.CountyPath).SingleOrDefaultAsync(ct);
                if (allowedRoot is null) return Error.Forbidden("Your department is not known.");
                code ??= LastCode(allowedRoot);
                break;
            case DataScopeKind.System:
                allowedRoot = null;
                if (code is null) return Error.Validation("Give a division.");
                break;
            default:
                return Error.Forbidden("Statistics are for staff.");
        }
        code = code.Trim();
        var node = await Divisions.Where(d => d.Code == code).Select(d => new Node(d.Code, d.Name, d.Path, d.Level)).SingleOrDefaultAsync(ct);
        if (node is not null && (allowedRoot is null || node.Path.StartsWith(allowedRoot, StringComparison.Ordinal))) return node;
        var exists = node is not null || await db.Divisions.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AnyAsync(d => d.Code == code, ct);
        return exists ? Error.OutOfScope("Division " + code) : Error.NotFound("Division " + code);
    }

    private static string LastCode(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1];

    /// <summary>"/23/2307/230725/" → itself, "/23/2307/", "/23/": the unit a case belongs to is one of these.</summary>
    private static IEnumerable<string> Ancestors(string path)
    {
        for (var end = path.Length - 1; end > 0; end = path.LastIndexOf('/', end - 1))
        {
            yield return path[..(end + 1)];
        }
    }

    /// <summary>The caller's cases (scope filter) inside a division's subtree: a range scan on the path index.</summary>
    private IQueryable<Case> InSubtree(string path)
    {
        var (lower, upper) = MaterialisedPath.Range(path);
        return db.CasesInScope().AsNoTracking().Where(c => string.Compare(c.DivisionPath, lower) >= 0 && string.Compare(c.DivisionPath, upper) < 0);
    }

    // ---- counting ----------------------------------------------------------------------------------------

    /// <summary>A department counts the cases it takes part in (its scope); everyone else all cases of the division.</summary>
    private CaseTallyKind ScopeKind => user.Scope.Kind == DataScopeKind.Department ? CaseTallyKind.Involved : CaseTallyKind.All;

    private string? ScopeUnit => user.Scope.Kind == DataScopeKind.Department ? Features.CaseTallyKeeper.UnitOf(user.Scope.DepartmentId!.Value) : "";

    /// <summary>Tally rows of one kind (and unit, null: every unit) in a division's subtree and a period: one index range.</summary>
    private IQueryable<CaseTally> Tallies(CaseTallyKind kind, string? unit, string path, Period period)
    {
        var (lower, upper) = MaterialisedPath.Range(path);
        DateOnly from = period.From, to = period.To;
        var rows = db.CaseTallies.AsNoTracking().Where(t => t.Kind == kind);
        if (unit is not null) rows = rows.Where(t => t.Unit == unit);
        // A department caller's ranking rows: only its own department.
        else if (user.Scope.Kind == DataScopeKind.Department) rows = rows.Where(t => t.Unit == Features.CaseTallyKeeper.UnitOf(user.Scope.DepartmentId!.Value));
        return rows.Where(t => string.Compare(t.DivisionPath, lower) >= 0 && string.Compare(t.DivisionPath, upper) < 0 && t.Day >= from && t.Day <= to);
    }

    private static async Task<List<(TKey Key, CaseSums Tally)>> SumAsync<TKey>(IQueryable<IGrouping<TKey, CaseTally>> groups, CancellationToken ct)
    {
        var rows = await groups.Select(g => new
        {
            g.Key,
            Tally = new CaseSums(g.Sum(t => t.Received), g.Sum(t => t.Closed), g.Sum(t => t.Dispatched), g.Sum(t => t.ClaimedInTime),
                g.Sum(t => t.Rated), g.Sum(t => t.RatedSolved), g.Sum(t => t.RatedSatisfied), g.Sum(t => t.ClosedInGrid),
                g.Sum(t => t.ClosedInCommunity), g.Sum(t => t.ClosedByDepartment), g.Sum(t => t.Escalated), g.Sum(t => t.Returns),
                g.Sum(t => t.Reworks), g.Sum(t => t.Overdue), g.Sum(t => t.HandlingSeconds) / 3600.0),
        }).ToListAsync(ct);
        return rows.Select(r => (r.Key, r.Tally)).ToList();
    }

    /// <summary>
    /// One row per case touched by the period, with 0/1 flags and the values to add up; grouped and summed in SQL.
    /// A class with settable members (not a constructor), so that EF can group and sum by them.
    /// </summary>
    private sealed class CaseFlags
    {
        public string Path { get; set; } = "";
        public Guid? Lead { get; set; }
        public int Received { get; set; }
        public int Closed { get; set; }
        public int Dispatched { get; set; }
        public int ClaimedInTime { get; set; }
        public int Rated { get; set; }
        public int RatedSolved { get; set; }
        public int RatedSatisfied { get; set; }
        public int ClosedInGrid { get; set; }
        public int ClosedInCommunity { get; set; }
        public int ClosedByDepartment { get; set; }
        public int Escalated { get; set; }
        public int Returns { get; set; }
        public int Reworks { get; set; }
        public int Overdue { get; set; }
        public double HandlingHours { get; set; }
    }

    private IQueryable<CaseFlags> Flags(IQueryable<Case> cases, Period period)
    {
        // Plain UTC DateTime parameters: both providers compare these in SQL (SQLite cannot compare DateTimeOffset).
        DateTime from = period.FromUtc, to = period.ToUtc;
        return cases
            .Where(c => (c.CreatedUtc >= from && c.CreatedUtc < to) || (c.ClosedUtc >= from && c.ClosedUtc < to) || (c.DispatchedUtc >= from && c.DispatchedUtc < to))
            .Select(c => new
            {
                Case = c,
                IsReceived = c.CreatedUtc >= from && c.CreatedUtc < to && c.Status != CaseStatus.Merged,
                IsClosed = c.Status == CaseStatus.Closed && c.ClosedUtc >= from && c.ClosedUtc < to,
                IsDispatched = c.DispatchedUtc >= from && c.DispatchedUtc < to,
            })
            .Select(x => new CaseFlags
            {
                Path = x.Case.DivisionPath,
                Lead = x.Case.LeadDepartmentId,
                Received = x.IsReceived ? 1 : 0,
                Closed = x.IsClosed ? 1 : 0,
                Dispatched = x.IsDispatched ? 1 : 0,
                ClaimedInTime = x.IsDispatched && x.Case.ClaimedUtc != null && x.Case.ResponseDueUtc != null && x.Case.ClaimedUtc <= x.Case.ResponseDueUtc ? 1 : 0,
                Rated = x.IsClosed && x.Case.Satisfaction != null ? 1 : 0,
                RatedSolved = x.IsClosed && x.Case.Satisfaction != null && x.Case.Solved == true ? 1 : 0,
                RatedSatisfied = x.IsClosed && (x.Case.Satisfaction == Satisfaction.Satisfied || x.Case.Satisfaction == Satisfaction.Basic) ? 1 : 0,
                ClosedInGrid = x.IsClosed && x.Case.LocalHandling == LocalHandling.Grid ? 1 : 0,
                ClosedInCommunity = x.IsClosed && x.Case.LocalHandling == LocalHandling.Community ? 1 : 0,
                ClosedByDepartment = x.IsClosed && x.Case.LeadDepartmentId != null ? 1 : 0,
                Escalated = x.IsReceived && x.Case.EscalationCount > 0 ? 1 : 0,
                Returns = x.IsReceived ? x.Case.ReturnCount : 0,
                Reworks = x.IsReceived ? x.Case.ReworkCount : 0,
                // As CaseTallyKeeper.IsOverdue: done late, or not done and recorded overdue by the deadline check.
                Overdue = x.IsReceived && x.Case.HandlingDueUtc != null
                    && (x.Case.ResolvedUtc != null ? x.Case.ResolvedUtc > x.Case.HandlingDueUtc : x.Case.OverdueRecordedUtc != null) ? 1 : 0,
                // ClosedUtc − CreatedUtc in hours, to the second, from calendar parts both providers translate (SQLite
                // stores DateTime as text and cannot subtract two): whole days since 0001-01-01, then the time of day.
                HandlingHours = x.IsClosed && x.Case.ClosedUtc != null
                    ? ((365 * (x.Case.ClosedUtc.Value.Year - 1) + (x.Case.ClosedUtc.Value.Year - 1) / 4 - (x.Case.ClosedUtc.Value.Year - 1) / 100
                            + (x.Case.ClosedUtc.Value.Year - 1) / 400 + x.Case.ClosedUtc.Value.DayOfYear)
                        - (365 * (x.Case.CreatedUtc.Year - 1) + (x.Case.CreatedUtc.Year - 1) / 4 - (x.Case.CreatedUtc.Year - 1) / 100
                            + (x.Case.CreatedUtc.Year - 1) / 400 + x.Case.CreatedUtc.DayOfYear)) * 24.0
                      + ((x.Case.ClosedUtc.Value.Hour * 3600 + x.Case.ClosedUtc.Value.Minute * 60 + x.Case.ClosedUtc.Value.Second)
                        - (x.Case.CreatedUtc.Hour * 3600 + x.Case.CreatedUtc.Minute * 60 + x.Case.CreatedUtc.Second)) / 3600.0
                    : 0.0,
            });
    }

    private static async Task<List<(TKey Key, CaseSums Tally)>> SumAsync<TKey>(IQueryable<IGrouping<TKey, CaseFlags>> groups, CancellationToken ct)
    {
        var rows = await groups.Select(g => new
        {
            g.Key,
            Tally = new CaseSums(g.Sum(f => f.Received), g.Sum(f => f.Closed), g.Sum(f => f.Dispatched), g.Sum(f => f.ClaimedInTime),
                g.Sum(f => f.Rated), g.Sum(f => f.RatedSolved), g.Sum(f => f.RatedSatisfied), g.Sum(f => f.ClosedInGrid),
                g.Sum(f => f.ClosedInCommunity), g.Sum(f => f.ClosedByDepartment), g.Sum(f => f.Escalated), g.Sum(f => f.Returns),
                g.Sum(f => f.Reworks), g.Sum(f => f.Overdue), g.Sum(f => f.HandlingHours)),
        }).ToListAsync(ct);
        return rows.Select(r => (r.Key, r.Tally)).ToList();
    }
}

/// <summary>Sums that add up across divisions: every figure is computed from these.</summary>
internal sealed record CaseSums(int Received, int Closed, int Dispatched, int ClaimedInTime, int Rated, int RatedSolved, int RatedSatisfied,
    int ClosedInGrid, int ClosedInCommunity, int ClosedByDepartment, int Escalated, int Returns, int Reworks, int Overdue, double HandlingHours)
{
    public static readonly CaseSums Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static CaseSums operator +(CaseSums a, CaseSums b) => new(a.Received + b.Received, a.Closed + b.Closed, a.Dispatched + b.Dispatched,
        a.ClaimedInTime + b.ClaimedInTime, a.Rated + b.Rated, a.RatedSolved + b.RatedSolved, a.RatedSatisfied + b.RatedSatisfied,
        a.ClosedInGrid + b.ClosedInGrid, a.ClosedInCommunity + b.ClosedInCommunity, a.ClosedByDepartment + b.ClosedByDepartment,
        a.Escalated + b.Escalated, a.Returns + b.Returns, a.Reworks + b.Reworks, a.Overdue + b.Overdue, a.HandlingHours + b.HandlingHours);

    private static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;

    public CaseFigures ToFigures() => new()
    {
        Received = Received,
        Closed = Closed,
        Dispatched = Dispatched,
        ClaimedInTime = ClaimedInTime,
        ResponseRate = Share(ClaimedInTime, Dispatched),
        Rated = Rated,
        RatedSolved = RatedSolved,
        RatedSatisfied = RatedSatisfied,
        ResolutionRate = Share(RatedSolved, Rated),
        SatisfactionRate = Share(RatedSatisfied, Rated),
        ClosedInGrid = ClosedInGrid,
        ClosedInCommunity = ClosedInCommunity,
        ClosedByDepartment = ClosedByDepartment,
        ClosedInGridShare = Share(ClosedInGrid, Closed),
        ClosedInCommunityShare = Share(ClosedInCommunity, Closed),
        ClosedByDepartmentShare = Share(ClosedByDepartment, Closed),
        Escalated = Escalated,
        Returns = Returns,
        Reworks = Reworks,
        Overdue = Overdue,
        AverageHandlingHours = Closed == 0 ? null : HandlingHours / Closed,
    };
}

public static class CaseStatisticsApi
{
    public static IEndpointRouteBuilder MapCaseStatisticsApi(this IEndpointRouteBuilder app)
    {
        // Policies.Staff: CountyAdmin, StreetStaff, CommunityStaff, GridWorker, DepartmentHandler.
        var stats = app.MapGroup("/api/v1/stats/cases").WithTags("Statistics").RequireAuthorization(Policies.Staff);
        stats.MapGet("/", GetAsync).WithName("GetCaseStatistics")
            .WithSummary("Case figures of a division's subtree (default: your scope) over China local dates from–to (default: this month to date); see docs/case-figures.md. recount=true counts them from the cases instead of the pre-aggregated tallies (slow; for checking)");
        stats.MapGet("/ranking", RankAsync).WithName("GetCaseRanking")
            .WithSummary("The same figures per community, street or department for one month (yyyy-MM), best first");
        return app;
    }

    public static async Task<Results<Ok<CaseStatisticsDto>, ProblemHttpResult>> GetAsync(CaseStatistics statistics, CancellationToken ct,
        string? division = null, string? from = null, string? to = null, bool recount = false)
    {
        var result = await statistics.GetAsync(division, from, to, ct, recount);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<CaseRankingDto>, ProblemHttpResult>> RankAsync(CaseStatistics statistics, CancellationToken ct,
        string? division = null, string? month = null, string? by = null, bool recount = false)
    {
        var result = await statistics.RankAsync(division, month, by, ct, recount);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }
}

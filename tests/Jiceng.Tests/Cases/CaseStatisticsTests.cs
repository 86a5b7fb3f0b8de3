using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Modules.Cases.Features;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Cases;

/// <summary>
/// The case statistics API (docs/case-figures.md). Each test has its own app and database, so only its own cases
/// count; cases are arranged directly through the domain with a fake case clock, then the API's figures are
/// compared with a recount in plain LINQ-to-objects.
/// </summary>
public sealed class CaseStatisticsTests : IAsyncLifetime
{
    /// <summary>The app's "now": Sunday 20 December 2026, 12:00 in China.</summary>
    private static readonly DateTime NowUtc = new(2026, 12, 20, 4, 0, 0, DateTimeKind.Utc);

    private const string County = "230725";
    private const string Dailing = "230725100";
    private const string Tuanjie = CaseApi.Tuanjie;
    private const string Yuxi = CaseApi.Yuxi;
    private const string Yongsheng = "230725100003";
    private const string Tienan = "230725100004";
    private const string Binbei = "230725100005";
    private const string Jinxing = "230725100201"; // a village of 带岭镇
    private const string LangxiangCentre = "230725101008"; // 朗乡镇: in the county, outside the street

    private static readonly CaseActor CommunityStaff = new(Guid.NewGuid(), "社区工作人员", [Roles.CommunityStaff], null, null);
    private static readonly CaseActor GridWorker = new(Guid.NewGuid(), "网格员", [Roles.GridWorker], null, null);
    private static readonly CaseActor StreetStaff = new(Guid.NewGuid(), "街道工作人员", [Roles.StreetStaff], null, null);
    private static readonly CaseActor CountyAdmin = new(Guid.NewGuid(), "县指挥中心", [Roles.CountyAdmin], null, null);
    private static CaseActor Handler(Guid department) => new(Guid.NewGuid(), "部门办件人", [Roles.DepartmentHandler], null, department);

    private readonly JicengAppFactory _app = new() { Start = NowUtc };
    private readonly CaseApi _api;

    public CaseStatisticsTests() => _api = new CaseApi(_app);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    // ---- 1. the figures equal a recount ---------------------------------------------------------------

    [Fact]
    public async Task The_figures_equal_a_recount_for_the_county_the_street_a_community_and_a_department()
    {
        var world = await WorldAsync();
        await SaveAsync(world, db => GenerateMix(world, db, count: 320, seed: 20261130));
        // The deadline check records open cases past their deadline (the overdue figure counts those).
        await _app.Services.GetRequiredService<DeadlineMonitor>().CheckAsync(CancellationToken.None);
        var all = await LoadAllAsync();
        Assert.Contains(all, c => c.OverdueRecordedUtc != null && c.ResolvedUtc == null);
        DateOnly from = new(2026, 11, 1), to = new(2026, 12, 10);
        var query = "?from=2026-11-01&to=2026-12-10";

        var countyExpected = Recount(all.Where(c => c.DivisionPath.StartsWith(world.Paths[County], StringComparison.Ordinal)), from, to);
        var county = await GetAsync("demo-county", query);
        AssertFigures(countyExpected, county, "county");
        Assert.Equal((County, "2026-11-01", "2026-12-10"), (Str(county, "division"), Str(county, "from"), Str(county, "to")));
        // The mix really exercises every figure.
        Assert.All(new[] { "received", "closed", "dispatched", "claimedInTime", "rated", "ratedSolved", "ratedSatisfied", "closedInGrid", "closedInCommunity",
            "closedByDepartment", "escalated", "returns", "reworks", "overdue" }, name => Assert.True(countyExpected[name] > 0, name + " is 0 in the mix"));
        Assert.True(countyExpected["claimedInTime"] < countyExpected["dispatched"]);
        // Every closed case was handled in the grid, by the community or by a department (docs/case-figures.md).
        Assert.Equal(countyExpected["closed"], countyExpected["closedInGrid"] + countyExpected["closedInCommunity"] + countyExpected["closedByDepartment"]);
        Assert.Contains(all, c => c.Status == CaseStatus.Merged && InLocal(c.CreatedUtc, from, to));
        Assert.Contains(all, c => c.Status == CaseStatus.Rejected && InLocal(c.CreatedUtc, from, to));
        Assert.Contains(all, c => c.Status == CaseStatus.Closed && !InLocal(c.CreatedUtc, from, to) && InLocal(c.ClosedUtc, from, to));

        var streetExpected = Recount(all.Where(c => c.DivisionPath.StartsWith(world.Paths[Dailing], StringComparison.Ordinal)), from, to);
        Assert.NotEqual(countyExpected["received"], streetExpected["received"]);
        AssertFigures(streetExpected, await GetAsync("demo-street", query), "street");
        AssertFigures(streetExpected, await GetAsync("demo-county", query + "&division=" + Dailing), "county asking for the street");

        var tuanjieExpected = Recount(all.Where(c => c.DivisionCode == Tuanjie), from, to);
        AssertFigures(tuanjieExpected, await GetAsync("demo-community-a", query), "团结社区");
        AssertFigures(tuanjieExpected, await GetAsync("demo-grid", query), "团结社区's grid worker");
        AssertFigures(Recount(all.Where(c => c.DivisionCode == Yuxi), from, to), await GetAsync("demo-community-b", query), "育西社区");

        // A department: what was dispatched to it (lead or assisting), and nothing else.
        var deptExpected = Recount(all.Where(c => c.Departments.Any(d => d.DepartmentId == world.Zjj)), from, to);
        Assert.True(deptExpected["received"] > 0 && deptExpected["received"] < streetExpected["received"]);
        var dept = await GetAsync("demo-dept", query);
        AssertFigures(deptExpected, dept, "住建局");
        Assert.Equal(County, Str(dept, "division"));

        // The tallies the saves kept (statistics read those) equal the API's own recount from the cases.
        foreach (var user in new[] { "demo-county", "demo-street", "demo-community-a", "demo-dept" })
        {
            var recount = await GetAsync(user, query + "&recount=true");
            AssertFigures(Figures(recount), await GetAsync(user, query), user + " vs recount=true");
        }
        foreach (var by in new[] { "street", "community", "department" })
        {
            var ranking = await GetAsync("demo-county", $"/ranking?month=2026-11&by={by}");
            var recounted = await GetAsync("demo-county", $"/ranking?month=2026-11&by={by}&recount=true");
            var rows = ranking.GetProperty("rows").EnumerateArray().ToList();
            var expected = recounted.GetProperty("rows").EnumerateArray().ToList();
            Assert.Equal(expected.Select(r => Str(r, "code")), rows.Select(r => Str(r, "code")));
            foreach (var (row, want) in rows.Zip(expected)) AssertFigures(Figures(want), row, $"ranking by {by}, {Str(row, "code")}");
        }
    }

    [Fact]
    public async Task Tallies_kept_with_each_change_equal_a_rebuild_from_the_cases()
    {
        var world = await WorldAsync();
        await SaveAsync(world, db => GenerateMix(world, db, count: 200, seed: 20261122));
        await _app.Services.GetRequiredService<DeadlineMonitor>().CheckAsync(CancellationToken.None);
        // Further changes through the API: dispatch with an assisting department, return, re-dispatch, claim.
        var id = await _api.CaseAtAsync("dispatched");
        await _api.DoAsync("demo-dept", id, "return", new { note = "不属于本部门" });
        await _api.DoAsync("demo-street", id, "dispatch", new { leadDepartmentId = world.Mzj, assistingDepartmentIds = new[] { world.Zjj } });

        var kept = await TallyRowsAsync();
        var counted = await _app.AsSystemAsync(sp => CaseTallyKeeper.RebuildAsync(sp.GetRequiredService<AppDbContext>()));
        var rebuilt = await TallyRowsAsync();
        Assert.True(counted > 200);
        Assert.Contains(rebuilt, r => r.StartsWith("Involved", StringComparison.Ordinal));
        Assert.Contains(rebuilt, r => r.StartsWith("Lead", StringComparison.Ordinal));
        Assert.Equal(rebuilt, kept);
    }

    private Task<List<string>> TallyRowsAsync() => _app.AsSystemAsync(async sp =>
        (await sp.GetRequiredService<AppDbContext>().CaseTallies.AsNoTracking().ToListAsync())
            .Select(t => $"{t.Kind} {t.Unit} {t.DivisionPath} {t.Day:yyyy-MM-dd}: {t.Received} {t.Closed} {t.Dispatched} {t.ClaimedInTime} {t.Rated} {t.RatedSolved} " +
                         $"{t.RatedSatisfied} {t.ClosedInGrid} {t.ClosedInCommunity} {t.ClosedByDepartment} {t.Escalated} {t.Returns} {t.Reworks} {t.Overdue} {t.HandlingSeconds}")
            .Where(r => !r.EndsWith(": 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList());

    // ---- 2. scope -----------------------------------------------------------------------------------------

    [Fact]
    public async Task A_community_cannot_ask_for_another_and_a_department_counts_only_what_was_dispatched_to_it()
    {
        var world = await WorldAsync();
        var at = new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);
        await SaveAsync(world, _ =>
        {
            var maker = new Maker(world);
            return
            [
                maker.Dispatched(Tuanjie, at, world.Zjj, claimAfterHours: 1),
                maker.Dispatched(Tuanjie, at, world.Mzj, claimAfterHours: 1),
                maker.Dispatched(Yuxi, at, world.Mzj, claimAfterHours: null, assisting: world.Zjj),
                maker.ClosedLocally(Tuanjie, at, LocalHandling.Grid, at.AddHours(5), Satisfaction.Satisfied, solved: true),
                maker.Submitted(Yuxi, at),
            ];
        });

        await (await GetRawAsync("demo-community-a", "?division=" + Yuxi)).AssertProblemAsync(HttpStatusCode.Forbidden, "out_of_scope");
        await (await GetRawAsync("demo-community-a", "?division=" + Dailing)).AssertProblemAsync(HttpStatusCode.Forbidden, "out_of_scope");
        await (await GetRawAsync("demo-community-a", "/ranking?division=" + Yuxi + "&by=department")).AssertProblemAsync(HttpStatusCode.Forbidden, "out_of_scope");
        await (await GetRawAsync("demo-dept", "?division=210505")).AssertProblemAsync(HttpStatusCode.Forbidden, "out_of_scope"); // 南芬区: another county
        await (await GetRawAsync("demo-resident", "")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        var dept = await GetAsync("demo-dept", "?from=2026-12-01&to=2026-12-01");
        Assert.Equal((2, 2, 1), (Int(dept, "received"), Int(dept, "dispatched"), Int(dept, "claimedInTime")));
        var deptInYuxi = await GetAsync("demo-dept", "?from=2026-12-01&to=2026-12-01&division=" + Yuxi);
        Assert.Equal((1, 0), (Int(deptInYuxi, "received"), Int(deptInYuxi, "claimedInTime")));
        var b = await GetAsync("demo-community-b", "?from=2026-12-01&to=2026-12-01");
        Assert.Equal((Yuxi, 2, 1), (Str(b, "division"), Int(b, "received"), Int(b, "dispatched")));
        var a = await GetAsync("demo-community-a", "?from=2026-12-01&to=2026-12-01");
        Assert.Equal((3, 1, 1), (Int(a, "received"), Int(a, "closed"), Int(a, "closedInGrid")));
    }

    // ---- 3. the period ------------------------------------------------------------------------------------

    [Fact]
    public async Task The_period_is_china_local_dates_inclusive_and_cases_outside_it_are_not_counted()
    {
        var world = await WorldAsync();
        await SaveAsync(world, _ =>
        {
            var maker = new Maker(world);
            return
            [
                maker.Submitted(Tuanjie, Utc(2026, 10, 31, 15, 59)), // 31 Oct 23:59 local
                maker.Submitted(Tuanjie, Utc(2026, 10, 31, 16, 0)),  // 1 Nov 00:00 local
                maker.Submitted(Tuanjie, Utc(2026, 11, 30, 15, 59)), // 30 Nov 23:59 local
                maker.Submitted(Tuanjie, Utc(2026, 11, 30, 16, 0)),  // 1 Dec 00:00 local
                maker.Submitted(Tuanjie, Utc(2026, 11, 30, 17, 0)),  // 1 Dec 01:00 local
                // Received in October, closed at 1 Dec 00:30 local: closed in December, not in November.
                maker.ClosedLocally(Tuanjie, Utc(2026, 10, 20, 2, 0), LocalHandling.Community, Utc(2026, 11, 30, 16, 30), Satisfaction.Basic, solved: true),
            ];
        });

        var october = await GetAsync("demo-community-a", "?from=2026-10-31&to=2026-10-31");
        var november = await GetAsync("demo-community-a", "?from=2026-11-01&to=2026-11-30");
        var firstOfDecember = await GetAsync("demo-community-a", "?from=2026-12-01&to=2026-12-01");
        var byDefault = await GetAsync("demo-community-a", "");

        Assert.Equal((1, 0), (Int(october, "received"), Int(october, "closed")));
        Assert.Equal((2, 0), (Int(november, "received"), Int(november, "closed")));
        Assert.Equal((2, 1), (Int(firstOfDecember, "received"), Int(firstOfDecember, "closed")));
        Assert.Equal(1.0, firstOfDecember.GetProperty("satisfactionRate").GetDouble());
        Assert.Equal(JsonValueKind.Null, november.GetProperty("satisfactionRate").ValueKind);
        // Default: this local month to date.
        Assert.Equal(("2026-12-01", "2026-12-20", 2, 1), (Str(byDefault, "from"), Str(byDefault, "to"), Int(byDefault, "received"), Int(byDefault, "closed")));
    }

    // ---- 4. ranking -----------------------------------------------------------------------------------------

    [Fact]
    public async Task The_ranking_orders_by_satisfaction_then_resolution_then_response_then_received()
    {
        var world = await WorldAsync();
        var at = new DateTime(2026, 11, 10, 1, 0, 0, DateTimeKind.Utc);
        await SaveAsync(world, _ =>
        {
            var m = new Maker(world);
            var done = at.AddHours(30);
            return
            [
                // 团结: satisfaction 1, resolution 1, response 1 (dispatched, claimed in time).
                m.Closed(m.Dispatched(Tuanjie, at, world.Zjj, claimAfterHours: 1), done, Satisfaction.Satisfied, solved: true),
                m.Closed(m.Dispatched(Tuanjie, at, world.Zjj, claimAfterHours: 2), done, Satisfaction.Satisfied, solved: true),
                // 宾北 and 铁南: 1, 1, no response rate; 宾北 received more.
                m.ClosedLocally(Binbei, at, LocalHandling.Grid, done, Satisfaction.Satisfied, solved: true),
                m.Submitted(Binbei, at), m.Submitted(Binbei, at),
                m.ClosedLocally(Tienan, at, LocalHandling.Grid, done, Satisfaction.Satisfied, solved: true),
                m.Submitted(Tienan, at),
                // 永胜: satisfaction 1, resolution 0.5.
                m.ClosedLocally(Yongsheng, at, LocalHandling.Grid, done, Satisfaction.Satisfied, solved: true),
                m.ClosedLocally(Yongsheng, at, LocalHandling.Grid, done, Satisfaction.Basic, solved: false),
                // 育西: satisfaction 0.5, resolution 1.
                m.ClosedLocally(Yuxi, at, LocalHandling.Community, done, Satisfaction.Satisfied, solved: true),
                m.ClosedLocally(Yuxi, at, LocalHandling.Community, done, Satisfaction.Unsatisfied, solved: true),
                // December: not in the November ranking.
                m.ClosedLocally(Jinxing, Utc(2026, 12, 2, 1, 0), LocalHandling.Grid, Utc(2026, 12, 3, 1, 0), Satisfaction.Satisfied, solved: true),
            ];
        });

        var ranking = await GetAsync("demo-street", "/ranking?month=2026-11&by=community");
        var rows = ranking.GetProperty("rows").EnumerateArray().ToList();
        var villages = await _app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Divisions.CountAsync(d => d.ParentCode == Dailing));

        Assert.Equal(("2026-11", "community", "2026-11-01", "2026-11-30"), (Str(ranking, "month"), Str(ranking, "by"), Str(ranking, "from"), Str(ranking, "to")));
        Assert.Equal(villages, rows.Count);
        Assert.Equal([Tuanjie, Binbei, Tienan, Yongsheng, Yuxi], rows.Take(5).Select(r => Str(r, "code")));
        Assert.Equal([1, 2, 3, 4, 5], rows.Take(5).Select(r => Int(r, "rank")));
        Assert.Equal("团结社区", Str(rows[0], "name"));
        Assert.Equal((2, 1.0, 1.0, 1.0), (Int(rows[0], "received"), rows[0].GetProperty("satisfactionRate").GetDouble(),
            rows[0].GetProperty("resolutionRate").GetDouble(), rows[0].GetProperty("responseRate").GetDouble()));
        // Units without figures tie behind the others, in code order.
        Assert.All(rows.Skip(5), r => Assert.Equal((6, 0), (Int(r, "rank"), Int(r, "received"))));
        var rest = rows.Skip(5).Select(r => Str(r, "code")).ToList();
        Assert.Equal(rest.Order(StringComparer.Ordinal), rest);
        Assert.Contains(Jinxing, rest);

        var departments = (await GetAsync("demo-street", "/ranking?month=2026-11&by=department")).GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(("ZJJ", 1, 2), (Str(departments[0], "code"), Int(departments[0], "rank"), Int(departments[0], "closed")));
        Assert.Equal(world.Zjj, departments[0].GetProperty("id").GetGuid());
        Assert.All(departments.Skip(1), r => Assert.Equal(2, Int(r, "rank")));

        var streets = (await GetAsync("demo-county", "/ranking?month=2026-11")).GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal((Dailing, 1, 11), (Str(streets[0], "code"), Int(streets[0], "rank"), Int(streets[0], "received")));
        Assert.True(streets.Count >= 2);
    }

    // ---- 5. bad input -------------------------------------------------------------------------------------------

    [Fact]
    public async Task Bad_periods_months_units_and_divisions_are_refused_with_their_codes()
    {
        foreach (var query in new[]
                 {
                     "?from=2026-12-02&to=2026-12-01", "?from=2026-13-01", "?to=yesterday", "?from=2026/12/01", "?from=2025-01-01&to=2026-02-05",
                     "/ranking?month=2026-13", "/ranking?month=2026-11-01", "/ranking?by=village", "/ranking?division=" + Tuanjie + "&by=street",
                     "/ranking?division=" + Dailing + "&by=street",
                 })
        {
            await (await GetRawAsync("demo-county", query)).AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        }
        await (await GetRawAsync("demo-community-a", "/ranking")).AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        await (await GetRawAsync("demo-county", "?division=230725199999")).AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await GetRawAsync("demo-county", "/ranking?division=999999")).AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);

        // The longest period is 400 days, both ends included.
        var longest = await GetAsync("demo-county", "?from=2025-01-01&to=2026-02-04");
        Assert.Equal(0, Int(longest, "received"));
    }

    // ---- the recount ------------------------------------------------------------------------------------------

    private static bool InLocal(DateTime? utc, DateOnly from, DateOnly to) =>
        utc is { } t && WorkingCalendar.LocalDate(t) >= from && WorkingCalendar.LocalDate(t) <= to;

    /// <summary>docs/case-figures.md, read literally, over cases in memory.</summary>
    private static Dictionary<string, double?> Recount(IEnumerable<Case> cases, DateOnly from, DateOnly to)
    {
        var list = cases.ToList();
        var received = list.Where(c => InLocal(c.CreatedUtc, from, to) && c.Status != CaseStatus.Merged).ToList();
        var closed = list.Where(c => c.Status == CaseStatus.Closed && InLocal(c.ClosedUtc, from, to)).ToList();
        var dispatched = list.Where(c => InLocal(c.DispatchedUtc, from, to)).ToList();
        var claimedInTime = dispatched.Count(c => c.ClaimedUtc <= c.ResponseDueUtc);
        var rated = closed.Where(c => c.Satisfaction is not null).ToList();
        var solved = rated.Count(c => c.Solved == true);
        var satisfied = rated.Count(c => c.Satisfaction is Satisfaction.Satisfied or Satisfaction.Basic);
        var inGrid = closed.Count(c => c.LocalHandling == LocalHandling.Grid);
        var inCommunity = closed.Count(c => c.LocalHandling == LocalHandling.Community);
        var byDepartment = closed.Count(c => c.LeadDepartmentId is not null);
        static double? Fraction(int part, int whole) => whole == 0 ? null : (double)part / whole;
        return new()
        {
            ["received"] = received.Count,
            ["closed"] = closed.Count,
            ["dispatched"] = dispatched.Count,
            ["claimedInTime"] = claimedInTime,
            ["responseRate"] = Fraction(claimedInTime, dispatched.Count),
            ["rated"] = rated.Count,
            ["ratedSolved"] = solved,
            ["ratedSatisfied"] = satisfied,
            ["resolutionRate"] = Fraction(solved, rated.Count),
            ["satisfactionRate"] = Fraction(satisfied, rated.Count),
            ["closedInGrid"] = inGrid,
            ["closedInCommunity"] = inCommunity,
            ["closedByDepartment"] = byDepartment,
            ["closedInGridShare"] = Fraction(inGrid, closed.Count),
            ["closedInCommunityShare"] = Fraction(inCommunity, closed.Count),
            ["closedByDepartmentShare"] = Fraction(byDepartment, closed.Count),
            ["escalated"] = received.Count(c => c.EscalationCount > 0),
            ["returns"] = received.Sum(c => c.ReturnCount),
            ["reworks"] = received.Sum(c => c.ReworkCount),
            ["overdue"] = received.Count(c => c.HandlingDueUtc is { } due && (c.ResolvedUtc is { } resolved ? resolved > due : c.OverdueRecordedUtc != null)),
            ["averageHandlingHours"] = closed.Count == 0 ? null : closed.Average(c => (c.ClosedUtc!.Value - c.CreatedUtc).TotalHours),
        };
    }

    /// <summary>Every number or null of a figures answer (counts, rates, shares, the average).</summary>
    private static Dictionary<string, double?> Figures(JsonElement answer) => answer.EnumerateObject()
        .Where(p => p.Value.ValueKind is JsonValueKind.Number or JsonValueKind.Null)
        .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? (double?)null : p.Value.GetDouble());

    private static void AssertFigures(Dictionary<string, double?> expected, JsonElement actual, string who)
    {
        foreach (var (name, value) in expected)
        {
            var property = actual.GetProperty(name);
            if (value is null)
            {
                Assert.True(property.ValueKind == JsonValueKind.Null, $"{who}: {name} should be null, was {property}");
            }
            else
            {
                Assert.True(property.ValueKind == JsonValueKind.Number && Math.Abs(property.GetDouble() - value.Value) <= 1e-9 * Math.Max(1, Math.Abs(value.Value)),
                    $"{who}: {name} should be {value}, was {property}");
            }
        }
    }

    // ---- API helpers ------------------------------------------------------------------------------------------

    private async Task<HttpResponseMessage> GetRawAsync(string user, string pathAndQuery) =>
        await (await _api.As(user)).GetAsync("/api/v1/stats/cases" + pathAndQuery);

    private async Task<JsonElement> GetAsync(string user, string pathAndQuery) => await (await GetRawAsync(user, pathAndQuery)).ReadOkAsync<JsonElement>();

    private static string Str(JsonElement e, string name) => e.GetProperty(name).GetString() ?? "(null)";
    private static int Int(JsonElement e, string name) => e.GetProperty(name).GetInt32();
    private static DateTime Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    // ---- arranging cases through the domain ---------------------------------------------------------------------

    private sealed record World(IReadOnlyDictionary<string, string> Paths, Guid Zjj, Guid Mzj);

    private Task<World> WorldAsync() => _app.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var paths = await db.Divisions.Where(d => d.Code.StartsWith(County)).ToDictionaryAsync(d => d.Code, d => d.Path);
        var departments = await db.Departments.Where(d => d.CountyCode == County).ToDictionaryAsync(d => d.ShortCode, d => d.Id);
        return new World(paths, departments["ZJJ"], departments["MZJ"]);
    });

    /// <summary>Adds the cases in a system-scoped context; <paramref name="arrange"/> may save and change them further (merges).</summary>
    private Task SaveAsync(World world, Func<AppDbContext, IEnumerable<Case>> arrange) => _app.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var cases = arrange(db).ToList();
        db.Cases.AddRange(cases.Where(c => db.Entry(c).State == EntityState.Detached));
        await db.SaveChangesAsync();
    });

    private Task<List<Case>> LoadAllAsync() => _app.AsSystemAsync(sp =>
        sp.GetRequiredService<AppDbContext>().Cases.AsNoTracking().Include(c => c.Departments).ToListAsync());

    private static void Ok(Error? error) => Assert.Null(error);

    /// <summary>The case clock the domain asks for deadlines: a settable time on the official calendar.</summary>
    private sealed class TestCaseClock : ICaseClock
    {
        public DateTime UtcNow { get; set; }
        public DateTime Deadline(DateTime startUtc, int amount, TimeLimitUnit unit) => WorkingCalendar.China().Deadline(startUtc, amount, unit);
    }

    /// <summary>Hand-made cases at given times.</summary>
    private sealed class Maker(World world)
    {
        private static readonly CaseCategory Roads = CaseCategory.Defaults().Single(c => c.Code == "roads");
        private readonly TestCaseClock _clock = new();
        private int _sequence;

        public Case Submitted(string division, DateTime at, CaseCategory? category = null) =>
            Case.Submit(category ?? Roads, "路灯不亮，夜间出行不便", division, world.Paths[division], CaseChannel.Portal, CaseActor.Reporter(),
                null, null, null, null, null, $"ST{++_sequence:D8}", at);

        public Case Dispatched(string division, DateTime at, Guid lead, int? claimAfterHours, Guid? assisting = null)
        {
            var c = Submitted(division, at);
            _clock.UtcNow = at.AddMinutes(10);
            Ok(c.Accept(CommunityStaff, null, null, _clock));
            Ok(c.Dispatch(StreetStaff, lead, assisting is { } a ? [a] : [], null, _clock));
            if (claimAfterHours is { } hours) Ok(c.Claim(Handler(lead), null, _clock.UtcNow.AddHours(hours)));
            return c;
        }

        /// <summary>Resolves, verifies, gives feedback and rates an in-progress case; rated at <paramref name="ratedAt"/>.</summary>
        public Case Closed(Case c, DateTime ratedAt, Satisfaction satisfaction, bool solved)
        {
            var handler = c.LeadDepartmentId is { } lead ? Handler(lead) : GridWorker;
            Ok(c.Resolve(handler, "已处理", [], ratedAt.AddHours(-3)));
            Ok(c.Verify(GridWorker, null, [], ratedAt.AddHours(-2)));
            Ok(c.Feedback(CommunityStaff, "已处理完毕", ratedAt.AddHours(-1)));
            Ok(c.Rate(CaseActor.Reporter(), satisfaction, solved, null, ratedAt));
            return c;
        }

        public Case ClosedLocally(string division, DateTime at, LocalHandling handling, DateTime ratedAt, Satisfaction satisfaction, bool solved)
        {
            var c = Submitted(division, at);
            _clock.UtcNow = at.AddMinutes(10);
            Ok(c.Accept(CommunityStaff, handling, null, _clock));
            return Closed(c, ratedAt, satisfaction, solved);
        }
    }

    /// <summary>
    /// A realistic, seeded mix: rejected, merged, handled in the grid or the community, escalated, dispatched to 住建局 or
    /// 民政局 (claimed in or out of time, some returned), reworked, rated at random, reopened, and some left open past due.
    /// </summary>
    private static IEnumerable<Case> GenerateMix(World world, AppDbContext db, int count, int seed)
    {
        var rng = new Random(seed);
        var clock = new TestCaseClock();
        var categories = CaseCategory.Defaults().ToList();
        string[] divisions = [Tuanjie, Tuanjie, Yuxi, Yuxi, Jinxing, LangxiangCentre];
        var first = new DateTime(2026, 10, 15, 0, 0, 0, DateTimeKind.Utc);
        var minutes = (int)(new DateTime(2026, 12, 18, 0, 0, 0, DateTimeKind.Utc) - first).TotalMinutes;

        // Moves the clock on by up to maxHours; false when a case stalls (4 %) or the step would pass "now".
        bool Step(double maxHours) => StepTo(clock.UtcNow.AddMinutes(rng.Next(5, (int)(maxHours * 60))));
        bool StepTo(DateTime next)
        {
            if (rng.NextDouble() < 0.04 || next > NowUtc) return false;
            clock.UtcNow = next;
            return true;
        }

        void Walk(Case c)
        {
            var roll = rng.NextDouble();
            if (roll < 0.10 || !Step(24)) return; // still waiting to be accepted (some are merged below)
            if (roll < 0.18)
            {
                Ok(c.Reject(CommunityStaff, "不属于受理范围", clock.UtcNow));
                return;
            }
            LocalHandling? local = rng.NextDouble() switch { < 0.3 => LocalHandling.Grid, < 0.5 => LocalHandling.Community, _ => null };
            Ok(c.Accept(CommunityStaff, local, null, clock));
            if (local is not null && rng.NextDouble() < 0.15)
            {
                if (!Step(48)) return;
                Ok(c.Escalate(CommunityStaff, "社区无法解决", clock.UtcNow));
                local = null;
            }
            CaseActor handler;
            if (local is null)
            {
                var dispatcher = StreetStaff;
                if (rng.NextDouble() < 0.1)
                {
                    if (!Step(24)) return;
                    Ok(c.Escalate(StreetStaff, "需县级协调", clock.UtcNow));
                    dispatcher = CountyAdmin;
                }
                if (!Step(24)) return;
                var department = rng.NextDouble() < 0.6 ? world.Zjj : world.Mzj;
                Ok(c.Dispatch(dispatcher, department, [], null, clock));
                if (rng.NextDouble() < 0.15)
                {
                    if (!Step(12)) return;
                    Ok(c.Return(Handler(department), "不属于本部门职责", clock.UtcNow));
                    if (!Step(24)) return;
                    department = department == world.Zjj ? world.Mzj : world.Zjj;
                    Ok(c.Dispatch(dispatcher, department, [], null, clock));
                }
                // Claimed before the response deadline (70 %) or after it.
                var window = (c.ResponseDueUtc!.Value - clock.UtcNow).TotalMinutes;
                var claimAt = rng.NextDouble() < 0.7
                    ? clock.UtcNow.AddMinutes(Math.Max(1, (int)(window * rng.NextDouble())))
                    : c.ResponseDueUtc.Value.AddMinutes(rng.Next(1, 48 * 60));
                if (!StepTo(claimAt)) return;
                handler = Handler(department);
                Ok(c.Claim(handler, null, clock.UtcNow));
            }
            else
            {
                handler = local == LocalHandling.Grid ? GridWorker : CommunityStaff;
            }
            if (!Step(150)) return;
            Ok(c.Resolve(handler, "已处理", [], clock.UtcNow));
            if (rng.NextDouble() < 0.15)
            {
                if (!Step(24)) return;
                Ok(c.Rework(GridWorker, "现场仍有问题", [], clock.UtcNow));
                if (!Step(72)) return;
                Ok(c.Resolve(handler, "已重新处理", [], clock.UtcNow));
            }
            if (!Step(24)) return;
            Ok(c.Verify(GridWorker, "现场核查通过", [], clock.UtcNow));
            if (!Step(24)) return;
            Ok(c.Feedback(CommunityStaff, "已处理完毕，请评价", clock.UtcNow));
            if (rng.NextDouble() < 0.1 || !Step(72)) return; // some are never rated
            var satisfaction = (Satisfaction)rng.Next(3);
            var solved = rng.NextDouble() < 0.75;
            Ok(c.Rate(CaseActor.Reporter(), satisfaction, solved, null, clock.UtcNow));
            if ((satisfaction == Satisfaction.Unsatisfied || !solved) && rng.NextDouble() < 0.3 && Step(48))
            {
                Ok(c.Reopen(CommunityStaff, "居民不满意，重办", clock));
            }
        }

        var cases = new List<Case>(count);
        for (var i = 0; i < count; i++)
        {
            var at = first.AddMinutes(rng.Next(minutes));
            var division = divisions[rng.Next(divisions.Length)];
            var c = Case.Submit(categories[rng.Next(categories.Count)], "居民反映的问题", division, world.Paths[division], CaseChannel.Portal,
                CaseActor.Reporter(), null, null, null, null, null, $"MX{i:D8}", at);
            clock.UtcNow = at;
            Walk(c);
            cases.Add(c);
        }

        // Merging needs saved ids: save, then merge about half of the never-accepted cases into an earlier case of the same place.
        db.Cases.AddRange(cases);
        db.SaveChanges();
        foreach (var duplicate in cases.Where(c => c.Status == CaseStatus.Submitted && c.CreatedUtc.AddHours(1) < NowUtc).Where(_ => rng.NextDouble() < 0.5).ToList())
        {
            var master = cases.FirstOrDefault(c => c.DivisionCode == duplicate.DivisionCode && c.Id != duplicate.Id && c.CreatedUtc < duplicate.CreatedUtc
                && c.Status is not (CaseStatus.Merged or CaseStatus.Rejected));
            if (master is not null) Ok(duplicate.MergeInto(CommunityStaff, master, null, duplicate.CreatedUtc.AddHours(1)));
        }
        return cases;
    }
}

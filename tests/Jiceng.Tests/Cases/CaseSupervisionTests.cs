using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.Cases.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Cases;

/// <summary>
/// The supervision view (督办) over HTTP: cases are walked to known points of the loop with the demo accounts while a fake
/// clock runs from Friday 4 to Thursday 17 September 2026, the deadline monitor writes the ledger once, and each count,
/// list and ledger row is compared with what was set up. Definitions: docs/case-figures.md, "Supervision view".
/// </summary>
public sealed class CaseSupervisionTests(CaseSupervisionTests.World world) : IClassFixture<CaseSupervisionTests.World>
{
    private const string LangxiangCentre = "230725101008"; // 朗乡镇中心社区: in the county, outside demo-street's 带岭镇
    private const string Langxiang = "230725101";
    private const string Dailing = "230725100";

    /// <summary>The arranged cases, by what they are for. Only <see cref="Each_count_and_list_holds_exactly_its_cases_and_a_supervision_order_from_the_list_tops_the_queue"/> changes them.</summary>
    public sealed class World : IAsyncLifetime
    {
        public JicengAppFactory App { get; } = new()
        {
            Start = new DateTimeOffset(2026, 9, 4, 1, 0, 0, TimeSpan.Zero), // Fri 4 Sep, 09:00 in China
            Settings = new Dictionary<string, string> { ["Cases:DeadlineMonitorEnabled"] = "false", ["Notifications:DispatcherEnabled"] = "false" },
        };
        public CaseApi Api { get; }
        public long Early, LateClaim, Returned, Reworked, Parked, Resolved, ToCounty, ToStreet, Whistled, Outside, DueSoon;
        public Guid Zjj, Cgj;
        public DeadlineMonitor.Pass MonitorPass = new(0, 0, 0);

        public World() => Api = new CaseApi(App);

        public async ValueTask InitializeAsync()
        {
            Zjj = await Api.DepartmentAsync("ZJJ");
            Cgj = await Api.DepartmentAsync("CGJ");

            // Fri 4 Sep: accepted now, done within 7 working days → due Tue 15 Sep 24:00 China (16:00Z).
            Early = await Api.CaseAtAsync("inProgress");

            // Mon 7 Sep: due Wed 16 Sep 24:00 China; a dispatch now must be claimed by Tue 8 Sep 24:00 China.
            Advance(new DateTimeOffset(2026, 9, 7, 1, 0, 0, TimeSpan.Zero));
            LateClaim = await Id(Api.CreateAsync());
            await Api.DoAsync("demo-community-a", LateClaim, "accept");
            await Api.DoAsync("demo-street", LateClaim, "dispatch", new { leadDepartmentId = Cgj });
            Returned = await Api.CaseAtAsync("dispatched");
            await Api.DoAsync("demo-dept", Returned, "return", new { note = "不属于本部门职责" });
            Reworked = await Api.CaseAtAsync("resolved");
            await Api.DoAsync("demo-grid", Reworked, "rework", new { note = "现场仍有积水" });
            Parked = await Api.CaseAtAsync("inProgress");
            await Api.DoAsync("demo-street", Parked, "park", new { note = "列入明年道路改造计划" });
            Resolved = await Api.CaseAtAsync("resolved");
            ToCounty = await Api.CaseAtAsync("accepted");
            await Api.DoAsync("demo-street", ToCounty, "escalate", new { note = "涉及多个部门，请县协调" });
            ToStreet = await Id(Api.CreateAsync(division: CaseApi.Yuxi));
            await Api.DoAsync("demo-community-b", ToStreet, "accept", new { handleIn = "community" });
            await Api.DoAsync("demo-community-b", ToStreet, "escalate", new { note = "社区无法解决" });
            Whistled = await Api.CaseAtAsync("accepted"); // the community's ordinary hand-over: not an escalation

            // Tue 8 Sep: a case of another town, accepted by the county → due Thu 17 Sep 24:00 China (16:00Z).
            Advance(new DateTimeOffset(2026, 9, 8, 1, 0, 0, TimeSpan.Zero));
            Outside = await Id(Api.CreateAsync(division: LangxiangCentre));
            await Api.DoAsync("demo-county", Outside, "accept");

            // Thu 17 Sep 12:00 China: heating must be done within 24 natural hours.
            Advance(new DateTimeOffset(2026, 9, 17, 4, 0, 0, TimeSpan.Zero));
            DueSoon = await Id(Api.CreateAsync(category: "heating"));
            await Api.DoAsync("demo-community-a", DueSoon, "accept");

            // Thu 17 Sep 13:00 China: the monitor writes the ledger.
            Advance(new DateTimeOffset(2026, 9, 17, 5, 0, 0, TimeSpan.Zero));
            MonitorPass = await App.Services.GetRequiredService<DeadlineMonitor>().CheckAsync(default);
        }

        public ValueTask DisposeAsync() => App.DisposeAsync();

        private void Advance(DateTimeOffset to)
        {
            App.Clock.SetUtcNow(to);
            Api.SignInAgain(); // days pass: the sessions have idled out, as a person's would
        }

        private static async Task<long> Id(Task<JsonElement> created) => (await created).GetProperty("id").GetInt64();
    }

    private CaseApi Api => world.Api;

    private async Task<HttpResponseMessage> GetRawAsync(string user, string pathAndQuery) => await (await Api.As(user)).GetAsync(pathAndQuery);

    private async Task<JsonElement> GetAsync(string user, string pathAndQuery) => await (await GetRawAsync(user, pathAndQuery)).ReadOkAsync<JsonElement>();

    private static readonly string[] Counts = ["overdue", "dueSoon", "lateClaim", "returned", "reworked", "escalated", "escalatedToStreet", "escalatedToCounty", "supervised", "parked"];

    private static Dictionary<string, int> CountsOf(JsonElement summary) => Counts.ToDictionary(c => c, c => summary.GetProperty(c).GetInt32());

    private async Task<List<JsonElement>> ListAsync(string user, string kind, string query = "") =>
        (await GetAsync(user, $"/api/v1/supervision/cases?kind={kind}&pageSize=200{query}")).GetProperty("items").EnumerateArray().ToList();

    private static List<long> Ids(IEnumerable<JsonElement> items) => items.Select(i => i.GetProperty("id").GetInt64()).Order().ToList();

    [Fact]
    public async Task Each_count_and_list_holds_exactly_its_cases_and_a_supervision_order_from_the_list_tops_the_queue()
    {
        var w = world;
        // The county's case of 朗乡镇 is past 80 % of its time (a reminder); one late claim; seven overdue.
        Assert.Equal(new DeadlineMonitor.Pass(1, 1, 7), w.MonitorPass);
        var expected = new Dictionary<string, long[]>
        {
            ["overdue"] = [w.Early, w.LateClaim, w.Returned, w.Reworked, w.ToCounty, w.ToStreet, w.Whistled],
            ["due-soon"] = [w.Outside, w.DueSoon],
            ["late-claim"] = [w.LateClaim],
            ["returned"] = [w.Returned],
            ["reworked"] = [w.Reworked],
            ["escalated"] = [w.ToCounty, w.ToStreet],
            ["supervised"] = [],
            ["parked"] = [w.Parked],
        };

        var summary = await GetAsync("demo-county", "/api/v1/supervision/summary");
        Assert.Equal(new Dictionary<string, int>
        {
            ["overdue"] = 7, ["dueSoon"] = 2, ["lateClaim"] = 1, ["returned"] = 1, ["reworked"] = 1, ["escalated"] = 2,
            ["escalatedToStreet"] = 1, ["escalatedToCounty"] = 1, ["supervised"] = 0, ["parked"] = 1,
        }, CountsOf(summary));
        Assert.Equal(("230725", "2026-09-01", "2026-09-17"), (summary.GetProperty("division").GetString(), summary.GetProperty("from").GetString(), summary.GetProperty("to").GetString()));
        foreach (var (kind, ids) in expected)
        {
            var page = await GetAsync("demo-county", $"/api/v1/supervision/cases?kind={kind}&pageSize=200");
            Assert.Equal(ids.Order().ToList(), Ids(page.GetProperty("items").EnumerateArray()));
            Assert.Equal(ids.Length, page.GetProperty("total").GetInt32());
        }

        // Latest first: due Tue 15 Sep 24:00 China, 37 hours ago; the others 13 hours ago. Names are resolved.
        var overdue = await ListAsync("demo-county", "overdue");
        var first = overdue[0];
        Assert.Equal(w.Early, first.GetProperty("id").GetInt64());
        Assert.Equal("2026-09-15T16:00:00Z", first.GetProperty("dueUtc").GetString());
        Assert.Equal(37.0, first.GetProperty("hoursOverdue").GetDouble());
        Assert.Equal(("团结社区", "大箐山县住房和城乡建设局", "red"), (first.GetProperty("divisionName").GetString(),
            first.GetProperty("leadDepartmentName").GetString(), first.GetProperty("trafficLight").GetString()));
        Assert.All(overdue.Skip(1), i => Assert.Equal(13.0, i.GetProperty("hoursOverdue").GetDouble()));
        Assert.Equal(Ids(overdue.Skip(1)), overdue.Skip(1).Select(i => i.GetProperty("id").GetInt64()).ToList());
        // Late claims are measured against the response deadline: Tue 8 Sep 24:00 China.
        var late = Assert.Single(await ListAsync("demo-county", "late-claim"));
        Assert.Equal(("2026-09-08T16:00:00Z", 205.0), (late.GetProperty("dueUtc").GetString(), late.GetProperty("hoursOverdue").GetDouble()));
        // Due soon: time left is negative lateness.
        Assert.Equal(-23.0, (await ListAsync("demo-county", "due-soon")).Single(i => i.GetProperty("id").GetInt64() == w.DueSoon).GetProperty("hoursOverdue").GetDouble());
        // Paging: two pages of 4 and 3, in the same order as one page of 200.
        var paged = (await GetAsync("demo-county", "/api/v1/supervision/cases?kind=overdue&page=1&pageSize=4")).GetProperty("items").EnumerateArray()
            .Concat((await GetAsync("demo-county", "/api/v1/supervision/cases?kind=overdue&page=2&pageSize=4")).GetProperty("items").EnumerateArray());
        Assert.Equal(overdue.Select(i => i.GetProperty("id").GetInt64()), paged.Select(i => i.GetProperty("id").GetInt64()));

        // Narrowed to one lead department: only the overdue cases 住建局 leads now (the returned one has no lead).
        Assert.Equal([w.Early, w.Reworked], Ids(await ListAsync("demo-county", "overdue", "&department=" + w.Zjj)));
        Assert.Equal(2, (await GetAsync("demo-county", "/api/v1/supervision/summary?department=" + w.Zjj)).GetProperty("overdue").GetInt32());

        // 督办 from the list: the department's queue had the earliest case on top; the supervised one goes above it.
        var queueBefore = await GetAsync("demo-dept", "/api/v1/cases?open=true");
        Assert.Equal(w.Early, queueBefore.GetProperty("items")[0].GetProperty("id").GetInt64());
        var target = overdue.Single(i => i.GetProperty("id").GetInt64() == w.Reworked);
        Assert.True(target.GetProperty("open").GetBoolean());
        Assert.False(target.GetProperty("supervised").GetBoolean());
        (await Api.ActAsync("demo-county", w.Reworked, "supervise", new { note = "县督办：三日内办结并报告" }, target.GetProperty("version").GetInt32()))
            .EnsureSuccessStatusCode();

        var queue = await GetAsync("demo-dept", "/api/v1/cases?open=true");
        Assert.Equal(w.Reworked, queue.GetProperty("items")[0].GetProperty("id").GetInt64());
        Assert.Equal(1, (await GetAsync("demo-county", "/api/v1/supervision/summary")).GetProperty("supervised").GetInt32());
        var supervised = Assert.Single(await ListAsync("demo-county", "supervised"));
        Assert.Equal(w.Reworked, supervised.GetProperty("id").GetInt64());
        Assert.True((await ListAsync("demo-county", "overdue")).Single(i => i.GetProperty("id").GetInt64() == w.Reworked).GetProperty("supervised").GetBoolean());
        // A stale view (the version the list showed before the order) is refused, not applied twice.
        await (await Api.ActAsync("demo-county", w.Reworked, "supervise", new { note = "再次督办" }, target.GetProperty("version").GetInt32()))
            .AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task A_street_sees_only_its_street_and_a_division_outside_the_scope_is_refused()
    {
        var w = world;
        var county = CountsOf(await GetAsync("demo-county", "/api/v1/supervision/summary"));
        var street = await GetAsync("demo-street", "/api/v1/supervision/summary");
        Assert.Equal(Dailing, street.GetProperty("division").GetString());
        // The only case of another town (朗乡镇) is due soon; everything else is in 带岭镇.
        Assert.Equal(county.ToDictionary(kv => kv.Key, kv => kv.Key == "dueSoon" ? kv.Value - 1 : kv.Value), CountsOf(street));
        Assert.Equal([w.DueSoon], Ids(await ListAsync("demo-street", "due-soon")));
        Assert.Equal(7, (await ListAsync("demo-street", "overdue")).Count);

        // The county may narrow to the other town; the street may not look there (403) and an unknown code is 404.
        var langxiang = await GetAsync("demo-county", "/api/v1/supervision/summary?division=" + Langxiang);
        Assert.Equal((0, 1), (langxiang.GetProperty("overdue").GetInt32(), langxiang.GetProperty("dueSoon").GetInt32()));
        Assert.Equal([w.Outside], Ids(await ListAsync("demo-county", "due-soon", "&division=" + Langxiang)));
        var yuxi = await GetAsync("demo-street", "/api/v1/supervision/summary?division=" + CaseApi.Yuxi);
        Assert.Equal((1, 1, 0), (yuxi.GetProperty("overdue").GetInt32(), yuxi.GetProperty("escalatedToStreet").GetInt32(), yuxi.GetProperty("escalatedToCounty").GetInt32()));
        foreach (var path in new[] { "/api/v1/supervision/summary?division=", "/api/v1/supervision/cases?kind=overdue&division=", "/api/v1/supervision/accountability?division=" })
        {
            await (await GetRawAsync("demo-street", path + Langxiang)).AssertProblemAsync(HttpStatusCode.Forbidden, "out_of_scope");
            await (await GetRawAsync("demo-street", path + "230725999999")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        }
    }

    [Fact]
    public async Task The_ledger_counts_late_responses_and_overdue_handling_per_unit_most_first()
    {
        var w = world;
        var byDepartment = await GetAsync("demo-county", "/api/v1/supervision/accountability?by=department");
        Assert.Equal("department", byDepartment.GetProperty("by").GetString());
        // 住建局: early and reworked overdue; 城管局: the late claim, and the same case overdue. Ties: more overdue first.
        Assert.Equal(
            [("ZJJ", w.Zjj, 0, 2, 2), ("CGJ", w.Cgj, 1, 1, 2)],
            Rows(byDepartment).Select(r => (r.GetProperty("code").GetString(), r.GetProperty("id").GetGuid(), r.GetProperty("lateResponses").GetInt32(),
                r.GetProperty("overdueHandling").GetInt32(), r.GetProperty("total").GetInt32())).ToList());

        // By community every record counts, handled locally or not: 团结社区 6 overdue and the late claim, 育西社区 the escalated one.
        var byCommunity = await GetAsync("demo-county", "/api/v1/supervision/accountability?by=community");
        var expected = new List<(string?, string?, int, int)> { (CaseApi.Tuanjie, "团结社区", 1, 6), (CaseApi.Yuxi, "育西社区", 0, 1) };
        Assert.Equal(expected, Rows(byCommunity).Select(r => (r.GetProperty("code").GetString(), r.GetProperty("name").GetString(),
            r.GetProperty("lateResponses").GetInt32(), r.GetProperty("overdueHandling").GetInt32())).ToList());
        Assert.Equal(expected, Rows(await GetAsync("demo-street", "/api/v1/supervision/accountability?by=community")).Select(r => (r.GetProperty("code").GetString(),
            r.GetProperty("name").GetString(), r.GetProperty("lateResponses").GetInt32(), r.GetProperty("overdueHandling").GetInt32())).ToList());

        // Narrowing: one department, one community, and a period in which nothing was recorded.
        Assert.Equal(["CGJ"], Rows(await GetAsync("demo-county", $"/api/v1/supervision/accountability?department={w.Cgj}")).Select(r => r.GetProperty("code").GetString()));
        Assert.Equal([CaseApi.Yuxi], Rows(await GetAsync("demo-county", $"/api/v1/supervision/accountability?by=community&division={CaseApi.Yuxi}"))
            .Select(r => r.GetProperty("code").GetString()));
        Assert.Empty(Rows(await GetAsync("demo-county", "/api/v1/supervision/accountability?from=2026-08-01&to=2026-08-31")));
        Assert.Empty(Rows(await GetAsync("demo-county", $"/api/v1/supervision/accountability?division={Langxiang}")));
    }

    private static List<JsonElement> Rows(JsonElement ledger) => ledger.GetProperty("rows").EnumerateArray().ToList();

    [Fact]
    public async Task Only_county_and_street_staff_may_look_and_bad_input_is_refused()
    {
        foreach (var user in new[] { "demo-community-a", "demo-grid", "demo-dept", "demo-resident", "demo-sysadmin" })
        {
            foreach (var path in new[] { "/api/v1/supervision/summary", "/api/v1/supervision/cases?kind=overdue", "/api/v1/supervision/accountability" })
            {
                await (await GetRawAsync(user, path)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            }
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await world.App.CreateClient().GetAsync("/api/v1/supervision/summary")).StatusCode);

        foreach (var query in new[]
        {
            "/api/v1/supervision/cases?kind=late", "/api/v1/supervision/cases", "/api/v1/supervision/cases?kind=overdue&pageSize=0",
            "/api/v1/supervision/cases?kind=overdue&pageSize=201", "/api/v1/supervision/cases?kind=overdue&page=0",
            "/api/v1/supervision/summary?from=2026-9-1", "/api/v1/supervision/summary?from=2026-09-10&to=2026-09-01",
            "/api/v1/supervision/summary?from=2025-01-01&to=2026-09-01", "/api/v1/supervision/accountability?to=yesterday",
            "/api/v1/supervision/accountability?by=street", "/api/v1/supervision/summary?department=ZJJ",
        })
        {
            await (await GetRawAsync("demo-county", query)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }
        await (await GetRawAsync("demo-county", "/api/v1/supervision/summary?department=" + Guid.NewGuid())).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(7, (await GetAsync("demo-county", "/api/v1/supervision/cases?kind=OVERDUE")).GetProperty("total").GetInt32());
    }
}

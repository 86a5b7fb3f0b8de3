using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.Care.Features;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Auth;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Care;

/// <summary>Visits (findings sealed, gift totals), the due and overdue lists on a fake clock, the reminders, and the phone page.</summary>
public sealed class CareVisitTests : IAsyncLifetime
{
    // Mon 7 Sep 2026, 09:00 in China.
    private static readonly DateTimeOffset Start = new(2026, 9, 7, 1, 0, 0, TimeSpan.Zero);
    private readonly JicengAppFactory _app = new()
    {
        Start = Start,
        Settings = new Dictionary<string, string>
        {
            ["Care:VisitReminderMonitorEnabled"] = "false", ["Cases:DeadlineMonitorEnabled"] = "false", ["Notifications:DispatcherEnabled"] = "false",
        },
    };
    private readonly CareWorld _world;

    public CareVisitTests() => _world = new CareWorld(_app);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private VisitReminderMonitor Monitor => _app.Services.GetRequiredService<VisitReminderMonitor>();

    /// <summary>Days (and hours) pass: the test's sessions idle out, as a person's would.</summary>
    private void At(int day, int chinaHour = 9)
    {
        _app.Clock.SetUtcNow(Start.AddDays(day).AddHours(chinaHour - 9));
        _world.SignInAgain();
    }

    private async Task<JsonElement?> FindAsync(string url, Guid person) =>
        (await _world.GetOkAsync("demo-community-a", url)).EnumerateArray().Cast<JsonElement?>().SingleOrDefault(d => d!.Value.GetProperty("personId").GetGuid() == person);

    [Fact]
    public async Task Visits_are_recorded_with_findings_sealed_and_elderly_living_alone_are_due_weekly_then_overdue()
    {
        var grid = await _world.GridAsync(CareWorld.Tuanjie);
        var alone = await _world.PersonAsync(CareWorld.Tuanjie, "刘桂兰", grid, ["elderly-alone"]);
        var both = await _world.PersonAsync(CareWorld.Tuanjie, "杨德顺", grid, ["chronic", "elderly-alone"]);
        var monthly = await _world.PersonAsync(CareWorld.Tuanjie, "许慢病", grid, ["chronic"]);
        var erased = await _world.PersonAsync(CareWorld.Tuanjie, "已删除", grid, ["elderly-alone"]);
        await _world.EraseAsync(erased);
        var totalsUrl = $"/api/v1/care/visits/totals?division={CareWorld.Tuanjie}&from=2026-09-01&to=2026-09-30";
        var totalsBefore = await _world.GetOkAsync("demo-community-a", totalsUrl);

        // Bad input changes nothing.
        foreach (var bad in new object[]
                 {
                     new { personId = alone, giftValue = -1 }, new { personId = alone, giftValue = 1.234 },
                     new { personId = alone, visitedAt = Start.AddDays(1) }, new { personId = alone, findings = new string('很', 1001) },
                     new { personId = erased },
                 })
        {
            await (await _world.PostAsync("demo-grid", "/api/v1/care/visits", bad)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }
        Assert.Equal(0, (await _world.GetOkAsync("demo-grid", $"/api/v1/care/visits?personId={alone}")).GetProperty("total").GetInt32());

        // Day 0: nobody was visited yet; the elderly living alone are due in 7 days (counted from the day they were tagged).
        Assert.Equal("2026-09-14", (await FindAsync("/api/v1/care/visits/due?within=7", alone))?.GetProperty("dueDate").GetString());
        Assert.Null(await FindAsync("/api/v1/care/visits/due?within=6", alone));
        Assert.Equal(7, (await FindAsync("/api/v1/care/visits/due?within=7", both))?.GetProperty("everyDays").GetInt32()); // the shortest rhythm
        Assert.Equal("2026-10-07", (await FindAsync("/api/v1/care/visits/due?within=30", monthly))?.GetProperty("dueDate").GetString());
        Assert.Null(await FindAsync("/api/v1/care/visits/due?within=366", erased)); // removed on request: not visited

        // Day 2: a visit with findings and gifts; the next one is due a week later.
        At(2);
        var visit = await _world.PostOkAsync("demo-grid", "/api/v1/care/visits",
            new { personId = alone, findings = "独居，腿脚不便，冰箱空了", gifts = "米一袋、油一桶", giftValue = 88.5 });
        Assert.Equal("2026-09-16", visit.GetProperty("nextDue").GetString());
        Assert.Equal(88.5m, visit.GetProperty("giftValue").GetDecimal());
        Assert.False(string.IsNullOrEmpty(visit.GetProperty("visitorName").GetString()));
        var list = await (await _world.GetAsync("demo-community-a", $"/api/v1/care/visits?personId={alone}")).Content.ReadAsStringAsync();
        Assert.Contains("\"hasFindings\":true", list);
        Assert.Contains("米一袋、油一桶", list);
        Assert.DoesNotContain("冰箱", list);
        var one = await _world.GetOkAsync("demo-community-a", $"/api/v1/care/visits/{visit.GetProperty("id").GetGuid()}");
        Assert.Equal("独居，腿脚不便，冰箱空了", one.GetProperty("findings").GetString());
        Assert.Equal(1, await _world.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.SensitiveRead && a.ObjectType == "CareVisit")));
        var stored = await _world.QueryAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"Findings\" AS \"Value\" FROM \"CareVisits\"").ToListAsync());
        Assert.All(stored, s => Assert.DoesNotContain("冰箱", s));

        // Day 8: due within a day, not overdue. Day 9: due today. Day 10: overdue by one day. Day 12: by three.
        At(8);
        Assert.NotNull(await FindAsync("/api/v1/care/visits/due?within=1", alone));
        Assert.Null(await FindAsync("/api/v1/care/visits/overdue", alone));
        At(9, chinaHour: 23);
        Assert.NotNull(await FindAsync("/api/v1/care/visits/due?within=0", alone));
        Assert.Null(await FindAsync("/api/v1/care/visits/overdue", alone));
        At(10, chinaHour: 0);
        Assert.Equal(1, (await FindAsync("/api/v1/care/visits/overdue", alone))?.GetProperty("daysOverdue").GetInt32());
        Assert.Null(await FindAsync("/api/v1/care/visits/due?within=7", alone));
        Assert.Equal(3, (await FindAsync("/api/v1/care/visits/overdue", both))?.GetProperty("daysOverdue").GetInt32()); // due 09-14, never visited
        At(12);
        Assert.Equal(3, (await FindAsync("/api/v1/care/visits/overdue", alone))?.GetProperty("daysOverdue").GetInt32());
        Assert.Null(await FindAsync("/api/v1/care/visits/overdue", monthly));
        Assert.DoesNotContain((await _world.GetOkAsync("demo-community-b", "/api/v1/care/visits/overdue")).EnumerateArray(),
            d => d.GetProperty("personId").GetGuid() == alone);

        // Visited again: off the overdue list, due a week later. Gift totals add up exactly (fen, summed in memory).
        var again = await _world.PostOkAsync("demo-community-a", "/api/v1/care/visits", new { personId = alone, gifts = "慰问金", giftValue = 200.25 });
        Assert.Equal("2026-09-26", again.GetProperty("nextDue").GetString());
        Assert.Null(await FindAsync("/api/v1/care/visits/overdue", alone));
        await _world.PostOkAsync("demo-community-a", "/api/v1/care/visits", new { personId = both, giftValue = 0.1, visitedAt = Start.AddDays(11) });
        var totals = await _world.GetOkAsync("demo-community-a", totalsUrl);
        Assert.Equal(3, totals.GetProperty("visits").GetInt32() - totalsBefore.GetProperty("visits").GetInt32());
        Assert.Equal(288.85m, totals.GetProperty("giftValue").GetDecimal() - totalsBefore.GetProperty("giftValue").GetDecimal());
        var september = totals.GetProperty("periods").EnumerateArray().Single(p => p.GetProperty("period").GetString() == "2026-09");
        Assert.Equal(totals.GetProperty("visits").GetInt32(), september.GetProperty("visits").GetInt32());
        await (await _world.GetAsync("demo-community-a", "/api/v1/care/visits/totals?by=week")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Reminders_go_once_per_person_and_due_date_to_the_grid_worker_and_helpers_and_not_before_due()
    {
        var grid = await _world.GridAsync(CareWorld.Tuanjie);
        var workerAccount = await _world.AccountAsync("care-grid-worker", Roles.GridWorker, CareWorld.Tuanjie);
        var helperAccount = await _world.AccountAsync("care-helper");
        var worker = await _world.PersonAsync(CareWorld.Tuanjie, "网格员小赵", grid, userId: workerAccount);
        await _world.AssignAsync(grid, worker);
        var helper = await _world.PersonAsync(CareWorld.Tuanjie, "党员老钱", grid, userId: helperAccount);
        var person = await _world.PersonAsync(CareWorld.Tuanjie, "孙秀英", grid, ["elderly-alone"]);
        var quiet = await _world.PersonAsync(CareWorld.Tuanjie, "周慢病", grid, ["chronic"]); // monthly: not due this month
        await _world.PostOkAsync("demo-community-a", "/api/v1/care/plans",
            new { personId = person, measures = "每周探访", reviewDue = "2026-12-01", helpers = new[] { new { personId = helper, duty = "党员" } } });
        Task<List<(string Title, string Body)>> Inbox(Guid user) => _world.NotificationsAsync(user, VisitReminderMonitor.Title);

        // Day 0 and day 5: nothing is due within a day yet.
        await Monitor.CheckAsync(default);
        At(5);
        await Monitor.CheckAsync(default);
        Assert.Empty(await Inbox(helperAccount));
        Assert.Empty(await Inbox(workerAccount));

        // Day 6: due tomorrow. One reminder each, however often the check runs, also two "nodes" at once.
        At(6);
        await Monitor.CheckAsync(default);
        await Monitor.CheckAsync(default);
        var otherNode = new VisitReminderMonitor(_app.Services.GetRequiredService<IServiceScopeFactory>(), _app.Clock,
            _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CareOptions>>(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<VisitReminderMonitor>.Instance) { Owner = "another-node" };
        await Task.WhenAll(Monitor.CheckAsync(default), otherNode.CheckAsync(default));
        var told = Assert.Single(await Inbox(helperAccount));
        Assert.Equal("孙**（独居老人）应于 2026-09-14 前走访。", told.Body);
        Assert.Single(await Inbox(workerAccount));
        Assert.Equal(["2026-09-14"], await _world.QueryAsync(async db =>
            (await db.CareVisitReminders.Where(r => r.PersonId == person).Select(r => r.DueDate).ToListAsync()).Select(d => d.ToString("yyyy-MM-dd")).ToList()));
        Assert.Empty(await _world.QueryAsync(db => db.CareVisitReminders.Where(r => r.PersonId == quiet).ToListAsync()));

        // Day 9: overdue, but the same due date: no second reminder.
        At(9);
        await Monitor.CheckAsync(default);
        Assert.Single(await Inbox(helperAccount));

        // Visited on day 9: the next due date (09-23) gets its own reminder when it comes near, once.
        await _world.PostOkAsync("demo-community-a", "/api/v1/care/visits", new { personId = person });
        At(14);
        await Monitor.CheckAsync(default);
        Assert.Single(await Inbox(helperAccount));
        At(15);
        await Monitor.CheckAsync(default);
        await Monitor.CheckAsync(default);
        var both = await Inbox(helperAccount);
        Assert.Equal(2, both.Count);
        Assert.Contains(both, n => n.Body.Contains("2026-09-23", StringComparison.Ordinal));
        Assert.Equal(2, (await Inbox(workerAccount)).Count);
    }

    [Fact]
    public async Task The_phone_page_lists_the_workers_people_masked_and_records_a_visit_without_script()
    {
        var grid = await _world.GridAsync(CareWorld.Tuanjie);
        var account = await _world.AccountAsync("care-phone-worker", Roles.GridWorker, CareWorld.Tuanjie);
        var worker = await _world.PersonAsync(CareWorld.Tuanjie, "网格员小吴", grid, userId: account);
        await _world.AssignAsync(grid, worker);
        var overdue = await _world.PersonAsync(CareWorld.Tuanjie, "高秀梅", grid, ["elderly-alone"], taggedUtc: Start.UtcDateTime.AddDays(-10));
        var elsewhere = await _world.PersonAsync(CareWorld.Tuanjie, "别的网格的人", await _world.GridAsync(CareWorld.Tuanjie), ["elderly-alone"],
            taggedUtc: Start.UtcDateTime.AddDays(-10));

        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await Forms.SubmitAsync(browser, "/account/login",
            new Dictionary<string, string> { ["Input.UserName"] = "care-phone-worker", ["Input.Password"] = CareWorld.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var page = await browser.GetStringAsync("/care/visit");
        Assert.Contains($"data-testid=\"care-visit-person-{overdue}\"", page);
        Assert.DoesNotContain($"care-visit-person-{elsewhere}", page); // the worker's own grid only
        Assert.Contains("高**", page);
        Assert.DoesNotContain("高秀梅", page);
        Assert.Contains("逾期 3 天", page);

        // A bad amount is refused in Chinese and records nothing.
        var refused = await Forms.SubmitAsync(browser, "/care/visit", new Dictionary<string, string>
        {
            ["Input.PersonId"] = overdue.ToString(), ["Input.GiftValue"] = "十元", ["Input.Findings"] = "情况良好",
        });
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains("请填写 0 到 1,000,000 之间的金额", refusedPage);
        Assert.Equal(0, (await _world.GetOkAsync("demo-community-a", $"/api/v1/care/visits?personId={overdue}")).GetProperty("total").GetInt32());

        var done = await Forms.SubmitAsync(browser, "/care/visit", new Dictionary<string, string>
        {
            ["Input.PersonId"] = overdue.ToString(), ["Input.VisitedOn"] = "2026-09-07", ["Input.Findings"] = "血压正常，情绪稳定",
            ["Input.Gifts"] = "牛奶一箱", ["Input.GiftValue"] = "60",
        });
        var donePage = await done.Content.ReadAsStringAsync();
        Assert.Contains("已记录：2026-09-07 走访 高**（独居老人）。慰问物品：牛奶一箱，价值 60.00 元。下次应于 2026-09-14 前走访。", donePage);
        Assert.DoesNotContain($"data-testid=\"care-visit-overdue-list\"", donePage);
        var visits = await _world.GetOkAsync("demo-community-a", $"/api/v1/care/visits?personId={overdue}");
        var recorded = visits.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(("网格员小吴", 60m, true), (recorded.GetProperty("visitorName").GetString(), recorded.GetProperty("giftValue").GetDecimal(),
            recorded.GetProperty("hasFindings").GetBoolean()));
    }
}

using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Modules.Cases.Features;
using Jiceng.Web.Modules.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jiceng.Tests.Cases;

/// <summary>Reminders, late claims, overdue cases and supervision, with a fake clock and the monitor driven by hand.</summary>
public sealed class DeadlineMonitorTests : IAsyncLifetime
{
    // Mon 7 Sep 2026, 09:00 in China: a plain working week ahead.
    private readonly JicengAppFactory _app = new()
    {
        Start = new DateTimeOffset(2026, 9, 7, 1, 0, 0, TimeSpan.Zero),
        Settings = new Dictionary<string, string> { ["Cases:DeadlineMonitorEnabled"] = "false", ["Notifications:DispatcherEnabled"] = "false" },
    };
    private readonly CaseApi _api;

    public DeadlineMonitorTests() => _api = new CaseApi(_app);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private DeadlineMonitor Monitor => _app.Services.GetRequiredService<DeadlineMonitor>();

    private Task<List<AccountabilityRecord>> LedgerAsync() =>
        _app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Set<AccountabilityRecord>().AsNoTracking().OrderBy(r => r.Id).ToListAsync());

    private async Task<int> NoticesAsync(string user, string title)
    {
        var inbox = await (await (await _api.As(user)).GetAsync("/api/v1/notifications?pageSize=200")).ReadOkAsync<JsonElement>();
        return inbox.GetProperty("items").EnumerateArray().Count(n => n.GetProperty("title").GetString() == title);
    }

    private void Advance(DateTimeOffset to)
    {
        _app.Clock.SetUtcNow(to);
        _api.SignInAgain(); // hours or days pass: the test's sessions have idled out, as a person's would
    }

    [Fact]
    public async Task Late_claims_reminders_and_overdue_cases_are_recorded_once_for_the_responsible_unit()
    {
        var id = await _api.CaseAtAsync("dispatched"); // roads: claim within 1 working day, done within 7
        var zjj = await _api.DepartmentAsync("ZJJ");

        Advance(new DateTimeOffset(2026, 9, 8, 17, 0, 0, TimeSpan.Zero)); // Wed 01:00: the claim is late
        Assert.Equal(new DeadlineMonitor.Pass(0, 1, 0), await Monitor.CheckAsync(default));
        await _api.DoAsync("demo-dept", id, "claim");
        Assert.Equal(1, await NoticesAsync("demo-dept", "签收已超时"));

        Advance(new DateTimeOffset(2026, 9, 15, 4, 0, 0, TimeSpan.Zero)); // Tue 15 noon: over 80 % of the working time
        Assert.Equal(new DeadlineMonitor.Pass(1, 0, 0), await Monitor.CheckAsync(default));
        Assert.Equal(1, await NoticesAsync("demo-dept", "即将超时，请抓紧办理"));

        Advance(new DateTimeOffset(2026, 9, 17, 4, 0, 0, TimeSpan.Zero)); // Thu 17: overdue
        Assert.Equal(new DeadlineMonitor.Pass(0, 0, 1), await Monitor.CheckAsync(default));
        Assert.Equal(new DeadlineMonitor.Pass(0, 0, 0), await Monitor.CheckAsync(default)); // nothing twice

        var ledger = await LedgerAsync();
        Assert.Equal([AccountabilityKind.LateResponse, AccountabilityKind.OverdueHandling], ledger.Select(r => r.Kind));
        Assert.All(ledger, r => Assert.Equal((id, zjj), (r.CaseId, r.DepartmentId)));

        var county = await (await (await _api.As("demo-county")).GetAsync("/api/v1/accountability")).ReadOkAsync<JsonElement>();
        Assert.Equal(2, county.GetProperty("total").GetInt32());
        await (await (await _api.As("demo-community-a")).GetAsync("/api/v1/accountability")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Two_nodes_checking_at_once_record_each_overdue_case_once()
    {
        await _api.CaseAtAsync("inProgress");
        await _api.CaseAtAsync("inProgress");
        Advance(new DateTimeOffset(2026, 9, 30, 4, 0, 0, TimeSpan.Zero));
        var scopes = _app.Services.GetRequiredService<IServiceScopeFactory>();
        using var nodeA = new DeadlineMonitor(scopes, _app.Clock, NullLogger<DeadlineMonitor>.Instance) { Owner = "node-a" };
        using var nodeB = new DeadlineMonitor(scopes, _app.Clock, NullLogger<DeadlineMonitor>.Instance) { Owner = "node-b" };

        var passes = await Task.WhenAll(nodeA.CheckAsync(default), nodeB.CheckAsync(default));

        Assert.Equal(2, passes.Sum(p => p.Overdue));
        Assert.Equal(2, (await LedgerAsync()).Count(r => r.Kind == AccountabilityKind.OverdueHandling));
    }

    [Fact]
    public async Task A_supervision_order_puts_the_case_at_the_top_of_the_handlers_queue()
    {
        var first = await _api.CaseAtAsync("inProgress");
        var supervised = await _api.CaseAtAsync("inProgress");

        await (await _api.ActAsync("demo-street", supervised, "supervise", new { note = "限三日内办结" })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var ordered = await _api.DoAsync("demo-county", supervised, "supervise", new { note = "县督办：限三日内办结" });
        var queue = await (await (await _api.As("demo-dept")).GetAsync("/api/v1/cases?open=true")).ReadOkAsync<JsonElement>();

        Assert.Equal("县督办：限三日内办结", ordered.GetProperty("supervisionNote").GetString());
        var ids = queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(supervised, ids[0]);
        Assert.Contains(first, ids);
        Assert.True(queue.GetProperty("items")[0].GetProperty("supervised").GetBoolean());
    }
}

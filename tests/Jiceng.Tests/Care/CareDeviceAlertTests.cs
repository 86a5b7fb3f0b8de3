using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.Care.Domain;
using Jiceng.Web.Modules.Care.Features;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Care;

/// <summary>智慧千里眼: a device proves itself, an alert opens one urgent case for the person's grid, and repeats within the window join it.</summary>
public sealed class CareDeviceAlertTests : IAsyncLifetime
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

    public CareDeviceAlertTests() => _world = new CareWorld(_app);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private sealed record Home(Guid Grid, Guid Person, Guid HelperAccount, Guid WorkerAccount, string Serial, string Secret, Guid Device);

    private async Task<Home> ArrangeAsync(string name)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var grid = await _world.GridAsync(CareWorld.Tuanjie, "千里眼网格" + suffix);
        var helperAccount = await _world.AccountAsync("qly-helper-" + suffix);
        var workerAccount = await _world.AccountAsync("qly-worker-" + suffix, Roles.GridWorker, CareWorld.Tuanjie);
        var helper = await _world.PersonAsync(CareWorld.Tuanjie, "邻居老赵", grid, userId: helperAccount);
        var worker = await _world.PersonAsync(CareWorld.Tuanjie, "网格员小孙", grid, userId: workerAccount);
        await _world.AssignAsync(grid, worker);
        var person = await _world.PersonAsync(CareWorld.Tuanjie, name, grid, ["elderly-alone"]);
        await _world.PostOkAsync("demo-community-a", "/api/v1/care/plans",
            new { personId = person, measures = "安装智慧千里眼，邻居每日照看", reviewDue = "2026-12-31", helpers = new[] { new { personId = helper, duty = "邻居" } } });
        var serial = "QLY-T-" + suffix;
        var created = await _world.PostAsync("demo-community-a", "/api/v1/care/devices", new { serial, personId = person, noMovementHours = 8 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var device = await created.ReadOkAsync<JsonElement>();
        return new Home(grid, person, helperAccount, workerAccount, serial, device.GetProperty("secret").GetString()!, device.GetProperty("id").GetGuid());
    }

    private async Task<HttpResponseMessage> SendAsync(string? serial, string? secret, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/care/device-events") { Content = JsonContent.Create(body) };
        if (serial is not null) request.Headers.Add(DeviceAlerts.SerialHeader, serial);
        if (secret is not null) request.Headers.Add(DeviceAlerts.SecretHeader, secret);
        return await _app.CreateClient().SendAsync(request);
    }

    private async Task<JsonElement> AlertAsync(Home home, string kind = "fall")
    {
        var response = await SendAsync(home.Serial, home.Secret, new { kind, detail = "客厅传感器" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.ReadOkAsync<JsonElement>();
    }

    private Task<List<Case>> CasesAsync(Home home) =>
        _world.QueryAsync(db => db.Cases.AsNoTracking().Where(c => c.Channel == CaseChannel.Device && c.Description.Contains(home.Serial)).OrderBy(c => c.Id).ToListAsync());

    private Task<List<CareDeviceEvent>> EventsAsync(Home home) =>
        _world.QueryAsync(db => db.CareDeviceEvents.AsNoTracking().Where(e => e.DeviceId == home.Device).OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task An_alert_opens_one_urgent_case_for_the_persons_grid_and_repeats_within_the_window_join_it()
    {
        var home = await ArrangeAsync("孙桂香");

        var first = await AlertAsync(home);
        Assert.False(first.GetProperty("duplicate").GetBoolean());
        var caseId = first.GetProperty("caseId").GetInt64();
        var opened = Assert.Single(await CasesAsync(home));
        Assert.Equal(caseId, opened.Id);
        Assert.Equal((CaseChannel.Device, CaseStatus.Submitted, CasePriority.Emergency, CareWorld.Tuanjie, home.Grid),
            (opened.Channel, opened.Status, opened.Priority, opened.DivisionCode, opened.GridId));
        Assert.StartsWith("智慧千里眼告警：跌倒。对象：孙**，千里眼网格", opened.Description);
        Assert.DoesNotContain("孙桂香", opened.Description);
        var dto = await _world.GetOkAsync("demo-community-a", $"/api/v1/cases/{caseId}");
        Assert.Equal("device", dto.GetProperty("channel").GetString());
        // The helper and the grid worker are told in-app; the community is told by the intake as for every new case.
        Assert.Single(await _world.NotificationsAsync(home.HelperAccount, DeviceAlerts.NotificationTitle));
        Assert.Single(await _world.NotificationsAsync(home.WorkerAccount, DeviceAlerts.NotificationTitle));

        // Ten minutes later an SOS from the same device: the same case, recorded as a duplicate.
        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        var second = await AlertAsync(home, "sos");
        Assert.Equal((true, caseId), (second.GetProperty("duplicate").GetBoolean(), second.GetProperty("caseId").GetInt64()));
        Assert.Single(await CasesAsync(home));
        var events = await EventsAsync(home);
        Assert.Equal([(DeviceEventKind.Fall, false, (long?)caseId), (DeviceEventKind.Sos, true, caseId)], events.Select(e => (e.Kind, e.Duplicate, e.CaseId)));
        Assert.Single(await _world.NotificationsAsync(home.HelperAccount, DeviceAlerts.NotificationTitle));

        // The console's list shows the device alerting, with its last event.
        var devices = await _world.GetOkAsync("demo-community-a", "/api/v1/care/devices");
        var listed = devices.EnumerateArray().Single(d => d.GetProperty("serial").GetString() == home.Serial);
        Assert.Equal(("alert", "sos", caseId), (listed.GetProperty("status").GetString(), listed.GetProperty("lastEvent").GetProperty("kind").GetString(),
            listed.GetProperty("lastAlertCaseId").GetInt64()));
        Assert.Equal(2, (await _world.GetOkAsync("demo-grid", $"/api/v1/care/devices/{home.Device}/events")).GetProperty("total").GetInt32());

        // After the window: a new case, and the helper hears again.
        _app.Clock.Advance(TimeSpan.FromMinutes(21));
        var third = await AlertAsync(home, "noMovement");
        Assert.False(third.GetProperty("duplicate").GetBoolean());
        Assert.NotEqual(caseId, third.GetProperty("caseId").GetInt64());
        var cases = await CasesAsync(home);
        Assert.Equal(2, cases.Count);
        Assert.StartsWith("智慧千里眼告警：超过 8 小时未检测到活动", cases[1].Description);
        Assert.Equal(2, (await _world.NotificationsAsync(home.HelperAccount, DeviceAlerts.NotificationTitle)).Count);
    }

    [Fact]
    public async Task Ten_events_at_the_same_moment_open_exactly_one_case()
    {
        var home = await ArrangeAsync("钱玉芬");
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => SendAsync(home.Serial, home.Secret, new { kind = i % 2 == 0 ? "fall" : "sos" })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));

        var opened = Assert.Single(await CasesAsync(home));
        var events = await EventsAsync(home);
        Assert.Equal(10, events.Count);
        Assert.Single(events, e => !e.Duplicate);
        Assert.All(events, e => Assert.Equal(opened.Id, e.CaseId)); // the joiners got the case too, even those that came before it existed
        Assert.Single(await _world.NotificationsAsync(home.HelperAccount, DeviceAlerts.NotificationTitle));

        // Again after each window, straight into the receiver (no HTTP before it, so the ten overlap more): one more case each
        // time; several rounds give a race more chances to show.
        var receiver = _app.Services.GetRequiredService<DeviceAlerts>();
        for (var round = 2; round <= 6; round++)
        {
            _app.Clock.Advance(TimeSpan.FromMinutes(31));
            using var go = new ManualResetEventSlim();
            var racers = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
            {
                go.Wait();
                return await receiver.ReceiveAsync(home.Device, DeviceEventKind.Fall, _app.Clock.GetUtcNow().UtcDateTime, null);
            })).ToList();
            go.Set();
            var results = await Task.WhenAll(racers);
            Assert.All(results, r => Assert.True(r.IsSuccess));
            Assert.Single(results, r => !r.Value!.Duplicate);
            Assert.Equal(round, (await CasesAsync(home)).Count);
            Assert.Equal(round, (await EventsAsync(home)).Count(e => !e.Duplicate));
        }
        Assert.All(await EventsAsync(home), e => Assert.NotNull(e.CaseId));
    }

    [Fact]
    public async Task A_device_without_the_right_secret_is_refused_audited_without_the_secret_and_opens_nothing()
    {
        var home = await ArrangeAsync("李凤英");
        var stored = await _world.QueryAsync(db => db.CareDevices.AsNoTracking().Where(d => d.Id == home.Device).Select(d => d.SecretHash).SingleAsync());
        Assert.DoesNotContain(home.Secret, stored);
        Assert.Equal(CareDevices.HashSecret(home.Secret), stored);

        await (await SendAsync(home.Serial, home.Secret[..^1] + (home.Secret[^1] == 'A' ? 'B' : 'A'), new { kind = "fall" }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, CareErrors.DeviceUnauthorized);
        await (await SendAsync(home.Serial, null, new { kind = "fall" })).AssertProblemAsync(HttpStatusCode.Unauthorized, CareErrors.DeviceUnauthorized);
        await (await SendAsync("QLY-NOBODY", home.Secret, new { kind = "fall" })).AssertProblemAsync(HttpStatusCode.Unauthorized, CareErrors.DeviceUnauthorized);
        // The credentials come first: a bad body from a stranger is still 401.
        await (await SendAsync(null, null, new { kind = "party" })).AssertProblemAsync(HttpStatusCode.Unauthorized, CareErrors.DeviceUnauthorized);
        // The right device with a bad body: 400, nothing recorded.
        await (await SendAsync(home.Serial, home.Secret, new { kind = "party" })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await SendAsync(home.Serial, home.Secret, new { kind = "fall", occurredAt = Start.AddDays(1) })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.Empty(await CasesAsync(home));
        Assert.Empty(await EventsAsync(home));
        var audit = await _world.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == DeviceAlerts.UnauthorizedAction).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(4, audit.Count);
        Assert.Equal([home.Serial, home.Serial, "QLY-NOBODY", null], audit.Select(a => a.ObjectId));
        Assert.Equal(["wrong secret", "missing device credentials", "unknown serial", "missing device credentials"], audit.Select(a => a.Detail));
        Assert.All(audit, a => Assert.Equal(AuditResult.Denied, a.Result));
        Assert.DoesNotContain(audit, a => $"{a.ObjectId} {a.Detail}".Contains(home.Secret[..8], StringComparison.Ordinal));

        // A serial is registered once.
        await (await _world.PostAsync("demo-community-a", "/api/v1/care/devices", new { serial = home.Serial, personId = home.Person }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
    }
}

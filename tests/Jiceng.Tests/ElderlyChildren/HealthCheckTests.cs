using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.ElderlyChildren.Features;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Tests.ElderlyChildren;

/// <summary>养老驿站 health checks: sealed values, abnormal ones told to the person's helper once, scope; station figures.</summary>
public sealed class HealthCheckTests : IAsyncLifetime
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
    private readonly ElderlyWorld _world;

    public HealthCheckTests() => _world = new ElderlyWorld(_app);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private const string Staff = "demo-community-a";

    [Fact]
    public async Task An_abnormal_check_notifies_the_helper_once_values_are_sealed_and_shown_only_to_staff_in_scope()
    {
        var station = (await _world.PostOkAsync(Staff, "/api/v1/elderly/stations", new { divisionCode = ElderlyWorld.Tuanjie, name = "团结社区养老驿站（测试）", place = "团结社区二楼" }))
            .GetProperty("id").GetGuid();
        var helperAccount = await _world.Care.AccountAsync("hc-helper-" + Guid.NewGuid().ToString("N")[..6]);
        var helper = await _world.PersonAsync(ElderlyWorld.Tuanjie, "邻居老赵", new DateOnly(1970, 1, 1), userId: helperAccount);
        var elder = await _world.PersonAsync(ElderlyWorld.Tuanjie, "刘桂芝", new DateOnly(1941, 5, 1), ["elderly-alone"]);
        await _world.PostOkAsync(Staff, "/api/v1/care/plans",
            new { personId = elder, measures = "每周探访，测血压", reviewDue = "2026-12-31", helpers = new[] { new { personId = helper, duty = "邻居" } } });

        var abnormal = await _world.PostOkAsync(Staff, "/api/v1/elderly/health-checks",
            new { stationId = station, personId = elder, measuredBy = "驿站护士小李", systolic = 163, diastolic = 97, glucose = 8.4, fasting = true });
        Assert.True(abnormal.GetProperty("isAbnormal").GetBoolean());
        Assert.Equal(["bp-high", "glucose-high"], abnormal.GetProperty("abnormalMeasures").EnumerateArray().Select(m => m.GetString()!).ToArray());
        Assert.False(abnormal.TryGetProperty("systolic", out _)); // lists and answers to writes carry no values
        var normal = await _world.PostOkAsync(Staff, "/api/v1/elderly/health-checks",
            new { stationId = station, personId = elder, measuredBy = "驿站护士小李", systolic = 122, diastolic = 78, glucose = 5.2, fasting = true });
        Assert.False(normal.GetProperty("isAbnormal").GetBoolean());

        var inbox = await _world.Care.NotificationsAsync(helperAccount, CareStations.NotificationTitle);
        var note = Assert.Single(inbox);
        Assert.Contains("异常，请尽快联系", note.Body);
        Assert.DoesNotContain("163", note.Body);
        Assert.DoesNotContain("刘桂芝", note.Body);

        // Stored sealed: the raw column holds neither value.
        var stored = await _world.QueryAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"BloodPressure\" AS \"Value\" FROM \"HealthChecks\"").ToListAsync());
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored, v => v.Contains("163", StringComparison.Ordinal) || v.Contains("122", StringComparison.Ordinal));
        var glucose = await _world.QueryAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"Glucose\" AS \"Value\" FROM \"HealthChecks\"").ToListAsync());
        Assert.DoesNotContain(glucose, v => v.Contains("8.4", StringComparison.Ordinal));

        var id = abnormal.GetProperty("id").GetGuid();
        var full = await _world.GetOkAsync(Staff, $"/api/v1/elderly/health-checks/{id}");
        Assert.Equal((163, 97, 8.4m), (full.GetProperty("systolic").GetInt32(), full.GetProperty("diastolic").GetInt32(), full.GetProperty("glucose").GetDecimal()));
        Assert.Equal("刘**", full.GetProperty("personName").GetString());

        // The flagged list holds the abnormal check and not the normal one.
        var flagged = await _world.GetOkAsync(Staff, $"/api/v1/elderly/health-checks?division={ElderlyWorld.Tuanjie}&abnormal=true");
        Assert.Contains(flagged.EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        Assert.DoesNotContain(flagged.EnumerateArray(), c => c.GetProperty("id").GetGuid() == normal.GetProperty("id").GetGuid());
        var history = await _world.GetOkAsync(Staff, $"/api/v1/elderly/health-checks?personId={elder}");
        Assert.Equal(2, history.GetArrayLength());

        // Other community and residents: nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await _world.GetAsync("demo-community-b", $"/api/v1/elderly/health-checks/{id}")).StatusCode);
        var theirs = await _world.GetOkAsync("demo-community-b", "/api/v1/elderly/health-checks?abnormal=true");
        Assert.DoesNotContain(theirs.EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        var record = await _world.PostAsync("demo-community-b", "/api/v1/elderly/health-checks", new { stationId = station, personId = elder, systolic = 120, diastolic = 80 });
        Assert.Equal(HttpStatusCode.NotFound, record.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _world.GetAsync("demo-resident", $"/api/v1/elderly/health-checks/{id}")).StatusCode);

        // Bad values change nothing.
        var bad = await _world.PostAsync(Staff, "/api/v1/elderly/health-checks", new { stationId = station, personId = elder, systolic = 80, diastolic = 120 });
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(2, (await _world.GetOkAsync(Staff, $"/api/v1/elderly/health-checks?personId={elder}")).GetArrayLength());

        // Figures: one person, two checks, one abnormal; the activity's attendance counts.
        await _world.PostOkAsync(Staff, $"/api/v1/elderly/stations/{station}/activities", new { date = "2026-09-06", kind = "健康讲座", title = "秋季养生讲座", attendance = 35 });
        var figures = await _world.GetOkAsync(Staff, $"/api/v1/elderly/figures?division={ElderlyWorld.Tuanjie}&from=2026-09-01&to=2026-09-30");
        var row = figures.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("stationId").GetGuid() == station);
        Assert.Equal((2, 1, 1, 1, 35), (row.GetProperty("checks").GetInt32(), row.GetProperty("peopleChecked").GetInt32(), row.GetProperty("abnormal").GetInt32(),
            row.GetProperty("activities").GetInt32(), row.GetProperty("attendance").GetInt32()));
        Assert.Equal("2026-09", row.GetProperty("month").GetString());
    }
}

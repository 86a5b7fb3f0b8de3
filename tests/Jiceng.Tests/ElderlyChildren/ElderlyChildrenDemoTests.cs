using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Demo;
using Jiceng.Web.Modules.ElderlyChildren.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.ElderlyChildren;

/// <summary>The demo data: canteens with last month's orders that settle, flagged checks told to helpers, a 四点半课堂 with attendance; seeding again changes nothing.</summary>
public sealed class ElderlyChildrenDemoTests : IAsyncLifetime
{
    private readonly JicengAppFactory _app = new()
    {
        Start = new DateTimeOffset(2026, 9, 7, 1, 0, 0, TimeSpan.Zero),
        Settings = new Dictionary<string, string>
        {
            ["Care:VisitReminderMonitorEnabled"] = "false", ["Cases:DeadlineMonitorEnabled"] = "false", ["Notifications:DispatcherEnabled"] = "false",
        },
    };
    private readonly ElderlyWorld _world;

    public ElderlyChildrenDemoTests() => _world = new ElderlyWorld(_app);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_demo_has_canteens_checks_and_a_programme_in_both_communities_and_seeds_once()
    {
        foreach (var (user, code) in new[] { ("demo-community-a", ElderlyWorld.Tuanjie), ("demo-community-b", ElderlyWorld.Yuxi) })
        {
            var canteen = Assert.Single((await _world.GetOkAsync(user, "/api/v1/canteens")).EnumerateArray());
            Assert.Equal(code, canteen.GetProperty("divisionCode").GetString());
            var id = canteen.GetProperty("id").GetGuid();
            Assert.Equal(4, (await _world.GetOkAsync(user, $"/api/v1/canteens/{id}/rules")).GetArrayLength());
            Assert.True((await _world.GetOkAsync(user, $"/api/v1/canteens/{id}/menu")).GetArrayLength() >= 7);

            // Last month (August 2026) settles, and the funders' parts add up to the list prices.
            var settlement = await _world.GetOkAsync(user, $"/api/v1/canteens/{id}/settlement?month=2026-08");
            Assert.True(settlement.GetProperty("orders").GetInt32() > 0);
            Assert.True(settlement.GetProperty("governmentFen").GetInt64() > 0);
            Assert.Equal(settlement.GetProperty("priceFen").GetInt64(), settlement.GetProperty("elderlyFen").GetInt64()
                + settlement.GetProperty("governmentFen").GetInt64() + settlement.GetProperty("communityFen").GetInt64());

            Assert.NotEmpty((await _world.GetOkAsync(user, "/api/v1/elderly/health-checks")).EnumerateArray());
            var children = await _world.GetOkAsync(user, "/api/v1/children/figures");
            Assert.True(children.GetProperty("studentVisits").GetInt32() > 0);
        }

        // Two abnormal checks in 团结, their helpers told.
        var flagged = await _world.GetOkAsync("demo-community-a", "/api/v1/elderly/health-checks?abnormal=true");
        Assert.Equal(2, flagged.GetArrayLength());
        Assert.All(flagged.EnumerateArray(), c => Assert.True(c.GetProperty("helpersNotified").GetBoolean()));
        Assert.True(await _world.QueryAsync(db => db.Set<Jiceng.Web.Modules.Notifications.Notification>().AnyAsync(n => n.Title == CareStations.NotificationTitle)));

        var before = await _world.QueryAsync(async db => (await db.MealOrders.CountAsync(), await db.HealthChecks.CountAsync(), await db.ProgrammeEnrolments.CountAsync()));
        await _app.AsSystemAsync(sp => sp.GetRequiredService<ElderlyChildrenDemoSeeder>().SeedAsync(CancellationToken.None));
        Assert.Equal(before, await _world.QueryAsync(async db => (await db.MealOrders.CountAsync(), await db.HealthChecks.CountAsync(), await db.ProgrammeEnrolments.CountAsync())));
    }
}

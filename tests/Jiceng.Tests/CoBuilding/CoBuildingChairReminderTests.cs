using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.CoBuilding.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Jiceng.Tests.CoBuilding;

/// <summary>The rotating chair's reminder: N days before the month, once, to the community's staff and the chairing unit, even with two nodes.</summary>
public sealed class CoBuildingChairReminderTests : IAsyncLifetime
{
    // Sun 20 Sep 2026, 09:00 in China.
    private static readonly DateTimeOffset Start = new(2026, 9, 20, 1, 0, 0, TimeSpan.Zero);
    private readonly JicengAppFactory _app = new()
    {
        Start = Start,
        Settings = new Dictionary<string, string>
        {
            ["CoBuilding:ChairReminderMonitorEnabled"] = "false", ["CoBuilding:ChairReminderDaysAhead"] = "7",
            ["Care:VisitReminderMonitorEnabled"] = "false", ["Cases:DeadlineMonitorEnabled"] = "false", ["Notifications:DispatcherEnabled"] = "false",
        },
    };
    private readonly CoBuildingWorld _world;

    public CoBuildingChairReminderTests() => _world = new CoBuildingWorld(_app);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private ChairReminderMonitor Monitor => _app.Services.GetRequiredService<ChairReminderMonitor>();

    [Fact]
    public async Task The_community_and_the_chair_are_reminded_once_a_week_before_the_month()
    {
        var (unit, account, _) = await _world.PairedUnitAsync("县供销社");
        var unitAccount = await _world.UserIdAsync(account);
        var staff = await _world.UserIdAsync("demo-community-a");
        await (await _world.PutAsync("demo-community-a", "/chair", new
        {
            divisionCode = CoBuildingWorld.Tuanjie, year = 2026,
            months = new[] { new { month = 10, unitId = (Guid?)unit, theme = "重阳敬老" }, new { month = 11, unitId = (Guid?)unit, theme = "冬季送温暖" } },
        })).ReadOkAsync<System.Text.Json.JsonElement>();
        async Task<List<string>> October(Guid user) => (await _world.NotificationsAsync(user, ChairReminderMonitor.Title)).Where(b => b.Contains("2026 年 10 月", StringComparison.Ordinal)).ToList();

        // 20 Sep: October is eleven days away.
        await Monitor.CheckAsync(default);
        Assert.Empty(await October(staff));
        Assert.Empty(await October(unitAccount));

        // 24 Sep (China): a week before. However often the check runs, also on two nodes at once: one message each.
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 24, 1, 0, 0, TimeSpan.Zero));
        var first = await Monitor.CheckAsync(default);
        Assert.True(first.Months >= 1);
        await Monitor.CheckAsync(default);
        var otherNode = new ChairReminderMonitor(_app.Services.GetRequiredService<IServiceScopeFactory>(), _app.Clock,
            _app.Services.GetRequiredService<IOptions<CoBuildingOptions>>(), NullLogger<ChairReminderMonitor>.Instance) { Owner = "another-node" };
        await Task.WhenAll(Monitor.CheckAsync(default), otherNode.CheckAsync(default));
        var told = Assert.Single(await October(staff));
        Assert.Contains("重阳敬老", told, StringComparison.Ordinal);
        Assert.Single(await October(unitAccount));
        // November is not due yet.
        Assert.DoesNotContain(await _world.NotificationsAsync(unitAccount, ChairReminderMonitor.Title), b => b.Contains("11 月", StringComparison.Ordinal));

        // Another node, once the lease has lapsed: still nothing new for October.
        _app.Clock.Advance(TimeSpan.FromHours(1));
        await otherNode.CheckAsync(default);
        Assert.Single(await October(staff));
    }
}

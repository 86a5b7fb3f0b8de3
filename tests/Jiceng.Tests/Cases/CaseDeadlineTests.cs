using Jiceng.Tests.Infrastructure;

namespace Jiceng.Tests.Cases;

/// <summary>Deadlines on the official calendar, driven by a fake clock; each test starts its own app at its own date.</summary>
public sealed class CaseDeadlineTests
{
    private static JicengAppFactory AppAt(int year, int month, int day, int utcHour) => new() { Start = new DateTimeOffset(year, month, day, utcHour, 0, 0, TimeSpan.Zero) };

    [Fact]
    public async Task Seven_working_days_across_the_2026_spring_festival_end_on_the_make_up_saturday()
    {
        // Thu 12 Feb 2026, 10:00 in China. Working days: Fri 13, Sat 14 (调休), [15–23 holiday], Tue 24 … Fri 27, Sat 28 (调休) = 7th.
        await using var app = AppAt(2026, 2, 12, 2);
        var api = new CaseApi(app);
        var id = (await api.CreateAsync(category: "roads")).GetProperty("id").GetInt64();

        var accepted = await api.DoAsync("demo-community-a", id, "accept");

        Assert.Equal(new DateTime(2026, 2, 28, 16, 0, 0, DateTimeKind.Utc), accepted.GetProperty("handlingDueUtc").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task Emergencies_count_natural_hours_even_on_a_holiday()
    {
        await using var app = AppAt(2026, 10, 1, 1); // 国庆节 09:00 in China
        var api = new CaseApi(app);
        var id = (await api.CreateAsync(category: "public-safety")).GetProperty("id").GetInt64();

        var accepted = await api.DoAsync("demo-community-a", id, "accept");

        Assert.Equal(new DateTime(2026, 10, 1, 3, 0, 0, DateTimeKind.Utc), accepted.GetProperty("handlingDueUtc").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task The_traffic_light_turns_yellow_then_red_as_working_time_runs_out()
    {
        // Mon 7 Sep 2026 09:00 China: 7 working days, due at the end of Wed 16 Sep (no holiday in between).
        await using var app = AppAt(2026, 9, 7, 1);
        var api = new CaseApi(app);
        var id = (await api.CreateAsync(category: "roads")).GetProperty("id").GetInt64();
        await api.DoAsync("demo-community-a", id, "accept");

        async Task<string?> LightAsync()
        {
            api.SignInAgain(); // days pass between looks: the earlier session has idled out, as it should
            return (await api.GetAsync("demo-community-a", id)).GetProperty("trafficLight").GetString();
        }

        var green = await LightAsync();
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 15, 4, 0, 0, TimeSpan.Zero)); // Tue 15 Sep noon: just over 80 % of working time
        var yellow = await LightAsync();
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 17, 4, 0, 0, TimeSpan.Zero)); // Thu 17 Sep: overdue
        var red = await LightAsync();

        Assert.Equal(("green", "yellow", "red"), (green, yellow, red));
    }
}

using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Tests.ServiceHall;

/// <summary>帮办代办 time limits on a fake clock: lights across working days (a weekend does not count), done on time and late.</summary>
public sealed class HelpOrderLightTests : IAsyncLifetime
{
    private readonly JicengAppFactory _app = new() { Start = ServiceHallWorld.Monday, Settings = ServiceHallWorld.QuietSettings };
    private readonly ServiceHallWorld _w;

    public HelpOrderLightTests() => _w = new ServiceHallWorld(_app);
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<JsonElement> OpenAsync(int days, string title = "代缴取暖费", string? account = null, string user = "demo-community-a", string division = ServiceHallWorld.Tuanjie) =>
        await (await _w.PostAsync(user, "/api/v1/help-orders", new
        {
            divisionCode = division, title, timeLimitDays = days, residentName = "张桂兰", residentPhone = "13912345678", residentUserName = account,
        })).ReadOkAsync<JsonElement>();

    private async Task<string> LightAsync(Guid id) => (await _w.GetOkAsync("demo-community-a", $"/api/v1/help-orders/{id}")).GetProperty("light").GetString()!;

    private void Advance(TimeSpan by)
    {
        _app.Clock.Advance(by);
        _w.SignInAgain();
    }

    [Fact]
    public async Task Lights_follow_working_days_and_finishing_after_the_deadline_counts_late()
    {
        var three = (await OpenAsync(3)).GetProperty("id").GetGuid();          // due at the end of Thursday
        var fiveJson = await OpenAsync(5, "代办残疾人证", "demo-resident");
        var five = fiveJson.GetProperty("id").GetGuid();                        // due at the end of next Monday: the weekend does not count
        Assert.Equal("138****5678".Replace("138", "139"), fiveJson.GetProperty("residentPhone").GetString());
        Assert.Equal("张**", fiveJson.GetProperty("residentName").GetString());
        var early = (await OpenAsync(3, "代办社保卡")).GetProperty("id").GetGuid();
        var late = (await OpenAsync(3, "代办医保备案")).GetProperty("id").GetGuid();
        Assert.Equal("green", await LightAsync(three));
        Assert.Equal(new DateTime(2026, 9, 10, 16, 0, 0, DateTimeKind.Utc), (await _w.GetOkAsync("demo-community-a", $"/api/v1/help-orders/{three}")).GetProperty("dueUtc").GetDateTime());

        Advance(TimeSpan.FromDays(2)); // Wednesday
        Assert.Equal("green", await LightAsync(three));
        Advance(TimeSpan.FromDays(1)); // Thursday: the last working day
        Assert.Equal("yellow", await LightAsync(three));
        Assert.Equal("green", await LightAsync(five));
        Assert.False((await _w.PostOkAsync("demo-community-a", $"/api/v1/help-orders/{early}/complete", new { note = "社保卡已代领并送到家中" })).GetProperty("completedLate").GetBoolean());

        Advance(TimeSpan.FromDays(1)); // Friday
        Assert.Equal("red", await LightAsync(three));
        Assert.Equal("green", await LightAsync(five));
        Assert.Contains((await _w.GetOkAsync("demo-community-a", $"/api/v1/help-orders?division={ServiceHallWorld.Tuanjie}&light=red")).EnumerateArray(),
            o => o.GetProperty("id").GetGuid() == three);
        Assert.DoesNotContain((await _w.GetOkAsync("demo-community-a", $"/api/v1/help-orders?division={ServiceHallWorld.Tuanjie}&light=red")).EnumerateArray(),
            o => o.GetProperty("id").GetGuid() == five);
        Assert.True((await _w.PostOkAsync("demo-community-a", $"/api/v1/help-orders/{late}/complete", new { note = "备案已办好" })).GetProperty("completedLate").GetBoolean());

        Advance(TimeSpan.FromDays(1)); // Saturday: one working day (Monday) left
        Assert.Equal("yellow", await LightAsync(five));
        Advance(TimeSpan.FromDays(2)); // Monday, a week after opening: five working days have not passed yet
        Assert.Equal("yellow", await LightAsync(five));
        Advance(TimeSpan.FromDays(1)); // Tuesday
        Assert.Equal("red", await LightAsync(five));

        var figures = await _w.GetOkAsync("demo-community-a", $"/api/v1/help-orders/figures?division={ServiceHallWorld.Tuanjie}");
        Assert.Equal(1, figures.GetProperty("doneLate").GetInt32());
        var tuanjie = figures.GetProperty("communities").EnumerateArray().Single(c => c.GetProperty("divisionCode").GetString() == ServiceHallWorld.Tuanjie);
        Assert.True(tuanjie.GetProperty("red").GetInt32() >= 2);
        Assert.Equal(figures.GetProperty("overdue").GetInt32(), figures.GetProperty("communities").EnumerateArray().Sum(c => c.GetProperty("red").GetInt32()));

        // The resident follows their own order and is told the result.
        var mine = await _w.GetOkAsync("demo-resident", "/api/v1/help-orders");
        Assert.Contains(mine.EnumerateArray(), o => o.GetProperty("id").GetGuid() == five);
        Assert.DoesNotContain(mine.EnumerateArray(), o => o.GetProperty("id").GetGuid() == three);
        await (await (await _w.As("demo-resident")).GetAsync($"/api/v1/help-orders/{three}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await _w.PostOkAsync("demo-community-a", $"/api/v1/help-orders/{five}/complete", new { note = "残疾人证已办好，请到社区领取" });
        var told = await _w.QueryAsync(db => db.Set<Notification>().Where(n => n.Title == "帮办代办已办结" && db.Users.Any(u => u.Id == n.UserId && u.UserName == "demo-resident"))
            .Select(n => n.Body).ToListAsync());
        Assert.Contains(told, b => b.Contains("残疾人证已办好", StringComparison.Ordinal));
    }
}

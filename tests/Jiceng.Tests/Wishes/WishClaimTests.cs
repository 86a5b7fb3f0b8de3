using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.Wishes.Domain;
using Jiceng.Web.Modules.Wishes.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Wishes;

/// <summary>Claims: exactly one winner under load, release, expiry on a fake clock (job and later claim), fulfil and confirm.</summary>
public sealed class WishClaimTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 9, 7, 1, 0, 0, TimeSpan.Zero);
    private readonly JicengAppFactory _app = new()
    {
        Start = Start,
        Settings = new Dictionary<string, string>
        {
            ["Wishes:ClaimExpiryEnabled"] = "false", ["Care:VisitReminderMonitorEnabled"] = "false", ["Cases:DeadlineMonitorEnabled"] = "false",
            ["Notifications:DispatcherEnabled"] = "false",
        },
    };
    private readonly WishWorld _w;

    public WishClaimTests() => _w = new WishWorld(_app);
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private WishClaimExpiry Expiry => _app.Services.GetRequiredService<WishClaimExpiry>();

    private void DaysPass(int days)
    {
        _app.Clock.Advance(TimeSpan.FromDays(days));
        _w.SignInAgain();
    }

    [Fact]
    public async Task Fifty_claims_at_once_have_exactly_one_winner()
    {
        var id = await _w.OnWallAsync();
        var names = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => _w.MemberAccountAsync($"member{i:00}")));
        var clients = new List<HttpClient>();
        foreach (var name in names) clients.Add(await _app.ClientForAsync(name));

        var responses = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync($"/api/v1/wishes/{id}/claim", new { })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK)) await loser.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        var winner = (await responses.Single(r => r.IsSuccessStatusCode).ReadOkAsync<JsonElement>()).GetProperty("claimantName").GetString();
        var stored = await _w.QueryAsync(db => db.Wishes.SingleAsync(w => w.Id == id));
        Assert.Equal(WishStatus.Claimed, stored.Status);
        Assert.Equal(1, stored.ClaimCount);
        Assert.Equal(winner, stored.ClaimantName);
        Assert.Equal(Start.UtcDateTime + Wish.DefaultClaimPeriod, stored.ClaimDeadlineUtc);
    }

    [Fact]
    public async Task A_claim_released_before_the_deadline_returns_to_the_wall_for_the_next_claimant()
    {
        var id = await _w.OnWallAsync();
        var claimed = await _w.DoAsync("demo-party", id, "claim");
        Assert.Equal("claimed", claimed.GetProperty("status").GetString());
        Assert.Equal("claimed", (await _w.OnWallItemAsync(id))!.Value.GetProperty("status").GetString());
        await (await _w.ActAsync("demo-unit", id, "release")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        DaysPass(3);
        var released = await _w.DoAsync("demo-party", id, "release");

        Assert.Equal("onWall", released.GetProperty("status").GetString());
        var onWall = (await _w.OnWallItemAsync(id))!.Value;
        Assert.Equal("onWall", onWall.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, onWall.GetProperty("claimantName").ValueKind);
        var byUnit = await _w.DoAsync("demo-unit", id, "claim");
        Assert.Equal("coBuildingUnit", byUnit.GetProperty("claimantKind").GetString());
        Assert.Equal(2, byUnit.GetProperty("claimCount").GetInt32());
        await (await _w.ActAsync("demo-party", id, "release")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task An_expired_claim_is_returned_to_the_wall_by_the_job_and_the_community_is_told()
    {
        var id = await _w.OnWallAsync();
        await _w.DoAsync("demo-party", id, "claim");

        DaysPass(29);
        await Expiry.CheckAsync(CancellationToken.None);
        Assert.Equal(WishStatus.Claimed, await _w.QueryAsync(db => db.Wishes.Where(w => w.Id == id).Select(w => w.Status).SingleAsync()));

        DaysPass(2);
        Assert.True(await Expiry.CheckAsync(CancellationToken.None) >= 1);
        Assert.Equal(0, await Expiry.CheckAsync(CancellationToken.None));

        var stored = await _w.QueryAsync(db => db.Wishes.SingleAsync(w => w.Id == id));
        Assert.Equal(WishStatus.OnWall, stored.Status);
        Assert.Null(stored.ClaimantUserId);
        Assert.Equal(1, stored.ClaimCount);
        var told = await _w.QueryAsync(db => db.Set<Jiceng.Web.Modules.Notifications.Notification>()
            .CountAsync(n => n.Title == WishClaimExpiry.Title && n.Body.Contains("想要一辆轮椅") && db.Users.Any(u => u.Id == n.UserId && u.UserName == "demo-community-a")));
        Assert.Equal(1, told);
        await (await _w.ActAsync("demo-party", id, "fulfil", new { note = "已送到" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_later_claim_wins_over_an_expired_one_and_the_old_claimant_can_no_longer_act()
    {
        var id = await _w.OnWallAsync();
        await _w.DoAsync("demo-party", id, "claim");
        DaysPass(10);
        await (await _w.ActAsync("demo-unit", id, "claim")).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");

        DaysPass(21);
        var taken = await _w.DoAsync("demo-unit", id, "claim");

        Assert.Equal("claimed", taken.GetProperty("status").GetString());
        Assert.Equal(2, taken.GetProperty("claimCount").GetInt32());
        await (await _w.ActAsync("demo-party", id, "release")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _w.ActAsync("demo-party", id, "fulfil", new { note = "已送到" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Fulfil_and_confirm_light_the_wish_and_wrong_states_are_conflicts()
    {
        var id = await _w.OnWallAsync();
        await (await _w.ActAsync("demo-resident", id, "confirm")).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        await (await _w.ActAsync("demo-community-a", id, "approve")).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        await _w.DoAsync("demo-party", id, "claim");
        await (await _w.ActAsync("demo-party", id, "fulfil", new { note = "" })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _w.ActAsync("demo-party", id, "fulfil", new { note = "送去轮椅", value = -1m })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal("claimed", (await _w.GetAsync("demo-party", id)).GetProperty("status").GetString());

        var fulfilled = await _w.DoAsync("demo-party", id, "fulfil", new { note = "已把轮椅送到家中并教会使用", value = 650.5m });
        Assert.Equal("fulfilled", fulfilled.GetProperty("status").GetString());
        await (await _w.ActAsync("demo-party", id, "fulfil", new { note = "again" })).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        await (await _w.ActAsync("demo-party", id, "release")).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        // The claimant cannot confirm their own fulfilment: only the wisher or staff.
        await (await _w.ActAsync("demo-party", id, "confirm")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var confirmed = await _w.DoAsync("demo-resident", id, "confirm", new { thanksNote = "感谢党员同志送来的轮椅！" });
        Assert.Equal("confirmed", confirmed.GetProperty("status").GetString());
        await (await _w.ActAsync("demo-community-a", id, "confirm")).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        var onWall = (await _w.OnWallItemAsync(id))!.Value;
        Assert.True(onWall.GetProperty("fulfilled").GetBoolean());
        Assert.True(onWall.GetProperty("confirmed").GetBoolean());
        Assert.Equal("感谢党员同志送来的轮椅！", onWall.GetProperty("thanksNote").GetString());
        Assert.Equal(650.5m, await _w.QueryAsync(db => db.Wishes.Where(w => w.Id == id).Select(w => w.FulfilmentValue).SingleAsync()));
    }

    [Fact]
    public async Task Staff_confirm_for_a_wisher_they_posted_for()
    {
        var posted = await (await _w.PostAsync("demo-community-a", new
        {
            title = "想给孙子买个书包", description = "心声角登记：孙子开学缺书包。", divisionCode = WishWorld.Tuanjie, category = "study", wisherName = "李桂芝",
        })).ReadOkAsync<JsonElement>();
        var id = posted.GetProperty("id").GetGuid();
        Assert.True(posted.GetProperty("postedByStaff").GetBoolean());
        await _w.DoAsync("demo-community-a", id, "approve");
        await _w.DoAsync("demo-unit", id, "claim");
        await _w.DoAsync("demo-unit", id, "fulfil", new { note = "书包和文具已送到", value = 120m });
        await (await _w.ActAsync("demo-community-b", id, "confirm")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var confirmed = await _w.DoAsync("demo-community-a", id, "confirm", new { thanksNote = "谢谢自然资源局的同志们" });

        Assert.Equal("confirmed", confirmed.GetProperty("status").GetString());
    }
}

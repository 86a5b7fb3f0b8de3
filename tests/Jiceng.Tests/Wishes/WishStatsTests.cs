using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.Wishes.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Tests.Wishes;

/// <summary>The figures are counted from the records: a seed article's "108 claimed" comes out of 108 claimed wishes.</summary>
public sealed class WishStatsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 9, 7, 1, 0, 0, TimeSpan.Zero);
    private readonly JicengAppFactory _app = new() { Start = Start, Settings = new Dictionary<string, string> { ["Wishes:ClaimExpiryEnabled"] = "false" } };
    private readonly WishWorld _w;

    public WishStatsTests() => _w = new WishWorld(_app);
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<JsonElement> StatsAsync(string user, string query) =>
        await (await (await _w.As(user)).GetAsync("/api/v1/wishes/stats?" + query)).ReadOkAsync<JsonElement>();

    [Fact]
    public async Task One_hundred_and_eight_claimed_wishes_count_as_108_claimed()
    {
        var before = await StatsAsync("demo-community-b", $"division={WishWorld.Yuxi}");
        var claimant = Guid.NewGuid();
        var now = Start.UtcDateTime;
        await _w.QueryAsync(async db =>
        {
            var path = await db.Divisions.Where(d => d.Code == WishWorld.Yuxi).Select(d => d.Path).SingleAsync();
            for (var i = 0; i < 108; i++)
            {
                var wish = new Wish(WishWorld.Yuxi, path, $"微心愿 {i}", "琼中式认领", "daily_goods", now)
                {
                    Status = i < 20 ? WishStatus.Fulfilled : WishStatus.Claimed, PublishedUtc = now, ClaimantKind = WishClaimantKind.PartyMember,
                    ClaimantPersonId = claimant, ClaimantName = "琼*（党员）", ClaimedUtc = now, ClaimDeadlineUtc = now.AddDays(30), ClaimCount = 1,
                    FulfilledUtc = i < 20 ? now : null, FulfilmentValue = i < 20 ? 50.5m : null,
                };
                db.Wishes.Add(wish);
            }
            // Two more in the queue and on the wall, which are not "claimed".
            db.Wishes.Add(new Wish(WishWorld.Yuxi, path, "待审", "x", "other", now));
            db.Wishes.Add(new Wish(WishWorld.Yuxi, path, "墙上", "x", "other", now) { Status = WishStatus.OnWall, PublishedUtc = now });
            return await db.SaveChangesAsync();
        });

        var after = await StatsAsync("demo-community-b", $"division={WishWorld.Yuxi}");

        int Total(JsonElement s, string figure) => s.GetProperty("total").GetProperty(figure).GetInt32();
        Assert.Equal(Total(before, "claimed") + 108, Total(after, "claimed"));
        Assert.Equal(Total(before, "fulfilled") + 20, Total(after, "fulfilled"));
        Assert.Equal(Total(before, "posted") + 110, Total(after, "posted"));
        Assert.Equal(Total(before, "onWall") + 1, Total(after, "onWall"));
        var person = after.GetProperty("claimants").EnumerateArray().Single(r => r.GetProperty("key").GetString() == claimant.ToString()).GetProperty("figures");
        Assert.Equal(108, person.GetProperty("claimed").GetInt32());
        Assert.Equal(20, person.GetProperty("fulfilled").GetInt32());
        Assert.Equal(1010m, person.GetProperty("value").GetDecimal());
        var community = after.GetProperty("communities").EnumerateArray().Single(r => r.GetProperty("key").GetString() == WishWorld.Yuxi);
        Assert.Equal(Total(after, "claimed"), community.GetProperty("figures").GetProperty("claimed").GetInt32());

        // 团结's staff see none of 育西's figures; a period before the claims counts none of them.
        var other = await StatsAsync("demo-community-a", "");
        Assert.DoesNotContain(other.GetProperty("communities").EnumerateArray(), r => r.GetProperty("key").GetString() == WishWorld.Yuxi);
        var earlier = await StatsAsync("demo-community-b", $"division={WishWorld.Yuxi}&from=2026-01-01&to=2026-09-06");
        Assert.DoesNotContain(earlier.GetProperty("claimants").EnumerateArray(), r => r.GetProperty("key").GetString() == claimant.ToString()
            && r.GetProperty("figures").GetProperty("claimed").GetInt32() > 0);
    }

    [Fact]
    public async Task A_claim_through_the_api_counts_for_its_unit_and_community()
    {
        var id = await _w.OnWallAsync(WishWorld.Tuanjie, "想要一盏台灯");
        var before = await StatsAsync("demo-unit", "");
        int UnitClaimed(JsonElement s) => s.GetProperty("units").EnumerateArray().Sum(u => u.GetProperty("figures").GetProperty("claimed").GetInt32());

        await _w.DoAsync("demo-unit", id, "claim");

        Assert.Equal(UnitClaimed(before) + 1, UnitClaimed(await StatsAsync("demo-unit", "")));
    }
}

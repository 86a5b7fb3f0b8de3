using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.Wishes.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Tests.Wishes;

/// <summary>Posting (validation), the public wall (no personal data, only approved wishes), and who sees which wish.</summary>
public sealed class WishWallAndScopeTests(SharedApp app)
{
    private readonly WishWorld _w = new(app);

    private async Task<List<Guid>> ManageIdsAsync(string user, string query = "")
    {
        var page = await (await (await _w.As(user)).GetAsync("/api/v1/wishes/manage?pageSize=100" + query)).ReadOkAsync<JsonElement>();
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
    }

    [Fact]
    public async Task A_posted_wish_waits_for_review_and_bad_input_stores_nothing()
    {
        // Counts only wishes with the refused bodies' titles: other classes post wishes on this shared app at the same time.
        var longTitle = new string('长', 101);
        Task<int> RefusedTitlesStoredAsync() => _w.QueryAsync(db => db.Wishes.CountAsync(w => w.Title == "" || w.Title == "书包" || w.Title == longTitle));
        var before = await RefusedTitlesStoredAsync();
        var bad = new (object Body, string Code)[]
        {
            (new { title = "", description = "x", divisionCode = WishWorld.Tuanjie }, "validation_failed"),
            (new { title = longTitle, description = "x", divisionCode = WishWorld.Tuanjie }, "validation_failed"),
            (new { title = "书包", description = new string('x', 2001), divisionCode = WishWorld.Tuanjie }, "validation_failed"),
            (new { title = "书包", description = "x", divisionCode = WishWorld.Tuanjie, category = "cars" }, "unknown_category"),
            (new { title = "书包", description = "x", divisionCode = WishWorld.Tuanjie, budgetEstimate = -5m }, "validation_failed"),
            (new { title = "书包", description = "x", divisionCode = WishWorld.Tuanjie, wisherPhone = "12345" }, "invalid_phone"),
            (new { title = "书包", description = "x", divisionCode = "230725000000" }, "unknown_division"),
            (new { title = "书包", description = "x", divisionCode = WishWorld.Tuanjie, photoKey = "not-mine.jpg" }, "photo_unknown"),
        };
        foreach (var (body, code) in bad)
        {
            await (await _w.PostAsync("demo-resident", body)).AssertProblemAsync(HttpStatusCode.BadRequest, code);
        }
        // Staff post only for communities in their scope.
        await (await _w.PostAsync("demo-community-b", new { title = "书包", description = "x", divisionCode = WishWorld.Tuanjie }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "unknown_division");
        Assert.Equal(before, await RefusedTitlesStoredAsync());

        var created = await (await _w.PostAsync("demo-resident", new { title = "想学智能手机", description = "想学用手机挂号和视频通话", divisionCode = WishWorld.Tuanjie }))
            .ReadOkAsync<JsonElement>();
        Assert.Equal("pendingReview", created.GetProperty("status").GetString());
        Assert.Equal("other", created.GetProperty("category").GetString());
        Assert.False(created.GetProperty("postedByStaff").GetBoolean());
        var admin = await app.ClientForAsync("demo-sysadmin");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync("/api/v1/wishes", JsonContent("{}"))).StatusCode);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task The_public_wall_shows_approved_wishes_without_personal_data()
    {
        var shown = await _w.OnWallAsync(title: "想修好厨房水龙头");
        var hiddenName = await _w.PendingAsync(title: "想要一副老花镜", name: "欧阳明月", showName: false);
        await _w.DoAsync("demo-community-a", hiddenName, "approve");
        var pending = await _w.PendingAsync(title: "想理个发");
        var rejected = await _w.PendingAsync(title: "想要一台电视");
        await _w.DoAsync("demo-community-a", rejected, "reject", new { reason = "超出微心愿范围，已转民政救助" });

        var client = app.CreateClient();
        var raw = await client.GetStringAsync($"/api/v1/wishes?division={WishWorld.Tuanjie}&pageSize=100");
        var items = JsonDocument.Parse(raw).RootElement.GetProperty("items").EnumerateArray().ToList();

        var ids = items.Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(shown, ids);
        Assert.Contains(hiddenName, ids);
        Assert.DoesNotContain(pending, ids);
        Assert.DoesNotContain(rejected, ids);
        Assert.DoesNotContain("13912345678", raw);
        Assert.DoesNotContain("139****5678", raw);
        Assert.DoesNotContain("张秀兰", raw);
        Assert.DoesNotContain("欧阳明月", raw);
        Assert.DoesNotContain("欧*", raw);
        Assert.Equal("张**", items.Single(i => i.GetProperty("id").GetGuid() == shown).GetProperty("wisherName").GetString());
        Assert.All(items, i => Assert.False(i.TryGetProperty("wisherPhone", out _)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/wishes/{pending}/photo")).StatusCode);
        var rejectedSeen = await _w.GetAsync("demo-resident", rejected);
        Assert.Equal("超出微心愿范围，已转民政救助", rejectedSeen.GetProperty("reviewNote").GetString());
        Assert.Equal("139****5678", rejectedSeen.GetProperty("wisherPhone").GetString());
    }

    [Fact]
    public async Task Staff_of_another_community_cannot_see_or_review_a_wish()
    {
        var id = await _w.PendingAsync();

        await (await (await _w.As("demo-community-b")).GetAsync($"/api/v1/wishes/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _w.ActAsync("demo-community-b", id, "approve")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _w.ActAsync("demo-community-b", id, "reject", new { reason = "x" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain(id, await ManageIdsAsync("demo-community-b"));
        Assert.Contains(id, await ManageIdsAsync("demo-street", "&division=" + WishWorld.Tuanjie));
        Assert.Equal(WishStatus.PendingReview, await _w.QueryAsync(db => db.Wishes.Where(w => w.Id == id).Select(w => w.Status).SingleAsync()));
        // A pending wish is not on the wall, so nobody can claim it.
        await (await _w.ActAsync("demo-party", id, "claim")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_party_member_and_a_unit_see_only_the_wishes_they_posted_or_claimed()
    {
        var claimedByMember = await _w.OnWallAsync(title: "想要助学书包");
        var claimedByUnit = await _w.OnWallAsync(title: "想修楼道灯");
        var someoneElses = await _w.OnWallAsync(title: "想要老人理发");
        await _w.DoAsync("demo-party", claimedByMember, "claim");
        await _w.DoAsync("demo-unit", claimedByUnit, "claim");
        var postedByMember = (await (await _w.PostAsync("demo-party", new { title = "想给小区添把长椅", description = "楼下没有休息的地方", divisionCode = WishWorld.Tuanjie }))
            .ReadOkAsync<JsonElement>()).GetProperty("id").GetGuid();

        var member = await ManageIdsAsync("demo-party");
        Assert.Contains(claimedByMember, member);
        Assert.Contains(postedByMember, member);
        Assert.DoesNotContain(claimedByUnit, member);
        Assert.DoesNotContain(someoneElses, member);
        await (await (await _w.As("demo-party")).GetAsync($"/api/v1/wishes/{someoneElses}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var mine = await _w.GetAsync("demo-party", claimedByMember);
        Assert.True(mine.GetProperty("claimedByMe").GetBoolean());

        var unit = await ManageIdsAsync("demo-unit");
        Assert.Contains(claimedByUnit, unit);
        Assert.DoesNotContain(claimedByMember, unit);
        Assert.DoesNotContain(someoneElses, unit);
        await (await (await _w.As("demo-unit")).GetAsync($"/api/v1/wishes/{claimedByMember}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var unitStats = await (await (await _w.As("demo-unit")).GetAsync("/api/v1/wishes/stats")).ReadOkAsync<JsonElement>();
        Assert.Equal(0, unitStats.GetProperty("claimants").GetArrayLength());
        Assert.True(unitStats.GetProperty("units").GetArrayLength() == 1);
    }
}

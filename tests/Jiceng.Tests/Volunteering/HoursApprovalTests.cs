using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;

namespace Jiceng.Tests.Volunteering;

/// <summary>Self-logged hours: pending until staff of the community decide, decided once, and only approved hours count.</summary>
public sealed class HoursApprovalTests(SharedApp app)
{
    private readonly VolunteerApi _api = new(app);

    private async Task<Guid> LogAsync(string user, int minutes, string division = VolunteerApi.Tuanjie)
    {
        var response = await _api.PostAsync(user, "/hours", new
        {
            divisionCode = division, servedOn = DateOnly.FromDateTime(_api.Now.AddHours(8)).AddDays(-1), minutes, description = "帮助独居老人打扫卫生", peopleServed = 2,
        });
        var claim = await response.ReadOkAsync<JsonElement>();
        Assert.Equal("pending", claim.GetProperty("status").GetString());
        return VolunteerApi.Id(claim);
    }

    [Fact]
    public async Task A_claim_is_decided_once_and_only_approved_hours_count()
    {
        var volunteer = await _api.VolunteerAccountAsync("hrs");
        var approved = await LogAsync(volunteer, 120);
        var rejected = await LogAsync(volunteer, 45);
        await LogAsync(volunteer, 30); // stays pending

        Assert.Equal(HttpStatusCode.Forbidden, (await _api.PostAsync(volunteer, $"/hours/{approved}/approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _api.PostAsync("demo-volunteer", $"/hours/{approved}/approve")).StatusCode);
        await (await _api.PostAsync("demo-community-b", $"/hours/{approved}/approve")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var decided = await (await _api.PostAsync("demo-community-a", $"/hours/{approved}/approve", new { note = "属实" })).ReadOkAsync<JsonElement>();
        Assert.Equal("approved", decided.GetProperty("status").GetString());
        await (await _api.PostAsync("demo-community-a", $"/hours/{approved}/approve")).AssertProblemAsync(HttpStatusCode.Conflict, "already_decided");
        await (await _api.PostAsync("demo-street", $"/hours/{approved}/reject")).AssertProblemAsync(HttpStatusCode.Conflict, "already_decided");
        await (await _api.PostAsync("demo-community-a", $"/hours/{rejected}/reject", new { note = "无活动记录" })).ReadOkAsync<JsonElement>();

        var me = await (await _api.GetAsync(volunteer, "/me")).ReadOkAsync<JsonElement>();
        Assert.Equal(120, me.GetProperty("approvedClaimMinutes").GetInt32());
        Assert.Equal(120, me.GetProperty("totalMinutes").GetInt32());
        Assert.Equal(3, me.GetProperty("hours").GetArrayLength());
    }

    [Fact]
    public async Task Concurrent_decisions_have_one_winner_and_a_stale_if_match_is_refused()
    {
        var volunteer = await _api.VolunteerAccountAsync("hrc");
        var claim = await LogAsync(volunteer, 60);
        var street = await app.ClientForAsync("demo-street");
        var community = await _api.As("demo-community-a");

        var responses = await Task.WhenAll(
            community.PostAsJsonAsync($"{VolunteerApi.Base}/hours/{claim}/approve", new { }),
            street.PostAsJsonAsync($"{VolunteerApi.Base}/hours/{claim}/reject", new { note = "重复" }));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);

        var other = await LogAsync(volunteer, 60);
        var request = new HttpRequestMessage(HttpMethod.Post, $"{VolunteerApi.Base}/hours/{other}/approve") { Content = JsonContent.Create(new { }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"7\"");
        await (await community.SendAsync(request)).AssertProblemAsync(HttpStatusCode.Conflict, "already_decided");
    }

    [Fact]
    public async Task A_volunteer_lists_only_their_own_claims_and_staff_only_their_scope()
    {
        var one = await _api.VolunteerAccountAsync("hra");
        var two = await _api.VolunteerAccountAsync("hrb");
        var mine = await LogAsync(one, 30);
        var theirs = await LogAsync(two, 30);
        var yuxi = await LogAsync(two, 30, VolunteerApi.Yuxi);

        static async Task<List<Guid>> Ids(HttpResponseMessage r) => (await r.ReadOkAsync<JsonElement>()).EnumerateArray().Select(VolunteerApi.Id).ToList();
        var seenByOne = await Ids(await _api.GetAsync(one, "/hours"));
        Assert.Equal([mine], seenByOne);
        var seenByB = await Ids(await _api.GetAsync("demo-community-b", "/hours?status=pending"));
        Assert.Contains(yuxi, seenByB);
        Assert.DoesNotContain(theirs, seenByB);
        Assert.DoesNotContain(mine, seenByB);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Cases;

public sealed class CaseScopeAndConcurrencyTests(SharedApp app)
{
    private readonly CaseApi _api = new(app);

    private async Task<List<long>> ListIdsAsync(string user, string query = "")
    {
        var page = await (await (await _api.As(user)).GetAsync("/api/v1/cases?pageSize=200" + query)).ReadOkAsync<JsonElement>();
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
    }

    [Fact]
    public async Task Community_B_cannot_see_or_act_on_community_A_cases_through_any_endpoint()
    {
        var id = await _api.CaseAtAsync("submitted");

        await (await (await _api.As("demo-community-b")).GetAsync($"/api/v1/cases/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        foreach (var action in new[] { "accept", "reject", "escalate", "merge", "park" })
        {
            await (await _api.ActAsync("demo-community-b", id, action, new { note = "x", masterCaseId = id })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        }
        Assert.DoesNotContain(id, await ListIdsAsync("demo-community-b"));
        Assert.DoesNotContain(id, await ListIdsAsync("demo-community-b", "&division=" + CaseApi.Tuanjie));
        Assert.Contains(id, await ListIdsAsync("demo-community-a"));
        Assert.Contains(id, await ListIdsAsync("demo-street", "&division=" + CaseApi.Tuanjie));
        Assert.Equal("submitted", (await _api.GetAsync("demo-community-a", id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_department_sees_only_what_was_dispatched_to_it()
    {
        var notYet = await _api.CaseAtAsync("accepted");
        var dispatched = await _api.CaseAtAsync("dispatched");
        var toOther = await _api.CaseAtAsync("accepted");
        await _api.DoAsync("demo-street", toOther, "dispatch", new { leadDepartmentId = await _api.DepartmentAsync("MZJ") });

        var visible = await ListIdsAsync("demo-dept");

        Assert.Contains(dispatched, visible);
        Assert.DoesNotContain(notYet, visible);
        Assert.DoesNotContain(toOther, visible);
        await (await (await _api.As("demo-dept")).GetAsync($"/api/v1/cases/{toOther}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _api.ActAsync("demo-dept", toOther, "claim")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_resident_sees_their_own_cases_only()
    {
        var mine = (await _api.CreateAsync("demo-resident")).GetProperty("id").GetInt64();
        var theirs = (await _api.CreateAsync("demo-party")).GetProperty("id").GetInt64();

        var visible = await ListIdsAsync("demo-resident");

        Assert.Contains(mine, visible);
        Assert.DoesNotContain(theirs, visible);
        await (await (await _api.As("demo-resident")).GetAsync($"/api/v1/cases/{theirs}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Two_claims_at_once_one_wins_and_the_other_gets_conflict()
    {
        var id = await _api.CaseAtAsync("dispatched");
        var version = (await _api.GetAsync("demo-dept", id)).GetProperty("version").GetInt32();
        var second = await app.ClientForAsync("demo-dept");

        var responses = await Task.WhenAll(
            _api.ActAsync("demo-dept", id, "claim", new { note = "A" }, ifMatch: version),
            SendClaimAsync(second, id, version));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        await responses.Single(r => r.StatusCode != HttpStatusCode.OK).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        var timeline = (await _api.GetAsync("demo-dept", id)).GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("action").GetString() == "claim");
        Assert.Equal(1, timeline);
    }

    private static Task<HttpResponseMessage> SendClaimAsync(HttpClient client, long id, int version)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/claim") { Content = JsonContent.Create(new { note = "B" }) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return client.SendAsync(request);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_even_when_the_action_would_be_allowed()
    {
        var id = await _api.CaseAtAsync("inProgress");
        var version = (await _api.GetAsync("demo-dept", id)).GetProperty("version").GetInt32();
        await _api.DoAsync("demo-dept", id, "progress", new { note = "第一次进展" });

        await (await _api.ActAsync("demo-dept", id, "progress", new { note = "基于旧版本" }, ifMatch: version)).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task Two_ratings_at_once_one_wins()
    {
        var id = await _api.CaseAtAsync("feedbackGiven");
        var code = (await _api.GetAsync("demo-community-a", id)).GetProperty("trackingCode").GetString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            app.CreateClient().PostAsJsonAsync($"/api/v1/track/{code}/rate", new { satisfaction = i % 2 == 0 ? "satisfied" : "unsatisfied", solved = true })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            var problem = await loser.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
            Assert.Contains(problem.GetProperty("code").GetString(), new[] { "conflict", "invalid_transition" });
        }
        var rates = (await _api.GetAsync("demo-community-a", id)).GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("action").GetString() == "rate");
        Assert.Equal(1, rates);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_returns_the_same_case()
    {
        var key = Guid.NewGuid().ToString();

        var first = await _api.PostCreateAsync("demo-resident", idempotencyKey: key);
        var retry = await _api.PostCreateAsync("demo-resident", idempotencyKey: key);
        var otherCaller = await _api.PostCreateAsync("demo-party", idempotencyKey: key);

        var a = await first.ReadOkAsync<JsonElement>();
        var b = await retry.ReadOkAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(a.GetProperty("id").GetInt64(), b.GetProperty("id").GetInt64());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.NotEqual(a.GetProperty("id").GetInt64(), (await otherCaller.ReadOkAsync<JsonElement>()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_create_exactly_one_case()
    {
        var key = Guid.NewGuid().ToString();
        var clients = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.ClientForAsync("demo-grid")));

        var responses = await Task.WhenAll(clients.Select(c =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases")
            {
                Content = JsonContent.Create(new { categoryCode = "sanitation", description = "垃圾桶满溢无人清理", divisionCode = CaseApi.Tuanjie, channel = "gridPatrol" }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return c.SendAsync(request);
        }));

        var ids = new HashSet<long>();
        foreach (var response in responses) ids.Add((await response.ReadOkAsync<JsonElement>()).GetProperty("id").GetInt64());
        Assert.Single(ids);
        Assert.Equal(1, await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().IdempotencyRecords.CountAsync(r => r.Key == key)));
    }

    [Fact]
    public async Task List_filters_narrow_the_scope_and_never_widen_it()
    {
        var id = await _api.CaseAtAsync("dispatched");
        var zjj = await _api.DepartmentAsync("ZJJ");

        Assert.Contains(id, await ListIdsAsync("demo-street", $"&status=dispatched&department={zjj}"));
        Assert.DoesNotContain(id, await ListIdsAsync("demo-street", "&status=closed"));
        Assert.Empty(await ListIdsAsync("demo-community-a", "&division=" + CaseApi.Yuxi));
        await (await (await _api.As("demo-community-a")).GetAsync("/api/v1/cases?pageSize=500")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }
}

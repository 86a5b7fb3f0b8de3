using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Tests.ServiceHall;

/// <summary>Catalogue edits, in their own app so the items they add never reach the seeded-catalogue counts of other classes.</summary>
public sealed class ServiceCatalogueEditTests(ServiceHallApp app) : IClassFixture<ServiceHallApp>
{
    private readonly ServiceHallWorld _w = new(app);

    [Fact]
    public async Task Staff_edit_the_catalogue_with_if_match_and_bad_input_changes_nothing()
    {
        var created = await (await _w.PostAsync("demo-community-a", "/api/v1/service-items", new
        {
            divisionCode = ServiceHallWorld.Tuanjie, code = "TS-01", name = "测试事项", category = "民政", kind = "direct", timeLimitDays = 3,
            materials = new[] { "身份证", "申请书" }, responsiblePost = "民政专干", bookable = true,
        })).ReadOkAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(1, created.GetProperty("version").GetInt32());

        var client = await _w.As("demo-community-a");
        var body = new { code = "TS-01", name = "测试事项（改）", category = "民政", kind = "onBehalf", timeLimitDays = 5, materials = new[] { "身份证" }, responsiblePost = "民政专干" };
        using (var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/service-items/{id}") { Content = System.Net.Http.Json.JsonContent.Create(body) })
        {
            stale.Headers.TryAddWithoutValidation("If-Match", "\"7\"");
            await (await client.SendAsync(stale)).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        }
        using (var fresh = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/service-items/{id}") { Content = System.Net.Http.Json.JsonContent.Create(body) })
        {
            fresh.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            var updated = await (await client.SendAsync(fresh)).ReadOkAsync<JsonElement>();
            Assert.Equal("onBehalf", updated.GetProperty("kind").GetString());
            Assert.Equal(2, updated.GetProperty("version").GetInt32());
        }

        var before = await _w.QueryAsync(db => db.ServiceItems.CountAsync());
        await (await _w.PostAsync("demo-community-a", "/api/v1/service-items", new { divisionCode = ServiceHallWorld.Tuanjie, code = "TS-02", name = "x", category = "火星", kind = "direct", timeLimitDays = 3, responsiblePost = "p" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _w.PostAsync("demo-community-a", "/api/v1/service-items", new { divisionCode = ServiceHallWorld.Tuanjie, code = "TS-03", name = "x", category = "民政", kind = "direct", timeLimitDays = 0, responsiblePost = "p" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _w.PostAsync("demo-community-b", "/api/v1/service-items", new { divisionCode = ServiceHallWorld.Tuanjie, code = "TS-04", name = "x", category = "民政", kind = "direct", timeLimitDays = 3, responsiblePost = "p" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _w.PostAsync("demo-resident", "/api/v1/service-items", new { divisionCode = ServiceHallWorld.Tuanjie })).AssertStatusAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await _w.QueryAsync(db => db.ServiceItems.CountAsync()));
    }
}

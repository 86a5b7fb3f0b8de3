using System.Net;
using System.Net.Http.Json;
using Jiceng.Tests.Infrastructure;

namespace Jiceng.Tests.Residents;

public sealed class ResidentScopeTests(SharedApp app)
{
    private readonly ResidentsApi _api = new(app);

    [Fact]
    public async Task Community_B_cannot_reach_community_A_resident_through_any_list_search_export_id_or_household()
    {
        var (gridId, _, buildingId, _) = await _api.GridWithBuildingAsync(ResidentsApi.Tuanjie);
        var name = ResidentsApi.NewName("范");
        var idNumber = ResidentsApi.NewIdNumber();
        var phone = ResidentsApi.NewPhone();
        var created = await _api.CreateAsync(name: name, idNumber: idNumber, phone: phone, tags: ["tekun"], buildingId: buildingId, unitNo: 1, room: "101");
        var id = created.GetProperty("id").GetGuid();
        var householdId = created.GetProperty("household").GetProperty("id").GetGuid();

        // Community A, the street and the county see the person.
        Assert.Equal([id], await _api.ListIdsAsync("demo-community-a", "q=" + name));
        Assert.Equal([id], await _api.ListIdsAsync("demo-street", "idNumber=" + idNumber));
        Assert.Equal([id], await _api.ListIdsAsync("demo-county", "phone=" + phone));

        // Community B sees nothing, whichever way it asks.
        foreach (var query in new[]
                 {
                     "q=" + name, "phoneTail=" + phone[^4..] + "&q=" + name, "idNumber=" + idNumber, "phone=" + phone, "buildingId=" + buildingId,
                     "gridId=" + gridId, "tag=tekun&q=" + name, "division=" + ResidentsApi.Tuanjie + "&q=" + name,
                 })
        {
            Assert.DoesNotContain(id, await _api.ListIdsAsync("demo-community-b", query));
        }
        await (await _api.GetAsync("demo-community-b", $"/api/v1/residents/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await (await _api.As("demo-community-b")).PostAsJsonAsync($"/api/v1/residents/{id}/unmask", new { reason = "越权尝试" }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _api.GetAsync("demo-community-b", $"/api/v1/residents/{id}/export?reason=越权尝试")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _api.SendAsync("demo-community-b", HttpMethod.Put, $"/api/v1/residents/{id}", new { name = "改名" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _api.SendAsync("demo-community-b", HttpMethod.Put, $"/api/v1/residents/{id}/tags/dibao")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _api.SendAsync("demo-community-b", HttpMethod.Delete, $"/api/v1/residents/{id}", new { reason = "越权删除" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _api.GetAsync("demo-community-b", $"/api/v1/households/{householdId}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var households = await _api.GetOkAsync("demo-community-b", $"/api/v1/households?buildingId={buildingId}");
        Assert.Equal(0, households.GetProperty("total").GetInt32());

        var export = await _api.GetAsync("demo-community-b", "/api/v1/residents/export?q=" + name);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Empty(ResidentsApi.ReadWorkbook(await export.Content.ReadAsByteArrayAsync()));
        var exportA = await _api.GetAsync("demo-community-a", "/api/v1/residents/export?q=" + name);
        Assert.Single(ResidentsApi.ReadWorkbook(await exportA.Content.ReadAsByteArrayAsync()));

        // The person is still there, unchanged.
        var still = await _api.GetOkAsync("demo-community-a", $"/api/v1/residents/{id}");
        Assert.Equal(name, still.GetProperty("name").GetString());
        Assert.Equal(1, still.GetProperty("tags").GetArrayLength());
    }

    [Fact]
    public async Task A_grid_worker_reads_their_community_masked_but_not_another()
    {
        var name = ResidentsApi.NewName("卫");
        var inA = (await _api.CreateAsync(name: name)).GetProperty("id").GetGuid();
        var inB = (await _api.CreateAsync(user: "demo-community-b", division: ResidentsApi.Yuxi, name: name)).GetProperty("id").GetGuid();

        Assert.Equal([inA], await _api.ListIdsAsync("demo-grid", "q=" + name));
        Assert.Equal([inB], await _api.ListIdsAsync("demo-community-b", "q=" + name));
        Assert.Equal(new HashSet<Guid> { inA, inB }, (await _api.ListIdsAsync("demo-street", "q=" + name)).ToHashSet());
        await (await _api.GetAsync("demo-grid", $"/api/v1/residents/{inB}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;

namespace Jiceng.Tests.Grids;

/// <summary>Data scope on grids: another community's grids are "not found" through every endpoint; other roles are refused.</summary>
public sealed class GridScopeTests(GridsApp app) : IClassFixture<GridsApp>
{
    private readonly GridApi _api = new(app);

    private static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    [Fact]
    public async Task Community_B_cannot_list_read_or_change_community_A_grids()
    {
        var grid = await _api.GridAsync("demo-community-a", GridApi.Tuanjie, "第2网格");
        var id = Id(grid);
        var building = (await (await (await _api.As("demo-community-a")).GetAsync($"/api/v1/grids/{id}/buildings")).ReadOkAsync<JsonElement>())[0];
        var pairing = (await (await (await _api.As("demo-community-a")).GetAsync($"/api/v1/grids/{id}/pairings")).ReadOkAsync<JsonElement>())[0];
        var person = grid.GetProperty("workers")[0].GetProperty("personId").GetGuid();
        var b = await _api.As("demo-community-b");

        await (await b.GetAsync($"/api/v1/grids?division={GridApi.Tuanjie}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await b.GetAsync($"/api/v1/grids/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await b.GetAsync($"/api/v1/grids/{id}/buildings")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await b.GetAsync($"/api/v1/grids/{id}/households")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await b.GetAsync($"/api/v1/grids/{id}/pairings")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await b.GetAsync($"/api/v1/buildings/{Id(building)}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await b.PutAsJsonAsync($"/api/v1/grids/{id}", new { name = "改名" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _api.PutBoundaryAsync("demo-community-b", id, GridApi.FreshSquare(out _))).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await b.DeleteAsync($"/api/v1/grids/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await b.PostAsJsonAsync($"/api/v1/grids/{id}/workers", new { personId = person, type = "partTime" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await b.DeleteAsync($"/api/v1/grids/{id}/workers/{person}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await b.PostAsJsonAsync($"/api/v1/grids/{id}/buildings", new { name = "9号楼", units = 1, floors = 1 })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await b.PutAsJsonAsync($"/api/v1/buildings/{Id(building)}", new { name = "9号楼", units = 1, floors = 1 })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await b.DeleteAsync($"/api/v1/buildings/{Id(building)}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await b.DeleteAsync($"/api/v1/pairings/{Id(pairing)}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await b.PostAsJsonAsync("/api/v1/grids", new { divisionCode = GridApi.Tuanjie, name = "越界网格" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        // Nothing changed, and A still sees everything.
        var after = await _api.GridAsync("demo-community-a", GridApi.Tuanjie, "第2网格");
        Assert.Equal(grid.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
        Assert.Equal(grid.GetProperty("workers").GetArrayLength(), after.GetProperty("workers").GetArrayLength());
        var pairings = await (await (await _api.As("demo-community-a")).GetAsync($"/api/v1/grids/{id}/pairings")).ReadOkAsync<JsonElement>();
        Assert.Contains(pairings.EnumerateArray(), p => Id(p) == Id(pairing));
        Assert.Equal(["第1网格", "第2网格"], (await _api.ListAsync("demo-community-b", GridApi.Yuxi)).Select(g => g.GetProperty("name").GetString()).Take(2).ToArray());
    }

    [Fact]
    public async Task Street_and_county_see_every_community_below_them()
    {
        foreach (var user in new[] { "demo-street", "demo-county" })
        {
            var names = (await _api.ListAsync(user, GridApi.Tuanjie)).Select(g => g.GetProperty("name").GetString()).ToList();
            Assert.Equal(["第1网格", "第2网格", "第3网格"], names.Take(3));
            Assert.Contains("第2网格", (await _api.ListAsync(user, GridApi.Yuxi)).Select(g => g.GetProperty("name").GetString()));
        }
    }

    [Theory]
    [InlineData("demo-dept")]
    [InlineData("demo-resident")]
    [InlineData("demo-party")]
    [InlineData("demo-sysadmin")]
    public async Task Departments_residents_and_administrators_are_refused(string user)
    {
        var client = await _api.As(user);
        var id = Id(await _api.GridAsync("demo-community-a", GridApi.Tuanjie, "第1网格"));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/grids?division={GridApi.Tuanjie}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/grids/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/grids/{id}/pairings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/grids", new { divisionCode = GridApi.Tuanjie, name = "x" })).StatusCode);
    }

    [Fact]
    public async Task A_grid_worker_reads_the_community_grids_but_changes_nothing()
    {
        var grid = await _api.GridAsync("demo-grid", GridApi.Tuanjie, "第1网格");
        var client = await _api.As("demo-grid");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/grids/{Id(grid)}/buildings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/v1/grids/{Id(grid)}", new { name = "改名" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/v1/grids/{Id(grid)}/buildings", new { name = "9号楼", units = 1, floors = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"/api/v1/grids/{Id(grid)}")).StatusCode);
        await (await client.GetAsync($"/api/v1/grids?division={GridApi.Yuxi}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Anonymous_callers_may_only_locate()
    {
        var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/grids?division={GridApi.Tuanjie}")).StatusCode);
        var (lat, lng) = Jiceng.Web.Demo.GridDemoSeeder.TuanjieGrid1Point;
        var located = await (await anonymous.GetAsync(FormattableString.Invariant($"/api/v1/grids/locate?division={GridApi.Tuanjie}&lat={lat}&lng={lng}"))).ReadOkAsync<JsonElement>();
        Assert.Equal("第1网格", located.GetProperty("name").GetString());
        // The same point is not in 育西's grids.
        await (await anonymous.GetAsync(FormattableString.Invariant($"/api/v1/grids/locate?division={GridApi.Yuxi}&lat={lat}&lng={lng}"))).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}

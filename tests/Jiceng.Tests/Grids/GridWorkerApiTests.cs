using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Residents.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Grids;

/// <summary>Grid worker types through the API: 一人一格 (full-time), 多人一格 (part-time), 一人多格 (specialist), one type per person.</summary>
public sealed class GridWorkerApiTests(GridsApp app) : IClassFixture<GridsApp>
{
    private readonly GridApi _api = new(app);
    private const string Staff = "demo-community-a";

    private static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    private async Task<(Guid A, Guid B)> TwoEmptyGridsAsync(string tag) =>
        (Id(await _api.CreateGridAsync(Staff, GridApi.Tuanjie, tag + "甲")), Id(await _api.CreateGridAsync(Staff, GridApi.Tuanjie, tag + "乙")));

    private async Task<List<(Guid PersonId, string Type)>> WorkersAsync(Guid grid) =>
        (await (await (await _api.As(Staff)).GetAsync($"/api/v1/grids/{grid}")).ReadOkAsync<JsonElement>()).GetProperty("workers").EnumerateArray()
            .Select(w => (w.GetProperty("personId").GetGuid(), w.GetProperty("type").GetString()!)).ToList();

    [Fact]
    public async Task A_second_full_time_worker_on_a_grid_is_refused_with_the_rule()
    {
        var (grid, _) = await TwoEmptyGridsAsync("专职");
        var first = await _api.PersonAsync(GridApi.Tuanjie, "甲专职");
        var second = await _api.PersonAsync(GridApi.Tuanjie, "乙专职");

        var ok = await _api.AssignAsync(Staff, grid, first, "fullTime");
        var refused = await (await _api.AssignAsync(Staff, grid, second, "fullTime")).AssertProblemAsync(HttpStatusCode.BadRequest, "grid_worker_rule");

        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Contains("该网格已有专职网格员", refused.GetProperty("title").GetString());
        Assert.Equal([(first, "fullTime")], await WorkersAsync(grid));
        // Working a grid made the person a grid worker.
        Assert.True(await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().PersonRoles.AnyAsync(r => r.PersonId == first && r.Kind == PersonRoleKind.GridWorker)));
    }

    [Fact]
    public async Task A_full_time_worker_cannot_take_a_second_grid()
    {
        var (a, b) = await TwoEmptyGridsAsync("一人一格");
        var person = await _api.PersonAsync(GridApi.Tuanjie, "丙专职");
        await (await _api.AssignAsync(Staff, a, person, "fullTime")).ReadOkAsync<JsonElement>();

        var refused = await (await _api.AssignAsync(Staff, b, person, "fullTime")).AssertProblemAsync(HttpStatusCode.BadRequest, "grid_worker_rule");

        Assert.Contains("一人一格", refused.GetProperty("title").GetString());
        Assert.Empty(await WorkersAsync(b));
    }

    [Fact]
    public async Task Many_part_time_workers_share_a_grid()
    {
        var (grid, _) = await TwoEmptyGridsAsync("兼职");
        var people = new List<Guid>();
        for (var i = 0; i < 3; i++) people.Add(await _api.PersonAsync(GridApi.Tuanjie, $"兼职{i}"));

        foreach (var person in people) Assert.Equal(HttpStatusCode.Created, (await _api.AssignAsync(Staff, grid, person, "partTime")).StatusCode);

        Assert.Equal(people.Order(), (await WorkersAsync(grid)).Select(w => w.PersonId).Order());
        await (await _api.AssignAsync(Staff, grid, people[0], "partTime")).AssertProblemAsync(HttpStatusCode.BadRequest, "grid_worker_rule");
    }

    [Fact]
    public async Task A_specialist_serves_several_grids_even_of_another_community_of_the_street()
    {
        var (a, b) = await TwoEmptyGridsAsync("专业");
        var yuxiGrid = Id(await _api.GridAsync("demo-street", GridApi.Yuxi, "第1网格"));
        var specialist = await _api.PersonAsync(GridApi.Tuanjie, "专业员");

        Assert.Equal(HttpStatusCode.Created, (await _api.AssignAsync(Staff, a, specialist, "specialist")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _api.AssignAsync(Staff, b, specialist, "specialist")).StatusCode);
        // The street places its specialist in 育西 too; a full-time worker of 团结 could not go there.
        Assert.Equal(HttpStatusCode.Created, (await _api.AssignAsync("demo-street", yuxiGrid, specialist, "specialist")).StatusCode);
        var tuanjieWorker = await _api.PersonAsync(GridApi.Tuanjie, "本社区兼职");
        var refused = await (await _api.AssignAsync("demo-street", yuxiGrid, tuanjieWorker, "partTime")).AssertProblemAsync(HttpStatusCode.BadRequest, "grid_worker_rule");
        Assert.Contains("本社区", refused.GetProperty("title").GetString());

        Assert.Contains((specialist, "specialist"), await WorkersAsync(a));
        Assert.Contains((specialist, "specialist"), await WorkersAsync(b));
    }

    [Fact]
    public async Task Mixed_types_for_one_person_are_refused_even_across_communities()
    {
        var (a, b) = await TwoEmptyGridsAsync("混合");
        var person = await _api.PersonAsync(GridApi.Tuanjie, "混合员");
        var yuxiGrid = Id(await _api.GridAsync("demo-street", GridApi.Yuxi, "第2网格"));
        await (await _api.AssignAsync("demo-street", yuxiGrid, person, "specialist")).ReadOkAsync<JsonElement>();

        // 团结's staff cannot see the 育西 assignment, but the rule still holds.
        var refused = await (await _api.AssignAsync(Staff, a, person, "partTime")).AssertProblemAsync(HttpStatusCode.BadRequest, "grid_worker_rule");
        Assert.Contains("只能是一种网格员", refused.GetProperty("title").GetString());
        await (await _api.AssignAsync(Staff, b, person, "fullTime")).AssertProblemAsync(HttpStatusCode.BadRequest, "grid_worker_rule");
        Assert.Empty(await WorkersAsync(a));
    }

    [Fact]
    public async Task A_worker_is_removed_and_the_grid_can_take_a_new_full_time_worker()
    {
        var (grid, _) = await TwoEmptyGridsAsync("更换");
        var old = await _api.PersonAsync(GridApi.Tuanjie, "原专职");
        var next = await _api.PersonAsync(GridApi.Tuanjie, "新专职");
        await (await _api.AssignAsync(Staff, grid, old, "fullTime")).ReadOkAsync<JsonElement>();
        var client = await _api.As(Staff);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/grids/{grid}/workers/{old}")).StatusCode);
        await (await client.DeleteAsync($"/api/v1/grids/{grid}/workers/{old}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        Assert.Equal(HttpStatusCode.Created, (await _api.AssignAsync(Staff, grid, next, "fullTime")).StatusCode);
    }

    [Fact]
    public async Task Two_full_time_assignments_racing_for_one_grid_leave_exactly_one()
    {
        var (grid, _) = await TwoEmptyGridsAsync("竞争");
        var people = new List<Guid>();
        for (var i = 0; i < 4; i++) people.Add(await _api.PersonAsync(GridApi.Tuanjie, $"竞争{i}"));
        var clients = new List<HttpClient>();
        for (var i = 0; i < 4; i++) clients.Add(await app.ClientForAsync(Staff));

        var responses = await Task.WhenAll(people.Select((p, i) => clients[i].PostAsJsonAsync($"/api/v1/grids/{grid}/workers", new { personId = p, type = "fullTime" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            Assert.Contains(refused.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Conflict });
            var code = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString();
            Assert.Contains(code, new[] { "grid_worker_rule", "conflict" });
        }
        Assert.Single(await WorkersAsync(grid));
    }

    [Fact]
    public async Task A_person_of_another_community_is_not_found_for_community_staff()
    {
        var (grid, _) = await TwoEmptyGridsAsync("他社区");
        var yuxiPerson = await _api.PersonAsync(GridApi.Yuxi, "育西居民");

        await (await _api.AssignAsync(Staff, grid, yuxiPerson, "partTime")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _api.AssignAsync(Staff, grid, yuxiPerson, "nightShift")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }
}

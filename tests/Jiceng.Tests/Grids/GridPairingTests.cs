using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.Residents.Domain;

namespace Jiceng.Tests.Grids;

/// <summary>"1+1带N": a party member and a grid worker of the grid, with households of the grid, each in one pairing at most.</summary>
public sealed class GridPairingTests(GridsApp app) : IClassFixture<GridsApp>
{
    private readonly GridApi _api = new(app);
    private const string Staff = "demo-community-a";

    private static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    private async Task<(Guid Grid, Guid Worker, Guid PartyMember, List<JsonElement> Households)> GridThreeAsync()
    {
        var grid = await _api.GridAsync(Staff, GridApi.Tuanjie, "第3网格");
        var worker = grid.GetProperty("workers").EnumerateArray().First(w => w.GetProperty("type").GetString() == "fullTime").GetProperty("personId").GetGuid();
        var households = (await (await (await _api.As(Staff)).GetAsync($"/api/v1/grids/{Id(grid)}/households")).ReadOkAsync<JsonElement>()).EnumerateArray().ToList();
        var partyMember = await _api.PersonAsync(GridApi.Tuanjie, "结对党员", PersonRoleKind.PartyMember);
        return (Id(grid), worker, partyMember, households);
    }

    private async Task<HttpResponseMessage> PairAsync(Guid grid, Guid partyMember, Guid worker, params Guid[] households) =>
        await (await _api.As(Staff)).PostAsJsonAsync($"/api/v1/grids/{grid}/pairings",
            new { partyMemberPersonId = partyMember, gridWorkerPersonId = worker, householdIds = households });

    [Fact]
    public async Task A_pairing_takes_free_households_and_a_paired_household_is_a_conflict()
    {
        var (grid, worker, partyMember, households) = await GridThreeAsync();
        var free = households.Where(h => h.GetProperty("pairingId").ValueKind == JsonValueKind.Null).Select(Id).ToList();
        var taken = households.First(h => h.GetProperty("pairingId").ValueKind != JsonValueKind.Null);
        Assert.True(free.Count >= 3);

        var created = await PairAsync(grid, partyMember, worker, free[0], free[1], free[2]);
        var clash = await PairAsync(grid, partyMember, worker, free[0]);
        var clashWithDemo = await PairAsync(grid, partyMember, worker, Id(taken));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var pairing = await created.ReadOkAsync<JsonElement>();
        Assert.Equal(free.Take(3).Order(), pairing.GetProperty("households").EnumerateArray().Select(Id).Order());
        Assert.Contains("*", pairing.GetProperty("partyMember").GetProperty("name").GetString());
        Assert.All(pairing.GetProperty("households").EnumerateArray(), h => Assert.Contains("号楼", h.GetProperty("building").GetString()));
        await clash.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        await clashWithDemo.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");

        // Deleting it frees its households for another pairing.
        var client = await _api.As(Staff);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/pairings/{Id(pairing)}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PairAsync(grid, partyMember, worker, free[0])).StatusCode);
    }

    [Fact]
    public async Task The_party_member_must_be_one_and_the_worker_must_work_the_grid()
    {
        var (grid, worker, partyMember, households) = await GridThreeAsync();
        var free = households.Where(h => h.GetProperty("pairingId").ValueKind == JsonValueKind.Null).Select(Id).Last();
        var notAMember = await _api.PersonAsync(GridApi.Tuanjie, "普通居民");
        var otherGridWorker = (await _api.GridAsync(Staff, GridApi.Tuanjie, "第1网格")).GetProperty("workers")[0].GetProperty("personId").GetGuid();
        var otherGridHousehold = (await (await (await _api.As(Staff)).GetAsync(
            $"/api/v1/grids/{Id(await _api.GridAsync(Staff, GridApi.Tuanjie, "第1网格"))}/households")).ReadOkAsync<JsonElement>())[0];

        var member = await (await PairAsync(grid, notAMember, worker, free)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var work = await (await PairAsync(grid, partyMember, otherGridWorker, free)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var place = await (await PairAsync(grid, partyMember, worker, Id(otherGridHousehold))).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await PairAsync(grid, partyMember, worker)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.Contains("不是党员", member.GetProperty("title").GetString());
        Assert.Contains("不负责本网格", work.GetProperty("title").GetString());
        Assert.Contains("不全在本网格", place.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_demo_has_one_pairing_per_grid_with_three_or_four_households()
    {
        foreach (var (user, division) in new[] { (Staff, GridApi.Tuanjie), ("demo-community-b", GridApi.Yuxi) })
        {
            foreach (var grid in (await _api.ListAsync(user, division)).Take(division == GridApi.Tuanjie ? 3 : 2))
            {
                var pairings = await (await (await _api.As(user)).GetAsync($"/api/v1/grids/{Id(grid)}/pairings")).ReadOkAsync<JsonElement>();
                var fullTime = grid.GetProperty("workers").EnumerateArray().Single(w => w.GetProperty("type").GetString() == "fullTime").GetProperty("personId").GetGuid();
                Assert.Contains(pairings.EnumerateArray(), p => p.GetProperty("gridWorker").GetProperty("personId").GetGuid() == fullTime
                    && p.GetProperty("households").GetArrayLength() is 3 or 4);
            }
        }
    }

    [Fact]
    public async Task A_worker_in_a_pairing_is_not_removed_from_the_grid()
    {
        var grid = await _api.GridAsync("demo-community-b", GridApi.Yuxi, "第1网格");
        var worker = grid.GetProperty("workers")[0].GetProperty("personId").GetGuid();

        await (await (await _api.As("demo-community-b")).DeleteAsync($"/api/v1/grids/{Id(grid)}/workers/{worker}")).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
    }
}

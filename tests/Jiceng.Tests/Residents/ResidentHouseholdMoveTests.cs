using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Modules.Residents.Features;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Residents;

/// <summary>
/// Moving a person to another household (the person page's "迁入其他户"): the registry call the page makes, run as the
/// signed-in staff member so the data scope applies; the effect is read back through the API.
/// </summary>
public sealed class ResidentHouseholdMoveTests(SharedApp app)
{
    private readonly ResidentsApi _api = new(app);

    /// <summary>Runs the registry as a demo account (its data scope), like an interactive page does.</summary>
    private Task<Result<Person>> MoveAsUserAsync(string userName, Guid personId, MoveHouseholdRequest request) =>
        app.AsSystemAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
            var principal = await sp.GetRequiredService<LoginService>().BuildPrincipalAsync(user, await users.GetRolesAsync(user), "test", false, default);
            await using var scope = sp.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(principal);
            return await scope.ServiceProvider.GetRequiredService<ResidentRegistry>().MoveToHouseholdAsync(personId, request);
        });

    private static Guid HouseholdId(JsonElement resident) => resident.GetProperty("household").GetProperty("id").GetGuid();

    [Fact]
    public async Task The_head_moves_to_a_new_room_and_heads_a_new_household_while_the_old_one_keeps_its_other_member_without_a_head()
    {
        var (_, _, buildingId, _) = await _api.GridWithBuildingAsync();
        var head = await _api.CreateAsync(name: "迁户甲", buildingId: buildingId, unitNo: 1, room: "101");
        var spouse = await _api.CreateAsync(name: "迁户乙", buildingId: buildingId, unitNo: 1, room: "101");
        var headId = head.GetProperty("id").GetGuid();
        var oldHousehold = HouseholdId(head);

        var moved = await MoveAsUserAsync("demo-community-a", headId, new MoveHouseholdRequest(BuildingId: buildingId, UnitNo: 2, Room: "202"));

        Assert.True(moved.IsSuccess, moved.Error?.Message);
        var read = await _api.GetOkAsync("demo-community-a", $"/api/v1/residents/{headId}");
        var newHousehold = HouseholdId(read);
        Assert.NotEqual(oldHousehold, newHousehold);
        Assert.True(read.GetProperty("household").GetProperty("isHead").GetBoolean());
        Assert.Equal(2, read.GetProperty("household").GetProperty("unitNo").GetInt32());
        Assert.Equal("户主", read.GetProperty("relationToHead").GetString());
        Assert.Equal(head.GetProperty("version").GetInt32() + 1, read.GetProperty("version").GetInt32());

        var old = await _api.GetOkAsync("demo-community-a", $"/api/v1/households/{oldHousehold}");
        Assert.Equal(JsonValueKind.Null, old.GetProperty("headPersonId").ValueKind);
        Assert.Equal([spouse.GetProperty("id").GetGuid()], old.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()).ToArray());
        var created = await _api.GetOkAsync("demo-community-a", $"/api/v1/households/{newHousehold}");
        Assert.Equal(headId, created.GetProperty("headPersonId").GetGuid());
        // The room is sealed and masked: no value in the answer shows it.
        JsonValues.AssertNumberNotShown("202", created);
    }

    [Fact]
    public async Task Moving_to_an_occupied_room_joins_that_household_with_the_given_relation()
    {
        var (_, _, buildingId, _) = await _api.GridWithBuildingAsync();
        var host = await _api.CreateAsync(name: "迁户丙", buildingId: buildingId, unitNo: 3, room: "301");
        var mover = await _api.CreateAsync(name: "迁户丁", buildingId: buildingId, unitNo: 3, room: "302");
        var moverId = mover.GetProperty("id").GetGuid();

        var moved = await MoveAsUserAsync("demo-community-a", moverId, new MoveHouseholdRequest(BuildingId: buildingId, UnitNo: 3, Room: "301", RelationToHead: "父母"));

        Assert.True(moved.IsSuccess, moved.Error?.Message);
        var read = await _api.GetOkAsync("demo-community-a", $"/api/v1/residents/{moverId}");
        Assert.Equal(HouseholdId(host), HouseholdId(read));
        Assert.False(read.GetProperty("household").GetProperty("isHead").GetBoolean());
        Assert.Equal("父母", read.GetProperty("relationToHead").GetString());
        var household = await _api.GetOkAsync("demo-community-a", $"/api/v1/households/{HouseholdId(host)}");
        Assert.Equal(host.GetProperty("id").GetGuid(), household.GetProperty("headPersonId").GetGuid());
        Assert.Equal(2, household.GetProperty("members").GetArrayLength());
    }

    [Fact]
    public async Task Another_community_cannot_move_the_person_and_a_building_outside_the_community_changes_nothing()
    {
        var (_, _, buildingId, _) = await _api.GridWithBuildingAsync();
        var (_, _, otherBuilding, _) = await _api.GridWithBuildingAsync(ResidentsApi.Yuxi);
        var person = await _api.CreateAsync(name: "迁户戊", buildingId: buildingId, unitNo: 1, room: "401");
        var id = person.GetProperty("id").GetGuid();

        var fromB = await MoveAsUserAsync("demo-community-b", id, new MoveHouseholdRequest(BuildingId: otherBuilding, UnitNo: 1, Room: "101"));
        var elsewhere = await MoveAsUserAsync("demo-community-a", id, new MoveHouseholdRequest(BuildingId: otherBuilding, UnitNo: 1, Room: "101"));
        var nowhere = await MoveAsUserAsync("demo-community-a", id, new MoveHouseholdRequest());

        Assert.Equal(ErrorCodes.NotFound, fromB.Error?.Code);
        Assert.Equal(ErrorCodes.ValidationFailed, elsewhere.Error?.Code);
        Assert.Equal(ErrorCodes.ValidationFailed, nowhere.Error?.Code);
        var read = await _api.GetOkAsync("demo-community-a", $"/api/v1/residents/{id}");
        Assert.Equal(HouseholdId(person), HouseholdId(read));
        Assert.Equal(person.GetProperty("version").GetInt32(), read.GetProperty("version").GetInt32());
        var households = await _api.GetOkAsync("demo-community-b", $"/api/v1/households?buildingId={otherBuilding}");
        Assert.Equal(0, households.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_client_moves_a_person_through_the_api_with_the_version_and_a_stale_version_changes_nothing()
    {
        var (_, _, buildingId, _) = await _api.GridWithBuildingAsync();
        var person = await _api.CreateAsync(name: "接口迁户", buildingId: buildingId, unitNo: 1, room: "303");
        var id = person.GetProperty("id").GetGuid();
        var version = person.GetProperty("version").GetInt32();
        var body = new { buildingId, unitNo = 2, room = "404", relationToHead = "户主" };

        var stale = await _api.SendAsync("demo-community-a", HttpMethod.Put, $"/api/v1/residents/{id}/household", body, $"\"{version - 1}\"");
        var moved = await (await _api.SendAsync("demo-community-a", HttpMethod.Put, $"/api/v1/residents/{id}/household", body, $"\"{version}\"")).ReadOkAsync<JsonElement>();
        var outOfScope = await _api.SendAsync("demo-community-b", HttpMethod.Put, $"/api/v1/residents/{id}/household", body);

        await stale.AssertProblemAsync(System.Net.HttpStatusCode.Conflict, "conflict");
        Assert.NotEqual(HouseholdId(person), HouseholdId(moved));
        Assert.Equal(2, moved.GetProperty("household").GetProperty("unitNo").GetInt32());
        await outOfScope.AssertProblemAsync(System.Net.HttpStatusCode.NotFound, "not_found");
    }
}

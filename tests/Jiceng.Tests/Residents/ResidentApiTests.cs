using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;

namespace Jiceng.Tests.Residents;

public sealed class ResidentApiTests(SharedApp app)
{
    private readonly ResidentsApi _api = new(app);

    [Fact]
    public async Task Create_answers_201_with_the_record_masked()
    {
        var id = ResidentsApi.NewIdNumber(1985);
        var phone = ResidentsApi.NewPhone();
        var response = await _api.PostAsync("demo-community-a", new
        {
            name = "王建国", idNumber = id, phone, divisionCode = ResidentsApi.Tuanjie, address = "带岭镇团结街88号", tags = new[] { "elderly-alone", "慢病" },
            healthNote = "高血压二级", welfareNote = "低保证 2024-17",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadOkAsync<JsonElement>();
        var location = response.Headers.Location!.ToString();
        Assert.EndsWith(created.GetProperty("id").GetString()!, location);
        AssertMasked(created, id, phone);
        Assert.Equal("带岭镇团结街****", created.GetProperty("address").GetString());
        Assert.True(created.GetProperty("hasHealthNote").GetBoolean());
        Assert.True(created.GetProperty("hasWelfareNote").GetBoolean());
        Assert.DoesNotContain("高血压", created.GetRawText());
        Assert.Equal(["chronic", "elderly-alone"], created.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("code").GetString()!).ToArray());
        Assert.Equal("王建国", created.GetProperty("name").GetString()); // adults' names are shown

        var read = await _api.GetOkAsync("demo-grid", location);
        AssertMasked(read, id, phone);
        Assert.Equal(1985, read.GetProperty("birthYear").GetInt32());
    }

    internal static void AssertMasked(JsonElement resident, string idNumber, string phone)
    {
        Assert.Equal(idNumber[..6] + "********" + idNumber[^4..], resident.GetProperty("idNumber").GetString());
        Assert.Equal(phone[..3] + "****" + phone[^4..], resident.GetProperty("phone").GetString());
        Assert.DoesNotContain(idNumber, resident.GetRawText());
        Assert.DoesNotContain(phone, resident.GetRawText());
    }

    [Fact]
    public async Task A_child_under_14_has_even_the_name_masked()
    {
        var created = await _api.CreateAsync(name: "李小明", idNumber: ResidentsApi.NewIdNumber(2018));

        Assert.Equal("李**", created.GetProperty("name").GetString());
        Assert.True(created.GetProperty("nameMasked").GetBoolean());
        Assert.True(created.GetProperty("isChild").GetBoolean());
        Assert.DoesNotContain("小明", created.GetRawText());
    }

    [Theory]
    [InlineData("230725199001011234")] // wrong check digit
    [InlineData("23072519900230123X")] // 30 February
    [InlineData("2307251990010112")] // too short
    public async Task An_invalid_id_number_is_400_invalid_id_number_and_nothing_is_stored(string idNumber)
    {
        var name = ResidentsApi.NewName();
        var response = await _api.PostAsync("demo-community-a", new { name, idNumber, phone = ResidentsApi.NewPhone(), divisionCode = ResidentsApi.Tuanjie });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_id_number");
        Assert.Empty(await _api.ListIdsAsync("demo-community-a", "q=" + name));
    }

    [Fact]
    public async Task A_bad_phone_is_invalid_phone_and_a_second_record_with_the_same_id_is_duplicate_person()
    {
        await (await _api.PostAsync("demo-community-a", new { name = "赵六", idNumber = ResidentsApi.NewIdNumber(), phone = "12345", divisionCode = ResidentsApi.Tuanjie }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_phone");

        var id = ResidentsApi.NewIdNumber();
        await _api.CreateAsync(idNumber: id);
        // Lower-case x or spaces do not make it another person; nor does another community (outside the caller's scope).
        await (await _api.PostAsync("demo-community-b", new { name = "赵六", idNumber = " " + id + " ", divisionCode = ResidentsApi.Yuxi }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "duplicate_person");
        await (await _api.PostAsync("demo-community-a", new { name = "赵六", idNumber = id, divisionCode = ResidentsApi.Tuanjie }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "duplicate_person");
    }

    [Fact]
    public async Task Staff_outside_the_division_tree_and_residents_are_refused()
    {
        foreach (var user in new[] { "demo-dept", "demo-resident", "demo-party", "demo-sysadmin" })
        {
            var list = await _api.GetAsync(user, "/api/v1/residents");
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
            var create = await _api.PostAsync(user, new { name = "钱七", idNumber = ResidentsApi.NewIdNumber(), divisionCode = ResidentsApi.Tuanjie });
            Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        }
        // A community outside the caller's scope is not a place they may register anyone.
        await (await _api.PostAsync("demo-community-a", new { name = "钱七", idNumber = ResidentsApi.NewIdNumber(), divisionCode = ResidentsApi.Yuxi }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Search_by_name_phone_tail_id_number_phone_tag_building_and_grid_answers_masked_rows()
    {
        var (gridId, _, buildingId, _) = await _api.GridWithBuildingAsync();
        var family = "搜" + Guid.NewGuid().ToString("N")[..4];
        var id = ResidentsApi.NewIdNumber();
        var phone = ResidentsApi.NewPhone();
        var target = (await _api.CreateAsync(name: family + "甲", idNumber: id, phone: phone, tags: ["disabled"], buildingId: buildingId, unitNo: 2, room: "301"))
            .GetProperty("id").GetGuid();
        var other = (await _api.CreateAsync(name: family + "乙", tags: ["dibao"], gridId: gridId)).GetProperty("id").GetGuid();

        Assert.Equal(new HashSet<Guid> { target, other }, (await _api.ListIdsAsync("demo-community-a", "q=" + family)).ToHashSet());
        Assert.Contains(target, await _api.ListIdsAsync("demo-community-a", "phoneTail=" + phone[^4..]));
        Assert.Equal([target], await _api.ListIdsAsync("demo-community-a", "idNumber=" + id.ToLowerInvariant()));
        Assert.Equal([target], await _api.ListIdsAsync("demo-community-a", "phone=" + phone));
        Assert.Equal([target], await _api.ListIdsAsync("demo-community-a", $"q={family}&tag=disabled"));
        Assert.Equal([target], await _api.ListIdsAsync("demo-community-a", $"q={family}&tag=残疾人"));
        Assert.Equal([target], await _api.ListIdsAsync("demo-community-a", "buildingId=" + buildingId));
        Assert.Equal(new HashSet<Guid> { target, other }, (await _api.ListIdsAsync("demo-community-a", "gridId=" + gridId)).ToHashSet()); // the building's grid

        var page = await _api.GetOkAsync("demo-community-a", "/api/v1/residents?idNumber=" + id);
        var row = page.GetProperty("items")[0];
        ResidentApiTests.AssertMasked(row, id, phone);
        Assert.Equal(1, page.GetProperty("total").GetInt32());

        await (await _api.GetAsync("demo-community-a", "/api/v1/residents?phoneTail=12")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _api.GetAsync("demo-community-a", "/api/v1/residents?tag=nonsense")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Lists_are_paged()
    {
        var family = "页" + Guid.NewGuid().ToString("N")[..4];
        for (var i = 0; i < 5; i++) await _api.CreateAsync(name: family + i);

        var first = await _api.GetOkAsync("demo-community-a", $"/api/v1/residents?q={family}&page=1&pageSize=2");
        var third = await _api.GetOkAsync("demo-community-a", $"/api/v1/residents?q={family}&page=3&pageSize=2");

        Assert.Equal(5, first.GetProperty("total").GetInt32());
        Assert.Equal([family + "0", family + "1"], first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray());
        Assert.Equal([family + "4"], third.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray());
        await (await _api.GetAsync("demo-community-a", "/api/v1/residents?pageSize=1000")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Building_unit_and_room_make_one_household_whose_members_are_masked()
    {
        var (_, _, buildingId, buildingName) = await _api.GridWithBuildingAsync();
        var headId = ResidentsApi.NewIdNumber(1960);
        var headPhone = ResidentsApi.NewPhone();
        var head = await _api.CreateAsync(name: "孙大伟", idNumber: headId, phone: headPhone, buildingId: buildingId, unitNo: 3, room: "502");
        var spouse = await _api.CreateAsync(name: "周丽", buildingId: buildingId, unitNo: 3, room: "502");
        var neighbour = await _api.CreateAsync(name: "吴刚", buildingId: buildingId, unitNo: 3, room: "501");

        var householdId = head.GetProperty("household").GetProperty("id").GetGuid();
        Assert.Equal(householdId, spouse.GetProperty("household").GetProperty("id").GetGuid());
        Assert.NotEqual(householdId, neighbour.GetProperty("household").GetProperty("id").GetGuid());
        Assert.True(head.GetProperty("household").GetProperty("isHead").GetBoolean());
        Assert.Equal("户主", head.GetProperty("relationToHead").GetString());
        Assert.Equal("****", head.GetProperty("household").GetProperty("roomMasked").GetString());

        var household = await _api.GetOkAsync("demo-grid", $"/api/v1/households/{householdId}");
        Assert.Equal(buildingName, household.GetProperty("buildingName").GetString());
        Assert.Equal(3, household.GetProperty("unitNo").GetInt32());
        Assert.Equal(2, household.GetProperty("members").GetArrayLength());
        JsonValues.AssertNumberNotShown("502", household);
        var member = household.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "孙大伟");
        AssertMasked(member, headId, headPhone);

        var list = await _api.GetOkAsync("demo-community-a", $"/api/v1/households?buildingId={buildingId}");
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        JsonValues.AssertNumberNotShown("502", list);
        JsonValues.AssertNumberNotShown("501", list);
    }

    [Fact]
    public async Task A_correction_needs_the_current_version_and_changes_only_what_is_sent()
    {
        var created = await _api.CreateAsync(name: "郑一", address: "团结街1号");
        var id = created.GetProperty("id").GetGuid();
        var newPhone = ResidentsApi.NewPhone();

        var stale = await _api.SendAsync("demo-community-a", HttpMethod.Put, $"/api/v1/residents/{id}", new { phone = newPhone }, "\"7\"");
        await stale.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        var bad = await _api.SendAsync("demo-community-a", HttpMethod.Put, $"/api/v1/residents/{id}", new { idNumber = "230725199001011234" }, "\"1\"");
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_id_number");

        var corrected = await (await _api.SendAsync("demo-community-a", HttpMethod.Put, $"/api/v1/residents/{id}",
            new { phone = newPhone, name = "郑壹", reason = "本人申请更正" }, "\"1\"")).ReadOkAsync<JsonElement>();

        Assert.Equal(2, corrected.GetProperty("version").GetInt32());
        Assert.Equal("郑壹", corrected.GetProperty("name").GetString());
        Assert.Equal(newPhone[..3] + "****" + newPhone[^4..], corrected.GetProperty("phone").GetString());
        Assert.Equal(created.GetProperty("idNumber").GetString(), corrected.GetProperty("idNumber").GetString());
        Assert.Equal(created.GetProperty("address").GetString(), corrected.GetProperty("address").GetString());
        Assert.Equal([id], await _api.ListIdsAsync("demo-community-a", "phone=" + newPhone));
    }

    [Fact]
    public async Task Roles_and_tags_are_set_and_removed_and_unknown_ones_are_refused()
    {
        var id = (await _api.CreateAsync()).GetProperty("id").GetGuid();
        var url = $"/api/v1/residents/{id}";

        var withRole = await (await _api.SendAsync("demo-community-a", HttpMethod.Put, url + "/roles/partyMember",
            new { inService = true, employer = "县人民医院" })).ReadOkAsync<JsonElement>();
        var role = withRole.GetProperty("roles").EnumerateArray().Single();
        Assert.Equal("PartyMember", role.GetProperty("kind").GetString());
        Assert.True(role.GetProperty("inService").GetBoolean());
        await (await _api.SendAsync("demo-community-a", HttpMethod.Put, url + "/roles/CommunityWorker", new { certified = true, title = "社区书记" })).ReadOkAsync<JsonElement>();
        var both = await _api.GetOkAsync("demo-community-a", url);
        Assert.Equal(2, both.GetProperty("roles").GetArrayLength());
        var removed = await (await _api.SendAsync("demo-community-a", HttpMethod.Delete, url + "/roles/partyMember")).ReadOkAsync<JsonElement>();
        Assert.Equal("CommunityWorker", removed.GetProperty("roles").EnumerateArray().Single().GetProperty("kind").GetString());
        await (await _api.SendAsync("demo-community-a", HttpMethod.Put, url + "/roles/mayor", new { })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        var tagged = await (await _api.SendAsync("demo-community-a", HttpMethod.Put, url + "/tags/shidu")).ReadOkAsync<JsonElement>();
        Assert.Equal("失独家庭", tagged.GetProperty("tags").EnumerateArray().Single().GetProperty("name").GetString());
        await (await _api.SendAsync("demo-community-a", HttpMethod.Put, url + "/tags/shidu")).ReadOkAsync<JsonElement>(); // twice: still one
        Assert.Equal(1, (await _api.GetOkAsync("demo-community-a", url)).GetProperty("tags").GetArrayLength());
        var untagged = await (await _api.SendAsync("demo-community-a", HttpMethod.Delete, url + "/tags/shidu")).ReadOkAsync<JsonElement>();
        Assert.Equal(0, untagged.GetProperty("tags").GetArrayLength());
        await (await _api.SendAsync("demo-community-a", HttpMethod.Put, url + "/tags/rich")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }
}

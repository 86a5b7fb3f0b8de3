using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.Residents.Domain;

namespace Jiceng.Tests.Care;

/// <summary>The key-group ledgers count what the tags say, by grid and by community; and no care endpoint crosses a community's line.</summary>
public sealed class CareLedgerAndScopeTests : IAsyncLifetime
{
    private readonly JicengAppFactory _app = new();
    private readonly CareWorld _world;

    public CareLedgerAndScopeTests() => _world = new CareWorld(_app);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static JsonElement Group(JsonElement ledger, string code) =>
        ledger.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("code").GetString() == code);

    private static int Community(JsonElement group, string code) =>
        group.GetProperty("byCommunity").EnumerateArray().Where(c => c.GetProperty("code").GetString() == code).Sum(c => c.GetProperty("count").GetInt32());

    private static int Grid(JsonElement group, Guid grid) =>
        group.GetProperty("byGrid").EnumerateArray().Where(c => c.GetProperty("gridId").ValueKind == JsonValueKind.String && c.GetProperty("gridId").GetGuid() == grid)
            .Sum(c => c.GetProperty("count").GetInt32());

    [Fact]
    public async Task The_ledger_counts_each_group_by_grid_and_community_as_the_tags_say_and_removal_keeps_the_count()
    {
        // The demo data may hold key people already: the test compares before and after, and its own grids exactly.
        var before = await _world.GetOkAsync("demo-county", "/api/v1/care/groups");
        var a1 = await _world.GridAsync(CareWorld.Tuanjie);
        var a2 = await _world.GridAsync(CareWorld.Tuanjie);
        var b1 = await _world.GridAsync(CareWorld.Yuxi);
        var p1 = await _world.PersonAsync(CareWorld.Tuanjie, "王秀英", a1, ["elderly-alone", "chronic"], phone: "13812345678");
        var p2 = await _world.PersonAsync(CareWorld.Tuanjie, "李桂兰", a1, ["elderly-alone"]);
        await _world.PersonAsync(CareWorld.Tuanjie, "赵立新", a2, ["dibao"]);
        var p4 = await _world.PersonAsync(CareWorld.Tuanjie, "孙德福", null, ["elderly-alone"]);
        await _world.PersonAsync(CareWorld.Yuxi, "周玉兰", b1, ["elderly-alone", "dibao"]);
        await _world.PersonAsync(CareWorld.Tuanjie, "钱多多", a1); // no tag: in no ledger
        await _world.EraseAsync(p2); // removed on request: still counted, never listed

        var after = await _world.GetOkAsync("demo-county", "/api/v1/care/groups");
        Assert.Equal(5, after.GetProperty("people").GetInt32() - before.GetProperty("people").GetInt32());
        var alone = Group(after, "elderly-alone");
        var aloneBefore = Group(before, "elderly-alone");
        Assert.Equal(4, alone.GetProperty("total").GetInt32() - aloneBefore.GetProperty("total").GetInt32());
        Assert.Equal(7, alone.GetProperty("visitEveryDays").GetInt32());
        Assert.Equal(3, Community(alone, CareWorld.Tuanjie) - Community(aloneBefore, CareWorld.Tuanjie));
        Assert.Equal(1, Community(alone, CareWorld.Yuxi) - Community(aloneBefore, CareWorld.Yuxi));
        Assert.Equal((2, 0, 1), (Grid(alone, a1), Grid(alone, a2), Grid(alone, b1)));
        Assert.Equal((1, 0), (Grid(Group(after, "chronic"), a1), Grid(Group(after, "chronic"), a2)));
        Assert.Equal((0, 1, 1), (Grid(Group(after, "dibao"), a1), Grid(Group(after, "dibao"), a2), Grid(Group(after, "dibao"), b1)));
        Assert.Equal(KeyGroups.All.Select(g => g.Code), after.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("code").GetString()));

        // A community sees its own counts only; one community asked for by the county gives the same.
        var mine = await _world.GetOkAsync("demo-community-a", "/api/v1/care/groups");
        Assert.Equal(0, Community(Group(mine, "elderly-alone"), CareWorld.Yuxi));
        Assert.Equal(Community(alone, CareWorld.Tuanjie), Group(mine, "elderly-alone").GetProperty("total").GetInt32());
        var asked = await _world.GetOkAsync("demo-county", $"/api/v1/care/groups?division={CareWorld.Tuanjie}");
        Assert.Equal(Community(alone, CareWorld.Tuanjie), Group(asked, "elderly-alone").GetProperty("total").GetInt32());
        Assert.Equal("团结社区", asked.GetProperty("divisionName").GetString());

        // The group's list: names shown, phones masked, the removed person counted but not listed.
        var list = await _world.GetOkAsync("demo-community-a", $"/api/v1/care/groups/elderly-alone?division={CareWorld.Tuanjie}&pageSize=200");
        var items = list.GetProperty("people").GetProperty("items").EnumerateArray().ToList();
        var first = items.Single(i => i.GetProperty("id").GetGuid() == p1);
        Assert.Equal("王秀英", first.GetProperty("name").GetString());
        Assert.Equal("138****5678", first.GetProperty("phoneMasked").GetString());
        Assert.Equal(["chronic", "elderly-alone"], first.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Contains(items, i => i.GetProperty("id").GetGuid() == p4);
        Assert.DoesNotContain(items, i => i.GetProperty("id").GetGuid() == p2);
        Assert.DoesNotContain("13812345678", list.GetRawText());
        Assert.Equal(list.GetProperty("total").GetInt32() - list.GetProperty("erased").GetInt32(), list.GetProperty("people").GetProperty("total").GetInt32());
        Assert.True(list.GetProperty("erased").GetInt32() >= 1);

        await (await _world.GetAsync("demo-county", "/api/v1/care/groups/no-such-group")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Another_community_reaches_none_of_a_communitys_care_records_through_any_endpoint()
    {
        var grid = await _world.GridAsync(CareWorld.Tuanjie);
        var person = await _world.PersonAsync(CareWorld.Tuanjie, "吴秀珍", grid, ["elderly-alone"], taggedUtc: _app.Clock.GetUtcNow().UtcDateTime.AddDays(-30));
        var helper = await _world.PersonAsync(CareWorld.Tuanjie, "郑志强", grid, phone: "13900001111");
        var doctor = await _world.PersonAsync(CareWorld.Tuanjie, "冯医生", roles: [PersonRoleKind.MedicalStaff]);
        var today = DateOnly.FromDateTime(_app.Clock.GetUtcNow().UtcDateTime.AddHours(8));

        var plan = await _world.PostOkAsync("demo-community-a", "/api/v1/care/plans",
            new { personId = person, measures = "每周上门一次，协助购药", reviewDue = today.AddDays(30), helpers = new[] { new { personId = helper, duty = "网格员" } } });
        var planId = plan.GetProperty("id").GetGuid();
        var visit = await _world.PostOkAsync("demo-community-a", "/api/v1/care/visits", new { personId = person, findings = "血压偏高", gifts = "米一袋", giftValue = 50 });
        var visitId = visit.GetProperty("id").GetGuid();
        var device = await _world.PostOkAsync("demo-community-a", "/api/v1/care/devices", new { serial = "QLY-SCOPE-" + Guid.NewGuid().ToString("N")[..6], personId = person });
        var deviceId = device.GetProperty("id").GetGuid();
        var pairing = await _world.PostOkAsync("demo-community-a", "/api/v1/care/medical-pairings", new { staffPersonId = doctor, personId = person, kind = "responsible" });
        var pairingId = pairing.GetProperty("id").GetGuid();
        var guidance = await _world.PostOkAsync("demo-community-a", $"/api/v1/care/medical-pairings/{pairingId}/guidance", new { note = "低盐饮食" });
        var guidanceId = guidance.GetProperty("id").GetGuid();

        // Community A and its grid worker see them.
        Assert.Contains((await _world.GetOkAsync("demo-grid", "/api/v1/care/plans")).GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == planId);
        Assert.Equal(1, (await _world.GetOkAsync("demo-grid", $"/api/v1/care/visits?personId={person}")).GetProperty("total").GetInt32());

        // Community B: lists leave them out, ids are not found, writes about A's person are not found.
        const string b = "demo-community-b";
        await (await _world.GetAsync(b, $"/api/v1/care/groups?division={CareWorld.Tuanjie}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var ledger = await _world.GetOkAsync(b, "/api/v1/care/groups");
        Assert.All(ledger.GetProperty("groups").EnumerateArray(), g => Assert.Equal(0, Community(g, CareWorld.Tuanjie)));
        var people = await _world.GetOkAsync(b, "/api/v1/care/groups/elderly-alone?pageSize=200");
        Assert.DoesNotContain(people.GetProperty("people").GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == person);
        Assert.DoesNotContain((await _world.GetOkAsync(b, "/api/v1/care/plans?status=all&pageSize=200")).GetProperty("items").EnumerateArray(),
            p => p.GetProperty("id").GetGuid() == planId);
        Assert.Equal(0, (await _world.GetOkAsync(b, $"/api/v1/care/visits?personId={person}")).GetProperty("total").GetInt32());
        Assert.DoesNotContain((await _world.GetOkAsync(b, "/api/v1/care/visits?pageSize=200")).GetProperty("items").EnumerateArray(), v => v.GetProperty("id").GetGuid() == visitId);
        Assert.DoesNotContain((await _world.GetOkAsync(b, "/api/v1/care/visits/due?within=366")).EnumerateArray(), d => d.GetProperty("personId").GetGuid() == person);
        Assert.DoesNotContain((await _world.GetOkAsync(b, "/api/v1/care/visits/overdue")).EnumerateArray(), d => d.GetProperty("personId").GetGuid() == person);
        Assert.DoesNotContain((await _world.GetOkAsync(b, "/api/v1/care/devices")).EnumerateArray(), d => d.GetProperty("id").GetGuid() == deviceId);
        Assert.Equal(0, (await _world.GetOkAsync(b, $"/api/v1/care/medical-pairings?personId={person}")).GetProperty("pairings").GetProperty("total").GetInt32());
        Assert.Equal(0, (await _world.GetOkAsync(b, "/api/v1/care/visits/totals")).GetProperty("visits").GetInt32());
        var figures = await _world.GetOkAsync(b, "/api/v1/care/medical");
        Assert.Equal(0, figures.GetProperty("peopleCovered").GetInt32());

        foreach (var url in new[]
                 {
                     $"/api/v1/care/plans/{planId}", $"/api/v1/care/plans/{planId}/card", $"/api/v1/care/visits/{visitId}",
                     $"/api/v1/care/devices/{deviceId}/events", $"/api/v1/care/medical-pairings/{pairingId}/guidance", $"/api/v1/care/medical-guidance/{guidanceId}",
                 })
        {
            await (await _world.GetAsync(b, url)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        }
        var client = await _world.As(b);
        await (await client.PutAsJsonAsync($"/api/v1/care/plans/{planId}", new { measures = "改", reviewDue = today.AddDays(5) })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.PostAsJsonAsync($"/api/v1/care/plans/{planId}/close", new { })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _world.PostAsync(b, "/api/v1/care/visits", new { personId = person })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _world.PostAsync(b, "/api/v1/care/plans", new { personId = person, measures = "帮扶", reviewDue = today.AddDays(5) }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _world.PostAsync(b, "/api/v1/care/devices", new { serial = "QLY-B-" + Guid.NewGuid().ToString("N")[..6], personId = person }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _world.PostAsync(b, "/api/v1/care/medical-pairings", new { staffPersonId = doctor, personId = person, kind = "familyDoctor" }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _world.PostAsync(b, $"/api/v1/care/medical-pairings/{pairingId}/guidance", new { note = "越界" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        // A helper from another community cannot be named either.
        var bPerson = await _world.PersonAsync(CareWorld.Yuxi, "陈阿婆", tags: ["very-old"]);
        await (await _world.PostAsync(b, "/api/v1/care/plans", new { personId = bPerson, measures = "帮扶", reviewDue = today.AddDays(5), helpers = new[] { new { personId = helper } } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        // Departments and residents have no access to people's care records at all; a grid worker may not register devices.
        await (await _world.GetAsync("demo-dept", "/api/v1/care/groups")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await _world.GetAsync("demo-resident", "/api/v1/care/visits")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await _world.GetAsync("demo-party", "/api/v1/care/plans")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await _world.PostAsync("demo-grid", "/api/v1/care/devices", new { serial = "QLY-G-" + Guid.NewGuid().ToString("N")[..6], personId = person }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}

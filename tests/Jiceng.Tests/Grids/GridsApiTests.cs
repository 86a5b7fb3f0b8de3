using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Grids;

/// <summary>The grid API's contract: list with counts, create with an imported boundary, refusals, concurrency, buildings.</summary>
public sealed class GridsApiTests(GridsApp app) : IClassFixture<GridsApp>
{
    private readonly GridApi _api = new(app);

    private static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    [Fact]
    public async Task The_community_list_has_the_demo_grids_with_ids_names_and_counts_from_the_records()
    {
        var grids = await _api.ListAsync("demo-community-a", GridApi.Tuanjie);

        // Numbered grids come first, in number order (other tests of this class add more).
        var demo = grids.Take(3).ToList();
        Assert.Equal(["第1网格", "第2网格", "第3网格"], demo.Select(g => g.GetProperty("name").GetString()).ToArray());
        var expected = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var ids = demo.Select(Id).ToList();
            return new
            {
                Buildings = await db.Buildings.CountAsync(b => ids.Contains(b.GridId)),
                Households = await db.Households.CountAsync(h => h.GridId != null && ids.Contains(h.GridId.Value)),
                Residents = await db.People.CountAsync(p => p.GridId != null && ids.Contains(p.GridId.Value)),
                Key = await db.People.CountAsync(p => p.GridId != null && ids.Contains(p.GridId.Value) && db.PersonTags.Any(t => t.PersonId == p.Id)),
            };
        });
        int Sum(string counter) => demo.Sum(g => g.GetProperty("counts").GetProperty(counter).GetInt32());
        Assert.Equal((6, 24), (expected.Buildings, expected.Households));
        Assert.Equal((expected.Buildings, expected.Households, expected.Residents, expected.Key),
            (Sum("buildings"), Sum("households"), Sum("residents"), Sum("keyPeople")));
        Assert.True(expected.Key > 0);

        var first = demo[0];
        Assert.Equal(GridApi.Tuanjie, first.GetProperty("divisionCode").GetString());
        Assert.Equal("第1网格党支部", first.GetProperty("partyBranch").GetProperty("name").GetString());
        Assert.Equal(["综治", "民政", "城管"], first.GetProperty("mergedNets").EnumerateArray().Select(n => n.GetString()).ToArray());
        Assert.Equal("Polygon", first.GetProperty("boundary").GetProperty("type").GetString());
        Assert.Matches("^.\\*+$", first.GetProperty("leader").GetProperty("name").GetString()!);
        var types = first.GetProperty("workers").EnumerateArray().Select(w => w.GetProperty("type").GetString()).ToList();
        Assert.Equal(["fullTime", "partTime", "partTime"], types);
        Assert.All(first.GetProperty("workers").EnumerateArray(), w => Assert.Contains("*", w.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Open_cases_are_counted_on_their_grid()
    {
        var before = (await _api.GridAsync("demo-community-a", GridApi.Tuanjie, "第1网格")).GetProperty("counts").GetProperty("openCases").GetInt32();
        var (lat, lng) = GridDemoSeeder.TuanjieGrid1Point;
        var response = await (await _api.As("demo-resident")).PostAsJsonAsync("/api/v1/cases",
            new { categoryCode = "roads", description = "网格内路灯不亮，夜间出行不便", divisionCode = GridApi.Tuanjie, latitude = lat, longitude = lng });
        var caseId = (await response.ReadOkAsync<JsonElement>()).GetProperty("id").GetInt64();

        var after = (await _api.GridAsync("demo-community-a", GridApi.Tuanjie, "第1网格")).GetProperty("counts").GetProperty("openCases").GetInt32();

        Assert.Equal(before + 1, after);
        var gridOfCase = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Cases.Where(c => c.Id == caseId).Select(c => c.GridId).SingleAsync());
        Assert.Equal(Id(await _api.GridAsync("demo-community-a", GridApi.Tuanjie, "第1网格")), gridOfCase);
    }

    [Fact]
    public async Task A_grid_is_created_with_an_imported_feature_and_found_by_a_point_inside()
    {
        var square = GridApi.FreshSquare(out var inside);
        var feature = $$"""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{{square}}}]}""";
        var branch = (await _api.GridAsync("demo-community-a", GridApi.Tuanjie, "第2网格")).GetProperty("partyBranch").GetProperty("id").GetGuid();

        var response = await _api.PostGridAsync("demo-community-a", new
        {
            divisionCode = GridApi.Tuanjie, name = "第11网格", code = "11", boundary = JsonDocument.Parse(feature).RootElement,
            partyBranchId = branch, mergedNets = new[] { "综治", "城管" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadOkAsync<JsonElement>();
        Assert.Equal($"/api/v1/grids/{Id(created)}", response.Headers.Location?.OriginalString);
        Assert.Equal(JsonDocument.Parse(square).RootElement.GetProperty("coordinates").GetRawText().Replace(" ", ""),
            created.GetProperty("boundary").GetProperty("coordinates").GetRawText());
        Assert.Equal(branch, created.GetProperty("partyBranch").GetProperty("id").GetGuid());
        Assert.Contains(await _api.ListAsync("demo-street", GridApi.Tuanjie), g => Id(g) == Id(created));
        var located = await app.CreateClient().GetAsync(FormattableString.Invariant($"/api/v1/grids/locate?division={GridApi.Tuanjie}&lat={inside.Lat}&lng={inside.Lng}"));
        Assert.Equal(Id(created), (await located.ReadOkAsync<JsonElement>()).GetProperty("gridId").GetGuid());
    }

    [Fact]
    public async Task An_invalid_boundary_is_refused_with_its_reason_and_nothing_is_created()
    {
        var open = """{"type":"Polygon","coordinates":[[[129.2,47.1],[129.21,47.1],[129.21,47.11],[129.2,47.11]]]}""";

        var problem = await (await _api.PostGridAsync("demo-community-a", new { divisionCode = GridApi.Tuanjie, name = "坏边界网格", boundary = JsonDocument.Parse(open).RootElement }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_boundary");
        Assert.Contains("没有闭合", problem.GetProperty("title").GetString());
        Assert.DoesNotContain(await _api.ListAsync("demo-community-a", GridApi.Tuanjie), g => g.GetProperty("name").GetString() == "坏边界网格");

        var grid = await _api.CreateGridAsync("demo-community-a", GridApi.Tuanjie, "待导入网格");
        foreach (var (body, reason) in new[] { ("{\"type\":", "不是有效的 GeoJSON"), ("""{"type":"LineString","coordinates":[[0,0],[1,1]]}""", "Polygon") })
        {
            var refused = await (await _api.PutBoundaryAsync("demo-community-a", Id(grid), body)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_boundary");
            Assert.Contains(reason, refused.GetProperty("title").GetString());
        }
        Assert.Equal(JsonValueKind.Null, (await _api.GridAsync("demo-community-a", GridApi.Tuanjie, "待导入网格")).GetProperty("boundary").ValueKind);
    }

    [Fact]
    public async Task A_boundary_overlapping_a_grid_of_the_same_community_is_refused_but_a_neighbour_is_not()
    {
        var first = GridDemoSeeder.Shapes[0];
        // Overlaps 团结 第1网格 (its west half), then a neighbour sharing its west edge.
        var overlapping = GridApi.Square(129.0050, 47.0310, 129.0120, 47.0350);
        var neighbour = GridApi.Square(129.0050, 47.0300, 129.0100, 47.0360);

        var problem = await (await _api.PostGridAsync("demo-community-a", new { divisionCode = GridApi.Tuanjie, name = "重叠网格", boundary = JsonDocument.Parse(overlapping).RootElement }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "boundary_overlap");
        Assert.Contains(first.Name, problem.GetProperty("title").GetString());

        var created = await _api.CreateGridAsync("demo-community-a", GridApi.Tuanjie, "西侧网格", neighbour);
        Assert.Equal("Polygon", created.GetProperty("boundary").GetProperty("type").GetString());

        // The same place in another community is not an overlap: grids are per community.
        Assert.Equal(HttpStatusCode.Created, (await _api.PostGridAsync("demo-community-b",
            new { divisionCode = GridApi.Yuxi, name = "飞地网格", boundary = JsonDocument.Parse(overlapping).RootElement })).StatusCode);

        // Moving an existing grid onto its neighbour is refused too, and leaves it where it was.
        var moved = await _api.PutBoundaryAsync("demo-community-a", Id(created), overlapping);
        await moved.AssertProblemAsync(HttpStatusCode.BadRequest, "boundary_overlap");
        var (lat, lng) = (47.0330, 129.0075);
        var located = await app.CreateClient().GetAsync(FormattableString.Invariant($"/api/v1/grids/locate?division={GridApi.Tuanjie}&lat={lat}&lng={lng}"));
        Assert.Equal("西侧网格", (await located.ReadOkAsync<JsonElement>()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_new_boundary_is_used_by_the_locator_at_once()
    {
        var grid = await _api.CreateGridAsync("demo-community-a", GridApi.Tuanjie, "搬迁网格", GridApi.FreshSquare(out var oldPoint));
        var client = app.CreateClient();
        string Url((double Lat, double Lng) p) => FormattableString.Invariant($"/api/v1/grids/locate?division={GridApi.Tuanjie}&lat={p.Lat}&lng={p.Lng}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Url(oldPoint))).StatusCode);

        var updated = await (await _api.PutBoundaryAsync("demo-community-a", Id(grid), GridApi.FreshSquare(out var newPoint), grid.GetProperty("version").GetInt32()))
            .ReadOkAsync<JsonElement>();

        Assert.Equal(grid.GetProperty("version").GetInt32() + 1, updated.GetProperty("version").GetInt32());
        await (await client.GetAsync(Url(oldPoint))).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(Id(grid), (await (await client.GetAsync(Url(newPoint))).ReadOkAsync<JsonElement>()).GetProperty("gridId").GetGuid());
    }

    [Fact]
    public async Task A_stale_version_gets_conflict_and_changes_nothing()
    {
        var grid = await _api.CreateGridAsync("demo-community-a", GridApi.Tuanjie, "并发网格");
        var version = grid.GetProperty("version").GetInt32();
        var client = await _api.As("demo-community-a");

        var first = await client.PutAsJsonAsync($"/api/v1/grids/{Id(grid)}", new { name = "并发网格甲", version });
        var second = await client.PutAsJsonAsync($"/api/v1/grids/{Id(grid)}", new { name = "并发网格乙", version });
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/grids/{Id(grid)}") { Content = JsonContent.Create(new { name = "并发网格丙" }) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        var third = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal($"\"{version + 1}\"", first.Headers.ETag?.ToString());
        await second.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        await third.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        await (await _api.PutBoundaryAsync("demo-community-a", Id(grid), GridApi.FreshSquare(out _), version)).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        var now = await (await client.GetAsync($"/api/v1/grids/{Id(grid)}")).ReadOkAsync<JsonElement>();
        Assert.Equal(("并发网格甲", version + 1), (now.GetProperty("name").GetString(), now.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Names_are_unique_per_community_and_required()
    {
        await (await _api.PostGridAsync("demo-community-a", new { divisionCode = GridApi.Tuanjie, name = "第1网格" })).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        await (await _api.PostGridAsync("demo-community-a", new { divisionCode = GridApi.Tuanjie, name = "" })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        // A street is not divided into grids directly.
        await (await _api.PostGridAsync("demo-street", new { divisionCode = "230725100", name = "镇网格" })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Buildings_are_added_listed_corrected_and_a_grid_with_buildings_is_not_deleted()
    {
        var grid = await _api.CreateGridAsync("demo-community-a", GridApi.Tuanjie, "楼栋网格", GridApi.FreshSquare(out var inside));
        var client = await _api.As("demo-community-a");

        var added = await client.PostAsJsonAsync($"/api/v1/grids/{Id(grid)}/buildings",
            new { compound = "新苑小区", name = "1号楼", units = 2, floors = 7, latitude = inside.Lat, longitude = inside.Lng });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var building = await added.ReadOkAsync<JsonElement>();
        Assert.Equal("新苑小区1号楼", building.GetProperty("displayName").GetString());

        await (await client.PostAsJsonAsync($"/api/v1/grids/{Id(grid)}/buildings", new { compound = "新苑小区", name = "1号楼", units = 2, floors = 7 }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        await (await client.PostAsJsonAsync($"/api/v1/grids/{Id(grid)}/buildings", new { name = "2号楼", units = 2, floors = 7, latitude = 47.0, longitude = 129.0 }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var corrected = await (await client.PutAsJsonAsync($"/api/v1/buildings/{Id(building)}", new { compound = "新苑小区", name = "1号楼", units = 3, floors = 7 }))
            .ReadOkAsync<JsonElement>();
        Assert.Equal(3, corrected.GetProperty("units").GetInt32());
        var listed = await (await client.GetAsync($"/api/v1/grids/{Id(grid)}/buildings")).ReadOkAsync<JsonElement>();
        Assert.Equal([Id(building)], listed.EnumerateArray().Select(Id).ToArray());

        await (await client.DeleteAsync($"/api/v1/grids/{Id(grid)}")).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/buildings/{Id(building)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/grids/{Id(grid)}")).StatusCode);
        await (await client.GetAsync($"/api/v1/grids/{Id(grid)}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_building_with_households_cannot_be_deleted()
    {
        var grid = await _api.GridAsync("demo-community-a", GridApi.Tuanjie, "第3网格");
        var client = await _api.As("demo-community-a");
        var building = (await (await client.GetAsync($"/api/v1/grids/{Id(grid)}/buildings")).ReadOkAsync<JsonElement>()).EnumerateArray().First();

        Assert.True(building.GetProperty("households").GetInt32() > 0);
        await (await client.DeleteAsync($"/api/v1/buildings/{Id(building)}")).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        await (await client.DeleteAsync($"/api/v1/grids/{Id(grid)}")).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task A_building_moved_to_a_neighbouring_grid_takes_its_households_and_people_along()
    {
        var client = await _api.As("demo-community-b");
        var from = await _api.GridAsync("demo-community-b", GridApi.Yuxi, "第2网格");
        var to = await _api.GridAsync("demo-community-b", GridApi.Yuxi, "第1网格");
        var building = (await (await client.GetAsync($"/api/v1/grids/{Id(from)}/buildings")).ReadOkAsync<JsonElement>()).EnumerateArray()
            .First(b => b.GetProperty("name").GetString() == "4号楼");
        // Its households are not in the grid's pairing (the demo pairs the first building's), so it may move.
        var moved = await (await client.PutAsJsonAsync($"/api/v1/buildings/{Id(building)}",
            new { compound = "育西家园", name = "4号楼", units = 3, floors = 6, gridId = Id(to) })).ReadOkAsync<JsonElement>();

        Assert.Equal(Id(to), moved.GetProperty("gridId").GetGuid());
        var (households, people) = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var ids = await db.Households.Where(h => h.BuildingId == Id(building)).Select(h => h.GridId).ToListAsync();
            var persons = await db.People.Where(p => p.HouseholdId != null && db.Households.Any(h => h.Id == p.HouseholdId && h.BuildingId == Id(building)))
                .Select(p => p.GridId).ToListAsync();
            return (ids, persons);
        });
        Assert.NotEmpty(households);
        Assert.All(households.Concat(people), g => Assert.Equal(Id(to), g));
    }

    [Fact]
    public async Task A_printed_place_is_resolved_only_inside_its_community()
    {
        var grid = await _api.GridAsync("demo-community-a", GridApi.Tuanjie, "第2网格");
        var building = (await (await (await _api.As("demo-community-a")).GetAsync($"/api/v1/grids/{Id(grid)}/buildings")).ReadOkAsync<JsonElement>())[0];
        var locator = app.Services.GetRequiredService<Jiceng.Web.Modules.Grids.Features.GridLocator>();

        var byBuilding = await locator.PlaceAsync(GridApi.Tuanjie, null, Id(building));
        var byGrid = await locator.PlaceAsync(GridApi.Tuanjie, Id(grid), null);

        Assert.Equal((Id(grid), "第2网格", building.GetProperty("displayName").GetString()), (byBuilding!.GridId, byBuilding.GridName, byBuilding.BuildingName));
        Assert.Equal((Id(grid), (Guid?)null), (byGrid!.GridId, byGrid.BuildingId));
        Assert.Null(await locator.PlaceAsync(GridApi.Yuxi, null, Id(building)));
        Assert.Null(await locator.PlaceAsync(GridApi.Yuxi, Id(grid), null));
        Assert.Null(await locator.PlaceAsync(GridApi.Tuanjie, Guid.NewGuid(), null));
    }

    [Fact]
    public async Task The_locator_answers_only_with_valid_input()
    {
        var client = app.CreateClient();

        await (await client.GetAsync("/api/v1/grids/locate?division=230725100001&lat=95&lng=129")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await client.GetAsync("/api/v1/grids/locate?division=x&lat=47&lng=129")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await client.GetAsync("/api/v1/grids/locate?division=230725100001&lat=10&lng=10")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Open_case_counts_ignore_closed_cases()
    {
        // A case placed in a fresh grid, then finished: the grid counts it while open only.
        await _api.CreateGridAsync("demo-community-a", GridApi.Tuanjie, "计数网格", GridApi.FreshSquare(out var inside));
        var response = await (await _api.As("demo-resident")).PostAsJsonAsync("/api/v1/cases",
            new { categoryCode = "roads", description = "楼前道路积水严重，请处理", divisionCode = GridApi.Tuanjie, latitude = inside.Lat, longitude = inside.Lng });
        var caseId = (await response.ReadOkAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(1, (await _api.GridAsync("demo-community-a", GridApi.Tuanjie, "计数网格")).GetProperty("counts").GetProperty("openCases").GetInt32());

        await (await (await _api.As("demo-community-a")).PostAsJsonAsync($"/api/v1/cases/{caseId}/reject", new { note = "重复反映" })).ReadOkAsync<JsonElement>();

        Assert.Equal(0, (await _api.GridAsync("demo-community-a", GridApi.Tuanjie, "计数网格")).GetProperty("counts").GetProperty("openCases").GetInt32());
    }
}

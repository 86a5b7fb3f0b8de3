using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Grids.Domain;
using Jiceng.Web.Platform.Geo;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Cases;

/// <summary>
/// A report's location picks its grid (issue 3 "pick on a grid map", issue 4 "a point inside a polygon finds its grid"):
/// through the API's coordinates, a grid chosen on the portal, and the grid and building QR codes that pre-fill the form.
/// The grids here are drawn far from the demo's so that the test does not depend on them.
/// </summary>
public sealed class CaseGridLocationTests(JicengAppFactory app) : IClassFixture<JicengAppFactory>
{
    private readonly CaseApi _api = new(app);

    private sealed record Place(Guid NorthGrid, Guid SouthGrid, Guid Building, Guid OtherCommunityGrid);

    private static string Square(double lng, double lat, double size) =>
        FormattableString.Invariant($$"""{"type":"Polygon","coordinates":[[[{{lng}},{{lat}}],[{{lng + size}},{{lat}}],[{{lng + size}},{{lat + size}}],[{{lng}},{{lat + size}}],[{{lng}},{{lat}}]]]}""");

    /// <summary>
    /// Two adjacent grids in 团结 (south: x–x+0.01 E, 30.00–30.01 N; north above it), a building in the north one, a grid in 育西.
    /// Each test draws its own, 0.1° east of the others' (x = 100 + 0.1 × its tag's place in the alphabet): grids of a
    /// community do not overlap, and the tests of this class share one app.
    /// </summary>
    private static double East(string tag) => 100 + 0.1 * (tag[0] - 'A');

    private Task<Place> DrawAsync(string tag) => app.AsSystemAsync(async sp =>
    {
        var x = East(tag);
        var db = sp.GetRequiredService<AppDbContext>();
        var tuanjie = db.Divisions.Single(d => d.Code == CaseApi.Tuanjie);
        var yuxi = db.Divisions.Single(d => d.Code == CaseApi.Yuxi);
        var now = DateTime.UtcNow;
        Grid Make(Jiceng.Web.Modules.Organisation.Domain.Division community, string name, string boundary)
        {
            var grid = new Grid(community.Code, community.Path, name, now);
            grid.SetBoundary(GeoPolygon.Parse(boundary, out _)!);
            db.Grids.Add(grid);
            return grid;
        }
        var south = Make(tuanjie, "南测试网格" + tag, Square(x, 30.00, 0.01));
        var north = Make(tuanjie, "北测试网格" + tag, Square(x, 30.01, 0.01));
        var other = Make(yuxi, "育西测试网格" + tag, Square(x + 1, 31.00, 0.01));
        var building = new Building(north, "9号楼" + tag, 2, 6, now) { Compound = "测试小区", Latitude = 30.015, Longitude = x + 0.005 };
        db.Buildings.Add(building);
        await db.SaveChangesAsync();
        // Drawn behind the API's back: the locator's one-minute copy of the community's grids must be dropped, as the API does.
        var locator = sp.GetRequiredService<Jiceng.Web.Modules.Grids.Features.GridLocator>();
        locator.Forget(CaseApi.Tuanjie);
        locator.Forget(CaseApi.Yuxi);
        return new Place(north.Id, south.Id, building.Id, other.Id);
    });

    private async Task<HttpResponseMessage> ReportAsync(object body) =>
        await (await _api.As("demo-resident")).PostAsJsonAsync("/api/v1/cases", body);

    [Fact]
    public async Task A_reported_point_is_placed_in_the_grid_whose_boundary_holds_it()
    {
        var place = await DrawAsync("A");
        var x = East("A");

        var inSouth = await (await ReportAsync(new { categoryCode = "roads", description = "路面塌陷一处", divisionCode = CaseApi.Tuanjie, latitude = 30.005, longitude = x + 0.005 }))
            .ReadOkAsync<JsonElement>();
        var inNorth = await (await ReportAsync(new { categoryCode = "roads", description = "路面塌陷两处", divisionCode = CaseApi.Tuanjie, latitude = 30.0151, longitude = x + 0.0021 }))
            .ReadOkAsync<JsonElement>();
        var nowhere = await (await ReportAsync(new { categoryCode = "roads", description = "路面塌陷三处", divisionCode = CaseApi.Tuanjie, latitude = 30.5, longitude = x + 0.05 }))
            .ReadOkAsync<JsonElement>();

        Assert.Equal(place.SouthGrid, inSouth.GetProperty("gridId").GetGuid());
        Assert.Equal(place.NorthGrid, inNorth.GetProperty("gridId").GetGuid());
        Assert.Equal("北测试网格A", inNorth.GetProperty("gridName").GetString());
        Assert.Equal(JsonValueKind.Null, nowhere.GetProperty("gridId").ValueKind);
    }

    [Fact]
    public async Task A_point_in_another_communitys_grid_is_not_placed_there_and_a_foreign_grid_id_is_refused()
    {
        var place = await DrawAsync("B");
        var x = East("B");

        var located = await (await ReportAsync(new { categoryCode = "roads", description = "井盖丢失一个", divisionCode = CaseApi.Tuanjie, latitude = 31.005, longitude = x + 1.005 }))
            .ReadOkAsync<JsonElement>();
        var before = await app.AsSystemAsync(sp => Task.FromResult(sp.GetRequiredService<AppDbContext>().Cases.Count()));
        var refused = await ReportAsync(new { categoryCode = "roads", description = "井盖丢失两个", divisionCode = CaseApi.Tuanjie, gridId = place.OtherCommunityGrid });

        Assert.Equal(JsonValueKind.Null, located.GetProperty("gridId").ValueKind);
        await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(before, await app.AsSystemAsync(sp => Task.FromResult(sp.GetRequiredService<AppDbContext>().Cases.Count())));
    }

    [Fact]
    public async Task A_grid_that_cases_were_reported_in_cannot_be_deleted()
    {
        var place = await DrawAsync("E");
        var community = await _api.As("demo-community-a");
        await (await ReportAsync(new { categoryCode = "roads", description = "路边树木倒伏", divisionCode = CaseApi.Tuanjie, gridId = place.SouthGrid })).ReadOkAsync<JsonElement>();

        var refused = await community.DeleteAsync($"/api/v1/grids/{place.SouthGrid}");

        await refused.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(HttpStatusCode.OK, (await community.GetAsync($"/api/v1/grids/{place.SouthGrid}")).StatusCode);
    }

    [Fact]
    public async Task A_building_qr_code_prefills_the_portal_form_and_the_report_lands_in_the_buildings_grid()
    {
        var place = await DrawAsync("C");
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var url = $"/portal/c/{CaseApi.Tuanjie}/report?building={place.Building}";

        var page = await browser.GetStringAsync(url);

        Assert.Contains($"<option value=\"{place.NorthGrid}\" selected", page, StringComparison.Ordinal);
        Assert.Contains("测试小区9号楼C", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"report-map\"", page, StringComparison.Ordinal);

        var fields = Forms.HiddenFields(page);
        fields["Input.CategoryCode"] = "roads";
        fields["Input.Description"] = "楼道灯不亮了 " + Guid.NewGuid().ToString("N")[..6];
        fields["Input.GridId"] = place.NorthGrid.ToString();
        fields["Input.Address"] = "测试小区9号楼C";
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        var done = await (await browser.PostAsync(url, content)).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"tracking-code\"", done, StringComparison.Ordinal);

        var list = await (await (await _api.As("demo-community-a")).GetAsync("/api/v1/cases?pageSize=200")).ReadOkAsync<JsonElement>();
        var id = Assert.Single(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("summary").GetString() == fields["Input.Description"]).GetProperty("id").GetInt64();
        var @case = await _api.GetAsync("demo-community-a", id);
        Assert.Equal(place.NorthGrid, @case.GetProperty("gridId").GetGuid());
    }

    [Fact]
    public async Task A_grid_qr_code_selects_the_grid_and_an_unknown_one_is_ignored()
    {
        var place = await DrawAsync("D");
        var browser = app.CreateClient();

        var fromGrid = await browser.GetStringAsync($"/portal/c/{CaseApi.Tuanjie}/report?grid={place.SouthGrid}");
        var fromForeignGrid = await browser.GetStringAsync($"/portal/c/{CaseApi.Tuanjie}/report?grid={place.OtherCommunityGrid}");

        Assert.Contains($"<option value=\"{place.SouthGrid}\" selected", fromGrid, StringComparison.Ordinal);
        Assert.DoesNotContain("selected", fromForeignGrid.Split("data-testid=\"report-grid\"")[1].Split("</select>")[0], StringComparison.Ordinal);
    }
}

using System.Net.Http.Json;
using System.Text.Json;

namespace Jiceng.BrowserTests;

/// <summary>The grid map (/grids): a new grid imported from GeoJSON or drawn by clicking the map shows on the map and in the table.</summary>
public sealed class GridMapBrowserTests(BrowserFixture app)
{
    private const string Tuanjie = "230725100001";
    private const string Yuxi = "230725100002";
    private const string Yongsheng = "230725100003";

    [Fact]
    public async Task A_community_user_imports_a_geojson_boundary_for_a_new_grid_and_sees_it_on_the_map_and_in_the_table()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-community-a");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByTestId("nav-grids").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/grids$"));
        await BrowserFixture.WaitForInteractiveAsync(page);

        // The community's own grids, straight away: three labelled polygons and three rows.
        await Expect(page.GetByTestId("grids-community-name")).ToHaveTextAsync("团结社区");
        var labels = page.GetByTestId("grid-map").Locator(".leaflet-tooltip");
        await Expect(labels).ToHaveCountAsync(3);
        await Expect(labels.Filter(new() { HasText = "第1网格" })).ToContainTextAsync("户");
        await Expect(page.GetByTestId("grid-table")).ToContainTextAsync("第3网格");

        // A new grid south of 团结's grids, as a GeoJSON Feature pasted into the dialog.
        const string feature = """
            {"type":"Feature","properties":{"name":"南区"},"geometry":{"type":"Polygon","coordinates":[[[129.0100,47.0240],[129.0200,47.0240],[129.0200,47.0300],[129.0100,47.0300],[129.0100,47.0240]]]}}
            """;
        await page.GetByTestId("grids-import").ClickAsync();
        await Expect(page.GetByTestId("grid-dialog")).ToBeVisibleAsync();
        await page.GetByTestId("grid-form-name").FillAsync("南区网格");
        await page.GetByTestId("grid-boundary-text").FillAsync(feature);
        await page.GetByTestId("grid-form-save").ClickAsync();

        await Expect(page.GetByTestId("grid-dialog")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("grids-message")).ToContainTextAsync("南区网格");
        await Expect(page.GetByTestId("grid-table")).ToContainTextAsync("南区网格");
        await Expect(labels).ToHaveCountAsync(4);
        await Expect(labels.Filter(new() { HasText = "南区网格" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("grid-detail")).ToContainTextAsync("南区网格");
        await BrowserFixture.ScreenshotAsync(page, "grid-map-imported");

        // Stored with its boundary: the API finds the new grid at a point inside it.
        var located = await AnonymousAsync($"/api/v1/grids/locate?division={Tuanjie}&lat=47.027&lng=129.015");
        Assert.Equal("南区网格", located.GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_overlapping_import_is_refused_in_the_dialog_with_the_reason()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-community-a");
        await page.GotoAsync("/grids?division=" + Tuanjie);
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("grid-map").Locator(".leaflet-tooltip").First).ToBeVisibleAsync();
        // A direct load renders several times while the map starts: still one map, and no error.
        await Expect(page.GetByTestId("grid-map").Locator(".leaflet-map-pane")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("grids-error")).ToHaveCountAsync(0);

        await page.GetByTestId("grids-import").ClickAsync();
        await page.GetByTestId("grid-form-name").FillAsync("重叠网格");
        await page.GetByTestId("grid-boundary-text").FillAsync(
            """{"type":"Polygon","coordinates":[[[129.012,47.031],[129.014,47.031],[129.014,47.033],[129.012,47.033],[129.012,47.031]]]}""");
        await page.GetByTestId("grid-form-save").ClickAsync();

        await Expect(page.GetByTestId("grid-dialog-error")).ToContainTextAsync("第1网格");
        await Expect(page.GetByTestId("grid-dialog-error")).ToContainTextAsync("重叠");
        await Expect(page.GetByTestId("grid-dialog")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("grid-table")).Not.ToContainTextAsync("重叠网格");
    }

    [Fact]
    public async Task Street_staff_draw_a_grid_by_clicking_the_map_of_a_community_without_grids()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-street");
        await page.GotoAsync("/grids?division=" + Yongsheng);
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("grid-table")).ToContainTextAsync("还没有网格");
        var map = page.GetByTestId("grid-map");
        await Expect(map.Locator(".leaflet-pane").First).ToBeAttachedAsync();

        await page.GetByTestId("grids-draw").ClickAsync();
        var box = (await map.BoundingBoxAsync())!;
        foreach (var (x, y) in new[] { (200, 120), (420, 120), (420, 320), (200, 320) })
        {
            await page.Mouse.ClickAsync(box.X + x, box.Y + y);
        }
        await Expect(page.GetByTestId("grids-draw-count")).ToContainTextAsync("4");
        await page.GetByTestId("grids-draw-finish").ClickAsync();

        await Expect(page.GetByTestId("grid-dialog")).ToBeVisibleAsync();
        var drawn = JsonDocument.Parse(await page.GetByTestId("grid-boundary-text").InputValueAsync()).RootElement;
        Assert.Equal(5, drawn.GetProperty("coordinates")[0].GetArrayLength());
        await page.GetByTestId("grid-form-name").FillAsync("永胜第1网格");
        await page.GetByTestId("grid-form-save").ClickAsync();

        await Expect(page.GetByTestId("grid-table")).ToContainTextAsync("永胜第1网格");
        await Expect(map.Locator(".leaflet-tooltip").Filter(new() { HasText = "永胜第1网格" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "grid-map-drawn");

        // Stored as drawn: the middle of the clicked corners is inside the new grid, and a point outside them is not.
        var corners = drawn.GetProperty("coordinates")[0].EnumerateArray().Take(4).Select(p => (Lng: p[0].GetDouble(), Lat: p[1].GetDouble())).ToList();
        var (lng, lat) = (corners.Average(c => c.Lng), corners.Average(c => c.Lat));
        var located = await AnonymousAsync(FormattableString.Invariant($"/api/v1/grids/locate?division={Yongsheng}&lat={lat}&lng={lng}"));
        Assert.Equal("永胜第1网格", located.GetProperty("name").GetString());
        var west = corners.Min(c => c.Lng) - 0.001;
        using var anonymous = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var outside = await anonymous.GetAsync(FormattableString.Invariant($"/api/v1/grids/locate?division={Yongsheng}&lat={lat}&lng={west}"), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task Community_staff_assign_a_grid_worker_by_type_and_read_why_a_second_full_time_worker_is_refused()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-community-a");
        await page.GotoAsync("/grids?division=" + Tuanjie);
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "第1网格", Exact = true }).ClickAsync();
        var detail = page.GetByTestId("grid-detail");
        await Expect(detail).ToContainTextAsync("第1网格");
        var workersBefore = await page.GetByTestId("grid-workers").Locator("tr").CountAsync();

        // A community worker of 团结 (not yet a grid worker), found by name.
        await page.GetByTestId("worker-search").FillAsync("郭晓燕");
        await page.GetByTestId("worker-search-go").ClickAsync();
        await Expect(page.GetByTestId("worker-person")).ToContainTextAsync("郭**");
        await ChooseAsync(page, "worker-type", "专职");
        await page.GetByTestId("worker-add").ClickAsync();
        await Expect(page.GetByTestId("grid-detail-error")).ToHaveTextAsync("该网格已有专职网格员（一人一格）");
        await Expect(page.GetByTestId("grid-workers").Locator("tr")).ToHaveCountAsync(workersBefore);

        await ChooseAsync(page, "worker-type", "兼职");
        await page.GetByTestId("worker-add").ClickAsync();
        await Expect(page.GetByTestId("grid-workers").Locator("tr")).ToHaveCountAsync(workersBefore + 1);
        await Expect(page.GetByTestId("grid-workers")).ToContainTextAsync("郭**");
        await Expect(page.GetByTestId("grid-detail-error")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "grid-map-workers");

        // A building for the grid, in the next tab.
        await page.GetByRole(AriaRole.Tab, new() { Name = "楼栋" }).ClickAsync();
        await page.GetByTestId("building-name").FillAsync("9号楼");
        await page.GetByTestId("building-add").ClickAsync();
        await Expect(page.GetByTestId("grid-buildings")).ToContainTextAsync("9号楼");
    }

    [Fact]
    public async Task A_boundary_file_is_uploaded_for_an_existing_grid_without_one()
    {
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var login = await api.PostAsJsonAsync("/api/v1/auth/login", new { userName = "demo-community-b", password = BrowserFixture.DemoPassword }, TestContext.Current.CancellationToken);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("accessToken").GetString();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var created = await api.PostAsJsonAsync("/api/v1/grids", new { divisionCode = Yuxi, name = "育西东区" }, TestContext.Current.CancellationToken);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();

        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-community-b");
        await page.GotoAsync("/grids");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("grid-table")).ToContainTextAsync("未划边界");
        var labels = page.GetByTestId("grid-map").Locator(".leaflet-tooltip");
        await Expect(labels).ToHaveCountAsync(2);

        // East of 育西's two grids, sharing the east edge of its 第2网格.
        const string file = """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[129.028,47.04],[129.034,47.04],[129.034,47.046],[129.028,47.046],[129.028,47.04]]]}}]}""";
        await page.GetByTestId($"grid-boundary-{id}").ClickAsync();
        await Expect(page.GetByTestId("boundary-dialog")).ToBeVisibleAsync();
        await page.GetByTestId("grid-boundary-file").SetInputFilesAsync(new FilePayload
        {
            Name = "育西东区.geojson", MimeType = "application/geo+json", Buffer = System.Text.Encoding.UTF8.GetBytes(file),
        });
        await Expect(page.GetByTestId("grid-boundary-text")).ToHaveValueAsync(new Regex("FeatureCollection"));
        await page.GetByTestId("boundary-save").ClickAsync();

        await Expect(page.GetByTestId("boundary-dialog")).ToHaveCountAsync(0);
        await Expect(labels).ToHaveCountAsync(3);
        await Expect(labels.Filter(new() { HasText = "育西东区" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("grid-table")).Not.ToContainTextAsync("未划边界");
    }

    /// <summary>Picks an item of a MudSelect: the list opens in a popover outside the select.</summary>
    private static async Task ChooseAsync(IPage page, string testId, string item)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = item, Exact = true }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open [role=option]")).ToHaveCountAsync(0);
    }

    private async Task<JsonElement> AnonymousAsync(string url)
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        return await client.GetFromJsonAsync<JsonElement>(url, TestContext.Current.CancellationToken);
    }
}

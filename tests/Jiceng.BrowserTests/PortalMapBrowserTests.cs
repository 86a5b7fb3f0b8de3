using Jiceng.Web.Data;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.BrowserTests;

/// <summary>A resident picks the place of the problem on the community's grid map (phone, with JavaScript) and the case lands in that grid.</summary>
public sealed class PortalMapBrowserTests(BrowserFixture app)
{
    [Fact]
    public async Task A_tap_on_the_grid_map_picks_the_grid_and_the_case_is_placed_in_it()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Phone);
        var page = await context.NewPageAsync();
        var description = "地图选点：单元门禁坏了 " + Guid.NewGuid().ToString("N")[..6];

        await page.GotoAsync("/portal/c/230725100001/report");
        var map = page.GetByTestId("report-map");
        await Expect(map).ToBeVisibleAsync();
        await Expect(map.Locator("path.leaflet-interactive").First).ToBeVisibleAsync();
        // Tap the middle of a drawn grid (other tests on this server may have drawn odd shapes: try each until one holds its middle).
        await map.ScrollIntoViewIfNeededAsync();
        var status = page.GetByTestId("report-map-status");
        var shapes = map.Locator("path.leaflet-interactive");
        for (var i = 0; i < await shapes.CountAsync() && !(await status.InnerTextAsync()).Contains("已定位到："); i++)
        {
            var shape = await shapes.Nth(i).BoundingBoxAsync();
            await page.Mouse.ClickAsync(shape!.X + shape.Width / 2, shape.Y + shape.Height / 2);
        }

        await Expect(status).ToContainTextAsync("已定位到：");
        var gridId = await page.GetByTestId("report-grid").InputValueAsync();
        Assert.True(Guid.TryParse(gridId, out var picked), $"no grid chosen: '{gridId}'");
        Assert.NotEmpty(await page.GetByTestId("report-latitude").InputValueAsync());
        await BrowserFixture.ScreenshotAsync(page, "portal-report-map");
        await page.GetByTestId("report-category").SelectOptionAsync(new SelectOptionValue { Label = "物业" });
        await page.GetByTestId("report-description").FillAsync(description);
        await page.GetByTestId("report-submit").ClickAsync();
        await Expect(page.GetByTestId("tracking-code")).ToHaveTextAsync(new Regex("^[0-9A-Z]{10}$"));

        await using var scope = app.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var placed = await db.Cases.Where(c => c.Description == description).Select(c => new { c.GridId, c.Latitude }).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(picked, placed.GridId);
        Assert.NotNull(placed.Latitude);
    }
}

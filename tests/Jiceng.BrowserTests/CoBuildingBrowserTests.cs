namespace Jiceng.BrowserTests;

/// <summary>
/// 共驻共建 on the console, by both sides: the demo co-building unit lists a resource and asks to pair with 育西社区 (it is
/// paired only with 团结社区 in the demo), 育西's staff confirm, both see the pairing as active, and the unit then starts
/// a project on it and records its progress. Every text it types is unique, so rows made by other tests never match.
/// </summary>
public sealed class CoBuildingBrowserTests(BrowserFixture app)
{
    private const string UnitName = "大箐山县自然资源局";
    private const string YuxiName = "育西社区居委会";

    [Fact]
    public async Task A_unit_asks_to_pair_with_a_community_whose_staff_confirm_and_the_unit_runs_a_project_on_it()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var resource = $"浏览器测试资源-{tag}";
        var project = $"浏览器测试项目-{tag}";
        var progressNote = $"浏览器测试进展-{tag}";

        // The unit: a resource on its list, then a pairing request to 育西.
        await using var unitContext = await app.NewContextAsync(BrowserFixture.Desktop);
        var unitPage = await unitContext.NewPageAsync();
        await BrowserFixture.LoginAsync(unitPage, "demo-unit");
        await unitPage.GotoAsync("/cobuilding");
        await BrowserFixture.WaitForInteractiveAsync(unitPage);

        await unitPage.GetByRole(AriaRole.Tab, new() { Name = "资源清单" }).ClickAsync();
        await unitPage.GetByTestId("resource-category").FillAsync("人才资源");
        await unitPage.GetByTestId("resource-item").FillAsync(resource);
        await unitPage.GetByTestId("resource-add").ClickAsync();
        await Expect(unitPage.GetByTestId("cobuilding-message")).ToContainTextAsync("已保存");
        await Expect(RowOf(unitPage, "resources-table", resource)).ToContainTextAsync(UnitName);

        await unitPage.GetByRole(AriaRole.Tab, new() { Name = "结对", Exact = true }).ClickAsync();
        await Expect(YuxiRow(unitPage)).ToHaveCountAsync(0);
        await ChooseAsync(unitPage, "pair-community", YuxiName);
        await unitPage.GetByTestId("pair-note").FillAsync($"浏览器测试报到-{tag}");
        await unitPage.GetByTestId("pair-submit").ClickAsync();
        await Expect(unitPage.GetByTestId("cobuilding-message")).ToContainTextAsync("已保存");
        await Expect(YuxiRow(unitPage)).ToContainTextAsync("待社区确认");

        // 育西's staff: the request waits for them; they confirm it.
        await using var communityContext = await app.NewContextAsync(BrowserFixture.Desktop);
        var communityPage = await communityContext.NewPageAsync();
        await BrowserFixture.LoginAsync(communityPage, "demo-community-b");
        await communityPage.GotoAsync("/cobuilding");
        await BrowserFixture.WaitForInteractiveAsync(communityPage);

        var request = YuxiRow(communityPage);
        await Expect(request).ToContainTextAsync("待社区确认");
        await request.GetByRole(AriaRole.Button, new() { Name = "确认结对" }).ClickAsync();
        await Expect(communityPage.GetByTestId("cobuilding-message")).ToContainTextAsync("已保存");
        await Expect(YuxiRow(communityPage)).ToContainTextAsync("结对中");
        await Expect(YuxiRow(communityPage).GetByRole(AriaRole.Button, new() { Name = "确认结对" })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(communityPage, "cobuilding-confirmed");

        // The unit sees it active too once it reloads, and can now start a project on it and record progress.
        await unitPage.ReloadAsync();
        await BrowserFixture.WaitForInteractiveAsync(unitPage);
        await Expect(YuxiRow(unitPage)).ToContainTextAsync("结对中");

        await unitPage.GetByRole(AriaRole.Tab, new() { Name = "项目清单" }).ClickAsync();
        await ChooseAsync(unitPage, "project-pairing", $"{UnitName} · {YuxiName}");
        await unitPage.GetByTestId("project-title").FillAsync(project);
        await unitPage.GetByTestId("project-add").ClickAsync();
        await Expect(unitPage.GetByTestId("cobuilding-message")).ToContainTextAsync("已保存");
        var projectRow = RowOf(unitPage, "projects-table", project);
        await Expect(projectRow).ToContainTextAsync(UnitName);
        await Expect(projectRow).ToContainTextAsync("0%");

        await projectRow.GetByRole(AriaRole.Button, new() { Name = "更新进度" }).ClickAsync();
        await unitPage.GetByTestId("progress-percent").FillAsync("40");
        await unitPage.GetByTestId("progress-note").FillAsync(progressNote);
        await unitPage.GetByTestId("progress-save").ClickAsync();
        await Expect(unitPage.GetByTestId("cobuilding-message")).ToContainTextAsync("已保存");
        await Expect(RowOf(unitPage, "projects-table", project)).ToContainTextAsync($"40% {progressNote}");
        await BrowserFixture.ScreenshotAsync(unitPage, "cobuilding-project");

        // 育西's staff see the unit's project on their community's list.
        await communityPage.ReloadAsync();
        await BrowserFixture.WaitForInteractiveAsync(communityPage);
        await communityPage.GetByRole(AriaRole.Tab, new() { Name = "项目清单" }).ClickAsync();
        await Expect(RowOf(communityPage, "projects-table", project)).ToContainTextAsync("40%");
    }

    /// <summary>The pairings-table row of the demo unit with 育西社区.</summary>
    private static ILocator YuxiRow(IPage page) =>
        page.GetByTestId("pairings-table").Locator("tbody tr").Filter(new() { HasText = UnitName }).Filter(new() { HasText = YuxiName });

    private static ILocator RowOf(IPage page, string tableTestId, string text) =>
        page.GetByTestId(tableTestId).Locator("tbody tr").Filter(new() { HasText = text });

    /// <summary>Picks an item of a MudSelect: the list opens in a popover outside the select.</summary>
    private static async Task ChooseAsync(IPage page, string testId, string item)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = item, Exact = true }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open [role=option]")).ToHaveCountAsync(0);
    }
}

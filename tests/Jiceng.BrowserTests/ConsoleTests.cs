namespace Jiceng.BrowserTests;

/// <summary>The staff console: interactive Blazor Server pages behind the login.</summary>
public sealed class ConsoleTests(BrowserFixture app)
{
    private const string Dailing = "230725100";     // 带岭镇, a town of 大箐山县
    private const string Tuanjie = "230725100001";  // 团结社区, a community of 带岭镇
    private const string Yuxi = "230725100002";     // 育西社区, its sibling

    [Fact]
    public async Task County_admin_logs_in_and_switches_the_language_to_English_and_back()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();

        await BrowserFixture.LoginAsync(page, "demo-county");

        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.GetByTestId("welcome")).ToContainTextAsync("您好，");
        await Expect(page.GetByTestId("current-user")).Not.ToBeEmptyAsync();

        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByTestId("welcome")).ToHaveTextAsync(new Regex("^Hello"));
        await Expect(page.GetByTestId("language-switch")).ToHaveTextAsync("中文");

        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.GetByTestId("welcome")).ToHaveTextAsync(new Regex("^您好，"));
        await Expect(page.GetByTestId("language-switch")).ToHaveTextAsync("English");
    }

    [Fact]
    public async Task Switching_the_language_after_moving_through_the_menu_stays_on_the_current_page()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-county");
        await BrowserFixture.WaitForInteractiveAsync(page);

        // Moving inside the console keeps the layout (and its language link) on screen.
        await page.GetByTestId("nav-cases").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/cases");
        // The link follows the page (it used to keep pointing at the page the layout was first drawn on).
        await Expect(page.GetByTestId("language-switch")).ToHaveAttributeAsync("href", new Regex("returnUrl=%2Fcases$"));
        await page.GetByTestId("language-switch").ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.Equal("/cases", new Uri(page.Url).AbsolutePath);
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task County_admin_browses_the_tree_down_to_a_community_and_sees_its_party_organisations(string device)
    {
        await using var context = await app.NewContextAsync(device == "phone" ? BrowserFixture.Phone : BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-county");

        await page.GotoAsync("/org");
        await BrowserFixture.WaitForInteractiveAsync(page);
        // The county is the only root of the county admin's scope, so it opens by itself.
        await page.GetByTestId($"toggle-{Dailing}").ClickAsync();
        await page.GetByTestId($"select-{Tuanjie}").ClickAsync();

        var detail = page.GetByTestId("org-detail");
        await Expect(detail.GetByTestId("org-detail-code")).ToHaveTextAsync(Tuanjie);
        await Expect(detail.GetByTestId("org-detail-name")).ToContainTextAsync("团结社区");
        await Expect(detail.GetByTestId("org-party").Locator("li").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId($"tree-node-{Tuanjie}")).ToHaveClassAsync(new Regex(@"\bselected\b"));
        await BrowserFixture.ScreenshotAsync(page, $"org-tree-{device}");
    }

    [Fact]
    public async Task County_admin_finds_a_community_by_searching_the_tree()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-county");

        await page.GotoAsync("/org");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByTestId("org-search").FillAsync("团结");
        await page.GetByTestId("org-search-submit").ClickAsync();
        await page.GetByTestId("org-search-results").GetByTestId($"search-hit-{Tuanjie}").ClickAsync();

        await Expect(page.GetByTestId("org-detail-name")).ToContainTextAsync("团结社区");
        await Expect(page.GetByTestId("org-detail-code")).ToHaveTextAsync(Tuanjie);
        // Revealing a hit opens its ancestors, so the community is now visible in the tree too.
        await Expect(page.GetByTestId($"tree-node-{Tuanjie}")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Community_staff_sees_only_their_own_community_in_the_tree()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-community-a");

        await page.GotoAsync("/org");
        await BrowserFixture.WaitForInteractiveAsync(page);

        var tree = page.GetByTestId("org-tree");
        await Expect(tree.GetByTestId($"tree-node-{Tuanjie}")).ToBeVisibleAsync();
        await Expect(tree.GetByTestId($"tree-node-{Yuxi}")).ToHaveCountAsync(0);
        await Expect(tree.GetByTestId($"tree-node-{Dailing}")).ToHaveCountAsync(0);
        await Expect(tree.Locator("[data-testid^=tree-node-]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Auditor_menu_shows_the_audit_log_and_not_the_organisation_tree()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-auditor");

        await Expect(page.GetByTestId("nav-audit")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-org")).ToHaveCountAsync(0);

        // A click while the circuit attaches can be lost; wait as the tree tests do.
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByTestId("nav-audit").ClickAsync();
        await Expect(page.GetByTestId("audit-table")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "audit");
    }

    [Fact]
    public async Task County_admin_menu_shows_the_organisation_tree_and_not_the_audit_log()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-county");

        await Expect(page.GetByTestId("nav-org")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-audit")).ToHaveCountAsync(0);
    }
}

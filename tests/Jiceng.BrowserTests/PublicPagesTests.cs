namespace Jiceng.BrowserTests;

/// <summary>The static pages anyone can open: the login form and the resident portal.</summary>
public sealed class PublicPagesTests(BrowserFixture app)
{
    [Fact]
    public async Task Wrong_password_shows_a_Chinese_error_and_the_login_page_switches_to_English()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();

        // demo-grid is used by no other test: one failure here cannot add up to a lockout elsewhere.
        await page.GotoAsync("/account/login");
        await page.GetByTestId("login-username").FillAsync("demo-grid");
        await page.GetByTestId("login-password").FillAsync("not-the-password");
        await page.GetByTestId("login-submit").ClickAsync();

        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("用户名或密码错误");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);

        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByTestId("login-submit")).ToHaveTextAsync("Sign in");
        await Expect(page.GetByTestId("language-switch")).ToHaveTextAsync("中文");
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task Resident_reaches_a_community_page_on_a_phone_without_JavaScript()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Phone, javaScript: false);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/portal");
        await page.GetByTestId("portal-list").GetByTestId("pick-230725").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/portal/area/230725$"));
        await page.GetByTestId("pick-230725100").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/portal/area/230725100$"));
        await page.GetByTestId("pick-230725100001").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/portal/c/230725100001$"));
        await Expect(page.GetByTestId("community-name")).ToHaveTextAsync("团结社区");
        await Expect(page.GetByTestId("community-services")).ToBeVisibleAsync();
        // Playwright's evaluate runs through DevTools, so it works although the page's own scripts may not.
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 360, $"the community page is {scrollWidth} px wide on a 360 px phone");
    }
}

namespace Jiceng.BrowserTests;

/// <summary>The static pages anyone can open: the login form and the resident portal.</summary>
public sealed class PublicPagesTests(BrowserFixture app)
{
    [Fact]
    public async Task Wrong_password_shows_a_Chinese_error_and_the_login_page_switches_to_English()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();

        // One failure for demo-grid here: far below the lockout limit, and any later successful sign-in resets the count.
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

    [Fact]
    public async Task Resident_reports_a_problem_and_tracks_it_on_a_phone_without_JavaScript()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Phone, javaScript: false);
        var page = await context.NewPageAsync();
        async Task AssertFitsAsync(string what)
        {
            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= 360, $"the {what} is {scrollWidth} px wide on a 360 px phone");
        }

        await page.GotoAsync("/portal/c/230725100001");
        await page.GetByTestId("service-report").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/portal/c/230725100001/report$"));
        await page.GetByTestId("report-category").SelectOptionAsync(new SelectOptionValue { Label = "道路" });
        await page.GetByTestId("report-description").FillAsync("团结小区北门路面塌陷，下雨天积水，老人出行不便");
        await AssertFitsAsync("report form");
        await BrowserFixture.ScreenshotAsync(page, "portal-report-form");
        await page.GetByTestId("report-submit").ClickAsync();

        await Expect(page.GetByTestId("tracking-code")).ToHaveTextAsync(new Regex("^[0-9A-Z]{10}$"));
        var code = await page.GetByTestId("tracking-code").InnerTextAsync();
        await AssertFitsAsync("confirmation");
        await BrowserFixture.ScreenshotAsync(page, "portal-report-done");
        await page.GetByTestId("track-link").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/track/{code}$"));
        await Expect(page.GetByTestId("track-status")).ToHaveTextAsync("已提交，等待受理");
        await AssertFitsAsync("tracking page");
        await BrowserFixture.ScreenshotAsync(page, "portal-track");
    }
}

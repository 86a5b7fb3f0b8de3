using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jiceng.BrowserTests;

/// <summary>Volunteer service: a volunteer signs up on a phone without script; staff see the console.</summary>
public sealed class VolunteerBrowserTests(BrowserFixture app)
{
    private const string Activity = "四点半课堂：暑期阅读"; // an upcoming open activity of the demo in 团结社区

    [Fact]
    public async Task A_volunteer_signs_up_on_a_phone_after_signing_in_and_sees_it_in_my_volunteering()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Phone, javaScript: false);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/portal/c/230725100001");
        await page.GetByTestId("service-volunteer").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/portal/c/230725100001/activities$"));
        var item = page.GetByTestId("activities-list").Locator("li", new() { HasText = Activity });
        await item.Locator("a.portal-button").ClickAsync();

        // The login page sends the volunteer back to the list.
        await page.GetByTestId("login-username").FillAsync("demo-volunteer");
        await page.GetByTestId("login-password").FillAsync(BrowserFixture.DemoPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/portal/c/230725100001/activities$"));

        await page.GetByTestId("activities-list").Locator("li", new() { HasText = Activity }).Locator("button").ClickAsync();
        await Expect(page.GetByTestId("activities-message")).ToBeVisibleAsync();
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 360, $"the activities page is {scrollWidth} px wide on a 360 px phone");

        await page.GotoAsync("/me/volunteer");
        await Expect(page.GetByTestId("volunteer-activities")).ToContainTextAsync(Activity);
        await Expect(page.GetByTestId("volunteer-activities").Locator("li", new() { HasText = Activity }).Locator("button")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "volunteer-me");
    }

    [Fact]
    public async Task Community_staff_see_their_activities_and_sign_ups_in_the_console()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-community-a");

        await page.GotoAsync("/volunteering");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var table = page.GetByTestId("activities-table");
        await Expect(table).ToContainTextAsync("爱心义剪暖夕阳");
        await Expect(table).Not.ToContainTextAsync("健康义诊"); // 育西社区's

        var row = table.Locator("tr", new() { HasText = "家电维修进社区" });
        await row.Locator("button", new() { HasText = "报名与签到" }).ClickAsync();
        await Expect(page.GetByTestId("signups-panel")).ToContainTextAsync("王*");
        await Expect(page.GetByTestId("signups-panel")).Not.ToContainTextAsync("王红梅");
        await BrowserFixture.ScreenshotAsync(page, "volunteering-console");
    }
}

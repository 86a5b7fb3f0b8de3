using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Jiceng.BrowserTests;

/// <summary>一老一小: the staff console shows the demo canteen, its settlement and the children's programme; the public canteen page fits a phone without script.</summary>
public sealed class ElderlyChildrenBrowserTests(BrowserFixture app)
{
    [Fact]
    public async Task Community_staff_see_the_menu_settle_last_month_and_open_the_childrens_programme()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-community-a");
        await page.GotoAsync("/elderly-children");
        await BrowserFixture.WaitForInteractiveAsync(page);

        await Expect(page.GetByTestId("canteen-menu")).ToContainTextAsync("午餐套餐");
        await Expect(page.GetByTestId("canteen-rules")).ToContainTextAsync("80岁及以上");
        await page.GetByTestId("settlement-load").ClickAsync();
        await Expect(page.GetByTestId("settlement-summary")).ToContainTextAsync("份");
        await Expect(page.GetByTestId("settlement-government")).Not.ToHaveTextAsync("0.00");
        await BrowserFixture.ScreenshotAsync(page, "elderly-canteen");

        await page.GetByRole(AriaRole.Tab, new() { Name = "儿童项目" }).ClickAsync();
        await Expect(page.GetByTestId("programme-enrolments")).ToContainTextAsync("纸质");
        await Expect(page.GetByTestId("children-figures")).ToContainTextAsync("人次");
    }

    [Fact]
    public async Task The_public_canteen_page_shows_the_week_on_a_phone_without_JavaScript()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Phone, javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/portal/c/230725100001");
        await page.GetByTestId("service-canteen").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/portal/c/230725100001/canteen$"));
        await Expect(page.GetByTestId("canteen-bands")).ToContainTextAsync("政府补贴");
        await Expect(page.GetByTestId("canteen-today")).ToContainTextAsync("元");
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 360, $"the canteen page is {scrollWidth} px wide on a 360 px phone");
    }
}

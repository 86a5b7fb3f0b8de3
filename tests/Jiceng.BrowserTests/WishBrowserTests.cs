using System.Text.RegularExpressions;

namespace Jiceng.BrowserTests;

/// <summary>
/// The micro-wish loop on phones and the console: a resident posts a wish, community staff approve it, a party member
/// claims and fulfils it, and the public wall shows it lit (已点亮).
/// </summary>
public sealed class WishBrowserTests(BrowserFixture app)
{
    private const string Tuanjie = "230725100001";

    [Fact]
    public async Task A_resident_posts_staff_approve_a_member_claims_and_fulfils_and_the_wall_shows_it_lit()
    {
        // Browser tests share one database: a title of this run only.
        var title = "想要助学书包" + Guid.NewGuid().ToString("N")[..6];

        // 1. The resident posts on a phone; signing in brings them back to the form.
        await using (var residentContext = await app.NewContextAsync(BrowserFixture.Phone))
        {
            var phone = await residentContext.NewPageAsync();
            await phone.GotoAsync($"/portal/c/{Tuanjie}/wishes/new");
            await Expect(phone).ToHaveURLAsync(new Regex("/account/login"));
            await phone.GetByTestId("login-username").FillAsync("demo-resident");
            await phone.GetByTestId("login-password").FillAsync(BrowserFixture.DemoPassword);
            await phone.GetByTestId("login-submit").ClickAsync();
            await Expect(phone).ToHaveURLAsync(new Regex($"/portal/c/{Tuanjie}/wishes/new$"));

            // A bad phone is refused next to the field, in Chinese, and nothing is posted.
            await phone.GetByTestId("wish-title").FillAsync(title);
            await phone.GetByTestId("wish-category").SelectOptionAsync("study");
            await phone.GetByTestId("wish-description").FillAsync("孩子开学了，旧书包坏了，想要一个结实的书包。");
            await phone.GetByTestId("wish-phone").FillAsync("12345");
            await phone.GetByTestId("wish-submit").ClickAsync();
            await Expect(phone.GetByTestId("error-phone")).ToContainTextAsync("手机号格式不正确");

            await phone.GetByTestId("wish-phone").FillAsync("13912345678");
            await phone.GetByTestId("wish-name").FillAsync("马丽娟");
            await phone.GetByTestId("wish-submit").ClickAsync();
            await Expect(phone.GetByTestId("wish-posted")).ToContainTextAsync(title);
            await AssertFitsTheScreenAsync(phone);
        }

        // 2. Community staff approve it in the console.
        await using (var staffContext = await app.NewContextAsync(BrowserFixture.Desktop))
        {
            var console = await staffContext.NewPageAsync();
            await BrowserFixture.LoginAsync(console, "demo-community-a");
            await console.GotoAsync("/wishes");
            await BrowserFixture.WaitForInteractiveAsync(console);
            var row = console.GetByTestId("wish-queue").Locator("tr").Filter(new() { HasText = title });
            await Expect(row).ToContainTextAsync("139****5678");
            await row.GetByTestId("wish-approve").ClickAsync();
            await Expect(console.GetByTestId("wish-console-notice")).ToBeVisibleAsync();
            await Expect(console.GetByTestId("wish-queue").Locator("tr").Filter(new() { HasText = title })).ToHaveCountAsync(0);
        }

        // 3. A party member claims it on their phone and fulfils it.
        await using (var memberContext = await app.NewContextAsync(BrowserFixture.Phone))
        {
            var phone = await memberContext.NewPageAsync();
            await BrowserFixture.LoginAsync(phone, "demo-party");
            await phone.GotoAsync("/me/wishes");
            var open = phone.GetByTestId("wish-open-item").Filter(new() { HasText = title });
            await open.GetByTestId("wish-claim").ClickAsync();
            await Expect(phone.GetByTestId("wish-notice")).ToContainTextAsync(title);
            await AssertFitsTheScreenAsync(phone);

            await phone.GetByTestId("wish-claims-list").GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            await Expect(phone.GetByTestId("wish-detail-status")).ToHaveTextAsync("已认领");
            await phone.GetByTestId("wish-note").FillAsync("买了新书包和一套文具，送到了孩子家。");
            await phone.GetByTestId("wish-value").FillAsync("168");
            await phone.GetByTestId("wish-fulfil").ClickAsync();
            await Expect(phone.GetByTestId("wish-detail-status")).ToHaveTextAsync("已点亮");
            await AssertFitsTheScreenAsync(phone);
        }

        // 4. The public wall shows it lit, with the member's masked name and without the wisher's phone or name.
        await using (var anonymous = await app.NewContextAsync(BrowserFixture.Phone))
        {
            var phone = await anonymous.NewPageAsync();
            await phone.GotoAsync($"/portal/c/{Tuanjie}");
            await phone.GetByTestId("service-wishes").ClickAsync();
            var card = phone.GetByTestId("wish-card").Filter(new() { HasText = title });
            await Expect(card.GetByTestId("wish-card-status")).ToHaveTextAsync("已点亮");
            await Expect(card.GetByTestId("wish-card-claimant")).ToContainTextAsync("王**");
            await Expect(phone.Locator("body")).Not.ToContainTextAsync("马丽娟");
            await Expect(phone.Locator("body")).Not.ToContainTextAsync("5678");
            await AssertFitsTheScreenAsync(phone);
        }
    }

    private static async Task AssertFitsTheScreenAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"the page is {width} px wide on a 360 px screen");
    }
}

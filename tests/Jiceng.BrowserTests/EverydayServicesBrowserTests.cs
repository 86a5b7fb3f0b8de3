using System.Text.RegularExpressions;
using Jiceng.Web.Modules.ServiceHall.Features;

namespace Jiceng.BrowserTests;

/// <summary>
/// Issue 6 on a phone, the way a resident would go: from the community's page to the service guide, book an
/// appointment for 高龄津贴申领 (signing in on the way), then book the 舞蹈室, and find both under 我的. And the service
/// hall console's Excel buttons, clicked as staff would.
/// </summary>
public sealed class EverydayServicesBrowserTests(BrowserFixture app)
{
    private const string Tuanjie = "230725100001";

    [Fact]
    public async Task A_resident_books_an_appointment_and_a_room_on_a_phone_and_sees_both_under_me()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await using var context = await app.NewContextAsync(BrowserFixture.Phone);
        var phone = await context.NewPageAsync();

        // 1. The service guide is public; booking asks to sign in and comes back to the item.
        await phone.GotoAsync($"/portal/c/{Tuanjie}");
        await phone.GetByTestId("service-services").ClickAsync();
        await Expect(phone.GetByTestId("services-list")).ToBeVisibleAsync();
        await phone.GetByTestId("service-item").Filter(new() { HasText = "高龄津贴申领" }).GetByRole(AriaRole.Link, new() { Name = "高龄津贴申领" }).ClickAsync();
        await Expect(phone.GetByTestId("service-materials")).ToBeVisibleAsync();
        await phone.GetByTestId("appointment-login").ClickAsync();
        await phone.GetByTestId("login-username").FillAsync("demo-resident");
        await phone.GetByTestId("login-password").FillAsync(BrowserFixture.DemoPassword);
        await phone.GetByTestId("login-submit").ClickAsync();
        await Expect(phone).ToHaveURLAsync(new Regex("/portal/c/" + Tuanjie + "/services/[0-9a-f-]+$"));

        // 2. Pick the first slot with places left and book it.
        var freeSlot = phone.GetByTestId("appointment-slots").Locator("input[type=radio]:not([disabled])").First;
        await freeSlot.CheckAsync();
        await phone.GetByTestId("appointment-submit").ClickAsync();
        await Expect(phone.GetByTestId("appointment-done")).ToBeVisibleAsync();
        await AssertFitsTheScreenAsync(phone);

        // 3. Back to the community page, and book the 舞蹈室 for a morning well ahead (other tests book evenings).
        var day = DateTime.UtcNow.AddHours(8).Date.AddDays(3 + Random.Shared.Next(8));
        var minute = 5 * Random.Shared.Next(1, 11);
        await phone.GotoAsync($"/portal/c/{Tuanjie}");
        await phone.GetByTestId("service-rooms").ClickAsync();
        await phone.GetByTestId("booking-room").SelectOptionAsync(new SelectOptionValue { Label = "舞蹈室" });
        await phone.GetByTestId("booking-date").FillAsync(day.ToString("yyyy-MM-dd"));
        await phone.GetByTestId("booking-start").FillAsync($"09:{minute:00}");
        await phone.GetByTestId("booking-end").FillAsync($"10:{minute:00}");
        await phone.GetByTestId("booking-purpose").FillAsync($"太极拳队排练-{tag}");
        await phone.GetByTestId("booking-submit").ClickAsync();
        await Expect(phone.GetByTestId("bookings-message")).ToBeVisibleAsync();
        await AssertFitsTheScreenAsync(phone);

        // 4. 我的 shows both: the appointment under 我的预约与办件, the room under 我的场地预约.
        await phone.GotoAsync("/me");
        await phone.GetByTestId("me-services").ClickAsync();
        await Expect(phone.GetByTestId("my-appointment").Filter(new() { HasText = "高龄津贴申领" })).ToHaveCountAsync(1);
        await phone.GotoAsync("/me");
        await phone.GetByTestId("me-bookings").ClickAsync();
        var booking = phone.GetByTestId("my-booking").Filter(new() { HasText = tag });
        await Expect(booking).ToContainTextAsync("舞蹈室");
        await Expect(booking).ToContainTextAsync("已确认");
        await AssertFitsTheScreenAsync(phone);
        await BrowserFixture.ScreenshotAsync(phone, "everyday-services-me");
    }

    [Fact]
    public async Task Staff_download_the_catalogue_and_the_help_order_ledger_from_the_console()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var console = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(console, "demo-community-a");
        await console.GotoAsync("/service-hall");
        await BrowserFixture.WaitForInteractiveAsync(console);

        // The buttons open the export in a new tab, signed in by the console's cookie.
        var catalogue = await DownloadFromNewTabAsync(context, () => console.GetByTestId("catalogue-export").ClickAsync());
        Assert.Equal("服务事项清单-团结社区居委会.xlsx", catalogue.SuggestedFilename);
        var items = await SheetAsync(catalogue, ServiceHallExports.CatalogueSheet);
        Assert.Equal(31, items.Count(r => r["办理方式"]?.ToString() == "代办"));
        Assert.Contains(items, r => r["事项名称"]?.ToString() == "高龄津贴申领");

        await console.GetByRole(AriaRole.Tab, new() { Name = "帮办代办" }).ClickAsync();
        var ledger = await DownloadFromNewTabAsync(context, () => console.GetByTestId("ledger-export").ClickAsync());
        Assert.StartsWith("帮办代办台账-", ledger.SuggestedFilename);
        var rows = await SheetAsync(ledger, ServiceHallExports.LedgerSheet);
        var totals = (await SheetAsync(ledger, ServiceHallExports.LedgerTotalsSheet)).ToDictionary(r => r["项目"]!.ToString()!, r => r["数量"]?.ToString());
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("团结社区居委会", r["社区"]?.ToString()));
        Assert.Equal(rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), totals[ServiceHallExports.LedgerTotal.Rows]);
    }

    /// <summary>
    /// Clicks a link that opens in a new tab and waits for the file it downloads. Chromium may hand the download to the
    /// opening page or to the new tab, so both are watched.
    /// </summary>
    private static async Task<IDownload> DownloadFromNewTabAsync(IBrowserContext context, Func<Task> click)
    {
        var download = new TaskCompletionSource<IDownload>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnDownload(object? sender, IDownload d) => download.TrySetResult(d);
        void OnPage(object? sender, IPage tab) => tab.Download += OnDownload;
        var open = context.Pages.ToList();
        context.Page += OnPage;
        foreach (var page in open) page.Download += OnDownload;
        try
        {
            await click();
            return await download.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            context.Page -= OnPage;
            foreach (var page in open) page.Download -= OnDownload;
        }
    }

    private static async Task<List<IDictionary<string, object?>>> SheetAsync(IDownload download, string sheet)
    {
        await using var file = await download.CreateReadStreamAsync();
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy);
        copy.Position = 0;
        return MiniExcelLibs.MiniExcel.Query(copy, useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
    }

    private static async Task AssertFitsTheScreenAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"the page is {width} px wide on a 360 px screen");
    }
}

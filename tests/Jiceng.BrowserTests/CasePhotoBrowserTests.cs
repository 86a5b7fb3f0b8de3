using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Jiceng.BrowserTests;

/// <summary>
/// Photos on the console's case page: a community worker adds a photo to an action, and the timeline shows it as a
/// thumbnail that really loads (the scoped photo endpoint takes the console's sign-in cookie) and opens full size.
/// </summary>
public sealed class CasePhotoBrowserTests(BrowserFixture app)
{
    private const string Tuanjie = "230725100001";  // 团结社区

    /// <summary>A 1×1 PNG: small, but a real image the browser decodes.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_community_worker_adds_a_photo_to_progress_and_sees_its_thumbnail_in_the_timeline()
    {
        var id = await CaseHandledInTheCommunityAsync();
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-community-a");
        await page.GotoAsync($"/cases/{id}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("case-status")).ToHaveTextAsync("处置中");
        await ChooseAsync(page, "case-action-select", "进展");
        var input = page.GetByTestId("case-photo-input");

        // Refused files get a Chinese message: by type in the browser, by content on the server.
        await input.SetInputFilesAsync(new FilePayload { Name = "说明.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("不是照片") });
        await Expect(page.GetByTestId("case-photo-error")).ToHaveTextAsync("“说明.txt”不是 JPEG、PNG 或 WebP 格式的照片。");
        await input.SetInputFilesAsync(new FilePayload { Name = "假照片.jpg", MimeType = "image/jpeg", Buffer = Encoding.UTF8.GetBytes("%PDF-1.7 not a photo") });
        await Expect(page.GetByTestId("case-photo-error")).ToHaveTextAsync("“假照片.jpg”不是可以接受的照片，请换一张 JPEG、PNG 或 WebP 照片。");
        await Expect(page.GetByTestId("case-pending-photo")).ToHaveCountAsync(0);

        await input.SetInputFilesAsync(new FilePayload { Name = "现场.png", MimeType = "image/png", Buffer = Png });
        await Expect(page.GetByTestId("case-pending-photo")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("case-photo-error")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "case-photo-pending");
        await page.GetByTestId("case-note").FillAsync("已清理路面杂物，见照片");
        await page.GetByTestId("case-act").ClickAsync();

        await Expect(page.GetByTestId("case-message")).ToHaveTextAsync("已保存");
        var thumbnail = page.GetByTestId("case-event-photos").GetByTestId("case-photo");
        await Expect(thumbnail).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("case-pending-photo")).ToHaveCountAsync(0);
        // Loaded, not a broken image: the browser sent its cookie and the endpoint accepted it.
        await page.WaitForFunctionAsync("() => { const i = document.querySelector(\"[data-testid='case-event-photos'] img\"); return i && i.complete && i.naturalWidth > 0; }");
        await BrowserFixture.ScreenshotAsync(page, "case-photo-timeline");

        // The thumbnail's link opens the full-size photo, served privately.
        var href = await page.GetByTestId("case-event-photos").Locator("a").GetAttributeAsync("href");
        Assert.Matches(@"^/api/v1/photos/[0-9a-f]{32}\.png$", href);
        var full = await page.GotoAsync(href!);
        Assert.Equal(200, full!.Status);
        Assert.Equal("image/png", full.Headers["content-type"]);
        Assert.Equal("private", full.Headers["cache-control"]);
    }

    /// <summary>Reported by the resident and accepted by the community to handle itself (处置中), through the API.</summary>
    private async Task<long> CaseHandledInTheCommunityAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        await SignInAsync(http, "demo-resident");
        var created = await (await http.PostAsJsonAsync("/api/v1/cases", new
        {
            categoryCode = "roads", description = "团结小区北门路面有大量碎石杂物", divisionCode = Tuanjie,
        })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();
        await SignInAsync(http, "demo-community-a");
        (await http.PostAsJsonAsync($"/api/v1/cases/{id}/accept", new { handleIn = "community" })).EnsureSuccessStatusCode();
        return id;
    }

    private static async Task SignInAsync(HttpClient http, string userName)
    {
        var login = await (await http.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = BrowserFixture.DemoPassword }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
    }

    /// <summary>Picks an item of a MudSelect: the list opens in a popover outside the select.</summary>
    private static async Task ChooseAsync(IPage page, string testId, string item)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = item, Exact = true }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open [role=option]")).ToHaveCountAsync(0);
    }
}

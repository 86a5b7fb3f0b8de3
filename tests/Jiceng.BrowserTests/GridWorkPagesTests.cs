using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Jiceng.BrowserTests;

/// <summary>
/// The grid worker on a phone with JavaScript off (the pages are plain forms): signs in from the "my grid" link,
/// files a patrol report with a photo, and verifies on site a case the community has reported done.
/// </summary>
public sealed class GridWorkPagesTests(BrowserFixture app)
{
    /// <summary>A 1×1 PNG, as a phone camera would send a (much larger) photo.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGM4YKAAAALEARHMijteAAAAAElFTkSuQmCC");

    [Fact]
    public async Task A_grid_worker_files_a_patrol_report_then_verifies_a_resolved_case_on_a_phone()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Phone, javaScript: false);
        var phone = await context.NewPageAsync();

        // 1. "My grid" asks for a sign-in first and comes back to the queue.
        await phone.GotoAsync("/grid");
        await Expect(phone).ToHaveURLAsync(new Regex("/account/login"));
        await phone.GetByTestId("login-username").FillAsync("demo-grid");
        await phone.GetByTestId("login-password").FillAsync(BrowserFixture.DemoPassword);
        await phone.GetByTestId("login-submit").ClickAsync();
        await Expect(phone).ToHaveURLAsync(new Regex("/grid$"));
        await Expect(phone.GetByTestId("grid-community")).ToHaveTextAsync("团结社区");

        // 2. A patrol report with a photo.
        await phone.GetByTestId("grid-report-link").ClickAsync();
        await Expect(phone).ToHaveURLAsync(new Regex("/grid/report$"));
        await phone.GetByTestId("report-category").SelectOptionAsync(new SelectOptionValue { Label = "道路" });
        await phone.GetByTestId("report-description").FillAsync("巡查发现团结小区东门减速带脱落，螺栓外露");
        await phone.GetByTestId("report-address").FillAsync("团结小区东门");
        await phone.GetByTestId("report-photos").SetInputFilesAsync(new FilePayload { Name = "减速带.png", MimeType = "image/png", Buffer = Png });
        await BrowserFixture.ScreenshotAsync(phone, "grid-report-form");
        await phone.GetByTestId("report-submit").ClickAsync();
        await Expect(phone.GetByTestId("grid-report-done")).ToBeVisibleAsync();
        var number = (await phone.GetByTestId("case-number").InnerTextAsync()).Trim();
        var href = await phone.GetByTestId("grid-report-case-link").GetAttributeAsync("href");
        var id = long.Parse(Regex.Match(href ?? "", @"^/grid/cases/(\d+)$").Groups[1].Value);
        await phone.GetByTestId("grid-report-case-link").ClickAsync();
        await Expect(phone.GetByTestId("case-number")).ToHaveTextAsync(number);
        await Expect(phone.GetByTestId("case-status")).ToHaveTextAsync("待受理");
        await Expect(phone.GetByTestId("grid-nothing-to-do")).ToBeVisibleAsync();
        await Expect(phone.GetByTestId("grid-event-photos")).ToHaveTextAsync("照片 1 张");

        // 3. The community accepts it, handles it itself and reports it done (through the API, as its console would).
        using var community = await ApiClientAsync("demo-community-a");
        await DoAsync(community, id, "accept", new { handleIn = "community" });
        await DoAsync(community, id, "resolve", new { note = "已联系物业重新固定减速带" });

        // 4. Back on the phone: the case waits in "my grid"; the worker checks it on site with a photo.
        await phone.GotoAsync("/grid");
        var row = phone.GetByTestId("grid-needs-me-list").GetByTestId($"grid-case-{id}");
        await Expect(row).ToContainTextAsync("待核查");
        await BrowserFixture.ScreenshotAsync(phone, "grid-queue");
        await AssertFitsTheScreenAsync(phone);
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(phone.GetByTestId("case-status")).ToHaveTextAsync("待核查");
        await phone.GetByTestId("grid-note").FillAsync("现场查看，减速带已重新固定");
        await phone.GetByTestId("grid-photos").SetInputFilesAsync(new FilePayload { Name = "现场.png", MimeType = "image/png", Buffer = Png });
        await BrowserFixture.ScreenshotAsync(phone, "grid-case-verify");
        await AssertFitsTheScreenAsync(phone);
        await phone.GetByTestId("grid-act-verify").ClickAsync();

        await Expect(phone.GetByTestId("grid-act-done")).ToHaveTextAsync("已完成：核查通过。");
        await Expect(phone.GetByTestId("case-status")).ToHaveTextAsync("待反馈");
        await Expect(phone.GetByTestId("case-timeline")).ToContainTextAsync("现场查看，减速带已重新固定");
        await Expect(phone.GetByTestId("case-timeline")).ToContainTextAsync("社区内办理（大事不出社区）");
        await Expect(phone.GetByTestId("grid-event-photos")).ToHaveCountAsync(2);
        // Both photos (the report's and the one from the site) load with the sign-in cookie, no script needed.
        await Expect(phone.GetByTestId("grid-photo")).ToHaveCountAsync(2);
        await Expect(phone.GetByTestId("grid-photo").Nth(0)).ToHaveJSPropertyAsync("naturalWidth", 1);
        await Expect(phone.GetByTestId("grid-photo").Nth(1)).ToHaveJSPropertyAsync("naturalWidth", 1);
        await BrowserFixture.ScreenshotAsync(phone, "grid-case-verified");
        var ct = TestContext.Current.CancellationToken;
        var timeline = (await (await community.GetAsync($"/api/v1/cases/{id}", ct)).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("timeline");
        var verify = timeline.EnumerateArray().Last();
        Assert.Equal("verify", verify.GetProperty("action").GetString());
        Assert.Single(verify.GetProperty("attachments").EnumerateArray());
    }

    /// <summary>Nothing may be wider than the phone: no sideways scrolling.</summary>
    private static async Task AssertFitsTheScreenAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"the page is {width} px wide on a 360 px screen");
    }

    private async Task<HttpClient> ApiClientAsync(string userName)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = BrowserFixture.DemoPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task DoAsync(HttpClient client, long id, string action, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{id}/{action}", body);
        Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

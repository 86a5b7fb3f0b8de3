using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Jiceng.BrowserTests;

/// <summary>The county administrator's case settings page: category limits and the county's own calendar days.</summary>
public sealed class CaseSettingsBrowserTests(BrowserFixture app)
{
    private const string Daqingshan = "230725";

    [Fact]
    public async Task County_admin_changes_a_category_handling_limit_in_the_page_and_it_is_stored()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-county");

        // A click before the circuit attaches is lost (see WaitForInteractiveAsync).
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByTestId("nav-case-settings").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/case-settings$"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("category-handling-livelihood-aid")).ToHaveTextAsync("7 个工作日");

        await page.GetByTestId("category-edit-livelihood-aid").ClickAsync();
        await Expect(page.GetByTestId("category-dialog")).ToBeVisibleAsync();
        await page.GetByTestId("category-handling-amount").FillAsync("10");
        await page.GetByTestId("category-save").ClickAsync();

        await Expect(page.GetByTestId("category-dialog")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("category-handling-livelihood-aid")).ToHaveTextAsync("10 个工作日");
        await Expect(page.GetByTestId("settings-message")).ToContainTextAsync("民生救助");
        await BrowserFixture.ScreenshotAsync(page, "case-settings");

        // Stored, not just shown: a reload and the API both see the new limit.
        await page.ReloadAsync();
        await Expect(page.GetByTestId("category-handling-livelihood-aid")).ToHaveTextAsync("10 个工作日");
        var category = (await CountyCategoriesAsync()).EnumerateArray().Single(c => c.GetProperty("code").GetString() == "livelihood-aid");
        Assert.Equal((10, "county"), (category.GetProperty("handlingAmount").GetInt32(), category.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task County_admin_refuses_an_out_of_range_limit_with_a_message_in_the_dialog()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-county");
        await page.GotoAsync("/admin/case-settings");
        await BrowserFixture.WaitForInteractiveAsync(page);

        await page.GetByTestId("category-edit-neighbour-dispute").ClickAsync();
        await page.GetByTestId("category-handling-amount").FillAsync("91");
        await page.GetByTestId("category-save").ClickAsync();

        await Expect(page.GetByTestId("category-error")).ToContainTextAsync("1–90");
        await Expect(page.GetByTestId("category-dialog")).ToBeVisibleAsync();
        var category = (await CountyCategoriesAsync()).EnumerateArray().Single(c => c.GetProperty("code").GetString() == "neighbour-dispute");
        Assert.Equal(15, category.GetProperty("handlingAmount").GetInt32());
    }

    [Fact]
    public async Task County_admin_adds_and_removes_a_local_holiday_on_the_calendar()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-county");
        await page.GotoAsync("/admin/case-settings");
        await BrowserFixture.WaitForInteractiveAsync(page);

        var date = page.Locator("[data-testid=calendar-new-date] input, input[data-testid=calendar-new-date]").First;
        await date.FillAsync("2026-08-19");
        await date.PressAsync("Tab");
        await page.GetByTestId("calendar-new-name").FillAsync("县庆");
        await page.GetByTestId("calendar-add").ClickAsync();

        await Expect(page.GetByTestId("calendar-source-2026-08-19")).ToContainTextAsync("本县");
        await page.GetByTestId("calendar-remove-2026-08-19").ClickAsync();
        await Expect(page.GetByTestId("calendar-source-2026-08-19")).ToHaveCountAsync(0);
    }

    private async Task<JsonElement> CountyCategoriesAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "demo-county", password = BrowserFixture.DemoPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetFromJsonAsync<JsonElement>($"/api/v1/counties/{Daqingshan}/case-categories");
    }
}

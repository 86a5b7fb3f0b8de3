namespace Jiceng.BrowserTests;

/// <summary>
/// The 惠民大集 console in the browser: the market day every record goes on is shown above the tabs, the love stall and
/// the free delivery each pick their own resident, so a delivery never goes to the buyer last picked at the love stall.
/// </summary>
public sealed class MarketBrowserTests(BrowserFixture app)
{
    [Fact]
    public async Task Staff_record_a_love_stall_purchase_and_a_delivery_each_for_the_resident_picked_in_that_tab()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-market");
        await page.GotoAsync("/market");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("market-info")).ToBeVisibleAsync();
        await Expect(page.GetByText("商品与价格、质量抽检、爱心摊位、送货上门均按此集日登记")).ToBeVisibleAsync();

        // The next market day has not opened, so nothing can be bought on it: a readable refusal, nothing recorded.
        await page.GetByRole(AriaRole.Tab, new() { Name = "爱心摊位" }).ClickAsync();
        var purchases = page.GetByTestId("market-purchases").Locator("tbody tr");
        await Expect(purchases.First).ToBeVisibleAsync(); // the demo's purchases
        var before = await purchases.CountAsync();
        await ChooseDayAsync(page, "年货惠民大集");
        await PickPersonAsync(page, "market-love-person", "陈淑珍", "陈**");
        await page.GetByTestId("market-love-free").FillAsync("环保购物袋"); // on the market's free-item list
        await page.GetByTestId("market-love-record").ClickAsync();
        await Expect(page.GetByTestId("market-error")).ToContainTextAsync("大集尚未开市");
        await Expect(purchases).ToHaveCountAsync(before);

        // On last week's day (held and closed) 陈淑珍 (低保) takes the free item.
        await ChooseDayAsync(page, "健康义诊进大集");
        await page.GetByTestId("market-love-record").ClickAsync();
        await Expect(page.GetByTestId("market-notice")).ToBeVisibleAsync();
        await Expect(purchases).ToHaveCountAsync(before + 1);
        // The demo gives 环保购物袋 only to 吴宝山 (特困): this row is the new one.
        var bought = purchases.Filter(new() { HasText = "环保购物袋" }).Filter(new() { HasText = "陈**" });
        await Expect(bought).ToHaveCountAsync(1);
        await Expect(bought).ToContainTextAsync("低保");

        // Free delivery, first for someone not on record: name and address typed in; a missing address is refused in
        // Chinese and nothing is added.
        await page.GetByRole(AriaRole.Tab, new() { Name = "爱心配送" }).ClickAsync();
        var rows = page.GetByTestId("market-deliveries").Locator("tbody tr");
        await Expect(rows.First).ToBeVisibleAsync(); // the demo's deliveries
        var count = await rows.CountAsync();
        await page.GetByTestId("market-delivery-name").FillAsync("赵立新");
        await page.GetByTestId("market-delivery-goods").FillAsync($"鲜鸡蛋 2 斤-{tag}");
        await page.GetByTestId("market-delivery-create").ClickAsync();
        await Expect(page.GetByTestId("market-error")).ToContainTextAsync("送货地址");
        await Expect(rows).ToHaveCountAsync(count);
        await page.GetByTestId("market-delivery-address").FillAsync("文化新村9号楼1单元301");
        await page.GetByTestId("market-delivery-create").ClickAsync();
        await Expect(rows.Filter(new() { HasText = $"鲜鸡蛋 2 斤-{tag}" })).ToContainTextAsync("赵**");
        await Expect(page.GetByTestId("market-delivery-name")).ToHaveValueAsync(""); // a fresh form

        // Then with this tab's own picker: 吴宝山 (特困) gets it, not the love stall's buyer; name and address from the record.
        await PickPersonAsync(page, "market-delivery-person", "吴宝山", "吴**");
        await page.GetByTestId("market-delivery-goods").FillAsync($"富强粉 1 袋-{tag}");
        await page.GetByTestId("market-delivery-create").ClickAsync();
        var delivery = rows.Filter(new() { HasText = $"富强粉 1 袋-{tag}" });
        await Expect(delivery).ToContainTextAsync("吴**");
        await Expect(delivery).ToContainTextAsync("文化新村"); // masked after the street
        await Expect(delivery).Not.ToContainTextAsync("7号楼");
        await Expect(rows).ToHaveCountAsync(count + 2);
        await BrowserFixture.ScreenshotAsync(page, "market-deliveries");
    }

    private static async Task ChooseDayAsync(IPage page, string theme)
    {
        await page.GetByTestId("market-day").ClickAsync();
        await page.Locator(".mud-popover-open [role=option]", new() { HasText = theme }).First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open [role=option]")).ToHaveCountAsync(0);
    }

    private static async Task PickPersonAsync(IPage page, string testId, string name, string masked)
    {
        await page.GetByTestId($"{testId}-search").FillAsync(name);
        await page.GetByTestId($"{testId}-find").ClickAsync();
        await page.GetByTestId(testId).ClickAsync();
        var option = page.Locator(".mud-popover-open [role=option]", new() { HasText = masked }).First;
        await option.ClickAsync();
        await Expect(page.Locator(".mud-popover-open [role=option]")).ToHaveCountAsync(0);
    }
}

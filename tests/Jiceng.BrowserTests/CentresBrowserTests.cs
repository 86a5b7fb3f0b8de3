namespace Jiceng.BrowserTests;

/// <summary>
/// Centres in the browser: a resident on a phone books 团结's 多功能活动室 and finds it under 我的; the community's staff see
/// the 十有 score, the activity share and the rota with its gap on the console; staff add, edit and deactivate rooms and duty
/// shifts in the console, and the public room page and the rota grid follow.
/// </summary>
public sealed class CentresBrowserTests(BrowserFixture app)
{
    [Fact]
    public async Task A_resident_books_a_room_on_a_phone_and_staff_see_centres_and_rota_gaps()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        // A slot far enough ahead and at an odd minute, so other tests' bookings never collide.
        var day = DateTime.UtcNow.AddHours(8).Date.AddDays(8 + Random.Shared.Next(5));
        var minute = 5 * Random.Shared.Next(1, 11);

        await using var phone = await app.NewContextAsync(BrowserFixture.Phone);
        var page = await phone.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-resident");
        await page.GotoAsync("/portal/c/230725100001/rooms");
        await Expect(page.Locator("li[data-testid^='room-']", new() { HasText = "多功能活动室" })).ToHaveCountAsync(1);
        await page.GetByTestId("booking-room").SelectOptionAsync(new SelectOptionValue { Label = "多功能活动室" });
        await page.GetByTestId("booking-date").FillAsync(day.ToString("yyyy-MM-dd"));
        await page.GetByTestId("booking-start").FillAsync($"18:{minute:00}");
        await page.GetByTestId("booking-end").FillAsync($"19:{minute:00}");
        await page.GetByTestId("booking-purpose").FillAsync($"浏览器测试合唱排练-{tag}");
        await page.GetByTestId("booking-submit").ClickAsync();
        await Expect(page.GetByTestId("bookings-message")).ToBeVisibleAsync();
        var mine = page.GetByTestId("my-booking").Filter(new() { HasText = tag });
        await Expect(mine).ToContainTextAsync("已确认");
        await BrowserFixture.ScreenshotAsync(page, "centres-my-bookings");

        // The same slot again: a readable Chinese error, nothing booked.
        await page.GotoAsync("/portal/c/230725100001/rooms");
        await page.GetByTestId("booking-room").SelectOptionAsync(new SelectOptionValue { Label = "多功能活动室" });
        await page.GetByTestId("booking-date").FillAsync(day.ToString("yyyy-MM-dd"));
        await page.GetByTestId("booking-start").FillAsync($"18:{minute:00}");
        await page.GetByTestId("booking-end").FillAsync($"19:{minute:00}");
        await page.GetByTestId("booking-purpose").FillAsync("重复预约");
        await page.GetByTestId("booking-submit").ClickAsync();
        await Expect(page.GetByTestId("booking-error")).ToContainTextAsync("该时段已被预约");

        await using var desk = await app.NewContextAsync(BrowserFixture.Desktop);
        var console = await desk.NewPageAsync();
        await BrowserFixture.LoginAsync(console, "demo-community-a");
        await console.GotoAsync("/centres");
        await BrowserFixture.WaitForInteractiveAsync(console);
        var centre = console.GetByTestId("centres-table").Locator("tr", new() { HasText = "团结社区党群服务中心" });
        await Expect(centre).ToContainTextAsync("10/10");
        await Expect(console.GetByTestId("centres-table").Locator("tr", new() { HasText = "团结广场红色驿站" })).ToContainTextAsync("9/10");
        await console.GetByRole(AriaRole.Tab, new() { Name = "值班排班" }).ClickAsync();
        await Expect(console.GetByTestId("rota-grid")).ToBeVisibleAsync();
        await Expect(console.GetByTestId("centres-gaps")).ToContainTextAsync("团结社区党群服务中心");
        await BrowserFixture.ScreenshotAsync(console, "centres-rota");
    }

    [Fact]
    public async Task Staff_add_and_edit_a_room_and_a_shift_in_the_console_and_the_room_shows_on_the_phone()
    {
        // Browser tests share one database: names unique per run.
        var tag = Guid.NewGuid().ToString("N")[..6];
        var roomName = $"书画室-{tag}";
        var shiftName = $"晚班-{tag}";

        await using var desk = await app.NewContextAsync(BrowserFixture.Desktop);
        var console = await desk.NewPageAsync();
        await BrowserFixture.LoginAsync(console, "demo-community-a");
        await console.GotoAsync("/centres");
        await BrowserFixture.WaitForInteractiveAsync(console);

        await console.GetByRole(AriaRole.Tab, new() { Name = "场地管理" }).ClickAsync();
        await console.GetByTestId("rooms-new").ClickAsync();
        await console.GetByTestId("room-name").FillAsync(roomName);
        await console.GetByTestId("room-capacity").FillAsync("18");
        await console.GetByTestId("room-save").ClickAsync();
        var row = console.GetByTestId("rooms-table").Locator("tr", new() { HasText = roomName });
        await Expect(row).ToContainTextAsync("团结社区党群服务中心");
        await Expect(row.Locator("[data-testid^='room-capacity-']")).ToHaveTextAsync("18");

        // A bad opening time is refused in Chinese inside the dialog and nothing changes; corrected, the new capacity is saved.
        await row.GetByRole(AriaRole.Button, new() { Name = "编辑" }).ClickAsync();
        await Expect(console.GetByTestId("room-name")).ToHaveValueAsync(roomName);
        await console.GetByTestId("room-capacity").FillAsync("26");
        await console.GetByTestId("room-open-to").FillAsync("晚上八点");
        await console.GetByTestId("room-save").ClickAsync();
        await Expect(console.GetByTestId("room-dialog-error")).ToContainTextAsync("开放时间须为 HH:mm");
        await Expect(row.Locator("[data-testid^='room-capacity-']")).ToHaveTextAsync("18");
        await console.GetByTestId("room-open-to").FillAsync("20:30");
        await console.GetByTestId("room-save").ClickAsync();
        await Expect(console.GetByTestId("room-dialog")).ToHaveCountAsync(0);
        await Expect(row.Locator("[data-testid^='room-capacity-']")).ToHaveTextAsync("26");
        await BrowserFixture.ScreenshotAsync(console, "centres-rooms");

        await using var handset = await app.NewContextAsync(BrowserFixture.Phone);
        var phone = await handset.NewPageAsync();
        await phone.GotoAsync("/portal/c/230725100001/rooms");
        var listed = phone.Locator("li[data-testid^='room-']", new() { HasText = roomName });
        await Expect(listed).ToContainTextAsync("可容纳 26 人");

        // Deactivated, it leaves the public page.
        await row.GetByRole(AriaRole.Button, new() { Name = "停用" }).ClickAsync();
        await Expect(row).ToContainTextAsync("已停用");
        await phone.ReloadAsync();
        await Expect(phone.GetByTestId("rooms-list")).ToBeVisibleAsync();
        await Expect(listed).ToHaveCountAsync(0);

        // A new shift of the centre becomes a column of the rota grid; deactivated, it leaves it again.
        await console.GetByRole(AriaRole.Tab, new() { Name = "值班排班" }).ClickAsync();
        await console.GetByTestId("shifts-new").ClickAsync();
        await console.GetByTestId("shift-name").FillAsync(shiftName);
        await console.GetByTestId("shift-start").FillAsync("19:00");
        await console.GetByTestId("shift-end").FillAsync("21:00");
        await console.GetByTestId("shift-save").ClickAsync();
        var shift = console.GetByTestId("shifts-table").Locator("tr", new() { HasText = shiftName });
        await Expect(shift).ToContainTextAsync("19:00–21:00");
        await Expect(console.GetByTestId("rota-grid").Locator("thead")).ToContainTextAsync(shiftName);
        await BrowserFixture.ScreenshotAsync(console, "centres-shifts");

        await shift.GetByRole(AriaRole.Button, new() { Name = "编辑" }).ClickAsync();
        await console.GetByTestId("shift-dialog").GetByText("启用", new() { Exact = true }).ClickAsync();
        await console.GetByTestId("shift-save").ClickAsync();
        await Expect(shift).ToContainTextAsync("已停用");
        await Expect(console.GetByTestId("rota-grid").Locator("thead")).Not.ToContainTextAsync(shiftName);
    }
}

namespace Jiceng.BrowserTests;

/// <summary>
/// One resident's problem taken all the way round the loop in real browsers: reported on a phone, accepted by the
/// community, dispatched by the street, handled by the department, verified by the grid worker, answered by the
/// community, rated by the resident, and counted on the dashboard.
/// </summary>
public sealed class CaseLoopBrowserTests(BrowserFixture app)
{
    private const string Tuanjie = "230725100001";  // 团结社区
    private const string Housing = "大箐山县住房和城乡建设局";

    [Fact]
    public async Task A_resident_report_goes_round_the_whole_loop_and_is_counted_on_the_dashboard()
    {
        // 1. The resident reports a road problem from a phone (scripts on: the no-script path has its own test).
        await using var resident = await app.NewContextAsync(BrowserFixture.Phone);
        var phone = await resident.NewPageAsync();
        await phone.GotoAsync($"/portal/c/{Tuanjie}");
        await phone.GetByTestId("service-report").ClickAsync();
        await Expect(phone).ToHaveURLAsync(new Regex($"/portal/c/{Tuanjie}/report$"));
        await phone.GetByTestId("report-category").SelectOptionAsync(new SelectOptionValue { Label = "道路" });
        await phone.GetByTestId("report-description").FillAsync("团结小区南门人行道砖块松动，晚上看不清容易绊倒");
        await phone.GetByTestId("report-submit").ClickAsync();

        await Expect(phone.GetByTestId("tracking-code")).ToHaveTextAsync(new Regex("^[0-9A-Z]{10}$"));
        var code = await phone.GetByTestId("tracking-code").InnerTextAsync();
        var number = (await phone.GetByTestId("case-number").InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrEmpty(number), "the confirmation shows no case number");

        // 2. The community finds it in its queue by its number and accepts it.
        await using var community = await app.NewContextAsync(BrowserFixture.Desktop);
        var communityPage = await community.NewPageAsync();
        await BrowserFixture.LoginAsync(communityPage, "demo-community-a");
        await communityPage.GotoAsync("/cases");
        await BrowserFixture.WaitForInteractiveAsync(communityPage);
        var link = communityPage.GetByTestId("case-table").Locator("a[data-testid^='case-link-']", new() { HasTextRegex = new Regex($"^{Regex.Escape(number)}$") });
        var href = await link.GetAttributeAsync("href");
        var id = long.Parse(Regex.Match(href ?? "", @"^/cases/(\d+)$").Groups[1].Value);
        await Expect(communityPage.GetByTestId($"case-status-{id}")).ToHaveTextAsync("待受理");
        await link.ClickAsync();
        await Expect(communityPage).ToHaveURLAsync(new Regex($"/cases/{id}$"));
        await OpenAsync(communityPage, id, number, "待受理");
        await ActAsync(communityPage, "受理", "待派单");

        // 3. The street dispatches it to the housing bureau.
        await using var street = await app.NewContextAsync(BrowserFixture.Desktop);
        var streetPage = await street.NewPageAsync();
        await BrowserFixture.LoginAsync(streetPage, "demo-street");
        await GoToCaseAsync(streetPage, id, number, "待派单");
        await Expect(streetPage.GetByTestId("case-act")).ToHaveTextAsync("派单");
        await ChooseAsync(streetPage, "case-lead-department", Housing);
        await ActAsync(streetPage, "派单", "待签收");

        // 4. The bureau claims it, then reports it done with a note as evidence.
        await using var department = await app.NewContextAsync(BrowserFixture.Desktop);
        var departmentPage = await department.NewPageAsync();
        await BrowserFixture.LoginAsync(departmentPage, "demo-dept");
        await GoToCaseAsync(departmentPage, id, number, "待签收");
        await ActAsync(departmentPage, "签收", "处置中");
        await ChooseAsync(departmentPage, "case-action-select", "办结申请");
        await ActAsync(departmentPage, "办结申请", "待核查", note: "已更换松动的人行道砖块并压实，现场已清理");

        // 5. The grid worker checks it on the spot.
        await using var grid = await app.NewContextAsync(BrowserFixture.Desktop);
        var gridPage = await grid.NewPageAsync();
        await BrowserFixture.LoginAsync(gridPage, "demo-grid");
        await GoToCaseAsync(gridPage, id, number, "待核查");
        await ActAsync(gridPage, "核查通过", "待反馈");

        // 6. The community answers the resident (a message is required). The page reloads the case itself.
        await GoToCaseAsync(communityPage, id, number, "待反馈");
        await ActAsync(communityPage, "反馈", "待评价", note: "您反映的人行道问题已由住建局修复，欢迎评价");

        // 7. The resident rates it through the tracking code.
        await phone.GotoAsync($"/track/{code}");
        await Expect(phone.GetByTestId("track-number")).ToHaveTextAsync(number);
        await Expect(phone.GetByTestId("track-status")).ToHaveTextAsync("已回复，请您评价");
        await phone.GetByTestId("rate-Satisfied").CheckAsync();
        await phone.GetByTestId("rate-solved-yes").CheckAsync();
        await phone.GetByTestId("rate-submit").ClickAsync();
        await Expect(phone.GetByTestId("track-thanks")).ToHaveTextAsync("感谢您的评价！");
        await Expect(phone.GetByTestId("track-status")).ToHaveTextAsync("已办结");
        await Expect(phone.GetByTestId("track-rating")).ToHaveTextAsync("满意");
        await Expect(phone.GetByTestId("rate-submit")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(phone, "loop-track-rated");

        // 8. The community sees the case closed with the rating, and the dashboard counts it. Other tests share
        // the database, so only lower bounds are checked.
        await GoToCaseAsync(communityPage, id, number, "已办结");
        await Expect(communityPage.GetByTestId("case-rating")).ToHaveTextAsync(new Regex("^满意 · 问题已解决$"));
        await BrowserFixture.ScreenshotAsync(communityPage, "loop-case-closed");

        await communityPage.GotoAsync("/dashboard");
        await Expect(communityPage.GetByTestId("dash-figures")).ToBeVisibleAsync();
        var closed = await communityPage.GetByTestId("dash-closed").Locator(".figure-value").InnerTextAsync();
        Assert.True(int.TryParse(closed.Trim(), out var closedCount) && closedCount >= 1, $"the dashboard shows {closed} closed cases");
        await Expect(communityPage.GetByTestId("dash-satisfaction_rate").Locator(".figure-value")).ToHaveTextAsync(new Regex(@"^\d+(\.\d)?%$"));
        await BrowserFixture.ScreenshotAsync(communityPage, "loop-dashboard");
    }

    /// <summary>Opens the case page and waits until it is live and shows the case in the expected status.</summary>
    private static async Task GoToCaseAsync(IPage page, long id, string number, string status)
    {
        await page.GotoAsync($"/cases/{id}");
        await OpenAsync(page, id, number, status);
    }

    private static async Task OpenAsync(IPage page, long id, string number, string status)
    {
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("case-number")).ToHaveTextAsync(number);
        await Expect(page.GetByTestId("case-status")).ToHaveTextAsync(status);
    }

    /// <summary>Picks an item of a MudSelect: the list opens in a popover outside the select.</summary>
    private static async Task ChooseAsync(IPage page, string testId, string item)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = item, Exact = true }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open [role=option]")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Runs the chosen action (the button carries the action's name, so it shows the server has the choice) and
    /// waits for the case to move on.
    /// </summary>
    private static async Task ActAsync(IPage page, string action, string newStatus, string? note = null)
    {
        var button = page.GetByTestId("case-act");
        await Expect(button).ToHaveTextAsync(action);
        if (note is not null)
        {
            await page.GetByTestId("case-note").FillAsync(note);
        }
        await button.ClickAsync();
        try
        {
            await Expect(page.GetByTestId("case-status")).ToHaveTextAsync(newStatus);
        }
        catch (PlaywrightException)
        {
            // The alert says why (e.g. a missing note); that beats "expected 待核查, got 处置中".
            var message = page.GetByTestId("case-message");
            if (await message.CountAsync() == 0) throw;
            Assert.Fail($"{action} did not move the case to {newStatus}; the page says: {await message.InnerTextAsync()}");
        }
        await Expect(page.GetByTestId("case-message")).ToHaveTextAsync("已保存");
    }
}

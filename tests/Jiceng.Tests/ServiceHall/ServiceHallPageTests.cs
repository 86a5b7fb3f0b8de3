using System.Net;
using System.Text.RegularExpressions;
using Jiceng.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Jiceng.Tests.ServiceHall;

/// <summary>The static phone pages over HTTP: the public catalogue and checklist, booking with sign-in, and 我的办事.</summary>
public sealed partial class ServiceHallPageTests(SharedApp app)
{
    private const string Catalogue = "/portal/c/230725100001/services";

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<HttpClient> SignedInAsync(string user)
    {
        var browser = Browser();
        var login = await Forms.SubmitAsync(browser, "/account/login",
            new Dictionary<string, string> { ["Input.UserName"] = user, ["Input.Password"] = JicengAppFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return browser;
    }

    private async Task<string> ItemUrlAsync(string name) =>
        $"{Catalogue}/{await new ServiceHallWorld(app).ItemIdAsync(name)}";

    [Fact]
    public async Task Anyone_reads_the_catalogue_by_category_with_kind_badges_and_searches_it()
    {
        var client = app.CreateClient();

        var html = await client.GetStringAsync(Catalogue);

        Assert.Contains("城乡居民基本养老保险参保登记", html);
        Assert.Contains("残疾人证办理", html);
        Assert.Contains("data-testid=\"services-category-社保\"", html);
        Assert.Contains("直接办理 28 项，代办 31 项", html);
        Assert.Equal(59, ServiceItemRow().Matches(html).Count);
        var search = await client.GetStringAsync($"{Catalogue}?q={Uri.EscapeDataString("残疾")}");
        Assert.Contains("残疾人证办理", search);
        Assert.DoesNotContain("居民医保参保缴费", search);
        Assert.Contains("/services", await client.GetStringAsync("/portal/c/230725100001"));
    }

    [Fact]
    public async Task The_checklist_prints_the_materials_and_asks_for_sign_in_to_book()
    {
        var url = await ItemUrlAsync("高龄津贴申领");
        var response = await Browser().GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("本人一卡通或银行卡", html);
        Assert.Contains("5 个工作日内办结", html);
        Assert.Contains("老龄专干", html);
        Assert.Contains("@media print", html);
        Assert.Contains("data-testid=\"appointment-login\"", html);
        Assert.Contains(Uri.EscapeDataString(new Uri("http://x" + url).AbsolutePath), html);
        Assert.DoesNotContain("data-testid=\"slot-", html);
        Assert.Equal(HttpStatusCode.OK, (await Browser().GetAsync(await ItemUrlAsync("残疾人证办理"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Browser().GetAsync($"{Catalogue}/{Guid.NewGuid()}")).StatusCode); // a friendly "not found" page
    }

    [Fact]
    public async Task A_resident_books_on_the_phone_sees_it_in_my_services_and_cancels_it()
    {
        var url = await ItemUrlAsync("老年人优待证办理");
        var browser = await SignedInAsync("demo-resident");
        var form = await browser.GetStringAsync(url);
        var slot = SlotRadio().Matches(form).Select(m => m.Groups[1].Value).First();

        var bad = await Forms.SubmitAsync(browser, url, new Dictionary<string, string> { ["Input.SlotId"] = Guid.NewGuid().ToString() });
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("data-testid=\"appointment-error\"", badHtml);
        Assert.Contains("请选择一个可预约的时段", badHtml);

        var booked = await Forms.SubmitAsync(browser, url, new Dictionary<string, string> { ["Input.SlotId"] = slot });
        var bookedHtml = await booked.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"appointment-done\"", bookedHtml);
        var twice = await Forms.SubmitAsync(browser, url, new Dictionary<string, string> { ["Input.SlotId"] = slot });
        Assert.Contains("您已预约该时段", await twice.Content.ReadAsStringAsync());

        var mine = await browser.GetStringAsync("/me/services");
        Assert.Contains("data-testid=\"my-appointments\"", mine);
        Assert.Contains("老年人优待证办理", mine);
        Assert.Contains("data-testid=\"my-help-orders\"", mine);
        Assert.Contains("意外伤害保险已代为投保", mine); // the demo's done order for this account, with its result
        var cancel = CancelButton().Matches(mine).Select(m => m.Groups[1].Value).First();
        // The page has one form per booking: post the one of this booking with its own hidden fields.
        var cancelForm = FormBlock().Matches(mine).Select(m => m.Value).Single(f => f.Contains($"appointment-cancel-{cancel}", StringComparison.Ordinal));
        var cancelled = await browser.PostAsync("/me/services", new FormUrlEncodedContent(Forms.HiddenFields(cancelForm)));
        Assert.Contains("已取消预约", await cancelled.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task My_services_asks_for_sign_in_and_comes_back()
    {
        var response = await Browser().GetAsync("/me/services");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(Uri.EscapeDataString("/me/services"), response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_console_opens_for_staff_with_the_demo_in_every_light_and_the_demo_seeds_once()
    {
        var staff = await SignedInAsync("demo-community-a");
        var page = await staff.GetStringAsync("/service-hall");
        Assert.Contains("data-testid=\"items-table\"", page);
        Assert.Contains("城乡居民基本养老保险参保登记", page);
        Assert.Contains("data-testid=\"servicehall-figures\"", page); // only the first tab is prerendered

        var w = new ServiceHallWorld(app);
        var orders = await w.GetOkAsync("demo-community-a", $"/api/v1/help-orders?division={ServiceHallWorld.Tuanjie}");
        foreach (var light in new[] { "green", "yellow", "red" })
            Assert.Contains(orders.EnumerateArray(), o => o.GetProperty("light").GetString() == light);
        Assert.Contains((await w.GetOkAsync("demo-community-a", $"/api/v1/hard-requests?division={ServiceHallWorld.Tuanjie}")).EnumerateArray(),
            r => r.GetProperty("subject").GetString() == "小区设置电动车充电桩" && r.GetProperty("outcome").GetString() == "solved");

        var before = await w.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.ServiceSlots));
        await app.AsSystemAsync(sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Jiceng.Web.Demo.ServiceHallDemoSeeder>(sp).SeedAsync(CancellationToken.None));
        Assert.Equal(before, await w.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.ServiceSlots)));
    }

    [GeneratedRegex("data-testid=\"service-item\"")]
    private static partial Regex ServiceItemRow();

    [GeneratedRegex("type=\"radio\" name=\"Input.SlotId\" value=\"([0-9a-f-]{36})\"(?! disabled)")]
    private static partial Regex SlotRadio();

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormBlock();

    [GeneratedRegex("data-testid=\"appointment-cancel-([0-9a-f-]{36})\"")]
    private static partial Regex CancelButton();
}

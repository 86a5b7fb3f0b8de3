using System.Net;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.Market.Domain;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Tests.Market;

/// <summary>The market's pages through HTTP: the resident's complaint form (static, posted) and the staff console.</summary>
[Collection(MarketApp.Collection)]
public sealed class MarketPageTests(MarketApp world)
{
    private async Task<HttpClient> BrowserAsync(string user)
    {
        var browser = world.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await Forms.SubmitAsync(browser, "/account/login",
            new Dictionary<string, string> { ["Input.UserName"] = user, ["Input.Password"] = JicengAppFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return browser;
    }

    [Fact]
    public async Task A_resident_sends_a_complaint_from_the_phone_page_and_sees_it_under_their_own()
    {
        var market = await world.YinzhouAsync();
        var url = $"/portal/market/{market}/complaint";
        Assert.Equal(HttpStatusCode.Redirect, (await world.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(url)).StatusCode);

        var browser = await BrowserAsync("demo-resident");
        var form = await browser.GetStringAsync(url);
        Assert.Contains("data-testid=\"market-complaint-category\"", form);
        Assert.Contains("诚信粮油商行", form); // vendors to choose from
        Assert.DoesNotContain("鑫发水产", form); // expelled

        var sent = await Forms.SubmitAsync(browser, url, new Dictionary<string, string>
        {
            ["Input.Category"] = "quality", ["Input.Vendor"] = "惠民果蔬超市", ["Input.Text"] = "买的苹果有几个烂了",
        });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var page = await sent.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"market-complaint-done\"", page);
        Assert.Contains("买的苹果有几个烂了", page);
        var stored = await world.QueryAsync(db => db.MarketComplaints.AsNoTracking().SingleAsync(c => c.Text == "买的苹果有几个烂了"));
        Assert.Equal(ComplaintCategory.Quality, stored.Category);
        Assert.NotNull(stored.VendorId);
        Assert.Equal(ComplaintSource.Resident, stored.Source);
    }

    [Fact]
    public async Task The_console_page_shows_the_staff_members_own_market_only()
    {
        var mine = await (await BrowserAsync("demo-market")).GetStringAsync("/market");
        Assert.Contains("惠民大集（文化新村）", mine);
        Assert.Contains("data-testid=\"market-tabs\"", mine);
        Assert.DoesNotContain("惠民大集（带岭镇）", mine);
        var theirs = await (await BrowserAsync("demo-street")).GetStringAsync("/market");
        Assert.Contains("惠民大集（带岭镇）", theirs);
        Assert.DoesNotContain("惠民大集（文化新村）", theirs);
    }

    [Fact]
    public async Task A_communitys_portal_page_links_the_markets_of_its_street_and_no_others()
    {
        var market = await world.YinzhouAsync();
        var anonymous = world.App.CreateClient();
        // 青年社区 lies in 红旗街道, which runs the 文化新村 market; 团结社区 (大箐山县) does not.
        var qingnian = await anonymous.GetStringAsync("/portal/c/211202001001");
        Assert.Contains($"href=\"/portal/market/{market}\"", qingnian);
        Assert.Contains("惠民大集（文化新村）", qingnian);
        var tuanjie = await anonymous.GetStringAsync("/portal/c/230725100001");
        Assert.DoesNotContain($"/portal/market/{market}", tuanjie);
        Assert.DoesNotContain("惠民大集（文化新村）", tuanjie);
    }
}

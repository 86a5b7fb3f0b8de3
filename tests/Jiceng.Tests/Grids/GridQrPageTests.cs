using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.Grids.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Jiceng.Tests.Grids;

/// <summary>The printable QR cards: each encodes the portal's report page for its grid or building, at the right address.</summary>
public sealed partial class GridQrPageTests(SharedApp app)
{
    private readonly GridApi _api = new(app);

    private static async Task<HttpClient> SignedInAsync(JicengAppFactory factory, string user)
    {
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await Forms.SubmitAsync(browser, "/account/login",
            new Dictionary<string, string> { ["Input.UserName"] = user, ["Input.Password"] = JicengAppFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return browser;
    }

    /// <summary>The card's QR code is exactly the code of the expected URL (QR encoding is deterministic), and the URL is printed.</summary>
    private static void AssertCardFor(string html, string url)
    {
        Assert.Contains(WebUtility.HtmlEncode(url), html, StringComparison.Ordinal);
        Assert.Contains(QrOf(GridQrCodes.Svg(url)), Svgs(html));
        Assert.Contains("扫码反映问题", html, StringComparison.Ordinal);
    }

    private static string QrOf(string svg) => Regex.Replace(svg, @"\s+", " ").Trim();

    private static List<string> Svgs(string html) => SvgPattern().Matches(html).Select(m => QrOf(WebUtility.HtmlDecode(m.Value))).ToList();

    [Fact]
    public async Task A_grid_card_encodes_the_portal_report_page_with_the_grid()
    {
        var grid = await _api.GridAsync("demo-community-a", GridApi.Tuanjie, "第1网格");
        var id = grid.GetProperty("id").GetGuid();
        var browser = await SignedInAsync(app, "demo-community-a");

        var response = await browser.GetAsync($"/grids/{id}/qr");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCardFor(html, $"http://localhost/portal/c/{GridApi.Tuanjie}/report?grid={id}");
        Assert.Contains("团结社区", html, StringComparison.Ordinal);
        Assert.Contains("第1网格", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src=\"_framework/blazor.web.js\"", html, StringComparison.Ordinal);
        // The QR code is a different one for another grid.
        var other = (await _api.GridAsync("demo-community-a", GridApi.Tuanjie, "第2网格")).GetProperty("id").GetGuid();
        Assert.DoesNotContain(QrOf(GridQrCodes.Svg($"http://localhost/portal/c/{GridApi.Tuanjie}/report?grid={other}")), Svgs(html));
    }

    [Fact]
    public async Task A_building_card_encodes_the_report_page_with_the_building()
    {
        var grid = await _api.GridAsync("demo-grid", GridApi.Tuanjie, "第2网格");
        var buildings = await (await (await _api.As("demo-grid")).GetAsync($"/api/v1/grids/{grid.GetProperty("id").GetGuid()}/buildings")).ReadOkAsync<JsonElement>();
        var building = buildings[0];
        var browser = await SignedInAsync(app, "demo-grid");

        var html = await browser.GetStringAsync($"/buildings/{building.GetProperty("id").GetGuid()}/qr");

        AssertCardFor(html, $"http://localhost/portal/c/{GridApi.Tuanjie}/report?building={building.GetProperty("id").GetGuid()}");
        Assert.Contains(WebUtility.HtmlEncode(building.GetProperty("displayName").GetString()!), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_community_sheet_prints_every_grid_and_on_request_every_building()
    {
        var grids = await _api.ListAsync("demo-community-b", GridApi.Yuxi);
        var browser = await SignedInAsync(app, "demo-community-b");

        var sheet = await browser.GetStringAsync($"/grids/qr?division={GridApi.Yuxi}");
        var withBuildings = await browser.GetStringAsync($"/grids/qr?division={GridApi.Yuxi}&buildings=true");

        Assert.Equal(grids.Count, Svgs(sheet).Count);
        foreach (var grid in grids)
        {
            AssertCardFor(sheet, $"http://localhost/portal/c/{GridApi.Yuxi}/report?grid={grid.GetProperty("id").GetGuid()}");
        }
        var buildingCount = grids.Sum(g => g.GetProperty("counts").GetProperty("buildings").GetInt32());
        Assert.Equal(grids.Count + buildingCount, Svgs(withBuildings).Count);
        Assert.Equal(buildingCount, Regex.Matches(withBuildings, Regex.Escape("report?building=")).Count);
    }

    [Fact]
    public async Task Another_community_cards_are_not_found()
    {
        var id = (await _api.GridAsync("demo-community-a", GridApi.Tuanjie, "第1网格")).GetProperty("id").GetGuid();
        var browser = await SignedInAsync(app, "demo-community-b");

        var card = await browser.GetAsync($"/grids/{id}/qr");
        var sheet = await browser.GetAsync($"/grids/qr?division={GridApi.Tuanjie}");

        Assert.Equal(HttpStatusCode.NotFound, card.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, sheet.StatusCode);
        Assert.DoesNotContain("<svg", await card.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", await sheet.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_configured_public_address_is_the_one_encoded()
    {
        await using var configured = new JicengAppFactory { Settings = new Dictionary<string, string> { ["Grids:PublicBaseUrl"] = "https://jiceng.example.gov.cn/" } };
        var api = new GridApi(configured);
        var id = (await api.GridAsync("demo-community-a", GridApi.Tuanjie, "第3网格")).GetProperty("id").GetGuid();
        var browser = await SignedInAsync(configured, "demo-community-a");

        var html = await browser.GetStringAsync($"/grids/{id}/qr");

        AssertCardFor(html, $"https://jiceng.example.gov.cn/portal/c/{GridApi.Tuanjie}/report?grid={id}");
        Assert.DoesNotContain("http://localhost/portal", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<svg.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgPattern();
}

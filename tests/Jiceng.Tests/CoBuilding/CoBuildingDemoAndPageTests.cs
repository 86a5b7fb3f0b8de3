using System.Net;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Demo;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.CoBuilding;

/// <summary>The demo's co-building data as the demo accounts see it, a second seeding run, and the console page for staff and a unit.</summary>
public sealed class CoBuildingDemoAndPageTests(SharedApp app) : IClassFixture<SharedApp>
{
    private readonly CoBuildingWorld _world = new(app);

    [Fact]
    public async Task The_demo_unit_sees_its_pairing_with_tuanjie_and_the_demo_is_seeded_once()
    {
        var mine = await _world.GetOkAsync("demo-unit", "/pairings");
        var pairing = Assert.Single(mine.EnumerateArray());
        Assert.Equal(CoBuildingWorld.Tuanjie, pairing.GetProperty("divisionCode").GetString());
        Assert.Equal("active", pairing.GetProperty("status").GetString());
        Assert.Equal(PartyBuildingDemoSeeder.DemoUnitName, pairing.GetProperty("unitName").GetString());

        var tuanjie = await _world.GetOkAsync("demo-community-a", $"/pairings?division={CoBuildingWorld.Tuanjie}");
        var before = tuanjie.GetArrayLength();
        Assert.True(before >= 3);
        var needs = await _world.GetOkAsync("demo-unit", $"/needs?division={CoBuildingWorld.Tuanjie}");
        Assert.Equal(6, needs.EnumerateArray().Select(n => n.GetProperty("category").GetString()).Distinct().Count());
        var quarters = await _world.GetOkAsync("demo-community-a", "/meetings/quarters");
        Assert.True(Assert.Single(quarters.EnumerateArray()).GetProperty("quarters").EnumerateArray().Sum(q => q.GetProperty("meetings").GetInt32()) >= 1);

        await app.AsSystemAsync(sp => sp.GetRequiredService<CoBuildingDemoSeeder>().SeedAsync());
        Assert.Equal(before, (await _world.GetOkAsync("demo-community-a", $"/pairings?division={CoBuildingWorld.Tuanjie}")).GetArrayLength());
    }

    [Theory]
    [InlineData("demo-unit")]
    [InlineData("demo-community-a")]
    public async Task The_console_page_opens_for_staff_and_unit_accounts(string user)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await Forms.SubmitAsync(browser, "/account/login",
            new Dictionary<string, string> { ["Input.UserName"] = user, ["Input.Password"] = JicengAppFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var page = await browser.GetStringAsync("/cobuilding");
        Assert.Contains("data-testid=\"pairings-table\"", page);
        Assert.Contains("大箐山县自然资源局", page);
    }
}

using System.Net;
using Jiceng.Tests.Care;
using Jiceng.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Tests.PartyMembers;

/// <summary>The phone page /me/party (static form, no script) and the console page rendering.</summary>
public sealed class PartyPagesTests(PartyApp app) : IClassFixture<PartyApp>
{
    private readonly PartyWorld _world = new(app);

    private async Task<HttpClient> SignedInAsync(string user, string password)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await Forms.SubmitAsync(browser, "/account/login", new Dictionary<string, string> { ["Input.UserName"] = user, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return browser;
    }

    [Fact]
    public async Task A_member_registers_on_the_phone_page_and_sees_the_status_and_this_years_checklist()
    {
        var member = await _world.MemberAsync(name: "曹文静");
        var browser = await SignedInAsync(member.UserName, CareWorld.Password);
        var page = await browser.GetStringAsync("/me/party");
        Assert.Contains("data-testid=\"party-me-submit\"", page);
        Assert.Contains($"value=\"{PartyWorld.Tuanjie}\"", page); // communities of the member's county, theirs preselected
        Assert.Contains("data-testid=\"party-me-six-organisation_life\" data-done=\"false\"", page);

        // A bad code is refused with a message and nothing is stored.
        var bad = await Forms.SubmitAsync(browser, "/me/party",
            new Dictionary<string, string> { ["Input.DivisionCode"] = "000000000000", ["Input.EmployerName"] = "大箐山县教育局" });
        Assert.Contains("data-testid=\"party-me-error\"", await bad.Content.ReadAsStringAsync());
        Assert.Equal(0, await _world.Q(db => db.MemberRegistrations.CountAsync(r => r.UserId == member.UserId)));

        var unit = await _world.DemoUnitIdAsync();
        var done = await Forms.SubmitAsync(browser, "/me/party", new Dictionary<string, string>
        {
            ["Input.DivisionCode"] = PartyWorld.Tuanjie, ["Input.UnitId"] = unit.ToString(), ["Input.EmployerName"] = "", ["Input.Skills"] = "政策宣讲",
        });
        var html = await done.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"party-me-registration\"", html);
        Assert.DoesNotContain("data-testid=\"party-me-submit\"", html);
        var stored = await _world.Q(db => db.MemberRegistrations.SingleAsync(r => r.UserId == member.UserId));
        Assert.Equal(unit, stored.UnitId);
        Assert.Equal("大箐山县自然资源局", stored.EmployerName);
        Assert.Equal(member.PersonId, stored.PersonId);
    }

    [Fact]
    public async Task The_console_page_renders_for_community_staff_and_not_for_a_member()
    {
        var staff = await SignedInAsync("demo-community-a", JicengAppFactory.DemoPassword);
        var response = await staff.GetAsync("/party-members");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("party-registrations", await response.Content.ReadAsStringAsync());

        var member = await SignedInAsync("demo-party", JicengAppFactory.DemoPassword);
        var denied = await member.GetAsync("/party-members");
        Assert.DoesNotContain("party-registrations", await denied.Content.ReadAsStringAsync());
    }
}

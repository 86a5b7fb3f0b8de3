using Jiceng.Web.Data;
using Jiceng.Web.Modules.PartyMembers.Domain;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.BrowserTests;

/// <summary>
/// 双报到 in the console and on the phone: community staff confirm a pending registration, record an organisation life
/// and who attended; the demo party member sees her status and this year's "六个一" on a 360 px phone. The console test
/// makes its own registration and takes it away afterwards, so the shared demo data stays as other tests expect it.
/// </summary>
public sealed class PartyMemberBrowserTests(BrowserFixture app)
{
    private const string Tuanjie = "230725100001";

    [Fact]
    public async Task Community_staff_confirm_a_registration_and_record_attendance_at_an_organisation_life()
    {
        var registration = await AsSystemAsync(async db =>
        {
            var tuanjie = await db.Divisions.SingleAsync(d => d.Code == Tuanjie);
            var r = new MemberRegistration(Guid.NewGuid(), tuanjie.Code, tuanjie.Path, "邓浏览", DateTime.UtcNow) { EmployerName = "大箐山县浏览器测试局" };
            db.MemberRegistrations.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });
        try
        {
            await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
            var page = await context.NewPageAsync();
            await BrowserFixture.LoginAsync(page, "demo-community-a");
            await page.GotoAsync("/party-members");
            await BrowserFixture.WaitForInteractiveAsync(page);

            await Expect(page.GetByTestId($"party-status-{registration}")).ToHaveTextAsync("待确认");
            await page.GetByTestId($"party-confirm-{registration}").ClickAsync();
            await Expect(page.GetByTestId("party-notice")).ToContainTextAsync("已确认报到");
            await Expect(page.GetByTestId($"party-status-{registration}")).ToHaveTextAsync("已确认");
            Assert.Equal(RegistrationStatus.Confirmed, await AsSystemAsync(db => db.MemberRegistrations.Where(r => r.Id == registration).Select(r => r.Status).SingleAsync()));

            await page.GetByRole(AriaRole.Tab, new() { Name = "组织生活与座谈调研" }).ClickAsync();
            await page.GetByTestId("party-session-title").FillAsync("浏览器测试主题党日");
            await page.GetByTestId("party-session-save").ClickAsync();
            await Expect(page.GetByTestId("party-session-detail")).ToContainTextAsync("浏览器测试主题党日");
            await page.GetByTestId($"party-attend-{registration}").ClickAsync();
            await page.GetByTestId("party-attend-save").ClickAsync();
            await Expect(page.GetByTestId("party-notice")).ToContainTextAsync("已登记 1 人参加");
            await Expect(page.GetByTestId("party-session-detail")).ToContainTextAsync("邓**");
            await BrowserFixture.ScreenshotAsync(page, "party-sessions");
            Assert.Equal(1, await AsSystemAsync(db => db.MemberSessionAttendance.CountAsync(a => a.RegistrationId == registration && a.Kind == MemberSessionKind.OrganisationLife)));
        }
        finally
        {
            await AsSystemAsync(async db =>
            {
                var sessions = db.MemberSessionAttendance.Where(a => a.RegistrationId == registration).Select(a => a.SessionId);
                await db.MemberSessions.Where(s => sessions.Contains(s.Id)).ExecuteDeleteAsync();
                return await db.MemberRegistrations.Where(r => r.Id == registration).ExecuteDeleteAsync();
            });
        }
    }

    [Fact]
    public async Task The_demo_party_member_sees_her_confirmed_registration_and_checklist_on_a_phone()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Phone);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-party");
        await page.GotoAsync("/me/party");
        await Expect(page.GetByTestId("party-me-status")).ToHaveTextAsync("已确认");
        await Expect(page.GetByTestId("party-me-six-organisation_life")).ToHaveAttributeAsync("data-done", "true");
        await Expect(page.GetByTestId("party-me-six-cadre_discussion")).ToHaveAttributeAsync("data-done", "false");
        await Expect(page.GetByTestId("party-me-six-cadre_discussion")).ToContainTextAsync("座谈");
        await BrowserFixture.ScreenshotAsync(page, "party-me");
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var screen = await page.EvaluateAsync<int>("() => window.innerWidth");
        Assert.True(width <= screen, $"the page is {width} px wide on a {screen} px screen");
    }

    private async Task<T> AsSystemAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = app.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

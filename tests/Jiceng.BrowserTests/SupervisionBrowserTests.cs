using System.Security.Cryptography;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.BrowserTests;

/// <summary>The county's supervision view (督办) in a real browser: an overdue case is listed and the county issues an order.</summary>
public sealed class SupervisionBrowserTests(BrowserFixture app)
{
    private const string Tuanjie = "230725100001"; // 团结社区

    [Fact]
    public async Task The_county_sees_an_overdue_case_and_issues_a_supervision_order()
    {
        var (id, number) = await OverdueCaseAsync();

        await using var county = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await county.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-county");
        // A click before the circuit attaches is lost (see WaitForInteractiveAsync).
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByTestId("nav-supervision").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/supervision$"));
        await BrowserFixture.WaitForInteractiveAsync(page);

        // The overdue list is shown first; the count says what it means; the case is there, hours past its deadline.
        await Expect(page.GetByTestId("sup-list-title")).ToHaveTextAsync("办理超时");
        var overdue = page.GetByTestId("sup-count-overdue");
        await Expect(overdue).ToHaveAttributeAsync("title", new Regex("已超过办理时限"));
        Assert.True(int.Parse(await overdue.Locator(".figure-value").InnerTextAsync()) >= 1);
        await Expect(page.GetByTestId($"sup-case-{id}")).ToHaveTextAsync(number);
        await Expect(page.GetByTestId($"sup-hours-{id}")).ToHaveTextAsync(new Regex(@"^超时 \d+(\.\d)? 小时$"));
        await Expect(page.GetByTestId($"sup-supervised-{id}")).ToHaveCountAsync(0);

        // 督办: the order needs its instruction.
        await page.GetByTestId($"sup-supervise-{id}").ClickAsync();
        await page.GetByTestId("sup-send").ClickAsync();
        await Expect(page.GetByTestId("sup-dialog-error")).ToHaveTextAsync("请填写督办要求。");
        await page.GetByTestId("sup-note").FillAsync("县督办：请于三日内修复并上传照片");
        await page.GetByTestId("sup-send").ClickAsync();
        await Expect(page.GetByTestId("sup-message")).ToContainTextAsync(number);
        await Expect(page.GetByTestId($"sup-supervised-{id}")).ToHaveTextAsync("已督办");
        await BrowserFixture.ScreenshotAsync(page, "supervision-ordered");

        // The order is on the case (the same action as the case page), and the supervised list holds it.
        var ordered = await AsSystemAsync(db => db.Cases.Where(c => c.Id == id).Select(c => new { c.SupervisedUtc, c.SupervisionNote }).SingleAsync());
        Assert.NotNull(ordered.SupervisedUtc);
        Assert.Equal("县督办：请于三日内修复并上传照片", ordered.SupervisionNote);
        await page.GetByTestId("sup-count-supervised").ClickAsync();
        await Expect(page.GetByTestId("sup-list-title")).ToHaveTextAsync("督办中");
        await Expect(page.GetByTestId($"sup-case-{id}")).ToHaveTextAsync(number);

        // In English on request.
        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Supervision");
        await Expect(page.GetByTestId("sup-count-overdue").Locator(".figure-label")).ToHaveTextAsync("Overdue");

        // A street sees the same case but may not order supervision: that is the county's.
        await using var street = await app.NewContextAsync(BrowserFixture.Desktop);
        var streetPage = await street.NewPageAsync();
        await BrowserFixture.LoginAsync(streetPage, "demo-street");
        await streetPage.GotoAsync("/supervision");
        await BrowserFixture.WaitForInteractiveAsync(streetPage);
        await Expect(streetPage.GetByTestId($"sup-case-{id}")).ToHaveTextAsync(number);
        await Expect(streetPage.GetByTestId($"sup-supervise-{id}")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// A road case of 团结社区 accepted, dispatched to 住建局 and claimed 60 days ago: far past its 7 working days. The
    /// server's clock is real, so the case is made through the domain with a clock set in the past.
    /// </summary>
    private async Task<(long Id, string Number)> OverdueCaseAsync() =>
        await AsSystemAsync(async db =>
        {
            var then = DateTime.UtcNow.AddDays(-60);
            var clock = new FixedClock(then);
            var category = await db.CaseCategories.SingleAsync(c => c.Code == "roads" && c.CountyCode == null);
            var path = await db.Divisions.Where(d => d.Code == Tuanjie).Select(d => d.Path).SingleAsync();
            var housing = await db.Departments.Where(d => d.ShortCode == "ZJJ").Select(d => d.Id).SingleAsync();
            var @case = Case.Submit(category, "团结小区3号楼前路面塌陷，积水严重", Tuanjie, path, CaseChannel.Phone, CaseActor.Reporter(),
                null, null, null, null, null, RandomNumberGenerator.GetString("23456789ABCDEFGHJKMNPQRSTUVWXYZ", 10), then);
            Check(@case.Accept(new CaseActor(null, "团结社区", [Roles.CommunityStaff], null, null), null, null, clock));
            Check(@case.Dispatch(new CaseActor(null, "带岭镇", [Roles.StreetStaff], null, null), housing, [], null, clock));
            Check(@case.Claim(new CaseActor(null, "住建局", [Roles.DepartmentHandler], null, housing), null, then));
            db.Cases.Add(@case);
            await db.SaveChangesAsync();
            return (@case.Id, @case.Number);
        });

    private static void Check(Jiceng.Web.Platform.Errors.Error? error) => Assert.Null(error);

    /// <summary>Runs work on the server's database as the system (no data scope), as seeding does.</summary>
    private async Task<T> AsSystemAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = app.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private sealed class FixedClock(DateTime now) : ICaseClock
    {
        public DateTime UtcNow => now;
        public DateTime Deadline(DateTime startUtc, int amount, TimeLimitUnit unit) => WorkingCalendar.China().Deadline(startUtc, amount, unit);
    }
}

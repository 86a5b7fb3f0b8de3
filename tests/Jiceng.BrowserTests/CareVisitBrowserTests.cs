using Jiceng.Web.Data;
using Jiceng.Web.Modules.Grids.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.BrowserTests;

/// <summary>The demo grid worker records a visit (走访慰问) on a phone: signs in, finds an overdue key person, records what was found and given.</summary>
public sealed class CareVisitBrowserTests(BrowserFixture app)
{
    private static readonly BrowserNewContextOptions Phone390 = new()
    {
        ViewportSize = new() { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
        DeviceScaleFactor = 2,
    };

    private sealed record Arranged(Guid Person, Guid? CreatedWorker, Guid? CreatedGrid, Guid? CreatedAssignment);

    [Fact]
    public async Task The_demo_grid_worker_records_a_visit_for_an_overdue_person_on_a_phone()
    {
        var arranged = await ArrangeAsync();
        try
        {
            await using var context = await app.NewContextAsync(Phone390);
            var phone = await context.NewPageAsync();

            // Signing in brings the worker back to the visit page.
            await phone.GotoAsync("/care/visit");
            await Expect(phone).ToHaveURLAsync(new Regex("/account/login"));
            await phone.GetByTestId("login-username").FillAsync("demo-grid");
            await phone.GetByTestId("login-password").FillAsync(BrowserFixture.DemoPassword);
            await phone.GetByTestId("login-submit").ClickAsync();
            await Expect(phone).ToHaveURLAsync(new Regex("/care/visit$"));

            // The person is in the overdue list, masked; a tap opens the form with them chosen.
            var row = phone.GetByTestId("care-visit-overdue-list").GetByTestId($"care-visit-person-{arranged.Person}");
            await Expect(row).ToContainTextAsync("翟**");
            await Expect(row).ToContainTextAsync("逾期 3 天");
            await Expect(phone.Locator("body")).Not.ToContainTextAsync("翟秋菊");
            await BrowserFixture.ScreenshotAsync(phone, "care-visit-list");
            await AssertFitsTheScreenAsync(phone);
            await row.GetByRole(AriaRole.Link).ClickAsync();
            await Expect(phone.GetByTestId("care-visit-person")).ToHaveValueAsync(arranged.Person.ToString());

            await phone.GetByTestId("care-visit-findings").FillAsync("老人精神好，药已吃完，需代购降压药");
            await phone.GetByTestId("care-visit-gifts").FillAsync("米一袋、油一桶");
            await phone.GetByTestId("care-visit-value").FillAsync("120");
            await BrowserFixture.ScreenshotAsync(phone, "care-visit-form");
            await AssertFitsTheScreenAsync(phone);
            await phone.GetByTestId("care-visit-submit").ClickAsync();

            var confirmation = phone.GetByTestId("care-visit-confirmation");
            await Expect(confirmation).ToContainTextAsync("走访 翟**（独居老人）");
            await Expect(confirmation).ToContainTextAsync("慰问物品：米一袋、油一桶，价值 120.00 元。");
            await Expect(confirmation).ToContainTextAsync("下次应于");
            // No longer overdue: due again in a week.
            await Expect(phone.GetByTestId("care-visit-overdue-list").GetByTestId($"care-visit-person-{arranged.Person}")).ToHaveCountAsync(0);
            await Expect(phone.GetByTestId("care-visit-due-list").GetByTestId($"care-visit-person-{arranged.Person}")).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(phone, "care-visit-done");
            await AssertFitsTheScreenAsync(phone);

            var visit = await AsSystemAsync(db => db.CareVisits.AsNoTracking().SingleAsync(v => v.PersonId == arranged.Person));
            var demoGrid = await AsSystemAsync(db => db.Users.Where(u => u.UserName == "demo-grid").Select(u => u.Id).SingleAsync());
            Assert.Equal((demoGrid, 120m, "老人精神好，药已吃完，需代购降压药"), (visit.VisitorUserId!.Value, visit.GiftValue, visit.Findings));
        }
        finally
        {
            await CleanUpAsync(arranged);
        }
    }

    /// <summary>
    /// The demo grid worker's person record and grid come from the grid seed when it made them; otherwise (or when it
    /// did not assign them a grid) the test makes them, and a key person in that grid last seen ten days ago.
    /// </summary>
    private Task<Arranged> ArrangeAsync() => AsSystemAsync(async db =>
    {
        var now = DateTime.UtcNow;
        var tuanjie = await db.Divisions.SingleAsync(d => d.Code == "230725100001");
        var userId = await db.Users.Where(u => u.UserName == "demo-grid").Select(u => u.Id).SingleAsync();
        Guid? createdWorker = null, createdGrid = null, createdAssignment = null;

        var worker = await db.People.Where(p => p.UserId == userId).OrderBy(p => p.CreatedUtc).FirstOrDefaultAsync();
        if (worker is null)
        {
            worker = new Person(tuanjie.Code, tuanjie.Path, now) { UserId = userId };
            worker.SetName("演示网格员", DateOnly.FromDateTime(now));
            db.People.Add(worker);
            createdWorker = worker.Id;
        }
        var gridId = await db.GridWorkers.Where(a => a.PersonId == worker.Id).OrderBy(a => a.SinceUtc).Select(a => (Guid?)a.GridId).FirstOrDefaultAsync();
        if (gridId is null)
        {
            var grid = new Grid(tuanjie.Code, tuanjie.Path, "走访测试网格" + Guid.NewGuid().ToString("N")[..6], now);
            db.Grids.Add(grid);
            var assignment = new GridWorkerAssignment(grid, worker.Id, GridWorkerType.PartTime, now);
            db.GridWorkers.Add(assignment);
            (createdGrid, createdAssignment, gridId) = (grid.Id, assignment.Id, grid.Id);
        }
        var person = new Person(tuanjie.Code, tuanjie.Path, now) { GridId = gridId };
        person.SetName("翟秋菊", DateOnly.FromDateTime(now));
        db.People.Add(person);
        db.PersonTags.Add(new PersonTag(person.Id, "elderly-alone", now.AddDays(-10))); // due three days ago
        await db.SaveChangesAsync();
        return new Arranged(person.Id, createdWorker, createdGrid, createdAssignment);
    });

    /// <summary>Takes away what the test added, so the shared demo data is as the other browser tests expect it.</summary>
    private Task CleanUpAsync(Arranged arranged) => AsSystemAsync(async db =>
    {
        await db.People.Where(p => p.Id == arranged.Person).ExecuteDeleteAsync();
        if (arranged.CreatedAssignment is { } a) await db.GridWorkers.Where(x => x.Id == a).ExecuteDeleteAsync();
        if (arranged.CreatedGrid is { } g) await db.Grids.Where(x => x.Id == g).ExecuteDeleteAsync();
        if (arranged.CreatedWorker is { } w) await db.People.Where(x => x.Id == w).ExecuteDeleteAsync();
        return true;
    });

    /// <summary>Nothing may be wider than the phone: no sideways scrolling.</summary>
    private static async Task AssertFitsTheScreenAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width} px wide on a 390 px screen");
    }

    private async Task<T> AsSystemAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = app.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

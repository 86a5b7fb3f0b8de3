using Jiceng.Web.Data;
using Jiceng.Web.Modules.Care.Domain;
using Jiceng.Web.Modules.Care.Features;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.BrowserTests;

/// <summary>
/// Community staff at a desk do in the care console what the API allows: make and change a help plan (一人一策),
/// record a visit from the overdue list, pair medical staff and record guidance, register a device and see its secret once. Each test makes its own people
/// in 团结社区 (names sorting first, so they are on the first page) and takes them away afterwards.
/// </summary>
public sealed class CareConsoleBrowserTests(BrowserFixture app)
{
    private const string Tuanjie = "230725100001";

    [Fact]
    public async Task Community_staff_make_a_help_plan_with_a_helper_from_the_group_list_and_change_it()
    {
        var person = await AddPersonAsync("丁慧兰", "elderly-alone", taggedDaysAgo: 1);
        var helper = await AddPersonAsync("丁志刚", group: null, taggedDaysAgo: 0);
        try
        {
            await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
            var page = await context.NewPageAsync();
            await BrowserFixture.LoginAsync(page, "demo-community-a");
            await page.GotoAsync("/care/groups/elderly-alone");
            await BrowserFixture.WaitForInteractiveAsync(page);

            await page.GetByTestId($"care-plan-create-{person}").ClickAsync();
            await Expect(page.GetByTestId("care-plan-person-fixed")).ToContainTextAsync("丁慧兰");
            await page.GetByTestId("care-plan-measures").FillAsync("每周送菜一次\n每月陪同就医一次");
            await PickAsync(page, "care-plan-helper-pick", "丁志刚", helper);
            await page.GetByTestId("care-plan-helper-duty").FillAsync("包保干部");
            await page.GetByTestId("care-plan-helper-add").ClickAsync();
            await Expect(page.GetByTestId($"care-plan-helper-{helper}")).ToContainTextAsync("丁志刚");
            await BrowserFixture.ScreenshotAsync(page, "care-plan-dialog");
            await page.GetByTestId("care-plan-save").ClickAsync();

            await Expect(page.GetByTestId("care-plan-dialog")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("care-group-notice")).ToContainTextAsync("已为 丁慧兰 制定帮扶计划");
            var plan = await AsSystemAsync(db => db.HelpPlans.AsNoTracking().Include(p => p.Helpers).SingleAsync(p => p.PersonId == person));
            Assert.Equal(("每周送菜一次\n每月陪同就医一次", helper, "包保干部"), (plan.Measures, plan.Helpers.Single().HelperPersonId, plan.Helpers.Single().Duty));
            await Expect(page.GetByTestId($"care-group-card-{person}")).ToHaveAttributeAsync("href", $"/care/plans/{plan.Id}/card");

            // Listed on /care with its helper and love card.
            await page.GotoAsync("/care");
            await BrowserFixture.WaitForInteractiveAsync(page);
            await Expect(page.GetByTestId($"care-plan-person-{person}")).ToHaveTextAsync("丁慧兰");
            await Expect(page.GetByTestId($"care-plan-helpers-{person}")).ToHaveTextAsync("丁志刚");
            await Expect(page.GetByTestId($"care-card-{plan.Id}")).ToHaveAttributeAsync("href", $"/care/plans/{plan.Id}/card");

            // Opening the plan shows its measures, and that reading is audited.
            await page.GetByTestId($"care-plan-open-{person}").ClickAsync();
            await Expect(page.GetByTestId("care-plan-measures")).ToHaveValueAsync("每周送菜一次\n每月陪同就医一次");
            Assert.True(await AsSystemAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.SensitiveRead
                && a.ObjectType == nameof(HelpPlan) && a.ObjectId == plan.Id.ToString() && a.UserName == "demo-community-a")));

            // Someone else changes the plan meanwhile: saving says so in Chinese and changes nothing; reloading shows their version.
            await AsSystemAsync(db => db.HelpPlans.Where(p => p.Id == plan.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version + 1)));
            await page.GetByTestId("care-plan-measures").FillAsync("每周送菜两次");
            await page.GetByTestId("care-plan-save").ClickAsync();
            await Expect(page.GetByTestId("care-plan-error")).ToContainTextAsync("记录已被他人修改，请刷新后重试");
            await Expect(page.GetByTestId("care-plan-error")).Not.ToContainTextAsync("someone else");
            Assert.Equal("每周送菜一次\n每月陪同就医一次", await AsSystemAsync(db => db.HelpPlans.Where(p => p.Id == plan.Id).Select(p => p.Measures).SingleAsync()));
            await page.GetByTestId("care-plan-reload").ClickAsync();
            await Expect(page.GetByTestId("care-plan-status")).ToContainTextAsync("第 2 版");
            await page.GetByTestId("care-plan-measures").FillAsync("每周送菜两次");
            await page.GetByTestId("care-plan-save").ClickAsync();
            await Expect(page.GetByTestId("care-notice")).ToContainTextAsync("丁慧兰 的帮扶计划已保存");
            Assert.Equal(("每周送菜两次", 3), await AsSystemAsync(db => db.HelpPlans.Where(p => p.Id == plan.Id).Select(p => ValueTuple.Create(p.Measures, p.Version)).SingleAsync()));
        }
        finally
        {
            await RemoveAsync(person, helper);
        }
    }

    [Fact]
    public async Task Community_staff_record_a_visit_from_the_overdue_list_and_the_person_leaves_it()
    {
        // Living alone (weekly) and tagged ten days ago, never visited: three days overdue.
        var person = await AddPersonAsync("丁素芬", "elderly-alone", taggedDaysAgo: 10);
        try
        {
            await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
            var page = await context.NewPageAsync();
            await BrowserFixture.LoginAsync(page, "demo-community-a");
            await page.GotoAsync("/care");
            await BrowserFixture.WaitForInteractiveAsync(page);

            await Expect(page.GetByTestId($"care-overdue-{person}")).ToContainTextAsync("逾期 3 天");
            await Expect(page.GetByTestId($"care-due-last-{person}")).ToHaveTextAsync("—");
            await page.GetByTestId($"care-due-visit-{person}").ClickAsync();
            await Expect(page.GetByTestId("care-visit-dialog")).ToBeVisibleAsync();
            await page.GetByTestId("care-visit-dialog-findings").FillAsync("血压平稳，家中缺少取暖煤");
            await page.GetByTestId("care-visit-dialog-gifts").FillAsync("煤一吨");
            await page.GetByTestId("care-visit-dialog-value").FillAsync("800");
            await BrowserFixture.ScreenshotAsync(page, "care-visit-dialog");
            await page.GetByTestId("care-visit-dialog-save").ClickAsync();

            await Expect(page.GetByTestId("care-visit-dialog")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("care-notice")).ToContainTextAsync("已记录 丁素芬");
            await Expect(page.GetByTestId($"care-overdue-{person}")).ToHaveCountAsync(0);
            // Due again within the week: still listed, with today's visit as the last one.
            await Expect(page.GetByTestId($"care-due-last-{person}")).Not.ToHaveTextAsync("—");

            var visit = await AsSystemAsync(db => db.CareVisits.AsNoTracking().SingleAsync(v => v.PersonId == person));
            var staff = await AsSystemAsync(db => db.Users.Where(u => u.UserName == "demo-community-a").Select(u => u.Id).SingleAsync());
            Assert.Equal((staff, 800m, "煤一吨", "血压平稳，家中缺少取暖煤"), (visit.VisitorUserId!.Value, visit.GiftValue, visit.Gifts, visit.Findings));
        }
        finally
        {
            await RemoveAsync(person);
        }
    }

    [Fact]
    public async Task Community_staff_register_a_device_and_see_its_secret_once()
    {
        var person = await AddPersonAsync("丁桂英", "elderly-alone", taggedDaysAgo: 1);
        var serial = "QLY-UI-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        try
        {
            await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
            var page = await context.NewPageAsync();
            await BrowserFixture.LoginAsync(page, "demo-community-a");
            await page.GotoAsync("/care");
            await BrowserFixture.WaitForInteractiveAsync(page);

            await page.GetByTestId("care-device-new").ClickAsync();
            await page.GetByTestId("care-device-serial").FillAsync(serial);
            await PickAsync(page, "care-device-person", "丁桂英", person);
            await page.GetByTestId("care-device-hours").FillAsync("24");
            await page.GetByTestId("care-device-save").ClickAsync();

            await Expect(page.GetByTestId("care-device-secret-warning")).ToContainTextAsync("只显示这一次");
            var secret = (await page.GetByTestId("care-device-secret").TextContentAsync())!.Trim();
            await BrowserFixture.ScreenshotAsync(page, "care-device-secret");
            var device = await AsSystemAsync(db => db.CareDevices.AsNoTracking().SingleAsync(d => d.Serial == serial));
            Assert.Equal((person, 24), (device.PersonId, device.NoMovementHours));
            Assert.True(CareDevices.SecretMatches(device.SecretHash, secret), "the secret shown is the device's secret");

            await page.GetByTestId("care-device-done").ClickAsync();
            await Expect(page.GetByTestId("care-device-dialog")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId($"care-device-{serial}")).ToHaveTextAsync(serial);
            await Expect(page.GetByTestId($"care-device-status-{serial}")).ToHaveTextAsync("正常");
            await Expect(page.Locator("body")).Not.ToContainTextAsync(secret);
            await page.ReloadAsync();
            await Expect(page.GetByTestId($"care-device-{serial}")).ToBeVisibleAsync();
            await Expect(page.Locator("body")).Not.ToContainTextAsync(secret);
        }
        finally
        {
            await AsSystemAsync(db => db.CareDevices.Where(d => d.Serial == serial).ExecuteDeleteAsync());
            await RemoveAsync(person);
        }
    }

    [Fact]
    public async Task Community_staff_pair_medical_staff_with_a_person_and_record_guidance()
    {
        var doctor = await AddPersonAsync("丁卫东", group: null, taggedDaysAgo: 0, role: PersonRoleKind.MedicalStaff);
        var person = await AddPersonAsync("丁玉珍", "chronic", taggedDaysAgo: 1);
        try
        {
            await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
            var page = await context.NewPageAsync();
            await BrowserFixture.LoginAsync(page, "demo-community-a");
            await page.GotoAsync("/care");
            await BrowserFixture.WaitForInteractiveAsync(page);

            await page.GetByTestId("care-pairing-new").ClickAsync();
            // The staff picker offers medical staff only: the resident is not among them.
            await page.GetByTestId("care-pairing-staff").FillAsync("丁玉珍");
            await Expect(page.Locator(".mud-popover-open")).ToContainTextAsync("您的范围内没有匹配的人员");
            await Expect(page.GetByTestId($"care-pairing-staff-option-{person}")).ToHaveCountAsync(0);
            await PickAsync(page, "care-pairing-staff", "丁卫东", doctor);
            await PickAsync(page, "care-pairing-person", "丁玉珍", person);
            await page.GetByTestId("care-pairing-save").ClickAsync();
            await Expect(page.GetByTestId("care-notice")).ToContainTextAsync("已结对：丁卫东 → 丁玉珍");

            var pairing = await AsSystemAsync(db => db.MedicalPairings.AsNoTracking().SingleAsync(p => p.PersonId == person));
            Assert.Equal((doctor, MedicalPairingKind.Responsible), (pairing.StaffPersonId, pairing.Kind));
            await Expect(page.GetByTestId($"care-pairing-guidance-{pairing.Id}")).ToHaveTextAsync("0");
            await page.GetByTestId($"care-guidance-add-{pairing.Id}").ClickAsync();
            await page.GetByTestId("care-guidance-note").FillAsync("空腹血糖 7.8，控制主食，两周后复测");
            await page.GetByTestId("care-guidance-save").ClickAsync();
            await Expect(page.GetByTestId($"care-pairing-guidance-{pairing.Id}")).ToHaveTextAsync("1");
            Assert.Equal("空腹血糖 7.8，控制主食，两周后复测",
                await AsSystemAsync(db => db.MedicalGuidance.Where(g => g.PairingId == pairing.Id).Select(g => g.Note).SingleAsync()));
        }
        finally
        {
            await RemoveAsync(person, doctor);
        }
    }

    /// <summary>Types a name into a person picker and chooses the person with that id from its list.</summary>
    private static async Task PickAsync(IPage page, string testId, string name, Guid person)
    {
        await page.GetByTestId(testId).FillAsync(name);
        await page.GetByTestId($"{testId}-option-{person}").ClickAsync();
        await Expect(page.GetByTestId(testId)).ToHaveValueAsync(name);
    }

    private Task<Guid> AddPersonAsync(string name, string? group, int taggedDaysAgo, PersonRoleKind? role = null) => AsSystemAsync(async db =>
    {
        var now = DateTime.UtcNow;
        var tuanjie = await db.Divisions.SingleAsync(d => d.Code == Tuanjie);
        var person = new Person(tuanjie.Code, tuanjie.Path, now);
        person.SetName(name, DateOnly.FromDateTime(now));
        db.People.Add(person);
        if (group is not null) db.PersonTags.Add(new PersonTag(person.Id, group, now.AddDays(-taggedDaysAgo)));
        if (role is { } kind) db.PersonRoles.Add(new PersonRole(person, kind, now));
        await db.SaveChangesAsync();
        return person.Id;
    });

    /// <summary>Takes away the people and what was recorded for them, so the shared demo data stays as other tests expect it.</summary>
    private Task RemoveAsync(params Guid[] people) => AsSystemAsync(async db =>
    {
        var plans = db.HelpPlans.Where(p => people.Contains(p.PersonId)).Select(p => p.Id);
        await db.Set<HelpPlanHelper>().Where(h => plans.Contains(h.PlanId) || people.Contains(h.HelperPersonId)).ExecuteDeleteAsync();
        await db.HelpPlans.Where(p => people.Contains(p.PersonId)).ExecuteDeleteAsync();
        await db.CareVisits.Where(v => people.Contains(v.PersonId)).ExecuteDeleteAsync();
        await db.MedicalGuidance.Where(g => people.Contains(g.PersonId)).ExecuteDeleteAsync();
        await db.MedicalPairings.Where(p => people.Contains(p.PersonId) || people.Contains(p.StaffPersonId)).ExecuteDeleteAsync();
        await db.PersonRoles.Where(r => people.Contains(r.PersonId)).ExecuteDeleteAsync();
        await db.PersonTags.Where(t => people.Contains(t.PersonId)).ExecuteDeleteAsync();
        return await db.People.Where(p => people.Contains(p.Id)).ExecuteDeleteAsync();
    });

    private async Task<T> AsSystemAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = app.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

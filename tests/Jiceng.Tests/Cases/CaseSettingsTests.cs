using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Platform.Time;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Features;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Cases;

/// <summary>
/// One app for the tests that only read or edit categories nobody else here touches; the deadline tests start
/// their own app at a fixed date. Settings are per app (database and cache), so nothing leaks into other classes.
/// </summary>
public sealed class CaseSettingsApp : JicengAppFactory;

public sealed class CaseSettingsTests(CaseSettingsApp shared) : IClassFixture<CaseSettingsApp>
{
    private const string Daqingshan = "230725";
    private const string Dongfeng = "230805";           // 东风区, another seed county
    private const string Xiaoyun = "230805007001";      // 晓云社区, a community of 东风区

    private static readonly DateTimeOffset MondaySeptember7 = new(2026, 9, 7, 1, 0, 0, TimeSpan.Zero); // 09:00 in China, no holiday near

    private static object Category(string name = "道路", string nameEn = "Roads", string priority = "general", int responseAmount = 1,
        string responseUnit = "workingDays", int handlingAmount = 7, string handlingUnit = "workingDays", bool isActive = true) =>
        new { name, nameEn, priority, responseAmount, responseUnit, handlingAmount, handlingUnit, isActive };

    private static DateTime HandlingDue(JsonElement @case) => @case.GetProperty("handlingDueUtc").GetDateTime().ToUniversalTime();

    [Fact]
    public async Task A_county_override_changes_the_handling_deadline_of_new_cases_in_that_county_only()
    {
        await using var app = new JicengAppFactory { Start = MondaySeptember7 };
        var api = new CaseApi(app);
        await AddCommunityStaffAsync(app, "dongfeng-staff", Xiaoyun);
        // Read once before the edit, so the county's categories are cached on this node: the edit must clear them.
        var before = (await api.CreateAsync(category: "roads")).GetProperty("id").GetInt64();

        var saved = await (await (await api.As("demo-county")).PutAsJsonAsync($"/api/v1/counties/{Daqingshan}/case-categories/roads",
            Category(handlingAmount: 3))).ReadOkAsync<JsonElement>();
        var after = (await api.CreateAsync(category: "roads")).GetProperty("id").GetInt64();
        var elsewhere = (await api.CreateAsync(category: "roads", division: Xiaoyun)).GetProperty("id").GetInt64();

        Assert.Equal(("county", true, 3), (saved.GetProperty("source").GetString(), saved.GetProperty("hasDefault").GetBoolean(), saved.GetProperty("handlingAmount").GetInt32()));
        // 7 working days from Mon 7 Sep end with Wed 16 Sep; 3 end with Thu 10 Sep (24:00 China time = 16:00 UTC).
        Assert.Equal(new DateTime(2026, 9, 16, 16, 0, 0, DateTimeKind.Utc), HandlingDue(await api.DoAsync("demo-community-a", before, "accept")));
        Assert.Equal(new DateTime(2026, 9, 10, 16, 0, 0, DateTimeKind.Utc), HandlingDue(await api.DoAsync("demo-community-a", after, "accept")));
        Assert.Equal(new DateTime(2026, 9, 16, 16, 0, 0, DateTimeKind.Utc), HandlingDue(await api.DoAsync("dongfeng-staff", elsewhere, "accept")));
    }

    [Fact]
    public async Task County_days_off_and_make_up_working_days_move_working_day_deadlines_in_that_county()
    {
        await using var app = new JicengAppFactory { Start = MondaySeptember7 };
        var api = new CaseApi(app);
        var county = await api.As("demo-county");

        // A local holiday on Fri 11 Sep: the 7th working day moves from Wed 16 to Thu 17 Sep.
        (await county.PutAsJsonAsync($"/api/v1/counties/{Daqingshan}/calendar/days/2026-09-11", new { isWorkingDay = false, name = "县庆" })).EnsureSuccessStatusCode();
        var withHoliday = HandlingDue(await api.DoAsync("demo-community-a", (await api.CreateAsync()).GetProperty("id").GetInt64(), "accept"));
        // And a make-up working day on Sat 12 Sep brings it back to Wed 16 Sep.
        (await county.PutAsJsonAsync($"/api/v1/counties/{Daqingshan}/calendar/days/2026-09-12", new { isWorkingDay = true, name = "县庆调休上班" })).EnsureSuccessStatusCode();
        var withMakeUpDay = HandlingDue(await api.DoAsync("demo-community-a", (await api.CreateAsync()).GetProperty("id").GetInt64(), "accept"));
        var otherCounty = await app.AsSystemAsync(sp => sp.GetRequiredService<CaseSettings>().CalendarAsync(Xiaoyun));
        var ownCounty = await app.AsSystemAsync(sp => sp.GetRequiredService<CaseSettings>().CalendarAsync(CaseApi.Tuanjie));

        Assert.Equal(new DateTime(2026, 9, 17, 16, 0, 0, DateTimeKind.Utc), withHoliday);
        Assert.Equal(new DateTime(2026, 9, 16, 16, 0, 0, DateTimeKind.Utc), withMakeUpDay);
        Assert.Equal((false, true), (ownCounty.IsWorkingDay(new DateOnly(2026, 9, 11)), ownCounty.IsWorkingDay(new DateOnly(2026, 9, 12))));
        Assert.Equal((true, false), (otherCounty.IsWorkingDay(new DateOnly(2026, 9, 11)), otherCounty.IsWorkingDay(new DateOnly(2026, 9, 12))));
    }

    [Fact]
    public async Task Traffic_lights_count_working_time_on_the_county_calendar()
    {
        await using var app = new JicengAppFactory { Start = MondaySeptember7 };
        var api = new CaseApi(app);
        var county = await api.As("demo-county");
        // Six local days off right after the case is accepted (Tue 8 – Fri 11 and Mon 14 – Tue 15 September).
        foreach (var day in new[] { 8, 9, 10, 11, 14, 15 })
        {
            (await county.PutAsJsonAsync($"/api/v1/counties/{Daqingshan}/calendar/days/2026-09-{day:D2}", new { isWorkingDay = false, name = "防汛停工" }))
                .EnsureSuccessStatusCode();
        }
        var id = (await api.CreateAsync()).GetProperty("id").GetInt64();
        var accepted = await api.DoAsync("demo-community-a", id, "accept");
        var start = accepted.GetProperty("acceptedUtc").GetDateTime().ToUniversalTime();
        var due = HandlingDue(accepted);

        // Monday 21 September, 20:00 in China (Sunday 20 was a national make-up working day): on the national calendar
        // over 80 % of the working time up to the deadline is used (yellow), on the county's about 70 % (green).
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 21, 12, 0, 0, TimeSpan.Zero));
        api.SignInAgain();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var countyCalendar = await app.AsSystemAsync(sp => sp.GetRequiredService<CaseSettings>().CalendarAsync(CaseApi.Tuanjie));
        var countyLight = TrafficLights.For(countyCalendar.ElapsedShare(start, due, now, TimeLimitUnit.WorkingDays));
        var nationalLight = TrafficLights.For(WorkingCalendar.China().ElapsedShare(start, due, now, TimeLimitUnit.WorkingDays));
        Assert.NotEqual(nationalLight, countyLight); // the county's days off make the difference here

        var shown = await api.GetAsync("demo-community-a", id);
        Assert.Equal(countyLight, Enum.Parse<TrafficLight>(shown.GetProperty("trafficLight").GetString()!, ignoreCase: true));
        var listed = await (await (await api.As("demo-community-a")).GetAsync("/api/v1/cases?open=true&pageSize=200")).ReadOkAsync<JsonElement>();
        var item = listed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == id);
        Assert.Equal(countyLight, Enum.Parse<TrafficLight>(item.GetProperty("trafficLight").GetString()!, ignoreCase: true));
    }

    [Fact]
    public async Task Cases_show_the_name_their_county_gives_the_category()
    {
        await using var app = new JicengAppFactory { Start = MondaySeptember7 };
        var api = new CaseApi(app);
        var county = await api.As("demo-county");
        (await county.PutAsJsonAsync($"/api/v1/counties/{Daqingshan}/case-categories/snow-removal",
            Category(name: "扫雪除冰", nameEn: "Snow removal"))).EnsureSuccessStatusCode();

        var id = (await api.CreateAsync("demo-grid", category: "snow-removal")).GetProperty("id").GetInt64();
        Assert.Equal("扫雪除冰", (await api.GetAsync("demo-community-a", id)).GetProperty("categoryName").GetString());
        var listed = await (await (await api.As("demo-community-a")).GetAsync("/api/v1/cases?pageSize=200")).ReadOkAsync<JsonElement>();
        Assert.Equal("扫雪除冰", listed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == id)
            .GetProperty("categoryName").GetString());
        // A default category keeps its default name.
        var roads = (await api.CreateAsync()).GetProperty("id").GetInt64();
        Assert.Equal("道路", (await api.GetAsync("demo-community-a", roads)).GetProperty("categoryName").GetString());
    }

    [Fact]
    public async Task A_deactivated_category_is_refused_on_create_and_hidden_from_reporters_but_still_listed_for_the_county()
    {
        var api = new CaseApi(shared);
        var county = await api.As("demo-county");

        (await county.PutAsJsonAsync($"/api/v1/counties/{Daqingshan}/case-categories/noise",
            Category(name: "噪音", nameEn: "Noise", isActive: false))).EnsureSuccessStatusCode();

        await (await api.PostCreateAsync("demo-resident", category: "noise")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        // Other counties keep the default, which is active.
        (await api.PostCreateAsync("demo-resident", division: Xiaoyun, category: "noise")).EnsureSuccessStatusCode();
        var forReporters = await (await shared.CreateClient().GetAsync($"/api/v1/case-categories?division={CaseApi.Tuanjie}")).ReadOkAsync<JsonElement>();
        Assert.DoesNotContain(forReporters.EnumerateArray(), c => c.GetProperty("code").GetString() == "noise");
        var forCounty = await (await county.GetAsync($"/api/v1/counties/{Daqingshan}/case-categories")).ReadOkAsync<JsonElement>();
        Assert.False(forCounty.EnumerateArray().Single(c => c.GetProperty("code").GetString() == "noise").GetProperty("isActive").GetBoolean());
    }

    [Fact]
    public async Task The_category_list_for_a_division_returns_the_county_override_and_its_own_categories()
    {
        var county = await shared.ClientForAsync("demo-county");
        (await county.PutAsJsonAsync($"/api/v1/counties/{Daqingshan}/case-categories/water",
            Category(name: "自来水", nameEn: "Tap water", priority: "utility", responseAmount: 1, responseUnit: "hours", handlingAmount: 12, handlingUnit: "hours"))).EnsureSuccessStatusCode();
        (await county.PutAsJsonAsync($"/api/v1/counties/{Daqingshan}/case-categories/snow-clearing",
            Category(name: "清雪", nameEn: "Snow clearing", handlingAmount: 2))).EnsureSuccessStatusCode();
        var anonymous = shared.CreateClient();

        async Task<Dictionary<string, JsonElement>> ListAsync(string query) =>
            (await (await anonymous.GetAsync("/api/v1/case-categories" + query)).ReadOkAsync<JsonElement>()).EnumerateArray()
                .ToDictionary(c => c.GetProperty("code").GetString()!);

        var tuanjie = await ListAsync($"?division={CaseApi.Tuanjie}");
        var daqingshan = await ListAsync($"?division={Daqingshan}");
        var xiaoyun = await ListAsync($"?division={Xiaoyun}");
        var defaults = await ListAsync("");

        Assert.Equal(("自来水", 12), (tuanjie["water"].GetProperty("name").GetString(), tuanjie["water"].GetProperty("handlingAmount").GetInt32()));
        Assert.Equal(12, daqingshan["water"].GetProperty("handlingAmount").GetInt32());
        Assert.Contains("snow-clearing", tuanjie.Keys);
        Assert.Equal(("供水", 24), (xiaoyun["water"].GetProperty("name").GetString(), xiaoyun["water"].GetProperty("handlingAmount").GetInt32()));
        Assert.DoesNotContain("snow-clearing", xiaoyun.Keys);
        Assert.Equal(24, defaults["water"].GetProperty("handlingAmount").GetInt32());
        await (await anonymous.GetAsync("/api/v1/case-categories?division=abc")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await anonymous.GetAsync("/api/v1/case-categories?division=999999")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        // A new case in the county gets the county's own category.
        (await new CaseApi(shared).PostCreateAsync("demo-resident", category: "snow-clearing")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Only_the_county_administrator_edits_its_own_county_and_staff_of_the_county_may_read()
    {
        var before = await CategoriesAsync();
        var edit = Category(handlingAmount: 2);

        foreach (var user in new[] { "demo-street", "demo-community-a", "demo-grid", "demo-dept", "demo-resident", "demo-sysadmin", "demo-secadmin", "demo-auditor" })
        {
            var client = await shared.ClientForAsync(user);
            await (await client.PutAsJsonAsync($"/api/v1/counties/{Daqingshan}/case-categories/roads", edit)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            await (await client.PutAsJsonAsync($"/api/v1/counties/{Daqingshan}/calendar/days/2026-09-11", new { isWorkingDay = false, name = "县庆" }))
                .AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            await (await client.DeleteAsync($"/api/v1/counties/{Daqingshan}/calendar/days/2026-10-01")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }
        var county = await shared.ClientForAsync("demo-county");
        await (await county.PutAsJsonAsync($"/api/v1/counties/{Dongfeng}/case-categories/roads", edit)).AssertProblemAsync(HttpStatusCode.Forbidden, "out_of_scope");
        await (await county.PutAsJsonAsync($"/api/v1/counties/{Dongfeng}/calendar/2026", new { days = Array.Empty<object>() })).AssertProblemAsync(HttpStatusCode.Forbidden, "out_of_scope");
        await (await county.PutAsJsonAsync("/api/v1/counties/999999/case-categories/roads", edit)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        // Reading: staff at any level of the county and its departments; not another county, not the administrators.
        foreach (var user in new[] { "demo-street", "demo-community-a", "demo-dept" })
        {
            (await (await shared.ClientForAsync(user)).GetAsync($"/api/v1/counties/{Daqingshan}/calendar/2026")).EnsureSuccessStatusCode();
        }
        await (await (await shared.ClientForAsync("demo-street")).GetAsync($"/api/v1/counties/{Dongfeng}/case-categories")).AssertProblemAsync(HttpStatusCode.Forbidden, "out_of_scope");
        await (await (await shared.ClientForAsync("demo-sysadmin")).GetAsync($"/api/v1/counties/{Daqingshan}/case-categories")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal(before, await CategoriesAsync());
        Assert.False(await shared.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().CountyCalendarDays.AnyAsync(d => d.Date == new DateOnly(2026, 9, 11))));
    }

    [Fact]
    public async Task Invalid_settings_are_refused_with_a_validation_problem_and_change_nothing()
    {
        var county = await shared.ClientForAsync("demo-county");
        var categoriesBefore = await CategoriesAsync();
        var calendarBefore = await county.GetStringAsync($"/api/v1/counties/{Daqingshan}/calendar/2026");
        var auditBefore = await SettingsAuditCountAsync();

        var badCategories = new (string Code, object Body)[]
        {
            ("Roads!", Category()),
            ("x", Category()),
            ("roads", Category(name: " ")),
            ("roads", Category(nameEn: "")),
            ("roads", Category(handlingAmount: 0)),
            ("roads", Category(handlingAmount: 91)),
            ("roads", Category(responseUnit: "hours", responseAmount: 1000)),
            ("roads", Category(responseAmount: 8, handlingAmount: 7)),
            ("roads", new { name = (string?)null, nameEn = "Roads", priority = "general", responseAmount = 1, responseUnit = "hours", handlingAmount = 7, handlingUnit = "workingDays" }),
        };
        foreach (var (code, body) in badCategories)
        {
            await (await county.PutAsJsonAsync($"/api/v1/counties/{Daqingshan}/case-categories/{code}", body)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }
        var badYears = new object[]
        {
            new { days = new[] { new { date = "2027-01-05", isWorkingDay = false, name = "不在本年" } } },
            new { days = new[] { new { date = "2026-09-11", isWorkingDay = false, name = "县庆" }, new { date = "2026-09-11", isWorkingDay = false, name = "县庆" } } },
            new { days = new[] { new { date = "2026-09-11", isWorkingDay = false, name = "" } } },
            new { days = new[] { new { date = "2026-09-09", isWorkingDay = true, name = "本来就上班" } } },
        };
        foreach (var body in badYears)
        {
            await (await county.PutAsJsonAsync($"/api/v1/counties/{Daqingshan}/calendar/2026", body)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }
        await (await county.PutAsJsonAsync($"/api/v1/counties/{Daqingshan}/calendar/1999", new { days = Array.Empty<object>() })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await county.PutAsJsonAsync($"/api/v1/counties/{Daqingshan}/calendar/days/2026-13-01", new { isWorkingDay = false, name = "县庆" })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await county.PutAsJsonAsync($"/api/v1/counties/{Daqingshan}/calendar/days/2026-09-12", new { isWorkingDay = false, name = "周六本来休息" })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await county.DeleteAsync($"/api/v1/counties/{Daqingshan}/calendar/days/2026-09-14")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        Assert.Equal(categoriesBefore, await CategoriesAsync());
        Assert.Equal(calendarBefore, await county.GetStringAsync($"/api/v1/counties/{Daqingshan}/calendar/2026"));
        Assert.Equal(auditBefore, await SettingsAuditCountAsync());
    }

    [Fact]
    public async Task A_county_replaces_a_year_of_its_own_days_and_edits_single_days_with_their_source_shown_and_audited()
    {
        var county = await shared.ClientForAsync("demo-county");
        var url = $"/api/v1/counties/{Daqingshan}/calendar/2026";

        // 1 Oct is a national holiday the county works (e.g. a festival on duty); 19 Aug a local day off.
        var replaced = await (await county.PutAsJsonAsync(url, new
        {
            days = new[] { new { date = "2026-10-01", isWorkingDay = true, name = "国庆值守上班" }, new { date = "2026-08-19", isWorkingDay = false, name = "县庆" } },
        })).ReadOkAsync<CountyCalendarDto>();
        var afterSingle = await (await county.PutAsJsonAsync($"/api/v1/counties/{Daqingshan}/calendar/days/2026-08-22", new { isWorkingDay = true, name = "县庆调休上班" }))
            .ReadOkAsync<CountyCalendarDto>();
        var afterClear = await (await county.DeleteAsync($"/api/v1/counties/{Daqingshan}/calendar/days/2026-10-01")).ReadOkAsync<CountyCalendarDto>();
        var readByStreet = await (await (await shared.ClientForAsync("demo-street")).GetAsync(url)).ReadOkAsync<CountyCalendarDto>();
        var emptied = await (await county.PutAsJsonAsync(url, new { days = Array.Empty<object>() })).ReadOkAsync<CountyCalendarDto>();

        var october1 = replaced.Days.Single(d => d.Date == new DateOnly(2026, 10, 1));
        Assert.Equal((true, CalendarDaySource.County, "国庆节", (bool?)false), (october1.IsWorkingDay, october1.Source, october1.NationalName, october1.NationalIsWorkingDay));
        Assert.Equal(CalendarDaySource.County, replaced.Days.Single(d => d.Date == new DateOnly(2026, 8, 19)).Source);
        Assert.Equal(CalendarDaySource.National, replaced.Days.Single(d => d.Date == new DateOnly(2026, 2, 14)).Source); // 春节调休上班
        Assert.True(replaced.NationalPublished);
        Assert.Contains(afterSingle.Days, d => d.Date == new DateOnly(2026, 8, 22) && d.IsWorkingDay && d.Source == CalendarDaySource.County);
        var backToNational = afterClear.Days.Single(d => d.Date == new DateOnly(2026, 10, 1));
        Assert.Equal((false, CalendarDaySource.National), (backToNational.IsWorkingDay, backToNational.Source));
        Assert.Equal(afterClear.Days, readByStreet.Days);
        Assert.DoesNotContain(emptied.Days, d => d.Source == CalendarDaySource.County);
        var audited = await shared.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .Where(a => a.ObjectType == "CountyCalendarDay").Select(a => new { a.Action, a.UserName }).ToListAsync());
        Assert.Contains(audited, a => a.Action == AuditActions.Created && a.UserName == "demo-county");
        Assert.Contains(audited, a => a.Action == AuditActions.Deleted && a.UserName == "demo-county");
    }

    private Task<int> SettingsAuditCountAsync() => shared.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries
        .CountAsync(a => a.ObjectType == "CaseCategory" || a.ObjectType == "CountyCalendarDay"));

    private async Task<string> CategoriesAsync() =>
        await (await shared.ClientForAsync("demo-county")).GetStringAsync($"/api/v1/counties/{Daqingshan}/case-categories");

    private static Task AddCommunityStaffAsync(JicengAppFactory app, string userName, string division) => app.AsSystemAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { Id = Guid.NewGuid(), UserName = userName, DisplayName = userName, DivisionCode = division, LockoutEnabled = true };
        Assert.True((await users.CreateAsync(user, JicengAppFactory.DemoPassword)).Succeeded);
        await users.AddToRoleAsync(user, Roles.CommunityStaff);
    });
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Centres.Features;
using Jiceng.Web.Modules.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Jiceng.Tests.Centres;

/// <summary>
/// Centres (十有, activity share, If-Match, scope, the Excel export) and the duty rota (gaps by the county's calendar, the gap
/// job once, swaps, on duty now, shift edits with If-Match, the month export).
/// </summary>
public sealed class CentresAndDutyRotaTests : IAsyncLifetime
{
    // Monday 2026-09-07, 09:00 in China; 09-12/13 is a weekend, 09-20 (Sunday) a make-up working day.
    private static readonly DateTimeOffset Start = new(2026, 9, 7, 1, 0, 0, TimeSpan.Zero);
    private readonly JicengAppFactory _app = new()
    {
        Start = Start,
        Settings = new Dictionary<string, string>
        {
            ["Centres:DutyGapMonitorEnabled"] = "false", ["Wishes:ClaimExpiryEnabled"] = "false", ["Care:VisitReminderMonitorEnabled"] = "false",
            ["Cases:DeadlineMonitorEnabled"] = "false", ["Notifications:DispatcherEnabled"] = "false",
        },
    };
    private readonly CentresWorld _w;

    public CentresAndDutyRotaTests() => _w = new CentresWorld(_app);
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static readonly string[] AllTen =
        ["partyEmblem", "nationalFlag", "desksAndChairs", "computer", "hotWater", "medicine", "serviceGuide", "workflow", "reading", "freeWifi"];

    private async Task<JsonElement> CreateCentreAsync(string name, decimal masses, decimal other, string[] checklist, string user = "demo-community-a")
    {
        var response = await (await _w.As(user)).PostAsJsonAsync("/api/v1/centres", new
        {
            divisionCode = CentresWorld.Tuanjie, kind = "redStation", name, address = "测试路 1 号", servicePhone = "0458-3520000", checklist,
            areas = new[] { new { name = "党群活动区", areaM2 = masses, isForMasses = true }, new { name = "办公区", areaM2 = other, isForMasses = false } },
            openingPeriods = new[]
            {
                new { dayType = "workday", start = "08:30", end = "17:00", isExtended = false, note = (string?)null },
                new { dayType = "workday", start = "11:30", end = "13:30", isExtended = true, note = (string?)"午间延时服务" },
            },
        });
        return await response.ReadOkAsync<JsonElement>();
    }

    private async Task<Guid> ShiftAsync(Guid centre, string name, string start, string end, bool work, bool rest, bool holiday) =>
        CentresWorld.Id(await (await (await _w.As("demo-community-a")).PostAsJsonAsync("/api/v1/duty/shifts", new
        {
            centreId = centre, name, start, end, requiredOnWorkdays = work, requiredOnRestDays = rest, requiredOnHolidays = holiday,
        })).ReadOkAsync<JsonElement>());

    private async Task<Guid> UserAsync(string userName) =>
        await _app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private async Task<JsonElement> AssignAsync(Guid shift, DateOnly day, string userName, string? post = null) =>
        await (await (await _w.As("demo-community-a")).PostAsJsonAsync("/api/v1/duty/assignments", new { shiftId = shift, date = day, userId = await UserAsync(userName), post }))
            .ReadOkAsync<JsonElement>();

    private async Task<List<JsonElement>> GapsAsync(Guid centre, int days = 14) =>
        (await (await _w.GetAsync("demo-community-a", $"/api/v1/duty/gaps?division={CentresWorld.Tuanjie}&days={days}")).ReadOkAsync<JsonElement>())
            .EnumerateArray().Where(g => g.GetProperty("centreId").GetGuid() == centre).ToList();

    [Fact]
    public async Task The_checklist_score_and_the_85_percent_share_pass_or_fail_and_edits_need_the_current_version()
    {
        var before = await (await _w.GetAsync("demo-county", "/api/v1/centres/figures")).ReadOkAsync<JsonElement>();
        var pass = await CreateCentreAsync("达标驿站", 85m, 15m, AllTen);
        Assert.Equal(10, pass.GetProperty("tenHaveScore").GetInt32());
        Assert.True(pass.GetProperty("meetsTenHave").GetBoolean());
        Assert.Equal(85.0m, pass.GetProperty("activitySharePercent").GetDecimal());
        Assert.True(pass.GetProperty("meetsActivityShare").GetBoolean());
        var fail = await CreateCentreAsync("未达标驿站", 84.9m, 15.1m, AllTen[..9]);
        Assert.Equal(9, fail.GetProperty("tenHaveScore").GetInt32());
        Assert.False(fail.GetProperty("meetsTenHave").GetBoolean());
        Assert.Equal(84.9m, fail.GetProperty("activitySharePercent").GetDecimal());
        Assert.False(fail.GetProperty("meetsActivityShare").GetBoolean());

        var after = await (await _w.GetAsync("demo-county", "/api/v1/centres/figures")).ReadOkAsync<JsonElement>();
        Assert.Equal(before.GetProperty("centres").GetInt32() + 2, after.GetProperty("centres").GetInt32());
        Assert.Equal(before.GetProperty("fullTenHave").GetInt32() + 1, after.GetProperty("fullTenHave").GetInt32());
        Assert.Equal(before.GetProperty("meetsActivityShare").GetInt32() + 1, after.GetProperty("meetsActivityShare").GetInt32());
        // The demo: 育西's centre has 9 of 10 and is below 85 %.
        var yuxi = (await (await _w.GetAsync("demo-community-b", "/api/v1/centres")).ReadOkAsync<JsonElement>()).EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "育西社区党群服务中心");
        Assert.Equal(9, yuxi.GetProperty("tenHaveScore").GetInt32());
        Assert.False(yuxi.GetProperty("meetsActivityShare").GetBoolean());

        // Fixing the checklist with a stale version is refused; with the current one it passes.
        var id = CentresWorld.Id(fail);
        object Body(string[] checklist) => new
        {
            divisionCode = CentresWorld.Tuanjie, kind = "redStation", name = "未达标驿站", checklist,
            areas = new[] { new { name = "党群活动区", areaM2 = 90m, isForMasses = true }, new { name = "办公区", areaM2 = 10m, isForMasses = false } },
        };
        async Task<HttpResponseMessage> Put(string user, int version, string[] checklist)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/centres/{id}") { Content = JsonContent.Create(Body(checklist)) };
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
            return await (await _w.As(user)).SendAsync(request);
        }
        await (await Put("demo-community-b", 1, AllTen)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var fixedCentre = await (await Put("demo-community-a", 1, AllTen)).ReadOkAsync<JsonElement>();
        Assert.True(fixedCentre.GetProperty("meetsTenHave").GetBoolean());
        Assert.True(fixedCentre.GetProperty("meetsActivityShare").GetBoolean());
        Assert.Equal(2, fixedCentre.GetProperty("version").GetInt32());
        await (await Put("demo-community-a", 1, AllTen[..3])).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        await (await Put("demo-community-a", 2, ["unicorn"])).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Gaps_follow_the_working_calendar_and_filling_a_shift_removes_its_gap()
    {
        var centre = CentresWorld.Id(await CreateCentreAsync("排班测试驿站", 90m, 10m, AllTen));
        var morning = await ShiftAsync(centre, "早班", "08:30", "11:30", work: true, rest: false, holiday: false);
        var weekend = await ShiftAsync(centre, "双休日", "09:00", "16:00", work: false, rest: true, holiday: false);

        var gaps = await GapsAsync(centre);
        var days = gaps.Select(g => (g.GetProperty("shiftId").GetGuid(), DateOnly.Parse(g.GetProperty("date").GetString()!))).ToHashSet();
        var today = _w.Day();
        Assert.Contains((morning, today), days);               // Monday, not over yet at 09:00
        Assert.Contains((weekend, new DateOnly(2026, 9, 12)), days);
        Assert.DoesNotContain((morning, new DateOnly(2026, 9, 12)), days);
        Assert.DoesNotContain((weekend, today), days);
        Assert.Contains((morning, new DateOnly(2026, 9, 20)), days); // a Sunday that is a make-up working day
        Assert.DoesNotContain((weekend, new DateOnly(2026, 9, 20)), days);
        Assert.Equal(11 + 3, gaps.Count); // 11 working days (incl. the make-up Sunday 09-20) and 3 rest days in 14 days

        await AssignAsync(morning, today.AddDays(1), "demo-grid", "网格员");
        Assert.DoesNotContain(await GapsAsync(centre), g => g.GetProperty("shiftId").GetGuid() == morning && g.GetProperty("date").GetString() == today.AddDays(1).ToString("yyyy-MM-dd"));
        Assert.Equal(13, (await GapsAsync(centre)).Count);

        // Only staff of the community can be on its rota; another community's staff cannot see its gaps.
        var outsider = await (await _w.As("demo-community-a")).PostAsJsonAsync("/api/v1/duty/assignments",
            new { shiftId = morning, date = today.AddDays(2), userId = await UserAsync("demo-community-b") });
        await outsider.AssertProblemAsync(HttpStatusCode.BadRequest, "not_community_staff");
        await (await _w.GetAsync("demo-community-b", $"/api/v1/duty/gaps?division={CentresWorld.Tuanjie}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        // Filling the next week by rotation closes every gap in it.
        var fill = await (await (await _w.As("demo-community-a")).PostAsJsonAsync("/api/v1/duty/fill", new
        {
            centreId = centre, from = today, to = today.AddDays(6), userIds = new[] { await UserAsync("demo-community-a"), await UserAsync("demo-grid") },
        })).ReadOkAsync<JsonElement>();
        Assert.Equal(6, fill.GetProperty("assigned").GetInt32()); // 4 workdays + 2 weekend days; tomorrow was already filled
        Assert.DoesNotContain(await GapsAsync(centre), g => DateOnly.Parse(g.GetProperty("date").GetString()!) <= today.AddDays(6));
        // The demo rota leaves one deliberate gap at 团结's centre.
        var all = (await (await _w.GetAsync("demo-community-a", $"/api/v1/duty/gaps?division={CentresWorld.Tuanjie}&days=14")).ReadOkAsync<JsonElement>()).EnumerateArray();
        Assert.Single(all, g => g.GetProperty("centreName").GetString() == "团结社区党群服务中心");
    }

    [Fact]
    public async Task The_gap_job_warns_the_communitys_staff_once_even_when_it_runs_twice()
    {
        var centre = CentresWorld.Id(await CreateCentreAsync("提醒测试驿站", 90m, 10m, AllTen));
        await ShiftAsync(centre, "晚间延时", "17:00", "19:00", work: true, rest: false, holiday: false);
        var monitor = _app.Services.GetRequiredService<DutyGapMonitor>();
        var staff = await UserAsync("demo-community-a");
        Task<int> Warnings() => _app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Set<Notification>()
            .CountAsync(n => n.UserId == staff && n.Title == DutyGapMonitor.Title && n.Body.Contains("提醒测试驿站")));

        Assert.True(await monitor.CheckAsync(CancellationToken.None) >= 5); // 5 working days in the next 7
        Assert.Equal(5, await Warnings());
        Assert.Equal(0, await monitor.CheckAsync(CancellationToken.None));
        Assert.Equal(5, await Warnings());
        // 育西's staff are not told about 团结's gaps.
        var yuxi = await UserAsync("demo-community-b");
        Assert.Equal(0, await _app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Set<Notification>()
            .CountAsync(n => n.UserId == yuxi && n.Body.Contains("提醒测试驿站"))));
    }

    [Fact]
    public async Task A_swap_accepted_by_the_counterpart_changes_both_duties_at_once()
    {
        var centre = CentresWorld.Id(await CreateCentreAsync("调班测试驿站", 90m, 10m, AllTen));
        var shift = await ShiftAsync(centre, "下午", "13:30", "17:00", work: true, rest: false, holiday: false);
        var mine = CentresWorld.Id(await AssignAsync(shift, _w.Day(2), "demo-community-a", "社区党委书记"));
        var theirs = CentresWorld.Id(await AssignAsync(shift, _w.Day(3), "demo-grid", "网格员"));

        var swap = await (await _w.PostAsync("demo-community-a", "/api/v1/duty/swaps", new { assignmentId = mine, counterpartAssignmentId = theirs, reason = "当天参加县里培训" }))
            .ReadOkAsync<JsonElement>();
        var swapId = CentresWorld.Id(swap);
        Assert.Equal("pending", swap.GetProperty("status").GetString());
        await (await _w.PostAsync("demo-community-a", $"/api/v1/duty/swaps/{swapId}/approve")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await _w.PostAsync("demo-community-b", $"/api/v1/duty/swaps/{swapId}/approve")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var approved = await (await _w.PostAsync("demo-grid", $"/api/v1/duty/swaps/{swapId}/approve")).ReadOkAsync<JsonElement>();
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        await (await _w.PostAsync("demo-street", $"/api/v1/duty/swaps/{swapId}/approve")).AssertProblemAsync(HttpStatusCode.Conflict, "already_decided");

        var rota = await (await _w.GetAsync("demo-community-a", $"/api/v1/duty/rota?centre={centre}&from={_w.Day(2):yyyy-MM-dd}&to={_w.Day(3):yyyy-MM-dd}")).ReadOkAsync<JsonElement>();
        var onDuty = rota.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("cells")[0].GetProperty("onDuty")[0]).ToList();
        Assert.Equal(await UserAsync("demo-grid"), onDuty[0].GetProperty("userId").GetGuid());
        Assert.Equal("网格员", onDuty[0].GetProperty("post").GetString());
        Assert.Equal(await UserAsync("demo-community-a"), onDuty[1].GetProperty("userId").GetGuid());
        Assert.Equal("社区党委书记", onDuty[1].GetProperty("post").GetString());

        // A hand-over approved by a manager (street staff) instead of the counterpart.
        var handOver = CentresWorld.Id(await (await _w.PostAsync("demo-grid", "/api/v1/duty/swaps", new { assignmentId = mine, counterpartUserId = await UserAsync("demo-community-a") }))
            .ReadOkAsync<JsonElement>());
        await (await _w.PostAsync("demo-street", $"/api/v1/duty/swaps/{handOver}/approve", new { note = "同意" })).ReadOkAsync<JsonElement>();
        var back = await (await _w.GetAsync("demo-community-a", $"/api/v1/duty/rota?centre={centre}&from={_w.Day(2):yyyy-MM-dd}&to={_w.Day(2):yyyy-MM-dd}")).ReadOkAsync<JsonElement>();
        Assert.Equal(await UserAsync("demo-community-a"), back.GetProperty("days")[0].GetProperty("cells")[0].GetProperty("onDuty")[0].GetProperty("userId").GetGuid());
    }

    [Fact]
    public async Task The_public_centre_page_shows_todays_hours_and_who_is_on_duty_now()
    {
        var centre = CentresWorld.Id(await CreateCentreAsync("值班公示驿站", 90m, 10m, AllTen));
        var morning = await ShiftAsync(centre, "早班", "08:30", "11:30", work: true, rest: false, holiday: false);
        await AssignAsync(morning, _w.Day(), "demo-grid", "网格员");

        var now = await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/duty/now?division={CentresWorld.Tuanjie}");
        var entry = now.EnumerateArray().Single(d => d.GetProperty("centreId").GetGuid() == centre);
        Assert.Equal("早班", entry.GetProperty("shiftName").GetString());
        var person = entry.GetProperty("people")[0];
        Assert.Equal("团结社区网格员（演示）", person.GetProperty("name").GetString());
        Assert.Equal(2, person.EnumerateObject().Count()); // name and post, nothing else

        var page = await _app.CreateClient().GetStringAsync($"/portal/c/{CentresWorld.Tuanjie}/centre");
        Assert.Contains("值班公示驿站", page);
        Assert.Contains("团结社区网格员（演示）（网格员）", page);
        Assert.Contains("午间延时服务", page);
        Assert.Contains("10/10", page);
        Assert.Contains("0458-3520000", page);

        // At 12:00 the morning shift is over: nobody is on duty at this station, though the demo centre's lunch shift is.
        _app.Clock.Advance(TimeSpan.FromHours(3));
        var later = await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/duty/now?division={CentresWorld.Tuanjie}");
        Assert.DoesNotContain(later.EnumerateArray(), d => d.GetProperty("centreId").GetGuid() == centre);
        Assert.Contains(later.EnumerateArray(), d => d.GetProperty("shiftName").GetString() == "午间延时" && d.GetProperty("people").GetArrayLength() > 0);
        var laterPage = await _app.CreateClient().GetStringAsync($"/portal/c/{CentresWorld.Tuanjie}/centre");
        Assert.DoesNotContain("团结社区网格员（演示）（网格员） · 早班", laterPage);
        _w.SignInAgain();
    }

    private async Task<HttpResponseMessage> PutShiftAsync(string user, Guid shift, object body, int? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/duty/shifts/{shift}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        return await (await _w.As(user)).SendAsync(request);
    }

    [Fact]
    public async Task Two_managers_editing_one_shift_the_second_with_the_old_version_is_refused_and_changes_nothing()
    {
        var centre = CentresWorld.Id(await CreateCentreAsync("版本测试驿站", 90m, 10m, AllTen));
        var shift = await ShiftAsync(centre, "早班", "08:30", "11:30", work: true, rest: false, holiday: false);
        var read = await (await _w.GetAsync("demo-community-a", $"/api/v1/duty/shifts/{shift}")).ReadOkAsync<JsonElement>();
        var version = read.GetProperty("version").GetInt32();
        object Body(string name, string end, bool rest) => new
        {
            centreId = centre, name, start = "08:30", end, requiredOnWorkdays = true, requiredOnRestDays = rest, requiredOnHolidays = false,
        };

        // Both read the same version; the community's manager saves first, the street's manager second.
        var first = await PutShiftAsync("demo-community-a", shift, Body("早班（延长）", "12:00", rest: false), version);
        var saved = await first.ReadOkAsync<JsonElement>();
        Assert.Equal(version + 1, saved.GetProperty("version").GetInt32());
        Assert.Equal($"\"{version + 1}\"", first.Headers.ETag?.ToString());
        await (await PutShiftAsync("demo-street", shift, Body("周末早班", "11:00", rest: true), version)).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        // Another community's staff do not see the shift at all.
        await (await PutShiftAsync("demo-community-b", shift, Body("周末早班", "11:00", rest: true), version + 1)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var now = await (await _w.GetAsync("demo-street", $"/api/v1/duty/shifts/{shift}")).ReadOkAsync<JsonElement>();
        Assert.Equal("早班（延长）", now.GetProperty("name").GetString());
        Assert.Equal("12:00", now.GetProperty("end").GetString());
        Assert.False(now.GetProperty("requiredOnRestDays").GetBoolean());
        Assert.Equal(version + 1, now.GetProperty("version").GetInt32());
        // With the version just read, the street's edit goes through.
        var second = await (await PutShiftAsync("demo-street", shift, Body("周末早班", "11:00", rest: true), version + 1)).ReadOkAsync<JsonElement>();
        Assert.True(second.GetProperty("requiredOnRestDays").GetBoolean());
        Assert.Equal(version + 2, second.GetProperty("version").GetInt32());
        // Without If-Match the client asks for no check, as everywhere in the app: the edit goes through and bumps the version.
        var blind = await (await PutShiftAsync("demo-street", shift, Body("周末早班", "10:30", rest: true), null)).ReadOkAsync<JsonElement>();
        Assert.Equal("10:30", blind.GetProperty("end").GetString());
        Assert.Equal(version + 3, blind.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_county_holiday_set_through_the_calendar_api_changes_which_shifts_the_day_needs()
    {
        var centre = CentresWorld.Id(await CreateCentreAsync("县历测试驿站", 90m, 10m, AllTen));
        var morning = await ShiftAsync(centre, "早班", "08:30", "11:30", work: true, rest: false, holiday: false);
        var festive = await ShiftAsync(centre, "节日值守", "09:00", "15:00", work: false, rest: false, holiday: true);
        var day = new DateOnly(2026, 9, 29); // an ordinary Tuesday nationally, beyond the other tests' 14 days
        async Task<HashSet<Guid>> GapsOn() => (await GapsAsync(centre, days: 30))
            .Where(g => g.GetProperty("date").GetString() == day.ToString("yyyy-MM-dd")).Select(g => g.GetProperty("shiftId").GetGuid()).ToHashSet();

        Assert.Equal(morning, Assert.Single(await GapsOn()));

        // The county administrator makes the day a county holiday (the calendar the case deadlines count with).
        var set = await (await _w.As("demo-county")).PutAsJsonAsync($"/api/v1/counties/230725/calendar/days/{day:yyyy-MM-dd}", new { isWorkingDay = false, name = "县庆日" });
        await set.ReadOkAsync<JsonElement>();

        Assert.Equal(festive, Assert.Single(await GapsOn()));
        var rota = await (await _w.GetAsync("demo-community-a", $"/api/v1/duty/rota?centre={centre}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}")).ReadOkAsync<JsonElement>();
        var rotaDay = rota.GetProperty("days")[0];
        Assert.Equal("holiday", rotaDay.GetProperty("dayType").GetString());
        Assert.Equal("县庆日", rotaDay.GetProperty("holidayName").GetString());
        // Filling by rotation puts someone on the holiday shift, not on the workday one.
        var fill = await (await (await _w.As("demo-community-a")).PostAsJsonAsync("/api/v1/duty/fill", new
        {
            centreId = centre, from = day, to = day, userIds = new[] { await UserAsync("demo-grid") },
        })).ReadOkAsync<JsonElement>();
        Assert.Equal(1, fill.GetProperty("assigned").GetInt32());
        var filled = await (await _w.GetAsync("demo-community-a", $"/api/v1/duty/rota?centre={centre}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}")).ReadOkAsync<JsonElement>();
        var cells = filled.GetProperty("days")[0].GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("shiftId").GetGuid());
        Assert.Equal(1, cells[festive].GetProperty("onDuty").GetArrayLength());
        Assert.Equal(0, cells[morning].GetProperty("onDuty").GetArrayLength());
        Assert.False(cells[morning].GetProperty("required").GetBoolean());
        Assert.Empty(await GapsOn());
    }

    private static List<IDictionary<string, object>> Sheet(byte[] xlsx, string sheet)
    {
        using var stream = new MemoryStream(xlsx);
        return stream.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object>>().ToList();
    }

    private async Task<byte[]> XlsxAsync(string user, string path)
    {
        var response = await _w.GetAsync(user, path);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(CentresExport.ContentType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task The_centres_and_month_rota_workbooks_match_the_api_and_keep_the_data_scope()
    {
        // Centres of the street: one row per centre, with the same score and pass/fail as the API.
        var api = (await (await _w.GetAsync("demo-street", "/api/v1/centres?division=230725100")).ReadOkAsync<JsonElement>()).EnumerateArray().ToList();
        var rows = Sheet(await XlsxAsync("demo-street", "/api/v1/centres/export?division=230725100"), CentresExport.CentresSheet);
        Assert.Equal(api.Count, rows.Count);
        Assert.Contains(api, c => c.GetProperty("communityName").GetString() != api[0].GetProperty("communityName").GetString()); // both communities
        foreach (var c in api)
        {
            var row = Assert.Single(rows, r => (string)r["阵地名称"] == c.GetProperty("name").GetString() && (string)r["社区"] == c.GetProperty("communityName").GetString());
            Assert.Equal($"{c.GetProperty("tenHaveScore").GetInt32()}/10", row["“十有”"]);
            Assert.Equal(c.GetProperty("meetsActivityShare").GetBoolean() ? "达标" : "未达标", row["占比≥85%"]);
            Assert.Equal(c.GetProperty("activitySharePercent").GetDecimal(), Convert.ToDecimal(row["群众活动面积占比（%）"], System.Globalization.CultureInfo.InvariantCulture));
        }
        var yuxi = Assert.Single(rows, r => (string)r["阵地名称"] == "育西社区党群服务中心");
        Assert.Equal("药品", yuxi["缺少项目"]);
        Assert.Equal("未达标", yuxi["占比≥85%"]);

        // A community worker's workbook has only their community's centres; another community's is not found.
        var mine = Sheet(await XlsxAsync("demo-community-a", "/api/v1/centres/export"), CentresExport.CentresSheet);
        var mineApi = (await (await _w.GetAsync("demo-community-a", "/api/v1/centres")).ReadOkAsync<JsonElement>()).GetArrayLength();
        Assert.Equal(mineApi, mine.Count);
        Assert.DoesNotContain(mine, r => (string)r["阵地名称"] == "育西社区党群服务中心");
        Assert.All(mine, r => Assert.Equal(mine[0]["社区"], r["社区"]));
        await (await _w.GetAsync("demo-community-a", $"/api/v1/centres/export?division={CentresWorld.Yuxi}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        // The month rota of 团结's centre: a row per person on duty and a 空缺 row per required shift nobody is on, as the rota says.
        var tuanjie = api.Single(c => c.GetProperty("name").GetString() == "团结社区党群服务中心").GetProperty("id").GetGuid();
        var rota = await (await _w.GetAsync("demo-community-a", $"/api/v1/duty/rota?centre={tuanjie}&from=2026-09-01&to=2026-09-30")).ReadOkAsync<JsonElement>();
        var cells = rota.GetProperty("days").EnumerateArray().SelectMany(d => d.GetProperty("cells").EnumerateArray()).ToList();
        var onDuty = cells.Sum(c => c.GetProperty("onDuty").GetArrayLength());
        var empty = cells.Count(c => c.GetProperty("required").GetBoolean() && c.GetProperty("onDuty").GetArrayLength() == 0);
        var month = Sheet(await XlsxAsync("demo-community-a", $"/api/v1/duty/export?centreId={tuanjie}&month=2026-09"), CentresExport.RotaSheet);
        Assert.True(onDuty > 0);
        Assert.Equal(onDuty + empty, month.Count);
        Assert.Equal(empty, month.Count(r => (string)r["值班人员"] == CentresExport.Gap));
        Assert.Contains(month, r => (string)r["日期"] == "2026-09-25" && ((string)r["日期类型"]).Contains("中秋节"));
        Assert.Contains(month, r => (string)r["岗位"] == "网格员");
        Assert.All(month, r => Assert.StartsWith("2026-09-", (string)r["日期"]));
        await (await _w.GetAsync("demo-community-b", $"/api/v1/duty/export?centreId={tuanjie}&month=2026-09")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _w.GetAsync("demo-community-a", $"/api/v1/duty/export?centreId={tuanjie}&month=2026-9x")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }
}

using System.Net;
using System.Text.Json;
using Jiceng.Tests.Cases;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.Notifications;
using Jiceng.Web.Modules.ServiceHall.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.ServiceHall;

/// <summary>帮办代办: 首问负责 and hand-over, into the case loop and back with the case's result, scope; and the 办不成事 window.</summary>
public sealed partial class HelpOrderTests(ServiceHallApp app) : IClassFixture<ServiceHallApp>
{
    private readonly JicengAppFactory _app = app;
    private readonly ServiceHallWorld _w = new(app);

    private async Task<JsonElement> OpenAsync(int days, string title = "代缴取暖费", string? account = null, string user = "demo-community-a", string division = ServiceHallWorld.Tuanjie) =>
        await (await _w.PostAsync(user, "/api/v1/help-orders", new
        {
            divisionCode = division, title, timeLimitDays = days, residentName = "张桂兰", residentPhone = "13912345678", residentUserName = account,
        })).ReadOkAsync<JsonElement>();

    private async Task<string> LightAsync(Guid id) => (await _w.GetOkAsync("demo-community-a", $"/api/v1/help-orders/{id}")).GetProperty("light").GetString()!;

    [Fact]
    public async Task The_demos_order_handed_to_a_department_waits_on_its_case_in_the_loop()
    {
        // This app seeds the demo's case (Demo:SeedCases): the order points at a walk-in case the community accepted.
        var orders = await _w.GetOkAsync("demo-community-a", $"/api/v1/help-orders?division={ServiceHallWorld.Tuanjie}");
        // The demo's order was opened days before the app's clock; another test here may hand over an order of its own.
        var handed = orders.EnumerateArray().Where(o => o.GetProperty("status").GetString() == "handedToDepartment")
            .MinBy(o => o.GetProperty("openedUtc").GetDateTime())!;
        Assert.True(handed.GetProperty("openedUtc").GetDateTime() < _app.Clock.GetUtcNow().UtcDateTime.AddHours(-1));
        var @case = await new CaseApi(_app).GetAsync("demo-community-a", handed.GetProperty("caseId").GetInt64());
        Assert.Equal("accepted", @case.GetProperty("status").GetString());
        Assert.Equal(handed.GetProperty("caseNumber").GetString(), @case.GetProperty("number").GetString());
    }

    [Fact]
    public async Task The_first_person_asked_stays_responsible_until_handing_over_and_other_communities_get_404()
    {
        var order = await OpenAsync(5);
        var id = order.GetProperty("id").GetGuid();
        Assert.True(order.GetProperty("iResponsible").GetBoolean());
        Assert.Equal(order.GetProperty("openedByName").GetString(), order.GetProperty("responsibleName").GetString());

        await (await _w.PostAsync("demo-street", $"/api/v1/help-orders/{id}/start")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await (await _w.As("demo-community-b")).GetAsync($"/api/v1/help-orders/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _w.PostAsync("demo-community-b", $"/api/v1/help-orders/{id}/complete", new { note = "x" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain((await _w.GetOkAsync("demo-community-b", "/api/v1/help-orders")).EnumerateArray(), o => o.GetProperty("id").GetGuid() == id);

        var started = await _w.PostOkAsync("demo-community-a", $"/api/v1/help-orders/{id}/start");
        Assert.Equal("inProgress", started.GetProperty("status").GetString());
        await (await _w.PostAsync("demo-community-a", $"/api/v1/help-orders/{id}/hand-over", new { userName = "demo-community-b" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _w.PostAsync("demo-community-a", $"/api/v1/help-orders/{id}/hand-over", new { userName = "demo-street" }, ifMatch: 1))
            .AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        var handed = await _w.PostOkAsync("demo-community-a", $"/api/v1/help-orders/{id}/hand-over", new { userName = "demo-street" });
        Assert.False(handed.GetProperty("iResponsible").GetBoolean());
        await (await _w.PostAsync("demo-community-a", $"/api/v1/help-orders/{id}/complete", new { note = "已办结" })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        // Bad input is refused and changes nothing.
        await (await _w.PostAsync("demo-street", $"/api/v1/help-orders/{id}/cannot-do", new { note = " " })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal("inProgress", (await _w.GetOkAsync("demo-street", $"/api/v1/help-orders/{id}")).GetProperty("status").GetString());
        var before = await _w.QueryAsync(db => db.HelpOrders.CountAsync());
        await (await _w.PostAsync("demo-community-a", "/api/v1/help-orders", new { divisionCode = ServiceHallWorld.Tuanjie, title = "代办", timeLimitDays = 3, residentName = "" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _w.PostAsync("demo-community-a", "/api/v1/help-orders", new { divisionCode = ServiceHallWorld.Tuanjie, title = "代办", timeLimitDays = 3, residentName = "李四", residentPhone = "12345" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _w.PostAsync("demo-community-a", "/api/v1/help-orders", new { divisionCode = ServiceHallWorld.Yuxi, title = "代办", timeLimitDays = 3, residentName = "李四" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _w.PostAsync("demo-community-a", "/api/v1/help-orders", new { divisionCode = ServiceHallWorld.Tuanjie, title = "代办", timeLimitDays = 0, residentName = "李四" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(before, await _w.QueryAsync(db => db.HelpOrders.CountAsync()));

        var done = await _w.PostOkAsync("demo-street", $"/api/v1/help-orders/{id}/cannot-do", new { note = "该事项需本人到县政务大厅人脸识别，已预约上门服务" });
        Assert.Equal("cannotDo", done.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("light").ValueKind);
    }

    [Fact]
    public async Task Handing_to_a_department_files_a_case_in_the_loop_and_the_order_follows_its_result()
    {
        var item = await _w.ItemIdAsync("农村危房改造申请");
        var order = await (await _w.PostAsync("demo-community-a", "/api/v1/help-orders", new
        {
            divisionCode = ServiceHallWorld.Tuanjie, itemId = item, residentName = "李长海", residentPhone = "13904567890",
        })).ReadOkAsync<JsonElement>();
        var id = order.GetProperty("id").GetGuid();
        Assert.Equal(30, order.GetProperty("timeLimitDays").GetInt32());
        Assert.Equal("农村危房改造申请", order.GetProperty("title").GetString());

        var handed = await _w.PostOkAsync("demo-community-a", $"/api/v1/help-orders/{id}/hand-to-department", new { categoryCode = "other", note = "墙体开裂，需住建部门上门鉴定" });
        Assert.Equal("handedToDepartment", handed.GetProperty("status").GetString());
        var caseId = handed.GetProperty("caseId").GetInt64();
        var cases = new CaseApi(_app);
        var @case = await cases.GetAsync("demo-community-a", caseId);
        Assert.Equal("accepted", @case.GetProperty("status").GetString());
        Assert.Equal("walkIn", @case.GetProperty("channel").GetString());
        Assert.Contains(order.GetProperty("number").GetString()!, @case.GetProperty("description").GetString());
        await (await _w.PostAsync("demo-community-a", $"/api/v1/help-orders/{id}/hand-to-department", new { categoryCode = "other" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "wrong_state");

        // The case goes round the loop: the street dispatches, the department handles, the grid worker verifies.
        await cases.DoAsync("demo-street", caseId, "dispatch", new { leadDepartmentId = await cases.DepartmentAsync("ZJJ") });
        await cases.DoAsync("demo-dept", caseId, "claim");
        await cases.DoAsync("demo-dept", caseId, "resolve", new { note = "已鉴定为C级危房，纳入改造计划" });
        Assert.Equal(0, await _app.AsSystemAsync(sp => sp.GetRequiredService<HelpOrders>().FollowCasesAsync(CancellationToken.None)));
        await cases.DoAsync("demo-grid", caseId, "verify", new { note = "现场核查属实，已纳入今年改造计划" });
        Assert.Equal(1, await _app.AsSystemAsync(sp => sp.GetRequiredService<HelpOrders>().FollowCasesAsync(CancellationToken.None)));

        var after = await _w.GetOkAsync("demo-community-a", $"/api/v1/help-orders/{id}");
        Assert.Equal("done", after.GetProperty("status").GetString());
        Assert.Contains("已纳入今年改造计划", after.GetProperty("result").GetString());
        Assert.False(after.GetProperty("completedLate").GetBoolean());
    }

    [Fact]
    public async Task A_request_nobody_could_handle_is_recorded_with_its_outcome_and_counted()
    {
        var before = (await _w.GetOkAsync("demo-community-a", $"/api/v1/help-orders/figures?division={ServiceHallWorld.Tuanjie}"))
            .GetProperty("communities").EnumerateArray().Single(c => c.GetProperty("divisionCode").GetString() == ServiceHallWorld.Tuanjie);
        var created = await (await _w.PostAsync("demo-community-a", "/api/v1/hard-requests", new
        {
            divisionCode = ServiceHallWorld.Tuanjie, askerName = "马志远", askerPhone = "13604561111", subject = "小区门口加装减速带",
            stuckReason = "交警称属小区内部道路，物业称需业主大会表决",
        })).ReadOkAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("pending", created.GetProperty("outcome").GetString());
        Assert.Equal("136****1111", created.GetProperty("askerPhone").GetString());
        Assert.Equal("马**", created.GetProperty("askerName").GetString());

        await (await _w.PostAsync("demo-community-b", $"/api/v1/hard-requests/{id}/outcome", new { outcome = "solved", note = "x" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _w.PostAsync("demo-community-a", $"/api/v1/hard-requests/{id}/outcome", new { outcome = "pending", note = "x" })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _w.PostAsync("demo-community-a", $"/api/v1/hard-requests/{id}/outcome", new { outcome = "solved" })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _w.PostAsync("demo-community-a", "/api/v1/hard-requests", new { divisionCode = ServiceHallWorld.Tuanjie, askerName = "马志远", subject = "减速带" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var solved = await _w.PostOkAsync("demo-community-a", $"/api/v1/hard-requests/{id}/outcome", new { outcome = "solved", note = "社区协调物业召开业主议事会，已加装减速带两处" });
        Assert.Equal("solved", solved.GetProperty("outcome").GetString());
        Assert.Equal("2026-09-07", solved.GetProperty("outcomeDate").GetString());
        await (await _w.PostAsync("demo-community-a", $"/api/v1/hard-requests/{id}/outcome", new { outcome = "explained", note = "x" })).AssertProblemAsync(HttpStatusCode.Conflict, "wrong_state");

        var after = (await _w.GetOkAsync("demo-community-a", $"/api/v1/help-orders/figures?division={ServiceHallWorld.Tuanjie}"))
            .GetProperty("communities").EnumerateArray().Single(c => c.GetProperty("divisionCode").GetString() == ServiceHallWorld.Tuanjie);
        Assert.Equal(before.GetProperty("hardRequests").GetInt32() + 1, after.GetProperty("hardRequests").GetInt32());
        Assert.Equal(before.GetProperty("hardRequestsSolved").GetInt32() + 1, after.GetProperty("hardRequestsSolved").GetInt32());
        Assert.DoesNotContain((await _w.GetOkAsync("demo-community-b", "/api/v1/hard-requests")).EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        await (await (await _w.As("demo-resident")).GetAsync("/api/v1/hard-requests")).AssertStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Staff_link_an_order_to_a_person_found_by_name_or_phone_tail_within_their_scope_only()
    {
        // The console's person search is the Residents module's scoped list: by part of the name or the phone's last 4 digits.
        var byName = await _w.GetOkAsync("demo-community-a", $"/api/v1/residents?division={ServiceHallWorld.Tuanjie}&q={Uri.EscapeDataString("红梅")}&pageSize=10");
        var person = byName.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "王红梅");
        var personId = person.GetProperty("id").GetGuid();
        Assert.Equal("139****1986", person.GetProperty("phone").GetString());
        var byTail = await _w.GetOkAsync("demo-community-a", $"/api/v1/residents?division={ServiceHallWorld.Tuanjie}&phoneTail=1986&pageSize=10");
        Assert.Contains(byTail.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == personId);

        // A worker of 育西 never finds a 团结 person, however they search.
        foreach (var query in new[] { $"q={Uri.EscapeDataString("王红梅")}", "phoneTail=1986", $"division={ServiceHallWorld.Tuanjie}&q={Uri.EscapeDataString("王")}",
                     $"division={ServiceHallWorld.Yuxi}&q={Uri.EscapeDataString("王红梅")}" })
        {
            var found = await _w.GetOkAsync("demo-community-b", $"/api/v1/residents?{query}&pageSize=200");
            Assert.DoesNotContain(found.GetProperty("items").EnumerateArray(), p => p.GetProperty("divisionCode").GetString() == ServiceHallWorld.Tuanjie);
        }
        // Nor links one by id: the order is refused and nothing is stored.
        var before = await _w.QueryAsync(db => db.HelpOrders.CountAsync());
        await (await _w.PostAsync("demo-community-b", "/api/v1/help-orders", new { divisionCode = ServiceHallWorld.Yuxi, title = "代缴取暖费", timeLimitDays = 3, personId }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(before, await _w.QueryAsync(db => db.HelpOrders.CountAsync()));

        // Picked in 团结: name and phone come from the record (masked in the answer), and the person's account follows the order.
        var order = await (await _w.PostAsync("demo-community-a", "/api/v1/help-orders", new { divisionCode = ServiceHallWorld.Tuanjie, title = "代缴取暖费", timeLimitDays = 3, personId }))
            .ReadOkAsync<JsonElement>();
        Assert.True(order.GetProperty("linkedToPerson").GetBoolean());
        Assert.True(order.GetProperty("linkedToAccount").GetBoolean());
        Assert.Equal("王**", order.GetProperty("residentName").GetString());
        Assert.Equal("139****1986", order.GetProperty("residentPhone").GetString());
        Assert.Contains((await _w.GetOkAsync("demo-party", "/api/v1/help-orders")).EnumerateArray(), o => o.GetProperty("id").GetGuid() == order.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task The_catalogue_exports_one_communitys_items_with_materials_only_for_its_staff()
    {
        var managed = await _w.GetOkAsync("demo-community-a", $"/api/v1/service-items/manage?division={ServiceHallWorld.Tuanjie}");

        var response = await (await _w.As("demo-community-a")).GetAsync($"/api/v1/service-items/export?division={ServiceHallWorld.Tuanjie}");
        var rows = await SheetAsync(response, ServiceHallExports.CatalogueSheet);

        Assert.Equal(managed.GetArrayLength(), rows.Count);
        Assert.Equal(managed.EnumerateArray().Select(i => i.GetProperty("code").GetString()).Order(), rows.Select(r => r["事项编码"]?.ToString()).Order());
        var pension = rows.Single(r => r["事项名称"]?.ToString() == "城乡居民基本养老保险参保登记");
        Assert.StartsWith("1. 居民身份证原件及复印件", pension["一次性告知材料"]?.ToString());
        var item = managed.EnumerateArray().Single(i => i.GetProperty("name").GetString() == "城乡居民基本养老保险参保登记");
        Assert.Equal(item.GetProperty("timeLimitDays").GetInt32(), Convert.ToInt32(pension["办结时限（工作日）"]));
        Assert.Equal(item.GetProperty("responsiblePost").GetString(), pension["责任岗位"]?.ToString());
        Assert.Equal(31, rows.Count(r => r["办理方式"]?.ToString() == "代办"));

        // Another community's staff cannot export 团结's catalogue; a resident cannot export at all.
        await (await (await _w.As("demo-community-b")).GetAsync($"/api/v1/service-items/export?division={ServiceHallWorld.Tuanjie}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await (await _w.As("demo-resident")).GetAsync($"/api/v1/service-items/export?division={ServiceHallWorld.Tuanjie}")).AssertStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_help_order_ledger_matches_the_figures_is_masked_and_holds_only_the_callers_communities()
    {
        var mine = await OpenAsync(5, "代办老年人优待证"); // phone 13912345678
        var theirs = await OpenAsync(5, "代办残疾人证", user: "demo-community-b", division: ServiceHallWorld.Yuxi);
        const string period = "from=2026-01-01&to=2026-09-07";

        var figures = (await _w.GetOkAsync("demo-community-a", $"/api/v1/help-orders/figures?division={ServiceHallWorld.Tuanjie}"))
            .GetProperty("communities").EnumerateArray().Single(c => c.GetProperty("divisionCode").GetString() == ServiceHallWorld.Tuanjie);
        var response = await (await _w.As("demo-community-a")).GetAsync($"/api/v1/help-orders/export?{period}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var rows = Sheet(bytes, ServiceHallExports.LedgerSheet);
        var totals = Sheet(bytes, ServiceHallExports.LedgerTotalsSheet).ToDictionary(r => r["项目"]!.ToString()!, r => r["数量"]?.ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(figures.GetProperty("open").GetInt32() + figures.GetProperty("done").GetInt32() + figures.GetProperty("cannotDo").GetInt32(), rows.Count);
        Assert.Equal(Count(rows.Count), totals[ServiceHallExports.LedgerTotal.Rows]);
        Assert.Equal(figures.GetProperty("doneLate").GetInt32(), rows.Count(r => r["状态"]?.ToString() == "已办结" && r["按时情况"]?.ToString() == ServiceHallExports.Late));
        Assert.Equal(figures.GetProperty("red").GetInt32(), rows.Count(r => r["按时情况"]?.ToString() == ServiceHallExports.OpenOverdue));
        Assert.All(rows, r => Assert.Equal("团结社区居委会", r["社区"]?.ToString()));
        Assert.DoesNotContain(rows, r => r["编号"]?.ToString() == theirs.GetProperty("number").GetString());
        var row = rows.Single(r => r["编号"]?.ToString() == mine.GetProperty("number").GetString());
        Assert.Equal("张**", row["居民"]?.ToString());
        Assert.Equal("139****5678", row["联系电话"]?.ToString());
        Assert.Equal("代办老年人优待证", row["事项"]?.ToString());
        Assert.Equal("2026-09-14", row["办结期限"]?.ToString()); // 5 working days from Monday
        Assert.Equal(ServiceHallExports.OpenInTime, row["按时情况"]?.ToString());
        Assert.Contains(rows, r => r["转交部门（诉求编号）"] is not null && r["状态"]?.ToString() == "已转部门");
        // No clear phone or full name anywhere in the file.
        Assert.DoesNotContain(rows.SelectMany(r => r.Values), v => v is not null && ClearPhone().IsMatch(v.ToString()!));
        Assert.DoesNotContain(rows, r => r["居民"]?.ToString() == "张桂兰");

        // The other community's worker gets only theirs; the county gets both; bad periods change nothing and are refused.
        var other = Sheet(await (await (await _w.As("demo-community-b")).GetAsync($"/api/v1/help-orders/export?{period}")).Content.ReadAsByteArrayAsync(), ServiceHallExports.LedgerSheet);
        Assert.Contains(other, r => r["编号"]?.ToString() == theirs.GetProperty("number").GetString());
        Assert.All(other, r => Assert.Equal("育西社区居委会", r["社区"]?.ToString()));
        var county = Sheet(await (await (await _w.As("demo-county")).GetAsync($"/api/v1/help-orders/export?{period}")).Content.ReadAsByteArrayAsync(), ServiceHallExports.LedgerSheet);
        Assert.Equal(rows.Count + other.Count, county.Count);
        await (await (await _w.As("demo-community-b")).GetAsync($"/api/v1/help-orders/export?{period}&division={ServiceHallWorld.Tuanjie}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await (await _w.As("demo-community-a")).GetAsync("/api/v1/help-orders/export?from=2026-09-08&to=2026-09-07")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await (await _w.As("demo-community-a")).GetAsync("/api/v1/help-orders/export?from=2025-01-01&to=2026-09-07")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await (await _w.As("demo-resident")).GetAsync($"/api/v1/help-orders/export?{period}")).AssertStatusAsync(HttpStatusCode.Forbidden);
        var empty = Sheet(await (await (await _w.As("demo-community-a")).GetAsync("/api/v1/help-orders/export?from=2026-01-01&to=2026-01-31")).Content.ReadAsByteArrayAsync(),
            ServiceHallExports.LedgerSheet);
        Assert.Empty(empty);

        // A period's ledger holds what was in hand in it: today's holds the demo's order opened days ago and finished
        // this morning (上期结转, counted as finished today); last week's holds it as still in hand and nothing opened today.
        var finished = (await _w.GetOkAsync("demo-community-a", $"/api/v1/help-orders?division={ServiceHallWorld.Tuanjie}")).EnumerateArray()
            .First(o => o.GetProperty("status").GetString() == "done" && o.GetProperty("openedUtc").GetDateTime() < new DateTime(2026, 9, 6, 16, 0, 0));
        var todayBytes = await (await (await _w.As("demo-community-a")).GetAsync("/api/v1/help-orders/export?from=2026-09-07&to=2026-09-07")).Content.ReadAsByteArrayAsync();
        var today = Sheet(todayBytes, ServiceHallExports.LedgerSheet);
        var todayTotals = Sheet(todayBytes, ServiceHallExports.LedgerTotalsSheet).ToDictionary(r => r["项目"]!.ToString()!, r => r["数量"]?.ToString());
        var finishedRow = today.Single(r => r["编号"]?.ToString() == finished.GetProperty("number").GetString());
        Assert.Equal("已办结", finishedRow["状态"]?.ToString());
        Assert.Equal("2026-09-07", finishedRow["办结日期"]?.ToString());
        Assert.Contains(today, r => r["编号"]?.ToString() == mine.GetProperty("number").GetString());
        var carried = today.Count(r => string.CompareOrdinal(r["受理日期"]?.ToString(), "2026-09-07") < 0);
        Assert.True(carried > 0);
        Assert.Equal(Count(carried), todayTotals[ServiceHallExports.LedgerTotal.CarriedOver]);
        Assert.Equal(Count(today.Count - carried), todayTotals[ServiceHallExports.LedgerTotal.Opened]);
        Assert.Equal(Count(today.Count(r => r["状态"]?.ToString() == "已办结" && r["办结日期"]?.ToString() == "2026-09-07" && r["按时情况"]?.ToString() == ServiceHallExports.OnTime)),
            todayTotals[ServiceHallExports.LedgerTotal.DoneOnTime]);

        var lastWeekBytes = await (await (await _w.As("demo-community-a")).GetAsync("/api/v1/help-orders/export?from=2026-08-31&to=2026-09-06")).Content.ReadAsByteArrayAsync();
        var lastWeek = Sheet(lastWeekBytes, ServiceHallExports.LedgerSheet);
        var lastWeekTotals = Sheet(lastWeekBytes, ServiceHallExports.LedgerTotalsSheet).ToDictionary(r => r["项目"]!.ToString()!, r => r["数量"]?.ToString());
        Assert.Contains(lastWeek, r => r["编号"]?.ToString() == finished.GetProperty("number").GetString());
        Assert.DoesNotContain(lastWeek, r => r["受理日期"]?.ToString() == "2026-09-07");
        Assert.Equal("0", lastWeekTotals[ServiceHallExports.LedgerTotal.DoneOnTime]); // finished after that week: in hand then
        Assert.Equal(Count(carried), Count(lastWeek.Count)); // the same orders were in hand at the start of today
    }

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<List<IDictionary<string, object?>>> SheetAsync(HttpResponseMessage response, string sheet)
    {
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(ServiceHallExports.Xlsx, response.Content.Headers.ContentType?.MediaType);
        return Sheet(await response.Content.ReadAsByteArrayAsync(), sheet);
    }

    private static List<IDictionary<string, object?>> Sheet(byte[] xlsx, string sheet)
    {
        using var stream = new MemoryStream(xlsx);
        return MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"1[3-9]\d{9}")]
    private static partial System.Text.RegularExpressions.Regex ClearPhone();
}

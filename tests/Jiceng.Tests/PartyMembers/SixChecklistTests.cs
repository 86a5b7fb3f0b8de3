using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.Care.Domain;
using Jiceng.Web.Modules.PartyMembers.Domain;
using Jiceng.Web.Modules.Volunteering.Domain;
using Jiceng.Web.Modules.Wishes.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Jiceng.Tests.PartyMembers;

/// <summary>"六个一" derived from records, never ticked; China's calendar year; the employer report and its export.</summary>
public sealed class SixChecklistTests(PartyApp app) : IClassFixture<PartyApp>
{
    private readonly PartyWorld _world = new(app);

    // The China year 2026 begins at 2025-12-31 16:00 UTC.
    private static readonly DateTime YearStartUtc = new(2025, 12, 31, 16, 0, 0, DateTimeKind.Utc);

    private async Task<Dictionary<string, bool>> SixAsync(string user, int year = 2026) =>
        PartyWorld.Done(await _world.GetOkAsync(user, $"/api/v1/party/six?year={year}"));

    [Fact]
    public async Task Each_item_is_done_by_its_record_in_the_year_and_not_by_records_elsewhere_in_time_or_unfinished()
    {
        var member = await _world.MemberAsync(name: "黄春梅");
        var registration = await _world.RegisteredAsync(member.UserName);
        var helped = await _world.Care.PersonAsync(PartyWorld.Tuanjie, "刘桂兰", tags: ["elderly-alone"]);
        Assert.All(await SixAsync(member.UserName), i => Assert.False(i.Value, i.Key));

        // Records that must not count: last year's session, a wish back on the wall, an unclaimed-in-2026 wish,
        // a pending hours claim, a sign-up with nothing credited, last year's credited activity, a help plan closed before the year.
        var lastYear = await _world.SessionAsync(PartyWorld.Tuanjie, MemberSessionKind.OrganisationLife, new DateOnly(2025, 12, 31), "年终组织生活会");
        await (await _world.AttendAsync(lastYear, registration)).ReadOkAsync<JsonElement>();
        await _world.WishAsync(member.UserId, WishStatus.OnWall, new DateTime(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc));
        await _world.WishAsync(member.UserId, WishStatus.Fulfilled, YearStartUtc.AddMinutes(-1)); // 23:59 on 31 Dec in China
        await _world.HoursClaimAsync(member.UserId, new DateOnly(2026, 5, 4), HoursClaimStatus.Pending);
        await _world.HoursClaimAsync(member.UserId, new DateOnly(2026, 5, 5), HoursClaimStatus.Rejected);
        await _world.SignupAsync(member.UserId, new DateTime(2026, 4, 1, 1, 0, 0, DateTimeKind.Utc), creditedMinutes: 0);
        await _world.SignupAsync(member.UserId, YearStartUtc.AddHours(-2), creditedMinutes: 120);
        await _world.HelpPlanAsync(helped, member.PersonId, new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc), HelpPlanStatus.Closed);
        await _world.VisitAsync(helped, member.UserId, null, YearStartUtc.AddHours(-1));
        Assert.All(await SixAsync(member.UserName), i => Assert.False(i.Value, i.Key));
        var last = await SixAsync(member.UserName, 2025);
        Assert.True(last["organisation_life"]);
        Assert.True(last["micro_wish"]);
        Assert.True(last["volunteer_day"]);
        Assert.True(last["family_paired"]);

        // Each kind of session flips its own item only.
        var life = await _world.SessionAsync(PartyWorld.Tuanjie, MemberSessionKind.OrganisationLife, new DateOnly(2026, 1, 1), "主题党日");
        await (await _world.AttendAsync(life, registration)).ReadOkAsync<JsonElement>();
        var six = await SixAsync(member.UserName);
        Assert.True(six["organisation_life"]);
        Assert.False(six["cadre_discussion"]);
        Assert.False(six["survey"]);
        var talk = await _world.SessionAsync(PartyWorld.Tuanjie, MemberSessionKind.CadreDiscussion, new DateOnly(2026, 4, 10), "与社区干部座谈");
        await (await _world.AttendAsync(talk, registration)).ReadOkAsync<JsonElement>();
        Assert.True((await SixAsync(member.UserName))["cadre_discussion"]);
        var survey = await _world.SessionAsync(PartyWorld.Tuanjie, MemberSessionKind.Survey, new DateOnly(2026, 5, 20), "老旧小区改造调研");
        await (await _world.AttendAsync(survey, registration)).ReadOkAsync<JsonElement>();
        Assert.True((await SixAsync(member.UserName))["survey"]);

        // A wish claimed at 00:30 on 1 Jan in China counts for 2026.
        var wish = await _world.WishAsync(member.UserId, WishStatus.Claimed, YearStartUtc.AddMinutes(30), "给留守儿童买一套课外书");
        var checklist = await _world.GetOkAsync(member.UserName, "/api/v1/party/six?year=2026");
        var wishEvidence = Assert.Single(PartyWorld.Evidence(checklist, "micro_wish"));
        Assert.Equal(wish, wishEvidence.GetProperty("recordId").GetGuid());
        Assert.Equal("2026-01-01", wishEvidence.GetProperty("date").GetString());
        Assert.Equal("给留守儿童买一套课外书", wishEvidence.GetProperty("text").GetString());

        // An approved hours claim is a volunteer day; so is a credited sign-up.
        await _world.HoursClaimAsync(member.UserId, new DateOnly(2026, 6, 1), HoursClaimStatus.Approved);
        Assert.True((await SixAsync(member.UserName))["volunteer_day"]);
        await _world.SignupAsync(member.UserId, new DateTime(2026, 6, 6, 1, 0, 0, DateTimeKind.Utc), creditedMinutes: 90);
        checklist = await _world.GetOkAsync(member.UserName, "/api/v1/party/six?year=2026");
        Assert.Equal(2, PartyWorld.Evidence(checklist, "volunteer_day").Count);
        Assert.False(PartyWorld.Done(checklist)["family_paired"]);

        // A visit to a family in difficulty pairs; the visited person's name is masked in the evidence.
        await _world.VisitAsync(helped, member.UserId, null, new DateTime(2026, 6, 10, 2, 0, 0, DateTimeKind.Utc));
        checklist = await _world.GetOkAsync(member.UserName, "/api/v1/party/six?year=2026");
        Assert.All(PartyWorld.Done(checklist), i => Assert.True(i.Value, i.Key));
        Assert.Equal(6, checklist.GetProperty("doneCount").GetInt32());
        var text = checklist.GetRawText();
        Assert.DoesNotContain("刘桂兰", text);
        Assert.Contains("刘**", text);

        // Staff of the community read the same checklist through the registration.
        var staffView = await _world.GetOkAsync("demo-community-a", $"/api/v1/party/registrations/{registration}/six?year=2026");
        Assert.Equal(6, staffView.GetProperty("doneCount").GetInt32());
        Assert.Equal("黄**", staffView.GetProperty("memberName").GetString());
    }

    [Fact]
    public async Task Being_a_helper_on_a_help_plan_open_during_the_year_pairs_a_family()
    {
        var member = await _world.MemberAsync(name: "何建华");
        await _world.RegisteredAsync(member.UserName);
        var helped = await _world.Care.PersonAsync(PartyWorld.Tuanjie, "马秀英", tags: ["disabled"]);
        Assert.False((await SixAsync(member.UserName))["family_paired"]);
        var plan = await _world.HelpPlanAsync(helped, member.PersonId, new DateTime(2025, 9, 1, 0, 0, 0, DateTimeKind.Utc), HelpPlanStatus.Active);
        var checklist = await _world.GetOkAsync(member.UserName, "/api/v1/party/six?year=2026");
        var evidence = Assert.Single(PartyWorld.Evidence(checklist, "family_paired"));
        Assert.Equal(plan, evidence.GetProperty("recordId").GetGuid());
        Assert.Equal("help_plan", evidence.GetProperty("source").GetString());
        Assert.DoesNotContain("马秀英", checklist.GetRawText());
        // The plan was made in 2025: it does not count for 2024.
        Assert.False((await SixAsync(member.UserName, 2024))["family_paired"]);
    }

    [Fact]
    public async Task The_employer_report_lists_who_did_what_and_who_did_nothing_and_exports_it()
    {
        var unit = await _world.DemoUnitIdAsync();
        var other = await _world.OtherUnitIdAsync();
        var busy = await _world.MemberAsync(name: "林志远");
        var idle = await _world.MemberAsync(PartyWorld.Yuxi, "唐雪梅");
        var foreign = await _world.MemberAsync(name: "韩东升");
        var busyId = await _world.RegisteredAsync(busy.UserName, unitId: unit);
        var idleId = await _world.RegisteredAsync(idle.UserName, PartyWorld.Yuxi, unitId: unit);
        var foreignId = await _world.RegisteredAsync(foreign.UserName, unitId: other);
        var session = await _world.SessionAsync(PartyWorld.Tuanjie, MemberSessionKind.Survey, new DateOnly(2026, 3, 3), "物业服务满意度调研");
        await (await _world.AttendAsync(session, busyId, foreignId)).ReadOkAsync<JsonElement>();
        await _world.WishAsync(busy.UserId, WishStatus.Confirmed, new DateTime(2026, 2, 2, 2, 0, 0, DateTimeKind.Utc));

        // The unit gets its own unit whatever it asks for.
        var report = await _world.GetOkAsync("demo-unit", $"/api/v1/party/reports/employer?unitId={other}&year=2026");
        Assert.Equal(unit, report.GetProperty("unitId").GetGuid());
        var rows = report.GetProperty("members").EnumerateArray().ToDictionary(r => r.GetProperty("registrationId").GetGuid());
        Assert.Contains(busyId, rows.Keys);
        Assert.Contains(idleId, rows.Keys);
        Assert.DoesNotContain(foreignId, rows.Keys);
        Assert.Equal(2, rows[busyId].GetProperty("doneCount").GetInt32());
        Assert.True(rows[busyId].GetProperty("items").GetProperty("survey").GetBoolean());
        Assert.False(rows[busyId].GetProperty("items").GetProperty("organisation_life").GetBoolean());
        var nothing = report.GetProperty("didNothing").EnumerateArray().Select(r => r.GetProperty("registrationId").GetGuid()).ToList();
        Assert.Contains(idleId, nothing);
        Assert.DoesNotContain(busyId, nothing);
        Assert.Equal("唐**", rows[idleId].GetProperty("memberName").GetString());

        // 团结's staff asking for the unit see only their community's members of it.
        var tuanjie = await _world.GetOkAsync("demo-community-a", $"/api/v1/party/reports/employer?unitId={unit}&year=2026");
        var tuanjieIds = tuanjie.GetProperty("members").EnumerateArray().Select(r => r.GetProperty("registrationId").GetGuid()).ToList();
        Assert.Contains(busyId, tuanjieIds);
        Assert.DoesNotContain(idleId, tuanjieIds);
        // A party member may not read reports.
        (await _world.GetAsync(busy.UserName, $"/api/v1/party/reports/employer?unitId={unit}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The export opens and has a row per member, names masked.
        var file = await (await _world.Care.As("demo-unit")).GetAsync("/api/v1/party/reports/employer/export?year=2026");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        await using var stream = new MemoryStream(await file.Content.ReadAsByteArrayAsync());
        var sheets = MiniExcel.GetSheetNames(stream);
        Assert.Equal(2, sheets.Count);
        var sheetRows = MiniExcel.Query(stream, useHeaderRow: true, sheetName: sheets[0]).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(rows.Count, sheetRows.Count);
        Assert.Contains(sheetRows, r => (string?)r["党员"] == "林**" && Convert.ToInt32(r["完成项数"], System.Globalization.CultureInfo.InvariantCulture) == 2);
        var idleRows = MiniExcel.Query(stream, useHeaderRow: true, sheetName: sheets[1]).Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(idleRows, r => (string?)r["党员"] == "唐**");
        Assert.DoesNotContain(idleRows, r => (string?)r["党员"] == "林**");

        // The community summary counts completion among the confirmed.
        var summary = await _world.GetOkAsync("demo-community-a", "/api/v1/party/reports/communities?year=2026");
        var community = Assert.Single(summary.GetProperty("communities").EnumerateArray());
        Assert.Equal(PartyWorld.Tuanjie, community.GetProperty("divisionCode").GetString());
        Assert.True(community.GetProperty("completed").GetProperty("survey").GetInt32() >= 2);
    }
}

/// <summary>The demo: the demo party member is confirmed in 团结 and her checklist is partly done, from this year's sessions.</summary>
public sealed class PartyMemberDemoTests(PartyApp app) : IClassFixture<PartyApp>
{
    private readonly PartyWorld _world = new(app);

    [Fact]
    public async Task The_demo_party_member_is_confirmed_with_her_unit_and_has_some_items_done_and_some_not()
    {
        var mine = await _world.GetOkAsync("demo-party", "/api/v1/party/registrations/mine");
        var registration = mine.EnumerateArray().First();
        Assert.Equal("confirmed", registration.GetProperty("status").GetString());
        Assert.Equal(PartyWorld.Tuanjie, registration.GetProperty("divisionCode").GetString());
        Assert.Equal(await _world.DemoUnitIdAsync(), registration.GetProperty("unitId").GetGuid());

        var six = PartyWorld.Done(await _world.GetOkAsync("demo-party", "/api/v1/party/six"));
        Assert.True(six["organisation_life"]);
        Assert.True(six["survey"]);
        Assert.False(six["cadre_discussion"]);

        var report = await _world.GetOkAsync("demo-unit", "/api/v1/party/reports/employer");
        Assert.Contains(report.GetProperty("members").EnumerateArray(), r => r.GetProperty("registrationId").GetGuid() == registration.GetProperty("id").GetGuid());
        var pending = await _world.GetOkAsync("demo-community-a", "/api/v1/party/registrations?status=Pending");
        Assert.NotEmpty(pending.EnumerateArray());
        var sessions = await _world.GetOkAsync("demo-community-a", "/api/v1/party/sessions");
        Assert.Equal(3, sessions.GetArrayLength());

        // A second start changes nothing.
        var before = await _world.Q(async db => (await db.MemberRegistrations.CountAsync(), await db.MemberSessions.CountAsync(), await db.Users.CountAsync()));
        await app.AsSystemAsync(sp => sp.GetRequiredService<Jiceng.Web.Demo.PartyMemberDemoSeeder>().SeedAsync());
        Assert.Equal(before, await _world.Q(async db => (await db.MemberRegistrations.CountAsync(), await db.MemberSessions.CountAsync(), await db.Users.CountAsync())));
    }
}

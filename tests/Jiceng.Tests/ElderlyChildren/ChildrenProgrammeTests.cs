using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.ElderlyChildren.Domain;
using Jiceng.Web.Platform.Auth;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Tests.ElderlyChildren;

/// <summary>四点半课堂: guardian consent under 14, capacity, attendance figures, scope.</summary>
/// <summary>One app for the children's programme tests (Mon 7 Sep 2026, 09:00 in China).</summary>
public sealed class ChildrenApp : JicengAppFactory
{
    public ChildrenApp()
    {
        Start = new DateTimeOffset(2026, 9, 7, 1, 0, 0, TimeSpan.Zero);
        Settings = new Dictionary<string, string>
        {
            ["Care:VisitReminderMonitorEnabled"] = "false", ["Cases:DeadlineMonitorEnabled"] = "false", ["Notifications:DispatcherEnabled"] = "false",
        };
    }
}

public sealed class ChildrenProgrammeTests(ChildrenApp app) : IClassFixture<ChildrenApp>
{
    private readonly JicengAppFactory _app = app;
    private readonly ElderlyWorld _world = new(app);

    private const string Staff = "demo-community-a";

    private static object Paper(string name = "张伟") => new { name, relation = "父亲", phone = "13945678901", givenAt = "2026-09-06T08:00:00+08:00", method = "paper" };

    [Fact]
    public async Task Under_14_needs_guardian_consent_capacity_holds_and_attendance_counts()
    {
        var programme = await _world.PostOkAsync(Staff, "/api/v1/children/programmes", new
        {
            divisionCode = ElderlyWorld.Tuanjie, name = "四点半课堂（测试）", kind = "afterSchool", place = "党群服务中心童心港湾", term = "2026秋季学期",
            termStart = "2026-09-01", termEnd = "2027-01-15", capacity = 2,
        });
        var id = programme.GetProperty("id").GetGuid();
        var url = $"/api/v1/children/programmes/{id}/enrolments";

        var refused = await _world.PostAsync(Staff, url, new { childName = "张小明", birthDate = "2016-04-01" });
        await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "guardian_consent_required");
        var halfConsent = await _world.PostAsync(Staff, url, new { childName = "张小明", birthDate = "2016-04-01", guardian = new { name = "张伟", relation = "父亲" } });
        await halfConsent.AssertProblemAsync(HttpStatusCode.BadRequest, "guardian_consent_required");
        Assert.Equal(0, await _world.QueryAsync(db => db.ProgrammeEnrolments.CountAsync(e => e.ProgrammeId == id)));
        Assert.Equal(0, (await _world.GetOkAsync(Staff, $"/api/v1/children/programmes/{id}")).GetProperty("enrolled").GetInt32());

        var child = await _world.PostOkAsync(Staff, url, new { childName = "张小明", birthDate = "2016-04-01", guardian = Paper() });
        Assert.Equal("张**", child.GetProperty("childName").GetString());
        Assert.Equal("139****8901", child.GetProperty("guardianPhone").GetString());
        Assert.Equal("paper", child.GetProperty("consentMethod").GetString());
        var storedName = await _world.QueryAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"SealedChildName\" AS \"Value\" FROM \"ProgrammeEnrolments\" WHERE \"SealedChildName\" IS NOT NULL").ToListAsync());
        Assert.DoesNotContain(storedName, v => v.Contains("小明", StringComparison.Ordinal));

        // 14 and over: no consent needed, the name stays plain.
        var teen = await _world.PostOkAsync(Staff, url, new { childName = "李思远", birthDate = "2011-03-01" });
        Assert.Equal("李思远", teen.GetProperty("childName").GetString());

        // Full: a third child is refused and nothing is stored.
        var third = await _world.PostAsync(Staff, url, new { childName = "王可", birthDate = "2017-05-05", guardian = Paper("王芳") });
        await third.AssertProblemAsync(HttpStatusCode.Conflict, "programme_full");
        Assert.Equal(2, await _world.QueryAsync(db => db.ProgrammeEnrolments.CountAsync(e => e.ProgrammeId == id)));

        // Two sessions: both present, then one present and one on leave → 3 student visits (人次).
        var first = (await _world.PostOkAsync(Staff, $"/api/v1/children/programmes/{id}/sessions", new { date = "2026-09-07", start = "16:30", end = "18:00", topic = "数学作业辅导", tutor = "大学生志愿者王老师" })).GetProperty("id").GetGuid();
        var second = (await _world.PostOkAsync(Staff, $"/api/v1/children/programmes/{id}/sessions", new { date = "2026-09-08", topic = "趣味科学", tutor = "党员志愿者李老师" })).GetProperty("id").GetGuid();
        var a = child.GetProperty("id").GetGuid();
        var b = teen.GetProperty("id").GetGuid();
        await _world.PutOkAsync(Staff, $"/api/v1/children/sessions/{first}/attendance", new { marks = new[] { new { enrolmentId = a, status = "present" }, new { enrolmentId = b, status = "absent" } } });
        // A correction replaces the earlier mark.
        await _world.PutOkAsync(Staff, $"/api/v1/children/sessions/{first}/attendance", new { marks = new[] { new { enrolmentId = b, status = "present" } } });
        var marked = await _world.PutOkAsync(Staff, $"/api/v1/children/sessions/{second}/attendance", new { marks = new[] { new { enrolmentId = a, status = "present" }, new { enrolmentId = b, status = "leave" } } });
        Assert.Equal((1, 0, 1), (marked.GetProperty("present").GetInt32(), marked.GetProperty("absent").GetInt32(), marked.GetProperty("leave").GetInt32()));

        var figures = await _world.GetOkAsync(Staff, $"/api/v1/children/figures?division={ElderlyWorld.Tuanjie}");
        var row = figures.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("programmeId").GetGuid() == id);
        Assert.Equal((2, 2, 3, 0, 1), (row.GetProperty("enrolled").GetInt32(), row.GetProperty("sessions").GetInt32(), row.GetProperty("present").GetInt32(),
            row.GetProperty("absent").GetInt32(), row.GetProperty("leave").GetInt32()));

        // Withdrawing frees the seat.
        await _world.PostOkAsync(Staff, $"/api/v1/children/enrolments/{b}/withdraw", new { });
        Assert.Equal(HttpStatusCode.Created, (await _world.PostAsync(Staff, url, new { childName = "王可", birthDate = "2017-05-05", guardian = Paper("王芳") })).StatusCode);

        // 育西 staff: not found, not listed.
        Assert.Equal(HttpStatusCode.NotFound, (await _world.GetAsync("demo-community-b", $"/api/v1/children/programmes/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _world.GetAsync("demo-community-b", url)).StatusCode);
        Assert.DoesNotContain((await _world.GetOkAsync("demo-community-b", "/api/v1/children/programmes")).EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task A_programme_is_edited_not_below_its_enrolled_and_a_discontinued_one_takes_no_enrolment()
    {
        var body = new
        {
            divisionCode = ElderlyWorld.Tuanjie, name = "童心港湾（测试）", kind = "childrenHarbour", place = "团结社区童心港湾活动室", term = "2026秋季学期",
            termStart = "2026-09-01", termEnd = "2027-01-15", capacity = 3,
        };
        var id = (await _world.PostOkAsync(Staff, "/api/v1/children/programmes", body)).GetProperty("id").GetGuid();
        var url = $"/api/v1/children/programmes/{id}";
        await _world.PostOkAsync(Staff, $"{url}/enrolments", new { childName = "赵子涵", birthDate = "2012-01-10" });
        await _world.PostOkAsync(Staff, $"{url}/enrolments", new { childName = "孙雨桐", birthDate = "2011-11-11" });

        var etag = (await _world.GetAsync(Staff, url)).Headers.ETag!.Tag;
        var tooSmall = await _world.SendAsync(Staff, HttpMethod.Put, url, body with { capacity = 1 }, etag);
        await tooSmall.AssertProblemAsync(HttpStatusCode.Conflict, "capacity_below_enrolled");
        var edited = await (await _world.SendAsync(Staff, HttpMethod.Put, url, body with { name = "童心港湾·周末课堂（测试）", place = "团结社区党群服务中心二楼", capacity = 2 }, etag))
            .ReadOkAsync<JsonElement>();
        Assert.Equal((2, 2, "团结社区党群服务中心二楼"), (edited.GetProperty("capacity").GetInt32(), edited.GetProperty("enrolled").GetInt32(), edited.GetProperty("place").GetString()));
        await (await _world.SendAsync(Staff, HttpMethod.Put, url, body, etag)).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(HttpStatusCode.NotFound, (await _world.SendAsync("demo-community-b", HttpMethod.Put, url, body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _world.PostAsync("demo-community-b", $"{url}/deactivate", new { })).StatusCode);
        Assert.Contains("童心港湾·周末课堂（测试）", await _app.CreateClient().GetStringAsync($"/portal/c/{ElderlyWorld.Tuanjie}/children"));

        var off = await (await _world.SendAsync(Staff, HttpMethod.Post, $"{url}/deactivate", null, $"\"{edited.GetProperty("version").GetInt32()}\"")).ReadOkAsync<JsonElement>();
        Assert.False(off.GetProperty("active").GetBoolean());
        await (await _world.SendAsync(Staff, HttpMethod.Put, url, body with { capacity = 5 })).ReadOkAsync<JsonElement>();
        await (await _world.PostAsync(Staff, $"{url}/enrolments", new { childName = "周明轩", birthDate = "2011-05-05" })).AssertProblemAsync(HttpStatusCode.Conflict, "programme_inactive");
        await (await _world.PostAsync(Staff, $"{url}/sessions", new { date = "2026-09-10", topic = "作业辅导", tutor = "李老师" })).AssertProblemAsync(HttpStatusCode.Conflict, "programme_inactive");
        Assert.Equal(2, (await _world.GetOkAsync(Staff, $"{url}/enrolments")).GetArrayLength());
        Assert.DoesNotContain("童心港湾·周末课堂（测试）", await _app.CreateClient().GetStringAsync($"/portal/c/{ElderlyWorld.Tuanjie}/children"));
    }

    [Fact]
    public async Task A_guardian_enrols_a_child_on_the_portal_page_only_with_consent()
    {
        var programme = await _world.PostOkAsync(Staff, "/api/v1/children/programmes", new
        {
            divisionCode = ElderlyWorld.Tuanjie, name = "童心港湾周末班（测试）", kind = "childrenHarbour", place = "团结社区童心港湾", term = "2026秋季学期",
            termStart = "2026-09-01", termEnd = "2027-01-15", capacity = 10,
        });
        var id = programme.GetProperty("id").GetGuid();
        var url = $"/portal/c/{ElderlyWorld.Tuanjie}/children";

        var anonymous = await _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetStringAsync(url);
        Assert.Contains("童心港湾周末班（测试）", anonymous);
        Assert.Contains("data-testid=\"children-login\"", anonymous);
        Assert.DoesNotContain("enrol-submit", anonymous);

        var userName = "guardian-" + Guid.NewGuid().ToString("N")[..6];
        var guardian = await _world.Care.AccountAsync(userName, Roles.Resident);
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await Forms.SubmitAsync(browser, "/account/login",
            new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = Jiceng.Tests.Care.CareWorld.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var fields = new Dictionary<string, string>
        {
            ["Input.ProgrammeId"] = id.ToString(), ["Input.ChildName"] = "陈一一", ["Input.BirthDate"] = "2018-06-01",
            ["Input.GuardianName"] = "陈建华", ["Input.Relation"] = "父亲", ["Input.Phone"] = "13612345678",
        };
        var refused = await Forms.SubmitAsync(browser, url, fields);
        Assert.Contains("监护人同意", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await _world.QueryAsync(db => db.ProgrammeEnrolments.CountAsync(e => e.ProgrammeId == id)));

        fields["Input.Consent"] = "true";
        var done = await (await Forms.SubmitAsync(browser, url, fields)).Content.ReadAsStringAsync();
        Assert.Contains("陈** 已报名", done);
        Assert.Contains("data-testid=\"children-mine\"", done);
        Assert.DoesNotContain("陈一一", done);
        var stored = await _world.QueryAsync(db => db.ProgrammeEnrolments.AsNoTracking().SingleAsync(e => e.ProgrammeId == id));
        Assert.Equal((ConsentMethod.Online, guardian, "陈一一"), (stored.ConsentMethod!.Value, stored.UserId!.Value, stored.SealedChildName!));
        // Staff see the enrolment with the guardian masked.
        var listed = Assert.Single((await _world.GetOkAsync(Staff, $"/api/v1/children/programmes/{id}/enrolments")).EnumerateArray());
        Assert.Equal(("online", "陈**", "136****5678"), (listed.GetProperty("consentMethod").GetString(), listed.GetProperty("guardianName").GetString(),
            listed.GetProperty("guardianPhone").GetString()));
    }
}

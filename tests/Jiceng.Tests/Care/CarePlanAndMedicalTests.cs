using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Care.Features;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Audit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Tests.Care;

/// <summary>"一人一策" help plans (versions, review dates), the love contact card's phones and its audit, and "党建+医疗" pairings.</summary>
public sealed class CarePlanAndMedicalTests : IAsyncLifetime
{
    // Mon 7 Sep 2026, 09:00 in China.
    private readonly JicengAppFactory _app = new() { Start = new DateTimeOffset(2026, 9, 7, 1, 0, 0, TimeSpan.Zero) };
    private readonly CareWorld _world;
    private static readonly DateOnly Today = new(2026, 9, 7);

    public CarePlanAndMedicalTests() => _world = new CareWorld(_app);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    private async Task<HttpResponseMessage> SendAsync(string user, HttpMethod method, string url, object body, int? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        return await (await _world.As(user)).SendAsync(request);
    }

    private Task<int> AuditCountAsync(string action, string objectId) =>
        _world.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == action && a.ObjectId == objectId));

    [Fact]
    public async Task A_help_plan_is_created_read_changed_with_its_version_reviewed_when_due_and_closed()
    {
        var grid = await _world.GridAsync(CareWorld.Tuanjie);
        var person = await _world.PersonAsync(CareWorld.Tuanjie, "刘桂芳", grid, ["elderly-alone", "very-old"]);
        var worker = await _world.PersonAsync(CareWorld.Tuanjie, "网格员小张", grid, phone: "13700001234");
        var member = await _world.PersonAsync(CareWorld.Tuanjie, "党员老李", grid, phone: "13600005678");
        var volunteer = await _world.PersonAsync(CareWorld.Tuanjie, "志愿者小王", grid);

        // Bad input changes nothing.
        await (await _world.PostAsync("demo-community-a", "/api/v1/care/plans", new { personId = person, measures = "", reviewDue = Today.AddDays(30) }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _world.PostAsync("demo-community-a", "/api/v1/care/plans", new { personId = person, measures = "每周探访", reviewDue = Today.AddDays(-1) }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _world.PostAsync("demo-community-a", "/api/v1/care/plans", new { personId = person, measures = "每周探访", reviewDue = Today, helpers = new[] { new { personId = Guid.NewGuid() } } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(0, (await _world.GetOkAsync("demo-community-a", $"/api/v1/care/plans?personId={person}&status=all")).GetProperty("total").GetInt32());

        var created = await _world.PostAsync("demo-grid", "/api/v1/care/plans", new
        {
            personId = person, measures = "每周上门探访两次；每月协助代购药品；冬季检查取暖", reviewDue = Today.AddDays(10),
            helpers = new object[] { new { personId = worker, duty = "网格员" }, new { personId = member, duty = "党员" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var plan = await created.ReadOkAsync<JsonElement>();
        var id = Id(plan);
        Assert.Equal(["党员老李", "网格员小张"], plan.GetProperty("helpers").EnumerateArray().Select(h => h.GetProperty("name").GetString()));
        Assert.Equal("137****1234", plan.GetProperty("helpers").EnumerateArray().Single(h => h.GetProperty("name").GetString() == "网格员小张").GetProperty("phoneMasked").GetString());
        await (await _world.PostAsync("demo-community-a", "/api/v1/care/plans", new { personId = person, measures = "另一份", reviewDue = Today.AddDays(3) }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "conflict"); // 一人一策: one active plan per person

        // The measures: in the plan itself (an audited read), never in a list.
        var read = await _world.GetOkAsync("demo-community-a", $"/api/v1/care/plans/{id}");
        Assert.Equal("每周上门探访两次；每月协助代购药品；冬季检查取暖", read.GetProperty("measures").GetString());
        Assert.Equal(1, await AuditCountAsync(AuditActions.SensitiveRead, id.ToString()));
        var list = await (await _world.GetAsync("demo-community-a", $"/api/v1/care/plans?division={CareWorld.Tuanjie}&pageSize=200")).Content.ReadAsStringAsync();
        Assert.Contains(id.ToString(), list);
        Assert.DoesNotContain("代购药品", list);
        Assert.DoesNotContain("\"measures\"", list);

        // Changing it: helpers replaced (one kept with a new duty), version checked.
        var changed = await SendAsync("demo-community-a", HttpMethod.Put, $"/api/v1/care/plans/{id}", new
        {
            measures = "每周上门探访三次", reviewDue = Today.AddDays(10),
            helpers = new object[] { new { personId = worker, duty = "包保网格员" }, new { personId = volunteer, duty = "志愿者" } },
        }, ifMatch: 1);
        var after = await changed.ReadOkAsync<JsonElement>();
        Assert.Equal(2, after.GetProperty("version").GetInt32());
        Assert.Equal([("志愿者小王", "志愿者"), ("网格员小张", "包保网格员")],
            after.GetProperty("helpers").EnumerateArray().Select(h => (h.GetProperty("name").GetString(), h.GetProperty("duty").GetString())));
        await (await SendAsync("demo-community-a", HttpMethod.Put, $"/api/v1/care/plans/{id}", new { measures = "过期的修改", reviewDue = Today.AddDays(10) }, ifMatch: 1))
            .AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal("每周上门探访三次", (await _world.GetOkAsync("demo-community-a", $"/api/v1/care/plans/{id}")).GetProperty("measures").GetString());

        // Review dates: not due yet; after the date has come, listed as due for review.
        var dueSoon = $"/api/v1/care/plans?dueBefore={Today.AddDays(1):yyyy-MM-dd}";
        Assert.DoesNotContain((await _world.GetOkAsync("demo-community-a", dueSoon)).GetProperty("items").EnumerateArray(), p => Id(p) == id);
        Assert.False((await _world.GetOkAsync("demo-community-a", $"/api/v1/care/plans?personId={person}")).GetProperty("items")[0].GetProperty("dueForReview").GetBoolean());
        _app.Clock.Advance(TimeSpan.FromDays(11));
        _world.SignInAgain();
        var dueNow = await _world.GetOkAsync("demo-community-a", $"/api/v1/care/plans?dueBefore={Today.AddDays(12):yyyy-MM-dd}");
        var item = dueNow.GetProperty("items").EnumerateArray().Single(p => Id(p) == id);
        Assert.True(item.GetProperty("dueForReview").GetBoolean());

        // A later review date clears it; then the plan is closed and changes no more.
        var reviewed = await (await SendAsync("demo-community-a", HttpMethod.Put, $"/api/v1/care/plans/{id}",
            new { measures = "每周上门探访三次", reviewDue = Today.AddDays(60) }, ifMatch: 2)).ReadOkAsync<JsonElement>();
        Assert.False(reviewed.GetProperty("dueForReview").GetBoolean());
        Assert.Equal(2, reviewed.GetProperty("helpers").GetArrayLength()); // helpers left out: kept
        var closed = await (await SendAsync("demo-community-a", HttpMethod.Post, $"/api/v1/care/plans/{id}/close", new { }, ifMatch: 3)).ReadOkAsync<JsonElement>();
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        await (await SendAsync("demo-community-a", HttpMethod.Put, $"/api/v1/care/plans/{id}", new { measures = "已结束", reviewDue = Today.AddDays(70) }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.DoesNotContain((await _world.GetOkAsync("demo-community-a", "/api/v1/care/plans?pageSize=200")).GetProperty("items").EnumerateArray(), p => Id(p) == id);
        // A closed plan makes room for a new one.
        await (await _world.PostAsync("demo-community-a", "/api/v1/care/plans", new { personId = person, measures = "新一轮帮扶", reviewDue = Today.AddDays(40) }))
            .ReadOkAsync<JsonElement>();
    }

    [Fact]
    public async Task The_love_card_shows_helper_phones_in_full_only_to_staff_who_may_unmask_and_audits_it()
    {
        var grid = await _world.GridAsync(CareWorld.Tuanjie);
        var person = await _world.PersonAsync(CareWorld.Tuanjie, "马玉珍", grid, ["shidu"]);
        var helper = await _world.PersonAsync(CareWorld.Tuanjie, "包保干部老周", grid, phone: "13512348888");
        var plan = await _world.PostOkAsync("demo-community-a", "/api/v1/care/plans",
            new { personId = person, measures = "每两周走访，节日慰问", reviewDue = Today.AddDays(90), helpers = new[] { new { personId = helper, duty = "包保干部" } } });
        var id = Id(plan).ToString();

        // A grid worker: masked, nothing audited.
        var masked = await _world.GetOkAsync("demo-grid", $"/api/v1/care/plans/{id}/card");
        Assert.False(masked.GetProperty("phonesInFull").GetBoolean());
        Assert.Equal("135****8888", masked.GetProperty("helpers")[0].GetProperty("phone").GetString());
        Assert.Equal("马**", masked.GetProperty("personNameMasked").GetString());
        Assert.Equal(0, await AuditCountAsync(HelpPlans.CardPrinted, id));

        // Community staff: in full (that is the card's purpose), and the printing is audited.
        var full = await _world.GetOkAsync("demo-community-a", $"/api/v1/care/plans/{id}/card");
        Assert.True(full.GetProperty("phonesInFull").GetBoolean());
        Assert.Equal(("包保干部老周", "包保干部", "13512348888"),
            (full.GetProperty("helpers")[0].GetProperty("name").GetString(), full.GetProperty("helpers")[0].GetProperty("duty").GetString(),
             full.GetProperty("helpers")[0].GetProperty("phone").GetString()));
        Assert.Equal(1, await AuditCountAsync(HelpPlans.CardPrinted, id));
        var entry = await _world.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == HelpPlans.CardPrinted && a.ObjectId == id));
        Assert.Equal("demo-community-a", entry.UserName);
        Assert.DoesNotContain("13512348888", entry.Detail ?? "");

        // The printable page, signed in with the console's cookie: the same rule.
        async Task<string> PageAsync(string user, HttpStatusCode expected = HttpStatusCode.OK)
        {
            var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            var login = await Forms.SubmitAsync(browser, "/account/login",
                new Dictionary<string, string> { ["Input.UserName"] = user, ["Input.Password"] = JicengAppFactory.DemoPassword });
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            var page = await browser.GetAsync($"/care/plans/{id}/card");
            Assert.Equal(expected, page.StatusCode);
            return await page.Content.ReadAsStringAsync();
        }
        var gridPage = await PageAsync("demo-grid");
        Assert.Contains("135****8888", gridPage);
        Assert.DoesNotContain("13512348888", gridPage);
        Assert.Contains("data-testid=\"care-card-masked\"", gridPage);
        var staffPage = await PageAsync("demo-community-a");
        Assert.Contains("13512348888", staffPage);
        Assert.Contains("爱心联系牌", staffPage);
        Assert.Equal(2, await AuditCountAsync(HelpPlans.CardPrinted, id));
        var otherPage = await PageAsync("demo-community-b", HttpStatusCode.NotFound);
        Assert.DoesNotContain("13512348888", otherPage);
        Assert.DoesNotContain("135****8888", otherPage);
    }

    [Fact]
    public async Task Medical_staff_are_paired_with_people_without_duplicates_and_the_figures_are_counted_from_the_pairings()
    {
        var doctor = await _world.PersonAsync(CareWorld.Tuanjie, "陈医生", roles: [PersonRoleKind.MedicalStaff]);
        var familyDoctor = await _world.PersonAsync(CareWorld.Tuanjie, "林医生", roles: [PersonRoleKind.FamilyDoctor]);
        var notMedical = await _world.PersonAsync(CareWorld.Tuanjie, "普通居民", roles: [PersonRoleKind.Volunteer]);
        var p1 = await _world.PersonAsync(CareWorld.Tuanjie, "黄大爷", tags: ["chronic"]);
        var p2 = await _world.PersonAsync(CareWorld.Tuanjie, "何奶奶", tags: ["elderly-alone"]);
        var before = await _world.GetOkAsync("demo-community-a", "/api/v1/care/medical");

        var pairing = await _world.PostOkAsync("demo-community-a", "/api/v1/care/medical-pairings", new { staffPersonId = doctor, personId = p1, kind = "responsible" });
        await _world.PostOkAsync("demo-community-a", "/api/v1/care/medical-pairings", new { staffPersonId = doctor, personId = p2 });
        await _world.PostOkAsync("demo-grid", "/api/v1/care/medical-pairings", new { staffPersonId = familyDoctor, personId = p1, kind = "familyDoctor" });
        await (await _world.PostAsync("demo-community-a", "/api/v1/care/medical-pairings", new { staffPersonId = doctor, personId = p1, kind = "responsible" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        await (await _world.PostAsync("demo-community-a", "/api/v1/care/medical-pairings", new { staffPersonId = notMedical, personId = p1 }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _world.PostAsync("demo-community-a", "/api/v1/care/medical-pairings", new { staffPersonId = doctor, personId = p2, kind = "surgeon" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        var after = await _world.GetOkAsync("demo-community-a", "/api/v1/care/medical");
        int Delta(string field) => after.GetProperty(field).GetInt32() - before.GetProperty(field).GetInt32();
        Assert.Equal((1, 2, 1, 1, 2), (Delta("staffCount"), Delta("peopleCovered"), Delta("familyDoctors"), Delta("familyDoctorPeople"), Delta("keyPeopleCovered")));

        var byStaff = await _world.GetOkAsync("demo-community-a", $"/api/v1/care/medical-pairings?staffPersonId={doctor}");
        Assert.Equal(2, byStaff.GetProperty("pairings").GetProperty("total").GetInt32());
        var staff = byStaff.GetProperty("byStaff").EnumerateArray().Single();
        Assert.Equal(("陈医生", 2, 0), (staff.GetProperty("name").GetString(), staff.GetProperty("responsible").GetInt32(), staff.GetProperty("familyDoctor").GetInt32()));
        var byPerson = await _world.GetOkAsync("demo-community-a", $"/api/v1/care/medical-pairings?personId={p1}");
        Assert.Equal(["familyDoctor", "responsible"], byPerson.GetProperty("pairings").GetProperty("items").EnumerateArray().Select(p => p.GetProperty("kind").GetString()).Order());

        // Guidance: the note is sealed, flagged in the list, readable one at a time (audited).
        var pairingId = Id(pairing);
        await (await _world.PostAsync("demo-community-a", $"/api/v1/care/medical-pairings/{pairingId}/guidance", new { note = "" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var guidance = await _world.PostOkAsync("demo-community-a", $"/api/v1/care/medical-pairings/{pairingId}/guidance",
            new { occurredAt = _app.Clock.GetUtcNow().AddHours(-2), note = "血糖控制尚可，嘱按时服药" });
        var guidanceList = await (await _world.GetAsync("demo-community-a", $"/api/v1/care/medical-pairings/{pairingId}/guidance")).Content.ReadAsStringAsync();
        Assert.Contains("\"hasNote\":true", guidanceList);
        Assert.DoesNotContain("血糖", guidanceList);
        var one = await _world.GetOkAsync("demo-community-a", $"/api/v1/care/medical-guidance/{Id(guidance)}");
        Assert.Equal("血糖控制尚可，嘱按时服药", one.GetProperty("note").GetString());
        Assert.Equal(1, await AuditCountAsync(AuditActions.SensitiveRead, Id(guidance).ToString()));
        Assert.Equal(1, (await _world.GetOkAsync("demo-community-a", $"/api/v1/care/medical-pairings?personId={p1}&kind=responsible"))
            .GetProperty("pairings").GetProperty("items")[0].GetProperty("guidanceCount").GetInt32());
        // The note is encrypted at rest.
        var stored = await _world.QueryAsync(async db => await db.Database.SqlQueryRaw<string>("SELECT \"Note\" AS \"Value\" FROM \"MedicalGuidance\"").ToListAsync());
        Assert.All(stored, s => Assert.DoesNotContain("血糖", s));
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Care;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Care.Domain;
using Jiceng.Web.Modules.PartyMembers.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Modules.Volunteering.Domain;
using Jiceng.Web.Modules.Wishes.Domain;
using Jiceng.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.PartyMembers;

/// <summary>One app for the party member tests, on a fixed clock: 15 Jun 2026, 10:00 in China. Each test uses its own fresh accounts.</summary>
public sealed class PartyApp : JicengAppFactory, IAsyncLifetime
{
    public static readonly DateTimeOffset At = new(2026, 6, 15, 2, 0, 0, TimeSpan.Zero);

    public PartyApp() => Start = At;

    public ValueTask InitializeAsync()
    {
        _ = Server;
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Arranges members, their registrations and the records the "六个一" reads (wishes, volunteer service, help plans,
/// visits) straight through the database as the system, and speaks the party API like a client.
/// </summary>
public sealed class PartyWorld(JicengAppFactory app)
{
    public const string Tuanjie = CareWorld.Tuanjie;
    public const string Yuxi = CareWorld.Yuxi;

    private readonly CareWorld _care = new(app);

    public CareWorld Care => _care;

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    public async Task<HttpResponseMessage> GetAsync(string user, string url) => await _care.GetAsync(user, url);

    public async Task<JsonElement> GetOkAsync(string user, string url) => await _care.GetOkAsync(user, url);

    public async Task<HttpResponseMessage> PostAsync(string user, string url, object body) => await _care.PostAsync(user, url, body);

    public async Task<JsonElement> PostOkAsync(string user, string url, object body) => await _care.PostOkAsync(user, url, body);

    /// <summary>A fresh party member account with a person record in a community (unique names per call).</summary>
    public async Task<(string UserName, Guid UserId, Guid PersonId)> MemberAsync(string community = Tuanjie, string name = "赵建国")
    {
        var userName = "pm-" + Guid.NewGuid().ToString("N")[..10];
        var userId = await _care.AccountAsync(userName, Roles.PartyMember);
        var personId = await _care.PersonAsync(community, name, userId: userId, roles: [PersonRoleKind.PartyMember]);
        return (userName, userId, personId);
    }

    public Task<Guid> AccountAsync(string role) => _care.AccountAsync("acct-" + Guid.NewGuid().ToString("N")[..10], role);

    public Task<Guid> DemoUnitIdAsync() => Q(db => db.Users.Where(u => u.UserName == "demo-unit").Select(u => u.UnitId!.Value).SingleAsync());

    public Task<Guid> OtherUnitIdAsync() => Q(async db =>
    {
        var demo = await db.Users.Where(u => u.UserName == "demo-unit").Select(u => u.UnitId).SingleAsync();
        return await db.CoBuildingUnits.Where(u => u.Id != demo).OrderBy(u => u.Name).Select(u => u.Id).FirstAsync();
    });

    /// <summary>Registers the member through the API and lets 团结's (or 育西's) staff confirm it.</summary>
    public async Task<Guid> RegisteredAsync(string userName, string community = Tuanjie, Guid? unitId = null, bool confirm = true)
    {
        var created = await (await PostAsync(userName, "/api/v1/party/registrations",
            new { divisionCode = community, employerName = unitId is null ? "伊春市林业和草原局" : null, unitId })).ReadOkAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        if (confirm)
        {
            var staff = community == Tuanjie ? "demo-community-a" : "demo-community-b";
            await PostOkAsync(staff, $"/api/v1/party/registrations/{id}/confirm", new { note = "欢迎报到" });
        }
        return id;
    }

    public async Task<Guid> SessionAsync(string community, MemberSessionKind kind, DateOnly heldOn, string title = "主题党日")
    {
        var staff = community == Tuanjie ? "demo-community-a" : "demo-community-b";
        var session = await PostOkAsync(staff, "/api/v1/party/sessions", new { divisionCode = community, kind, title, heldOn, place = "党群服务中心" });
        return session.GetProperty("id").GetGuid();
    }

    public Task<HttpResponseMessage> AttendAsync(Guid session, params Guid[] registrations) =>
        PostAsync("demo-community-a", $"/api/v1/party/sessions/{session}/attendance", new { registrationIds = registrations });

    public Task<Guid> WishAsync(Guid claimant, WishStatus status, DateTime? claimedUtc, string title = "为独居老人换一台电饭煲") => Q(async db =>
    {
        var path = await PathAsync(db, Tuanjie);
        var wish = new Wish(Tuanjie, path, title, "家里的电饭煲坏了", "daily_goods", Now)
        {
            Status = status, ClaimantUserId = claimant, ClaimantKind = WishClaimantKind.PartyMember, ClaimedUtc = claimedUtc,
        };
        db.Wishes.Add(wish);
        await db.SaveChangesAsync();
        return wish.Id;
    });

    public Task<Guid> SignupAsync(Guid userId, DateTime startUtc, int creditedMinutes) => Q(async db =>
    {
        var path = await PathAsync(db, Tuanjie);
        var activity = new VolunteerActivity(Tuanjie, path, "爱心义剪进小区", startUtc, startUtc.AddHours(2), 10, Guid.NewGuid().ToString("N"), Now) { Place = "团结社区广场" };
        db.Add(activity);
        db.ActivitySignups.Add(new ActivitySignup(activity, userId, null, "志愿者", Now) { CreditedMinutes = creditedMinutes });
        await db.SaveChangesAsync();
        return activity.Id;
    });

    public Task<Guid> HoursClaimAsync(Guid userId, DateOnly servedOn, HoursClaimStatus status) => Q(async db =>
    {
        var path = await PathAsync(db, Tuanjie);
        var claim = new VolunteerHoursClaim(Tuanjie, path, userId, "志愿者", servedOn, 180, "帮助社区整理健康档案", Now) { Status = status };
        db.VolunteerHoursClaims.Add(claim);
        await db.SaveChangesAsync();
        return claim.Id;
    });

    public Task<Guid> HelpPlanAsync(Guid helpedPerson, Guid helperPerson, DateTime createdUtc, HelpPlanStatus status) => Q(async db =>
    {
        var path = await PathAsync(db, Tuanjie);
        var plan = new HelpPlan(helpedPerson, path, "每月上门一次，协助购买生活用品", DateOnly.FromDateTime(createdUtc).AddMonths(6), createdUtc) { Status = status };
        plan.AddHelper(helperPerson, "党员");
        db.HelpPlans.Add(plan);
        await db.SaveChangesAsync();
        return plan.Id;
    });

    public Task<Guid> VisitAsync(Guid visitedPerson, Guid? visitorUser, Guid? visitorPerson, DateTime visitedUtc) => Q(async db =>
    {
        var path = await PathAsync(db, Tuanjie);
        var visit = new CareVisit(visitedPerson, path, visitorPerson, visitorUser, "党员", visitedUtc, "身体尚好", "米、油", 100m, Now);
        db.CareVisits.Add(visit);
        await db.SaveChangesAsync();
        return visit.Id;
    });

    /// <summary>The items of a checklist answer as code → done.</summary>
    public static Dictionary<string, bool> Done(JsonElement checklist) =>
        checklist.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!, i => i.GetProperty("done").GetBoolean());

    public static List<JsonElement> Evidence(JsonElement checklist, string code) =>
        checklist.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code).GetProperty("evidence").EnumerateArray().ToList();

    private static Task<string> PathAsync(AppDbContext db, string code) => db.Divisions.Where(d => d.Code == code).Select(d => d.Path).SingleAsync();

    public Task<T> Q<T>(Func<AppDbContext, Task<T>> work) => app.AsSystemAsync(sp => work(sp.GetRequiredService<AppDbContext>()));
}

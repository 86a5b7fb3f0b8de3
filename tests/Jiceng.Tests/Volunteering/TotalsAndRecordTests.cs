using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Volunteering.Domain;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Volunteering;

/// <summary>Totals per community and team are computed from the records; a volunteer's export holds their own rows only.</summary>
public sealed class TotalsAndRecordTests : IAsyncLifetime
{
    private const string County = "230725";
    private readonly JicengAppFactory _app = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Care:VisitReminderMonitorEnabled"] = "false", ["Cases:DeadlineMonitorEnabled"] = "false", ["Notifications:DispatcherEnabled"] = "false",
        },
    };
    private readonly VolunteerApi _api;

    public TotalsAndRecordTests() => _api = new VolunteerApi(_app);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private sealed record Figures(int Activities, int Volunteers, int Minutes, int People);

    private static Figures Read(JsonElement row) => new(row.GetProperty("activitiesHeld").GetInt32(), row.GetProperty("volunteers").GetInt32(),
        row.GetProperty("minutes").GetInt32(), row.GetProperty("peopleServed").GetInt32());

    private async Task<JsonElement> TotalsAsync(string user, string division) =>
        await (await _api.GetAsync(user, $"/totals?division={division}")).ReadOkAsync<JsonElement>();

    [Fact]
    public async Task The_countys_80_activities_and_600_people_served_are_reproduced_from_the_records()
    {
        var before = Read((await TotalsAsync("demo-county", County)).GetProperty("total"));

        // 82 closed activities of a new team in 团结, 5 to 14 people served each, 3 volunteers credited 90 minutes on each.
        var volunteers = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToList();
        var (teamId, expected) = await _app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var now = _api.Now;
            var tuanjie = await db.Divisions.Where(d => d.Code == VolunteerApi.Tuanjie).Select(d => d.Path).SingleAsync();
            var team = new VolunteerTeam(VolunteerApi.Tuanjie, tuanjie, "合计测试红色志愿者", VolunteerTeamKind.RedVolunteers, now);
            db.VolunteerTeams.Add(team);
            int people = 0, minutes = 0;
            for (var i = 0; i < 82; i++)
            {
                var start = now.AddDays(-100 + i);
                var a = new VolunteerActivity(VolunteerApi.Tuanjie, tuanjie, "爱心义剪暖夕阳", start, start.AddHours(2), 10, "total-" + Guid.NewGuid().ToString("N"), now)
                {
                    TeamId = team.Id, Place = "团结社区", Status = ActivityStatus.Closed, PeopleServed = 5 + i % 10, ClosedUtc = start.AddHours(2),
                };
                people += a.PeopleServed.Value;
                db.VolunteerActivities.Add(a);
                for (var k = 0; k < 3; k++)
                {
                    db.ActivitySignups.Add(new ActivitySignup(a, volunteers[(i + k) % volunteers.Count], null, "志愿者", now) { CreditedMinutes = 90 });
                    minutes += 90;
                }
                // Not counted: a cancelled sign-up with minutes.
                db.ActivitySignups.Add(new ActivitySignup(a, Guid.NewGuid(), null, "取消者", now) { Status = SignupStatus.Cancelled, CreditedMinutes = 60 });
            }
            // Not counted: an open and a cancelled activity, a pending and a rejected claim.
            db.VolunteerActivities.Add(new VolunteerActivity(VolunteerApi.Tuanjie, tuanjie, "未结项", now.AddDays(-1), now, 5, "open-" + Guid.NewGuid().ToString("N"), now) { TeamId = team.Id, Place = "x", PeopleServed = 99 });
            db.VolunteerActivities.Add(new VolunteerActivity(VolunteerApi.Tuanjie, tuanjie, "取消", now.AddDays(-1), now, 5, "cxl-" + Guid.NewGuid().ToString("N"), now) { TeamId = team.Id, Place = "x", Status = ActivityStatus.Cancelled, PeopleServed = 99 });
            var day = DateOnly.FromDateTime(now).AddDays(-3);
            db.VolunteerHoursClaims.Add(new VolunteerHoursClaim(VolunteerApi.Tuanjie, tuanjie, volunteers[0], "志愿者", day, 120, "入户探访", now) { TeamId = team.Id, PeopleServed = 4, Status = HoursClaimStatus.Approved });
            db.VolunteerHoursClaims.Add(new VolunteerHoursClaim(VolunteerApi.Tuanjie, tuanjie, volunteers[1], "志愿者", day, 500, "待审", now) { TeamId = team.Id, PeopleServed = 50 });
            db.VolunteerHoursClaims.Add(new VolunteerHoursClaim(VolunteerApi.Tuanjie, tuanjie, volunteers[2], "志愿者", day, 500, "驳回", now) { TeamId = team.Id, PeopleServed = 50, Status = HoursClaimStatus.Rejected });
            await db.SaveChangesAsync();
            return (team.Id, new Figures(82, volunteers.Count, minutes + 120, people + 4));
        });

        var county = await TotalsAsync("demo-county", County);
        var after = Read(county.GetProperty("total"));
        Assert.True(after.Activities >= 80 && after.People >= 600, $"{after}");
        Assert.Equal(before.Activities + expected.Activities, after.Activities);
        Assert.Equal(before.Minutes + expected.Minutes, after.Minutes);
        Assert.Equal(before.People + expected.People, after.People);
        var team = county.GetProperty("teams").EnumerateArray().Single(t => t.GetProperty("key").GetString() == teamId.ToString());
        Assert.Equal(expected, Read(team));
        Assert.Contains(county.GetProperty("communities").EnumerateArray(), c => c.GetProperty("key").GetString() == VolunteerApi.Tuanjie);

        // 育西's staff see neither 团结 nor the county.
        await (await _api.GetAsync("demo-community-b", $"/totals?division={VolunteerApi.Tuanjie}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var yuxi = await TotalsAsync("demo-community-b", VolunteerApi.Yuxi);
        Assert.DoesNotContain(yuxi.GetProperty("teams").EnumerateArray(), t => t.GetProperty("key").GetString() == teamId.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await _api.GetAsync("demo-volunteer", "/totals")).StatusCode);
    }

    [Fact]
    public async Task A_volunteers_export_holds_their_own_rows_only_and_staff_read_it_in_scope()
    {
        var mineTitle = "导出测试本人" + Guid.NewGuid().ToString("N")[..4];
        var otherTitle = "导出测试他人" + Guid.NewGuid().ToString("N")[..4];
        var mine = VolunteerApi.Id(await _api.CreateActivityAsync(title: mineTitle));
        var other = VolunteerApi.Id(await _api.CreateActivityAsync(title: otherTitle));
        await (await _api.SignUpAsync("demo-volunteer", mine)).ReadOkAsync<JsonElement>();
        await (await _api.SignUpAsync("demo-party", other)).ReadOkAsync<JsonElement>();

        var response = await _api.GetAsync("demo-volunteer", "/me/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var titles = stream.Query(useHeaderRow: true, sheetName: "活动").Cast<IDictionary<string, object>>().Select(r => r["活动"]?.ToString()).ToList();
        Assert.Contains(mineTitle, titles);
        Assert.DoesNotContain(otherTitle, titles);

        var volunteerId = await _app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.UserName == "demo-volunteer").Select(u => u.Id).SingleAsync());
        var record = await (await _api.GetAsync("demo-community-a", $"/volunteers/{volunteerId}")).ReadOkAsync<JsonElement>();
        Assert.Contains(record.GetProperty("activities").EnumerateArray(), a => a.GetProperty("title").GetString() == mineTitle);
        Assert.Contains("*", record.GetProperty("nameMasked").GetString());
        await (await _api.GetAsync("demo-community-b", $"/volunteers/{volunteerId}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.Forbidden, (await _api.GetAsync("demo-party", $"/volunteers/{volunteerId}/export")).StatusCode);
    }
}

using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Volunteering.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Volunteering;

/// <summary>Sign-ups: the capacity holds under concurrent requests, one live sign-up per volunteer, cancelling frees a place, scope.</summary>
public sealed class SignupCapacityTests(SharedApp app)
{
    private readonly VolunteerApi _api = new(app);

    private Task<(int Count, int Live)> StoredAsync(Guid activity) => app.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var count = await db.VolunteerActivities.Where(a => a.Id == activity).Select(a => a.SignedUpCount).SingleAsync();
        var live = await db.ActivitySignups.CountAsync(s => s.ActivityId == activity && s.Status == SignupStatus.SignedUp);
        return (count, live);
    });

    [Fact]
    public async Task Thirty_volunteers_signing_up_at_once_for_five_places_leave_exactly_five_signed_up()
    {
        var activity = VolunteerApi.Id(await _api.CreateActivityAsync(capacity: 5, title: "四点半课堂"));
        var names = new List<string>();
        for (var i = 0; i < 30; i++) names.Add(await _api.VolunteerAccountAsync());
        var clients = await Task.WhenAll(names.Select(n => app.ClientForAsync(n)));

        var responses = await Task.WhenAll(clients.Select(c => c.PostAsync($"{VolunteerApi.Base}/activities/{activity}/signups", null)));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await refused.AssertProblemAsync(HttpStatusCode.Conflict, "activity_full");
        Assert.Equal((5, 5), await StoredAsync(activity));
        var listed = await (await _api.GetAsync("demo-community-a", $"/activities/{activity}")).ReadOkAsync<JsonElement>();
        Assert.Equal(0, listed.GetProperty("placesLeft").GetInt32());
    }

    [Fact]
    public async Task A_second_sign_up_is_refused_and_cancelling_frees_the_place()
    {
        var activity = VolunteerApi.Id(await _api.CreateActivityAsync(capacity: 1, title: "家电维修"));
        var signup = await (await _api.SignUpAsync("demo-volunteer", activity)).ReadOkAsync<JsonElement>();

        await (await _api.SignUpAsync("demo-volunteer", activity)).AssertProblemAsync(HttpStatusCode.Conflict, "already_signed_up");
        await (await _api.SignUpAsync("demo-party", activity)).AssertProblemAsync(HttpStatusCode.Conflict, "activity_full");
        Assert.Equal((1, 1), await StoredAsync(activity));

        // Someone else cannot cancel it; the volunteer can, and the place is free again.
        await (await _api.PostAsync("demo-party", $"/signups/{VolunteerApi.Id(signup)}/cancel")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var cancelled = await (await _api.PostAsync("demo-volunteer", $"/signups/{VolunteerApi.Id(signup)}/cancel")).ReadOkAsync<JsonElement>();
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal((0, 0), await StoredAsync(activity));
        Assert.Equal(HttpStatusCode.Created, (await _api.SignUpAsync("demo-party", activity)).StatusCode);
        Assert.Equal((1, 1), await StoredAsync(activity));
    }

    [Fact]
    public async Task Administrators_cannot_sign_up_and_cancelled_or_unknown_activities_refuse_sign_ups()
    {
        var activity = VolunteerApi.Id(await _api.CreateActivityAsync(capacity: 3));
        Assert.Equal(HttpStatusCode.Forbidden, (await _api.SignUpAsync("demo-sysadmin", activity)).StatusCode);
        await (await _api.SignUpAsync("demo-volunteer", Guid.NewGuid())).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        await (await _api.PostAsync("demo-community-a", $"/activities/{activity}/cancel")).ReadOkAsync<JsonElement>();
        await (await _api.SignUpAsync("demo-volunteer", activity)).AssertProblemAsync(HttpStatusCode.Conflict, "activity_not_open");
    }

    [Fact]
    public async Task Capacity_below_one_is_refused_and_nothing_is_stored()
    {
        var title = "零名额" + Guid.NewGuid().ToString("N")[..6];
        var response = await _api.PostAsync("demo-community-a", "/activities", new
        {
            divisionCode = VolunteerApi.Tuanjie, title, place = "广场", startUtc = _api.Now.AddDays(1), endUtc = _api.Now.AddDays(1).AddHours(1), capacity = 0,
        });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.False(await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().VolunteerActivities.AnyAsync(a => a.Title == title)));
    }

    [Fact]
    public async Task Other_communities_staff_get_404_and_volunteers_see_only_their_own_sign_ups()
    {
        var activity = VolunteerApi.Id(await _api.CreateActivityAsync(capacity: 4, title: "爱心打扫卫生"));
        var mine = VolunteerApi.Id(await (await _api.SignUpAsync("demo-volunteer", activity)).ReadOkAsync<JsonElement>());
        var theirs = VolunteerApi.Id(await (await _api.SignUpAsync("demo-party", activity)).ReadOkAsync<JsonElement>());

        await (await _api.GetAsync("demo-community-b", $"/activities/{activity}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _api.GetAsync("demo-community-b", $"/activities/{activity}/signups")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _api.PostAsync("demo-community-b", $"/activities/{activity}/close", new { peopleServed = 3 })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var yuxiList = await (await _api.GetAsync("demo-community-b", "/activities")).ReadOkAsync<JsonElement>();
        Assert.DoesNotContain(yuxiList.EnumerateArray(), a => VolunteerApi.Id(a) == activity);
        Assert.Equal(HttpStatusCode.Forbidden, (await _api.GetAsync("demo-volunteer", $"/activities/{activity}/signups")).StatusCode);

        var staffView = await (await _api.GetAsync("demo-community-a", $"/activities/{activity}/signups")).ReadOkAsync<JsonElement>();
        Assert.Equal(2, staffView.GetArrayLength());
        Assert.All(staffView.EnumerateArray(), s => Assert.Contains("*", s.GetProperty("nameMasked").GetString()));

        var me = await (await _api.GetAsync("demo-volunteer", "/me")).ReadOkAsync<JsonElement>();
        var signups = me.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("signupId").GetGuid()).ToList();
        Assert.Contains(mine, signups);
        Assert.DoesNotContain(theirs, signups);
    }

    [Fact]
    public async Task The_public_list_shows_open_activities_of_the_community_without_personal_data()
    {
        var activity = VolunteerApi.Id(await _api.CreateActivityAsync(capacity: 6, title: "政策宣讲进小区"));
        await (await _api.SignUpAsync("demo-volunteer", activity)).ReadOkAsync<JsonElement>();
        var anonymous = app.CreateClient();

        var text = await (await anonymous.GetAsync($"{VolunteerApi.Base}/public/{VolunteerApi.Tuanjie}/activities")).Content.ReadAsStringAsync();
        var item = JsonDocument.Parse(text).RootElement.EnumerateArray().Single(a => VolunteerApi.Id(a) == activity);

        Assert.Equal(5, item.GetProperty("placesLeft").GetInt32());
        Assert.DoesNotContain("checkInCode", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("刘", text);
        var yuxi = JsonDocument.Parse(await anonymous.GetStringAsync($"{VolunteerApi.Base}/public/{VolunteerApi.Yuxi}/activities")).RootElement;
        Assert.DoesNotContain(yuxi.EnumerateArray(), a => VolunteerApi.Id(a) == activity);
    }
}

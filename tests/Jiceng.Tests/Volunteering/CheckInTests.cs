using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jiceng.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Jiceng.Tests.Volunteering;

/// <summary>Check-in and check-out with the QR code on the day: minutes are credited within the activity's time (fake clock).</summary>
public sealed class CheckInTests : IAsyncLifetime
{
    // Mon 7 Sep 2026, 09:00 in China.
    private static readonly DateTimeOffset Start = new(2026, 9, 7, 1, 0, 0, TimeSpan.Zero);
    private readonly JicengAppFactory _app = new()
    {
        Start = Start,
        Settings = new Dictionary<string, string>
        {
            ["Care:VisitReminderMonitorEnabled"] = "false", ["Cases:DeadlineMonitorEnabled"] = "false", ["Notifications:DispatcherEnabled"] = "false",
            ["Security:IdleTimeoutMinutes"] = "240",
        },
    };
    private readonly VolunteerApi _api;

    public CheckInTests() => _api = new VolunteerApi(_app);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private void MoveTo(DateTime utc)
    {
        _app.Clock.Advance(utc - _api.Now);
        _api.SignInAgain();
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage r) => await r.ReadOkAsync<JsonElement>();

    [Fact]
    public async Task Minutes_are_credited_between_check_in_and_check_out_clipped_to_the_activity()
    {
        // Tuesday 10:00–12:00 in China.
        var start = Start.UtcDateTime.AddDays(1).AddHours(1);
        var activity = await _api.CreateActivityAsync(capacity: 5, start: start, length: TimeSpan.FromHours(2));
        var code = activity.GetProperty("checkInCode").GetString()!;
        await Ok(await _api.SignUpAsync("demo-volunteer", VolunteerApi.Id(activity)));

        // Unknown code, then the right code on the wrong day.
        await (await _api.PostAsync("demo-volunteer", "/checkin", new { code = "not-a-code" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _api.PostAsync("demo-volunteer", "/checkin", new { code })).AssertProblemAsync(HttpStatusCode.Conflict, "outside_check_in_window");
        await (await _api.PostAsync("demo-volunteer", "/checkout", new { code })).AssertProblemAsync(HttpStatusCode.Conflict, "outside_check_in_window");

        // Early arrival at 09:30 counts from 10:00; leaving at 13:00 counts until 12:00.
        MoveTo(start.AddMinutes(-30));
        await (await _api.PostAsync("demo-resident", "/checkout", new { code })).AssertProblemAsync(HttpStatusCode.Conflict, "not_checked_in");
        var inside = await Ok(await _api.PostAsync("demo-volunteer", "/checkin", new { code }));
        Assert.Equal(start.AddMinutes(-30), inside.GetProperty("checkedInUtc").GetDateTime());

        // A walk-in without a sign-up takes a free place: 10:40 to 11:15 is 35 minutes.
        MoveTo(start.AddMinutes(40));
        await Ok(await _api.PostAsync("demo-party", "/checkin", new { code }));
        MoveTo(start.AddMinutes(75));
        var walkIn = await Ok(await _api.PostAsync("demo-party", "/checkout", new { code }));
        Assert.Equal(35, walkIn.GetProperty("creditedMinutes").GetInt32());

        MoveTo(start.AddHours(3));
        var outside = await Ok(await _api.PostAsync("demo-volunteer", "/checkout", new { code }));
        Assert.Equal(120, outside.GetProperty("creditedMinutes").GetInt32());

        var me = await Ok(await _api.GetAsync("demo-volunteer", "/me"));
        var served = me.GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("activityId").GetGuid() == VolunteerApi.Id(activity));
        Assert.Equal(120, served.GetProperty("creditedMinutes").GetInt32());
        var counted = await Ok(await _api.GetAsync("demo-community-a", $"/activities/{VolunteerApi.Id(activity)}"));
        Assert.Equal(2, counted.GetProperty("signedUpCount").GetInt32());

        // The next day the code no longer checks anyone in.
        MoveTo(start.AddDays(1));
        await (await _api.PostAsync("demo-resident", "/checkin", new { code })).AssertProblemAsync(HttpStatusCode.Conflict, "outside_check_in_window");
    }

    [Fact]
    public async Task Staff_check_in_people_without_phones_and_set_minutes_within_the_activitys_length()
    {
        var start = Start.UtcDateTime.AddDays(2);
        var activity = VolunteerApi.Id(await _api.CreateActivityAsync(capacity: 3, start: start, length: TimeSpan.FromHours(3)));
        var signup = VolunteerApi.Id(await Ok(await _api.PostAsync("demo-community-a", $"/activities/{activity}/signups/staff", new { name = "张大爷" })));

        await (await _api.PostAsync("demo-community-a", $"/signups/{signup}/checkin")).AssertProblemAsync(HttpStatusCode.Conflict, "outside_check_in_window");
        await (await _api.PostAsync("demo-community-b", $"/signups/{signup}/checkin")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.Forbidden, (await _api.PostAsync("demo-volunteer", $"/signups/{signup}/checkin")).StatusCode);

        MoveTo(start.AddMinutes(10));
        await Ok(await _api.PostAsync("demo-community-a", $"/signups/{signup}/checkin"));
        MoveTo(start.AddMinutes(70));
        Assert.Equal(60, (await Ok(await _api.PostAsync("demo-community-a", $"/signups/{signup}/checkout"))).GetProperty("creditedMinutes").GetInt32());

        await (await (await _api.As("demo-community-a")).PutAsJsonAsync($"{VolunteerApi.Base}/signups/{signup}/minutes", new { minutes = 181 }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var set = await Ok(await (await _api.As("demo-community-a")).PutAsJsonAsync($"{VolunteerApi.Base}/signups/{signup}/minutes", new { minutes = 90 }));
        Assert.Equal(90, set.GetProperty("creditedMinutes").GetInt32());

        var closed = await Ok(await _api.PostAsync("demo-community-a", $"/activities/{activity}/close", new { peopleServed = 25 }));
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal(25, closed.GetProperty("peopleServed").GetInt32());
        var code = closed.GetProperty("checkInCode").GetString();
        await (await _api.PostAsync("demo-volunteer", "/checkin", new { code })).AssertProblemAsync(HttpStatusCode.Conflict, "activity_not_open");
    }

    /// <summary>Posts one of a page's static forms (several may share the page) by its name, with the page's anti-forgery token.</summary>
    private static async Task<string> PostFormAsync(HttpClient browser, string url, string formName, Dictionary<string, string>? fields = null)
    {
        var page = await browser.GetStringAsync(url);
        Assert.Contains($"value=\"{formName}\"", page);
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var values = new Dictionary<string, string>(fields ?? []) { ["_handler"] = formName, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) };
        var response = await browser.PostAsync(url, new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_volunteer_signs_up_checks_in_and_out_and_logs_hours_on_the_phone_pages_without_script()
    {
        // Today, 12:00–14:00 in China.
        var start = Start.UtcDateTime.AddHours(3);
        var activity = await _api.CreateActivityAsync(capacity: 2, start: start, length: TimeSpan.FromHours(2), title: "手机报名测试");
        var id = VolunteerApi.Id(activity);
        var code = activity.GetProperty("checkInCode").GetString()!;
        var list = $"/portal/c/{VolunteerApi.Tuanjie}/activities";

        var anonymous = await _app.CreateClient().GetStringAsync(list);
        Assert.Contains($"data-testid=\"activity-login-{id}\"", anonymous);
        Assert.Contains("returnUrl=" + Uri.EscapeDataString(list), anonymous);

        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await Forms.SubmitAsync(browser, "/account/login",
            new Dictionary<string, string> { ["Input.UserName"] = "demo-volunteer", ["Input.Password"] = JicengAppFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var signedUp = await PostFormAsync(browser, list, $"signup-{id}");
        Assert.Contains("data-testid=\"activities-message\"", signedUp);
        var open = JsonDocument.Parse(await _app.CreateClient().GetStringAsync($"{VolunteerApi.Base}/public/{VolunteerApi.Tuanjie}/activities")).RootElement;
        Assert.Equal(1, open.EnumerateArray().Single(a => VolunteerApi.Id(a) == id).GetProperty("placesLeft").GetInt32());
        var mine = await browser.GetStringAsync("/me/volunteer");
        Assert.Contains("手机报名测试", mine);

        MoveTo(start.AddMinutes(5));
        var checkedIn = await PostFormAsync(browser, $"/volunteer/checkin/{code}", "checkin");
        Assert.Contains("data-testid=\"checkin-in\"", checkedIn);
        MoveTo(start.AddMinutes(65));
        var checkedOut = await PostFormAsync(browser, $"/volunteer/checkin/{code}", "checkout");
        Assert.Contains("data-testid=\"checkin-done\"", checkedOut);
        Assert.Contains("60", checkedOut);

        var logged = await PostFormAsync(browser, "/me/volunteer", "log-hours", new Dictionary<string, string>
        {
            ["Log.DivisionCode"] = VolunteerApi.Tuanjie, ["Log.ServedOn"] = "2026-09-06", ["Log.Minutes"] = "90", ["Log.PeopleServed"] = "3",
            ["Log.Description"] = "帮邻居修理水管",
        });
        Assert.Contains("data-testid=\"volunteer-message\"", logged);
        Assert.Contains("帮邻居修理水管", logged);

        var export = await browser.GetAsync("/me/volunteer/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
    }
}

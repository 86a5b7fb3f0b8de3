using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Centres.Domain;
using Jiceng.Web.Modules.Notifications;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Centres;

/// <summary>Rooms and bookings: the API contract, no double booking under load, approval, cancellation rules, validation, scope, phone pages.</summary>
public sealed class RoomBookingTests : IAsyncLifetime
{
    // Monday 2026-09-07, 09:00 in China.
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

    public RoomBookingTests() => _w = new CentresWorld(_app);
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private Task<int> LiveBookingsAsync(Guid room) => _app.AsSystemAsync(sp =>
        sp.GetRequiredService<AppDbContext>().RoomBookings.CountAsync(b => b.RoomId == room && (b.Status == BookingStatus.Pending || b.Status == BookingStatus.Confirmed)));

    [Fact]
    public async Task The_rooms_of_a_community_are_public_with_the_contract_shape()
    {
        var response = await _app.CreateClient().GetAsync($"/api/v1/rooms?division={CentresWorld.Tuanjie}");
        var rooms = (await response.ReadOkAsync<JsonElement>()).EnumerateArray().ToList();

        Assert.True(rooms.Count >= 3);
        foreach (var room in rooms)
        {
            Assert.NotEqual(Guid.Empty, room.GetProperty("id").GetGuid());
            Assert.False(string.IsNullOrEmpty(room.GetProperty("name").GetString()));
            Assert.True(room.GetProperty("capacity").GetInt32() > 0);
            Assert.Equal(CentresWorld.Tuanjie, room.GetProperty("divisionCode").GetString());
        }
        var meeting = rooms.Single(r => r.GetProperty("name").GetString() == "会议室");
        Assert.Equal(12, meeting.GetProperty("capacity").GetInt32());
        Assert.True(meeting.GetProperty("requiresApproval").GetBoolean());
        Assert.Equal("团结社区党群服务中心", meeting.GetProperty("centreName").GetString());
        Assert.DoesNotContain(rooms, r => r.GetProperty("name").GetString() == "协商议事室"); // 育西's
        // A resident reads the same list with a token.
        var asResident = await (await _w.GetAsync("demo-resident", $"/api/v1/rooms?division={CentresWorld.Tuanjie}")).ReadOkAsync<JsonElement>();
        Assert.Equal(rooms.Count, asResident.GetArrayLength());
    }

    [Fact]
    public async Task Twenty_overlapping_bookings_at_once_leave_exactly_one_and_adjacent_ones_both_succeed()
    {
        var room = CentresWorld.Id(await _w.CreateRoomAsync("并发测试活动室"));
        string[] users = ["demo-resident", "demo-party", "demo-volunteer", "demo-unit"];
        var clients = new List<HttpClient>();
        foreach (var u in users) clients.Add(await _w.As(u));

        // Every two of these overlap: starts 15 minutes apart, one hour long.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            CentresWorld.BookWith(clients[i % clients.Count], room, _w.At(5, 10, (i % 4) * 15), _w.At(5, 11, (i % 4) * 15))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await refused.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(1, await LiveBookingsAsync(room));

        // Back to back: the end of one is the start of the next.
        var first = await _w.BookAsync("demo-resident", room, _w.At(6, 14), _w.At(6, 15));
        var second = await _w.BookAsync("demo-party", room, _w.At(6, 15), _w.At(6, 16));
        var created = await first.ReadOkAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("confirmed", created.GetProperty("status").GetString());
        await (await _w.BookAsync("demo-volunteer", room, _w.At(6, 14, 30), _w.At(6, 15, 30))).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(3, await LiveBookingsAsync(room));
    }

    [Fact]
    public async Task A_room_that_needs_approval_holds_the_slot_while_pending_and_staff_decide_once()
    {
        var room = CentresWorld.Id(await _w.CreateRoomAsync("审核会议室", approval: true));
        var booking = await (await _w.BookAsync("demo-resident", room, _w.At(3, 9), _w.At(3, 10), groupName: "夕阳红合唱团")).ReadOkAsync<JsonElement>();
        var id = CentresWorld.Id(booking);
        Assert.Equal("pending", booking.GetProperty("status").GetString());
        await (await _w.BookAsync("demo-party", room, _w.At(3, 9, 30), _w.At(3, 10, 30))).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");

        Assert.Equal(HttpStatusCode.Forbidden, (await _w.PostAsync("demo-resident", $"/api/v1/bookings/{id}/approve")).StatusCode);
        await (await _w.PostAsync("demo-community-b", $"/api/v1/bookings/{id}/approve")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _w.PostAsync("demo-community-a", $"/api/v1/bookings/{id}/reject", new { reason = "" })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _w.PostAsync("demo-community-a", $"/api/v1/bookings/{id}/approve", ifMatch: 7)).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");

        var approved = await (await _w.PostAsync("demo-community-a", $"/api/v1/bookings/{id}/approve", ifMatch: 1)).ReadOkAsync<JsonElement>();
        Assert.Equal("confirmed", approved.GetProperty("status").GetString());
        await (await _w.PostAsync("demo-community-a", $"/api/v1/bookings/{id}/reject", new { reason = "场地维修" })).AssertProblemAsync(HttpStatusCode.Conflict, "already_decided");

        var second = CentresWorld.Id(await (await _w.BookAsync("demo-party", room, _w.At(4, 9), _w.At(4, 10))).ReadOkAsync<JsonElement>());
        var rejected = await (await _w.PostAsync("demo-street", $"/api/v1/bookings/{second}/reject", new { reason = "当天有全镇会议" })).ReadOkAsync<JsonElement>();
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        // The slot is free again after a rejection.
        Assert.Equal(HttpStatusCode.Created, (await _w.BookAsync("demo-volunteer", room, _w.At(4, 9), _w.At(4, 10))).StatusCode);

        var told = await _app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var resident = await db.Users.Where(u => u.UserName == "demo-resident").Select(u => u.Id).SingleAsync();
            var party = await db.Users.Where(u => u.UserName == "demo-party").Select(u => u.Id).SingleAsync();
            return (await db.Set<Notification>().CountAsync(n => n.UserId == resident && n.Title == "场地预约已通过"),
                await db.Set<Notification>().CountAsync(n => n.UserId == party && n.Title == "场地预约未通过" && n.Body.Contains("当天有全镇会议")));
        });
        Assert.Equal((1, 1), told);
    }

    [Fact]
    public async Task The_booker_cancels_only_before_the_rooms_limit_and_staff_always_with_a_reason()
    {
        var room = CentresWorld.Id(await _w.CreateRoomAsync("取消规则活动室", cancelHours: 2));
        var early = CentresWorld.Id(await (await _w.BookAsync("demo-resident", room, _w.At(2, 10), _w.At(2, 11))).ReadOkAsync<JsonElement>());
        var late = CentresWorld.Id(await (await _w.BookAsync("demo-resident", room, _w.At(1, 10), _w.At(1, 11))).ReadOkAsync<JsonElement>());
        await (await _w.PostAsync("demo-party", $"/api/v1/bookings/{late}/cancel")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        // Tomorrow 08:30: one and a half hours before the 10:00 start.
        var tomorrow830 = _w.At(1, 8, 30);
        _app.Clock.Advance(tomorrow830 - _app.Clock.GetUtcNow());
        _w.SignInAgain();
        await (await _w.PostAsync("demo-resident", $"/api/v1/bookings/{late}/cancel")).AssertProblemAsync(HttpStatusCode.Conflict, "cancellation_too_late");
        var mine = await (await _w.GetAsync("demo-resident", $"/api/v1/bookings/{late}")).ReadOkAsync<JsonElement>();
        Assert.False(mine.GetProperty("canCancel").GetBoolean());
        var cancelled = await (await _w.PostAsync("demo-resident", $"/api/v1/bookings/{early}/cancel")).ReadOkAsync<JsonElement>();
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());

        await (await _w.PostAsync("demo-community-a", $"/api/v1/bookings/{late}/cancel")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var byStaff = await (await _w.PostAsync("demo-community-a", $"/api/v1/bookings/{late}/cancel", new { reason = "停电检修" })).ReadOkAsync<JsonElement>();
        Assert.Equal("cancelled", byStaff.GetProperty("status").GetString());
        await (await _w.PostAsync("demo-community-a", $"/api/v1/bookings/{late}/cancel", new { reason = "again" })).AssertProblemAsync(HttpStatusCode.Conflict, "booking_not_live");
        Assert.Equal(0, await LiveBookingsAsync(room));
        var told = await _app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Set<Notification>().CountAsync(n => n.Title == "场地预约已被取消" && n.Body.Contains("停电检修")));
        Assert.Equal(1, told);
    }

    [Fact]
    public async Task Bad_times_are_refused_with_clear_codes_and_change_nothing()
    {
        var room = CentresWorld.Id(await _w.CreateRoomAsync("校验活动室", maxDays: 14, maxMinutes: 240, openOnRestDays: false));
        var saturday = Enumerable.Range(1, 7).First(i => _w.Day(i).DayOfWeek == DayOfWeek.Saturday);
        var monday = Enumerable.Range(1, 7).First(i => _w.Day(i).DayOfWeek == DayOfWeek.Monday);
        (DateTimeOffset, DateTimeOffset, string)[] cases =
        [
            (_w.At(2, 11), _w.At(2, 10), "booking_end_before_start"),
            (_w.At(0, 6) .AddHours(-1), _w.At(0, 7), "booking_in_past"),
            (_w.At(20, 10), _w.At(20, 11), "booking_outside_window"),
            (_w.At(monday, 7), _w.At(monday, 9), "booking_outside_hours"),
            (_w.At(monday, 19), _w.At(monday, 21), "booking_outside_hours"),
            (_w.At(saturday, 10), _w.At(saturday, 11), "booking_outside_hours"),
            (_w.At(monday, 9), _w.At(monday, 14), "booking_too_long"),
        ];
        foreach (var (start, end, code) in cases)
            await (await _w.BookAsync("demo-resident", room, start, end)).AssertProblemAsync(HttpStatusCode.BadRequest, code);
        await (await _w.BookAsync("demo-resident", room, _w.At(monday, 9), _w.At(monday, 10), purpose: " ")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(0, await LiveBookingsAsync(room));
        Assert.Equal(HttpStatusCode.Created, (await _w.BookAsync("demo-resident", room, _w.At(monday, 16, 30), _w.At(monday, 20, 30))).StatusCode);
    }

    [Fact]
    public async Task Scope_staff_of_another_community_get_404_and_residents_see_only_their_own()
    {
        var room = CentresWorld.Id(await _w.CreateRoomAsync("范围测试室"));
        var resident = CentresWorld.Id(await (await _w.BookAsync("demo-resident", room, _w.At(7, 9), _w.At(7, 10), purpose: "居民自己的预约")).ReadOkAsync<JsonElement>());
        var party = CentresWorld.Id(await (await _w.BookAsync("demo-party", room, _w.At(7, 10), _w.At(7, 11), purpose: "党员的预约")).ReadOkAsync<JsonElement>());

        await (await _w.GetAsync("demo-community-b", $"/api/v1/bookings/{resident}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _w.PostAsync("demo-community-b", $"/api/v1/bookings/{resident}/cancel", new { reason = "x" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var put = await (await _w.As("demo-community-b")).PutAsJsonAsync($"/api/v1/rooms/{room}", new { divisionCode = CentresWorld.Tuanjie, name = "改名", capacity = 5, openFrom = "08:00", openTo = "18:00", maxDaysAhead = 7, maxMinutes = 60 });
        await put.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var yuxiList = await (await _w.GetAsync("demo-community-b", "/api/v1/bookings")).ReadOkAsync<JsonElement>();
        Assert.DoesNotContain(yuxiList.EnumerateArray(), b => b.GetProperty("roomId").GetGuid() == room);
        var tuanjieList = await (await _w.GetAsync("demo-community-a", "/api/v1/bookings")).ReadOkAsync<JsonElement>();
        var seen = tuanjieList.EnumerateArray().Where(b => b.GetProperty("roomId").GetGuid() == room).ToList();
        Assert.Equal(2, seen.Count);
        Assert.All(seen, b => Assert.Contains("*", b.GetProperty("booker").GetString()));

        var mine = await (await _w.GetAsync("demo-resident", "/api/v1/bookings")).ReadOkAsync<JsonElement>();
        Assert.All(mine.EnumerateArray(), b => Assert.True(b.GetProperty("mine").GetBoolean()));
        Assert.Contains(mine.EnumerateArray(), b => CentresWorld.Id(b) == resident);
        Assert.DoesNotContain(mine.EnumerateArray(), b => CentresWorld.Id(b) == party);
        await (await _w.GetAsync("demo-resident", $"/api/v1/bookings/{party}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        // The calendar shows the resident their own slot in full and the other one only as busy.
        var calendar = await (await _w.GetAsync("demo-resident", $"/api/v1/rooms/{room}/calendar?from={_w.Day(7):yyyy-MM-dd}&to={_w.Day(7):yyyy-MM-dd}")).ReadOkAsync<JsonElement>();
        var slots = calendar.EnumerateArray().ToList();
        Assert.Equal(2, slots.Count);
        Assert.Equal("居民自己的预约", slots.Single(s => s.GetProperty("mine").GetBoolean()).GetProperty("purpose").GetString());
        var other = slots.Single(s => !s.GetProperty("mine").GetBoolean());
        Assert.Equal(JsonValueKind.Null, other.GetProperty("purpose").ValueKind);
        Assert.Equal(JsonValueKind.Null, other.GetProperty("booker").ValueKind);
        var staffView = await (await _w.GetAsync("demo-community-a", $"/api/v1/rooms/{room}/calendar?from={_w.Day(7):yyyy-MM-dd}&to={_w.Day(7):yyyy-MM-dd}")).ReadOkAsync<JsonElement>();
        Assert.All(staffView.EnumerateArray(), s => Assert.Contains("*", s.GetProperty("booker").GetString()));
    }

    [Fact]
    public async Task A_resident_books_on_the_phone_page_sees_it_in_my_bookings_and_gets_a_chinese_error_on_conflict()
    {
        var room = CentresWorld.Id(await _w.CreateRoomAsync("手机预约活动室"));
        var url = $"/portal/c/{CentresWorld.Tuanjie}/rooms?room={room}";
        var anonymous = await _app.CreateClient().GetStringAsync(url);
        Assert.Contains($"data-testid=\"room-{room}\"", anonymous);
        Assert.Contains("data-testid=\"booking-login\"", anonymous);
        Assert.Contains("returnUrl=" + Uri.EscapeDataString($"/portal/c/{CentresWorld.Tuanjie}/rooms?room={room}"), anonymous);

        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await Forms.SubmitAsync(browser, "/account/login",
            new Dictionary<string, string> { ["Input.UserName"] = "demo-resident", ["Input.Password"] = JicengAppFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var form = await browser.GetStringAsync(url);
        foreach (var id in new[] { "booking-room", "booking-date", "booking-start", "booking-end", "booking-purpose", "booking-submit" })
            Assert.Contains($"data-testid=\"{id}\"", form);

        var day = _w.Day(3).ToString("yyyy-MM-dd");
        Dictionary<string, string> Fields(string start, string end) => new()
        {
            ["Book.RoomId"] = room.ToString(), ["Book.Date"] = day, ["Book.Start"] = start, ["Book.End"] = end, ["Book.Purpose"] = "书法兴趣小组活动", ["Book.GroupName"] = "墨香书法社",
        };
        var booked = await Forms.SubmitAsync(browser, url, Fields("14:00", "16:00"));
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var next = booked.Headers.Location!.IsAbsoluteUri ? booked.Headers.Location.PathAndQuery : booked.Headers.Location.OriginalString;
        Assert.StartsWith("/me/bookings", next);
        var mine = await browser.GetStringAsync(next);
        Assert.Contains("data-testid=\"my-bookings\"", mine);
        Assert.Contains("data-testid=\"my-booking\"", mine);
        Assert.Contains("书法兴趣小组活动", mine);
        Assert.Contains("已确认", mine);

        var conflict = await Forms.SubmitAsync(browser, url, Fields("15:00", "17:00"));
        var conflictPage = await conflict.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        Assert.Contains("data-testid=\"booking-error\"", conflictPage);
        Assert.Contains("该时段已被预约", conflictPage);
        var backwards = await (await Forms.SubmitAsync(browser, url, Fields("16:00", "15:00"))).Content.ReadAsStringAsync();
        Assert.Contains("结束时间须晚于开始时间", backwards);
        Assert.Equal(1, await LiveBookingsAsync(room));

        // Cancel on 我的 (well before the limit).
        var id2 = await _app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().RoomBookings.Where(b => b.RoomId == room).Select(b => b.Id).SingleAsync());
        var cancelPage = await browser.GetStringAsync("/me/bookings");
        Assert.Contains($"data-testid=\"booking-cancel-{id2}\"", cancelPage);
        var token = System.Text.RegularExpressions.Regex.Match(cancelPage, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var cancelled = await browser.PostAsync("/me/bookings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = $"cancel-{id2}", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.Contains("data-testid=\"bookings-message\"", await cancelled.Content.ReadAsStringAsync());
        Assert.Equal(0, await LiveBookingsAsync(room));
    }
}

using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.Notifications;
using Jiceng.Web.Modules.ServiceHall.Domain;
using Jiceng.Web.Modules.ServiceHall.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.ServiceHall;

/// <summary>The public catalogue's contract and figures; booking under load (one app, the clock stays on Monday morning).
/// Nothing here adds catalogue items: the contract test counts the seeded catalogue, and xunit's test order differs between checkouts.</summary>
public sealed class ServiceCatalogueAndBookingTests(ServiceHallApp app) : IClassFixture<ServiceHallApp>
{
    private readonly JicengAppFactory _app = app;
    private readonly ServiceHallWorld _w = new(app);
    private static readonly DateOnly Tuesday = new(2026, 9, 8);

    [Fact]
    public async Task The_public_catalogue_has_the_contract_shape_and_the_seeds_28_direct_and_31_on_behalf_items()
    {
        var anonymous = _app.CreateClient();
        var response = await anonymous.GetAsync($"/api/v1/service-items?division={ServiceHallWorld.Tuanjie}");
        var items = await response.ReadOkAsync<JsonElement>();

        Assert.Equal(JsonValueKind.Array, items.ValueKind);
        foreach (var item in items.EnumerateArray())
        {
            Assert.NotEqual(Guid.Empty, item.GetProperty("id").GetGuid());
            Assert.False(string.IsNullOrWhiteSpace(item.GetProperty("name").GetString()));
            Assert.Contains(item.GetProperty("kind").GetString(), new[] { "direct", "onBehalf" });
            Assert.InRange(item.GetProperty("timeLimitDays").GetInt32(), 1, 180);
            Assert.NotEmpty(item.GetProperty("materials").EnumerateArray());
        }
        Assert.Equal(28, items.EnumerateArray().Count(i => i.GetProperty("kind").GetString() == "direct"));
        Assert.Equal(31, items.EnumerateArray().Count(i => i.GetProperty("kind").GetString() == "onBehalf"));
        var pension = items.EnumerateArray().Single(i => i.GetProperty("name").GetString() == "城乡居民基本养老保险参保登记");
        Assert.Equal("居民身份证原件及复印件", pension.GetProperty("materials")[0].GetString());
        var onBehalf = await anonymous.GetAsync($"/api/v1/service-items?division={ServiceHallWorld.Tuanjie}&kind=onBehalf");
        Assert.Equal(31, (await onBehalf.ReadOkAsync<JsonElement>()).GetArrayLength());

        // The county's catalogue counts each item once, although both demo communities offer it.
        var figures = await (await anonymous.GetAsync($"/api/v1/service-items/figures?division={ServiceHallWorld.County}")).ReadOkAsync<JsonElement>();
        Assert.Equal(28, figures.GetProperty("direct").GetInt32());
        Assert.Equal(31, figures.GetProperty("onBehalf").GetInt32());
        var communities = figures.GetProperty("communities").EnumerateArray().ToList();
        Assert.Equal(2, communities.Count);
        Assert.All(communities, c => Assert.Equal(59, c.GetProperty("direct").GetInt32() + c.GetProperty("onBehalf").GetInt32()));

        await (await anonymous.GetAsync("/api/v1/service-items")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await anonymous.GetAsync($"/api/v1/service-items?division={ServiceHallWorld.Tuanjie}&kind=sometimes")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Twenty_bookings_of_three_places_have_exactly_three_winners_and_one_booking_per_account()
    {
        var item = await _w.ItemIdAsync("居民医保参保缴费");
        var slot = await _w.SlotAsync(item, Tuesday, "14:00", "14:30", 3);
        var names = new List<string>();
        for (var i = 1; i <= 20; i++) names.Add(await _w.ResidentAccountAsync($"booker{i:00}"));
        var clients = new List<HttpClient>();
        foreach (var name in names) clients.Add(await _app.ClientForAsync(name));

        var responses = await Task.WhenAll(clients.Select(c => c.PostAsync($"/api/v1/service-slots/{slot}/appointments", null)));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.Created)) await loser.AssertProblemAsync(HttpStatusCode.Conflict, "slot_full");
        var stored = await _w.QueryAsync(db => db.ServiceSlots.SingleAsync(s => s.Id == slot));
        Assert.Equal(3, stored.BookedCount);
        Assert.Equal(3, await _w.QueryAsync(db => db.Appointments.CountAsync(a => a.SlotId == slot && a.Status == AppointmentStatus.Booked)));

        // One account racing itself keeps one live booking.
        var other = await _w.SlotAsync(item, Tuesday, "15:00", "15:30", 5);
        var same = await _app.ClientForAsync(names[0]);
        var twice = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => same.PostAsync($"/api/v1/service-slots/{other}/appointments", null)));
        Assert.Equal(1, twice.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var loser in twice.Where(r => r.StatusCode != HttpStatusCode.Created)) await loser.AssertProblemAsync(HttpStatusCode.Conflict, "already_booked");
        Assert.Equal(1, (await _w.QueryAsync(db => db.ServiceSlots.SingleAsync(s => s.Id == other))).BookedCount);
    }

    [Fact]
    public async Task Staff_cancel_a_slot_with_a_reason_its_bookings_are_cancelled_and_each_booked_resident_is_told_once()
    {
        var item = await _w.ItemIdAsync("高龄津贴申领");
        var wednesday = new DateOnly(2026, 9, 9);
        var slot = await _w.SlotAsync(item, wednesday, "17:10", "17:40", 3); // after the demo's own slots
        var resident = await (await _w.PostAsync("demo-resident", $"/api/v1/service-slots/{slot}/appointments")).ReadOkAsync<JsonElement>();
        var party = await (await _w.PostAsync("demo-party", $"/api/v1/service-slots/{slot}/appointments")).ReadOkAsync<JsonElement>();
        var quitter = await _w.ResidentAccountAsync("slotquitter");
        var quit = await (await _w.PostAsync(quitter, $"/api/v1/service-slots/{slot}/appointments")).ReadOkAsync<JsonElement>();
        await _w.PostOkAsync(quitter, $"/api/v1/appointments/{quit.GetProperty("id").GetGuid()}/cancel");
        // The same resident's booking of another slot that day is not the office's business here.
        var otherSlot = await _w.SlotAsync(item, wednesday, "17:40", "18:10", 3);
        var untouched = await (await _w.PostAsync("demo-resident", $"/api/v1/service-slots/{otherSlot}/appointments")).ReadOkAsync<JsonElement>();
        const string reason = "社保专干临时到县里参加会议";
        Task<List<Notification>> NoticesOf(string user) => _w.QueryAsync(db => db.Set<Notification>()
            .Where(n => n.Title == Appointments.SlotCancelledTitle && db.Users.Any(u => u.Id == n.UserId && u.UserName == user)).ToListAsync());
        async Task<List<AppointmentStatus>> StatusesOf() =>
            (await _w.QueryAsync(db => db.Appointments.Where(a => a.SlotId == slot).Select(a => a.Status).ToListAsync())).Order().ToList();

        // Bad input, another community's staff and a resident change nothing.
        var url = $"/api/v1/service-slots/{slot}/cancel";
        await (await _w.PostAsync("demo-community-a", url, new { reason = "  " })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _w.PostAsync("demo-community-a", url, new { reason = new string('会', Appointments.MaxCancelReasonLength + 1) })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _w.PostAsync("demo-community-b", url, new { reason })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _w.PostAsync("demo-resident", url, new { reason })).AssertStatusAsync(HttpStatusCode.Forbidden);
        await (await _w.PostAsync("demo-community-a", $"/api/v1/service-slots/{Guid.NewGuid()}/cancel", new { reason })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.False((await _w.QueryAsync(db => db.ServiceSlots.SingleAsync(s => s.Id == slot))).IsCancelled);
        Assert.Equal([AppointmentStatus.Booked, AppointmentStatus.Booked, AppointmentStatus.Cancelled], await StatusesOf());
        Assert.Empty(await NoticesOf("demo-resident"));

        var result = await _w.PostOkAsync("demo-community-a", url, new { reason });

        Assert.Equal(2, result.GetProperty("cancelledAppointments").GetInt32());
        Assert.Equal(2, result.GetProperty("notified").GetInt32());
        Assert.True(result.GetProperty("slot").GetProperty("isCancelled").GetBoolean());
        Assert.Equal([AppointmentStatus.Cancelled, AppointmentStatus.CancelledByOffice, AppointmentStatus.CancelledByOffice], await StatusesOf());
        foreach (var (user, booking) in new[] { ("demo-resident", resident), ("demo-party", party) })
        {
            var own = await _w.GetOkAsync(user, $"/api/v1/appointments/{booking.GetProperty("id").GetGuid()}");
            Assert.Equal("cancelledByOffice", own.GetProperty("status").GetString());
            Assert.Equal(reason, own.GetProperty("cancelReason").GetString());
            var listed = (await _w.GetOkAsync(user, "/api/v1/appointments")).EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == own.GetProperty("id").GetGuid());
            Assert.Equal(reason, listed.GetProperty("cancelReason").GetString());
        }
        // The resident who had cancelled herself keeps her own cancellation, without the office's reason; other bookings stay booked.
        var quitted = await _w.GetOkAsync(quitter, $"/api/v1/appointments/{quit.GetProperty("id").GetGuid()}");
        Assert.Equal("cancelled", quitted.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, quitted.GetProperty("cancelReason").ValueKind);
        var kept = await _w.GetOkAsync("demo-resident", $"/api/v1/appointments/{untouched.GetProperty("id").GetGuid()}");
        Assert.Equal("booked", kept.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, kept.GetProperty("cancelReason").ValueKind);
        Assert.DoesNotContain((await _w.GetOkAsync("demo-resident", "/api/v1/appointments")).EnumerateArray(),
            a => a.GetProperty("id").GetGuid() != resident.GetProperty("id").GetGuid() && a.GetProperty("cancelReason").ValueKind != JsonValueKind.Null);
        // Staff see it in the day's list; the resident's 我的办事 page says the service hall cancelled it and why.
        var dayList = await _w.GetOkAsync("demo-community-a", $"/api/v1/appointments?division={ServiceHallWorld.Tuanjie}&date=2026-09-09");
        Assert.Equal(2, dayList.EnumerateArray().Count(a => a.GetProperty("cancelReason").GetString() == reason));
        var browser = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await Forms.SubmitAsync(browser, "/account/login",
            new Dictionary<string, string> { ["Input.UserName"] = "demo-resident", ["Input.Password"] = JicengAppFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var mine = await browser.GetStringAsync("/me/services");
        Assert.Contains($"服务大厅已取消：{reason}", mine);
        Assert.DoesNotContain($"appointment-cancel-{resident.GetProperty("id").GetGuid()}", mine);
        Assert.Contains($"appointment-cancel-{untouched.GetProperty("id").GetGuid()}", mine);
        foreach (var user in new[] { "demo-resident", "demo-party" })
        {
            var notice = Assert.Single(await NoticesOf(user));
            Assert.Equal("/me/services", notice.Link);
            Assert.Contains("高龄津贴申领", notice.Body);
            Assert.Contains("2026-09-09 17:10", notice.Body);
            Assert.Contains(reason, notice.Body);
        }
        Assert.Empty(await NoticesOf(quitter)); // had cancelled herself before

        // Gone from the public booking list, cannot be booked, shown as cancelled to staff; a second cancel notifies nobody.
        var open = await (await _app.CreateClient().GetAsync($"/api/v1/service-items/{item}/slots")).ReadOkAsync<JsonElement>();
        Assert.DoesNotContain(open.EnumerateArray(), s => s.GetProperty("id").GetGuid() == slot);
        await (await _w.PostAsync("demo-resident", $"/api/v1/service-slots/{slot}/appointments")).AssertProblemAsync(HttpStatusCode.Conflict, "slot_closed");
        var day = await _w.GetOkAsync("demo-community-a", $"/api/v1/service-slots?division={ServiceHallWorld.Tuanjie}&date=2026-09-09");
        Assert.True(day.EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == slot).GetProperty("isCancelled").GetBoolean());
        await (await _w.PostAsync("demo-community-a", url, new { reason = "再次取消" })).AssertProblemAsync(HttpStatusCode.Conflict, ServiceHallErrors.SlotAlreadyCancelled);
        Assert.Single(await NoticesOf("demo-resident"));
        Assert.Single(await NoticesOf("demo-party"));
    }
}

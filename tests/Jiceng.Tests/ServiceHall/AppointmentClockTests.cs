using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.Notifications;
using Jiceng.Web.Modules.ServiceHall.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.ServiceHall;

/// <summary>Cancellation until the slot starts, the reminder the day before (once) and no-shows, each on its own fake clock.</summary>
public sealed class AppointmentClockTests : IAsyncLifetime
{
    private readonly JicengAppFactory _app = new() { Start = ServiceHallWorld.Monday, Settings = ServiceHallWorld.QuietSettings };
    private readonly ServiceHallWorld _w;
    private static readonly DateOnly Tuesday = new(2026, 9, 8);

    public AppointmentClockTests() => _w = new ServiceHallWorld(_app);
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private AppointmentReminders Reminders => _app.Services.GetRequiredService<AppointmentReminders>();

    [Fact]
    public async Task Cancelling_frees_the_place_until_the_slot_starts_and_residents_see_only_their_own()
    {
        var item = await _w.ItemIdAsync("高龄津贴申领");
        var slot = await _w.SlotAsync(item, Tuesday, "13:30", "14:00", 1);
        var mine = await (await _w.PostAsync("demo-resident", $"/api/v1/service-slots/{slot}/appointments")).ReadOkAsync<JsonElement>();
        var id = mine.GetProperty("id").GetGuid();
        Assert.Equal("booked", mine.GetProperty("status").GetString());
        await (await _w.PostAsync("demo-party", $"/api/v1/service-slots/{slot}/appointments")).AssertProblemAsync(HttpStatusCode.Conflict, "slot_full");
        await (await _w.PostAsync("demo-party", $"/api/v1/appointments/{id}/cancel")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain((await _w.GetOkAsync("demo-party", "/api/v1/appointments")).EnumerateArray(), a => a.GetProperty("id").GetGuid() == id);
        Assert.Contains((await _w.GetOkAsync("demo-resident", "/api/v1/appointments")).EnumerateArray(), a => a.GetProperty("id").GetGuid() == id);

        var cancelled = await _w.PostOkAsync("demo-resident", $"/api/v1/appointments/{id}/cancel");
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(0, (await _w.QueryAsync(db => db.ServiceSlots.SingleAsync(s => s.Id == slot))).BookedCount);
        var party = await (await _w.PostAsync("demo-party", $"/api/v1/service-slots/{slot}/appointments")).ReadOkAsync<JsonElement>();

        _app.Clock.Advance(TimeSpan.FromHours(30)); // Tuesday 15:00: the 13:30 slot has started
        _w.SignInAgain();
        await (await _w.PostAsync("demo-party", $"/api/v1/appointments/{party.GetProperty("id").GetGuid()}/cancel")).AssertProblemAsync(HttpStatusCode.Conflict, "too_late");
        await (await _w.PostAsync("demo-resident", $"/api/v1/service-slots/{slot}/appointments")).AssertProblemAsync(HttpStatusCode.Conflict, "slot_closed");
        // A slot that has started can no longer be cancelled by staff either.
        await (await _w.PostAsync("demo-community-a", $"/api/v1/service-slots/{slot}/cancel", new { reason = "临时开会" })).AssertProblemAsync(HttpStatusCode.Conflict, "too_late");
        Assert.False((await _w.QueryAsync(db => db.ServiceSlots.SingleAsync(s => s.Id == slot))).IsCancelled);
    }

    [Fact]
    public async Task A_reminder_goes_out_once_the_day_before_and_no_shows_are_counted_per_person()
    {
        var item = await _w.ItemIdAsync("老年人优待证办理");
        var slot = await _w.SlotAsync(item, Tuesday, "16:00", "16:30", 2);
        var user = await _w.ResidentAccountAsync("reminded");
        var booked = await (await _w.PostAsync(user, $"/api/v1/service-slots/{slot}/appointments")).ReadOkAsync<JsonElement>();
        var id = booked.GetProperty("id").GetGuid();
        Task<int> RemindersOf() => _w.QueryAsync(db => db.Set<Notification>().CountAsync(n => n.Title == AppointmentReminders.Title && db.Users.Any(u => u.Id == n.UserId && u.UserName == user)));

        await Reminders.CheckAsync(CancellationToken.None);
        Assert.Equal(0, await RemindersOf()); // 31 hours ahead
        _app.Clock.Advance(TimeSpan.FromHours(8)); // Monday 17:00, 23 hours ahead
        await Task.WhenAll(Reminders.CheckAsync(CancellationToken.None), Reminders.CheckAsync(CancellationToken.None));
        await Reminders.CheckAsync(CancellationToken.None);
        Assert.Equal(1, await RemindersOf());
        Assert.NotNull((await _w.QueryAsync(db => db.Appointments.SingleAsync(a => a.Id == id))).ReminderSentUtc);

        _w.SignInAgain();
        await (await _w.PostAsync("demo-community-a", $"/api/v1/appointments/{id}/no-show")).AssertProblemAsync(HttpStatusCode.Conflict, "too_early");
        _app.Clock.Advance(TimeSpan.FromHours(24)); // Tuesday 17:00
        _w.SignInAgain();
        await (await _w.PostAsync("demo-community-b", $"/api/v1/appointments/{id}/no-show")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _w.PostAsync(user, $"/api/v1/appointments/{id}/no-show")).AssertStatusAsync(HttpStatusCode.Forbidden);
        var marked = await _w.PostOkAsync("demo-community-a", $"/api/v1/appointments/{id}/no-show");
        Assert.Equal("noShow", marked.GetProperty("status").GetString());

        var day = await _w.GetOkAsync("demo-community-a", $"/api/v1/appointments?division={ServiceHallWorld.Tuanjie}&date=2026-09-08");
        var row = day.EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == id);
        Assert.Equal(1, row.GetProperty("noShowCount").GetInt32());
        Assert.Equal("居*********", row.GetProperty("name").GetString());
    }
}

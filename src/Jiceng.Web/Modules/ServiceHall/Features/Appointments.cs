using Jiceng.Web.Data;
using Jiceng.Web.Modules.Notifications;
using Jiceng.Web.Modules.ServiceHall.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.ServiceHall.Features;

public sealed record SlotDto(Guid Id, Guid ItemId, DateOnly Date, DateTime StartUtc, DateTime EndUtc, int Capacity, int BookedCount, int Remaining, bool IsCancelled);

public sealed record CreateSlotRequest(DateOnly? Date, string? Start, string? End, int? Capacity);

/// <summary>Every working day from <see cref="From"/> to <see cref="To"/>: slots of <see cref="Minutes"/> between DayStart and DayEnd.</summary>
public sealed record BulkSlotsRequest(DateOnly? From, DateOnly? To, string? DayStart, string? DayEnd, int? Minutes, int? Capacity);

public sealed record CancelSlotRequest(string? Reason);

/// <summary>The cancelled slot, how many live bookings it cancelled and how many booked accounts were notified.</summary>
public sealed record CancelSlotResult(SlotDto Slot, int CancelledAppointments, int Notified);

public sealed record AppointmentDto(Guid Id, Guid SlotId, Guid ItemId, string ItemName, string DivisionCode, DateTime SlotStartUtc, DateTime SlotEndUtc,
    string Name, AppointmentStatus Status, DateTime BookedUtc, DateTime? CancelledUtc, DateTime? MarkedUtc, bool Mine, int? NoShowCount, string? CancelReason)
{
    /// <summary>Cancelled by the resident or by the office: nothing more can happen to it.</summary>
    public bool IsCancelled => Status is AppointmentStatus.Cancelled or AppointmentStatus.CancelledByOffice;
}

/// <summary>
/// 预约办理: staff publish slots (one or a working-day series); residents book one with a capacity that holds under
/// concurrent bookings (a conditional update of the slot's counter in the same transaction as the insert, and a filtered
/// unique index for one live booking per account and slot), cancel until the slot starts; staff mark attended or no-show.
/// </summary>
public sealed partial class Appointments(ServiceHallContext ctx, AuditTrail audit, ILogger<Appointments> logger)
{
    public const int MaxSlotsPerRequest = 400;
    public const int MaxCancelReasonLength = 200;
    public const string SlotCancelledTitle = "预约时段取消通知";
    private AppDbContext Db => ctx.Db;

    /// <summary>Slots and items are public (the portal lists free times), so a resident reaches the one they book by id.</summary>
    private IQueryable<ServiceSlot> AnySlot => Db.ServiceSlots.IgnoreQueryFilters([AppDbContext.ScopeFilter]);
    private IQueryable<ServiceItem> AnyItem => Db.ServiceItems.AsNoTracking().IgnoreQueryFilters([AppDbContext.ScopeFilter]);

    /// <summary>The item's future open slots with the places left (public).</summary>
    public async Task<Result<List<SlotDto>>> OpenSlotsAsync(Guid itemId, CancellationToken ct)
    {
        var item = await AnyItem.SingleOrDefaultAsync(i => i.Id == itemId && i.IsActive, ct);
        if (item is null) return Error.NotFound("Service item");
        var now = ctx.UtcNow;
        var slots = await AnySlot.AsNoTracking().Where(s => s.ItemId == itemId && !s.IsCancelled && s.StartUtc > now)
            .OrderBy(s => s.StartUtc).Take(200).ToListAsync(ct);
        return slots.Select(ToDto).ToList();
    }

    /// <summary>Staff: slots of a community's day (all items), for the console.</summary>
    public async Task<Result<List<SlotDto>>> DaySlotsAsync(string? division, DateOnly day, CancellationToken ct)
    {
        var community = await ctx.CommunityInScopeAsync(division, ct);
        if (community is null) return ServiceHallErrors.NoDivision();
        var slots = await Db.ServiceSlots.AsNoTracking().Where(s => s.DivisionCode == community.Code && s.Date == day).OrderBy(s => s.StartUtc).ToListAsync(ct);
        return slots.Select(ToDto).ToList();
    }

    public async Task<Result<SlotDto>> CreateSlotAsync(Guid itemId, CreateSlotRequest r, CancellationToken ct)
    {
        var item = await StaffItemAsync(itemId, ct);
        if (!item.IsSuccess) return item.Error!;
        if (r.Date is not { } date) return Error.Validation("请选择日期 / date is required.");
        if (!TryTime(r.Start, out var start) || !TryTime(r.End, out var end) || end <= start)
            return Error.Validation("请填写开始和结束时间（HH:mm，结束晚于开始） / start and end must be HH:mm, end after start.");
        if (r.Capacity is not (>= 1 and <= 100)) return Error.Validation("每个时段可约人数须为 1–100 / capacity must be 1 to 100.");
        var startUtc = ServiceHallContext.LocalToUtc(date, start);
        if (startUtc <= ctx.UtcNow) return Error.Validation("时段须在将来 / The slot must be in the future.");
        if (await Db.ServiceSlots.AnyAsync(s => s.ItemId == itemId && s.StartUtc == startUtc, ct)) return Error.Conflict("该时段已存在 / A slot already starts at that time.");
        var slot = new ServiceSlot(item.Value!, date, startUtc, ServiceHallContext.LocalToUtc(date, end), r.Capacity.Value, ctx.UtcNow);
        Db.ServiceSlots.Add(slot);
        await Db.SaveChangesAsync(ct);
        return ToDto(slot);
    }

    /// <summary>Publishes a series on the county's working days (holidays skipped, 调休 days included); existing start times are kept.</summary>
    public async Task<Result<List<SlotDto>>> CreateSeriesAsync(Guid itemId, BulkSlotsRequest r, CancellationToken ct)
    {
        var item = await StaffItemAsync(itemId, ct);
        if (!item.IsSuccess) return item.Error!;
        if (r.From is not { } from || r.To is not { } to || to < from || to.DayNumber - from.DayNumber > 62)
            return Error.Validation("请填写起止日期（最多 62 天） / from and to are required, at most 62 days apart.");
        if (!TryTime(r.DayStart, out var dayStart) || !TryTime(r.DayEnd, out var dayEnd) || dayEnd <= dayStart)
            return Error.Validation("请填写每天的开始和结束时间（HH:mm） / dayStart and dayEnd must be HH:mm, end after start.");
        if (r.Minutes is not (>= 10 and <= 240)) return Error.Validation("每个时段须为 10–240 分钟 / minutes must be 10 to 240.");
        if (r.Capacity is not (>= 1 and <= 100)) return Error.Validation("每个时段可约人数须为 1–100 / capacity must be 1 to 100.");
        var calendar = await ctx.CalendarAsync(item.Value!.DivisionCode, ct);
        var now = ctx.UtcNow;
        var wanted = new List<(DateOnly Day, DateTime Start, DateTime End)>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (!calendar.IsWorkingDay(day)) continue;
            for (var t = dayStart; t.AddMinutes(r.Minutes.Value) <= dayEnd && t >= dayStart; t = t.AddMinutes(r.Minutes.Value))
            {
                var s = ServiceHallContext.LocalToUtc(day, t);
                if (s > now) wanted.Add((day, s, s.AddMinutes(r.Minutes.Value)));
            }
        }
        if (wanted.Count > MaxSlotsPerRequest) return Error.Validation($"一次最多发布 {MaxSlotsPerRequest} 个时段 / At most {MaxSlotsPerRequest} slots at once.");
        var first = wanted.Count == 0 ? now : wanted[0].Start;
        var existing = (await Db.ServiceSlots.Where(s => s.ItemId == itemId && s.StartUtc >= first).Select(s => s.StartUtc).ToListAsync(ct)).ToHashSet();
        var created = wanted.Where(w => !existing.Contains(w.Start))
            .Select(w => new ServiceSlot(item.Value!, w.Day, w.Start, w.End, r.Capacity.Value, now)).ToList();
        Db.ServiceSlots.AddRange(created);
        await Db.SaveChangesAsync(ct);
        return created.Select(ToDto).ToList();
    }

    /// <summary>The caller books a place in a slot.</summary>
    public async Task<Result<AppointmentDto>> BookAsync(Guid slotId, CancellationToken ct)
    {
        if (ctx.User.UserId is not { } me) return Error.NotFound("Slot");
        var slot = await AnySlot.AsNoTracking().SingleOrDefaultAsync(s => s.Id == slotId, ct);
        if (slot is null) return Error.NotFound("Slot");
        var item = await AnyItem.SingleOrDefaultAsync(i => i.Id == slot.ItemId, ct);
        if (item is null || !item.IsActive) return Error.NotFound("Slot");
        if (!item.Bookable) return ServiceHallErrors.ItemNotBookable();
        var now = ctx.UtcNow;
        if (slot.IsCancelled || slot.StartUtc <= now) return ServiceHallErrors.Closed();
        if (await Db.Appointments.IgnoreQueryFilters([AppDbContext.ScopeFilter])
                .AnyAsync(a => a.SlotId == slotId && a.UserId == me && a.Status == AppointmentStatus.Booked, ct))
            return ServiceHallErrors.Twice();

        var (personId, name) = await ctx.MeAsync(ct);
        var appointment = new Appointment(slot, me, personId, name, now);
        await using var transaction = await Db.Database.BeginTransactionAsync(ct);
        var taken = await AnySlot.Where(s => s.Id == slotId && !s.IsCancelled && s.BookedCount < s.Capacity)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.BookedCount, s => s.BookedCount + 1).SetProperty(s => s.Version, s => s.Version + 1), ct);
        if (taken == 0)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            // Staff may have cancelled the slot between the first read and the update.
            var cancelledMeanwhile = await AnySlot.AnyAsync(s => s.Id == slotId && s.IsCancelled, ct);
            return cancelledMeanwhile ? ServiceHallErrors.Closed() : ServiceHallErrors.Full();
        }
        Db.Appointments.Add(appointment);
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request of the same account won the race: the filtered unique index kept one live booking.
            await transaction.RollbackAsync(CancellationToken.None);
            Db.ChangeTracker.Clear();
            return ServiceHallErrors.Twice();
        }
        await transaction.CommitAsync(ct);
        await audit.RecordAsync(ServiceHallAudit.Booked, AuditResult.Success, nameof(Appointment), appointment.Id.ToString(), $"slot {slotId}", cancellationToken: ct);
        LogBooked(logger, appointment.Id, slotId);
        return await DtoAsync(appointment, ct);
    }

    /// <summary>Cancels a booking (the resident's own, or by staff in scope) until the slot starts; the place is freed.</summary>
    public async Task<Result<AppointmentDto>> CancelAsync(Guid id, CancellationToken ct)
    {
        var appointment = await Db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (appointment is null || (!ctx.IsStaff && appointment.UserId != ctx.User.UserId)) return Error.NotFound("Appointment");
        if (appointment.Status != AppointmentStatus.Booked) return ServiceHallErrors.State("取消");
        var now = ctx.UtcNow;
        if (appointment.SlotStartUtc <= now) return ServiceHallErrors.Started();
        await using var transaction = await Db.Database.BeginTransactionAsync(ct);
        var cancelled = await Db.Appointments.Where(a => a.Id == id && a.Status == AppointmentStatus.Booked)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, AppointmentStatus.Cancelled).SetProperty(a => a.CancelledUtc, now), ct);
        if (cancelled == 0)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return ServiceHallErrors.Changed();
        }
        await AnySlot.Where(s => s.Id == appointment.SlotId && s.BookedCount > 0)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.BookedCount, s => s.BookedCount - 1).SetProperty(s => s.Version, s => s.Version + 1), ct);
        await transaction.CommitAsync(ct);
        await audit.RecordAsync(ServiceHallAudit.Cancelled, AuditResult.Success, nameof(Appointment), id.ToString(), cancellationToken: ct);
        return await GetAsync(id, ct);
    }

    /// <summary>
    /// Staff cancel a slot that has not started (the post holder is called away): every live booking of it is cancelled and
    /// each booked account is told why, once. The slot's conditional update (not cancelled, not started) decides the single
    /// winner, and the bookings and notifications are written in the same transaction, so a second cancel notifies nobody.
    /// Each cancelled booking keeps the status <see cref="AppointmentStatus.CancelledByOffice"/> and the reason, so the resident
    /// sees on the booking itself (not only in the notification) that the office cancelled it and why.
    /// </summary>
    public async Task<Result<CancelSlotResult>> CancelSlotAsync(Guid slotId, CancelSlotRequest request, CancellationToken ct)
    {
        if (!ctx.IsStaff) return Error.NotFound("Slot");
        // The division filter keeps slots outside the caller's subtree out: 404, not 403.
        var slot = await Db.ServiceSlots.AsNoTracking().SingleOrDefaultAsync(s => s.Id == slotId, ct);
        if (slot is null) return Error.NotFound("Slot");
        var reason = ServiceHallContext.Blank(request?.Reason);
        if (reason is null || reason.Length > MaxCancelReasonLength)
            return Error.Validation($"请填写取消原因（最多 {MaxCancelReasonLength} 字） / reason is required, at most {MaxCancelReasonLength} characters.");
        if (slot.IsCancelled) return ServiceHallErrors.AlreadyCancelled();
        var now = ctx.UtcNow;
        if (slot.StartUtc <= now) return ServiceHallErrors.Started();

        await using var transaction = await Db.Database.BeginTransactionAsync(ct);
        var won = await Db.ServiceSlots.Where(s => s.Id == slotId && !s.IsCancelled && s.StartUtc > now)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.IsCancelled, true).SetProperty(s => s.BookedCount, 0).SetProperty(s => s.Version, s => s.Version + 1), ct);
        if (won == 0)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            var again = await Db.ServiceSlots.AsNoTracking().SingleAsync(s => s.Id == slotId, CancellationToken.None);
            return again.IsCancelled ? ServiceHallErrors.AlreadyCancelled() : ServiceHallErrors.Started();
        }
        // Bookers of this slot are serialised on the slot row, so every booking committed before us is visible here.
        var live = await Db.Appointments.AsNoTracking().Where(a => a.SlotId == slotId && a.Status == AppointmentStatus.Booked)
            .Select(a => new { a.Id, a.UserId }).ToListAsync(ct);
        var itemName = await AnyItem.Where(i => i.Id == slot.ItemId).Select(i => i.Name).SingleOrDefaultAsync(ct) ?? "办事";
        var body = $"您预约的「{itemName}」（{ServiceHallContext.Local(slot.StartUtc)}–{ServiceHallContext.Local(slot.EndUtc, "HH:mm")}）已由社区取消，原因：{reason}。请另约时间，给您带来不便，敬请谅解。";
        var cancelledIds = new List<Guid>();
        var notified = new HashSet<Guid>();
        foreach (var a in live)
        {
            // Conditional, so a resident cancelling at the same moment is not cancelled (and told) twice.
            var cancelled = await Db.Appointments.Where(x => x.Id == a.Id && x.Status == AppointmentStatus.Booked)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, AppointmentStatus.CancelledByOffice).SetProperty(x => x.CancelledUtc, now)
                    .SetProperty(x => x.CancelReason, reason), ct);
            if (cancelled != 1) continue;
            cancelledIds.Add(a.Id);
            if (a.UserId is { } userId && notified.Add(userId))
                Db.Set<Notification>().Add(new Notification { UserId = userId, CreatedUtc = now, Title = SlotCancelledTitle, Link = "/me/services", Body = body });
        }
        await Db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        await audit.RecordAsync(ServiceHallAudit.SlotCancelled, AuditResult.Success, nameof(ServiceSlot), slotId.ToString(),
            $"{cancelledIds.Count} appointments cancelled; reason: {reason}", cancellationToken: ct);
        foreach (var id in cancelledIds)
            await audit.RecordAsync(ServiceHallAudit.Cancelled, AuditResult.Success, nameof(Appointment), id.ToString(), $"slot {slotId} cancelled", cancellationToken: ct);
        LogSlotCancelled(logger, slotId, cancelledIds.Count);
        var stored = await Db.ServiceSlots.AsNoTracking().SingleAsync(s => s.Id == slotId, ct);
        return new CancelSlotResult(ToDto(stored), cancelledIds.Count, notified.Count);
    }

    /// <summary>Staff mark a booking attended or no-show once the slot has started.</summary>
    public async Task<Result<AppointmentDto>> MarkAsync(Guid id, bool attended, CancellationToken ct)
    {
        if (!ctx.IsStaff) return Error.NotFound("Appointment");
        var appointment = await Db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (appointment is null) return Error.NotFound("Appointment");
        var now = ctx.UtcNow;
        if (appointment.SlotStartUtc > now) return ServiceHallErrors.NotStarted();
        var to = attended ? AppointmentStatus.Attended : AppointmentStatus.NoShow;
        var me = ctx.User.UserId;
        // Booked, or a correction between attended and no-show on the same day.
        var changed = await Db.Appointments.Where(a => a.Id == id && a.Status != AppointmentStatus.Cancelled && a.Status != AppointmentStatus.CancelledByOffice && a.Status != to)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, to).SetProperty(a => a.MarkedUtc, now).SetProperty(a => a.MarkedByUserId, me), ct);
        if (changed == 0) return ServiceHallErrors.State(attended ? "登记到场" : "登记爽约");
        await audit.RecordAsync(ServiceHallAudit.Marked, AuditResult.Success, nameof(Appointment), id.ToString(), to.ToString(), cancellationToken: ct);
        return await GetAsync(id, ct);
    }

    public async Task<Result<AppointmentDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var appointment = await Db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (appointment is null || (!ctx.IsStaff && appointment.UserId != ctx.User.UserId)) return Error.NotFound("Appointment");
        return await DtoAsync(appointment, ct);
    }

    /// <summary>The caller's own bookings, newest slot first.</summary>
    public async Task<List<AppointmentDto>> MineAsync(CancellationToken ct)
    {
        var me = ctx.User.UserId ?? Guid.Empty;
        var rows = await Db.Appointments.AsNoTracking().Where(a => a.UserId == me).OrderByDescending(a => a.SlotStartUtc).Take(100).ToListAsync(ct);
        return await DtosAsync(rows, withNoShows: false, ct);
    }

    /// <summary>Staff: bookings of a community on a day, with each person's no-show count.</summary>
    public async Task<Result<List<AppointmentDto>>> DayAsync(string? division, DateOnly day, CancellationToken ct)
    {
        var community = await ctx.CommunityInScopeAsync(division, ct);
        if (community is null) return ServiceHallErrors.NoDivision();
        var from = ServiceHallContext.LocalToUtc(day, TimeOnly.MinValue);
        var to = from.AddDays(1);
        var rows = await Db.Appointments.AsNoTracking().Where(a => a.DivisionCode == community.Code && a.SlotStartUtc >= from && a.SlotStartUtc < to)
            .OrderBy(a => a.SlotStartUtc).ToListAsync(ct);
        return await DtosAsync(rows, withNoShows: true, ct);
    }

    private async Task<AppointmentDto> DtoAsync(Appointment a, CancellationToken ct) => (await DtosAsync([a], ctx.IsStaff, ct))[0];

    private async Task<List<AppointmentDto>> DtosAsync(List<Appointment> rows, bool withNoShows, CancellationToken ct)
    {
        var itemIds = rows.Select(a => a.ItemId).Distinct().ToList();
        var names = await AnyItem.Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var noShows = new Dictionary<Guid, int>();
        if (withNoShows && ctx.IsStaff)
        {
            var users = rows.Where(a => a.UserId != null).Select(a => a.UserId!.Value).Distinct().ToList();
            noShows = await Db.Appointments.AsNoTracking().Where(a => a.UserId != null && users.Contains(a.UserId.Value) && a.Status == AppointmentStatus.NoShow)
                .GroupBy(a => a.UserId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        }
        var me = ctx.User.UserId;
        return rows.Select(a => new AppointmentDto(a.Id, a.SlotId, a.ItemId, names.GetValueOrDefault(a.ItemId, ""), a.DivisionCode, a.SlotStartUtc, a.SlotEndUtc,
            a.UserId == me ? a.Name : Jiceng.Web.Platform.Protection.Mask.Name(a.Name)!, a.Status, a.BookedUtc, a.CancelledUtc, a.MarkedUtc, a.UserId == me,
            withNoShows && ctx.IsStaff ? noShows.GetValueOrDefault(a.UserId ?? Guid.Empty) : null, a.CancelReason)).ToList();
    }

    private async Task<Result<ServiceItem>> StaffItemAsync(Guid itemId, CancellationToken ct)
    {
        if (!ctx.IsStaff) return Error.NotFound("Service item");
        var item = await Db.ServiceItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null) return Error.NotFound("Service item");
        if (!item.Bookable || !item.IsActive) return ServiceHallErrors.ItemNotBookable();
        return item;
    }

    private static bool TryTime(string? value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value?.Trim(), "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out time);

    public static SlotDto ToDto(ServiceSlot s) => new(s.Id, s.ItemId, s.Date, s.StartUtc, s.EndUtc, s.Capacity, s.BookedCount, Math.Max(0, s.Capacity - s.BookedCount), s.IsCancelled);

    [LoggerMessage(EventId = 5601, Level = LogLevel.Information, Message = "Appointment {AppointmentId} booked in slot {SlotId}")]
    private static partial void LogBooked(ILogger logger, Guid appointmentId, Guid slotId);

    [LoggerMessage(EventId = 5602, Level = LogLevel.Information, Message = "Slot {SlotId} cancelled by staff; {Count} appointments cancelled")]
    private static partial void LogSlotCancelled(ILogger logger, Guid slotId, int count);
}

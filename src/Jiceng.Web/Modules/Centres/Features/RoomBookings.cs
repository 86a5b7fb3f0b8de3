using Jiceng.Web.Data;
using Jiceng.Web.Modules.Centres.Domain;
using Jiceng.Web.Modules.Notifications;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Centres.Features;

public sealed record SaveRoomRequest(string? DivisionCode, Guid? CentreId, string? Name, int Capacity, bool RequiresApproval, int CancelHoursBefore = 2,
    int MaxDaysAhead = 14, int MaxMinutes = 240, string? OpenFrom = "08:30", string? OpenTo = "20:30", bool OpenOnRestDays = true,
    string? Description = null, string? Location = null, bool IsActive = true);

/// <summary>A bookable room as the public sees it (no personal data anywhere).</summary>
public sealed record RoomDto(Guid Id, string Name, int Capacity, string DivisionCode, Guid? CentreId, string? CentreName, string? Location, string? Description,
    bool RequiresApproval, int CancelHoursBefore, int MaxDaysAhead, int MaxMinutes, string OpenFrom, string OpenTo, bool OpenOnRestDays, bool IsActive, int Version);

public sealed record BookRoomRequest(DateTimeOffset? Start, DateTimeOffset? End, string? Purpose, string? GroupName);

public sealed record DecideBookingRequest(string? Reason);

public sealed record BookingDto(Guid Id, Guid RoomId, string RoomName, string DivisionCode, DateTime StartUtc, DateTime EndUtc, BookingStatus Status,
    string Purpose, string? GroupName, string Booker, bool Mine, bool CanCancel, string? DecisionReason, DateTime CreatedUtc, int Version);

/// <summary>A busy slot of a room; booker and purpose only for staff in scope (booker masked) and the booker's own.</summary>
public sealed record CalendarSlotDto(Guid? BookingId, DateTime StartUtc, DateTime EndUtc, BookingStatus Status, bool Mine, string? Booker, string? GroupName, string? Purpose);

/// <summary>
/// Rooms and venues and their bookings: no double booking under concurrent requests (bookers of a room are serialised by
/// a conditional update of the room row, then the overlap is checked and the booking inserted in the same transaction),
/// approval where the room needs it, cancellation by the room's rule, and a calendar.
/// </summary>
public sealed partial class RoomBookings(CentresContext ctx, ILogger<RoomBookings> logger)
{
    private AppDbContext Db => ctx.Db;

    /// <summary>Rooms are public information: a resident, who has no division scope, reads them by their community.</summary>
    private IQueryable<Room> AnyRoom => Db.Rooms.IgnoreQueryFilters([AppDbContext.ScopeFilter]);

    private IQueryable<RoomBooking> AnyBooking => Db.RoomBookings.IgnoreQueryFilters([AppDbContext.ScopeFilter]);

    /// <summary>A community's active rooms, public fields only.</summary>
    public async Task<List<RoomDto>> PublicAsync(string? division, CancellationToken ct)
    {
        var code = division?.Trim() ?? "";
        var rooms = await AnyRoom.AsNoTracking().Where(r => r.DivisionCode == code && r.IsActive).OrderBy(r => r.Name).ToListAsync(ct);
        return await DtosAsync(rooms, ct);
    }

    /// <summary>Rooms in the caller's scope (staff), including inactive ones.</summary>
    public async Task<Result<List<RoomDto>>> ListAsync(string? division, CancellationToken ct)
    {
        var query = Db.Rooms.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(division))
        {
            var d = await ctx.DivisionInScopeAsync(division, ct);
            if (!d.IsSuccess) return d.Error!;
            var (from, to) = CentresContext.Subtree(d.Value!.Path);
            query = query.Where(r => string.Compare(r.DivisionPath, from) >= 0 && string.Compare(r.DivisionPath, to) < 0);
        }
        return await DtosAsync(await query.OrderBy(r => r.DivisionCode).ThenBy(r => r.Name).Take(500).ToListAsync(ct), ct);
    }

    public async Task<RoomDto?> PublicRoomAsync(Guid id, CancellationToken ct)
    {
        var room = await AnyRoom.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.IsActive, ct);
        return room is null ? null : (await DtosAsync([room], ct))[0];
    }

    public async Task<Result<RoomDto>> CreateAsync(SaveRoomRequest request, CancellationToken ct)
    {
        var d = await ctx.DivisionInScopeAsync(request.DivisionCode, ct);
        if (!d.IsSuccess) return d.Error!;
        var invalid = await ValidateAsync(request, d.Value!.Code, ct);
        if (invalid is not null) return invalid;
        var room = new Room(d.Value.Code, d.Value.Path, request.CentreId, request.Name!.Trim(), request.Capacity, ctx.UtcNow);
        Apply(room, request);
        Db.Rooms.Add(room);
        await Db.SaveChangesAsync(ct);
        return (await DtosAsync([room], ct))[0];
    }

    public async Task<Result<RoomDto>> UpdateAsync(Guid id, SaveRoomRequest request, int? expectedVersion, CancellationToken ct)
    {
        var room = await Db.Rooms.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (room is null) return Error.NotFound("Room");
        if (expectedVersion is { } v && v != room.Version) return CentresErrors.Changed();
        var invalid = await ValidateAsync(request, room.DivisionCode, ct);
        if (invalid is not null) return invalid;
        room.Name = request.Name!.Trim();
        room.Capacity = request.Capacity;
        room.CentreId = request.CentreId;
        Apply(room, request);
        room.Touch();
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CentresErrors.Changed();
        }
        return (await DtosAsync([room], ct))[0];
    }

    private async Task<Error?> ValidateAsync(SaveRoomRequest r, string divisionCode, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Trim().Length > 100) return Error.Validation("请填写场地名称（最多 100 字） / Give the room a name (at most 100 characters).");
        if (r.Capacity is < 1 or > 2000) return Error.Validation("容纳人数须在 1–2000 之间 / Capacity is 1–2000 people.");
        if (r.CancelHoursBefore is < 0 or > 720) return Error.Validation("取消时限须在 0–720 小时之间 / Cancel 0–720 hours before.");
        if (r.MaxDaysAhead is < 1 or > 180) return Error.Validation("可预约天数须在 1–180 之间 / Book 1–180 days ahead.");
        if (r.MaxMinutes is < 15 or > 1440) return Error.Validation("单次时长须在 15–1440 分钟之间 / A booking lasts 15–1440 minutes.");
        if (!CentreRegistry.TryTime(r.OpenFrom, out var from) || !CentreRegistry.TryTime(r.OpenTo, out var to) || to <= from)
            return Error.Validation("开放时间须为 HH:mm，且结束晚于开始 / Opening times are HH:mm and end after they start.");
        if (r.CentreId is { } centre && !await Db.ServiceCentres.AnyAsync(c => c.Id == centre && c.DivisionCode == divisionCode, ct))
            return Error.Validation("所属阵地不在该社区 / The centre is not in that community.");
        return null;
    }

    private static void Apply(Room room, SaveRoomRequest r)
    {
        CentreRegistry.TryTime(r.OpenFrom, out var from);
        CentreRegistry.TryTime(r.OpenTo, out var to);
        room.RequiresApproval = r.RequiresApproval;
        room.CancelHoursBefore = r.CancelHoursBefore;
        room.MaxDaysAhead = r.MaxDaysAhead;
        room.MaxMinutes = r.MaxMinutes;
        room.OpenFrom = from;
        room.OpenTo = to;
        room.OpenOnRestDays = r.OpenOnRestDays;
        room.Description = string.IsNullOrWhiteSpace(r.Description) ? null : r.Description.Trim();
        room.Location = string.IsNullOrWhiteSpace(r.Location) ? null : r.Location.Trim();
        room.IsActive = r.IsActive;
    }

    private async Task<List<RoomDto>> DtosAsync(List<Room> rooms, CancellationToken ct)
    {
        var centreIds = rooms.Where(r => r.CentreId is not null).Select(r => r.CentreId!.Value).Distinct().ToList();
        var centres = await Db.ServiceCentres.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Where(c => centreIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return rooms.Select(r => new RoomDto(r.Id, r.Name, r.Capacity, r.DivisionCode, r.CentreId, r.CentreId is { } c ? centres.GetValueOrDefault(c) : null,
            r.Location, r.Description, r.RequiresApproval, r.CancelHoursBefore, r.MaxDaysAhead, r.MaxMinutes,
            CentreRegistry.Hhmm(r.OpenFrom), CentreRegistry.Hhmm(r.OpenTo), r.OpenOnRestDays, r.IsActive, r.Version)).ToList();
    }

    /// <summary>The caller books a room: 400 on bad input, 409 conflict when the time overlaps a live booking.</summary>
    public async Task<Result<BookingDto>> BookAsync(Guid roomId, BookRoomRequest request, CancellationToken ct)
    {
        var room = await AnyRoom.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roomId && r.IsActive, ct);
        if (room is null) return Error.NotFound("Room");
        if (request.Start is null || request.End is null) return Error.Validation("请填写开始和结束时间 / Give a start and an end.");
        var start = request.Start.Value.UtcDateTime;
        var end = request.End.Value.UtcDateTime;
        var invalid = CheckTime(room, start, end, ctx.UtcNow, await ctx.CalendarAsync(room.DivisionCode, ct));
        if (invalid is not null) return invalid;
        var purpose = request.Purpose?.Trim();
        if (string.IsNullOrEmpty(purpose) || purpose.Length > 200) return Error.Validation("请填写用途（最多 200 字） / Give the purpose (at most 200 characters).");
        var group = string.IsNullOrWhiteSpace(request.GroupName) ? null : request.GroupName.Trim();
        if (group is { Length: > 100 }) return Error.Validation("团体名称过长 / The group name is too long.");
        var me = ctx.User.UserId;
        if (me is null) return Error.Forbidden();

        var booking = new RoomBooking(room, me.Value, await ctx.MyNameAsync(ct), group, purpose, start, end, ctx.UtcNow);
        await using var transaction = await Db.Database.BeginTransactionAsync(ct);
        // Touching the room first takes its row lock (PG) or the write lock (SQLite): bookers of one room go one by one.
        var touched = await AnyRoom.Where(r => r.Id == roomId && r.IsActive).ExecuteUpdateAsync(u => u.SetProperty(r => r.Version, r => r.Version + 1), ct);
        if (touched == 0)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return Error.NotFound("Room");
        }
        var overlaps = await AnyBooking.AnyAsync(b => b.RoomId == roomId && (b.Status == BookingStatus.Pending || b.Status == BookingStatus.Confirmed)
            && b.StartUtc < end && start < b.EndUtc, ct);
        if (overlaps)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return CentresErrors.Overlap();
        }
        Db.RoomBookings.Add(booking);
        ctx.Audit(CentresAudit.Booked, nameof(RoomBooking), booking.Id, $"room {roomId}");
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            Db.ChangeTracker.Clear();
            return CentresErrors.Overlap();
        }
        await transaction.CommitAsync(ct);
        LogBooked(logger, booking.Id, roomId);
        return Dto(booking, room.Name, room);
    }

    /// <summary>The booking rules of a room, all in China local time; rest days and holidays from the county's calendar.</summary>
    public static Error? CheckTime(Room room, DateTime start, DateTime end, DateTime now, WorkingCalendar calendar)
    {
        if (end <= start) return CentresErrors.Bad(CentresErrors.EndBeforeStart, "结束时间须晚于开始时间 / The end must be after the start.");
        if (start < now) return CentresErrors.Bad(CentresErrors.InPast, "不能预约已过去的时间 / The start is in the past.");
        var localStart = CentresContext.Local(start);
        var localEnd = CentresContext.Local(end);
        var day = DateOnly.FromDateTime(localStart);
        if (day > WorkingCalendar.LocalDate(now).AddDays(room.MaxDaysAhead))
            return CentresErrors.Bad(CentresErrors.OutsideWindow, $"最多可提前 {room.MaxDaysAhead} 天预约 / Book at most {room.MaxDaysAhead} days ahead.");
        if ((end - start).TotalMinutes > room.MaxMinutes)
            return CentresErrors.Bad(CentresErrors.TooLong, $"单次最长 {room.MaxMinutes / 60.0:0.#} 小时 / A booking lasts at most {room.MaxMinutes} minutes.");
        var openDay = room.OpenOnRestDays || CentresContext.DayTypeOf(calendar, day) == DayType.Workday;
        // The booking stays within one day: it ends that day, or at midnight at the latest.
        var endDay = DateOnly.FromDateTime(localEnd);
        TimeSpan? endOfDay = endDay == day ? localEnd.TimeOfDay
            : endDay == day.AddDays(1) && localEnd.TimeOfDay == TimeSpan.Zero ? TimeSpan.FromHours(24) : null;
        if (!openDay || endOfDay is null || localStart.TimeOfDay < room.OpenFrom.ToTimeSpan() || endOfDay > room.OpenTo.ToTimeSpan())
            return CentresErrors.Bad(CentresErrors.OutsideHours,
                $"不在开放时间内（{CentreRegistry.Hhmm(room.OpenFrom)}–{CentreRegistry.Hhmm(room.OpenTo)}{(room.OpenOnRestDays ? "" : "，仅工作日")}） / Outside the opening times ({CentreRegistry.Hhmm(room.OpenFrom)}–{CentreRegistry.Hhmm(room.OpenTo)}{(room.OpenOnRestDays ? "" : ", working days only")}).");
        return null;
    }

    /// <summary>Bookings the caller sees: staff their community's (booker masked), anyone else their own.</summary>
    public async Task<Result<List<BookingDto>>> ListAsync(string? division, BookingStatus? status, bool mineOnly, CancellationToken ct)
    {
        var query = Db.RoomBookings.AsNoTracking();
        if (mineOnly || !ctx.IsStaff) query = query.Where(b => b.UserId == ctx.User.UserId);
        if (!string.IsNullOrWhiteSpace(division))
        {
            var d = await ctx.DivisionInScopeAsync(division, ct);
            if (!d.IsSuccess) return d.Error!;
            var (from, to) = CentresContext.Subtree(d.Value!.Path);
            query = query.Where(b => string.Compare(b.DivisionPath, from) >= 0 && string.Compare(b.DivisionPath, to) < 0);
        }
        if (status is { } s) query = query.Where(b => b.Status == s);
        var bookings = await query.OrderByDescending(b => b.StartUtc).Take(300).ToListAsync(ct);
        return await DtosAsync(bookings, ct);
    }

    public async Task<Result<BookingDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var booking = await Db.RoomBookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
        if (booking is null || (!ctx.IsStaff && booking.UserId != ctx.User.UserId)) return Error.NotFound("Booking");
        return (await DtosAsync([booking], ct))[0];
    }

    public Task<Result<BookingDto>> ApproveAsync(Guid id, int? expected, CancellationToken ct) => DecideAsync(id, BookingStatus.Confirmed, null, expected, ct);

    public Task<Result<BookingDto>> RejectAsync(Guid id, string? reason, int? expected, CancellationToken ct) => DecideAsync(id, BookingStatus.Rejected, reason, expected, ct);

    /// <summary>Staff decide a pending booking once (a conditional update: a second decision finds it no longer pending).</summary>
    private async Task<Result<BookingDto>> DecideAsync(Guid id, BookingStatus outcome, string? reason, int? expected, CancellationToken ct)
    {
        var booking = await Db.RoomBookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
        if (booking is null) return Error.NotFound("Booking");
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (outcome == BookingStatus.Rejected && reason is null) return Error.Validation("请填写不同意的原因 / Give the reason for the rejection.");
        if (reason is { Length: > 200 }) return Error.Validation("原因最多 200 字 / The reason is at most 200 characters.");
        if (booking.Status != BookingStatus.Pending) return CentresErrors.Decided();
        if (expected is { } v && v != booking.Version) return CentresErrors.Changed();
        var now = ctx.UtcNow;
        await using var transaction = await Db.Database.BeginTransactionAsync(ct);
        var changed = await Db.RoomBookings.Where(b => b.Id == id && b.Status == BookingStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, outcome).SetProperty(b => b.DecisionReason, reason)
                .SetProperty(b => b.DecidedByUserId, ctx.User.UserId).SetProperty(b => b.DecidedUtc, now).SetProperty(b => b.Version, b => b.Version + 1), ct);
        if (changed == 0)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return CentresErrors.Decided();
        }
        var roomName = await AnyRoom.Where(r => r.Id == booking.RoomId).Select(r => r.Name).SingleAsync(ct);
        ctx.Audit(CentresAudit.BookingDecided, nameof(RoomBooking), id, outcome.ToString());
        Notify(booking, outcome == BookingStatus.Confirmed ? "场地预约已通过" : "场地预约未通过",
            $"{roomName} {When(booking)}{(outcome == BookingStatus.Confirmed ? " 已确认。" : $" 未通过：{reason}")}", now);
        await Db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>
    /// Cancels a live booking: the booker up to the room's cancellation limit before the start; staff in scope at any time
    /// with a reason (the booker is told).
    /// </summary>
    public async Task<Result<BookingDto>> CancelAsync(Guid id, string? reason, CancellationToken ct)
    {
        var booking = await Db.RoomBookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
        var mine = booking is not null && booking.UserId == ctx.User.UserId;
        if (booking is null || (!ctx.IsStaff && !mine)) return Error.NotFound("Booking");
        if (!RoomBooking.Live.Contains(booking.Status)) return new Error(CentresErrors.NotLive, StatusCodes.Status409Conflict, "预约已取消或未通过 / The booking is no longer live.");
        var room = await AnyRoom.AsNoTracking().SingleAsync(r => r.Id == booking.RoomId, ct);
        var now = ctx.UtcNow;
        var byStaff = ctx.IsStaff && !mine;
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is { Length: > 200 }) return Error.Validation("原因最多 200 字 / The reason is at most 200 characters.");
        if (byStaff && reason is null) return Error.Validation("请填写取消原因 / Give the reason for cancelling.");
        if (!byStaff && !CanCancel(booking, room, now))
            return new Error(CentresErrors.CancelTooLate, StatusCodes.Status409Conflict,
                $"开始前 {room.CancelHoursBefore} 小时内不能取消，请联系社区 / It can only be cancelled up to {room.CancelHoursBefore} hours before the start; call the community.");
        await using var transaction = await Db.Database.BeginTransactionAsync(ct);
        var changed = await Db.RoomBookings.Where(b => b.Id == id && (b.Status == BookingStatus.Pending || b.Status == BookingStatus.Confirmed))
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, BookingStatus.Cancelled).SetProperty(b => b.CancelledUtc, now)
                .SetProperty(b => b.CancelledByStaff, byStaff).SetProperty(b => b.DecisionReason, reason).SetProperty(b => b.Version, b => b.Version + 1), ct);
        if (changed == 0)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return new Error(CentresErrors.NotLive, StatusCodes.Status409Conflict, "预约已取消或未通过 / The booking is no longer live.");
        }
        ctx.Audit(CentresAudit.BookingCancelled, nameof(RoomBooking), id, byStaff ? "by staff" : "by booker");
        if (byStaff) Notify(booking, "场地预约已被取消", $"{room.Name} {When(booking)} 已被社区取消：{reason}", now);
        await Db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await GetAsync(id, ct);
    }

    public static bool CanCancel(RoomBooking b, Room room, DateTime now) =>
        RoomBooking.Live.Contains(b.Status) && now <= b.StartUtc.AddHours(-room.CancelHoursBefore);

    /// <summary>Busy slots of a room between two China days (at most 62 days).</summary>
    public async Task<Result<List<CalendarSlotDto>>> CalendarAsync(Guid roomId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var publicRoom = await AnyRoom.AsNoTracking().AnyAsync(r => r.Id == roomId, ct);
        if (!publicRoom) return Error.NotFound("Room");
        var staffView = ctx.IsStaff && await Db.Rooms.AnyAsync(r => r.Id == roomId, ct);
        var first = from ?? ctx.Today;
        var last = to ?? first.AddDays(6);
        if (last < first || last.DayNumber - first.DayNumber > 62) return Error.Validation("日期范围须在 62 天以内 / The range is at most 62 days.");
        var fromUtc = CentresContext.ToUtc(first, TimeOnly.MinValue);
        var toUtc = CentresContext.ToUtc(last.AddDays(1), TimeOnly.MinValue);
        var me = ctx.User.UserId ?? Guid.Empty;
        var bookings = await AnyBooking.AsNoTracking()
            .Where(b => b.RoomId == roomId && (b.Status == BookingStatus.Pending || b.Status == BookingStatus.Confirmed) && b.StartUtc < toUtc && b.EndUtc > fromUtc)
            .OrderBy(b => b.StartUtc).ToListAsync(ct);
        return bookings.Select(b =>
        {
            var mine = b.UserId == me;
            return staffView || mine
                ? new CalendarSlotDto(b.Id, b.StartUtc, b.EndUtc, b.Status, mine, Mask.Name(b.BookerName), b.GroupName, b.Purpose)
                : new CalendarSlotDto(null, b.StartUtc, b.EndUtc, b.Status, false, null, null, null);
        }).ToList();
    }

    private void Notify(RoomBooking b, string title, string body, DateTime now)
    {
        if (b.UserId is not { } user) return;
        Db.Set<Notification>().Add(new Notification { UserId = user, CreatedUtc = now, Title = title, Body = body.Length > 500 ? body[..500] : body, Link = "/me/bookings" });
    }

    public static string When(RoomBooking b) =>
        $"{CentresContext.Local(b.StartUtc):yyyy-MM-dd HH:mm}–{CentresContext.Local(b.EndUtc):HH:mm}";

    private async Task<List<BookingDto>> DtosAsync(List<RoomBooking> bookings, CancellationToken ct)
    {
        var ids = bookings.Select(b => b.RoomId).Distinct().ToList();
        var rooms = await AnyRoom.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        return bookings.Select(b => Dto(b, rooms[b.RoomId].Name, rooms[b.RoomId])).ToList();
    }

    private BookingDto Dto(RoomBooking b, string roomName, Room room)
    {
        var mine = b.UserId == ctx.User.UserId;
        return new BookingDto(b.Id, b.RoomId, roomName, b.DivisionCode, b.StartUtc, b.EndUtc, b.Status, b.Purpose, b.GroupName,
            mine ? b.BookerName : Mask.Name(b.BookerName) ?? "", mine, mine ? CanCancel(b, room, ctx.UtcNow) : RoomBooking.Live.Contains(b.Status),
            b.DecisionReason, b.CreatedUtc, b.Version);
    }

    [LoggerMessage(EventId = 5501, Level = LogLevel.Information, Message = "Booking {BookingId} of room {RoomId} created")]
    private static partial void LogBooked(ILogger logger, Guid bookingId, Guid roomId);
}

using Jiceng.Web.Data;
using Jiceng.Web.Modules.Centres.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Centres.Features;

public sealed record SaveShiftRequest(Guid CentreId, string? Name, string? Start, string? End, bool RequiredOnWorkdays, bool RequiredOnRestDays,
    bool RequiredOnHolidays, int SortOrder = 0, bool IsActive = true);

public sealed record ShiftDto(Guid Id, Guid CentreId, string Name, string Start, string End, bool RequiredOnWorkdays, bool RequiredOnRestDays,
    bool RequiredOnHolidays, int SortOrder, bool IsActive, int Version);

public sealed record AssignRequest(Guid ShiftId, DateOnly Date, Guid UserId, string? Post);

public sealed record AssignmentDto(Guid Id, Guid ShiftId, string ShiftName, Guid CentreId, DateOnly Date, Guid UserId, string StaffName, string? Post);

/// <summary>Fill a period by rotating a list of staff over the required shifts (only empty slots unless told otherwise).</summary>
public sealed record FillRequest(Guid CentreId, DateOnly From, DateOnly To, List<Guid>? UserIds, string? Post, bool OnlyEmpty = true);

public sealed record FillResultDto(int Assigned, int Skipped);

public sealed record RotaCellDto(Guid ShiftId, bool Required, bool Gap, IReadOnlyList<AssignmentDto> OnDuty);

public sealed record RotaDayDto(DateOnly Date, DayType DayType, string? HolidayName, IReadOnlyList<RotaCellDto> Cells);

public sealed record RotaDto(Guid CentreId, string CentreName, DateOnly From, DateOnly To, IReadOnlyList<ShiftDto> Shifts, IReadOnlyList<RotaDayDto> Days);

public sealed record DutyGapDto(Guid CentreId, string CentreName, string DivisionCode, Guid ShiftId, string ShiftName, DateOnly Date, DayType DayType, string Start, string End);

public sealed record SwapRequest(Guid AssignmentId, Guid? CounterpartAssignmentId, Guid? CounterpartUserId, string? Reason);

public sealed record DecideSwapRequest(string? Note);

public sealed record SwapDto(Guid Id, Guid CentreId, Guid FromAssignmentId, Guid? ToAssignmentId, Guid RequesterUserId, Guid CounterpartUserId,
    string CounterpartName, string? Reason, DutySwapStatus Status, string? DecisionNote, DateTime CreatedUtc);

/// <summary>A staff member on duty as the public sees it: display name and post, nothing else.</summary>
public sealed record OnDutyPersonDto(string Name, string? Post);

public sealed record OnDutyDto(Guid CentreId, string CentreName, string ShiftName, string Start, string End, IReadOnlyList<OnDutyPersonDto> People);

/// <summary>
/// The 365-day duty rota (轮流值班): shifts per centre and which kinds of day need them (working calendar), staff per day
/// and shift, filling a period by rotation, gaps ahead, swaps that take effect atomically, and who is on duty now.
/// </summary>
public sealed partial class DutyRota(CentresContext ctx, ILogger<DutyRota> logger)
{
    private AppDbContext Db => ctx.Db;

    /// <summary>Managers (not grid workers) may approve a swap they did not ask for.</summary>
    private static readonly string[] SwapApprovers = [Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff];

    public async Task<Result<List<ShiftDto>>> ShiftsAsync(Guid centreId, CancellationToken ct)
    {
        if (!await Db.ServiceCentres.AnyAsync(c => c.Id == centreId, ct)) return Error.NotFound("Centre");
        return (await Db.DutyShifts.AsNoTracking().Where(s => s.CentreId == centreId).OrderBy(s => s.SortOrder).ThenBy(s => s.Start).ToListAsync(ct)).Select(Dto).ToList();
    }

    public async Task<Result<ShiftDto>> ShiftAsync(Guid id, CancellationToken ct)
    {
        var shift = await Db.DutyShifts.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        return shift is null ? Error.NotFound("Shift") : Dto(shift);
    }

    /// <summary>
    /// Creates a shift (<paramref name="id"/> null) or edits one. An edit must carry the version read
    /// (<paramref name="expectedVersion"/>, If-Match): a stale one is refused with 409 conflict and changes nothing.
    /// </summary>
    public async Task<Result<ShiftDto>> SaveShiftAsync(Guid? id, SaveShiftRequest r, int? expectedVersion, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Trim().Length > 30) return Error.Validation("请填写班次名称（最多 30 字） / Give the shift a name (at most 30 characters).");
        if (!CentreRegistry.TryTime(r.Start, out var start) || !CentreRegistry.TryTime(r.End, out var end) || end <= start)
            return Error.Validation("班次时间须为 HH:mm，且结束晚于开始 / Shift times are HH:mm and end after they start.");
        DutyShift? shift;
        if (id is { } existing)
        {
            shift = await Db.DutyShifts.SingleOrDefaultAsync(s => s.Id == existing, ct);
            if (shift is null) return Error.NotFound("Shift");
            if (expectedVersion is { } expected && shift.Version != expected) return CentresErrors.Changed();
            shift.Touch();
        }
        else
        {
            var centre = await Db.ServiceCentres.SingleOrDefaultAsync(c => c.Id == r.CentreId, ct);
            if (centre is null) return Error.NotFound("Centre");
            shift = new DutyShift(centre, r.Name.Trim(), start, end);
            Db.DutyShifts.Add(shift);
        }
        shift.Name = r.Name.Trim();
        shift.Start = start;
        shift.End = end;
        shift.RequiredOnWorkdays = r.RequiredOnWorkdays;
        shift.RequiredOnRestDays = r.RequiredOnRestDays;
        shift.RequiredOnHolidays = r.RequiredOnHolidays;
        shift.SortOrder = r.SortOrder;
        shift.IsActive = r.IsActive;
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another edit committed between our read and our write: the version in the WHERE no longer matched.
            return CentresErrors.Changed();
        }
        return Dto(shift);
    }

    /// <summary>Staff accounts of the centre's community who may be on its rota.</summary>
    public async Task<Result<List<StaffAccount>>> StaffAsync(Guid centreId, CancellationToken ct)
    {
        var centre = await Db.ServiceCentres.AsNoTracking().Where(c => c.Id == centreId).Select(c => c.DivisionCode).SingleOrDefaultAsync(ct);
        if (centre is null) return Error.NotFound("Centre");
        return (await ctx.StaffOfAsync(centre, ct)).OrderBy(s => s.UserName).ToList();
    }

    public async Task<Result<AssignmentDto>> AssignAsync(AssignRequest r, CancellationToken ct)
    {
        var shift = await Db.DutyShifts.AsNoTracking().SingleOrDefaultAsync(s => s.Id == r.ShiftId, ct);
        if (shift is null) return Error.NotFound("Shift");
        if (r.Date < ctx.Today) return Error.Validation("不能排过去的班 / The day is in the past.");
        var staff = (await ctx.StaffOfAsync(shift.DivisionCode, ct)).FirstOrDefault(s => s.Id == r.UserId);
        if (staff is null) return new Error(CentresErrors.NotOnDutyRota, StatusCodes.Status400BadRequest, "只能安排本社区的工作人员值班 / Only staff accounts of the community can be on its rota.");
        if (await Db.DutyAssignments.AnyAsync(a => a.ShiftId == r.ShiftId && a.Date == r.Date && a.UserId == r.UserId, ct))
            return Error.Conflict("该人员已在此班次 / Already on this shift that day.");
        var post = string.IsNullOrWhiteSpace(r.Post) ? null : r.Post.Trim()[..Math.Min(30, r.Post.Trim().Length)];
        var assignment = new DutyAssignment(shift, r.Date, staff.Id, Trim(staff.DisplayName), post, ctx.UtcNow);
        Db.DutyAssignments.Add(assignment);
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict("该人员已在此班次 / Already on this shift that day.");
        }
        return Dto(assignment, shift.Name);
    }

    public async Task<Result<bool>> UnassignAsync(Guid id, CancellationToken ct)
    {
        var assignment = await Db.DutyAssignments.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (assignment is null) return Error.NotFound("Assignment");
        Db.DutyAssignments.Remove(assignment);
        await Db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Rotates the given staff over the required shifts of each day in order, one per slot.</summary>
    public async Task<Result<FillResultDto>> FillAsync(FillRequest r, CancellationToken ct)
    {
        var centre = await Db.ServiceCentres.AsNoTracking().SingleOrDefaultAsync(c => c.Id == r.CentreId, ct);
        if (centre is null) return Error.NotFound("Centre");
        if (r.To < r.From || r.To.DayNumber - r.From.DayNumber > 92) return Error.Validation("日期范围须在 93 天以内 / The range is at most 93 days.");
        if (r.From < ctx.Today) return Error.Validation("不能排过去的班 / The range starts in the past.");
        var staffOk = await ctx.StaffOfAsync(centre.DivisionCode, ct);
        var rotation = (r.UserIds ?? []).Distinct().Select(id => staffOk.FirstOrDefault(s => s.Id == id)).ToList();
        if (rotation.Count == 0 || rotation.Any(s => s is null))
            return new Error(CentresErrors.NotOnDutyRota, StatusCodes.Status400BadRequest, "请选择本社区的工作人员 / Choose staff accounts of the community.");
        var shifts = await Db.DutyShifts.AsNoTracking().Where(s => s.CentreId == centre.Id && s.IsActive).OrderBy(s => s.SortOrder).ThenBy(s => s.Start).ToListAsync(ct);
        var existing = await Db.DutyAssignments.AsNoTracking().Where(a => a.CentreId == centre.Id && a.Date >= r.From && a.Date <= r.To)
            .Select(a => new { a.ShiftId, a.Date, a.UserId }).ToListAsync(ct);
        var post = string.IsNullOrWhiteSpace(r.Post) ? null : r.Post.Trim()[..Math.Min(30, r.Post.Trim().Length)];
        var calendar = await ctx.CalendarAsync(centre.DivisionCode, ct);
        int next = 0, assigned = 0, skipped = 0;
        for (var day = r.From; day <= r.To; day = day.AddDays(1))
        {
            var type = CentresContext.DayTypeOf(calendar, day);
            foreach (var shift in shifts.Where(s => s.RequiredOn(type)))
            {
                var taken = existing.Where(e => e.ShiftId == shift.Id && e.Date == day).ToList();
                if (r.OnlyEmpty && taken.Count > 0) { skipped++; continue; }
                var staff = rotation[next % rotation.Count]!;
                next++;
                if (taken.Any(e => e.UserId == staff.Id)) { skipped++; continue; }
                Db.DutyAssignments.Add(new DutyAssignment(shift, day, staff.Id, Trim(staff.DisplayName), post, ctx.UtcNow));
                assigned++;
            }
        }
        await Db.SaveChangesAsync(ct);
        LogFilled(logger, centre.Id, assigned);
        return new FillResultDto(assigned, skipped);
    }

    public async Task<Result<RotaDto>> RotaAsync(Guid centreId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var centre = await Db.ServiceCentres.AsNoTracking().SingleOrDefaultAsync(c => c.Id == centreId, ct);
        if (centre is null) return Error.NotFound("Centre");
        var first = from ?? ctx.Today;
        var last = to ?? first.AddDays(29);
        if (last < first || last.DayNumber - first.DayNumber > 92) return Error.Validation("日期范围须在 93 天以内 / The range is at most 93 days.");
        var shifts = await Db.DutyShifts.AsNoTracking().Where(s => s.CentreId == centreId && s.IsActive).OrderBy(s => s.SortOrder).ThenBy(s => s.Start).ToListAsync(ct);
        var assignments = await Db.DutyAssignments.AsNoTracking().Where(a => a.CentreId == centreId && a.Date >= first && a.Date <= last).ToListAsync(ct);
        var calendar = await ctx.CalendarAsync(centre.DivisionCode, ct);
        var days = new List<RotaDayDto>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var type = CentresContext.DayTypeOf(calendar, day);
            var cells = shifts.Select(s =>
            {
                var on = assignments.Where(a => a.ShiftId == s.Id && a.Date == day).Select(a => Dto(a, s.Name)).ToList();
                var required = s.RequiredOn(type);
                return new RotaCellDto(s.Id, required, required && on.Count == 0 && !Over(s, day), on);
            }).ToList();
            days.Add(new RotaDayDto(day, type, calendar.ExceptionName(day), cells));
        }
        return new RotaDto(centre.Id, centre.Name, first, last, shifts.Select(Dto).ToList(), days);
    }

    private bool Over(DutyShift shift, DateOnly day) => CentresContext.ToUtc(day, shift.End) <= ctx.UtcNow;

    /// <summary>Every required shift in the next <paramref name="days"/> days (from now) with no one on it, in scope.</summary>
    public async Task<Result<List<DutyGapDto>>> GapsAsync(string? division, int days, CancellationToken ct)
    {
        if (days is < 1 or > 92) return Error.Validation("天数须在 1–92 之间 / days is 1–92.");
        var centres = Db.ServiceCentres.AsNoTracking().Where(c => c.IsActive);
        if (!string.IsNullOrWhiteSpace(division))
        {
            var d = await ctx.DivisionInScopeAsync(division, ct);
            if (!d.IsSuccess) return d.Error!;
            var (from, to) = CentresContext.Subtree(d.Value!.Path);
            centres = centres.Where(c => string.Compare(c.DivisionPath, from) >= 0 && string.Compare(c.DivisionPath, to) < 0);
        }
        return await GapsOfAsync(Db, centres, ctx.CalendarAsync, ctx.Today, days, ctx.UtcNow, ct);
    }

    /// <summary>
    /// The gaps of the given centres (the caller decides the scope: the API passes the filtered set, the job all). Which
    /// shifts a day needs comes from the calendar of each centre's county (<paramref name="calendarOf"/> a division code).
    /// </summary>
    public static async Task<List<DutyGapDto>> GapsOfAsync(AppDbContext db, IQueryable<ServiceCentre> centres,
        Func<string, CancellationToken, Task<WorkingCalendar>> calendarOf, DateOnly today, int days, DateTime nowUtc, CancellationToken ct)
    {
        var list = await centres.Select(c => new { c.Id, c.Name, c.DivisionCode }).ToListAsync(ct);
        var ids = list.Select(c => c.Id).ToList();
        var last = today.AddDays(days - 1);
        var shifts = await db.DutyShifts.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(s => ids.Contains(s.CentreId) && s.IsActive).ToListAsync(ct);
        var filled = (await db.DutyAssignments.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(a => ids.Contains(a.CentreId) && a.Date >= today && a.Date <= last).Select(a => new { a.ShiftId, a.Date }).ToListAsync(ct))
            .Select(a => (a.ShiftId, a.Date)).ToHashSet();
        var calendars = new Dictionary<string, WorkingCalendar>();
        foreach (var code in list.Select(c => c.DivisionCode).Distinct()) calendars[code] = await calendarOf(code, ct);
        var gaps = new List<DutyGapDto>();
        for (var day = today; day <= last; day = day.AddDays(1))
        {
            foreach (var c in list)
            {
                var type = CentresContext.DayTypeOf(calendars[c.DivisionCode], day);
                foreach (var s in shifts.Where(s => s.CentreId == c.Id && s.RequiredOn(type)).OrderBy(s => s.SortOrder).ThenBy(s => s.Start))
                {
                    if (filled.Contains((s.Id, day)) || CentresContext.ToUtc(day, s.End) <= nowUtc) continue;
                    gaps.Add(new DutyGapDto(c.Id, c.Name, c.DivisionCode, s.Id, s.Name, day, type, CentreRegistry.Hhmm(s.Start), CentreRegistry.Hhmm(s.End)));
                }
            }
        }
        return gaps;
    }

    /// <summary>Who is on duty now at a community's centres (public: display name and post only).</summary>
    public async Task<List<OnDutyDto>> OnDutyNowAsync(string communityCode, CancellationToken ct)
    {
        var now = ctx.UtcNow;
        var today = ctx.Today;
        var time = TimeOnly.FromDateTime(CentresContext.Local(now));
        var centres = await Db.ServiceCentres.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(c => c.DivisionCode == communityCode && c.IsActive).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        if (centres.Count == 0) return [];
        var ids = centres.Select(c => c.Id).ToList();
        var running = (await Db.DutyShifts.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(s => ids.Contains(s.CentreId) && s.IsActive).ToListAsync(ct)).Where(s => s.Start <= time && time < s.End).ToList();
        var shiftIds = running.Select(s => s.Id).ToList();
        var people = await Db.DutyAssignments.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(a => shiftIds.Contains(a.ShiftId) && a.Date == today).Select(a => new { a.ShiftId, a.StaffName, a.Post }).ToListAsync(ct);
        // A shift the county's calendar does not need today (a workday shift on a county holiday) is not shown unless someone is on it.
        var type = CentresContext.DayTypeOf(await ctx.CalendarAsync(communityCode, ct), today);
        var shifts = running.Where(s => s.RequiredOn(type) || people.Any(p => p.ShiftId == s.Id)).ToList();
        return shifts.OrderBy(s => s.Start).Select(s => new OnDutyDto(s.CentreId, centres.Single(c => c.Id == s.CentreId).Name, s.Name,
                CentreRegistry.Hhmm(s.Start), CentreRegistry.Hhmm(s.End),
                people.Where(p => p.ShiftId == s.Id).OrderBy(p => p.StaffName).Select(p => new OnDutyPersonDto(p.StaffName, p.Post)).ToList()))
            .ToList();
    }

    /// <summary>
    /// Asks for a swap: the staff member on the duty asks (or a manager on their behalf); the counterpart gives their own duty
    /// in exchange (<see cref="SwapRequest.CounterpartAssignmentId"/>) or simply takes this one over.
    /// </summary>
    public async Task<Result<SwapDto>> RequestSwapAsync(SwapRequest r, CancellationToken ct)
    {
        var from = await Db.DutyAssignments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == r.AssignmentId, ct);
        if (from is null) return Error.NotFound("Assignment");
        var me = ctx.User.UserId ?? Guid.Empty;
        if (from.UserId != me && !SwapApprovers.Any(ctx.User.Principal.IsInRole)) return Error.Forbidden("只能为自己的班次申请调班 / You can only ask to swap your own duty.");
        if (from.Date < ctx.Today) return Error.Validation("不能调整过去的班次 / The duty is in the past.");
        DutyAssignment? to = null;
        Guid counterpart;
        if (r.CounterpartAssignmentId is { } toId)
        {
            to = await Db.DutyAssignments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == toId, ct);
            if (to is null || to.CentreId != from.CentreId) return Error.NotFound("Assignment");
            if (to.UserId == from.UserId) return Error.Validation("不能与自己调班 / A swap needs two different people.");
            counterpart = to.UserId;
        }
        else if (r.CounterpartUserId is { } user) counterpart = user;
        else return Error.Validation("请选择调班对象 / Choose who swaps.");
        if (counterpart == from.UserId) return Error.Validation("不能与自己调班 / A swap needs two different people.");
        var staff = (await ctx.StaffOfAsync(from.DivisionCode, ct)).FirstOrDefault(s => s.Id == counterpart);
        if (staff is null) return new Error(CentresErrors.NotOnDutyRota, StatusCodes.Status400BadRequest, "只能与本社区的工作人员调班 / Swap only with staff of the community.");
        if (await Db.DutySwaps.AnyAsync(s => s.FromAssignmentId == from.Id && s.Status == DutySwapStatus.Pending, ct))
            return Error.Conflict("该班次已有待处理的调班申请 / There is already a pending swap for this duty.");
        var reason = string.IsNullOrWhiteSpace(r.Reason) ? null : r.Reason.Trim()[..Math.Min(200, r.Reason.Trim().Length)];
        var swap = new DutySwap(from, to, from.UserId, counterpart, Trim(staff.DisplayName), reason, ctx.UtcNow);
        Db.DutySwaps.Add(swap);
        Db.Set<Notifications.Notification>().Add(new Notifications.Notification
        {
            UserId = counterpart, CreatedUtc = ctx.UtcNow, Title = "调班申请", Link = "/centres",
            Body = $"{from.StaffName} 申请与您调班（{from.Date:yyyy-MM-dd}{(to is null ? "" : $" ⇄ {to.Date:yyyy-MM-dd}")}），请在“党群服务阵地”中处理。",
        });
        await Db.SaveChangesAsync(ct);
        return Dto(swap);
    }

    public async Task<Result<List<SwapDto>>> SwapsAsync(Guid? centreId, CancellationToken ct)
    {
        var query = Db.DutySwaps.AsNoTracking();
        if (centreId is { } c) query = query.Where(s => s.CentreId == c);
        return (await query.OrderByDescending(s => s.CreatedUtc).Take(200).ToListAsync(ct)).Select(Dto).ToList();
    }

    /// <summary>
    /// Approves a swap once: the counterpart accepting, or a manager who did not ask for it. The swap's status and both
    /// assignments change in one transaction, each by a conditional update (still pending; still the same people).
    /// </summary>
    public async Task<Result<SwapDto>> ApproveSwapAsync(Guid id, string? note, CancellationToken ct)
    {
        var swap = await Db.DutySwaps.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (swap is null) return Error.NotFound("Swap");
        var me = ctx.User.UserId ?? Guid.Empty;
        if (!MayDecide(swap, me)) return Error.Forbidden("调班须由对方同意或社区负责人批准 / The counterpart or a community manager approves a swap.");
        if (swap.Status != DutySwapStatus.Pending) return CentresErrors.Decided();
        var from = await Db.DutyAssignments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == swap.FromAssignmentId, ct);
        var to = swap.ToAssignmentId is { } toId ? await Db.DutyAssignments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == toId, ct) : null;
        if (from is null || (swap.ToAssignmentId is not null && to is null) || from.UserId != swap.RequesterUserId || (to is not null && to.UserId != swap.CounterpartUserId))
            return Error.Conflict("班次已变更，调班无法执行 / The duties changed; the swap cannot be made.");
        // Neither may end up twice on the same shift and day.
        if (await Db.DutyAssignments.AnyAsync(a => a.ShiftId == from.ShiftId && a.Date == from.Date && a.UserId == swap.CounterpartUserId, ct)
            || (to is not null && await Db.DutyAssignments.AnyAsync(a => a.ShiftId == to.ShiftId && a.Date == to.Date && a.UserId == swap.RequesterUserId, ct)))
            return Error.Conflict("对方在该班次已有值班 / One of them is already on that shift.");
        var counterpartPost = to?.Post ?? await Db.DutyAssignments.AsNoTracking().Where(a => a.UserId == swap.CounterpartUserId && a.Post != null)
            .OrderByDescending(a => a.Date).Select(a => a.Post).FirstOrDefaultAsync(ct);
        var requesterName = from.StaffName;
        var requesterPost = from.Post;
        var now = ctx.UtcNow;
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(200, note.Trim().Length)];

        await using var transaction = await Db.Database.BeginTransactionAsync(ct);
        var decided = await Db.DutySwaps.Where(s => s.Id == id && s.Status == DutySwapStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, DutySwapStatus.Approved).SetProperty(s => s.DecidedByUserId, me)
                .SetProperty(s => s.DecidedUtc, now).SetProperty(s => s.DecisionNote, note), ct);
        var moved = decided == 1 ? await Db.DutyAssignments.Where(a => a.Id == from.Id && a.UserId == swap.RequesterUserId)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.UserId, swap.CounterpartUserId).SetProperty(a => a.StaffName, swap.CounterpartName)
                .SetProperty(a => a.Post, counterpartPost), ct) : 0;
        var back = to is null ? 1 : moved == 1 ? await Db.DutyAssignments.Where(a => a.Id == to.Id && a.UserId == swap.CounterpartUserId)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.UserId, swap.RequesterUserId).SetProperty(a => a.StaffName, requesterName)
                .SetProperty(a => a.Post, requesterPost), ct) : 0;
        if (decided != 1 || moved != 1 || back != 1)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return decided != 1 ? CentresErrors.Decided() : Error.Conflict("班次已变更，调班无法执行 / The duties changed; the swap cannot be made.");
        }
        ctx.Audit(CentresAudit.SwapDecided, nameof(DutySwap), id, "approved");
        foreach (var user in new[] { swap.RequesterUserId, swap.CounterpartUserId }.Where(u => u != me))
            Db.Set<Notifications.Notification>().Add(new Notifications.Notification
            {
                UserId = user, CreatedUtc = now, Title = "调班已生效", Link = "/centres",
                Body = $"{from.Date:yyyy-MM-dd} 的值班已调整{(to is null ? "" : $"，并与 {to.Date:yyyy-MM-dd} 互换")}。",
            });
        await Db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Dto((await Db.DutySwaps.AsNoTracking().SingleAsync(s => s.Id == id, ct)));
    }

    /// <summary>Rejects (counterpart or manager) or withdraws (the requester) a pending swap, once.</summary>
    public async Task<Result<SwapDto>> RejectSwapAsync(Guid id, string? note, CancellationToken ct)
    {
        var swap = await Db.DutySwaps.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (swap is null) return Error.NotFound("Swap");
        var me = ctx.User.UserId ?? Guid.Empty;
        var withdrawing = swap.RequesterUserId == me;
        if (!withdrawing && !MayDecide(swap, me)) return Error.Forbidden();
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(200, note.Trim().Length)];
        var status = withdrawing ? DutySwapStatus.Withdrawn : DutySwapStatus.Rejected;
        var now = ctx.UtcNow;
        var changed = await Db.DutySwaps.Where(s => s.Id == id && s.Status == DutySwapStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, status).SetProperty(s => s.DecidedByUserId, me)
                .SetProperty(s => s.DecidedUtc, now).SetProperty(s => s.DecisionNote, note), ct);
        if (changed == 0) return CentresErrors.Decided();
        ctx.Audit(CentresAudit.SwapDecided, nameof(DutySwap), id, status.ToString());
        await Db.SaveChangesAsync(ct);
        return Dto(await Db.DutySwaps.AsNoTracking().SingleAsync(s => s.Id == id, ct));
    }

    private bool MayDecide(DutySwap swap, Guid me) =>
        swap.CounterpartUserId == me || (swap.RequesterUserId != me && SwapApprovers.Any(ctx.User.Principal.IsInRole));

    private static string Trim(string name) => name.Length > 50 ? name[..50] : name;

    public static ShiftDto Dto(DutyShift s) => new(s.Id, s.CentreId, s.Name, CentreRegistry.Hhmm(s.Start), CentreRegistry.Hhmm(s.End),
        s.RequiredOnWorkdays, s.RequiredOnRestDays, s.RequiredOnHolidays, s.SortOrder, s.IsActive, s.Version);

    public static AssignmentDto Dto(DutyAssignment a, string shiftName) => new(a.Id, a.ShiftId, shiftName, a.CentreId, a.Date, a.UserId, a.StaffName, a.Post);

    public static SwapDto Dto(DutySwap s) => new(s.Id, s.CentreId, s.FromAssignmentId, s.ToAssignmentId, s.RequesterUserId, s.CounterpartUserId,
        s.CounterpartName, s.Reason, s.Status, s.DecisionNote, s.CreatedUtc);

    [LoggerMessage(EventId = 5510, Level = LogLevel.Information, Message = "Duty rota of centre {CentreId} filled with {Count} assignments")]
    private static partial void LogFilled(ILogger logger, Guid centreId, int count);
}

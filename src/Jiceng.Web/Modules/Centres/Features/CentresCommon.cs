using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Features;
using Jiceng.Web.Modules.Centres.Domain;
using Jiceng.Web.Modules.Residents.Features;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Centres.Features;

/// <summary>Who may do what with centres, rooms and the duty rota.</summary>
public static class CentresRoles
{
    /// <summary>Division staff (community and above) keep centres, rooms and the rota and decide bookings.</summary>
    public const string StaffPolicy = "centres-staff";

    /// <summary>Any signed-in account with business data (not the three administrators) may book a room.</summary>
    public const string BookerPolicy = "centres-booker";

    public static readonly string[] Staff = [Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff, Roles.GridWorker];

    public static readonly string[] Bookers =
    [
        Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff, Roles.GridWorker, Roles.DepartmentHandler,
        Roles.PartyMember, Roles.Volunteer, Roles.CoBuildingUnit, Roles.Resident,
    ];

    /// <summary>Accounts that may be put on a community's duty rota.</summary>
    public static readonly string[] OnDuty = [Roles.CommunityStaff, Roles.GridWorker];

    public static bool IsStaff(CurrentUser user) => Staff.Any(user.Principal.IsInRole);
}

/// <summary>Stable error codes of the centres API.</summary>
public static class CentresErrors
{
    public const string EndBeforeStart = "booking_end_before_start";
    public const string InPast = "booking_in_past";
    public const string OutsideWindow = "booking_outside_window";
    public const string OutsideHours = "booking_outside_hours";
    public const string TooLong = "booking_too_long";
    public const string CancelTooLate = "cancellation_too_late";
    public const string AlreadyDecided = "already_decided";
    public const string NotLive = "booking_not_live";
    public const string NotOnDutyRota = "not_community_staff";

    public static Error Bad(string code, string message) => new(code, StatusCodes.Status400BadRequest, message);
    public static Error Changed() => Error.Conflict("记录已被他人修改，请刷新后重试 / The record was changed by someone else; reload it and try again.");
    public static Error Overlap() => Error.Conflict("该时段已被预约，请换一个时间 / The room is already booked at that time; pick another time.");
    public static Error Decided() => new(AlreadyDecided, StatusCodes.Status409Conflict, "该申请已处理 / The request has already been decided.");
    public static Error Version() => Error.Validation("If-Match 不是版本号 / If-Match is not a version.");
}

public static class CentresAudit
{
    public const string Booked = "centres.booking.created";
    public const string BookingDecided = "centres.booking.decided";
    public const string BookingCancelled = "centres.booking.cancelled";
    public const string SwapDecided = "centres.duty.swap_decided";
    public const string Exported = "centres.exported";
}

/// <summary>A community the caller may work in.</summary>
public sealed record CommunityRef(string Code, string Name, string Path);

/// <summary>Shared reads: divisions in scope, the caller's name, China calendar days and day types.</summary>
public sealed class CentresContext(AppDbContext db, CurrentUser user, TimeProvider time, CaseSettings caseSettings)
{
    public AppDbContext Db => db;
    public CurrentUser User => user;
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;
    public DateOnly Today => WorkingCalendar.LocalDate(UtcNow);
    public bool IsStaff => CentresRoles.IsStaff(user);

    /// <summary>
    /// The working calendar of the division's county (national holidays and 调休 with the county's own edits), the same one
    /// case deadlines count with, so a county's extra day off changes the rota, the gaps and the opening hours alike.
    /// </summary>
    public Task<WorkingCalendar> CalendarAsync(string divisionCode, CancellationToken ct) => caseSettings.CalendarAsync(divisionCode, ct);

    public static DayType DayTypeOf(WorkingCalendar calendar, DateOnly date) =>
        calendar.IsWorkingDay(date) ? DayType.Workday
        : calendar.ExceptionName(date) is not null ? DayType.Holiday // a named day off: 春节, 国庆节, a county's own day …
        : DayType.RestDay;

    /// <summary>China local time of a UTC instant.</summary>
    public static DateTime Local(DateTime utc) => WorkingCalendar.ToLocal(utc);

    public static DateTime ToUtc(DateOnly date, TimeOnly time) => WorkingCalendar.LocalMidnightToUtc(date) + time.ToTimeSpan();

    /// <summary>A community (or any division) in the caller's scope, else not found.</summary>
    public async Task<Result<CommunityRef>> DivisionInScopeAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) return Error.Validation("请选择社区 / Choose a community.");
        var c = code.Trim();
        var d = await db.Divisions.AsNoTracking().Where(x => x.Code == c).Select(x => new CommunityRef(x.Code, x.Name, x.Path)).SingleOrDefaultAsync(ct);
        return d is null ? Error.NotFound("Division") : d;
    }

    /// <summary>The path range of a division for subtree queries ("a/b/" → everything starting with it).</summary>
    public static (string From, string To) Subtree(string path) => (path, path + "\uffff");

    /// <summary>The caller's own name: their person record, else the account's display name.</summary>
    public async Task<string> MyNameAsync(CancellationToken ct)
    {
        var me = user.UserId ?? Guid.Empty;
        var person = await db.OwnPersonRecord(me).Select(p => p.Name).FirstOrDefaultAsync(ct);
        var name = person ?? await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? user.UserName ?? "?";
        return name.Length > 50 ? name[..50] : name;
    }

    /// <summary>Enabled staff accounts that may be on the duty rota of a community.</summary>
    public Task<List<StaffAccount>> StaffOfAsync(string divisionCode, CancellationToken ct) =>
        (from u in db.Users
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where u.DivisionCode == divisionCode && CentresRoles.OnDuty.Contains(r.Name!) && !u.IsDisabled
         select new StaffAccount(u.Id, u.DisplayName, u.UserName!)).Distinct().ToListAsync(ct);

    public void Audit(string action, string type, Guid id, string? detail = null) =>
        db.AuditEntries.Add(AuditTrail.NewEntry(AuditActor.Of(user), UtcNow, action, AuditResult.Success, type, id.ToString(), detail));
}

public sealed record StaffAccount(Guid Id, string DisplayName, string UserName);

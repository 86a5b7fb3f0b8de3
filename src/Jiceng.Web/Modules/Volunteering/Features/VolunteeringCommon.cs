using System.Security.Cryptography;
using Jiceng.Web.Data;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Platform.Time;
using Jiceng.Web.Modules.Residents.Features;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Volunteering.Features;

/// <summary>Who may do what in volunteer service.</summary>
public static class VolunteeringRoles
{
    /// <summary>Division staff keep teams and activities, check people in and decide self-logged hours.</summary>
    public const string StaffPolicy = "volunteering-staff";

    /// <summary>Any signed-in account with business data (not the three administrators) may sign up and log hours.</summary>
    public const string ParticipantPolicy = "volunteering-participant";

    public static readonly string[] Staff = [Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff, Roles.GridWorker];

    public static readonly string[] Participants =
    [
        Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff, Roles.GridWorker, Roles.DepartmentHandler,
        Roles.PartyMember, Roles.Volunteer, Roles.CoBuildingUnit, Roles.Resident,
    ];

    public static bool IsStaff(CurrentUser user) => Staff.Any(user.Principal.IsInRole);
}

/// <summary>Stable error codes of the volunteering API.</summary>
public static class VolunteeringErrors
{
    public const string ActivityFull = "activity_full";
    public const string AlreadySignedUp = "already_signed_up";
    public const string ActivityNotOpen = "activity_not_open";
    public const string OutsideCheckInWindow = "outside_check_in_window";
    public const string NotCheckedIn = "not_checked_in";
    public const string AlreadyDecided = "already_decided";

    public static Error Full() => new(ActivityFull, StatusCodes.Status409Conflict, "活动名额已满 / The activity is full.");
    public static Error Twice() => new(AlreadySignedUp, StatusCodes.Status409Conflict, "您已报名该活动 / You have already signed up for this activity.");
    public static Error NotOpen() => new(ActivityNotOpen, StatusCodes.Status409Conflict, "活动已结束或已取消 / The activity is over or cancelled.");
    public static Error Window() => new(OutsideCheckInWindow, StatusCodes.Status409Conflict, "不在活动签到时间内 / Check-in is only open around the activity's time on its day.");
    public static Error NoCheckIn() => new(NotCheckedIn, StatusCodes.Status409Conflict, "尚未签到 / Not checked in yet.");
    public static Error Decided() => new(AlreadyDecided, StatusCodes.Status409Conflict, "该申报已处理 / The claim has already been decided.");
    public static Error Changed() => Error.Conflict("记录已被他人修改，请刷新后重试 / The record was changed by someone else; reload it and try again.");
}

public static class VolunteeringAudit
{
    public const string SignedUp = "volunteering.signup";
    public const string SignupCancelled = "volunteering.signup.cancelled";
    public const string CheckedIn = "volunteering.checkin";
    public const string CheckedOut = "volunteering.checkout";
    public const string HoursDecided = "volunteering.hours.decided";
    public const string RecordExported = "volunteering.record.exported";
}

/// <summary>A division the caller may work in.</summary>
public sealed record VolunteerArea(string Code, string Name, string Path);

/// <summary>Shared reads: divisions in scope, the caller's own name and person, China calendar days, check-in codes.</summary>
public sealed class VolunteeringContext(AppDbContext db, CurrentUser user, TimeProvider time)
{
    /// <summary>Check-in opens this long before the start and closes at the end; check-out stays open this long after the end.</summary>
    public static readonly TimeSpan CheckInEarly = TimeSpan.FromHours(2);
    public static readonly TimeSpan CheckOutLate = TimeSpan.FromHours(6);

    public AppDbContext Db => db;
    public CurrentUser User => user;
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;
    public DateOnly Today => WorkingCalendar.LocalDate(UtcNow);

    public static DateTime StartOfDayUtc(DateOnly date) => WorkingCalendar.LocalMidnightToUtc(date);

    /// <summary>A division inside the caller's scope (the division filter applies), else not found.</summary>
    public async Task<Result<VolunteerArea>> AreaInScopeAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) return Error.Validation("请选择社区 / Choose a community.");
        var c = code.Trim();
        var d = await db.Divisions.AsNoTracking().Where(x => x.Code == c).Select(x => new VolunteerArea(x.Code, x.Name, x.Path)).SingleOrDefaultAsync(ct);
        return d is null ? Error.NotFound("Division") : d;
    }

    /// <summary>
    /// Any division by code, for a volunteer logging hours for a community: the tree itself is public reference data,
    /// and only its code, name and path are read.
    /// </summary>
    public async Task<VolunteerArea?> AnyAreaAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var c = code.Trim();
        return await db.Divisions.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Where(x => x.Code == c)
            .Select(x => new VolunteerArea(x.Code, x.Name, x.Path)).SingleOrDefaultAsync(ct);
    }

    /// <summary>The caller's own person record (id and name) or, without one, the account's display name.</summary>
    public async Task<(Guid? PersonId, string Name)> MeAsync(CancellationToken ct)
    {
        var me = user.UserId ?? Guid.Empty;
        var person = await db.OwnPersonRecord(me)
            .Select(p => new { p.Id, p.Name }).FirstOrDefaultAsync(ct);
        if (person is not null) return (person.Id, Trim(person.Name));
        var display = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        return (null, Trim(display ?? user.UserName ?? "?"));
    }

    private static string Trim(string name) => name.Length > 50 ? name[..50] : name;

    /// <summary>A random token for the check-in QR code: unguessable, URL-safe.</summary>
    public static string NewCheckInCode() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    /// <summary>Minutes between check-in and check-out that fall inside the activity's time.</summary>
    public static int CreditedMinutes(DateTime checkedIn, DateTime checkedOut, DateTime start, DateTime end)
    {
        var from = checkedIn > start ? checkedIn : start;
        var to = checkedOut < end ? checkedOut : end;
        return to > from ? (int)(to - from).TotalMinutes : 0;
    }

    public static string? Masked(string? name) => Platform.Protection.Mask.Name(name);

    public void Audit(string action, string type, Guid id, string? detail = null) =>
        db.AuditEntries.Add(AuditTrail.NewEntry(AuditActor.Of(user), UtcNow, action, AuditResult.Success, type, id.ToString(), detail));
}

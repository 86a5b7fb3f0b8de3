using System.ComponentModel.DataAnnotations;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Features;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Modules.Residents.Features;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.ServiceHall.Features;

public sealed class ServiceHallOptions
{
    public const string Section = "ServiceHall";

    /// <summary>Runs the appointment reminder job (tests turn it off and call its pass themselves).</summary>
    public bool AppointmentReminderEnabled { get; set; } = true;

    /// <summary>A reminder goes out this many hours before the slot starts (24: the day before).</summary>
    [Range(1, 72)] public int ReminderHoursBefore { get; set; } = 24;
}

public static class ServiceHallRoles
{
    /// <summary>Division staff keep the catalogue, publish slots and handle help orders and the 办不成事 window.</summary>
    public const string StaffPolicy = "servicehall-staff";

    /// <summary>Any signed-in account with business data (not the three administrators) may book an appointment.</summary>
    public const string BookerPolicy = "servicehall-booker";

    public static readonly string[] Staff = [Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff, Roles.GridWorker];

    public static readonly string[] Bookers =
    [
        Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff, Roles.GridWorker, Roles.DepartmentHandler,
        Roles.PartyMember, Roles.Volunteer, Roles.CoBuildingUnit, Roles.Resident,
    ];

    public static bool IsStaff(CurrentUser user) => user.Scope.Kind == DataScopeKind.DivisionSubtree && Staff.Any(user.Principal.IsInRole);
}

/// <summary>Stable error codes of the service hall API.</summary>
public static class ServiceHallErrors
{
    public const string SlotFull = "slot_full";
    public const string AlreadyBooked = "already_booked";
    public const string SlotClosed = "slot_closed";
    public const string NotBookable = "not_bookable";
    public const string TooLate = "too_late";
    public const string TooEarly = "too_early";
    public const string WrongState = "wrong_state";
    public const string SlotAlreadyCancelled = "slot_cancelled";

    public static Error Full() => new(SlotFull, StatusCodes.Status409Conflict, "该时段已约满 / The slot is fully booked.");
    public static Error Twice() => new(AlreadyBooked, StatusCodes.Status409Conflict, "您已预约该时段 / You have already booked this slot.");
    public static Error Closed() => new(SlotClosed, StatusCodes.Status409Conflict, "该时段已开始或已取消 / The slot has started or was cancelled.");
    public static Error ItemNotBookable() => new(NotBookable, StatusCodes.Status400BadRequest, "该事项不支持预约 / This item cannot be booked.");
    public static Error AlreadyCancelled() => new(SlotAlreadyCancelled, StatusCodes.Status409Conflict, "该时段已取消 / The slot is already cancelled.");
    public static Error Started() => new(TooLate, StatusCodes.Status409Conflict, "时段已开始，不能取消 / The slot has started: it can no longer be cancelled.");
    public static Error NotStarted() => new(TooEarly, StatusCodes.Status409Conflict, "时段尚未开始，不能登记到场或爽约 / The slot has not started yet.");
    public static Error State(string what) => new(WrongState, StatusCodes.Status409Conflict, $"当前状态不能{what} / Not possible in the current state.");
    public static Error Changed() => Error.Conflict("记录已被他人修改，请刷新后重试 / The record was changed by someone else; reload it and try again.");
    public static Error NoDivision() => Error.Validation("请选择您范围内的社区或村 / divisionCode must be a community or village in your scope.");
}

public static class ServiceHallAudit
{
    public const string Booked = "servicehall.appointment.booked";
    public const string Cancelled = "servicehall.appointment.cancelled";
    public const string Marked = "servicehall.appointment.marked";
    public const string Reminded = "servicehall.appointment.reminded";
    public const string SlotCancelled = "servicehall.slot.cancelled";
    public const string ExportedCatalogue = "servicehall.catalogue.exported";
    public const string ExportedLedger = "servicehall.help_orders.exported";
}

/// <summary>Shared reads of the module: the clock, the caller, divisions and the county's working calendar.</summary>
public sealed class ServiceHallContext(AppDbContext db, CurrentUser user, TimeProvider time, CaseSettings caseSettings)
{
    public AppDbContext Db => db;
    public CurrentUser User => user;
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;
    public DateOnly Today => WorkingCalendar.LocalDate(UtcNow);
    public bool IsStaff => ServiceHallRoles.IsStaff(user);

    /// <summary>The county's working calendar (holidays and 调休, with the county's own edits), as the case loop counts it.</summary>
    public Task<WorkingCalendar> CalendarAsync(string divisionCode, CancellationToken ct) => caseSettings.CalendarAsync(divisionCode, ct);

    /// <summary>A community or village inside the caller's scope (the division filter applies).</summary>
    public async Task<Division?> CommunityInScopeAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || !IsStaff) return null;
        var c = code.Trim();
        var d = await db.Divisions.AsNoTracking().SingleOrDefaultAsync(x => x.Code == c, ct);
        return d is { Level: DivisionLevel.Village } && user.Scope.Includes(d.Path) ? d : null;
    }

    /// <summary>Any division by code: the tree is public reference data (code, name, path).</summary>
    public Task<Division?> AnyDivisionAsync(string? code, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(code) ? Task.FromResult<Division?>(null)
            : db.Divisions.AsNoTracking().IgnoreQueryFilters([AppDbContext.ScopeFilter]).SingleOrDefaultAsync(x => x.Code == code.Trim(), ct);

    /// <summary>The caller's own person record (id and name) or, without one, the account's display name.</summary>
    public async Task<(Guid? PersonId, string Name)> MeAsync(CancellationToken ct)
    {
        var me = user.UserId ?? Guid.Empty;
        var person = await db.OwnPersonRecord(me).Select(p => new { p.Id, p.Name }).FirstOrDefaultAsync(ct);
        if (person is not null) return (person.Id, Cut(person.Name, 50));
        var display = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        return (null, Cut(display ?? user.UserName ?? "?", 50));
    }

    /// <summary>The caller's display name for records ("opened by", "taken by").</summary>
    public string MyName() => Cut(user.Principal.FindFirst(JicengClaims.DisplayName)?.Value ?? user.UserName ?? "?", 50);

    public static string Cut(string value, int max) => value.Length > max ? value[..max] : value;

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static Result<string?> CheckPhone(string? phone) => ResidentRegistry.CheckPhone(phone);

    /// <summary>Local time of day "HH:mm" on a China calendar day, in UTC.</summary>
    public static DateTime LocalToUtc(DateOnly date, TimeOnly time) => WorkingCalendar.LocalMidnightToUtc(date).Add(time.ToTimeSpan());

    public static string Local(DateTime utc, string format = "yyyy-MM-dd HH:mm") =>
        WorkingCalendar.ToLocal(utc).ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}

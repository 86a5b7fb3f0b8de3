using System.ComponentModel.DataAnnotations;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Care.Features;

/// <summary>Settings of the care module (section "Care").</summary>
public sealed class CareOptions
{
    public const string Section = "Care";

    /// <summary>Device events within this many minutes of the alert that opened a case join that case instead of opening another.</summary>
    [Range(1, 24 * 60)] public int DeviceAlertWindowMinutes { get; set; } = 30;

    /// <summary>Off for tests that drive <see cref="VisitReminderMonitor.CheckAsync"/> themselves.</summary>
    public bool VisitReminderMonitorEnabled { get; set; } = true;

    /// <summary>The case category of device alerts; empty: the county's emergency category (see <see cref="DeviceAlerts"/>).</summary>
    [StringLength(32)] public string? DeviceAlertCategory { get; set; }
}

/// <summary>Who may do what in the care ledgers.</summary>
public static class CareRoles
{
    /// <summary>Division staff, grid workers included: they read the ledgers, record visits and keep help plans.</summary>
    public const string StaffPolicy = "care-staff";

    /// <summary>Staff with unmask rights: they see a helper's full phone on the love card and register devices.</summary>
    public const string ManagerPolicy = "care-managers";

    public static readonly string[] Staff = [Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff, Roles.GridWorker];
    public static readonly string[] Managers = [Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff];

    public static bool IsManager(CurrentUser user) => Managers.Any(user.Principal.IsInRole);
}

/// <summary>Stable error codes of the care API.</summary>
public static class CareErrors
{
    public const string DeviceUnauthorized = "device_unauthorized";
    public const string DeviceAlertFailed = "device_alert_failed";

    public static Error Unauthorized() => new(DeviceUnauthorized, StatusCodes.Status401Unauthorized, "设备认证失败 / Unknown device or wrong secret.");
    public static Error VersionMismatch() => Error.Conflict("记录已被他人修改，请刷新后重试 / The record was changed by someone else; reload it and try again.");
}

/// <summary>The part of the tree a care query covers: the caller's whole scope, or one division inside it.</summary>
public sealed record CareArea(string? DivisionCode, string? DivisionName, string? From, string? To)
{
    public static readonly CareArea Everything = new(null, null, null, null);
}

/// <summary>
/// Dates of the care ledgers are China's calendar days (a visit "today" is today in China), and the filters every care
/// query starts from. Every query goes through the context's sets, so the data scope filter bounds it.
/// </summary>
public sealed class CareQueries(AppDbContext db, TimeProvider time)
{
    public AppDbContext Db => db;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => LocalDate(UtcNow);

    public static DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(utc + WorkingCalendar.ChinaOffset);

    /// <summary>Midnight of a China calendar day, in UTC.</summary>
    public static DateTime StartOfDayUtc(DateOnly date) => WorkingCalendar.LocalMidnightToUtc(date);

    /// <summary>A division in the caller's scope, or the whole scope when none is asked for. Out of scope reads as not found.</summary>
    public async Task<Result<CareArea>> AreaAsync(string? divisionCode, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(divisionCode)) return CareArea.Everything;
        var code = divisionCode.Trim();
        var division = await db.Divisions.AsNoTracking().Where(d => d.Code == code).Select(d => new { d.Code, d.Name, d.Path }).SingleOrDefaultAsync(cancellationToken);
        if (division is null) return Error.NotFound("Division");
        var (from, to) = MaterialisedPath.Range(division.Path);
        return new CareArea(division.Code, DivisionNames.Shorten(division.Name), from, to);
    }

    public IQueryable<Person> People(CareArea area)
    {
        var people = db.People.AsNoTracking();
        if (area.From is { } from && area.To is { } to)
            people = people.Where(p => string.Compare(p.DivisionPath, from) >= 0 && string.Compare(p.DivisionPath, to) < 0);
        return people;
    }

    /// <summary>People with at least one key group tag (tags are reached through their filtered person).</summary>
    public IQueryable<Person> TaggedPeople(CareArea area) => People(area).Where(p => db.PersonTags.Any(t => t.PersonId == p.Id));

    /// <summary>Short names of communities by code.</summary>
    public async Task<Dictionary<string, string>> CommunityNamesAsync(IEnumerable<string> codes, CancellationToken cancellationToken = default)
    {
        var wanted = codes.Distinct().ToList();
        if (wanted.Count == 0) return [];
        var rows = await db.Divisions.AsNoTracking().Where(d => wanted.Contains(d.Code)).Select(d => new { d.Code, d.Name }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Code, r => DivisionNames.Shorten(r.Name));
    }

    public async Task<Dictionary<Guid, string>> GridNamesAsync(IEnumerable<Guid?> ids, CancellationToken cancellationToken = default)
    {
        var wanted = ids.OfType<Guid>().Distinct().ToList();
        if (wanted.Count == 0) return [];
        return await db.Grids.AsNoTracking().Where(g => wanted.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);
    }

    /// <summary>The person records of the signed-in account (a grid worker, a party member …), in scope.</summary>
    public async Task<List<Guid>> MyPersonIdsAsync(CurrentUser user, CancellationToken cancellationToken = default)
    {
        if (user.UserId is not { } me) return [];
        return await db.People.AsNoTracking().Where(p => p.UserId == me).Select(p => p.Id).ToListAsync(cancellationToken);
    }

    public static string GroupName(string code) => KeyGroups.Find(code) is { } g ? (Jiceng.Web.Platform.Localization.Texts.IsEnglish ? g.NameEn : g.Name) : code;

    public static (int Page, int PageSize) Paging(int page, int pageSize) => (Math.Max(1, page), Math.Clamp(pageSize, 1, 200));
}

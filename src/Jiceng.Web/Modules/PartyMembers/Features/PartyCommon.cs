using Jiceng.Web.Data;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.PartyMembers.Features;

/// <summary>Who may do what with 双报到 and "六个一".</summary>
public static class PartyRoles
{
    /// <summary>Division staff above the grid: they confirm registrations, record sessions and read reports.</summary>
    public const string StaffPolicy = "party-staff";
    /// <summary>A party member account: registers and reads its own checklist.</summary>
    public const string MemberPolicy = "party-member";
    /// <summary>Staff, members and co-building units: what each sees is bounded by the data scope.</summary>
    public const string ReadersPolicy = "party-readers";

    public static readonly string[] Staff = [Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff];
    public static readonly string[] Readers = [Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff, Roles.PartyMember, Roles.CoBuildingUnit];
}

/// <summary>Stable error codes of the party member API.</summary>
public static class PartyErrors
{
    public const string AlreadyRegistered = "conflict";
    public const string NotPending = "registration_not_pending";
    public const string NotConfirmed = "registration_not_confirmed";
    public const string NotOpen = "registration_not_open";

    public static Error Registered() => Error.Conflict("您已有一份待确认或已确认的报到 / You already have a pending or confirmed registration.");
    public static Error Pending() => new(NotPending, StatusCodes.Status409Conflict, "该报到已处理 / The registration has already been decided.");
    public static Error Open() => new(NotOpen, StatusCodes.Status409Conflict, "该报到已结束或被退回 / The registration is no longer open.");
    public static Error Confirmed() => new(NotConfirmed, StatusCodes.Status400BadRequest,
        "只能登记本社区已确认报到的党员 / Only members with a confirmed registration in this community can attend.");
}

/// <summary>Audit action names of the module.</summary>
public static class PartyAuditActions
{
    public const string Confirmed = "party.registration.confirmed";
    public const string Declined = "party.registration.declined";
    public const string Ended = "party.registration.ended";
    public const string ExportedReport = "party.report.exported";
}

/// <summary>The China calendar year (UTC+8) in the forms the sources store: UTC instants and local dates.</summary>
public readonly record struct PartyYear(int Year)
{
    public DateOnly FirstDay => new(Year, 1, 1);
    public DateOnly LastDay => new(Year, 12, 31);
    public DateTime StartUtc => WorkingCalendar.LocalMidnightToUtc(new DateOnly(Year, 1, 1));
    public DateTime EndUtc => WorkingCalendar.LocalMidnightToUtc(new DateOnly(Year + 1, 1, 1));

    public static PartyYear Of(DateTime utc) => new(WorkingCalendar.LocalDate(utc).Year);

    /// <summary>The asked year, or this year; years far from now are bad input.</summary>
    public static Result<PartyYear> Resolve(int? year, TimeProvider time)
    {
        var now = Of(time.GetUtcNow().UtcDateTime);
        if (year is null) return now;
        if (year < 2000 || year > now.Year + 1) return Error.Validation("年份无效 / The year is not valid.");
        return new PartyYear(year.Value);
    }
}

/// <summary>Divisions as reference data (codes and names are public): a member picks the community they live in.</summary>
public sealed class PartyPlaces(AppDbContext db)
{
    public sealed record Community(string Code, string Name, string Path);

    private IQueryable<Division> All => db.Divisions.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking();

    public Task<Community?> CommunityAsync(string code, CancellationToken ct) =>
        All.Where(d => d.Code == code && d.Level == DivisionLevel.Village).Select(d => new Community(d.Code, d.Name, d.Path)).SingleOrDefaultAsync(ct);

    /// <summary>The communities (and villages) of a county, by the county's code.</summary>
    public async Task<List<Community>> CommunitiesOfCountyAsync(string countyCode, CancellationToken ct)
    {
        var county = await All.Where(d => d.Code == countyCode).Select(d => d.Path).SingleOrDefaultAsync(ct);
        if (county is null) return [];
        var (from, to) = Platform.Scope.MaterialisedPath.Range(county);
        var rows = await All.Where(d => d.Level == DivisionLevel.Village && d.Kind == DivisionKind.Community
                && string.Compare(d.Path, from) >= 0 && string.Compare(d.Path, to) < 0)
            .Select(d => new Community(d.Code, d.Name, d.Path)).ToListAsync(ct);
        return rows.Select(r => r with { Name = DivisionNames.Shorten(r.Name) }).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
    }

    public sealed record UnitOption(Guid Id, string Name);

    /// <summary>The active co-building units (names are public reference data), for a member naming their employer.</summary>
    public Task<List<UnitOption>> UnitsAsync(CancellationToken ct) =>
        db.CoBuildingUnits.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.Name)
            .Select(u => new UnitOption(u.Id, u.Name)).ToListAsync(ct);

    /// <summary>The county above a community, by the community's path ("/23/2307/230725/230725100/230725100001/" → 230725).</summary>
    public static string? CountyOf(string path)
    {
        var codes = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return codes.Length >= 3 ? codes[2] : null;
    }

    public async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string> codes, CancellationToken ct)
    {
        var wanted = codes.Distinct().ToList();
        if (wanted.Count == 0) return [];
        var rows = await All.Where(d => wanted.Contains(d.Code)).Select(d => new { d.Code, d.Name }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Code, r => DivisionNames.Shorten(r.Name));
    }
}

internal static partial class PartyLog
{
    [LoggerMessage(EventId = 5400, Level = LogLevel.Information, Message = "Party registration {RegistrationId} submitted")]
    public static partial void Registered(ILogger logger, Guid registrationId);

    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "Party registration {RegistrationId} set to {Status}")]
    public static partial void Decided(ILogger logger, Guid registrationId, string status);

    [LoggerMessage(EventId = 5402, Level = LogLevel.Information, Message = "Attendance of {Count} members recorded for session {SessionId}")]
    public static partial void Attended(ILogger logger, Guid sessionId, int count);
}

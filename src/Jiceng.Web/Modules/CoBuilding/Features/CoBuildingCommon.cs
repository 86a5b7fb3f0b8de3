using System.ComponentModel.DataAnnotations;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.CoBuilding.Domain;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.CoBuilding.Features;

/// <summary>Bound from "CoBuilding".</summary>
public sealed class CoBuildingOptions
{
    public const string Section = "CoBuilding";

    /// <summary>Off for tests that drive <see cref="ChairReminderMonitor.CheckAsync"/> themselves.</summary>
    public bool ChairReminderMonitorEnabled { get; set; } = true;

    /// <summary>The community (and the chairing unit) is reminded this many days before the chair's month starts.</summary>
    [Range(1, 28)] public int ChairReminderDaysAhead { get; set; } = 7;
}

/// <summary>Who may do what in co-building.</summary>
public static class CoBuildingRoles
{
    public const string ReadersPolicy = "cobuilding-readers";
    public const string ManagersPolicy = "cobuilding-managers";

    /// <summary>Division staff and the units' own accounts read; the data scope decides what.</summary>
    public static readonly string[] Readers = [Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff, Roles.GridWorker, Roles.CoBuildingUnit];

    /// <summary>Staff who keep a community's co-building (confirm pairings, needs list, chair schedule, meetings, appointments).</summary>
    public static readonly string[] Managers = [Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff];
}

public static class CoBuildingErrors
{
    public const string VersionMismatchCode = "version_mismatch";
    public const string NotADocumentCode = "agreement_not_accepted";
    public const string TooLargeCode = "agreement_too_large";

    public static Error NotFound(string zh, string en) => new(ErrorCodes.NotFound, StatusCodes.Status404NotFound, $"{zh}不存在或不在您的范围内 / {en} was not found.");
    public static Error Forbidden(string zh, string en) => new(ErrorCodes.Forbidden, StatusCodes.Status403Forbidden, $"{zh} / {en}");
    public static Error Invalid(string zh, string en) => new(ErrorCodes.ValidationFailed, StatusCodes.Status400BadRequest, $"{zh} / {en}");
    public static Error Conflict(string zh, string en) => new(ErrorCodes.Conflict, StatusCodes.Status409Conflict, $"{zh} / {en}");
    public static Error VersionMismatch() => new(VersionMismatchCode, StatusCodes.Status409Conflict,
        "记录已被他人修改，请刷新后重试 / The record was changed by someone else; reload and try again.");
    public static readonly Error IfMatchInvalid = Invalid("If-Match 须为版本号，如 \"3\"", "If-Match must be the version, e.g. \"3\".");
}

/// <summary>The caller as co-building sees them: a unit's account, or staff of a division subtree.</summary>
public sealed class CoBuildingCaller(CurrentUser user)
{
    public Guid? UnitId => user.Roles.Contains(Roles.CoBuildingUnit) ? user.Scope.UnitId : null;
    public bool IsUnit => UnitId is not null;
    public bool IsManager => CoBuildingRoles.Managers.Any(user.Roles.Contains) && user.Scope.Kind == DataScopeKind.DivisionSubtree;
    public bool IsStaff => user.Scope.Kind == DataScopeKind.DivisionSubtree;
    public Guid? UserId => user.UserId;
    public DataScope Scope => user.Scope;
}

/// <summary>Shared look-ups of the co-building use cases.</summary>
public static class CoBuildingLookups
{
    public sealed record Community(string Code, string Name, string Path);

    /// <summary>
    /// The community a staff caller manages (in their subtree), or the one a unit is actively paired with; anything else is
    /// not found. A unit reads the division's name and path only (public facts), never other rows.
    /// </summary>
    public static async Task<Community?> VisibleCommunityAsync(AppDbContext db, CoBuildingCaller caller, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 12) return null;
        if (caller.IsStaff)
        {
            return await db.Divisions.Where(d => d.Code == code && d.Kind == DivisionKind.Community)
                .Select(d => new Community(d.Code, d.Name, d.Path)).SingleOrDefaultAsync(ct);
        }
        if (caller.UnitId is { } unit && await db.CoBuildingPairings.AnyAsync(p => p.UnitId == unit && p.DivisionCode == code && p.Status == PairingStatus.Active, ct))
        {
            return await AnyCommunityAsync(db, code, ct);
        }
        return null;
    }

    /// <summary>Any community by code (name and path only): a unit asks to pair with a community it does not see yet.</summary>
    public static Task<Community?> AnyCommunityAsync(AppDbContext db, string code, CancellationToken ct) =>
        db.Divisions.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(d => d.Code == code && d.Kind == DivisionKind.Community)
            .Select(d => new Community(d.Code, d.Name, d.Path)).SingleOrDefaultAsync(ct);

    /// <summary>Names of divisions by code (public facts, for display).</summary>
    public static async Task<Dictionary<string, string>> DivisionNamesAsync(AppDbContext db, IEnumerable<string> codes, CancellationToken ct)
    {
        var list = codes.Distinct().ToList();
        return await db.Divisions.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(d => list.Contains(d.Code))
            .ToDictionaryAsync(d => d.Code, d => d.Name, ct);
    }

    /// <summary>Names of units by id (names are public; the filter is bypassed only for the name).</summary>
    public static async Task<Dictionary<Guid, string>> UnitNamesAsync(AppDbContext db, IEnumerable<Guid?> ids, CancellationToken ct)
    {
        var list = ids.Where(i => i is not null).Select(i => i!.Value).Distinct().ToList();
        if (list.Count == 0) return [];
        return await db.CoBuildingUnits.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(u => list.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A text field's check: required and at most <paramref name="max"/> characters.</summary>
    public static Error? CheckText(string? text, int max, string zh, string en, bool required = false)
    {
        if (required && string.IsNullOrWhiteSpace(text)) return CoBuildingErrors.Invalid($"请填写{zh}", $"{en} is required.");
        if (text is not null && text.Trim().Length > max) return CoBuildingErrors.Invalid($"{zh}不能超过 {max} 字", $"{en} may have at most {max} characters.");
        return null;
    }

    public static Error? FirstError(params Error?[] errors) => errors.FirstOrDefault(e => e is not null);
}

public sealed record CommunityOption(string Code, string Name);

/// <summary>Which communities the console offers: those the caller keeps or is actively paired with, and (for a unit's request) any of the county.</summary>
public sealed class CoBuildingCommunities(AppDbContext db, CoBuildingCaller caller)
{
    public async Task<List<CommunityOption>> MineAsync(CancellationToken ct = default)
    {
        if (caller.IsStaff)
        {
            return await db.Divisions.Where(d => d.Kind == DivisionKind.Community).OrderBy(d => d.Code).Select(d => new CommunityOption(d.Code, d.Name)).ToListAsync(ct);
        }
        var codes = await db.CoBuildingPairings.Where(p => p.Status == PairingStatus.Active).Select(p => p.DivisionCode).Distinct().ToListAsync(ct);
        var names = await CoBuildingLookups.DivisionNamesAsync(db, codes, ct);
        return codes.Order(StringComparer.Ordinal).Select(c => new CommunityOption(c, names.GetValueOrDefault(c, c))).ToList();
    }

    /// <summary>Every community by code and name (public facts): a unit chooses where its organisation reports.</summary>
    public Task<List<CommunityOption>> AllAsync(CancellationToken ct = default) =>
        db.Divisions.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(d => d.Kind == DivisionKind.Community).OrderBy(d => d.Code)
            .Select(d => new CommunityOption(d.Code, d.Name)).Take(500).ToListAsync(ct);
}

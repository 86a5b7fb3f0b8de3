using System.Security.Claims;
using Jiceng.Web.Platform.Auth;

namespace Jiceng.Web.Platform.Scope;

public enum DataScopeKind
{
    /// <summary>Nothing: anonymous callers and the three administrators (no business data).</summary>
    None,
    /// <summary>Background jobs, import and seeding: everything.</summary>
    System,
    /// <summary>A subtree of the division tree, given by its materialised path.</summary>
    DivisionSubtree,
    /// <summary>What was dispatched to one department.</summary>
    Department,
    /// <summary>The caller's own records and what is public (party members, volunteers, residents).</summary>
    Self,
}

/// <summary>
/// The single rule of who sees what (PRODUCT.md "data scope"). Computed from the signed-in principal;
/// enforced by <see cref="Data.AppDbContext"/>'s query filters, so a module cannot forget it.
/// </summary>
public sealed record DataScope(DataScopeKind Kind, string? DivisionPath = null, Guid? DepartmentId = null, Guid? UserId = null, Guid? UnitId = null)
{
    public static readonly DataScope Nothing = new(DataScopeKind.None);
    public static readonly DataScope Everything = new(DataScopeKind.System);

    public bool SeesAllDivisions => Kind == DataScopeKind.System;

    /// <summary>True when the node with this materialised path is inside the scope.</summary>
    public bool Includes(string divisionPath) =>
        Kind == DataScopeKind.System ||
        (Kind == DataScopeKind.DivisionSubtree && DivisionPath is not null && divisionPath.StartsWith(DivisionPath, StringComparison.Ordinal));

    /// <summary>Lower and upper (exclusive) bounds of the paths inside the subtree; index-friendly in both databases.</summary>
    public (string From, string To)? PathRange =>
        Kind == DataScopeKind.DivisionSubtree && DivisionPath is not null ? MaterialisedPath.Range(DivisionPath) : null;

    /// <summary>The paths of the nodes above the scope's root, e.g. the county above a community.</summary>
    public List<string> AncestorPaths
    {
        get
        {
            if (Kind != DataScopeKind.DivisionSubtree || DivisionPath is null) return [];
            var codes = DivisionPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var result = new List<string>(codes.Length);
            var path = "/";
            foreach (var code in codes[..^1])
            {
                path += code + "/";
                result.Add(path);
            }
            return result;
        }
    }

    public static DataScope For(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true || user.HasClaim(c => c.Type == JicengClaims.EnrollmentOnly))
        {
            return Nothing;
        }
        var userId = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
        var path = user.FindFirstValue(JicengClaims.DivisionPath);
        if (Roles.DivisionStaff.Any(user.IsInRole) && !string.IsNullOrEmpty(path))
        {
            return new DataScope(DataScopeKind.DivisionSubtree, path, UserId: userId);
        }
        if (user.IsInRole(Roles.DepartmentHandler) && Guid.TryParse(user.FindFirstValue(JicengClaims.DepartmentId), out var departmentId))
        {
            return new DataScope(DataScopeKind.Department, DepartmentId: departmentId, UserId: userId);
        }
        if (userId is not null && !Roles.Administrators.Any(user.IsInRole))
        {
            // A co-building unit's account also sees its unit's rows (IUnitOwned): pairings, projects, resources.
            var unitId = user.IsInRole(Roles.CoBuildingUnit) && Guid.TryParse(user.FindFirstValue(JicengClaims.UnitId), out var unit) ? unit : (Guid?)null;
            return new DataScope(DataScopeKind.Self, UserId: userId, UnitId: unitId);
        }
        return Nothing;
    }
}

public static class MaterialisedPath
{
    /// <summary>Builds "/21/2105/210505/" from the codes of a node's ancestors and itself.</summary>
    public static string Child(string? parentPath, string code) => (parentPath ?? "/") + code + "/";

    /// <summary>
    /// Every path in the subtree of <paramref name="path"/> (which ends with '/') sorts at or after it and
    /// before the same text with the final '/' replaced by '0', the next character in ordinal order.
    /// </summary>
    public static (string From, string To) Range(string path) => (path, path[..^1] + "0");
}

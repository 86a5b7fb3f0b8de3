using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Scope;

namespace Jiceng.Web.Modules.Grids.Features;

/// <summary>The grid module's stable error codes (part of the API contract) and who may change grids.</summary>
public static class GridErrors
{
    /// <summary>The boundary is not usable GeoJSON; the message says why (from <see cref="Platform.Geo.GeoPolygon.Parse"/>).</summary>
    public const string InvalidBoundary = "invalid_boundary";
    /// <summary>The boundary overlaps another grid of the same community.</summary>
    public const string BoundaryOverlap = "boundary_overlap";
    /// <summary>An assignment breaks a grid worker rule (一人一格, 多人一格, 一人多格, one type per person, same community).</summary>
    public const string GridWorkerRule = "grid_worker_rule";

    public static Error Boundary(string? reason) =>
        new(InvalidBoundary, StatusCodes.Status400BadRequest, reason ?? "边界不是有效的 GeoJSON / The boundary is not valid GeoJSON.");

    public static Error Overlap(string otherGrid) =>
        new(BoundaryOverlap, StatusCodes.Status400BadRequest, $"边界与本社区的“{otherGrid}”重叠 / The boundary overlaps grid “{otherGrid}” of this community.");

    public static Error WorkerRule(string message) => new(GridWorkerRule, StatusCodes.Status400BadRequest, message);

    public static readonly Error ChangedMeanwhile = Error.Conflict("网格已被他人修改，请刷新后重试 / The grid was changed by someone else; reload it and try again.");

    public static readonly Error NotAWriter = Error.Forbidden("只有社区、街道和县级工作人员可以修改网格 / Only community, street and county staff change grids.");
}

/// <summary>Who may read and who may change grids, buildings, workers and pairings.</summary>
public static class GridAccess
{
    public const string Readers = "grid-readers";
    public const string Writers = "grid-writers";

    public static readonly string[] ReaderRoles = [Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff, Roles.GridWorker];
    public static readonly string[] WriterRoles = [Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff];

    /// <summary>Checked inside the use cases too, because the console calls them without the endpoints' policies.</summary>
    public static bool CanWrite(CurrentUser user) => user.IsSystem || WriterRoles.Any(user.Principal.IsInRole);
}

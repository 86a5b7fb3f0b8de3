using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Grids.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Geo;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Grids.Features;

/// <param name="Boundary">GeoJSON: a Polygon or MultiPolygon geometry, a Feature or a FeatureCollection (its first feature); or a string holding it.</param>
/// <param name="MergedNets">多网合一: the nets merged into the grid, e.g. ["综治","民政","城管"].</param>
public sealed record CreateGridRequest(
    [property: Required, StringLength(12, MinimumLength = 12)] string DivisionCode,
    [property: Required, StringLength(64, MinimumLength = 1)] string Name,
    [property: StringLength(16)] string? Code = null,
    JsonElement? Boundary = null,
    Guid? PartyBranchId = null,
    IReadOnlyList<string>? MergedNets = null,
    Guid? LeaderPersonId = null);

/// <summary>Replaces the grid's details (the boundary has its own endpoint). <paramref name="Version"/> or If-Match guards against lost updates.</summary>
public sealed record UpdateGridRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string Name,
    [property: StringLength(16)] string? Code = null,
    Guid? PartyBranchId = null,
    IReadOnlyList<string>? MergedNets = null,
    Guid? LeaderPersonId = null,
    int? Version = null);

/// <summary>
/// Creates, edits, re-bounds and deletes grids. Every read goes through the scope filters, so a grid or community outside
/// the caller's scope is "not found"; a boundary that overlaps a neighbour of the same community is refused; a change
/// made by someone else meanwhile (version) is a conflict, never silently overwritten.
/// </summary>
public sealed class GridEditor(AppDbContext db, CurrentUser user, TimeProvider time, GridQueries queries, GridLocator locator)
{
    public async Task<Result<GridDto>> CreateAsync(CreateGridRequest request, CancellationToken ct = default)
    {
        if (!GridAccess.CanWrite(user)) return GridErrors.NotAWriter;
        var code = request.DivisionCode?.Trim() ?? "";
        if (await queries.CommunityAsync(code, ct) is { } problem) return problem;
        if (Details(request.Name, request.Code, request.MergedNets) is { } invalid) return invalid;
        var name = request.Name.Trim();
        if (await db.Grids.AnyAsync(g => g.DivisionCode == code && g.Name == name, ct)) return NameTaken(name);
        if (await PeopleAndBranchAsync(code, request.PartyBranchId, request.LeaderPersonId, ct) is { } refused) return refused;

        GeoPolygon? boundary = null;
        if (request.Boundary is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } given)
        {
            var read = GridGeometry.Read(given);
            if (!read.IsSuccess) return read.Error!;
            boundary = read.Value;
            if (await OverlapAsync(code, null, boundary!, ct) is { } overlap) return overlap;
        }

        var path = await db.Divisions.Where(d => d.Code == code).Select(d => d.Path).SingleAsync(ct);
        var grid = new Grid(code, path, name, time.GetUtcNow().UtcDateTime)
        {
            Code = Blank(request.Code),
            PartyBranchId = request.PartyBranchId,
            LeaderPersonId = request.LeaderPersonId,
            MergedNets = JoinNets(request.MergedNets),
        };
        grid.SetBoundary(boundary);
        db.Grids.Add(grid);
        if (await SaveAsync(ct, NameTaken(name)) is { } failed) return failed;
        if (boundary is not null) locator.Forget(code);
        return await queries.GetAsync(grid.Id, ct);
    }

    public async Task<Result<GridDto>> UpdateAsync(Guid id, UpdateGridRequest request, int? ifMatch, CancellationToken ct = default)
    {
        if (!GridAccess.CanWrite(user)) return GridErrors.NotAWriter;
        var grid = await db.Grids.SingleOrDefaultAsync(g => g.Id == id, ct);
        if (grid is null) return Error.NotFound("Grid");
        if ((ifMatch ?? request.Version) is { } expected && expected != grid.Version) return GridErrors.ChangedMeanwhile;
        if (Details(request.Name, request.Code, request.MergedNets) is { } invalid) return invalid;
        var name = request.Name.Trim();
        if (name != grid.Name && await db.Grids.AnyAsync(g => g.DivisionCode == grid.DivisionCode && g.Name == name && g.Id != id, ct)) return NameTaken(name);
        if (await PeopleAndBranchAsync(grid.DivisionCode, request.PartyBranchId, request.LeaderPersonId, ct) is { } refused) return refused;

        grid.Name = name;
        grid.Code = Blank(request.Code);
        grid.PartyBranchId = request.PartyBranchId;
        grid.LeaderPersonId = request.LeaderPersonId;
        grid.MergedNets = JoinNets(request.MergedNets);
        grid.Touch();
        if (await SaveAsync(ct, NameTaken(name)) is { } failed) return failed;
        locator.Forget(grid.DivisionCode); // the located name
        return await queries.GetAsync(id, ct);
    }

    /// <summary>Imports a boundary (GeoJSON text) for an existing grid, replacing the one it had.</summary>
    public async Task<Result<GridDto>> SetBoundaryAsync(Guid id, string? geoJson, int? ifMatch, CancellationToken ct = default)
    {
        if (!GridAccess.CanWrite(user)) return GridErrors.NotAWriter;
        var grid = await db.Grids.SingleOrDefaultAsync(g => g.Id == id, ct);
        if (grid is null) return Error.NotFound("Grid");
        if (ifMatch is { } expected && expected != grid.Version) return GridErrors.ChangedMeanwhile;
        var read = GridGeometry.Read(geoJson);
        if (!read.IsSuccess) return read.Error!;
        if (await OverlapAsync(grid.DivisionCode, id, read.Value!, ct) is { } overlap) return overlap;
        grid.SetBoundary(read.Value);
        grid.Touch();
        if (await SaveAsync(ct, GridErrors.ChangedMeanwhile) is { } failed) return failed;
        // This node answers the next located case with the new boundary; other nodes within the locator's minute.
        locator.Forget(grid.DivisionCode);
        return await queries.GetAsync(id, ct);
    }

    /// <summary>Deletes an empty grid: one with buildings or households must be emptied first (they would lose their place).</summary>
    public async Task<Error?> DeleteAsync(Guid id, int? ifMatch, CancellationToken ct = default)
    {
        if (!GridAccess.CanWrite(user)) return GridErrors.NotAWriter;
        var grid = await db.Grids.SingleOrDefaultAsync(g => g.Id == id, ct);
        if (grid is null) return Error.NotFound("Grid");
        if (ifMatch is { } expected && expected != grid.Version) return GridErrors.ChangedMeanwhile;
        if (await db.Buildings.AnyAsync(b => b.GridId == id, ct) || await db.Households.AnyAsync(h => h.GridId == id, ct))
        {
            return Error.Conflict("网格内还有楼栋或住户，请先移到其他网格 / The grid still has buildings or households; move them to another grid first.");
        }
        // Cases keep their grid for the figures by grid (they have no foreign key to it, see decision 012): such a grid stays.
        if (await db.Cases.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AnyAsync(c => c.GridId == id, ct))
        {
            return Error.Conflict("该网格已有诉求记录，不能删除 / Cases were reported in this grid; it cannot be deleted.");
        }
        db.Grids.Remove(grid);
        if (await SaveAsync(ct, GridErrors.ChangedMeanwhile) is { } failed) return failed;
        locator.Forget(grid.DivisionCode);
        return null;
    }

    /// <summary>The first grid of the community (other than <paramref name="except"/>) whose boundary overlaps, as an error.</summary>
    private async Task<Error?> OverlapAsync(string divisionCode, Guid? except, GeoPolygon boundary, CancellationToken ct)
    {
        // The bounding boxes narrow the candidates in the database; the exact test runs on the few left.
        var candidates = await db.Grids.AsNoTracking()
            .Where(g => g.DivisionCode == divisionCode && g.BoundaryGeoJson != null && (except == null || g.Id != except)
                && g.MinLng <= boundary.MaxLng && g.MaxLng >= boundary.MinLng && g.MinLat <= boundary.MaxLat && g.MaxLat >= boundary.MinLat)
            .Select(g => new { g.Name, g.BoundaryGeoJson }).ToListAsync(ct);
        foreach (var candidate in candidates.OrderBy(c => c.Name, GridQueries.NaturalOrder.Instance))
        {
            if (GeoPolygon.Parse(candidate.BoundaryGeoJson, out _) is { } other && GridGeometry.Overlap(boundary, other)) return GridErrors.Overlap(candidate.Name);
        }
        return null;
    }

    private static Error? Details(string? name, string? code, IReadOnlyList<string>? nets)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 64) return Error.Validation("请填写网格名称（1–64 字）/ The grid needs a name of 1 to 64 characters.");
        if (code is { Length: > 16 }) return Error.Validation("网格编号最多 16 个字符 / The grid code has at most 16 characters.");
        var split = SplitAll(nets);
        if (split.Count > 10 || split.Any(n => n.Length > 16) || string.Join(",", split).Length > 200)
        {
            return Error.Validation("合并的网最多 10 个、每个最多 16 字 / At most 10 merged nets of at most 16 characters each.");
        }
        return null;
    }

    private async Task<Error?> PeopleAndBranchAsync(string divisionCode, Guid? branchId, Guid? leaderId, CancellationToken ct)
    {
        if (branchId is { } branch && !await db.PartyOrganisations.AnyAsync(o => o.Id == branch && o.DivisionCode == divisionCode, ct))
        {
            return Error.Validation("网格党支部应为本社区的党组织 / The party branch must be an organisation of this community.");
        }
        if (leaderId is { } leader && !await db.People.AnyAsync(p => p.Id == leader && p.DivisionCode == divisionCode && p.ErasedUtc == null, ct))
        {
            return Error.Validation("网格长应为本社区的人员 / The grid leader must be a person of this community.");
        }
        return null;
    }

    private async Task<Error?> SaveAsync(CancellationToken ct, Error onUniqueClash)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return GridErrors.ChangedMeanwhile;
        }
        catch (DbUpdateException)
        {
            // A unique index caught what the checks above could not see: the same name saved at the same moment.
            return onUniqueClash;
        }
    }

    private static Error NameTaken(string name) => Error.Conflict($"本社区已有名为“{name}”的网格 / This community already has a grid named “{name}”.");

    private static List<string> SplitAll(IReadOnlyList<string>? nets) =>
        (nets ?? []).SelectMany(n => GridQueries.SplitNets(n)).Distinct().ToList();

    private static string? JoinNets(IReadOnlyList<string>? nets) => SplitAll(nets) is { Count: > 0 } list ? string.Join(",", list) : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

using Jiceng.Web.Data;
using Jiceng.Web.Platform.Geo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Jiceng.Web.Modules.Grids.Features;

/// <summary>
/// Finds the grid a point lies in, inside one community: the grids' boundaries are read once a minute per community
/// and node (intake is the hottest write path), then the point is tested in memory. Grids are reference data that
/// changes rarely; an edited boundary reaches the other nodes within that minute.
/// </summary>
public sealed class GridLocator(IServiceScopeFactory scopes, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    private sealed record Boundary(Guid GridId, string Name, GeoPolygon Polygon);

    /// <summary>A located grid: its id and its (public) name.</summary>
    public sealed record LocatedGrid(Guid GridId, string Name);

    /// <returns>The grid whose boundary holds the point, or null (no grid drawn there).</returns>
    public async Task<Guid?> LocateAsync(string divisionCode, double latitude, double longitude, CancellationToken cancellationToken = default) =>
        (await FindAsync(divisionCode, latitude, longitude, cancellationToken))?.GridId;

    /// <returns>The grid whose boundary holds the point with its name, or null. Grids are tested in name order, so a point
    /// on the edge two grids share always lands in the same one.</returns>
    public async Task<LocatedGrid?> FindAsync(string divisionCode, double latitude, double longitude, CancellationToken cancellationToken = default)
    {
        var boundaries = await BoundariesAsync(divisionCode, cancellationToken);
        return boundaries.FirstOrDefault(b => b.Polygon.Contains(longitude, latitude)) is { } hit ? new LocatedGrid(hit.GridId, hit.Name) : null;
    }

    /// <summary>Whether the grid exists and divides this community (a grid id from a QR code or a client is checked with it).</summary>
    public async Task<bool> BelongsToAsync(Guid gridId, string divisionCode, CancellationToken cancellationToken = default)
    {
        await using var scope = SystemScope(out var db);
        return await db.Grids.AnyAsync(g => g.Id == gridId && g.DivisionCode == divisionCode, cancellationToken);
    }

    /// <summary>A place printed on a QR card: the grid, and the building (with its point) when the card is a building's.</summary>
    public sealed record PrintedPlace(Guid GridId, string GridName, Guid? BuildingId, string? BuildingName, double? Latitude = null, double? Longitude = null);

    /// <summary>
    /// What a QR card's ?grid= or ?building= names, checked against the community the portal page is for (null when it
    /// is not a grid or building of that community). Names of grids and buildings are public: read as the system.
    /// </summary>
    public async Task<PrintedPlace?> PlaceAsync(string divisionCode, Guid? gridId, Guid? buildingId, CancellationToken cancellationToken = default)
    {
        await using var scope = SystemScope(out var db);
        if (buildingId is { } building)
        {
            return await db.Buildings.Where(b => b.Id == building && b.DivisionCode == divisionCode)
                .Join(db.Grids, b => b.GridId, g => g.Id, (b, g) => new PrintedPlace(g.Id, g.Name, b.Id, (b.Compound ?? "") + b.Name, b.Latitude, b.Longitude))
                .SingleOrDefaultAsync(cancellationToken);
        }
        if (gridId is { } grid)
        {
            return await db.Grids.Where(g => g.Id == grid && g.DivisionCode == divisionCode)
                .Select(g => new PrintedPlace(g.Id, g.Name, null, null)).SingleOrDefaultAsync(cancellationToken);
        }
        return null;
    }

    /// <summary>Forgets this node's copy after a boundary changed here.</summary>
    public void Forget(string divisionCode) => cache.Remove(("grid-boundaries", divisionCode));

    private AsyncServiceScope SystemScope(out AppDbContext db)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Platform.Scope.CurrentUser>().SetSystem();
        db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return scope;
    }

    private async Task<List<Boundary>> BoundariesAsync(string divisionCode, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(("grid-boundaries", divisionCode), out List<Boundary>? known)) return known!;
        // The place is public (residents report anywhere): read it as the system, not as the caller.
        await using var scope = SystemScope(out var db);
        var rows = await db.Grids.AsNoTracking().Where(g => g.DivisionCode == divisionCode && g.BoundaryGeoJson != null)
            .OrderBy(g => g.Name).Select(g => new { g.Id, g.Name, g.BoundaryGeoJson }).ToListAsync(cancellationToken);
        var boundaries = rows.Select(r => GeoPolygon.Parse(r.BoundaryGeoJson, out _) is { } p ? new Boundary(r.Id, r.Name, p) : null)
            .OfType<Boundary>().ToList();
        cache.Set(("grid-boundaries", divisionCode), boundaries, CacheFor);
        return boundaries;
    }
}

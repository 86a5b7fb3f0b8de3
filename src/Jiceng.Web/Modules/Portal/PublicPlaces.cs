using Jiceng.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Portal;

/// <summary>
/// What the public report page may know about a community's places: grid names and boundaries (printed on the grid's
/// QR card and shown on the map) and building names. Nothing about the people in them.
/// </summary>
public sealed class PublicPlaces(AppDbContext db)
{
    public sealed record GridPlace(Guid Id, string Name, string? BoundaryGeoJson);
    public sealed record BuildingPlace(Guid Id, Guid GridId, string Name, double? Latitude, double? Longitude);

    public Task<List<GridPlace>> GridsAsync(string communityCode, CancellationToken cancellationToken = default) =>
        db.Grids.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Where(g => g.DivisionCode == communityCode)
            .OrderBy(g => g.Name).Select(g => new GridPlace(g.Id, g.Name, g.BoundaryGeoJson)).ToListAsync(cancellationToken);

    public async Task<BuildingPlace?> BuildingAsync(string communityCode, Guid buildingId, CancellationToken cancellationToken = default)
    {
        var building = await db.Buildings.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(b => b.Id == buildingId && b.DivisionCode == communityCode)
            .Select(b => new { b.Id, b.GridId, b.Compound, b.Name, b.Latitude, b.Longitude }).SingleOrDefaultAsync(cancellationToken);
        return building is null ? null : new BuildingPlace(building.Id, building.GridId, (building.Compound ?? "") + building.Name, building.Latitude, building.Longitude);
    }
}

using Jiceng.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Portal;

/// <summary>
/// What the public report page may know about a community's grids: names and boundaries (printed on the grid's QR card
/// and shown on the map). Nothing about the people in them. A QR card's grid or building is resolved by GridLocator.
/// </summary>
public sealed class PublicPlaces(AppDbContext db)
{
    public sealed record GridPlace(Guid Id, string Name, string? BoundaryGeoJson);

    public Task<List<GridPlace>> GridsAsync(string communityCode, CancellationToken cancellationToken = default) =>
        db.Grids.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Where(g => g.DivisionCode == communityCode)
            .OrderBy(g => g.Name).Select(g => new GridPlace(g.Id, g.Name, g.BoundaryGeoJson)).ToListAsync(cancellationToken);
}

using Jiceng.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Market.Features;

/// <summary>
/// The markets a community's residents can walk to: those run by the community itself, its street or its county. A
/// public read (names and ids only) for the community's portal page, which links each market's price board.
/// </summary>
public sealed class PublicMarkets(AppDbContext db)
{
    public sealed record MarketLink(Guid Id, string Name, string Place);

    public async Task<List<MarketLink>> NearAsync(string communityCode, CancellationToken cancellationToken = default)
    {
        if (communityCode.Length != 12 || !communityCode.All(char.IsAsciiDigit)) return [];
        // Division codes nest by prefix: 6 digits county, 9 street, 12 community.
        string[] codes = [communityCode, communityCode[..9], communityCode[..6]];
        return await db.Markets.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(m => codes.Contains(m.DivisionCode))
            .OrderBy(m => m.Name)
            .Select(m => new MarketLink(m.Id, m.Name, m.Place))
            .ToListAsync(cancellationToken);
    }
}

using Jiceng.Web.Modules.ElderlyChildren.Domain;

namespace Jiceng.Web.Modules.ElderlyChildren.Features;

/// <summary>The "三个一点" split of one meal: what the elderly, the government and the community pay, in fen.</summary>
public sealed record MealSplit(long PriceFen, long ElderlyFen, long GovernmentFen, long CommunityFen, string? BandLabel);

/// <summary>
/// Computes the split (docs/decisions/017). A band applies when every condition it sets holds: age at the meal date
/// within [MinAge, MaxAge], and the key group tag when it names one. Each band gives the government's and the
/// community's share (fen, or whole percent of the price rounded down); the elderly pay the rest, never below zero:
/// when the shares exceed the price, the community's share is cut first, then the government's. Of the bands that
/// apply, the one that leaves the elderly the least to pay wins (ties: the earlier band). No band: full price.
/// </summary>
public static class SubsidySplit
{
    public static MealSplit For(long priceFen, int? ageAtMeal, IReadOnlyCollection<string> tags, IEnumerable<CanteenSubsidyBand> bands)
    {
        MealSplit best = new(priceFen, priceFen, 0, 0, null);
        foreach (var band in bands)
        {
            if (!Applies(band, ageAtMeal, tags)) continue;
            var split = Apply(priceFen, band);
            if (split.ElderlyFen < best.ElderlyFen) best = split;
        }
        return best;
    }

    public static bool Applies(CanteenSubsidyBand band, int? age, IReadOnlyCollection<string> tags)
    {
        if (band.MinAge is { } min && (age is null || age < min)) return false;
        if (band.MaxAge is { } max && (age is null || age > max)) return false;
        if (band.StatusCode is { Length: > 0 } code && !tags.Contains(code)) return false;
        return true;
    }

    public static MealSplit Apply(long priceFen, CanteenSubsidyBand band)
    {
        long Share(long value) => band.Kind == ShareKind.Percent ? priceFen * value / 100 : value;
        var government = Math.Min(Share(band.GovernmentShare), priceFen);
        var community = Math.Min(Share(band.CommunityShare), priceFen - government);
        return new MealSplit(priceFen, priceFen - government - community, government, community, band.Label);
    }
}

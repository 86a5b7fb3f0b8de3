using Jiceng.Web.Data;
using Jiceng.Web.Modules.ElderlyChildren.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.ElderlyChildren.Features;

public sealed record PublicMeal(Guid Id, DateOnly Date, Meal Meal, string ServedFrom, string Title, string Dishes, long PriceFen);
public sealed record PublicBand(string Label, int? MinAge, int? MaxAge, string? Status, ShareKind Kind, long GovernmentShare, long CommunityShare);
public sealed record PublicCanteenView(Guid Id, string Name, string Place, string MealTimes, IReadOnlyList<PublicMeal> Meals, IReadOnlyList<PublicBand> Bands);

/// <summary>
/// The public canteen page's read: a community's canteens, this week's menus and the subsidy bands. An explicit read
/// past the data scope that projects only public fields (no orders, no people).
/// </summary>
public sealed class PublicCanteen(AppDbContext db, ElderlyCommon common)
{
    public async Task<List<PublicCanteenView>> ForCommunityAsync(string code, CancellationToken ct)
    {
        var today = common.Today;
        var end = today.AddDays(6);
        var canteens = await db.Canteens.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Where(c => c.DivisionCode == code && c.DeactivatedUtc == null)
            .OrderBy(c => c.Name).Select(c => new { c.Id, c.Name, c.Place, c.MealTimes }).ToListAsync(ct);
        var ids = canteens.Select(c => c.Id).ToList();
        var meals = await db.CanteenMenuItems.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(m => ids.Contains(m.CanteenId) && m.Date >= today && m.Date <= end)
            .Select(m => new { m.Id, m.CanteenId, m.Date, m.Meal, m.ServedFrom, m.Title, m.Dishes, m.PriceFen }).ToListAsync(ct);
        var bands = await db.CanteenSubsidyBands.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Where(b => ids.Contains(b.CanteenId))
            .Select(b => new { b.CanteenId, b.Label, b.MinAge, b.MaxAge, b.StatusCode, b.Kind, b.GovernmentShare, b.CommunityShare }).ToListAsync(ct);
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        return canteens.Select(c => new PublicCanteenView(c.Id, c.Name, c.Place, c.MealTimes,
            meals.Where(m => m.CanteenId == c.Id).OrderBy(m => m.Date).ThenBy(m => m.Meal).ThenBy(m => m.Title, StringComparer.Ordinal)
                .Select(m => new PublicMeal(m.Id, m.Date, m.Meal, m.ServedFrom.ToString("HH:mm", ci), m.Title, m.Dishes, m.PriceFen)).ToList(),
            bands.Where(b => b.CanteenId == c.Id).OrderBy(b => b.Label, StringComparer.Ordinal)
                .Select(b => new PublicBand(b.Label, b.MinAge, b.MaxAge, b.StatusCode, b.Kind, b.GovernmentShare, b.CommunityShare)).ToList())).ToList();
    }

    /// <summary>"80岁及以上：政府补贴 6.00 元，社区补贴 4.00 元" — a band in words, in the reader's language.</summary>
    public static string Describe(PublicBand band, bool chinese)
    {
        var who = new List<string>();
        if (band.MinAge is { } min && band.MaxAge is { } max) who.Add(chinese ? $"{min}–{max}岁" : $"aged {min}–{max}");
        else if (band.MinAge is { } min2) who.Add(chinese ? $"{min2}岁及以上" : $"aged {min2} and over");
        else if (band.MaxAge is { } max2) who.Add(chinese ? $"{max2}岁及以下" : $"aged up to {max2}");
        if (band.Status is { } code && KeyGroups.Find(code) is { } group) who.Add(chinese ? group.Name : group.NameEn);
        string Share(long v) => band.Kind == ShareKind.Percent ? $"{v}%" : chinese ? $"{ElderlyCommon.Yuan(v)} 元" : $"¥{ElderlyCommon.Yuan(v)}";
        return chinese
            ? $"{string.Join("、", who)}：每餐政府补贴 {Share(band.GovernmentShare)}，社区补贴 {Share(band.CommunityShare)}，老人支付其余部分"
            : $"{string.Join(", ", who)}: per meal the government pays {Share(band.GovernmentShare)}, the community {Share(band.CommunityShare)}, the elder the rest";
    }
}

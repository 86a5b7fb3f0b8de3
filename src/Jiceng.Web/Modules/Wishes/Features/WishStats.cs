using Jiceng.Web.Platform.Time;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Wishes.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Wishes.Features;

/// <summary>
/// The figures (108 claimed, 164 lit …) computed from the wishes the caller may see: staff their subtree, a unit its own
/// claims, a member what they posted or claimed. Each figure counts the event in the period (posted by creation, claimed
/// by claim time, fulfilled and confirmed by theirs); "on wall" is the present state. Sums are taken in memory (money in fen).
/// </summary>
public sealed class WishStats(AppDbContext db)
{
    private sealed record Row(string DivisionCode, WishStatus Status, DateTime CreatedUtc, DateTime? ClaimedUtc, DateTime? FulfilledUtc, DateTime? ConfirmedUtc,
        Guid? ClaimantPersonId, Guid? ClaimantUserId, Guid? ClaimantUnitId, string? ClaimantName, decimal? Value);

    public async Task<Result<WishStatsDto>> ComputeAsync(string? division, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (from is not null && to is not null && from > to) return Error.Validation("开始日期晚于结束日期 / from is after to.");
        var query = db.Wishes.AsNoTracking();
        if (!string.IsNullOrEmpty(division))
        {
            var path = await db.Divisions.AsNoTracking().Where(d => d.Code == division).Select(d => d.Path).SingleOrDefaultAsync(ct);
            if (path is null) return WishErrors.UnknownDivision;
            var (lo, hi) = MaterialisedPath.Range(path);
            query = query.Where(w => string.Compare(w.DivisionPath, lo) >= 0 && string.Compare(w.DivisionPath, hi) < 0);
        }
        var rows = await query.Select(w => new Row(w.DivisionCode, w.Status, w.CreatedUtc, w.ClaimedUtc, w.FulfilledUtc, w.ConfirmedUtc,
            w.ClaimantPersonId, w.ClaimantUserId, w.ClaimantUnitId, w.ClaimantName, w.FulfilmentValue)).ToListAsync(ct);

        // China local dates (UTC+8), inclusive bounds.
        var fromUtc = from is { } f ? WorkingCalendar.LocalMidnightToUtc(f) : (DateTime?)null;
        var toUtc = to is { } t ? WorkingCalendar.LocalMidnightToUtc(t.AddDays(1)) : (DateTime?)null;
        bool In(DateTime? t) => t is { } v && (fromUtc is null || v >= fromUtc) && (toUtc is null || v < toUtc);

        WishFigures Figures(IEnumerable<Row> set)
        {
            var list = set.ToList();
            var fulfilled = list.Where(r => r.Status is WishStatus.Fulfilled or WishStatus.Confirmed && In(r.FulfilledUtc)).ToList();
            return new WishFigures(
                list.Count(r => In(r.CreatedUtc)),
                list.Count(r => r.Status == WishStatus.OnWall),
                list.Count(r => Wish.ClaimedStatuses.Contains(r.Status) && In(r.ClaimedUtc)),
                fulfilled.Count,
                list.Count(r => r.Status == WishStatus.Confirmed && In(r.ConfirmedUtc)),
                fulfilled.Sum(r => r.Value ?? 0m));
        }

        var codes = rows.Select(r => r.DivisionCode).Distinct().ToList();
        var names = await db.Divisions.AsNoTracking().IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .Where(d => codes.Contains(d.Code)).Select(d => new { d.Code, d.Name }).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var unitIds = rows.Where(r => r.ClaimantUnitId != null).Select(r => r.ClaimantUnitId!.Value).Distinct().ToList();
        var unitNames = rows.Where(r => r.ClaimantUnitId != null).GroupBy(r => r.ClaimantUnitId!.Value).ToDictionary(g => g.Key, g => g.First().ClaimantName ?? "");

        var claimed = rows.Where(r => Wish.ClaimedStatuses.Contains(r.Status)).ToList();
        var communities = rows.GroupBy(r => r.DivisionCode).OrderBy(g => g.Key)
            .Select(g => new WishFigureRow(g.Key, names.GetValueOrDefault(g.Key, g.Key), Figures(g))).ToList();
        var claimants = claimed.Where(r => r.ClaimantUnitId == null).GroupBy(r => (r.ClaimantPersonId ?? r.ClaimantUserId)?.ToString() ?? "")
            .Select(g => new WishFigureRow(g.Key, g.First().ClaimantName ?? "", Figures(g))).OrderByDescending(r => r.Figures.Claimed).ToList();
        var units = unitIds.Select(id => new WishFigureRow(id.ToString(), unitNames[id], Figures(claimed.Where(r => r.ClaimantUnitId == id))))
            .OrderByDescending(r => r.Figures.Claimed).ToList();
        var months = rows.SelectMany(r => new[] { r.CreatedUtc, r.ClaimedUtc, r.FulfilledUtc, r.ConfirmedUtc }.Where(In).Select(t => Month(t!.Value)))
            .Distinct().Order()
            .Select(m => new WishFigureRow(m, m, MonthFigures(rows, m))).ToList();
        return new WishStatsDto(Figures(rows), communities, claimants, units, months);
    }

    private static string Month(DateTime utc) => WorkingCalendar.LocalDate(utc).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private static WishFigures MonthFigures(List<Row> rows, string month)
    {
        bool InMonth(DateTime? t) => t is { } v && Month(v) == month;
        var fulfilled = rows.Where(r => r.Status is WishStatus.Fulfilled or WishStatus.Confirmed && InMonth(r.FulfilledUtc)).ToList();
        return new WishFigures(rows.Count(r => InMonth(r.CreatedUtc)), 0,
            rows.Count(r => Wish.ClaimedStatuses.Contains(r.Status) && InMonth(r.ClaimedUtc)), fulfilled.Count,
            rows.Count(r => r.Status == WishStatus.Confirmed && InMonth(r.ConfirmedUtc)), fulfilled.Sum(r => r.Value ?? 0m));
    }
}

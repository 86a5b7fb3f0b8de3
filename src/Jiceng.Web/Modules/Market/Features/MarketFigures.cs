using Jiceng.Web.Modules.Market.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Market.Features;

/// <summary>One market day's figures. Vendor changes and complaints count by their China date; the rest by the day they belong to.</summary>
public sealed record MarketDayFigures(Guid DayId, DateOnly Date, string? Theme, MarketDayStatus Status, int Goods, decimal AverageDiscountPercent, int SpotChecks,
    int SpotChecksFailed, int LoveStallPurchases, long LoveStallExtraDiscountFen, IReadOnlyDictionary<SpecialGroupStatus, int> LoveStallByStatus,
    int DeliveriesRequested, int DeliveriesCompleted, int HealthServed, int PolicyServed,
    int VendorsAdmitted, int VendorWarnings, int VendorsExpelled, long MarketPriceTotalFen, long FairPriceTotalFen, int SpotChecksPassed,
    int Complaints, int ComplaintsHandled);

/// <summary>
/// The market's figures: totals and one row per day (the seed's 950余次 deliveries, 30余户 families helped, 2700 health
/// services …). With a period (<see cref="From"/>–<see cref="To"/>, China dates) the day rows and what hangs off them are
/// the period's, vendor changes (准入/警告/清退) and complaints count when they happened; vendor statuses and stalls stay
/// the current picture.
/// </summary>
public sealed record MarketFiguresDto(Guid MarketId, int DaysHeld, int DaysPlanned, IReadOnlyDictionary<VendorStatus, int> Vendors, int VendorWarnings,
    int VendorsExpelSuggested, int SpotChecks, int SpotChecksFailed, int LoveStallPurchases, long LoveStallExtraDiscountFen, int LoveStallFreeItems,
    IReadOnlyDictionary<SpecialGroupStatus, int> LoveStallByStatus, int DeliveriesRequested, int DeliveriesCompleted, int DeliveriesOpen,
    int FamiliesHelped, int FreeStalls, int LowRentStalls, int Complaints, int ComplaintsOpen, int ComplaintsHandled, int ComplaintsBySupervisors,
    IReadOnlyDictionary<ComplaintCategory, int> ComplaintsByCategory, int HealthServed, int PolicyServed, IReadOnlyList<MarketDayFigures> Days,
    DateOnly? From, DateOnly? To, int VendorsAdmittedInPeriod, int VendorWarningsInPeriod, int VendorsExpelledInPeriod, int GoodsListed,
    long MarketPriceTotalFen, long FairPriceTotalFen, decimal AverageDiscountPercent, int SpotChecksPassed);

/// <summary>Counts are taken in the database, money is summed in memory (SQLite has no decimal arithmetic in SQL).</summary>
public sealed class MarketFigures(MarketContext ctx)
{
    public const int MaxPeriodDays = 3 * 366;

    public async Task<Result<MarketFiguresDto>> FiguresAsync(Guid marketId, CancellationToken cancellationToken = default) =>
        await FiguresAsync(marketId, null, null, cancellationToken);

    public async Task<Result<MarketFiguresDto>> FiguresAsync(Guid marketId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        if (from is { } f0 && to is { } t0 && (t0 < f0 || t0.DayNumber - f0.DayNumber > MaxPeriodDays))
            return Error.Validation($"时段无效：结束不早于开始，最长 {MaxPeriodDays} 天 / The period is not valid: to ≥ from, at most {MaxPeriodDays} days.");
        var market = await ctx.MarketAsync(marketId, cancellationToken);
        if (!market.IsSuccess) return market.Error!;
        bool InPeriod(DateOnly date) => (from is not { } f || date >= f) && (to is not { } t || date <= t);
        bool InPeriodUtc(DateTime utc) => InPeriod(WorkingCalendar.LocalDate(utc));
        var db = ctx.Db;
        var days = (await db.MarketDays.AsNoTracking().Where(d => d.MarketId == marketId).OrderByDescending(d => d.Date).ToListAsync(cancellationToken))
            .Where(d => InPeriod(d.Date)).ToList();
        var dayIds = days.Select(d => d.Id).ToHashSet();
        var vendors = await db.MarketVendors.AsNoTracking().Where(v => v.MarketId == marketId)
            .Select(v => new { v.Status, v.WarningCount, v.ExpelSuggested }).ToListAsync(cancellationToken);
        // Status changes have no scope of their own: reached through their vendor.
        var changes = (await db.MarketVendors.AsNoTracking().Where(v => v.MarketId == marketId).SelectMany(v => v.History)
            .Select(h => new { h.To, h.AtUtc }).ToListAsync(cancellationToken)).Where(h => InPeriodUtc(h.AtUtc)).ToList();
        var goods = (await db.MarketGoods.AsNoTracking().Where(g => g.MarketId == marketId)
            .Select(g => new { g.MarketDayId, g.MarketPriceFen, g.FairPriceFen }).ToListAsync(cancellationToken)).Where(g => dayIds.Contains(g.MarketDayId)).ToList();
        var checks = (await db.MarketSpotChecks.AsNoTracking().Where(c => c.MarketId == marketId).Select(c => new { c.MarketDayId, c.Result }).ToListAsync(cancellationToken))
            .Where(c => dayIds.Contains(c.MarketDayId)).ToList();
        var purchases = (await db.MarketLoveStallPurchases.AsNoTracking().Where(p => p.MarketId == marketId)
            .Select(p => new { p.MarketDayId, p.CheckedStatus, p.FairTotalFen, p.PaidFen, p.IsFreeItem }).ToListAsync(cancellationToken))
            .Where(p => dayIds.Contains(p.MarketDayId)).ToList();
        var deliveries = (await db.MarketDeliveryOrders.AsNoTracking().Where(o => o.MarketId == marketId).Select(o => new { o.MarketDayId, o.Status }).ToListAsync(cancellationToken))
            .Where(o => dayIds.Contains(o.MarketDayId)).ToList();
        var stalls = await db.MarketStallAllocations.AsNoTracking().Where(a => a.MarketId == marketId).Select(a => new { a.VendorId, a.MonthlyRentFen }).ToListAsync(cancellationToken);
        var complaints = (await db.MarketComplaints.AsNoTracking().Where(c => c.MarketId == marketId)
            .Select(c => new { c.Status, c.Category, c.Source, c.CreatedUtc, c.HandledUtc }).ToListAsync(cancellationToken)).Where(c => InPeriodUtc(c.CreatedUtc)).ToList();

        static IReadOnlyDictionary<TKey, int> CountBy<T, TKey>(IEnumerable<T> rows, Func<T, TKey> key) where TKey : struct, Enum =>
            Enum.GetValues<TKey>().ToDictionary(k => k, k => rows.Count(r => key(r).Equals(k)));
        static decimal AverageDiscount(IEnumerable<(long Market, long Fair)> rows)
        {
            var list = rows.Where(r => r.Market > 0).ToList();
            return list.Count == 0 ? 0 : Math.Round(list.Average(r => (r.Market - r.Fair) * 100m / r.Market), 1);
        }

        var goodsByDay = goods.ToLookup(g => g.MarketDayId);
        var checksByDay = checks.ToLookup(c => c.MarketDayId);
        var purchasesByDay = purchases.ToLookup(p => p.MarketDayId);
        var deliveriesByDay = deliveries.ToLookup(o => o.MarketDayId);
        var changesByDate = changes.ToLookup(h => WorkingCalendar.LocalDate(h.AtUtc));
        var complaintsByDate = complaints.ToLookup(c => WorkingCalendar.LocalDate(c.CreatedUtc));
        var dayRows = days.Select(d => new MarketDayFigures(d.Id, d.Date, d.Theme, d.Status, goodsByDay[d.Id].Count(),
            AverageDiscount(goodsByDay[d.Id].Select(g => (g.MarketPriceFen, g.FairPriceFen))), checksByDay[d.Id].Count(),
            checksByDay[d.Id].Count(c => c.Result == SpotCheckResult.Fail), purchasesByDay[d.Id].Count(), purchasesByDay[d.Id].Sum(p => p.FairTotalFen - p.PaidFen),
            CountBy(purchasesByDay[d.Id], p => p.CheckedStatus), deliveriesByDay[d.Id].Count(o => o.Status != DeliveryStatus.Cancelled),
            deliveriesByDay[d.Id].Count(o => o.Status == DeliveryStatus.Delivered), d.HealthServed, d.PolicyServed,
            changesByDate[d.Date].Count(h => h.To == VendorStatus.Admitted), changesByDate[d.Date].Count(h => h.To == VendorStatus.Warned),
            changesByDate[d.Date].Count(h => h.To == VendorStatus.Expelled), goodsByDay[d.Id].Sum(g => g.MarketPriceFen), goodsByDay[d.Id].Sum(g => g.FairPriceFen),
            checksByDay[d.Id].Count(c => c.Result != SpotCheckResult.Fail),
            complaintsByDate[d.Date].Count(), complaintsByDate[d.Date].Count(c => c.Status == ComplaintStatus.Handled))).ToList();

        return new MarketFiguresDto(marketId,
            days.Count(d => d.Status == MarketDayStatus.Closed), days.Count(d => d.Status == MarketDayStatus.Planned),
            CountBy(vendors, v => v.Status), vendors.Sum(v => v.WarningCount), vendors.Count(v => v.ExpelSuggested),
            checks.Count, checks.Count(c => c.Result == SpotCheckResult.Fail),
            purchases.Count, purchases.Sum(p => p.FairTotalFen - p.PaidFen), purchases.Count(p => p.IsFreeItem), CountBy(purchases, p => p.CheckedStatus),
            deliveries.Count(o => o.Status != DeliveryStatus.Cancelled), deliveries.Count(o => o.Status == DeliveryStatus.Delivered),
            deliveries.Count(o => o.Status is DeliveryStatus.Requested or DeliveryStatus.Assigned),
            stalls.Select(s => s.VendorId).Distinct().Count(), stalls.Count(s => s.MonthlyRentFen == 0), stalls.Count(s => s.MonthlyRentFen > 0),
            complaints.Count, complaints.Count(c => c.Status != ComplaintStatus.Handled), complaints.Count(c => c.Status == ComplaintStatus.Handled),
            complaints.Count(c => c.Source == ComplaintSource.Supervisor), CountBy(complaints, c => c.Category),
            days.Sum(d => d.HealthServed), days.Sum(d => d.PolicyServed), dayRows,
            from, to, changes.Count(h => h.To == VendorStatus.Admitted), changes.Count(h => h.To == VendorStatus.Warned), changes.Count(h => h.To == VendorStatus.Expelled),
            goods.Count, goods.Sum(g => g.MarketPriceFen), goods.Sum(g => g.FairPriceFen), AverageDiscount(goods.Select(g => (g.MarketPriceFen, g.FairPriceFen))),
            checks.Count(c => c.Result != SpotCheckResult.Fail));
    }

    /// <summary>
    /// The figures as a workbook (amounts in yuan): 汇总 (the period's totals) and 按集日 (one row per market day, love-stall
    /// purchases by group among the columns). Names of sheets and columns are Chinese, as the county's reports are.
    /// </summary>
    public static MemoryStream Workbook(string marketName, MarketFiguresDto f)
    {
        static decimal Yuan(long fen) => fen / 100m;
        var period = $"{f.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "开始"} 至 {f.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "今"}";
        var summary = new List<Dictionary<string, object>>();
        void Line(string item, object value) => summary.Add(new Dictionary<string, object> { ["集市"] = marketName, ["时段"] = period, ["项目"] = item, ["数值"] = value });
        Line("举办集日", f.DaysHeld);
        Line("准入商户", f.VendorsAdmittedInPeriod);
        Line("警告商户（次）", f.VendorWarningsInPeriod);
        Line("清退商户", f.VendorsExpelledInPeriod);
        Line("上架商品", f.GoodsListed);
        Line("市场价合计（元）", Yuan(f.MarketPriceTotalFen));
        Line("惠民价合计（元）", Yuan(f.FairPriceTotalFen));
        Line("平均让利（%）", f.AverageDiscountPercent);
        Line("抽检合格", f.SpotChecksPassed);
        Line("抽检不合格", f.SpotChecksFailed);
        Line("爱心摊位购买（低保）", f.LoveStallByStatus.GetValueOrDefault(SpecialGroupStatus.Dibao));
        Line("爱心摊位购买（特困）", f.LoveStallByStatus.GetValueOrDefault(SpecialGroupStatus.Tekun));
        Line("爱心摊位购买（高龄）", f.LoveStallByStatus.GetValueOrDefault(SpecialGroupStatus.Aged80));
        Line("爱心摊位额外优惠（元）", Yuan(f.LoveStallExtraDiscountFen));
        Line("完成配送", f.DeliveriesCompleted);
        Line("投诉受理", f.Complaints);
        Line("投诉办结", f.ComplaintsHandled);
        var days = f.Days.OrderBy(d => d.Date).Select(d => new Dictionary<string, object>
        {
            ["日期"] = d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["主题"] = d.Theme ?? "",
            ["准入商户"] = d.VendorsAdmitted, ["警告商户（次）"] = d.VendorWarnings, ["清退商户"] = d.VendorsExpelled,
            ["上架商品"] = d.Goods, ["市场价合计（元）"] = Yuan(d.MarketPriceTotalFen), ["惠民价合计（元）"] = Yuan(d.FairPriceTotalFen), ["平均让利（%）"] = d.AverageDiscountPercent,
            ["抽检合格"] = d.SpotChecksPassed, ["抽检不合格"] = d.SpotChecksFailed,
            ["低保"] = d.LoveStallByStatus.GetValueOrDefault(SpecialGroupStatus.Dibao), ["特困"] = d.LoveStallByStatus.GetValueOrDefault(SpecialGroupStatus.Tekun),
            ["高龄"] = d.LoveStallByStatus.GetValueOrDefault(SpecialGroupStatus.Aged80), ["额外优惠（元）"] = Yuan(d.LoveStallExtraDiscountFen),
            ["完成配送"] = d.DeliveriesCompleted, ["投诉"] = d.Complaints, ["投诉办结"] = d.ComplaintsHandled,
        }).ToList();
        var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, new Dictionary<string, object> { ["汇总"] = summary, ["按集日"] = days });
        stream.Position = 0;
        return stream;
    }
}

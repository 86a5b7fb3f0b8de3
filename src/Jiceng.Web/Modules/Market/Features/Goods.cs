using Jiceng.Web.Data;
using Jiceng.Web.Modules.Market.Domain;
using Jiceng.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Market.Features;

public sealed record AddGoodsRequest(Guid VendorId, Guid MarketDayId, string? Name, string? Category, string? Unit, long? MarketPriceFen, long? FairPriceFen);

public sealed record GoodsDto(Guid Id, Guid MarketDayId, Guid VendorId, string VendorName, string? StallNo, bool LoveStall, string Name, string? Category, string Unit,
    long MarketPriceFen, long FairPriceFen, long SavingFen, decimal DiscountPercent);

/// <summary>
/// The fair-price rule of the seed: goods sell 5 %–15 % below the market price. Checked in whole fen without rounding:
/// the fair price f and market price m must satisfy 85·m ≤ 100·f ≤ 95·m.
/// </summary>
public static class FairPrice
{
    public const int MinDiscountPercent = 5;
    public const int MaxDiscountPercent = 15;

    /// <summary>The lowest and highest fair price allowed for a market price (empty when none is: min &gt; max).</summary>
    public static (long Min, long Max) AllowedRange(long marketPriceFen) =>
        ((marketPriceFen * (100 - MaxDiscountPercent) + 99) / 100, marketPriceFen * (100 - MinDiscountPercent) / 100);

    public static bool IsAllowed(long marketPriceFen, long fairPriceFen) =>
        fairPriceFen * 100 >= marketPriceFen * (100 - MaxDiscountPercent) && fairPriceFen * 100 <= marketPriceFen * (100 - MinDiscountPercent);

    public static decimal DiscountPercent(long marketPriceFen, long fairPriceFen) =>
        marketPriceFen == 0 ? 0 : Math.Round((marketPriceFen - fairPriceFen) * 100m / marketPriceFen, 1);

    public static Error OutOfRange(long marketPriceFen, long fairPriceFen)
    {
        var (min, max) = AllowedRange(marketPriceFen);
        return new Error(MarketErrors.PriceOutOfRange, StatusCodes.Status400BadRequest,
            $"惠民价须比市场价低 {MinDiscountPercent}%–{MaxDiscountPercent}%：市场价 {Fen.Yuan(marketPriceFen)} 元时，惠民价应在 {Fen.Yuan(min)}–{Fen.Yuan(max)} 元之间（现为 {Fen.Yuan(fairPriceFen)} 元）"
            + $" / The fair price must be {MinDiscountPercent}–{MaxDiscountPercent} % below the market price: for {Fen.Yuan(marketPriceFen)} yuan it must be {Fen.Yuan(min)}–{Fen.Yuan(max)} yuan (it is {Fen.Yuan(fairPriceFen)}).");
    }
}

/// <summary>Goods on a market day with both prices; staff put them on the board for admitted vendors.</summary>
public sealed class Goods(MarketContext ctx)
{
    public const long MaxPriceFen = 10_000_000;

    public async Task<Result<GoodsDto>> AddAsync(Guid marketId, AddGoodsRequest request, CancellationToken cancellationToken = default)
    {
        var market = await ctx.MarketAsync(marketId, cancellationToken);
        if (!market.IsSuccess) return market.Error!;
        var invalid = MarketContext.Required(request.Name, 100, "商品名称", "The goods' name")
            ?? MarketContext.Required(request.Unit, 16, "单位", "The unit")
            ?? MarketContext.Optional(request.Category, 32, "品类", "The category")
            ?? (request.MarketPriceFen is not ({ } m and > 0 and <= MaxPriceFen) ? Error.Validation("市场价须为正数（分）/ The market price must be a positive number of fen.") : null)
            ?? (request.FairPriceFen is not ({ } f and > 0 and <= MaxPriceFen) ? Error.Validation("惠民价须为正数（分）/ The fair price must be a positive number of fen.") : null);
        if (invalid is not null) return invalid;
        if (!FairPrice.IsAllowed(request.MarketPriceFen!.Value, request.FairPriceFen!.Value))
            return FairPrice.OutOfRange(request.MarketPriceFen.Value, request.FairPriceFen.Value);
        var day = await ctx.DayAsync(marketId, request.MarketDayId, cancellationToken);
        if (!day.IsSuccess) return day.Error!;
        if (day.Value!.Status is MarketDayStatus.Closed or MarketDayStatus.Cancelled)
            return MarketErrors.Transition("上架商品 / adding goods", day.Value.Status);
        var vendor = await ctx.VendorAsync(marketId, request.VendorId, cancellationToken);
        if (!vendor.IsSuccess) return vendor.Error!;
        if (!vendor.Value!.MaySell) return MarketErrors.NotSelling(vendor.Value.Status);

        var goods = new MarketGoods(vendor.Value, day.Value, request.Name!.Trim(), MarketContext.Blank(request.Category), request.Unit!.Trim(),
            request.MarketPriceFen.Value, request.FairPriceFen.Value, ctx.UtcNow);
        ctx.Db.MarketGoods.Add(goods);
        await ctx.Db.SaveChangesAsync(cancellationToken);
        return ToDto(goods, vendor.Value);
    }

    public async Task<Result<List<GoodsDto>>> ListAsync(Guid marketId, Guid? dayId, CancellationToken cancellationToken = default)
    {
        var market = await ctx.MarketAsync(marketId, cancellationToken);
        if (!market.IsSuccess) return market.Error!;
        var goods = ctx.Db.MarketGoods.AsNoTracking().Where(g => g.MarketId == marketId);
        if (dayId is { } d) goods = goods.Where(g => g.MarketDayId == d);
        var rows = await (from g in goods join v in ctx.Db.MarketVendors on g.VendorId equals v.Id
                          orderby g.MarketDayId, g.Category, g.Name
                          select new { g, v }).ToListAsync(cancellationToken);
        return rows.Select(r => ToDto(r.g, r.v)).ToList();
    }

    public async Task<Result<bool>> RemoveAsync(Guid marketId, Guid goodsId, CancellationToken cancellationToken = default)
    {
        var goods = await ctx.Db.MarketGoods.SingleOrDefaultAsync(g => g.Id == goodsId && g.MarketId == marketId, cancellationToken);
        if (goods is null) return Error.NotFound("Goods");
        ctx.Db.MarketGoods.Remove(goods);
        await ctx.Db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static GoodsDto ToDto(MarketGoods g, MarketVendor v) => new(g.Id, g.MarketDayId, g.VendorId, v.Name, v.StallNo, v.IsLoveStall, g.Name, g.Category, g.Unit,
        g.MarketPriceFen, g.FairPriceFen, g.SavingFen, FairPrice.DiscountPercent(g.MarketPriceFen, g.FairPriceFen));
}

public sealed record BoardGoods(string Name, string? Category, string Unit, string VendorName, string? StallNo, long MarketPriceFen, long FairPriceFen, long SavingFen,
    decimal DiscountPercent);

public sealed record BoardDay(DateOnly Date, TimeOnly Opens, TimeOnly Closes, string? Theme, MarketDayStatus Status);

/// <summary>The public price-comparison board (价格对比牌): shop names and prices, the hotline and the next day; never a person.</summary>
public sealed record PriceBoard(Guid MarketId, string Name, string Place, IReadOnlyList<string> Zones, string? SupervisionHotline, int LoveStallExtraPercent,
    BoardDay? Today, BoardDay? NextDay, BoardDay? PricesOf, IReadOnlyList<BoardGoods> Goods);

/// <summary>
/// The one read of the market past the data scope: a public board that projects only public fields (like the public case
/// view). Vendors' contacts, buyers, deliveries and complaints are not reachable from here.
/// </summary>
public sealed class PublicMarketBoard(AppDbContext db, TimeProvider time)
{
    public async Task<PriceBoard?> BoardAsync(Guid marketId, CancellationToken cancellationToken = default)
    {
        var market = await db.Markets.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Where(m => m.Id == marketId)
            .Select(m => new { m.Id, m.Name, m.Place, m.Zones, m.SupervisionHotline, m.LoveStallExtraPercent }).SingleOrDefaultAsync(cancellationToken);
        if (market is null) return null;
        var today = Platform.Time.WorkingCalendar.LocalDate(time.GetUtcNow().UtcDateTime);
        var days = await db.MarketDays.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(d => d.MarketId == marketId && d.Status != MarketDayStatus.Cancelled).ToListAsync(cancellationToken);
        var current = days.FirstOrDefault(d => d.Date == today);
        var next = days.Where(d => d.Date > today && d.Status == MarketDayStatus.Planned).MinBy(d => d.Date);
        // The prices shown: today's, else the next day's if already set, else the latest day's.
        var pricesOf = current ?? (next is not null && await AnyGoods(next.Id) ? next : days.Where(d => d.Date < today).MaxBy(d => d.Date));
        var goods = pricesOf is null ? [] : await (
            from g in db.MarketGoods.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            join v in db.MarketVendors.IgnoreQueryFilters([AppDbContext.ScopeFilter]) on g.VendorId equals v.Id
            where g.MarketDayId == pricesOf.Id && (v.Status == VendorStatus.Admitted || v.Status == VendorStatus.Warned)
            orderby g.Category, g.Name
            select new { g.Name, g.Category, g.Unit, Vendor = v.Name, v.StallNo, g.MarketPriceFen, g.FairPriceFen }).ToListAsync(cancellationToken);
        static BoardDay? Day(MarketDay? d) => d is null ? null : new BoardDay(d.Date, d.Opens, d.Closes, d.Theme, d.Status);
        return new PriceBoard(market.Id, market.Name, market.Place, market.Zones.Split(',', StringSplitOptions.RemoveEmptyEntries), market.SupervisionHotline,
            market.LoveStallExtraPercent, Day(current), Day(next), Day(pricesOf),
            goods.Select(g => new BoardGoods(g.Name, g.Category, g.Unit, g.Vendor, g.StallNo, g.MarketPriceFen, g.FairPriceFen, g.MarketPriceFen - g.FairPriceFen,
                FairPrice.DiscountPercent(g.MarketPriceFen, g.FairPriceFen))).ToList());

        Task<bool> AnyGoods(Guid dayId) => db.MarketGoods.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AnyAsync(g => g.MarketDayId == dayId, cancellationToken);
    }

    /// <summary>The names of the vendors selling at a market (public: they are on the stalls), for the complaint form.</summary>
    public Task<List<string>> VendorNamesAsync(Guid marketId, CancellationToken cancellationToken = default) =>
        Selling(marketId).OrderBy(v => v.Name).Select(v => v.Name).ToListAsync(cancellationToken);

    public Task<Guid?> VendorIdAsync(Guid marketId, string name, CancellationToken cancellationToken = default) =>
        Selling(marketId).Where(v => v.Name == name).Select(v => (Guid?)v.Id).FirstOrDefaultAsync(cancellationToken);

    private IQueryable<MarketVendor> Selling(Guid marketId) => db.MarketVendors.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
        .Where(v => v.MarketId == marketId && (v.Status == VendorStatus.Admitted || v.Status == VendorStatus.Warned));
}

using Jiceng.Web.Modules.Market.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Market.Features;

/// <param name="Status">The status to check: dibao, tekun or aged80; empty: the first the person holds.</param>
/// <param name="GoodsId">Goods of a love stall on that day; or <paramref name="FreeItem"/>, one of the market's free items.</param>
public sealed record LoveStallPurchaseRequest(Guid MarketDayId, Guid PersonId, string? Status, Guid? GoodsId, string? FreeItem, decimal Quantity = 1);

public sealed record LoveStallPersonOption(Guid Id, string NameMasked, string DivisionCode, IReadOnlyList<SpecialGroupStatus> Statuses);

/// <summary>A purchase as staff see it: the buyer's masked name and the status that was checked, never more.</summary>
public sealed record LoveStallPurchaseDto(Guid Id, Guid MarketDayId, Guid PersonId, string BuyerMasked, SpecialGroupStatus CheckedStatus, string Item, string Unit,
    decimal Quantity, long FairTotalFen, long PaidFen, long ExtraDiscountFen, bool IsFreeItem, DateTime PurchasedUtc);

/// <summary>
/// 爱心摊位: 低保, 特困 and 高龄 (80+) residents buy with the market's extra discount, or take a free item. The status is
/// checked against the person record (key-group tags, birth date on the market day); without it the purchase is refused
/// (400 not_eligible) and nothing is recorded.
/// </summary>
public sealed class LoveStall(MarketContext ctx)
{
    public const int OldAge = 80;
    public const decimal MaxQuantity = 100;

    public static readonly IReadOnlyDictionary<SpecialGroupStatus, string> TagCodes = new Dictionary<SpecialGroupStatus, string>
    {
        [SpecialGroupStatus.Dibao] = "dibao",
        [SpecialGroupStatus.Tekun] = "tekun",
        [SpecialGroupStatus.Aged80] = "very-old",
    };

    public static Error NotEligible(string? which) => new(MarketErrors.NotEligible, StatusCodes.Status400BadRequest,
        which is null
            ? "该居民不属于低保、特困或80岁以上高龄老人，不能享受爱心摊位优惠 / This person is not 低保, 特困 or aged 80+, so the love-stall discount does not apply."
            : $"该居民不具备所选身份（{which}），不能享受爱心摊位优惠 / This person does not hold the chosen status ({which}); the love-stall discount does not apply.");

    /// <summary>The statuses a person holds on a day: tags from the key-group ledger, and 80+ by birth date (or the tag).</summary>
    public async Task<List<SpecialGroupStatus>> StatusesAsync(Person person, DateOnly onDay, CancellationToken cancellationToken)
    {
        if (person.ErasedUtc is not null) return [];
        var tags = await ctx.Db.PersonTags.AsNoTracking().Where(t => t.PersonId == person.Id).Select(t => t.GroupCode).ToListAsync(cancellationToken);
        return Statuses(person, tags, onDay);
    }

    private static List<SpecialGroupStatus> Statuses(Person person, IReadOnlyCollection<string> tags, DateOnly onDay)
    {
        var held = new List<SpecialGroupStatus>();
        if (tags.Contains("dibao")) held.Add(SpecialGroupStatus.Dibao);
        if (tags.Contains("tekun")) held.Add(SpecialGroupStatus.Tekun);
        if (person.AgeOn(onDay) is >= OldAge) held.Add(SpecialGroupStatus.Aged80);
        return held;
    }

    public async Task<Result<LoveStallPurchaseDto>> PurchaseAsync(Guid marketId, LoveStallPurchaseRequest request, CancellationToken cancellationToken = default)
    {
        var found = await ctx.MarketAsync(marketId, cancellationToken);
        if (!found.IsSuccess) return found.Error!;
        var market = found.Value!;
        SpecialGroupStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(request.Status))
        {
            if (!MarketContext.TryEnum<SpecialGroupStatus>(request.Status, out var s)) return Error.Validation("身份须为 dibao、tekun 或 aged80 / Status must be dibao, tekun or aged80.");
            wanted = s;
        }
        if (request.Quantity is <= 0 or > MaxQuantity) return Error.Validation($"数量须在 0–{MaxQuantity} 之间 / The quantity must be more than 0 and at most {MaxQuantity}.");
        if ((request.GoodsId is null) == string.IsNullOrWhiteSpace(request.FreeItem))
            return Error.Validation("请选择爱心摊位商品或免费领取物品（二选一）/ Choose either love-stall goods or a free item.");
        var day = await ctx.DayAsync(marketId, request.MarketDayId, cancellationToken);
        if (!day.IsSuccess) return day.Error!;
        if (day.Value!.Status is not (MarketDayStatus.Open or MarketDayStatus.Closed))
            return new Error(MarketErrors.DayNotOpen, StatusCodes.Status409Conflict, "大集尚未开市 / The market day has not opened.");

        // The person is read through the data scope: someone outside the caller's area is not found.
        var person = await ctx.Db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PersonId, cancellationToken);
        if (person is null) return Error.NotFound("Person");
        var held = await StatusesAsync(person, day.Value.Date, cancellationToken);
        SpecialGroupStatus status;
        if (wanted is { } w)
        {
            if (!held.Contains(w)) return NotEligible(TagCodes[w] == "very-old" ? "aged80" : TagCodes[w]);
            status = w;
        }
        else if (held.Count > 0) status = held[0];
        else return NotEligible(null);

        string item, unit;
        long fairTotal, paid;
        Guid? vendorId;
        var free = request.GoodsId is null;
        if (free)
        {
            var freeItems = (market.LoveStallFreeItems ?? "").Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            item = request.FreeItem!.Trim();
            if (!freeItems.Contains(item)) return Error.Validation("该物品不在本集市的免费领取清单中 / This item is not on the market's free list.");
            if (request.Quantity != decimal.Truncate(request.Quantity)) return Error.Validation("免费物品按件领取 / Free items are given whole.");
            unit = "件";
            fairTotal = 0;
            paid = 0;
            vendorId = null;
        }
        else
        {
            var goods = await ctx.Db.MarketGoods.AsNoTracking().SingleOrDefaultAsync(g => g.Id == request.GoodsId && g.MarketDayId == day.Value.Id, cancellationToken);
            if (goods is null) return Error.NotFound("Goods");
            var vendor = await ctx.VendorAsync(marketId, goods.VendorId, cancellationToken);
            if (!vendor.IsSuccess) return vendor.Error!;
            if (!vendor.Value!.MaySell) return MarketErrors.NotSelling(vendor.Value.Status);
            if (!vendor.Value.IsLoveStall) return Error.Validation("该商品不在爱心摊位 / These goods are not at a love stall.");
            item = goods.Name;
            unit = goods.Unit;
            vendorId = goods.VendorId;
            fairTotal = (long)Math.Round(goods.FairPriceFen * request.Quantity, MidpointRounding.AwayFromZero);
            paid = fairTotal - (long)Math.Round(fairTotal * market.LoveStallExtraPercent / 100m, MidpointRounding.AwayFromZero);
        }

        var purchase = new LoveStallPurchase(day.Value, vendorId, person.Id, status, item, unit, request.Quantity, fairTotal, paid,
            free ? 100 : market.LoveStallExtraPercent, free, ctx.User.UserId, ctx.UtcNow);
        ctx.Db.MarketLoveStallPurchases.Add(purchase);
        await ctx.Db.SaveChangesAsync(cancellationToken);
        return ToDto(purchase, person.Name);
    }

    /// <summary>People in the caller's scope whose name starts with the text (masked in the answer), with the statuses they hold today.</summary>
    public async Task<List<LoveStallPersonOption>> FindPeopleAsync(string? name, CancellationToken cancellationToken = default)
    {
        var text = name?.Trim();
        if (string.IsNullOrEmpty(text)) return [];
        var people = await ctx.Db.People.AsNoTracking().Where(p => p.ErasedUtc == null && p.Name.StartsWith(text)).OrderBy(p => p.Name).Take(10).ToListAsync(cancellationToken);
        // One query for the tags of all the people found, not one per person.
        var ids = people.Select(p => p.Id).ToList();
        var tags = (await ctx.Db.PersonTags.AsNoTracking().Where(t => ids.Contains(t.PersonId)).Select(t => new { t.PersonId, t.GroupCode }).ToListAsync(cancellationToken))
            .ToLookup(t => t.PersonId, t => t.GroupCode);
        return people.Select(p => new LoveStallPersonOption(p.Id, Platform.Protection.Mask.Name(p.Name)!, p.DivisionCode,
            Statuses(p, tags[p.Id].ToList(), ctx.Today))).ToList();
    }

    public async Task<Result<List<LoveStallPurchaseDto>>> ListAsync(Guid marketId, Guid? dayId, CancellationToken cancellationToken = default)
    {
        var market = await ctx.MarketAsync(marketId, cancellationToken);
        if (!market.IsSuccess) return market.Error!;
        var purchases = ctx.Db.MarketLoveStallPurchases.AsNoTracking().Where(p => p.MarketId == marketId);
        if (dayId is { } d) purchases = purchases.Where(p => p.MarketDayId == d);
        var rows = await (from p in purchases
                          join person in ctx.Db.People on p.PersonId equals person.Id into people
                          from person in people.DefaultIfEmpty()
                          orderby p.PurchasedUtc descending
                          select new { p, Name = person == null ? null : person.Name }).ToListAsync(cancellationToken);
        return rows.Select(r => ToDto(r.p, r.Name)).ToList();
    }

    private static LoveStallPurchaseDto ToDto(LoveStallPurchase p, string? name) => new(p.Id, p.MarketDayId, p.PersonId, Platform.Protection.Mask.Name(name) ?? "—",
        p.CheckedStatus, p.Item, p.Unit, p.Quantity, p.FairTotalFen, p.PaidFen, p.FairTotalFen - p.PaidFen, p.IsFreeItem, p.PurchasedUtc);
}

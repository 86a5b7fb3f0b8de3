using Jiceng.Web.Modules.Market.Domain;
using Jiceng.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Market.Features;

public sealed record RecordSpotCheckRequest(Guid MarketDayId, Guid VendorId, Guid? GoodsId, string? GoodsName, string? Inspector, string? Result, bool Serious = false,
    string? Note = null);

/// <param name="WarningIssued">A failure warned the vendor automatically.</param>
/// <param name="ExpelSuggested">The vendor has reached the market's warning threshold, or the failure was serious: the command post decides.</param>
public sealed record SpotCheckDto(Guid Id, Guid MarketDayId, Guid VendorId, string VendorName, string GoodsName, string Inspector, SpotCheckResult Result, bool Serious,
    string? Note, DateTime CheckedUtc, bool WarningIssued, int VendorWarnings, bool ExpelSuggested);

/// <summary>Random quality checks (随机抽查). A failure warns the vendor in the same save; three warnings or a serious failure suggest expulsion.</summary>
public sealed class SpotChecks(MarketContext ctx)
{
    public async Task<Result<SpotCheckDto>> RecordAsync(Guid marketId, RecordSpotCheckRequest request, CancellationToken cancellationToken = default)
    {
        var found = await ctx.MarketAsync(marketId, cancellationToken);
        if (!found.IsSuccess) return found.Error!;
        var market = found.Value!;
        var invalid = MarketContext.Required(request.Inspector, 100, "抽查人", "The inspector")
            ?? MarketContext.Optional(request.GoodsName, 100, "商品名称", "The goods' name")
            ?? MarketContext.Optional(request.Note, 500, "说明", "The note")
            ?? (MarketContext.TryEnum<SpotCheckResult>(request.Result, out _) ? null : Error.Validation("结果须为 pass 或 fail / Result must be pass or fail."))
            ?? (request.GoodsId is null && string.IsNullOrWhiteSpace(request.GoodsName) ? Error.Validation("请选择或填写抽查的商品 / Choose or name the goods checked.") : null);
        if (invalid is not null) return invalid;
        MarketContext.TryEnum<SpotCheckResult>(request.Result, out var result);
        if (result == SpotCheckResult.Fail && MarketContext.Blank(request.Note) is null)
            return Error.Validation("不合格须写明问题 / A failed check needs a note saying what was wrong.");
        var day = await ctx.DayAsync(marketId, request.MarketDayId, cancellationToken);
        if (!day.IsSuccess) return day.Error!;
        if (day.Value!.Status is MarketDayStatus.Planned or MarketDayStatus.Cancelled) return MarketErrors.Transition("抽查 / a spot check", day.Value.Status);
        var vendor = await ctx.Db.MarketVendors.Include(v => v.History).SingleOrDefaultAsync(v => v.Id == request.VendorId && v.MarketId == marketId, cancellationToken);
        if (vendor is null) return Error.NotFound("Vendor");
        if (!vendor.MaySell) return MarketErrors.NotSelling(vendor.Status);
        var goodsName = MarketContext.Blank(request.GoodsName);
        if (request.GoodsId is { } goodsId)
        {
            var goods = await ctx.Db.MarketGoods.AsNoTracking().Where(g => g.Id == goodsId && g.VendorId == vendor.Id).Select(g => g.Name).SingleOrDefaultAsync(cancellationToken);
            if (goods is null) return Error.NotFound("Goods");
            goodsName ??= goods;
        }

        var check = new SpotCheck(vendor, day.Value.Id, request.GoodsId, goodsName!, request.Inspector!.Trim(), result, request.Serious && result == SpotCheckResult.Fail,
            MarketContext.Blank(request.Note), ctx.User.UserId, ctx.UtcNow);
        ctx.Db.MarketSpotChecks.Add(check);
        var warned = result == SpotCheckResult.Fail
            && vendor.Warn($"抽查不合格：{goodsName}（{check.Note}）/ failed spot check", check.Serious, market.WarningsBeforeExpel, ctx.User.UserId, ctx.UtcNow);
        await ctx.Db.SaveChangesAsync(cancellationToken);
        return new SpotCheckDto(check.Id, check.MarketDayId, vendor.Id, vendor.Name, check.GoodsName, check.Inspector, check.Result, check.Serious, check.Note,
            check.CheckedUtc, warned, vendor.WarningCount, vendor.ExpelSuggested);
    }

    public async Task<Result<List<SpotCheckDto>>> ListAsync(Guid marketId, Guid? dayId, CancellationToken cancellationToken = default)
    {
        var market = await ctx.MarketAsync(marketId, cancellationToken);
        if (!market.IsSuccess) return market.Error!;
        var checks = ctx.Db.MarketSpotChecks.AsNoTracking().Where(c => c.MarketId == marketId);
        if (dayId is { } d) checks = checks.Where(c => c.MarketDayId == d);
        return await (from c in checks join v in ctx.Db.MarketVendors on c.VendorId equals v.Id
                      orderby c.CheckedUtc descending
                      select new SpotCheckDto(c.Id, c.MarketDayId, v.Id, v.Name, c.GoodsName, c.Inspector, c.Result, c.Serious, c.Note, c.CheckedUtc,
                          c.Result == SpotCheckResult.Fail, v.WarningCount, v.ExpelSuggested)).ToListAsync(cancellationToken);
    }
}

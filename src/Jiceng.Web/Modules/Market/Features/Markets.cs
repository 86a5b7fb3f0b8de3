using Jiceng.Web.Modules.Market.Domain;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Market.Features;

public sealed record CreateMarketRequest(string? DivisionCode, string? Name, string? Place, string? Zones = null, string? Theme = null,
    string? Organiser = null, string? SupervisionHotline = null, int? LoveStallExtraPercent = null, string? LoveStallFreeItems = null,
    int? ReapplyBanDays = null, int? WarningsBeforeExpel = null, string? DeliveryTeamName = null);

public sealed record MarketDto(Guid Id, string DivisionCode, string Name, string Place, IReadOnlyList<string> Zones, string? Theme, string? Organiser,
    string? SupervisionHotline, int LoveStallExtraPercent, string? LoveStallFreeItems, int ReapplyBanDays, int WarningsBeforeExpel,
    string? DeliveryTeamName, int Version);

public sealed record PlanMarketDayRequest(DateOnly? Date, TimeOnly? Opens, TimeOnly? Closes, string? Theme, string? NeedsSource);

public sealed record CloseMarketDayRequest(int HealthServed = 0, int PolicyServed = 0);

public sealed record MarketDayDto(Guid Id, Guid MarketId, DateOnly Date, TimeOnly Opens, TimeOnly Closes, string? Theme, string? NeedsSource,
    MarketDayStatus Status, int HealthServed, int PolicyServed, int Version);

/// <summary>Markets (a fixed place with zones and the love-stall and expulsion rules) and their days.</summary>
public sealed class Markets(MarketContext ctx)
{
    public static MarketDto ToDto(CommunityMarket m) => new(m.Id, m.DivisionCode, m.Name, m.Place, m.ZoneList, m.Theme, m.Organiser, m.SupervisionHotline,
        m.LoveStallExtraPercent, m.LoveStallFreeItems, m.ReapplyBanDays, m.WarningsBeforeExpel, m.DeliveryTeamName, m.Version);

    public static MarketDayDto ToDto(MarketDay d) => new(d.Id, d.MarketId, d.Date, d.Opens, d.Closes, d.Theme, d.NeedsSource, d.Status, d.HealthServed,
        d.PolicyServed, d.Version);

    public async Task<List<MarketDto>> ListAsync(CancellationToken cancellationToken = default)
    {
        var markets = await ctx.Db.Markets.AsNoTracking().OrderBy(m => m.DivisionCode).ThenBy(m => m.Name).ToListAsync(cancellationToken);
        return markets.Select(ToDto).ToList();
    }

    public async Task<Result<MarketDto>> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var market = await ctx.MarketAsync(id, cancellationToken);
        return market.IsSuccess ? ToDto(market.Value!) : market.Error!;
    }

    public async Task<Result<MarketDto>> CreateAsync(CreateMarketRequest request, CancellationToken cancellationToken = default)
    {
        if (Check(request) is { } invalid) return invalid;
        var code = request.DivisionCode?.Trim() ?? "";
        var division = await ctx.Db.Divisions.AsNoTracking().SingleOrDefaultAsync(d => d.Code == code, cancellationToken);
        if (division is null) return Error.NotFound("Division");
        if (division.Level is not (DivisionLevel.Township or DivisionLevel.Village))
            return Error.Validation("集市属于街道（乡镇）或社区 / A market belongs to a street (township) or a community.");
        var market = new CommunityMarket(division.Code, division.Path, request.Name!.Trim(), request.Place!.Trim(), ctx.UtcNow);
        Apply(market, request);
        ctx.Db.Markets.Add(market);
        await ctx.Db.SaveChangesAsync(cancellationToken);
        return ToDto(market);
    }

    public async Task<Result<MarketDto>> UpdateAsync(Guid id, CreateMarketRequest request, int? expectedVersion, CancellationToken cancellationToken = default)
    {
        var found = await ctx.MarketAsync(id, cancellationToken, track: true);
        if (!found.IsSuccess) return found.Error!;
        var market = found.Value!;
        if (Check(request with { DivisionCode = market.DivisionCode }) is { } invalid) return invalid;
        if (expectedVersion is { } expected && expected != market.Version) return MarketErrors.VersionMismatch();
        market.Name = request.Name!.Trim();
        market.Place = request.Place!.Trim();
        Apply(market, request);
        market.Touch();
        await ctx.Db.SaveChangesAsync(cancellationToken);
        return ToDto(market);
    }

    private static void Apply(CommunityMarket market, CreateMarketRequest request)
    {
        if (MarketContext.Blank(request.Zones) is { } zones)
            market.Zones = string.Join(',', zones.Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        market.Theme = MarketContext.Blank(request.Theme);
        market.Organiser = MarketContext.Blank(request.Organiser);
        market.SupervisionHotline = MarketContext.Blank(request.SupervisionHotline);
        market.LoveStallExtraPercent = request.LoveStallExtraPercent ?? market.LoveStallExtraPercent;
        market.LoveStallFreeItems = MarketContext.Blank(request.LoveStallFreeItems);
        market.ReapplyBanDays = request.ReapplyBanDays ?? market.ReapplyBanDays;
        market.WarningsBeforeExpel = request.WarningsBeforeExpel ?? market.WarningsBeforeExpel;
        market.DeliveryTeamName = MarketContext.Blank(request.DeliveryTeamName);
    }

    private static Error? Check(CreateMarketRequest r) =>
        MarketContext.Required(r.DivisionCode, 12, "所属街道或社区", "The division")
        ?? MarketContext.Required(r.Name, 100, "集市名称", "The name")
        ?? MarketContext.Required(r.Place, 200, "固定场地", "The place")
        ?? MarketContext.Optional(r.Zones, 200, "功能分区", "Zones")
        ?? MarketContext.Optional(r.Theme, 100, "主题", "The theme")
        ?? MarketContext.Optional(r.Organiser, 100, "主办", "The organiser")
        ?? MarketContext.Optional(r.SupervisionHotline, 32, "监督热线", "The hotline")
        ?? MarketContext.Optional(r.LoveStallFreeItems, 200, "免费领取物品", "Free items")
        ?? MarketContext.Optional(r.DeliveryTeamName, 100, "配送小分队名称", "The delivery team's name")
        ?? (r.LoveStallExtraPercent is < 0 or > 100 ? Error.Validation("爱心摊位额外折扣须在 0–100% 之间 / The love-stall extra discount must be 0–100 %.") : null)
        ?? (r.ReapplyBanDays is < 0 or > 3650 ? Error.Validation("禁入期须在 0–3650 天之间 / The ban must be 0–3650 days.") : null)
        ?? (r.WarningsBeforeExpel is < 1 or > 20 ? Error.Validation("建议清退的警告次数须在 1–20 之间 / Warnings before expulsion must be 1–20.") : null);

    public async Task<Result<List<MarketDayDto>>> DaysAsync(Guid marketId, CancellationToken cancellationToken = default)
    {
        var market = await ctx.MarketAsync(marketId, cancellationToken);
        if (!market.IsSuccess) return market.Error!;
        var days = await ctx.Db.MarketDays.AsNoTracking().Where(d => d.MarketId == marketId).OrderByDescending(d => d.Date).ToListAsync(cancellationToken);
        return days.Select(ToDto).ToList();
    }

    public async Task<Result<MarketDayDto>> PlanDayAsync(Guid marketId, PlanMarketDayRequest request, CancellationToken cancellationToken = default)
    {
        var found = await ctx.MarketAsync(marketId, cancellationToken);
        if (!found.IsSuccess) return found.Error!;
        if (request.Date is not { } date) return Error.Validation("请填写日期 / The date is required.");
        var opens = request.Opens ?? new TimeOnly(7, 0);
        var closes = request.Closes ?? new TimeOnly(11, 0);
        if (closes <= opens) return Error.Validation("收市时间须晚于开市时间 / Closing must be after opening.");
        if ((MarketContext.Optional(request.Theme, 100, "主题", "The theme") ?? MarketContext.Optional(request.NeedsSource, 300, "需求来源", "The needs source")) is { } invalid)
            return invalid;
        if (await ctx.Db.MarketDays.AnyAsync(d => d.MarketId == marketId && d.Date == date, cancellationToken))
            return Error.Conflict($"{date:yyyy-MM-dd} 已有大集 / There is already a market day on {date:yyyy-MM-dd}.");
        var day = new MarketDay(found.Value!, date, opens, closes, MarketContext.Blank(request.Theme), MarketContext.Blank(request.NeedsSource), ctx.UtcNow);
        ctx.Db.MarketDays.Add(day);
        try
        {
            await ctx.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict($"{date:yyyy-MM-dd} 已有大集 / There is already a market day on {date:yyyy-MM-dd}.");
        }
        return ToDto(day);
    }

    /// <param name="action">open, close or cancel.</param>
    public async Task<Result<MarketDayDto>> ChangeDayAsync(Guid marketId, Guid dayId, string action, CloseMarketDayRequest? close, CancellationToken cancellationToken = default)
    {
        var found = await ctx.DayAsync(marketId, dayId, cancellationToken);
        if (!found.IsSuccess) return found.Error!;
        var day = found.Value!;
        if (close is { HealthServed: < 0 or > 100000 } or { PolicyServed: < 0 or > 100000 })
            return Error.Validation("服务人次须在 0–100000 之间 / People served must be 0–100000.");
        var done = action switch
        {
            "open" => day.TryOpen(),
            "close" => day.TryClose(close?.HealthServed ?? 0, close?.PolicyServed ?? 0),
            "cancel" => day.TryCancel(),
            _ => false,
        };
        if (!done) return MarketErrors.Transition(action, day.Status);
        await ctx.Db.SaveChangesAsync(cancellationToken);
        return ToDto(day);
    }
}

using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiceng.Web.Modules.Market.Features;

public sealed record LoveStallFlagRequest(bool IsLoveStall);

/// <summary>The market API's handlers: each reads the request, calls its use case and maps the result.</summary>
public static class MarketApi
{
    private static Results<Ok<T>, ProblemHttpResult> OkOr<T>(Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();

    private static Results<Created<T>, ProblemHttpResult> CreatedOr<T>(Result<T> result, Func<T, string> location) =>
        result.IsSuccess ? TypedResults.Created(location(result.Value!), result.Value!) : result.Error!.ToProblem();

    private static Error BadIfMatch() => Error.Validation("If-Match 须为记录的版本号，如 \"3\" / If-Match must be the record's version, e.g. \"3\".");

    public static async Task<Ok<List<MarketDto>>> ListMarketsAsync(Markets markets, CancellationToken ct) => TypedResults.Ok(await markets.ListAsync(ct));

    public static async Task<Results<Created<MarketDto>, ProblemHttpResult>> CreateMarketAsync(CreateMarketRequest request, Markets markets, CancellationToken ct) =>
        CreatedOr(await markets.CreateAsync(request, ct), m => $"/api/v1/market/markets/{m.Id}");

    public static async Task<Results<Ok<MarketDto>, ProblemHttpResult>> GetMarketAsync(Guid id, Markets markets, CancellationToken ct) =>
        OkOr(await markets.GetAsync(id, ct));

    public static async Task<Results<Ok<MarketDto>, ProblemHttpResult>> UpdateMarketAsync(Guid id, CreateMarketRequest request, Markets markets, HttpContext http, CancellationToken ct) =>
        !IfMatchHeader.TryRead(http, out var expected) ? BadIfMatch().ToProblem() : OkOr(await markets.UpdateAsync(id, request, expected, ct));

    public static async Task<Results<Ok<List<MarketDayDto>>, ProblemHttpResult>> ListDaysAsync(Guid id, Markets markets, CancellationToken ct) =>
        OkOr(await markets.DaysAsync(id, ct));

    public static async Task<Results<Created<MarketDayDto>, ProblemHttpResult>> PlanDayAsync(Guid id, PlanMarketDayRequest request, Markets markets, CancellationToken ct) =>
        CreatedOr(await markets.PlanDayAsync(id, request, ct), d => $"/api/v1/market/markets/{id}/days/{d.Id}");

    public static async Task<Results<Ok<MarketDayDto>, ProblemHttpResult>> ChangeDayAsync(Guid id, Guid dayId, string action, Markets markets, HttpContext http,
        CancellationToken ct)
    {
        CloseMarketDayRequest? close = null;
        if (action == "close" && http.Request.ContentLength is > 0) close = await http.Request.ReadFromJsonAsync<CloseMarketDayRequest>(ct);
        return OkOr(await markets.ChangeDayAsync(id, dayId, action, close, ct));
    }

    public static async Task<Results<Ok<List<VendorDto>>, ProblemHttpResult>> ListVendorsAsync(Guid id, Vendors vendors, CancellationToken ct, string? status = null) =>
        OkOr(await vendors.ListAsync(id, status, ct));

    public static async Task<Results<Ok<VendorDto>, ProblemHttpResult>> GetVendorAsync(Guid id, Guid vendorId, Vendors vendors, CancellationToken ct) =>
        OkOr(await vendors.GetAsync(id, vendorId, ct));

    public static async Task<Results<Created<VendorDto>, ProblemHttpResult>> ApplyAsync(Guid id, VendorApplicationRequest request, Vendors vendors, CancellationToken ct) =>
        CreatedOr(await vendors.ApplyAsync(id, request, ct), v => $"/api/v1/market/markets/{id}/vendors/{v.Id}");

    public static async Task<Results<Ok<VendorDto>, ProblemHttpResult>> VendorActionAsync(Guid id, Guid vendorId, string action, VendorActionRequest request,
        Vendors vendors, HttpContext http, CancellationToken ct) =>
        !IfMatchHeader.TryRead(http, out var expected) ? BadIfMatch().ToProblem() : OkOr(await vendors.ActAsync(id, vendorId, action, request, expected, ct));

    public static async Task<Results<Ok<VendorDto>, ProblemHttpResult>> LoveStallFlagAsync(Guid id, Guid vendorId, LoveStallFlagRequest request, Vendors vendors,
        CancellationToken ct) => OkOr(await vendors.SetLoveStallAsync(id, vendorId, request.IsLoveStall, ct));

    public static async Task<Results<Ok<List<StallAllocationDto>>, ProblemHttpResult>> ListStallsAsync(Guid id, Vendors vendors, CancellationToken ct) =>
        OkOr(await vendors.AllocationsAsync(id, ct));

    public static async Task<Results<Created<StallAllocationDto>, ProblemHttpResult>> AllocateStallAsync(Guid id, AllocateStallRequest request, Vendors vendors,
        CancellationToken ct) => CreatedOr(await vendors.AllocateAsync(id, request, ct), a => $"/api/v1/market/markets/{id}/stalls/{a.Id}");

    public static async Task<Results<Ok<List<GoodsDto>>, ProblemHttpResult>> ListGoodsAsync(Guid id, Goods goods, CancellationToken ct, Guid? day = null) =>
        OkOr(await goods.ListAsync(id, day, ct));

    public static async Task<Results<Created<GoodsDto>, ProblemHttpResult>> AddGoodsAsync(Guid id, AddGoodsRequest request, Goods goods, CancellationToken ct) =>
        CreatedOr(await goods.AddAsync(id, request, ct), g => $"/api/v1/market/markets/{id}/goods/{g.Id}");

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveGoodsAsync(Guid id, Guid goodsId, Goods goods, CancellationToken ct)
    {
        var result = await goods.RemoveAsync(id, goodsId, ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<List<SpotCheckDto>>, ProblemHttpResult>> ListChecksAsync(Guid id, SpotChecks checks, CancellationToken ct, Guid? day = null) =>
        OkOr(await checks.ListAsync(id, day, ct));

    public static async Task<Results<Created<SpotCheckDto>, ProblemHttpResult>> RecordCheckAsync(Guid id, RecordSpotCheckRequest request, SpotChecks checks,
        CancellationToken ct) => CreatedOr(await checks.RecordAsync(id, request, ct), c => $"/api/v1/market/markets/{id}/spot-checks/{c.Id}");

    public static async Task<Results<Ok<List<LoveStallPurchaseDto>>, ProblemHttpResult>> ListPurchasesAsync(Guid id, LoveStall stall, CancellationToken ct, Guid? day = null) =>
        OkOr(await stall.ListAsync(id, day, ct));

    public static async Task<Results<Created<LoveStallPurchaseDto>, ProblemHttpResult>> PurchaseAsync(Guid id, LoveStallPurchaseRequest request, LoveStall stall,
        CancellationToken ct) => CreatedOr(await stall.PurchaseAsync(id, request, ct), p => $"/api/v1/market/markets/{id}/love-stall/purchases/{p.Id}");

    public static async Task<Results<Ok<List<TeamMemberDto>>, ProblemHttpResult>> TeamAsync(Guid id, Deliveries deliveries, CancellationToken ct) =>
        OkOr(await deliveries.TeamAsync(id, ct));

    public static async Task<Results<Created<TeamMemberDto>, ProblemHttpResult>> AddMemberAsync(Guid id, AddTeamMemberRequest request, Deliveries deliveries,
        CancellationToken ct) => CreatedOr(await deliveries.AddMemberAsync(id, request, ct), m => $"/api/v1/market/markets/{id}/delivery-team/{m.Id}");

    public static async Task<Results<Ok<List<DeliveryDto>>, ProblemHttpResult>> ListDeliveriesAsync(Guid id, Deliveries deliveries, CancellationToken ct, string? status = null) =>
        OkOr(await deliveries.ListAsync(id, status, ct));

    public static async Task<Results<Created<DeliveryDto>, ProblemHttpResult>> CreateDeliveryAsync(Guid id, CreateDeliveryRequest request, Deliveries deliveries,
        CancellationToken ct) => CreatedOr(await deliveries.CreateAsync(id, request, ct), o => $"/api/v1/market/markets/{id}/deliveries/{o.Id}");

    public static async Task<Results<Ok<DeliveryDto>, ProblemHttpResult>> DeliveryActionAsync(Guid id, Guid orderId, string action, DeliveryActionRequest request,
        Deliveries deliveries, HttpContext http, CancellationToken ct) =>
        !IfMatchHeader.TryRead(http, out var expected) ? BadIfMatch().ToProblem() : OkOr(await deliveries.ActAsync(id, orderId, action, request, expected, ct));

    public static async Task<Results<Ok<List<SupervisorDto>>, ProblemHttpResult>> SupervisorsAsync(Guid id, Complaints complaints, CancellationToken ct) =>
        OkOr(await complaints.SupervisorsAsync(id, ct));

    public static async Task<Results<Created<SupervisorDto>, ProblemHttpResult>> AddSupervisorAsync(Guid id, AddSupervisorRequest request, Complaints complaints,
        CancellationToken ct) => CreatedOr(await complaints.AddSupervisorAsync(id, request, ct), s => $"/api/v1/market/markets/{id}/supervisors/{s.Id}");

    public static async Task<Results<Ok<List<ComplaintDto>>, ProblemHttpResult>> ListComplaintsAsync(Guid id, Complaints complaints, CancellationToken ct, string? status = null) =>
        OkOr(await complaints.ListAsync(id, status, ct));

    public static async Task<Results<Created<ComplaintDto>, ProblemHttpResult>> CreateComplaintAsync(Guid id, CreateComplaintRequest request, Complaints complaints,
        CancellationToken ct) => CreatedOr(await complaints.CreateAsync(id, request, ct), c => $"/api/v1/market/markets/{id}/complaints/{c.Id}");

    public static async Task<Results<Ok<ComplaintDto>, ProblemHttpResult>> ComplaintActionAsync(Guid id, Guid complaintId, string action, HandleComplaintRequest request,
        Complaints complaints, HttpContext http, CancellationToken ct) =>
        !IfMatchHeader.TryRead(http, out var expected) ? BadIfMatch().ToProblem() : OkOr(await complaints.ActAsync(id, complaintId, action, request, expected, ct));

    public static async Task<Ok<List<ComplaintDto>>> MyComplaintsAsync(Complaints complaints, CancellationToken ct) => TypedResults.Ok(await complaints.MineAsync(ct));

    public static async Task<Results<Ok<MarketFiguresDto>, ProblemHttpResult>> FiguresAsync(Guid id, MarketFigures figures, CancellationToken ct,
        DateOnly? from = null, DateOnly? to = null) =>
        OkOr(await figures.FiguresAsync(id, from, to, ct));

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportFiguresAsync(Guid id, MarketFigures figures, Markets markets, CancellationToken ct,
        DateOnly? from = null, DateOnly? to = null)
    {
        var result = await figures.FiguresAsync(id, from, to, ct);
        if (!result.IsSuccess) return result.Error!.ToProblem();
        var market = await markets.GetAsync(id, ct);
        if (!market.IsSuccess) return market.Error!.ToProblem();
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        var name = $"惠民大集数据-{market.Value!.Name}-{from?.ToString("yyyyMMdd", ci) ?? "始"}-{to?.ToString("yyyyMMdd", ci) ?? "今"}.xlsx";
        return TypedResults.File(MarketFigures.Workbook(market.Value.Name, result.Value!), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    public static async Task<Results<Ok<PriceBoard>, ProblemHttpResult>> BoardAsync(Guid id, PublicMarketBoard board, CancellationToken ct) =>
        await board.BoardAsync(id, ct) is { } found ? TypedResults.Ok(found) : Error.NotFound("Market").ToProblem();
}

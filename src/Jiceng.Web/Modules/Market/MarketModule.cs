using Jiceng.Web.Modules.Market.Features;
using Jiceng.Web.Platform.Auth;

namespace Jiceng.Web.Modules.Market;

/// <summary>Registration of the community market module (issue 6): 惠民大集.</summary>
public static class MarketModule
{
    public static IServiceCollection AddMarketModule(this IServiceCollection services)
    {
        services.AddScoped<PublicMarkets>();
        services.AddScoped<MarketContext>();
        services.AddScoped<Markets>();
        services.AddScoped<Vendors>();
        services.AddScoped<Goods>();
        services.AddScoped<SpotChecks>();
        services.AddScoped<LoveStall>();
        services.AddScoped<Deliveries>();
        services.AddScoped<Complaints>();
        services.AddScoped<MarketFigures>();
        services.AddScoped<PublicMarketBoard>();
        services.AddAuthorizationBuilder().AddPolicy(MarketRoles.StaffPolicy, p => p.RequireRole(MarketRoles.Staff));
        return services;
    }

    public static IEndpointRouteBuilder MapMarketApi(this IEndpointRouteBuilder app)
    {
        var root = app.MapGroup("/api/v1/market").WithTags("Market");
        var staff = root.MapGroup("/markets").RequireAuthorization(MarketRoles.StaffPolicy);

        staff.MapGet("/", MarketApi.ListMarketsAsync).WithName("ListMarkets").WithSummary("惠民大集 in the caller's scope");
        staff.MapPost("/", MarketApi.CreateMarketAsync).WithName("CreateMarket").WithSummary("A market of a street or community: place, zones, hotline, love-stall discount, ban days");
        staff.MapGet("/{id:guid}", MarketApi.GetMarketAsync).WithName("GetMarket");
        staff.MapPut("/{id:guid}", MarketApi.UpdateMarketAsync).WithName("UpdateMarket").WithSummary("Change a market's settings; If-Match: the version read");

        staff.MapGet("/{id:guid}/days", MarketApi.ListDaysAsync).WithName("ListMarketDays").WithSummary("Market days, newest first");
        staff.MapPost("/{id:guid}/days", MarketApi.PlanDayAsync).WithName("PlanMarketDay").WithSummary("Plan a day: date, hours, a theme from residents' needs");
        staff.MapPost("/{id:guid}/days/{dayId:guid}/{action:regex(^(open|close|cancel)$)}", MarketApi.ChangeDayAsync).WithName("ChangeMarketDay")
            .WithSummary("open, close (with people served in the health and policy zones) or cancel a day; illegal → 409 invalid_transition");

        staff.MapGet("/{id:guid}/vendors", MarketApi.ListVendorsAsync).WithName("ListMarketVendors").WithSummary("Vendors with status, stall and warnings (contact masked)");
        staff.MapPost("/{id:guid}/vendors", MarketApi.ApplyAsync).WithName("ApplyMarketVendor")
            .WithSummary("A vendor's application; an expelled vendor within the ban → 409 vendor_banned");
        staff.MapGet("/{id:guid}/vendors/{vendorId:guid}", MarketApi.GetVendorAsync).WithName("GetMarketVendor").WithSummary("A vendor with the status history");
        staff.MapPost("/{id:guid}/vendors/{vendorId:guid}/{action:regex(^(admit|reject|warn|expel)$)}", MarketApi.VendorActionAsync).WithName("ChangeMarketVendor")
            .WithSummary("准入退出: admit (stallNo), reject, warn, expel (reason); illegal → 409 invalid_transition; optional If-Match");
        staff.MapPut("/{id:guid}/vendors/{vendorId:guid}/love-stall", MarketApi.LoveStallFlagAsync).WithName("SetLoveStall").WithSummary("Designate a love stall (爱心摊位)");

        staff.MapGet("/{id:guid}/stalls", MarketApi.ListStallsAsync).WithName("ListStallAllocations").WithSummary("Free or low-rent stalls for families in difficulty");
        staff.MapPost("/{id:guid}/stalls", MarketApi.AllocateStallAsync).WithName("AllocateStall")
            .WithSummary("A free (rent 0) or low-rent stall for a 自产自销农民, 下岗人员 or 低收入家庭 vendor");

        staff.MapGet("/{id:guid}/goods", MarketApi.ListGoodsAsync).WithName("ListMarketGoods").WithSummary("Goods with market and fair price; ?day= one market day");
        staff.MapPost("/{id:guid}/goods", MarketApi.AddGoodsAsync).WithName("AddMarketGoods")
            .WithSummary("Goods of an admitted vendor on a day; the fair price must be 5–15 % below the market price, else 400 price_out_of_range");
        staff.MapDelete("/{id:guid}/goods/{goodsId:guid}", MarketApi.RemoveGoodsAsync).WithName("RemoveMarketGoods");

        staff.MapGet("/{id:guid}/spot-checks", MarketApi.ListChecksAsync).WithName("ListSpotChecks");
        staff.MapPost("/{id:guid}/spot-checks", MarketApi.RecordCheckAsync).WithName("RecordSpotCheck")
            .WithSummary("A random quality check; a failure warns the vendor, 3 warnings or a serious failure suggest expulsion");

        staff.MapGet("/{id:guid}/love-stall/purchases", MarketApi.ListPurchasesAsync).WithName("ListLoveStallPurchases");
        staff.MapPost("/{id:guid}/love-stall/purchases", MarketApi.PurchaseAsync).WithName("RecordLoveStallPurchase")
            .WithSummary("A 低保/特困/80+ purchase at a love stall with the extra discount; someone without the status → 400 not_eligible, nothing recorded");

        staff.MapGet("/{id:guid}/delivery-team", MarketApi.TeamAsync).WithName("ListDeliveryTeam");
        staff.MapPost("/{id:guid}/delivery-team", MarketApi.AddMemberAsync).WithName("AddDeliveryTeamMember");
        staff.MapGet("/{id:guid}/deliveries", MarketApi.ListDeliveriesAsync).WithName("ListDeliveries").WithSummary("Free deliveries (name, address, phone masked)");
        staff.MapPost("/{id:guid}/deliveries", MarketApi.CreateDeliveryAsync).WithName("CreateDelivery").WithSummary("A free delivery order for a market day");
        staff.MapPost("/{id:guid}/deliveries/{orderId:guid}/{action:regex(^(assign|complete|cancel)$)}", MarketApi.DeliveryActionAsync).WithName("ChangeDelivery")
            .WithSummary("assign (memberId), complete (deliveredAt), cancel");

        staff.MapGet("/{id:guid}/supervisors", MarketApi.SupervisorsAsync).WithName("ListMarketSupervisors");
        staff.MapPost("/{id:guid}/supervisors", MarketApi.AddSupervisorAsync).WithName("AddMarketSupervisor").WithSummary("A volunteer supervisor (义务监督员), optionally with an account");
        staff.MapGet("/{id:guid}/complaints", MarketApi.ListComplaintsAsync).WithName("ListMarketComplaints");
        staff.MapPost("/{id:guid}/complaints/{complaintId:guid}/{action:regex(^(accept|handle)$)}", MarketApi.ComplaintActionAsync).WithName("HandleMarketComplaint")
            .WithSummary("The command post accepts and handles a complaint (result)");
        staff.MapGet("/{id:guid}/figures", MarketApi.FiguresAsync).WithName("GetMarketFigures")
            .WithSummary("Totals and per-day figures; ?from=&to= (China dates) limits them to a period");
        staff.MapGet("/{id:guid}/figures/export", MarketApi.ExportFiguresAsync).WithName("ExportMarketFigures")
            .WithSummary("The figures as Excel (?from=&to=): the period's totals and one row per market day; amounts in yuan");

        // Any signed-in account may complain about a market (residents, volunteer supervisors; staff record hotline calls).
        root.MapPost("/markets/{id:guid}/complaints", MarketApi.CreateComplaintAsync).RequireAuthorization(Policies.AnyAccount).WithName("CreateMarketComplaint")
            .WithSummary("A complaint (quality, price, service, safety) to the command post");
        root.MapGet("/complaints/mine", MarketApi.MyComplaintsAsync).RequireAuthorization(Policies.AnyAccount).WithName("ListMyMarketComplaints");
        root.MapGet("/public/{id:guid}/board", MarketApi.BoardAsync).AllowAnonymous().WithName("GetMarketPriceBoard")
            .WithSummary("The public price board: goods with both prices and the saving, the hotline and the next day; no personal data");
        return app;
    }
}

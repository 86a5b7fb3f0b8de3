using Jiceng.Web.Modules.ElderlyChildren.Features;

namespace Jiceng.Web.Modules.ElderlyChildren;

/// <summary>Registration of the elderly and children module (issue 6).</summary>
public static class ElderlyChildrenModule
{
    public static IServiceCollection AddElderlyChildrenModule(this IServiceCollection services)
    {
        services.AddScoped<ElderlyCommon>();
        services.AddScoped<Canteens>();
        services.AddScoped<CareStations>();
        services.AddScoped<ChildrenProgrammes>();
        services.AddScoped<PublicCanteen>();
        services.AddAuthorizationBuilder().AddPolicy(ElderlyRoles.StaffPolicy, p => p.RequireRole(ElderlyRoles.Staff));
        return services;
    }

    public static IEndpointRouteBuilder MapElderlyChildrenApi(this IEndpointRouteBuilder app)
    {
        var canteens = app.MapGroup("/api/v1/canteens").WithTags("Canteens").RequireAuthorization(ElderlyRoles.StaffPolicy);
        canteens.MapGet("", ElderlyChildrenApi.ListCanteensAsync).WithName("ListCanteens").WithSummary("社区食堂 in the caller's scope (?division=)");
        canteens.MapPost("", ElderlyChildrenApi.CreateCanteenAsync).WithName("CreateCanteen").WithSummary("A canteen of a community: name, place, meal times");
        canteens.MapGet("/{id:guid}", ElderlyChildrenApi.GetCanteenAsync).WithName("GetCanteen").WithSummary("A canteen; ETag: its version");
        canteens.MapPut("/{id:guid}", ElderlyChildrenApi.UpdateCanteenAsync).WithName("UpdateCanteen")
            .WithSummary("Edit name, place and meal times; optional If-Match (a stale version → 409 conflict)");
        canteens.MapPost("/{id:guid}/deactivate", (Guid id, Canteens c, HttpContext http, CancellationToken ct) => ElderlyChildrenApi.SetCanteenActiveAsync(id, false, c, http, ct))
            .WithName("DeactivateCanteen").WithSummary("Out of service: orders and settlements stay; off the portal; new meals and orders → 409 canteen_inactive");
        canteens.MapPost("/{id:guid}/reactivate", (Guid id, Canteens c, HttpContext http, CancellationToken ct) => ElderlyChildrenApi.SetCanteenActiveAsync(id, true, c, http, ct))
            .WithName("ReactivateCanteen").WithSummary("Back in service");
        canteens.MapGet("/people", ElderlyChildrenApi.SearchPeopleAsync).WithName("SearchCanteenPeople")
            .WithSummary("Residents found at the counter by name, phone tail (4 digits) or ID number (masked)");
        canteens.MapGet("/{id:guid}/rules", ElderlyChildrenApi.RulesAsync).WithName("GetCanteenSubsidyRules").WithSummary("The \"三个一点\" bands");
        canteens.MapPut("/{id:guid}/rules", ElderlyChildrenApi.SetRulesAsync).WithName("SetCanteenSubsidyRules")
            .WithSummary("Replace the bands: age (at the meal date) and/or key group; government and community shares in fen (fixedFen) or percent; orders keep their split");
        canteens.MapGet("/{id:guid}/menu", ElderlyChildrenApi.MenuAsync).WithName("GetCanteenMenu").WithSummary("Meals from ?from= to ?to= (default: this week from today)");
        canteens.MapPost("/{id:guid}/menu", ElderlyChildrenApi.AddMenuItemAsync).WithName("AddCanteenMenuItem").WithSummary("A meal of a day: title, dishes, list price in fen");
        canteens.MapDelete("/{id:guid}/menu/{itemId:guid}", ElderlyChildrenApi.RemoveMenuItemAsync).WithName("RemoveCanteenMenuItem");
        canteens.MapGet("/{id:guid}/quote", ElderlyChildrenApi.QuoteAsync).WithName("QuoteMeal").WithSummary("What a person would pay for a meal (?menuItemId=&personId=)");
        canteens.MapGet("/{id:guid}/orders", ElderlyChildrenApi.OrdersAsync).WithName("ListMealOrders").WithSummary("Orders by meal day (?from=&to=&personId=)");
        canteens.MapPost("/{id:guid}/orders", ElderlyChildrenApi.OrderAsync).WithName("PlaceMealOrder").WithSummary("Order a meal for a resident: the split is computed now and kept");
        canteens.MapGet("/{id:guid}/orders/{orderId:guid}", ElderlyChildrenApi.GetOrderAsync).WithName("GetMealOrder");
        canteens.MapPost("/{id:guid}/orders/{orderId:guid}/cancel", ElderlyChildrenApi.CancelOrderAsync).WithName("CancelMealOrder").WithSummary("Cancel before the meal is served");
        canteens.MapGet("/{id:guid}/settlement", ElderlyChildrenApi.SettlementAsync).WithName("GetCanteenSettlement")
            .WithSummary("Monthly subsidy settlement per funder (?month=yyyy-MM, China calendar): government, community and elderly sums in fen");
        canteens.MapGet("/{id:guid}/settlement.xlsx", ElderlyChildrenApi.SettlementExcelAsync).WithName("ExportCanteenSettlement").WithSummary("The settlement as Excel (yuan)");

        var elderly = app.MapGroup("/api/v1/elderly").WithTags("Elderly care stations").RequireAuthorization(ElderlyRoles.StaffPolicy);
        elderly.MapGet("/stations", ElderlyChildrenApi.ListStationsAsync).WithName("ListCareStations").WithSummary("养老驿站 in scope");
        elderly.MapPost("/stations", ElderlyChildrenApi.CreateStationAsync).WithName("CreateCareStation");
        elderly.MapGet("/stations/{id:guid}", ElderlyChildrenApi.GetStationAsync).WithName("GetCareStation").WithSummary("A station; ETag: its version");
        elderly.MapPut("/stations/{id:guid}", ElderlyChildrenApi.UpdateStationAsync).WithName("UpdateCareStation")
            .WithSummary("Edit name, place and opening hours; optional If-Match (a stale version → 409 conflict)");
        elderly.MapPost("/stations/{id:guid}/deactivate", (Guid id, CareStations s, HttpContext http, CancellationToken ct) => ElderlyChildrenApi.SetStationActiveAsync(id, false, s, http, ct))
            .WithName("DeactivateCareStation").WithSummary("Out of service: checks and activities stay; new ones → 409 station_inactive");
        elderly.MapPost("/stations/{id:guid}/reactivate", (Guid id, CareStations s, HttpContext http, CancellationToken ct) => ElderlyChildrenApi.SetStationActiveAsync(id, true, s, http, ct))
            .WithName("ReactivateCareStation").WithSummary("Back in service");
        elderly.MapGet("/stations/{id:guid}/activities", ElderlyChildrenApi.ActivitiesAsync).WithName("ListStationActivities");
        elderly.MapPost("/stations/{id:guid}/activities", ElderlyChildrenApi.AddActivityAsync).WithName("AddStationActivity").WithSummary("健康讲座, 义诊 …: date, title, attendance");
        elderly.MapPost("/health-checks", ElderlyChildrenApi.RecordCheckAsync).WithName("RecordHealthCheck")
            .WithSummary("Blood pressure and/or glucose for a resident; values sealed; an abnormal check notifies the person's helpers");
        elderly.MapGet("/health-checks", ElderlyChildrenApi.ListChecksAsync).WithName("ListHealthChecks")
            .WithSummary("Checks without values (?division=&personId=&abnormal=&stationId=): the flagged list is abnormal=true");
        elderly.MapGet("/health-checks/{id:guid}", ElderlyChildrenApi.GetCheckAsync).WithName("GetHealthCheck").WithSummary("A check with its values (the read is audited)");
        elderly.MapGet("/figures", ElderlyChildrenApi.StationFiguresAsync).WithName("GetCareStationFigures")
            .WithSummary("People checked (distinct), checks, abnormal and activity attendance per station and month (?division=&from=&to=)");

        var children = app.MapGroup("/api/v1/children").WithTags("Children's programmes").RequireAuthorization(ElderlyRoles.StaffPolicy);
        children.MapGet("/programmes", ElderlyChildrenApi.ListProgrammesAsync).WithName("ListChildrenProgrammes").WithSummary("四点半课堂, 童心港湾 in scope");
        children.MapPost("/programmes", ElderlyChildrenApi.CreateProgrammeAsync).WithName("CreateChildrenProgramme");
        children.MapGet("/programmes/{id:guid}", ElderlyChildrenApi.GetProgrammeAsync).WithName("GetChildrenProgramme").WithSummary("A programme; ETag: its version");
        children.MapPut("/programmes/{id:guid}", ElderlyChildrenApi.UpdateProgrammeAsync).WithName("UpdateChildrenProgramme")
            .WithSummary("Edit name, kind, place, term and capacity (not below the enrolled: 409 capacity_below_enrolled); optional If-Match (stale → 409 conflict)");
        children.MapPost("/programmes/{id:guid}/deactivate", (Guid id, ChildrenProgrammes p, HttpContext http, CancellationToken ct) => ElderlyChildrenApi.SetProgrammeActiveAsync(id, false, p, http, ct))
            .WithName("DeactivateChildrenProgramme").WithSummary("Discontinue: enrolments and attendance stay; off the portal; new enrolments and sessions → 409 programme_inactive");
        children.MapPost("/programmes/{id:guid}/reactivate", (Guid id, ChildrenProgrammes p, HttpContext http, CancellationToken ct) => ElderlyChildrenApi.SetProgrammeActiveAsync(id, true, p, http, ct))
            .WithName("ReactivateChildrenProgramme").WithSummary("Resume the programme");
        children.MapGet("/programmes/{id:guid}/sessions", ElderlyChildrenApi.SessionsAsync).WithName("ListProgrammeSessions");
        children.MapPost("/programmes/{id:guid}/sessions", ElderlyChildrenApi.AddSessionAsync).WithName("AddProgrammeSession");
        children.MapGet("/programmes/{id:guid}/enrolments", ElderlyChildrenApi.EnrolmentsAsync).WithName("ListProgrammeEnrolments");
        children.MapPost("/programmes/{id:guid}/enrolments", ElderlyChildrenApi.EnrolAsync).WithName("EnrolChild")
            .WithSummary("Enrol a child (person or name + birth date); under 14 a guardian's consent is required (400 guardian_consent_required)");
        children.MapPost("/enrolments/{id:guid}/withdraw", ElderlyChildrenApi.WithdrawAsync).WithName("WithdrawEnrolment");
        children.MapPut("/sessions/{id:guid}/attendance", ElderlyChildrenApi.MarkAsync).WithName("MarkSessionAttendance").WithSummary("present / absent / leave per enrolment");
        children.MapGet("/figures", ElderlyChildrenApi.ChildrenFiguresAsync).WithName("GetChildrenFigures").WithSummary("Enrolled, sessions and student visits (人次)");
        return app;
    }
}

using Jiceng.Web.Modules.Care.Features;

namespace Jiceng.Web.Modules.Care;

public static class CareModule
{
    public static IServiceCollection AddCareModule(this IServiceCollection services)
    {
        services.AddOptions<CareOptions>().BindConfiguration(CareOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<CareQueries>();
        services.AddScoped<VisitSchedule>();
        services.AddScoped<KeyGroupLedger>();
        services.AddScoped<HelpPlans>();
        services.AddScoped<CareVisits>();
        services.AddScoped<MedicalPairings>();
        services.AddScoped<CareDevices>();
        services.AddScoped<CareVisitPhone>();
        services.AddScoped<CarePeople>();
        services.AddSingleton<DeviceAlerts>();
        // Registered always; it returns at once when Care:VisitReminderMonitorEnabled is false (tests drive CheckAsync themselves).
        services.AddSingleton<VisitReminderMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<VisitReminderMonitor>());
        services.AddAuthorizationBuilder()
            .AddPolicy(CareRoles.StaffPolicy, p => p.RequireRole(CareRoles.Staff))
            .AddPolicy(CareRoles.ManagerPolicy, p => p.RequireRole(CareRoles.Managers));
        return services;
    }

    public static IEndpointRouteBuilder MapCareApi(this IEndpointRouteBuilder app)
    {
        var care = app.MapGroup("/api/v1/care").WithTags("Care").RequireAuthorization(CareRoles.StaffPolicy);

        care.MapGet("/groups", CareApi.LedgerAsync).WithName("GetKeyGroupLedger")
            .WithSummary("重点人群台账: each key group's total, by community and by grid, in the caller's scope (people removed on request still count)");
        care.MapGet("/groups/{code}", CareApi.GroupPeopleAsync).WithName("ListKeyGroupPeople")
            .WithSummary("A key group's people (ID and phone masked) with last visit, next due date, help plan and helpers");

        care.MapPost("/plans", CareApi.CreatePlanAsync).WithName("CreateHelpPlan").WithSummary("一人一策: a help plan with helpers and a review date");
        care.MapGet("/plans", CareApi.ListPlansAsync).WithName("ListHelpPlans")
            .WithSummary("Help plans (summary, never the measures); dueBefore lists active plans whose review is due before that day");
        care.MapGet("/plans/{id:guid}", CareApi.GetPlanAsync).WithName("GetHelpPlan").WithSummary("A help plan with its measures (sealed; the read is audited)");
        care.MapPut("/plans/{id:guid}", CareApi.UpdatePlanAsync).WithName("UpdateHelpPlan").WithSummary("Change measures, review date and helpers; If-Match: the version read");
        care.MapPost("/plans/{id:guid}/close", CareApi.ClosePlanAsync).WithName("CloseHelpPlan");
        care.MapGet("/plans/{id:guid}/card", CareApi.CardAsync).WithName("GetLoveCard")
            .WithSummary("爱心联系牌: helpers' names, duties and phones (in full for community, street and county staff, audited; masked for others)");

        care.MapPost("/visits", CareApi.RecordVisitAsync).WithName("RecordCareVisit").WithSummary("走访慰问: the caller visited a person");
        care.MapGet("/visits", CareApi.ListVisitsAsync).WithName("ListCareVisits").WithSummary("Visits, newest first; findings are sealed (hasFindings only)");
        care.MapGet("/visits/{id:guid}", CareApi.GetVisitAsync).WithName("GetCareVisit").WithSummary("A visit with its findings (the read is audited)");
        care.MapGet("/visits/totals", CareApi.VisitTotalsAsync).WithName("GetCareVisitTotals").WithSummary("Visits, people visited and gift value per month, quarter or year");
        care.MapGet("/visits/due", CareApi.DueVisitsAsync).WithName("ListDueVisits").WithSummary("Key people whose visit is due within ?within= days (default 7)");
        care.MapGet("/visits/overdue", CareApi.OverdueVisitsAsync).WithName("ListOverdueVisits").WithSummary("Key people whose visit is overdue, with days overdue");

        care.MapPost("/medical-pairings", CareApi.CreatePairingAsync).WithName("CreateMedicalPairing")
            .WithSummary("党建+医疗: medical staff (or a family doctor) paired with a person; kind responsible or familyDoctor");
        care.MapGet("/medical-pairings", CareApi.ListPairingsAsync).WithName("ListMedicalPairings").WithSummary("Pairings, per staff and per person, with counts");
        care.MapPost("/medical-pairings/{id:guid}/guidance", CareApi.AddGuidanceAsync).WithName("AddMedicalGuidance").WithSummary("A guidance record (note sealed)");
        care.MapGet("/medical-pairings/{id:guid}/guidance", CareApi.ListGuidanceAsync).WithName("ListMedicalGuidance");
        care.MapGet("/medical-guidance/{id:guid}", CareApi.GetGuidanceAsync).WithName("GetMedicalGuidance").WithSummary("A guidance record with its note (the read is audited)");
        care.MapGet("/medical", CareApi.MedicalFiguresAsync).WithName("GetMedicalFigures").WithSummary("Medical staff count and people covered, computed");

        care.MapPost("/devices", CareApi.RegisterDeviceAsync).RequireAuthorization(CareRoles.ManagerPolicy).WithName("RegisterCareDevice")
            .WithSummary("智慧千里眼: register a device for a person; the answer carries its secret once");
        care.MapGet("/devices", CareApi.ListDevicesAsync).WithName("ListCareDevices").WithSummary("Devices with their last event and status");
        care.MapGet("/devices/{id:guid}/events", CareApi.DeviceEventsAsync).WithName("ListCareDeviceEvents");

        // Devices are not users: no account, no data scope. They prove themselves with their serial and secret, checked first.
        app.MapPost("/api/v1/care/device-events", CareApi.DeviceEventAsync).AllowAnonymous().WithTags("Care").WithName("PostCareDeviceEvent")
            .Accepts<DeviceEventRequest>("application/json")
            .WithSummary("A device's event (fall, noMovement, sos), authenticated by X-Device-Serial and X-Device-Secret: an alert opens an urgent case");
        return app;
    }
}

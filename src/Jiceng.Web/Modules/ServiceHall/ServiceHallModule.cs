using Jiceng.Web.Modules.ServiceHall.Features;
using Jiceng.Web.Platform.Auth;

namespace Jiceng.Web.Modules.ServiceHall;

/// <summary>Registration of the service hall module (issue 6): catalogue, appointments, 帮办代办 and the 办不成事 window.</summary>
public static class ServiceHallModule
{
    public static IServiceCollection AddServiceHallModule(this IServiceCollection services)
    {
        services.AddOptions<ServiceHallOptions>().BindConfiguration(ServiceHallOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ServiceHallContext>();
        services.AddScoped<ServiceCatalogue>();
        services.AddScoped<Appointments>();
        services.AddScoped<HelpOrders>();
        services.AddScoped<HardRequests>();
        services.AddScoped<ServiceHallExports>();
        // Registered always; it returns at once when ServiceHall:AppointmentReminderEnabled is false (tests drive CheckAsync themselves).
        services.AddSingleton<AppointmentReminders>();
        services.AddHostedService(sp => sp.GetRequiredService<AppointmentReminders>());
        services.AddAuthorizationBuilder()
            .AddPolicy(ServiceHallRoles.StaffPolicy, p => p.RequireRole(ServiceHallRoles.Staff))
            .AddPolicy(ServiceHallRoles.BookerPolicy, p => p.RequireRole(ServiceHallRoles.Bookers));
        return services;
    }

    public static IEndpointRouteBuilder MapServiceHallApi(this IEndpointRouteBuilder app)
    {
        var items = app.MapGroup("/api/v1/service-items").WithTags("Service hall");
        items.MapGet("/", ServiceHallApi.ListItemsAsync).AllowAnonymous().WithName("ListServiceItems")
            .WithSummary("The public catalogue of a community (?division=, optional kind=direct|onBehalf, q=): active items, materials (一次性告知), time limit; no sign-in needed");
        items.MapGet("/figures", ServiceHallApi.CatalogueFiguresAsync).AllowAnonymous().WithName("GetServiceCatalogueFigures")
            .WithSummary("Distinct catalogue items by kind under a division (a county counts each item code once), and per community");
        items.MapGet("/manage", ServiceHallApi.ManageItemsAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("ManageServiceItems").WithSummary("Staff: a community's whole catalogue, inactive items too");
        items.MapGet("/export", ServiceHallApi.ExportCatalogueAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).AllowConsoleCookieReads().WithName("ExportServiceItems")
            .WithSummary("Staff: a community's catalogue as .xlsx (?division=): materials (一次性告知), time limit, responsible post; audited");
        items.MapGet("/{id:guid}", ServiceHallApi.GetItemAsync).AllowAnonymous().WithName("GetServiceItem").WithSummary("One active catalogue item (public)");
        items.MapPost("/", ServiceHallApi.CreateItemAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("CreateServiceItem").WithSummary("Staff add an item to a community's catalogue");
        items.MapPut("/{id:guid}", ServiceHallApi.UpdateItemAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("UpdateServiceItem").WithSummary("Staff edit an item (If-Match: its version)");
        items.MapGet("/{id:guid}/slots", ServiceHallApi.OpenSlotsAsync).AllowAnonymous().WithName("ListServiceSlots")
            .WithSummary("The item's future appointment slots with the places left (public)");
        items.MapPost("/{id:guid}/slots", ServiceHallApi.CreateSlotAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("CreateServiceSlot").WithSummary("Staff publish one slot (date, start, end HH:mm China time, capacity)");
        items.MapPost("/{id:guid}/slots/series", ServiceHallApi.CreateSeriesAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("CreateServiceSlotSeries")
            .WithSummary("Staff publish slots on every working day (county calendar) from..to, between dayStart and dayEnd, of N minutes");

        var slots = app.MapGroup("/api/v1/service-slots").WithTags("Service hall");
        slots.MapGet("/", ServiceHallApi.DaySlotsAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("ListDaySlots").WithSummary("Staff: a community's slots on a day (?division=&date=)");
        slots.MapPost("/{id:guid}/cancel", ServiceHallApi.CancelSlotAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("CancelServiceSlot")
            .WithSummary("Staff cancel a slot that has not started, with a reason: its bookings are cancelled and each booked resident is notified once (409 slot_cancelled, too_late)");
        slots.MapPost("/{id:guid}/appointments", ServiceHallApi.BookAsync).RequireAuthorization(ServiceHallRoles.BookerPolicy).WithName("BookServiceSlot")
            .WithSummary("预约办理: the caller books a place (409 slot_full when no place is left, already_booked for a second booking)");

        var appointments = app.MapGroup("/api/v1/appointments").WithTags("Service hall");
        appointments.MapGet("/", ServiceHallApi.ListAppointmentsAsync).RequireAuthorization(ServiceHallRoles.BookerPolicy).WithName("ListAppointments")
            .WithSummary("The caller's own appointments; staff with ?division=&date=: a community's bookings of the day with each person's no-show count");
        appointments.MapGet("/{id:guid}", ServiceHallApi.GetAppointmentAsync).RequireAuthorization(ServiceHallRoles.BookerPolicy).WithName("GetAppointment").WithSummary("An appointment of the caller or in the staff's scope");
        appointments.MapPost("/{id:guid}/cancel", ServiceHallApi.CancelAppointmentAsync).RequireAuthorization(ServiceHallRoles.BookerPolicy).WithName("CancelAppointment").WithSummary("Cancel until the slot starts; the place is freed");
        appointments.MapPost("/{id:guid}/attended", ServiceHallApi.AttendedAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("MarkAppointmentAttended")
            .WithSummary("Staff: the resident came (after the slot started)");
        appointments.MapPost("/{id:guid}/no-show", ServiceHallApi.NoShowAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("MarkAppointmentNoShow")
            .WithSummary("Staff: the resident did not come (counted per person)");

        var orders = app.MapGroup("/api/v1/help-orders").WithTags("Service hall");
        orders.MapGet("/", ServiceHallApi.ListOrdersAsync).RequireAuthorization(ServiceHallRoles.BookerPolicy).WithName("ListHelpOrders")
            .WithSummary("帮办代办 in scope (?division=&light=green|yellow|red&status=); a resident gets their own");
        orders.MapGet("/figures", ServiceHallApi.OrderFiguresAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("GetHelpOrderFigures")
            .WithSummary("Open orders by light, overdue, done on time and late, cannot do, 办不成事 solved, per community");
        orders.MapGet("/export", ServiceHallApi.ExportLedgerAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).AllowConsoleCookieReads().WithName("ExportHelpOrderLedger")
            .WithSummary("Staff: the 帮办代办 ledger (台账) as .xlsx, orders opened from..to (China days; default this month) in scope or ?division=, names and phones masked; audited");
        orders.MapGet("/{id:guid}", ServiceHallApi.GetOrderAsync).RequireAuthorization(ServiceHallRoles.BookerPolicy).WithName("GetHelpOrder")
            .WithSummary("An order in scope, or the resident's own");
        orders.MapPost("/", ServiceHallApi.OpenOrderAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("OpenHelpOrder")
            .WithSummary("首问负责: the caller opens an order for a resident and is responsible for it; due after the time limit in working days");
        orders.MapPost("/{id:guid}/start", ServiceHallApi.StartOrderAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("StartHelpOrder").WithSummary("The responsible starts handling it");
        orders.MapPost("/{id:guid}/hand-over", ServiceHallApi.HandOverAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("HandOverHelpOrder").WithSummary("The responsible hands it to a colleague, who answers for it now");
        orders.MapPost("/{id:guid}/hand-to-department", ServiceHallApi.HandToDepartmentAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("HandHelpOrderToDepartment")
            .WithSummary("Into the case loop: a case is filed and accepted; the order follows the case's result");
        orders.MapPost("/{id:guid}/complete", ServiceHallApi.CompleteAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("CompleteHelpOrder").WithSummary("Done, with the result told to the resident");
        orders.MapPost("/{id:guid}/cannot-do", ServiceHallApi.CannotDoAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("HelpOrderCannotDo").WithSummary("Cannot be done, with the reason told to the resident");

        var hard = app.MapGroup("/api/v1/hard-requests").WithTags("Service hall");
        hard.MapGet("/", ServiceHallApi.ListHardAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("ListHardRequests").WithSummary("办不成事 window records in scope (?division=&outcome=)");
        hard.MapGet("/{id:guid}", ServiceHallApi.GetHardAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("GetHardRequest").WithSummary("One 办不成事 record");
        hard.MapPost("/", ServiceHallApi.CreateHardAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("CreateHardRequest").WithSummary("Record what nobody else could handle; the recorder takes it");
        hard.MapPost("/{id:guid}/take", ServiceHallApi.TakeHardAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("TakeHardRequest").WithSummary("A colleague takes it over");
        hard.MapPost("/{id:guid}/outcome", ServiceHallApi.HardOutcomeAsync).RequireAuthorization(ServiceHallRoles.StaffPolicy).WithName("RecordHardRequestOutcome")
            .WithSummary("The outcome: solved, explained or referred, with a note and date");
        return app;
    }
}

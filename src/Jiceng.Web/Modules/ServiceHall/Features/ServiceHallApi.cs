using Jiceng.Web.Modules.ServiceHall.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiceng.Web.Modules.ServiceHall.Features;

/// <summary>The service hall API's handlers: each reads the request, calls the use case and maps the result.</summary>
public static class ServiceHallApi
{
    private static Results<Ok<T>, ProblemHttpResult> OkOr<T>(Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();

    private static Results<Created<T>, ProblemHttpResult> CreatedOr<T>(Result<T> result, Func<T, string> location) =>
        result.IsSuccess ? TypedResults.Created(location(result.Value!), result.Value!) : result.Error!.ToProblem();

    private static readonly Error BadIfMatch = Error.Validation("If-Match 须为记录的版本号，如 \"3\" / If-Match must be the record's version, e.g. \"3\".");

    private static bool TryEnum<T>(string? value, out T? parsed) where T : struct, Enum
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(value)) return true;
        if (!Enum.TryParse<T>(value.Trim(), true, out var v) || !Enum.IsDefined(v) || int.TryParse(value, out _)) return false;
        parsed = v;
        return true;
    }

    // Catalogue
    public static async Task<Results<Ok<List<ServiceItemDto>>, ProblemHttpResult>> ListItemsAsync(ServiceCatalogue catalogue, CancellationToken ct,
        string? division = null, string? kind = null, string? q = null)
    {
        if (!TryEnum<ServiceItemKind>(kind, out var k)) return Error.Validation("kind 须为 direct 或 onBehalf / kind must be direct or onBehalf.").ToProblem();
        return OkOr(await catalogue.PublicListAsync(division, k, q, ct));
    }

    public static async Task<Results<Ok<ServiceItemDto>, ProblemHttpResult>> GetItemAsync(Guid id, ServiceCatalogue catalogue, CancellationToken ct) =>
        OkOr(await catalogue.PublicGetAsync(id, ct));

    public static async Task<Results<Ok<List<ServiceItemDto>>, ProblemHttpResult>> ManageItemsAsync(ServiceCatalogue catalogue, CancellationToken ct, string? division = null) =>
        OkOr(await catalogue.ManageListAsync(division, ct));

    public static async Task<Results<Ok<CatalogueFigures>, ProblemHttpResult>> CatalogueFiguresAsync(ServiceCatalogue catalogue, CancellationToken ct, string? division = null) =>
        OkOr(await catalogue.FiguresAsync(division, ct));

    public static async Task<Results<Created<ServiceItemDto>, ProblemHttpResult>> CreateItemAsync(ServiceItemRequest request, ServiceCatalogue catalogue, CancellationToken ct) =>
        CreatedOr(await catalogue.CreateAsync(request, ct), i => $"/api/v1/service-items/{i.Id}");

    public static async Task<Results<Ok<ServiceItemDto>, ProblemHttpResult>> UpdateItemAsync(Guid id, ServiceItemRequest request, HttpContext http, ServiceCatalogue catalogue, CancellationToken ct)
    {
        if (!Platform.Http.IfMatchHeader.TryRead(http, out var expected)) return BadIfMatch.ToProblem();
        return OkOr(await catalogue.UpdateAsync(id, request, expected, ct));
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportCatalogueAsync(ServiceHallExports exports, CancellationToken ct, string? division = null)
    {
        var result = await exports.CatalogueAsync(division, ct);
        return result.IsSuccess ? TypedResults.File(result.Value!.Content, ServiceHallExports.Xlsx, result.Value.FileName) : result.Error!.ToProblem();
    }

    // Slots and appointments
    public static async Task<Results<Ok<List<SlotDto>>, ProblemHttpResult>> OpenSlotsAsync(Guid id, Appointments appointments, CancellationToken ct) =>
        OkOr(await appointments.OpenSlotsAsync(id, ct));

    public static async Task<Results<Ok<List<SlotDto>>, ProblemHttpResult>> DaySlotsAsync(Appointments appointments, TimeProvider time, CancellationToken ct, string? division = null, DateOnly? date = null) =>
        OkOr(await appointments.DaySlotsAsync(division, date ?? WorkingCalendar.LocalDate(time.GetUtcNow().UtcDateTime), ct));

    public static async Task<Results<Created<SlotDto>, ProblemHttpResult>> CreateSlotAsync(Guid id, CreateSlotRequest request, Appointments appointments, CancellationToken ct) =>
        CreatedOr(await appointments.CreateSlotAsync(id, request, ct), s => $"/api/v1/service-items/{id}/slots");

    public static async Task<Results<Ok<List<SlotDto>>, ProblemHttpResult>> CreateSeriesAsync(Guid id, BulkSlotsRequest request, Appointments appointments, CancellationToken ct) =>
        OkOr(await appointments.CreateSeriesAsync(id, request, ct));

    public static async Task<Results<Ok<CancelSlotResult>, ProblemHttpResult>> CancelSlotAsync(Guid id, CancelSlotRequest request, Appointments appointments, CancellationToken ct) =>
        OkOr(await appointments.CancelSlotAsync(id, request, ct));

    public static async Task<Results<Created<AppointmentDto>, ProblemHttpResult>> BookAsync(Guid id, Appointments appointments, CancellationToken ct) =>
        CreatedOr(await appointments.BookAsync(id, ct), a => $"/api/v1/appointments/{a.Id}");

    public static async Task<Results<Ok<List<AppointmentDto>>, ProblemHttpResult>> ListAppointmentsAsync(Appointments appointments, TimeProvider time, CancellationToken ct,
        string? division = null, DateOnly? date = null) =>
        string.IsNullOrWhiteSpace(division)
            ? TypedResults.Ok(await appointments.MineAsync(ct))
            : OkOr(await appointments.DayAsync(division, date ?? WorkingCalendar.LocalDate(time.GetUtcNow().UtcDateTime), ct));

    public static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult>> GetAppointmentAsync(Guid id, Appointments appointments, CancellationToken ct) =>
        OkOr(await appointments.GetAsync(id, ct));

    public static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult>> CancelAppointmentAsync(Guid id, Appointments appointments, CancellationToken ct) =>
        OkOr(await appointments.CancelAsync(id, ct));

    public static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult>> AttendedAsync(Guid id, Appointments appointments, CancellationToken ct) =>
        OkOr(await appointments.MarkAsync(id, attended: true, ct));

    public static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult>> NoShowAsync(Guid id, Appointments appointments, CancellationToken ct) =>
        OkOr(await appointments.MarkAsync(id, attended: false, ct));

    // Help orders
    public static async Task<Results<Ok<List<HelpOrderDto>>, ProblemHttpResult>> ListOrdersAsync(HelpOrders orders, CancellationToken ct,
        string? division = null, string? light = null, string? status = null)
    {
        if (!TryEnum<TrafficLight>(light, out var l)) return Error.Validation("light 须为 green、yellow 或 red / light must be green, yellow or red.").ToProblem();
        if (!TryEnum<HelpOrderStatus>(status, out var s)) return Error.Validation("未知的状态 / Unknown status.").ToProblem();
        return OkOr(await orders.ListAsync(division, l, s, ct));
    }

    public static async Task<Results<Ok<HelpOrderDto>, ProblemHttpResult>> GetOrderAsync(Guid id, HelpOrders orders, CancellationToken ct) => OkOr(await orders.GetAsync(id, ct));

    public static async Task<Results<Created<HelpOrderDto>, ProblemHttpResult>> OpenOrderAsync(OpenHelpOrderRequest request, HelpOrders orders, CancellationToken ct) =>
        CreatedOr(await orders.OpenAsync(request, ct), o => $"/api/v1/help-orders/{o.Id}");

    public static async Task<Results<Ok<HelpOrderFigures>, ProblemHttpResult>> OrderFiguresAsync(HelpOrders orders, CancellationToken ct, string? division = null) =>
        OkOr(await orders.FiguresAsync(division, ct));

    public static Task<Results<Ok<HelpOrderDto>, ProblemHttpResult>> StartOrderAsync(Guid id, HttpContext http, HelpOrders orders, CancellationToken ct) =>
        WithIfMatch(http, v => orders.StartAsync(id, v, ct));

    public static Task<Results<Ok<HelpOrderDto>, ProblemHttpResult>> HandOverAsync(Guid id, HandOverRequest request, HttpContext http, HelpOrders orders, CancellationToken ct) =>
        WithIfMatch(http, v => orders.HandOverAsync(id, request, v, ct));

    public static Task<Results<Ok<HelpOrderDto>, ProblemHttpResult>> HandToDepartmentAsync(Guid id, HandToDepartmentRequest request, HttpContext http, HelpOrders orders, CancellationToken ct) =>
        WithIfMatch(http, v => orders.HandToDepartmentAsync(id, request, v, ct));

    public static Task<Results<Ok<HelpOrderDto>, ProblemHttpResult>> CompleteAsync(Guid id, HelpOrderNoteRequest request, HttpContext http, HelpOrders orders, CancellationToken ct) =>
        WithIfMatch(http, v => orders.CompleteAsync(id, request, v, ct));

    public static Task<Results<Ok<HelpOrderDto>, ProblemHttpResult>> CannotDoAsync(Guid id, HelpOrderNoteRequest request, HttpContext http, HelpOrders orders, CancellationToken ct) =>
        WithIfMatch(http, v => orders.CannotDoAsync(id, request, v, ct));

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportLedgerAsync(ServiceHallExports exports, CancellationToken ct,
        DateOnly? from = null, DateOnly? to = null, string? division = null)
    {
        var result = await exports.LedgerAsync(from, to, division, ct);
        return result.IsSuccess ? TypedResults.File(result.Value!.Content, ServiceHallExports.Xlsx, result.Value.FileName) : result.Error!.ToProblem();
    }

    // 办不成事
    public static async Task<Results<Ok<List<HardRequestDto>>, ProblemHttpResult>> ListHardAsync(HardRequests requests, CancellationToken ct, string? division = null, string? outcome = null)
    {
        if (!TryEnum<HardRequestOutcome>(outcome, out var o)) return Error.Validation("未知的结果 / Unknown outcome.").ToProblem();
        return OkOr(await requests.ListAsync(division, o, ct));
    }

    public static async Task<Results<Ok<HardRequestDto>, ProblemHttpResult>> GetHardAsync(Guid id, HardRequests requests, CancellationToken ct) => OkOr(await requests.GetAsync(id, ct));

    public static async Task<Results<Created<HardRequestDto>, ProblemHttpResult>> CreateHardAsync(HardRequestRequest request, HardRequests requests, CancellationToken ct) =>
        CreatedOr(await requests.CreateAsync(request, ct), r => $"/api/v1/hard-requests/{r.Id}");

    public static Task<Results<Ok<HardRequestDto>, ProblemHttpResult>> TakeHardAsync(Guid id, HttpContext http, HardRequests requests, CancellationToken ct) =>
        WithIfMatch(http, v => requests.TakeAsync(id, v, ct));

    public static Task<Results<Ok<HardRequestDto>, ProblemHttpResult>> HardOutcomeAsync(Guid id, HardRequestOutcomeRequest request, HttpContext http, HardRequests requests, CancellationToken ct) =>
        WithIfMatch(http, v => requests.RecordOutcomeAsync(id, request, v, ct));

    private static async Task<Results<Ok<T>, ProblemHttpResult>> WithIfMatch<T>(HttpContext http, Func<int?, Task<Result<T>>> work)
    {
        if (!Platform.Http.IfMatchHeader.TryRead(http, out var expected)) return BadIfMatch.ToProblem();
        return OkOr(await work(expected));
    }
}

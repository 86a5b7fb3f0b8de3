using Jiceng.Web.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiceng.Web.Modules.ElderlyChildren.Features;

/// <summary>The module's API handlers: each reads the request, calls its use case and maps the result.</summary>
public static class ElderlyChildrenApi
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static Results<Ok<T>, ProblemHttpResult> OkOr<T>(Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();

    private static Results<Created<T>, ProblemHttpResult> CreatedOr<T>(Result<T> result, Func<T, string> location) =>
        result.IsSuccess ? TypedResults.Created(location(result.Value!), result.Value!) : result.Error!.ToProblem();

    private const string BadIfMatch = "If-Match 须为记录的版本号，如 \"3\" / If-Match must be the record's version, e.g. \"3\".";

    /// <summary>A read or change of a versioned record: 200 with the version as ETag (the next If-Match).</summary>
    private static Results<Ok<T>, ProblemHttpResult> Tagged<T>(HttpContext http, Result<T> result, Func<T, int> version)
    {
        if (!result.IsSuccess) return result.Error!.ToProblem();
        http.Response.Headers.ETag = $"\"{version(result.Value!)}\"";
        return TypedResults.Ok(result.Value!);
    }

    /// <summary>Reads If-Match (optional; a stale version → 409 conflict, as everywhere in the app) and runs the change.</summary>
    private static async Task<Results<Ok<T>, ProblemHttpResult>> VersionedAsync<T>(HttpContext http, Func<int?, Task<Result<T>>> change, Func<T, int> version)
    {
        if (!Platform.Http.IfMatchHeader.TryRead(http, out var expected)) return Error.Validation(BadIfMatch).ToProblem();
        return Tagged(http, await change(expected), version);
    }

    public static Task<Results<Ok<CanteenDto>, ProblemHttpResult>> UpdateCanteenAsync(Guid id, UpdateCanteenRequest request, Canteens canteens, HttpContext http, CancellationToken ct) =>
        VersionedAsync(http, v => canteens.UpdateAsync(id, request, v, ct), c => c.Version);

    public static Task<Results<Ok<CanteenDto>, ProblemHttpResult>> SetCanteenActiveAsync(Guid id, bool active, Canteens canteens, HttpContext http, CancellationToken ct) =>
        VersionedAsync(http, v => canteens.SetActiveAsync(id, active, v, ct), c => c.Version);

    public static async Task<Results<Ok<StationDto>, ProblemHttpResult>> GetStationAsync(Guid id, CareStations stations, HttpContext http, CancellationToken ct) =>
        Tagged(http, await stations.GetStationAsync(id, ct), s => s.Version);

    public static Task<Results<Ok<StationDto>, ProblemHttpResult>> UpdateStationAsync(Guid id, UpdateStationRequest request, CareStations stations, HttpContext http, CancellationToken ct) =>
        VersionedAsync(http, v => stations.UpdateAsync(id, request, v, ct), s => s.Version);

    public static Task<Results<Ok<StationDto>, ProblemHttpResult>> SetStationActiveAsync(Guid id, bool active, CareStations stations, HttpContext http, CancellationToken ct) =>
        VersionedAsync(http, v => stations.SetActiveAsync(id, active, v, ct), s => s.Version);

    public static Task<Results<Ok<ProgrammeDto>, ProblemHttpResult>> UpdateProgrammeAsync(Guid id, UpdateProgrammeRequest request, ChildrenProgrammes programmes, HttpContext http,
        CancellationToken ct) =>
        VersionedAsync(http, v => programmes.UpdateAsync(id, request, v, ct), p => p.Version);

    public static Task<Results<Ok<ProgrammeDto>, ProblemHttpResult>> SetProgrammeActiveAsync(Guid id, bool active, ChildrenProgrammes programmes, HttpContext http, CancellationToken ct) =>
        VersionedAsync(http, v => programmes.SetActiveAsync(id, active, v, ct), p => p.Version);

    public static async Task<Results<Ok<List<CanteenDto>>, ProblemHttpResult>> ListCanteensAsync(Canteens canteens, CancellationToken ct, string? division = null) =>
        OkOr(await canteens.ListAsync(division, ct));

    public static async Task<Results<Created<CanteenDto>, ProblemHttpResult>> CreateCanteenAsync(CreateCanteenRequest request, Canteens canteens, CancellationToken ct) =>
        CreatedOr(await canteens.CreateAsync(request, ct), c => $"/api/v1/canteens/{c.Id}");

    public static async Task<Results<Ok<CanteenDto>, ProblemHttpResult>> GetCanteenAsync(Guid id, Canteens canteens, HttpContext http, CancellationToken ct) =>
        Tagged(http, await canteens.GetAsync(id, ct), c => c.Version);

    public static async Task<Ok<List<PersonHit>>> SearchPeopleAsync(ElderlyCommon common, CancellationToken ct, string? division = null, string? q = null) =>
        TypedResults.Ok(await common.SearchPeopleAsync(division, q, ct));

    public static async Task<Results<Ok<List<SubsidyBandDto>>, ProblemHttpResult>> RulesAsync(Guid id, Canteens canteens, CancellationToken ct) =>
        OkOr(await canteens.RulesAsync(id, ct));

    public static async Task<Results<Ok<List<SubsidyBandDto>>, ProblemHttpResult>> SetRulesAsync(Guid id, SubsidyRulesRequest request, Canteens canteens, CancellationToken ct) =>
        OkOr(await canteens.SetRulesAsync(id, request, ct));

    public static async Task<Results<Ok<List<MenuItemDto>>, ProblemHttpResult>> MenuAsync(Guid id, Canteens canteens, CancellationToken ct, DateOnly? from = null, DateOnly? to = null) =>
        OkOr(await canteens.MenuAsync(id, from, to, ct));

    public static async Task<Results<Created<MenuItemDto>, ProblemHttpResult>> AddMenuItemAsync(Guid id, AddMenuItemRequest request, Canteens canteens, CancellationToken ct) =>
        CreatedOr(await canteens.AddMenuItemAsync(id, request, ct), m => $"/api/v1/canteens/{id}/menu/{m.Id}");

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveMenuItemAsync(Guid id, Guid itemId, Canteens canteens, CancellationToken ct)
    {
        var result = await canteens.RemoveMenuItemAsync(id, itemId, ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<MealSplit>, ProblemHttpResult>> QuoteAsync(Guid id, Guid menuItemId, Guid personId, Canteens canteens, CancellationToken ct) =>
        OkOr(await canteens.QuoteAsync(id, menuItemId, personId, ct));

    public static async Task<Results<Ok<List<MealOrderDto>>, ProblemHttpResult>> OrdersAsync(Guid id, Canteens canteens, CancellationToken ct,
        DateOnly? from = null, DateOnly? to = null, Guid? personId = null) =>
        OkOr(await canteens.OrdersAsync(id, from, to, personId, ct));

    public static async Task<Results<Created<MealOrderDto>, ProblemHttpResult>> OrderAsync(Guid id, PlaceOrderRequest request, Canteens canteens, CancellationToken ct) =>
        CreatedOr(await canteens.OrderAsync(id, request, ct), o => $"/api/v1/canteens/{id}/orders/{o.Id}");

    public static async Task<Results<Ok<MealOrderDto>, ProblemHttpResult>> GetOrderAsync(Guid id, Guid orderId, Canteens canteens, CancellationToken ct) =>
        OkOr(await canteens.GetOrderAsync(id, orderId, ct));

    public static async Task<Results<Ok<MealOrderDto>, ProblemHttpResult>> CancelOrderAsync(Guid id, Guid orderId, Canteens canteens, CancellationToken ct)
    {
        var order = await canteens.GetOrderAsync(id, orderId, ct);
        if (!order.IsSuccess) return order.Error!.ToProblem();
        return OkOr(await canteens.CancelAsync(orderId, ct));
    }

    public static async Task<Results<Ok<SettlementDto>, ProblemHttpResult>> SettlementAsync(Guid id, Canteens canteens, CancellationToken ct, string? month = null) =>
        OkOr(await canteens.SettlementAsync(id, month, ct));

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> SettlementExcelAsync(Guid id, Canteens canteens, CancellationToken ct, string? month = null)
    {
        var result = await canteens.SettlementAsync(id, month, ct);
        if (!result.IsSuccess) return result.Error!.ToProblem();
        return TypedResults.File(Canteens.Workbook(result.Value!), Xlsx, $"食堂补贴结算-{result.Value!.Month}.xlsx");
    }

    public static async Task<Results<Ok<List<StationDto>>, ProblemHttpResult>> ListStationsAsync(CareStations stations, CancellationToken ct, string? division = null) =>
        OkOr(await stations.ListAsync(division, ct));

    public static async Task<Results<Created<StationDto>, ProblemHttpResult>> CreateStationAsync(CreateStationRequest request, CareStations stations, CancellationToken ct) =>
        CreatedOr(await stations.CreateAsync(request, ct), s => $"/api/v1/elderly/stations/{s.Id}");

    public static async Task<Results<Ok<List<StationActivityDto>>, ProblemHttpResult>> ActivitiesAsync(Guid id, CareStations stations, CancellationToken ct) =>
        OkOr(await stations.ActivitiesAsync(id, ct));

    public static async Task<Results<Created<StationActivityDto>, ProblemHttpResult>> AddActivityAsync(Guid id, AddStationActivityRequest request, CareStations stations, CancellationToken ct) =>
        CreatedOr(await stations.AddActivityAsync(id, request, ct), a => $"/api/v1/elderly/stations/{id}/activities/{a.Id}");

    public static async Task<Results<Created<HealthCheckItem>, ProblemHttpResult>> RecordCheckAsync(RecordHealthCheckRequest request, CareStations stations, CancellationToken ct) =>
        CreatedOr(await stations.RecordAsync(request, ct), c => $"/api/v1/elderly/health-checks/{c.Id}");

    public static async Task<Results<Ok<List<HealthCheckItem>>, ProblemHttpResult>> ListChecksAsync(CareStations stations, CancellationToken ct,
        string? division = null, Guid? personId = null, bool? abnormal = null, Guid? stationId = null) =>
        OkOr(await stations.ChecksAsync(division, personId, abnormal, stationId, ct));

    public static async Task<Results<Ok<HealthCheckDto>, ProblemHttpResult>> GetCheckAsync(Guid id, CareStations stations, CancellationToken ct) =>
        OkOr(await stations.GetAsync(id, ct));

    public static async Task<Results<Ok<StationFiguresDto>, ProblemHttpResult>> StationFiguresAsync(CareStations stations, CancellationToken ct,
        string? division = null, DateOnly? from = null, DateOnly? to = null) =>
        OkOr(await stations.FiguresAsync(division, from, to, ct));

    public static async Task<Results<Ok<List<ProgrammeDto>>, ProblemHttpResult>> ListProgrammesAsync(ChildrenProgrammes programmes, CancellationToken ct, string? division = null) =>
        OkOr(await programmes.ListAsync(division, ct));

    public static async Task<Results<Created<ProgrammeDto>, ProblemHttpResult>> CreateProgrammeAsync(CreateProgrammeRequest request, ChildrenProgrammes programmes, CancellationToken ct) =>
        CreatedOr(await programmes.CreateAsync(request, ct), p => $"/api/v1/children/programmes/{p.Id}");

    public static async Task<Results<Ok<ProgrammeDto>, ProblemHttpResult>> GetProgrammeAsync(Guid id, ChildrenProgrammes programmes, HttpContext http, CancellationToken ct) =>
        Tagged(http, await programmes.GetAsync(id, ct), p => p.Version);

    public static async Task<Results<Ok<List<SessionDto>>, ProblemHttpResult>> SessionsAsync(Guid id, ChildrenProgrammes programmes, CancellationToken ct) =>
        OkOr(await programmes.SessionsAsync(id, ct));

    public static async Task<Results<Created<SessionDto>, ProblemHttpResult>> AddSessionAsync(Guid id, AddSessionRequest request, ChildrenProgrammes programmes, CancellationToken ct) =>
        CreatedOr(await programmes.AddSessionAsync(id, request, ct), s => $"/api/v1/children/programmes/{id}/sessions/{s.Id}");

    public static async Task<Results<Ok<List<EnrolmentDto>>, ProblemHttpResult>> EnrolmentsAsync(Guid id, ChildrenProgrammes programmes, CancellationToken ct) =>
        OkOr(await programmes.EnrolmentsAsync(id, ct));

    public static async Task<Results<Created<EnrolmentDto>, ProblemHttpResult>> EnrolAsync(Guid id, EnrolRequest request, ChildrenProgrammes programmes, CancellationToken ct) =>
        CreatedOr(await programmes.EnrolAsync(id, request, ct), e => $"/api/v1/children/enrolments/{e.Id}");

    public static async Task<Results<Ok<EnrolmentDto>, ProblemHttpResult>> WithdrawAsync(Guid id, ChildrenProgrammes programmes, CancellationToken ct) =>
        OkOr(await programmes.WithdrawAsync(id, ct));

    public static async Task<Results<Ok<SessionDto>, ProblemHttpResult>> MarkAsync(Guid id, AttendanceRequest request, ChildrenProgrammes programmes, CancellationToken ct) =>
        OkOr(await programmes.MarkAsync(id, request, ct));

    public static async Task<Results<Ok<ChildrenFiguresDto>, ProblemHttpResult>> ChildrenFiguresAsync(ChildrenProgrammes programmes, CancellationToken ct, string? division = null) =>
        OkOr(await programmes.FiguresAsync(division, ct));
}

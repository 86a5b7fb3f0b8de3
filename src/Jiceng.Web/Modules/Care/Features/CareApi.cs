using System.Text.Json;
using Jiceng.Web.Modules.Audit;
using Jiceng.Web.Modules.Care.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Jiceng.Web.Modules.Care.Features;

/// <summary>The care API's handlers: each reads the request, calls its use case and maps the result.</summary>
public static class CareApi
{
    private static Results<Ok<T>, ProblemHttpResult> OkOr<T>(Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();

    public static async Task<Results<Ok<KeyGroupLedgerDto>, ProblemHttpResult>> LedgerAsync(KeyGroupLedger ledger, CancellationToken ct, string? division = null) =>
        OkOr(await ledger.LedgerAsync(division, ct));

    public static async Task<Results<Ok<KeyGroupPeopleDto>, ProblemHttpResult>> GroupPeopleAsync(string code, KeyGroupLedger ledger, CancellationToken ct,
        string? division = null, int page = 1, int pageSize = 50) =>
        OkOr(await ledger.PeopleAsync(code, division, page, pageSize, ct));

    public static async Task<Results<Created<HelpPlanDto>, ProblemHttpResult>> CreatePlanAsync(CreateHelpPlanRequest request, HelpPlans plans, HttpContext http, CancellationToken ct)
    {
        var result = await plans.CreateAsync(request, ct);
        if (!result.IsSuccess) return result.Error!.ToProblem();
        http.Response.Headers.ETag = $"\"{result.Value!.Version}\"";
        return TypedResults.Created($"/api/v1/care/plans/{result.Value.Id}", result.Value);
    }

    public static async Task<Results<Ok<PagedList<HelpPlanItem>>, ProblemHttpResult>> ListPlansAsync(HelpPlans plans, CancellationToken ct,
        string? division = null, DateOnly? dueBefore = null, Guid? personId = null, string? status = null, int page = 1, int pageSize = 50) =>
        OkOr(await plans.ListAsync(division, dueBefore, personId, status, page, pageSize, ct));

    public static async Task<Results<Ok<HelpPlanDto>, ProblemHttpResult>> GetPlanAsync(Guid id, HelpPlans plans, HttpContext http, CancellationToken ct) =>
        WithETag(http, await plans.GetAsync(id, ct));

    public static async Task<Results<Ok<HelpPlanDto>, ProblemHttpResult>> UpdatePlanAsync(Guid id, UpdateHelpPlanRequest request, HelpPlans plans, HttpContext http,
        CancellationToken ct)
    {
        if (!Platform.Http.IfMatchHeader.TryRead(http, out var expected)) return Error.Validation("If-Match 须为计划的版本号，如 \"3\" / If-Match must be the plan's version, e.g. \"3\".").ToProblem();
        return WithETag(http, await plans.UpdateAsync(id, request, expected, ct));
    }

    public static async Task<Results<Ok<HelpPlanDto>, ProblemHttpResult>> ClosePlanAsync(Guid id, HelpPlans plans, HttpContext http, CancellationToken ct)
    {
        if (!Platform.Http.IfMatchHeader.TryRead(http, out var expected)) return Error.Validation("If-Match 须为计划的版本号，如 \"3\" / If-Match must be the plan's version, e.g. \"3\".").ToProblem();
        return WithETag(http, await plans.CloseAsync(id, expected, ct));
    }

    public static async Task<Results<Ok<LoveCardDto>, ProblemHttpResult>> CardAsync(Guid id, HelpPlans plans, CancellationToken ct) =>
        OkOr(await plans.CardAsync(id, ct));

    public static async Task<Results<Created<CareVisitDto>, ProblemHttpResult>> RecordVisitAsync(RecordCareVisitRequest request, CareVisits visits, CancellationToken ct)
    {
        var result = await visits.RecordAsync(request, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/care/visits/{result.Value!.Id}", result.Value) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<PagedList<CareVisitItem>>, ProblemHttpResult>> ListVisitsAsync(CareVisits visits, CancellationToken ct,
        Guid? personId = null, string? division = null, DateOnly? from = null, DateOnly? to = null, int page = 1, int pageSize = 50) =>
        OkOr(await visits.ListAsync(personId, division, from, to, page, pageSize, ct));

    public static async Task<Results<Ok<CareVisitDto>, ProblemHttpResult>> GetVisitAsync(Guid id, CareVisits visits, CancellationToken ct) =>
        OkOr(await visits.GetAsync(id, ct));

    public static async Task<Results<Ok<CareVisitTotalsDto>, ProblemHttpResult>> VisitTotalsAsync(CareVisits visits, CancellationToken ct,
        string? division = null, DateOnly? from = null, DateOnly? to = null, string? by = null) =>
        OkOr(await visits.TotalsAsync(division, from, to, by, ct));

    public static async Task<Results<Ok<List<VisitDueItem>>, ProblemHttpResult>> DueVisitsAsync(CareVisits visits, CancellationToken ct,
        string? division = null, int within = 7) =>
        OkOr(await visits.DueAsync(division, within, ct));

    public static async Task<Results<Ok<List<VisitDueItem>>, ProblemHttpResult>> OverdueVisitsAsync(CareVisits visits, CancellationToken ct, string? division = null) =>
        OkOr(await visits.OverdueAsync(division, ct));

    public static async Task<Results<Created<MedicalPairingItem>, ProblemHttpResult>> CreatePairingAsync(CreateMedicalPairingRequest request, MedicalPairings pairings,
        CancellationToken ct)
    {
        var result = await pairings.CreateAsync(request, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/care/medical-pairings/{result.Value!.Id}", result.Value) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<MedicalPairingListDto>, ProblemHttpResult>> ListPairingsAsync(MedicalPairings pairings, CancellationToken ct,
        string? division = null, Guid? staffPersonId = null, Guid? personId = null, string? kind = null, int page = 1, int pageSize = 50) =>
        OkOr(await pairings.ListAsync(division, staffPersonId, personId, kind, page, pageSize, ct));

    public static async Task<Results<Created<MedicalGuidanceDto>, ProblemHttpResult>> AddGuidanceAsync(Guid id, AddMedicalGuidanceRequest request,
        MedicalPairings pairings, CancellationToken ct)
    {
        var result = await pairings.AddGuidanceAsync(id, request, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/care/medical-guidance/{result.Value!.Id}", result.Value) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<List<MedicalGuidanceItem>>, ProblemHttpResult>> ListGuidanceAsync(Guid id, MedicalPairings pairings, CancellationToken ct) =>
        OkOr(await pairings.GuidanceAsync(id, ct));

    public static async Task<Results<Ok<MedicalGuidanceDto>, ProblemHttpResult>> GetGuidanceAsync(Guid id, MedicalPairings pairings, CancellationToken ct) =>
        OkOr(await pairings.GetGuidanceAsync(id, ct));

    public static async Task<Results<Ok<MedicalFiguresDto>, ProblemHttpResult>> MedicalFiguresAsync(MedicalPairings pairings, CancellationToken ct, string? division = null) =>
        OkOr(await pairings.FiguresAsync(division, ct));

    public static async Task<Results<Created<RegisteredCareDeviceDto>, ProblemHttpResult>> RegisterDeviceAsync(RegisterCareDeviceRequest request, CareDevices devices,
        CancellationToken ct)
    {
        var result = await devices.RegisterAsync(request, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/care/devices/{result.Value!.Id}", result.Value) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<List<CareDeviceItem>>, ProblemHttpResult>> ListDevicesAsync(CareDevices devices, CancellationToken ct, string? division = null) =>
        OkOr(await devices.ListAsync(division, ct));

    public static async Task<Results<Ok<PagedList<CareDeviceEventItem>>, ProblemHttpResult>> DeviceEventsAsync(Guid id, CareDevices devices, CancellationToken ct,
        int page = 1, int pageSize = 50) =>
        OkOr(await devices.EventsAsync(id, page, pageSize, ct));

    /// <summary>
    /// A device event. The device's credentials are checked before the body is even read (a request without them gets
    /// 401 and is audited, without the secret); then the body is validated and the event recorded.
    /// </summary>
    public static async Task<Results<Accepted<DeviceEventAccepted>, ProblemHttpResult>> DeviceEventAsync(HttpContext http, DeviceAlerts alerts, AuditTrail audit,
        TimeProvider time, CancellationToken ct)
    {
        var serial = http.Request.Headers[DeviceAlerts.SerialHeader].ToString();
        var (device, problem) = await alerts.AuthenticateAsync(serial, http.Request.Headers[DeviceAlerts.SecretHeader].ToString(), ct);
        if (device is null)
        {
            var shown = serial.Length > 64 ? serial[..64] : serial;
            await audit.RecordAsync(DeviceAlerts.UnauthorizedAction, AuditResult.Denied, nameof(CareDevice), shown.Length > 0 ? shown : null, problem, cancellationToken: ct);
            return CareErrors.Unauthorized().ToProblem();
        }
        DeviceEventRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync<DeviceEventRequest>(ct);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            request = null; // not JSON, or not declared as JSON
        }
        var check = DeviceAlerts.Check(request, time.GetUtcNow().UtcDateTime, out var occurred);
        if (!check.IsSuccess) return check.Error!.ToProblem();
        var result = await alerts.ReceiveAsync(device.Id, check.Value.Kind, occurred, check.Value.Detail, ct);
        return result.IsSuccess ? TypedResults.Accepted((string?)null, result.Value!) : result.Error!.ToProblem();
    }

    private static Results<Ok<HelpPlanDto>, ProblemHttpResult> WithETag(HttpContext http, Result<HelpPlanDto> result)
    {
        if (!result.IsSuccess) return result.Error!.ToProblem();
        http.Response.Headers.ETag = $"\"{result.Value!.Version}\"";
        return TypedResults.Ok(result.Value);
    }

}

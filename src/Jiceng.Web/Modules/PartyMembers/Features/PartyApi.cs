using Jiceng.Web.Modules.PartyMembers.Domain;
using Jiceng.Web.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiceng.Web.Modules.PartyMembers.Features;

/// <summary>The party member API's handlers: each calls its use case and maps the result.</summary>
public static class PartyApi
{
    public const string ExcelType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static Results<Ok<T>, ProblemHttpResult> OkOr<T>(Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();

    public static async Task<Results<Created<RegistrationDto>, ProblemHttpResult>> RegisterAsync(RegisterRequest request, Registrations registrations, CancellationToken ct)
    {
        var result = await registrations.RegisterAsync(request, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/party/registrations/{result.Value!.Id}", result.Value) : result.Error!.ToProblem();
    }

    public static async Task<Ok<List<RegistrationDto>>> MineAsync(Registrations registrations, CancellationToken ct) =>
        TypedResults.Ok(await registrations.MineAsync(ct));

    public static async Task<Results<Ok<List<RegistrationDto>>, ProblemHttpResult>> ListAsync(Registrations registrations, CancellationToken ct,
        string? division = null, RegistrationStatus? status = null) =>
        OkOr(await registrations.ListAsync(division, status, ct));

    public static async Task<Results<Ok<RegistrationDto>, ProblemHttpResult>> GetAsync(Guid id, Registrations registrations, CancellationToken ct) =>
        OkOr(await registrations.GetAsync(id, ct));

    public static async Task<Results<Ok<RegistrationDto>, ProblemHttpResult>> ConfirmAsync(Guid id, DecideRequest? request, Registrations registrations, CancellationToken ct) =>
        OkOr(await registrations.ConfirmAsync(id, request ?? new DecideRequest(), ct));

    public static async Task<Results<Ok<RegistrationDto>, ProblemHttpResult>> DeclineAsync(Guid id, DecideRequest? request, Registrations registrations, CancellationToken ct) =>
        OkOr(await registrations.DeclineAsync(id, request ?? new DecideRequest(), ct));

    public static async Task<Results<Ok<RegistrationDto>, ProblemHttpResult>> EndAsync(Guid id, DecideRequest? request, Registrations registrations, CancellationToken ct) =>
        OkOr(await registrations.EndAsync(id, request ?? new DecideRequest(), ct));

    public static async Task<Results<Created<SessionDto>, ProblemHttpResult>> CreateSessionAsync(CreateSessionRequest request, Sessions sessions, CancellationToken ct)
    {
        var result = await sessions.CreateAsync(request, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/party/sessions/{result.Value!.Id}", result.Value) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<List<SessionItem>>, ProblemHttpResult>> ListSessionsAsync(Sessions sessions, CancellationToken ct, string? division = null, int? year = null) =>
        OkOr(await sessions.ListAsync(division, year, ct));

    public static async Task<Results<Ok<SessionDto>, ProblemHttpResult>> GetSessionAsync(Guid id, Sessions sessions, CancellationToken ct) =>
        OkOr(await sessions.GetAsync(id, ct));

    public static async Task<Results<Ok<AttendanceResult>, ProblemHttpResult>> AttendanceAsync(Guid id, AttendanceRequest request, Sessions sessions, CancellationToken ct) =>
        OkOr(await sessions.RecordAttendanceAsync(id, request, ct));

    public static async Task<Results<Ok<SixChecklistDto>, ProblemHttpResult>> MySixAsync(SixChecklist checklist, CancellationToken ct, int? year = null) =>
        OkOr(await checklist.MineAsync(year, ct));

    public static async Task<Results<Ok<SixChecklistDto>, ProblemHttpResult>> RegistrationSixAsync(Guid id, SixChecklist checklist, CancellationToken ct, int? year = null) =>
        OkOr(await checklist.ForRegistrationAsync(id, year, ct));

    public static async Task<Results<Ok<EmployerReportDto>, ProblemHttpResult>> EmployerReportAsync(PartyReports reports, CancellationToken ct,
        Guid? unitId = null, string? employer = null, int? year = null) =>
        OkOr(await reports.EmployerAsync(unitId, employer, year, ct));

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> EmployerExportAsync(PartyReports reports, CancellationToken ct,
        Guid? unitId = null, string? employer = null, int? year = null)
    {
        var result = await reports.ExportEmployerAsync(unitId, employer, year, ct);
        if (!result.IsSuccess) return result.Error!.ToProblem();
        return TypedResults.File(result.Value!, ExcelType, $"six-{year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "year"}.xlsx");
    }

    public static async Task<Results<Ok<CommunitySummaryDto>, ProblemHttpResult>> CommunitySummaryAsync(PartyReports reports, CancellationToken ct,
        string? division = null, int? year = null) =>
        OkOr(await reports.CommunitiesAsync(division, year, ct));

    public static async Task<Results<Ok<List<EmployerReportRow>>, ProblemHttpResult>> MembersReportAsync(PartyReports reports, CancellationToken ct,
        string? division = null, int? year = null) =>
        OkOr(await reports.MembersAsync(division, year, ct));

    public static async Task<Ok<List<PartyPlaces.Community>>> CommunitiesAsync(PartyPlaces places, string county, CancellationToken ct) =>
        TypedResults.Ok(await places.CommunitiesOfCountyAsync(county, ct));
}

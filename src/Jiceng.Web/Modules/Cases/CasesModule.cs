using Jiceng.Web.Data;
using Jiceng.Web.Modules.Audit;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Modules.Cases.Features;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Jiceng.Web.Modules.Cases;

public static class CasesModule
{
    public const string Reporters = "case-reporters";
    public const string CaseWorkers = "case-workers";

    public static IServiceCollection AddCasesModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<DeadlineMonitor>();
        if (configuration.GetValue("Cases:DeadlineMonitorEnabled", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<DeadlineMonitor>());
        }
        services.AddSingleton(WorkingCalendar.China());
        services.AddScoped<ICaseClock, CalendarCaseClock>();
        services.AddMemoryCache();
        services.AddSingleton<CaseIntakeWriter>();
        services.AddScoped<CaseIntake>();
        services.AddScoped<CaseQueries>();
        services.AddScoped<CaseStatistics>();
        services.AddScoped<CaseWorkflow>();
        services.AddScoped<CaseSupervision>();
        services.AddScoped<CaseCategorySeeder>();
        services.AddCaseSettings();
        services.AddScoped<CasePhotos>();
        services.AddScoped<GridWork.GridWorkQueries>();
        services.AddOptions<Platform.Files.LocalFileStoreOptions>().BindConfiguration(Platform.Files.LocalFileStoreOptions.Section);
        services.AddSingleton<Platform.Files.IFileStore, Platform.Files.LocalFileStore>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Reporters, p => p.RequireRole(Roles.Resident, Roles.PartyMember, Roles.Volunteer, Roles.GridWorker, Roles.CommunityStaff, Roles.StreetStaff, Roles.CountyAdmin))
            .AddPolicy(CaseWorkers, p => p.RequireRole(Roles.Resident, Roles.PartyMember, Roles.Volunteer, Roles.GridWorker, Roles.CommunityStaff, Roles.StreetStaff, Roles.CountyAdmin, Roles.DepartmentHandler));
        return services;
    }

    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/case-categories", CaseSettingsApi.ListPublicAsync)
            .AllowAnonymous().WithTags("Cases").WithName("ListCaseCategories").WithSummary("Active categories; ?division= gives that community's county's own list");
        app.MapCaseSettingsApi();

        var cases = app.MapGroup("/api/v1/cases").WithTags("Cases").RequireAuthorization(CaseWorkers);
        cases.MapPost("/", CreateAsync).RequireAuthorization(Reporters).WithName("CreateCase")
            .WithSummary("Report a problem; send an Idempotency-Key header so a retry never files it twice");
        cases.MapGet("/", ListAsync).WithName("ListCases").WithSummary("Cases in the caller's scope, filtered and paged; sorted by handling due time by default");
        cases.MapGet("/{id:long}", GetAsync).WithName("GetCase");

        MapAction<AcceptCaseRequest>(cases, CaseActions.Accept, (w, id, r, v, ct) => w.AcceptAsync(id, r, v, ct));
        MapAction<CaseNoteRequest>(cases, CaseActions.Reject, (w, id, r, v, ct) => w.RejectAsync(id, r, v, ct));
        MapAction<DispatchCaseRequest>(cases, CaseActions.Dispatch, (w, id, r, v, ct) => w.DispatchAsync(id, r, v, ct));
        MapAction<CaseNoteRequest>(cases, CaseActions.Escalate, (w, id, r, v, ct) => w.EscalateAsync(id, r, v, ct));
        MapAction<CaseNoteRequest>(cases, CaseActions.Claim, (w, id, r, v, ct) => w.ClaimAsync(id, r, v, ct));
        MapAction<CaseNoteRequest>(cases, CaseActions.Return, (w, id, r, v, ct) => w.ReturnAsync(id, r, v, ct));
        MapAction<CaseNoteRequest>(cases, CaseActions.Progress, (w, id, r, v, ct) => w.ProgressAsync(id, r, v, ct));
        MapAction<ExtendCaseRequest>(cases, CaseActions.Extend, (w, id, r, v, ct) => w.ExtendAsync(id, r, v, ct));
        MapAction<CaseNoteRequest>(cases, CaseActions.Resolve, (w, id, r, v, ct) => w.ResolveAsync(id, r, v, ct));
        MapAction<CaseNoteRequest>(cases, CaseActions.Verify, (w, id, r, v, ct) => w.VerifyAsync(id, r, v, ct));
        MapAction<CaseNoteRequest>(cases, CaseActions.Rework, (w, id, r, v, ct) => w.ReworkAsync(id, r, v, ct));
        MapAction<CaseNoteRequest>(cases, CaseActions.Feedback, (w, id, r, v, ct) => w.FeedbackAsync(id, r, v, ct));
        MapAction<RateCaseRequest>(cases, CaseActions.Rate, (w, id, r, v, ct) => w.RateAsync(id, r, v, ct));
        MapAction<CaseNoteRequest>(cases, CaseActions.Reopen, (w, id, r, v, ct) => w.ReopenAsync(id, r, v, ct));
        MapAction<MergeCaseRequest>(cases, CaseActions.Merge, (w, id, r, v, ct) => w.MergeAsync(id, r, v, ct));
        MapAction<CaseNoteRequest>(cases, CaseActions.Park, (w, id, r, v, ct) => w.ParkAsync(id, r, v, ct));
        MapAction<CaseNoteRequest>(cases, CaseActions.Supervise, (w, id, r, v, ct) => w.SuperviseAsync(id, r, v, ct));

        app.MapGet("/api/v1/accountability", ListAccountabilityAsync).WithTags("Cases").WithName("ListAccountability")
            .RequireAuthorization(p => p.RequireRole(Roles.CountyAdmin, Roles.StreetStaff))
            .WithSummary("问责台账: late claims and overdue cases, by unit, in the caller's scope");
        app.MapSupervisionApi();

        var photos = app.MapGroup("/api/v1/photos").WithTags("Cases").RequireAuthorization(CaseWorkers);
        photos.MapPost("/", CasePhotos.UploadAsync).DisableAntiforgery().WithName("UploadPhoto")
            .WithSummary("Upload a JPEG, PNG or WebP photo (multipart field 'file'); location metadata is stripped; use the key in attachments");
        photos.MapGet("/{key}", CasePhotos.DownloadAsync).WithName("GetPhoto").AllowConsoleCookieReads()
            .WithSummary("A photo, for its uploader and for whoever can see the case it is attached to (404 otherwise)");

        var track = app.MapGroup("/api/v1/track").WithTags("Tracking").AllowAnonymous();
        track.MapGet("/{trackingCode}", TrackAsync).WithName("TrackCase").WithSummary("Public status and timeline of a case, without personal data");
        track.MapPost("/{trackingCode}/rate", RateTrackedAsync).WithName("RateTrackedCase").WithSummary("The reporter rates the handling (满意/基本满意/不满意)");
        return app;
    }

    private delegate Task<Result<CaseDto>> CaseTransition<TRequest>(CaseWorkflow workflow, long id, TRequest request, int? expectedVersion, CancellationToken ct);

    /// <summary>POST /api/v1/cases/{id}/{action}: one endpoint (and one OpenAPI operation) per transition.</summary>
    private static void MapAction<TRequest>(RouteGroupBuilder group, string action, CaseTransition<TRequest> transition) =>
        group.MapPost($"/{{id:long}}/{action}", async Task<Results<Ok<CaseDto>, ProblemHttpResult>> (
                long id, TRequest request, CaseWorkflow workflow, HttpContext http, CancellationToken ct) =>
            {
                if (!Platform.Http.IfMatchHeader.TryRead(http, out var expected)) return Error.Validation("If-Match must be the case's version, e.g. \"3\".").ToProblem();
                var result = await transition(workflow, id, request, expected, ct);
                if (!result.IsSuccess) return result.Error!.ToProblem();
                http.Response.Headers.ETag = $"\"{result.Value!.Version}\"";
                return TypedResults.Ok(result.Value);
            })
            .WithName(char.ToUpperInvariant(action[0]) + action[1..] + "Case");

    public static async Task<Results<Created<CaseDto>, ProblemHttpResult>> CreateAsync(CreateCaseRequest request, CaseIntake intake, CaseQueries queries,
        HttpContext http, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken ct)
    {
        var result = await intake.CreateAsync(request, idempotencyKey, CaseChannel.Api, ct);
        if (!result.IsSuccess) return result.Error!.ToProblem();
        var (@case, created) = result.Value;
        if (!created) http.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Created($"/api/v1/cases/{@case.Id}", await queries.ToDtoAsync(@case, ct));
    }

    public static async Task<Results<Ok<PagedList<CaseListItem>>, ProblemHttpResult>> ListAsync(CaseQueries queries, CancellationToken ct,
        string? status = null, string? division = null, string? category = null, Guid? department = null, bool? open = null,
        int page = 1, int pageSize = 50, string sort = "due")
    {
        CaseStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<CaseStatus>(status, ignoreCase: true, out var parsed)) return Error.Validation($"Unknown status '{status}'.").ToProblem();
            wanted = parsed;
        }
        var result = await queries.ListAsync(new CaseListQuery(wanted, division, category, department, open, page, pageSize, sort), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<CaseDto>, ProblemHttpResult>> GetAsync(long id, CaseQueries queries, HttpContext http, CancellationToken ct)
    {
        var result = await queries.GetAsync(id, ct);
        if (!result.IsSuccess) return result.Error!.ToProblem();
        http.Response.Headers.ETag = $"\"{result.Value!.Version}\"";
        return TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Ok<TrackedCaseDto>, ProblemHttpResult>> TrackAsync(string trackingCode, CaseQueries queries, CancellationToken ct) =>
        await queries.TrackAsync(trackingCode.Trim().ToUpperInvariant(), ct) is { } tracked ? TypedResults.Ok(tracked) : Error.NotFound("Case").ToProblem();

    public static async Task<Results<Ok<TrackedCaseDto>, ProblemHttpResult>> RateTrackedAsync(string trackingCode, RateCaseRequest request, CaseWorkflow workflow, CancellationToken ct)
    {
        var result = await workflow.RateByTrackingCodeAsync(trackingCode.Trim().ToUpperInvariant(), request, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public sealed record AccountabilityDto(long Id, long CaseId, AccountabilityKind Kind, Guid? DepartmentId, string DivisionCode, DateTime DueUtc, DateTime RecordedUtc);

    public static async Task<Ok<PagedList<AccountabilityDto>>> ListAccountabilityAsync(AppDbContext db, CancellationToken ct, Guid? department = null, int page = 1, int pageSize = 50)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var records = db.Set<AccountabilityRecord>().AsQueryable();
        if (department is { } d) records = records.Where(r => r.DepartmentId == d);
        var total = await records.CountAsync(ct);
        var items = await records.OrderByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(r => new AccountabilityDto(r.Id, r.CaseId, r.Kind, r.DepartmentId, r.DivisionCode, r.DueUtc, r.RecordedUtc)).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<AccountabilityDto>(items, page, pageSize, total));
    }

}

/// <summary>Every installation starts with the default categories; a county edits its own copies later.</summary>
public sealed class CaseCategorySeeder(AppDbContext db)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var existing = await db.CaseCategories.Where(c => c.CountyCode == null).Select(c => c.Code).ToListAsync(cancellationToken);
        db.CaseCategories.AddRange(CaseCategory.Defaults().Where(c => !existing.Contains(c.Code)));
        await db.SaveChangesAsync(cancellationToken);
    }
}

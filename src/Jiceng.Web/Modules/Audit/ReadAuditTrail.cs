using System.ComponentModel.DataAnnotations;
using Jiceng.Web.Data;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Audit;

public sealed record AuditQuery(DateTime? FromUtc, DateTime? ToUtc, string? UserName, string? Action, int Page = 1, int PageSize = 50);

public sealed record AuditEntryDto(long Id, DateTime OccurredUtc, string? UserName, string? Roles, string? OrganisationUnit, string Action,
    string? ObjectType, string? ObjectId, string Result, string? ClientAddress, string? Detail);

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>Reads the audit trail: only the audit administrator, and every read is itself audited.</summary>
public sealed class AuditReader(AppDbContext db, AuditTrail audit)
{
    public const int MaxPageSize = 200;

    public async Task<Result<PagedList<AuditEntryDto>>> ReadAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Page < 1 || query.PageSize is < 1 or > MaxPageSize)
        {
            return Error.Validation($"page ≥ 1 and 1 ≤ pageSize ≤ {MaxPageSize}.");
        }
        if (query.FromUtc is { } f && query.ToUtc is { } t && f > t)
        {
            return Error.Validation("from must not be after to.");
        }
        var entries = db.AuditEntries.AsNoTracking();
        if (query.FromUtc is { } from) entries = entries.Where(e => e.OccurredUtc >= DateTime.SpecifyKind(from, DateTimeKind.Utc));
        if (query.ToUtc is { } to) entries = entries.Where(e => e.OccurredUtc <= DateTime.SpecifyKind(to, DateTimeKind.Utc));
        if (!string.IsNullOrWhiteSpace(query.UserName)) entries = entries.Where(e => e.UserName == query.UserName.Trim());
        if (!string.IsNullOrWhiteSpace(query.Action)) entries = entries.Where(e => e.Action.StartsWith(query.Action.Trim()));

        var total = await entries.CountAsync(cancellationToken);
        var items = await entries.OrderByDescending(e => e.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(e => new AuditEntryDto(e.Id, e.OccurredUtc, e.UserName, e.Roles, e.OrganisationUnit, e.Action, e.ObjectType, e.ObjectId,
                e.Result.ToString(), e.ClientAddress, e.Detail))
            .ToListAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.AuditRead, AuditResult.Success, "AuditEntry", null,
            $"page={query.Page} action={query.Action} user={query.UserName}", cancellationToken: cancellationToken);
        return new PagedList<AuditEntryDto>(items, query.Page, query.PageSize, total);
    }
}

public static class AuditTrailModule
{
    public static IServiceCollection AddAuditTrailModule(this IServiceCollection services) => services.AddScoped<AuditReader>();

    public static RouteGroupBuilder MapAuditTrailApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Policies.AuditAdmin);
        group.MapGet("/", ReadAsync).WithName("ReadAuditTrail");
        return group;
    }

    public static async Task<Results<Ok<PagedList<AuditEntryDto>>, ProblemHttpResult>> ReadAsync(
        DateTime? from, DateTime? to, string? user, string? action, AuditReader reader, CancellationToken cancellationToken,
        [Range(1, int.MaxValue)] int page = 1, [Range(1, AuditReader.MaxPageSize)] int pageSize = 50)
    {
        var result = await reader.ReadAsync(new AuditQuery(from?.ToUniversalTime(), to?.ToUniversalTime(), user, action, page, pageSize), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }
}

using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Cases.Features;

public sealed partial record CreateCaseRequest(
    [property: Required, StringLength(32)] string CategoryCode,
    [property: Required, StringLength(2000, MinimumLength = 5)] string Description,
    [property: Required, StringLength(12, MinimumLength = 12)] string DivisionCode,
    [property: StringLength(200)] string? Address = null,
    [property: Range(-90, 90)] double? Latitude = null,
    [property: Range(-180, 180)] double? Longitude = null,
    [property: StringLength(32)] string? ReporterName = null,
    [property: StringLength(20)] string? ReporterPhone = null,
    CaseChannel? Channel = null,
    IReadOnlyList<string>? Attachments = null);

public sealed record CaseCategoryDto(string Code, string Name, string NameEn, CasePriority Priority,
    int ResponseAmount, TimeLimitUnit ResponseUnit, int HandlingAmount, TimeLimitUnit HandlingUnit);

/// <summary>
/// Receives a case from any channel. An Idempotency-Key makes a retry return the case the first try created
/// (per caller), so a flaky phone network never files the same problem twice.
/// </summary>
public sealed partial class CaseIntake(AppDbContext db, CurrentUser user, TimeProvider time, Notifications.CaseNotifier notifier, CasePhotos photos, CaseSettings settings)
{
    private const string TrackingAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public Task<List<CaseCategoryDto>> CategoriesAsync(CancellationToken cancellationToken = default) => CategoriesAsync(null, cancellationToken);

    /// <summary>The active categories of the division's county (defaults with its overrides and additions; cached, see CaseSettings).</summary>
    public Task<List<CaseCategoryDto>> CategoriesAsync(string? divisionCode, CancellationToken cancellationToken = default) =>
        settings.ActiveCategoriesAsync(divisionCode, cancellationToken);

    /// <returns>The case and whether it was created now (false: an idempotent replay).</returns>
    public async Task<Result<(Case Case, bool Created)>> CreateAsync(CreateCaseRequest request, string? idempotencyKey, CaseChannel defaultChannel, CancellationToken cancellationToken = default)
    {
        var caller = user.UserId?.ToString() ?? "anonymous";
        if (idempotencyKey is not null)
        {
            if (idempotencyKey.Length is 0 or > 100) return Error.Validation("Idempotency-Key must have 1 to 100 characters.");
            if (await FindReplayAsync(caller, idempotencyKey, cancellationToken) is { } replay) return (replay, false);
        }
        if (request.Attachments is { Count: > 9 }) return Error.Validation("最多 9 张照片 / At most 9 photos.");
        if (await photos.CheckAsync(request.Attachments, null, cancellationToken) is { } unusable) return unusable;
        var phone = request.ReporterPhone?.Trim();
        if (!string.IsNullOrEmpty(phone) && !IsPhone(phone))
        {
            return Error.Validation("联系电话格式不正确 / reporterPhone must be a mainland mobile (11 digits, 1[3-9]…) or a landline (区号-号码).");
        }
        var category = await settings.CategoryAsync(request.DivisionCode, request.CategoryCode, cancellationToken); // the county's, from memory
        if (category is null) return Error.Validation($"未知的类别 / Unknown category '{request.CategoryCode}'.");
        if (!category.IsActive) return Error.Validation($"该类别已停用 / Category '{request.CategoryCode}' is no longer in use.");

        // Residents may report for any community (the place is public); staff only inside their scope.
        var divisions = user.Scope.Kind is DataScopeKind.DivisionSubtree or DataScopeKind.System
            ? db.Divisions
            : db.Divisions.IgnoreQueryFilters([AppDbContext.ScopeFilter]);
        var division = await divisions.Where(d => d.Code == request.DivisionCode).Select(d => new { d.Level, d.Path }).SingleOrDefaultAsync(cancellationToken);
        if (division is null || division.Level != DivisionLevel.Village)
        {
            return Error.Validation("请选择您范围内的社区或村 / divisionCode must be a community or village in your scope.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var actor = CaseActorFactory.From(user);
        var @case = Case.Submit(category, request.Description.Trim(), request.DivisionCode, division.Path, request.Channel ?? defaultChannel,
            actor, Blank(request.ReporterName), Blank(phone), Blank(request.Address), request.Latitude, request.Longitude, NewTrackingCode(), now,
            request.Attachments);
        db.Cases.Add(@case);
        if (idempotencyKey is not null)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord { Key = idempotencyKey, Caller = caller, Case = @case, CreatedUtc = now });
        }
        // One transaction: the case, its idempotency record and its notifications commit together or not at all.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                // The photos get the case's id, which exists only now; the save below stores it in this transaction.
                if (await photos.AttachAsync(@case.Id, request.Attachments, cancellationToken) is { } refused)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    return refused;
                }
                await notifier.PlanAsync(@case, CaseActions.Submit, cancellationToken); // needs the case's id for its link
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException) when (idempotencyKey is not null)
            {
                // The same key raced us and won: answer with its case.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                if (await FindReplayAsync(caller, idempotencyKey, cancellationToken) is { } replay) return (replay, false);
                throw;
            }
        }
        return (@case, true);
    }

    private async Task<Case?> FindReplayAsync(string caller, string key, CancellationToken cancellationToken)
    {
        var caseId = await db.IdempotencyRecords.Where(r => r.Caller == caller && r.Key == key).Select(r => (long?)r.CaseId).SingleOrDefaultAsync(cancellationToken);
        return caseId is null ? null : await db.Cases.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Include(c => c.Timeline).Include(c => c.Departments)
            .SingleAsync(c => c.Id == caseId, cancellationToken);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string NewTrackingCode() => RandomNumberGenerator.GetString(TrackingAlphabet, 10);

    /// <summary>A mainland mobile (11 digits, 1[3-9]…) or a landline (区号-号码): the one rule for every form and the API.</summary>
    public static bool IsPhone(string phone) => PhonePattern().IsMatch(phone);

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")]
    private static partial Regex PhonePattern();
}

public static class CaseActorFactory
{
    public static CaseActor From(CurrentUser user) =>
        user.UserId is null
            ? CaseActor.Reporter()
            : new CaseActor(user.UserId, user.Principal.FindFirst(JicengClaims.DisplayName)?.Value ?? user.UserName ?? "", user.Roles,
                user.OrganisationUnit, user.Scope.DepartmentId ?? (Guid.TryParse(user.Principal.FindFirst(JicengClaims.DepartmentId)?.Value, out var d) ? d : null));
}

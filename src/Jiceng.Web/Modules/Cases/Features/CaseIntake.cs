using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Modules.Grids.Features;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Platform.Time;
using Jiceng.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

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
    IReadOnlyList<string>? Attachments = null,
    Guid? GridId = null);

public sealed record CaseCategoryDto(string Code, string Name, string NameEn, CasePriority Priority,
    int ResponseAmount, TimeLimitUnit ResponseUnit, int HandlingAmount, TimeLimitUnit HandlingUnit);

/// <summary>
/// Receives a case from any channel: validates it and prepares the case in the caller's request, then hands it to
/// <see cref="CaseIntakeWriter"/>, which commits it (group commit) and answers after the commit. An Idempotency-Key
/// makes a retry return the case the first try created (per caller), so a flaky phone network never files the same
/// problem twice.
/// </summary>
public sealed partial class CaseIntake(AppDbContext db, CurrentUser user, TimeProvider time, CaseIntakeWriter writer, IMemoryCache cache,
    CasePhotos photos, CaseSettings settings, GridLocator grids)
{
    private const string TrackingAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>How long a division read for intake is reused (intake is the hottest write path).</summary>
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    public Task<List<CaseCategoryDto>> CategoriesAsync(CancellationToken cancellationToken = default) => CategoriesAsync(null, cancellationToken);

    /// <summary>The active categories of the division's county (defaults with its overrides and additions; cached, see CaseSettings).</summary>
    public Task<List<CaseCategoryDto>> CategoriesAsync(string? divisionCode, CancellationToken cancellationToken = default) =>
        settings.ActiveCategoriesAsync(divisionCode, cancellationToken);

    /// <returns>The case and whether it was created now (false: an idempotent replay).</returns>
    public async Task<Result<(Case Case, bool Created)>> CreateAsync(CreateCaseRequest request, string? idempotencyKey, CaseChannel defaultChannel, CancellationToken cancellationToken = default)
    {
        var caller = user.UserId?.ToString() ?? "anonymous";
        // A retry with a used key is answered by the writer, which looks the keys of a whole batch up at once.
        if (idempotencyKey is { Length: 0 or > 100 }) return Error.Validation("Idempotency-Key must have 1 to 100 characters.");
        if (request.Attachments is { Count: > 9 }) return Error.Validation("最多 9 张照片 / At most 9 photos.");
        if (request.Attachments is { Count: > 0 } && await photos.CheckAsync(request.Attachments, null, cancellationToken) is { } unusable) return unusable;
        var phone = request.ReporterPhone?.Trim();
        if (!string.IsNullOrEmpty(phone) && !IsPhone(phone))
        {
            return Error.Validation("联系电话格式不正确 / reporterPhone must be a mainland mobile (11 digits, 1[3-9]…) or a landline (区号-号码).");
        }
        var category = await settings.CategoryAsync(request.DivisionCode, request.CategoryCode, cancellationToken); // the county's, from memory
        if (category is null) return Error.Validation($"未知的类别 / Unknown category '{request.CategoryCode}'.");
        if (!category.IsActive) return Error.Validation($"该类别已停用 / Category '{request.CategoryCode}' is no longer in use.");

        // Residents may report for any community (the place is public); staff only inside their scope.
        var division = await FindDivisionAsync(request.DivisionCode, cancellationToken);
        if (division is null || division.Level != DivisionLevel.Village
            || (user.Scope.Kind == DataScopeKind.DivisionSubtree && !user.Scope.Includes(division.Path)))
        {
            return Error.Validation("请选择您范围内的社区或村 / divisionCode must be a community or village in your scope.");
        }

        // The grid: given (a grid QR code, a grid worker's own grid) and checked, or found from the point picked on the map.
        Guid? gridId = null;
        if (request.GridId is { } given)
        {
            if (!await grids.BelongsToAsync(given, request.DivisionCode, cancellationToken)) return Error.Validation("该网格不属于所选社区 / gridId is not a grid of that community.");
            gridId = given;
        }
        else if (request is { Latitude: { } latitude, Longitude: { } longitude })
        {
            gridId = await grids.LocateAsync(request.DivisionCode, latitude, longitude, cancellationToken);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var actor = CaseActorFactory.From(user);
        var @case = Case.Submit(category, request.Description.Trim(), request.DivisionCode, division.Path, request.Channel ?? defaultChannel,
            actor, Blank(request.ReporterName), Blank(phone), Blank(request.Address), request.Latitude, request.Longitude, NewTrackingCode(), now,
            request.Attachments);
        @case.PlaceInGrid(gridId);
        // The writer commits it with its idempotency record, photos, notifications and audit entry, and answers after the commit.
        return await writer.WriteAsync(new CaseIntakeWriter.Submission(@case, caller, idempotencyKey, AuditActor.Of(user), request.Attachments ?? []));
    }

    private sealed record DivisionFacts(DivisionLevel Level, string Path);

    private async Task<DivisionFacts?> FindDivisionAsync(string code, CancellationToken cancellationToken)
    {
        // A code's place in the tree never changes (the code encodes it), so caching it is safe.
        if (cache.TryGetValue(("intake-division", code), out DivisionFacts? known)) return known;
        var found = await db.Divisions.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(d => d.Code == code)
            .Select(d => new DivisionFacts(d.Level, d.Path)).SingleOrDefaultAsync(cancellationToken);
        if (found is not null) cache.Set(("intake-division", code), found, CacheFor);
        return found;
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

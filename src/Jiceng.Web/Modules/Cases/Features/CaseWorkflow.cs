using System.ComponentModel.DataAnnotations;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Cases.Features;

public sealed record CaseNoteRequest([property: StringLength(2000)] string? Note = null, IReadOnlyList<string>? Attachments = null);
public sealed record AcceptCaseRequest([property: StringLength(2000)] string? Note = null, LocalHandling? HandleIn = null);
public sealed record DispatchCaseRequest(Guid LeadDepartmentId, IReadOnlyList<Guid>? AssistingDepartmentIds = null, [property: StringLength(2000)] string? Note = null);
public sealed record ExtendCaseRequest([property: Range(1, 90)] int? Amount = null, TimeLimitUnit? Unit = null, ExtensionDecision? Decision = null, [property: StringLength(2000)] string? Note = null);
public sealed record RateCaseRequest(RatingChoice Satisfaction, bool Solved, [property: StringLength(2000)] string? Note = null);
public sealed record MergeCaseRequest(long MasterCaseId, [property: StringLength(2000)] string? Note = null);

public enum ExtensionDecision
{
    Approve,
    Deny,
}

/// <summary>The API's words for a rating: 满意 satisfied, 基本满意 basic, 不满意 unsatisfied.</summary>
public enum RatingChoice
{
    Satisfied,
    Basic,
    Unsatisfied,
}

/// <summary>
/// Applies one transition to one case: load it inside the caller's scope, check the caller's expected version
/// (If-Match), let the entity decide, save. A concurrent change by someone else makes the save fail instead of
/// overwriting it, and the caller gets 409 <c>conflict</c>.
/// </summary>
public sealed class CaseWorkflow(AppDbContext db, CurrentUser user, CaseQueries queries, ICaseClock clock, Notifications.CaseNotifier notifier, CasePhotos photos)
{
    public static readonly Error VersionConflict = new(ErrorCodes.Conflict, StatusCodes.Status409Conflict,
        "The case was changed by someone else; reload it and try again.");

    public Task<Result<CaseDto>> AcceptAsync(long id, AcceptCaseRequest r, int? ifMatch, CancellationToken ct) =>
        ApplyAsync(id, ifMatch, (c, a) => c.Accept(a, r.HandleIn, r.Note, clock), ct);

    public Task<Result<CaseDto>> RejectAsync(long id, CaseNoteRequest r, int? ifMatch, CancellationToken ct) =>
        ApplyAsync(id, ifMatch, (c, a) => c.Reject(a, r.Note, clock.UtcNow), ct);

    public Task<Result<CaseDto>> EscalateAsync(long id, CaseNoteRequest r, int? ifMatch, CancellationToken ct) =>
        ApplyAsync(id, ifMatch, (c, a) => c.Escalate(a, r.Note, clock.UtcNow), ct);

    public async Task<Result<CaseDto>> DispatchAsync(long id, DispatchCaseRequest r, int? ifMatch, CancellationToken ct)
    {
        var wanted = (r.AssistingDepartmentIds ?? []).Append(r.LeadDepartmentId).Distinct().ToList();
        var found = await db.Departments.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(d => wanted.Contains(d.Id) && d.IsActive)
            .Select(d => new { d.Id, d.CountyPath }).ToListAsync(ct);
        return await ApplyAsync(id, ifMatch, (c, a) =>
            found.Count != wanted.Count || found.Any(d => !c.DivisionPath.StartsWith(d.CountyPath, StringComparison.Ordinal))
                ? Error.Validation("请派给诉求所在县的职能部门 / Dispatch to active departments of the case's county.")
                : c.Dispatch(a, r.LeadDepartmentId, r.AssistingDepartmentIds ?? [], r.Note, clock), ct);
    }

    public Task<Result<CaseDto>> ClaimAsync(long id, CaseNoteRequest r, int? ifMatch, CancellationToken ct) =>
        ApplyAsync(id, ifMatch, (c, a) => c.Claim(a, r.Note, clock.UtcNow), ct);

    public Task<Result<CaseDto>> ReturnAsync(long id, CaseNoteRequest r, int? ifMatch, CancellationToken ct) =>
        ApplyAsync(id, ifMatch, (c, a) => c.Return(a, r.Note, clock.UtcNow), ct);

    public Task<Result<CaseDto>> ProgressAsync(long id, CaseNoteRequest r, int? ifMatch, CancellationToken ct) =>
        ApplyAsync(id, ifMatch, (c, a) => c.Progress(a, r.Note, r.Attachments ?? [], clock.UtcNow), ct, r.Attachments);

    /// <summary>A handler asks (amount, unit, note); a dispatcher decides (decision).</summary>
    public Task<Result<CaseDto>> ExtendAsync(long id, ExtendCaseRequest r, int? ifMatch, CancellationToken ct) =>
        ApplyAsync(id, ifMatch, (c, a) => r.Decision is { } decision
            ? c.DecideExtension(a, decision == ExtensionDecision.Approve, r.Note, clock)
            : r.Amount is { } amount
                ? c.RequestExtension(a, amount, r.Unit ?? c.HandlingUnit, r.Note, clock.UtcNow)
                : Error.Validation("请填写延期时长或审批意见 / Give amount (to ask) or decision (to decide)."), ct);

    public Task<Result<CaseDto>> ResolveAsync(long id, CaseNoteRequest r, int? ifMatch, CancellationToken ct) =>
        ApplyAsync(id, ifMatch, (c, a) => c.Resolve(a, r.Note, r.Attachments ?? [], clock.UtcNow), ct, r.Attachments);

    public Task<Result<CaseDto>> VerifyAsync(long id, CaseNoteRequest r, int? ifMatch, CancellationToken ct) =>
        ApplyAsync(id, ifMatch, (c, a) => c.Verify(a, r.Note, r.Attachments ?? [], clock.UtcNow), ct, r.Attachments);

    public Task<Result<CaseDto>> ReworkAsync(long id, CaseNoteRequest r, int? ifMatch, CancellationToken ct) =>
        ApplyAsync(id, ifMatch, (c, a) => c.Rework(a, r.Note, r.Attachments ?? [], clock.UtcNow), ct, r.Attachments);

    public Task<Result<CaseDto>> FeedbackAsync(long id, CaseNoteRequest r, int? ifMatch, CancellationToken ct) =>
        ApplyAsync(id, ifMatch, (c, a) => c.Feedback(a, r.Note, clock.UtcNow), ct);

    public Task<Result<CaseDto>> RateAsync(long id, RateCaseRequest r, int? ifMatch, CancellationToken ct) =>
        ApplyAsync(id, ifMatch, (c, a) => c.Rate(a, ToSatisfaction(r.Satisfaction), r.Solved, r.Note, clock.UtcNow), ct);

    public Task<Result<CaseDto>> ReopenAsync(long id, CaseNoteRequest r, int? ifMatch, CancellationToken ct) =>
        ApplyAsync(id, ifMatch, (c, a) => c.Reopen(a, r.Note, clock), ct);

    public Task<Result<CaseDto>> ParkAsync(long id, CaseNoteRequest r, int? ifMatch, CancellationToken ct) =>
        ApplyAsync(id, ifMatch, (c, a) => c.Park(a, r.Note, clock.UtcNow), ct);

    public Task<Result<CaseDto>> SuperviseAsync(long id, CaseNoteRequest r, int? ifMatch, CancellationToken ct) =>
        ApplyAsync(id, ifMatch, (c, a) => c.Supervise(a, r.Note, clock.UtcNow), ct);

    public async Task<Result<CaseDto>> MergeAsync(long id, MergeCaseRequest r, int? ifMatch, CancellationToken ct)
    {
        var master = await db.Cases.Include(c => c.Timeline).SingleOrDefaultAsync(c => c.Id == r.MasterCaseId, ct);
        if (master is null) return Error.NotFound("Master case");
        return await ApplyAsync(id, ifMatch, (c, a) => c.MergeInto(a, master, r.Note, clock.UtcNow), ct);
    }

    /// <summary>The reporter's own rating, through the tracking code (no account needed).</summary>
    public async Task<Result<TrackedCaseDto>> RateByTrackingCodeAsync(string trackingCode, RateCaseRequest r, CancellationToken ct)
    {
        var @case = await db.Cases.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Include(c => c.Timeline).Include(c => c.Departments)
            .SingleOrDefaultAsync(c => c.TrackingCode == trackingCode, ct);
        if (@case is null) return Error.NotFound("Case");
        if (@case.Rate(CaseActor.Reporter(), ToSatisfaction(r.Satisfaction), r.Solved, r.Note, clock.UtcNow) is { } error) return error;
        if (await SaveAsync(ct) is { } conflict) return conflict;
        return (await queries.TrackAsync(trackingCode, ct))!;
    }

    private async Task<Result<CaseDto>> ApplyAsync(long id, int? ifMatch, Func<Case, CaseActor, Error?> transition, CancellationToken ct,
        IReadOnlyList<string>? attachments = null)
    {
        if (await photos.CheckAsync(attachments, id, ct) is { } unusable) return unusable;
        var @case = await db.Cases.Include(c => c.Timeline).Include(c => c.Departments).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (@case is null) return Error.NotFound("Case");
        if (ifMatch is { } expected && expected != @case.Version) return VersionConflict;
        await clock.UseCalendarOfAsync(@case.DivisionCode, ct);
        if (transition(@case, CaseActorFactory.From(user)) is { } error) return error;
        if (await photos.AttachAsync(id, attachments, ct) is { } refused) return refused; // saved below, with the case
        await notifier.PlanAsync(@case, @case.Timeline[^1].Action, ct);
        if (await SaveAsync(ct) is { } conflict) return conflict;
        return await queries.ToDtoAsync(@case, ct);
    }

    private async Task<Error?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return VersionConflict;
        }
    }

    private static Satisfaction ToSatisfaction(RatingChoice choice) => choice switch
    {
        RatingChoice.Satisfied => Satisfaction.Satisfied,
        RatingChoice.Basic => Satisfaction.Basic,
        _ => Satisfaction.Unsatisfied,
    };
}

/// <summary>Deadlines on the county's working calendar (statutory holidays, make-up days and the county's own days).</summary>
public sealed class CalendarCaseClock(TimeProvider time, CaseSettings settings) : ICaseClock
{
    private WorkingCalendar _calendar = WorkingCalendar.China();
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;
    public DateTime Deadline(DateTime startUtc, int amount, TimeLimitUnit unit) => _calendar.Deadline(startUtc, amount, unit);
    public async Task UseCalendarOfAsync(string divisionCode, CancellationToken cancellationToken) => _calendar = await settings.CalendarAsync(divisionCode, cancellationToken);
}

using Jiceng.Web.Data;
using Jiceng.Web.Modules.Volunteering.Domain;
using Jiceng.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Volunteering.Features;

public sealed record StaffSignupRequest(Guid? PersonId, string? Name);

public sealed record CheckInRequest(string? Code);

public sealed record SetMinutesRequest(int? Minutes);

public sealed record CheckInDto(Guid SignupId, Guid ActivityId, string Title, string Place, DateTime StartUtc, DateTime EndUtc,
    DateTime? CheckedInUtc, DateTime? CheckedOutUtc, int CreditedMinutes);

/// <summary>
/// Sign-ups with a capacity that holds under concurrent requests, their cancellation, and check-in and check-out on the
/// day (by the activity's QR code, or by staff for those without a phone).
/// </summary>
public sealed partial class ActivitySignups(VolunteeringContext ctx, ILogger<ActivitySignups> logger)
{
    private AppDbContext Db => ctx.Db;

    /// <summary>
    /// Open activities are public (the portal lists them), so a volunteer, who has no division scope, reaches the one they
    /// sign up for or check in to by its id or code; only that row is read.
    /// </summary>
    private IQueryable<VolunteerActivity> AnyActivity => Db.VolunteerActivities.IgnoreQueryFilters([AppDbContext.ScopeFilter]);

    /// <summary>The caller signs up.</summary>
    public async Task<Result<SignupDto>> SignUpAsync(Guid activityId, CancellationToken ct)
    {
        var activity = await AnyActivity.AsNoTracking().SingleOrDefaultAsync(a => a.Id == activityId, ct);
        if (activity is null) return Error.NotFound("Activity");
        var (personId, name) = await ctx.MeAsync(ct);
        return await TakePlaceAsync(activity, ctx.User.UserId, personId, name, ct);
    }

    /// <summary>Staff sign up someone without a phone (a person in scope, or just a name).</summary>
    public async Task<Result<SignupDto>> SignUpForAsync(Guid activityId, StaffSignupRequest request, CancellationToken ct)
    {
        var activity = await Db.VolunteerActivities.AsNoTracking().SingleOrDefaultAsync(a => a.Id == activityId, ct);
        if (activity is null) return Error.NotFound("Activity");
        Guid? personId = null, userId = null;
        string name;
        if (request.PersonId is { } pid)
        {
            var person = await Db.People.AsNoTracking().Where(p => p.Id == pid).Select(p => new { p.Id, p.Name, p.UserId }).SingleOrDefaultAsync(ct);
            if (person is null) return Error.NotFound("Person");
            (personId, userId, name) = (person.Id, person.UserId, person.Name);
        }
        else if (!string.IsNullOrWhiteSpace(request.Name) && request.Name.Trim().Length <= 50) name = request.Name.Trim();
        else return Error.Validation("请填写姓名（最多 50 字） / Give a name (at most 50 characters).");
        return await TakePlaceAsync(activity, userId, personId, name, ct);
    }

    /// <summary>
    /// Takes a place: the count goes up only while it is below the capacity (a conditional update, so concurrent sign-ups
    /// cannot overbook), and the sign-up is inserted in the same transaction; the unique index refuses a second live one.
    /// </summary>
    private async Task<Result<SignupDto>> TakePlaceAsync(VolunteerActivity activity, Guid? userId, Guid? personId, string name, CancellationToken ct)
    {
        var now = ctx.UtcNow;
        if (activity.Status != ActivityStatus.Open || activity.EndUtc <= now) return VolunteeringErrors.NotOpen();
        if (userId is { } uid && await Db.ActivitySignups.IgnoreQueryFilters([AppDbContext.ScopeFilter])
                .AnyAsync(s => s.ActivityId == activity.Id && s.UserId == uid && s.Status == SignupStatus.SignedUp, ct))
            return VolunteeringErrors.Twice();

        var signup = new ActivitySignup(activity, userId, personId, name.Length > 50 ? name[..50] : name, now);
        await using var transaction = await Db.Database.BeginTransactionAsync(ct);
        var taken = await AnyActivity
            .Where(a => a.Id == activity.Id && a.Status == ActivityStatus.Open && a.SignedUpCount < a.Capacity)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.SignedUpCount, a => a.SignedUpCount + 1).SetProperty(a => a.Version, a => a.Version + 1), ct);
        if (taken == 0)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            var status = await AnyActivity.Where(a => a.Id == activity.Id).Select(a => a.Status).SingleAsync(ct);
            return status == ActivityStatus.Open ? VolunteeringErrors.Full() : VolunteeringErrors.NotOpen();
        }
        Db.ActivitySignups.Add(signup);
        ctx.Audit(VolunteeringAudit.SignedUp, nameof(ActivitySignup), signup.Id, $"activity {activity.Id}");
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request of the same account won the race: the unique index kept one live sign-up.
            await transaction.RollbackAsync(CancellationToken.None);
            Db.ChangeTracker.Clear();
            return VolunteeringErrors.Twice();
        }
        await transaction.CommitAsync(ct);
        LogSignedUp(logger, signup.Id, activity.Id);
        return VolunteerActivities.Dto(signup);
    }

    /// <summary>Cancels a sign-up (the volunteer's own, or by staff in scope) before check-in, and frees the place.</summary>
    public async Task<Result<SignupDto>> CancelAsync(Guid signupId, CancellationToken ct)
    {
        var signup = await Db.ActivitySignups.AsNoTracking().SingleOrDefaultAsync(s => s.Id == signupId, ct);
        if (signup is null) return Error.NotFound("Signup");
        if (!VolunteeringRoles.IsStaff(ctx.User) && signup.UserId != ctx.User.UserId) return Error.NotFound("Signup");
        if (signup.Status != SignupStatus.SignedUp) return Error.Conflict("报名已取消 / The sign-up is already cancelled.");
        if (signup.CheckedInUtc is not null) return Error.Conflict("已签到，不能取消 / Already checked in: it cannot be cancelled.");
        var status = await AnyActivity.Where(a => a.Id == signup.ActivityId).Select(a => a.Status).SingleAsync(ct);
        if (status != ActivityStatus.Open) return VolunteeringErrors.NotOpen();

        var now = ctx.UtcNow;
        await using var transaction = await Db.Database.BeginTransactionAsync(ct);
        var cancelled = await Db.ActivitySignups.Where(s => s.Id == signupId && s.Status == SignupStatus.SignedUp && s.CheckedInUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SignupStatus.Cancelled).SetProperty(s => s.CancelledUtc, now), ct);
        if (cancelled == 0)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return Error.Conflict("报名已变更，请刷新 / The sign-up changed; reload it.");
        }
        await AnyActivity.Where(a => a.Id == signup.ActivityId && a.SignedUpCount > 0)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.SignedUpCount, a => a.SignedUpCount - 1).SetProperty(a => a.Version, a => a.Version + 1), ct);
        ctx.Audit(VolunteeringAudit.SignupCancelled, nameof(ActivitySignup), signupId);
        await Db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var after = await Db.ActivitySignups.AsNoTracking().SingleAsync(s => s.Id == signupId, ct);
        return VolunteerActivities.Dto(after);
    }

    /// <summary>The caller checks in with the code of the QR shown on the day; someone not signed up takes a free place.</summary>
    public async Task<Result<CheckInDto>> CheckInAsync(string? code, CancellationToken ct)
    {
        var found = await ByCodeAsync(code, ct);
        if (!found.IsSuccess) return found.Error!;
        var activity = found.Value!;
        var now = ctx.UtcNow;
        if (now < activity.StartUtc - VolunteeringContext.CheckInEarly || now > activity.EndUtc) return VolunteeringErrors.Window();
        var signup = await MySignupAsync(activity.Id, ct);
        if (signup is null)
        {
            var taken = await SignUpAsync(activity.Id, ct);
            if (!taken.IsSuccess) return taken.Error!;
            signup = await MySignupAsync(activity.Id, ct);
        }
        if (signup!.CheckedInUtc is null)
        {
            signup.CheckedInUtc = now;
            ctx.Audit(VolunteeringAudit.CheckedIn, nameof(ActivitySignup), signup.Id);
            await Db.SaveChangesAsync(ct);
        }
        return Dto(activity, signup);
    }

    public async Task<Result<CheckInDto>> CheckOutAsync(string? code, CancellationToken ct)
    {
        var found = await ByCodeAsync(code, ct);
        if (!found.IsSuccess) return found.Error!;
        var activity = found.Value!;
        var now = ctx.UtcNow;
        if (now < activity.StartUtc - VolunteeringContext.CheckInEarly || now > activity.EndUtc + VolunteeringContext.CheckOutLate) return VolunteeringErrors.Window();
        var signup = await MySignupAsync(activity.Id, ct);
        if (signup?.CheckedInUtc is not { } checkedIn) return VolunteeringErrors.NoCheckIn();
        signup.CheckedOutUtc = now;
        signup.CreditedMinutes = VolunteeringContext.CreditedMinutes(checkedIn, now, activity.StartUtc, activity.EndUtc);
        ctx.Audit(VolunteeringAudit.CheckedOut, nameof(ActivitySignup), signup.Id, $"{signup.CreditedMinutes} min");
        await Db.SaveChangesAsync(ct);
        return Dto(activity, signup);
    }

    /// <summary>Staff check someone in (now), e.g. a neighbour without a phone.</summary>
    public Task<Result<CheckInDto>> StaffCheckInAsync(Guid signupId, CancellationToken ct) => StaffAsync(signupId, (a, s, now) =>
    {
        if (now < a.StartUtc - VolunteeringContext.CheckInEarly || now > a.EndUtc) return VolunteeringErrors.Window();
        s.CheckedInUtc ??= now;
        return null;
    }, VolunteeringAudit.CheckedIn, ct);

    public Task<Result<CheckInDto>> StaffCheckOutAsync(Guid signupId, CancellationToken ct) => StaffAsync(signupId, (a, s, now) =>
    {
        if (s.CheckedInUtc is not { } checkedIn) return VolunteeringErrors.NoCheckIn();
        if (now > a.EndUtc + VolunteeringContext.CheckOutLate) return VolunteeringErrors.Window();
        s.CheckedOutUtc = now;
        s.CreditedMinutes = VolunteeringContext.CreditedMinutes(checkedIn, now, a.StartUtc, a.EndUtc);
        return null;
    }, VolunteeringAudit.CheckedOut, ct);

    /// <summary>Staff set the minutes credited (at most the activity's length), e.g. for someone who served without checking in.</summary>
    public Task<Result<CheckInDto>> SetMinutesAsync(Guid signupId, int? minutes, CancellationToken ct) => StaffAsync(signupId, (a, s, _) =>
    {
        var longest = (int)(a.EndUtc - a.StartUtc).TotalMinutes;
        if (minutes is not { } m || m < 0 || m > longest) return Error.Validation($"时长须为 0–{longest} 分钟 / Minutes must be 0–{longest}.");
        s.CreditedMinutes = m;
        return null;
    }, VolunteeringAudit.CheckedOut, ct, allowClosed: true);

    private async Task<Result<CheckInDto>> StaffAsync(Guid signupId, Func<VolunteerActivity, ActivitySignup, DateTime, Error?> change, string action,
        CancellationToken ct, bool allowClosed = false)
    {
        var signup = await Db.ActivitySignups.SingleOrDefaultAsync(s => s.Id == signupId, ct);
        if (signup is null) return Error.NotFound("Signup");
        var activity = await Db.VolunteerActivities.AsNoTracking().SingleOrDefaultAsync(a => a.Id == signup.ActivityId, ct);
        if (activity is null) return Error.NotFound("Activity");
        if (signup.Status != SignupStatus.SignedUp) return Error.Conflict("报名已取消 / The sign-up is cancelled.");
        if (activity.Status == ActivityStatus.Cancelled || (activity.Status == ActivityStatus.Closed && !allowClosed)) return VolunteeringErrors.NotOpen();
        if (change(activity, signup, ctx.UtcNow) is { } error) return error;
        ctx.Audit(action, nameof(ActivitySignup), signup.Id, "by staff");
        await Db.SaveChangesAsync(ct);
        return Dto(activity, signup);
    }

    private async Task<Result<VolunteerActivity>> ByCodeAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 40) return Error.NotFound("Activity");
        var c = code.Trim();
        var activity = await AnyActivity.AsNoTracking().SingleOrDefaultAsync(a => a.CheckInCode == c, ct);
        if (activity is null) return Error.NotFound("Activity");
        return activity.Status == ActivityStatus.Open ? activity : VolunteeringErrors.NotOpen();
    }

    private Task<ActivitySignup?> MySignupAsync(Guid activityId, CancellationToken ct)
    {
        var me = ctx.User.UserId ?? Guid.Empty;
        return Db.ActivitySignups.SingleOrDefaultAsync(s => s.ActivityId == activityId && s.UserId == me && s.Status == SignupStatus.SignedUp, ct);
    }

    /// <summary>What the check-in page shows for a code (the activity, and the caller's sign-up if any).</summary>
    public async Task<Result<CheckInDto>> PeekAsync(string? code, CancellationToken ct)
    {
        var found = await ByCodeAsync(code, ct);
        if (!found.IsSuccess) return found.Error!;
        var signup = await MySignupAsync(found.Value!.Id, ct);
        return signup is null
            ? new CheckInDto(Guid.Empty, found.Value.Id, found.Value.Title, found.Value.Place, found.Value.StartUtc, found.Value.EndUtc, null, null, 0)
            : Dto(found.Value, signup);
    }

    private static CheckInDto Dto(VolunteerActivity a, ActivitySignup s) =>
        new(s.Id, a.Id, a.Title, a.Place, a.StartUtc, a.EndUtc, s.CheckedInUtc, s.CheckedOutUtc, s.CreditedMinutes);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Sign-up {SignupId} took a place in activity {ActivityId}")]
    private static partial void LogSignedUp(ILogger logger, Guid signupId, Guid activityId);
}

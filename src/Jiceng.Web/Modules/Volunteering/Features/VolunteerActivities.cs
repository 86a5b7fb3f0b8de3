using Jiceng.Web.Data;
using Jiceng.Web.Modules.Volunteering.Domain;
using Jiceng.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Volunteering.Features;

public sealed record CreateActivityRequest(string? DivisionCode, string? Title, string? Theme, string? Description, string? Place,
    DateTime? StartUtc, DateTime? EndUtc, int? Capacity, string? RequiredSkills, Guid? TeamId);

public sealed record CloseActivityRequest(int? PeopleServed);

public sealed record ActivityDto(Guid Id, string DivisionCode, Guid? TeamId, string? TeamName, string Title, string? Theme, string? Description, string Place,
    DateTime StartUtc, DateTime EndUtc, int Capacity, int SignedUpCount, int PlacesLeft, string? RequiredSkills, ActivityStatus Status, int? PeopleServed,
    string CheckInCode, int Version);

/// <summary>What the public sees of an open activity: no personal data.</summary>
public sealed record PublicActivityDto(Guid Id, string Title, string? Theme, string Place, DateTime StartUtc, DateTime EndUtc, int Capacity, int PlacesLeft,
    string? RequiredSkills);

public sealed record SignupDto(Guid Id, Guid ActivityId, string NameMasked, bool HasAccount, SignupStatus Status, DateTime SignedUpUtc,
    DateTime? CheckedInUtc, DateTime? CheckedOutUtc, int CreditedMinutes);

/// <summary>Volunteer activities: staff create, cancel and close them; anyone reads a community's open ones.</summary>
public sealed class VolunteerActivities(VolunteeringContext ctx)
{
    public const int MaxCapacity = 10_000;
    private AppDbContext Db => ctx.Db;

    public async Task<Result<ActivityDto>> CreateAsync(CreateActivityRequest r, CancellationToken ct)
    {
        var area = await ctx.AreaInScopeAsync(r.DivisionCode, ct);
        if (!area.IsSuccess) return area.Error!;
        if (string.IsNullOrWhiteSpace(r.Title) || r.Title.Trim().Length > 100) return Error.Validation("标题须为 1–100 字 / The title must be 1–100 characters.");
        if (string.IsNullOrWhiteSpace(r.Place) || r.Place.Trim().Length > 200) return Error.Validation("地点须为 1–200 字 / The place must be 1–200 characters.");
        if (r.Theme?.Trim().Length > 50) return Error.Validation("主题最多 50 字 / Theme: at most 50 characters.");
        if (r.Description?.Trim().Length > 2000) return Error.Validation("说明最多 2000 字 / Description: at most 2000 characters.");
        if (r.RequiredSkills?.Trim().Length > 200) return Error.Validation("技能要求最多 200 字 / Skills: at most 200 characters.");
        if (r.StartUtc is not { } start || r.EndUtc is not { } end || end <= start || end - start > TimeSpan.FromDays(7))
            return Error.Validation("结束时间须晚于开始时间（最长 7 天） / The end must be after the start (at most 7 days).");
        if (r.Capacity is not (>= 1 and <= MaxCapacity)) return Error.Validation($"名额须为 1–{MaxCapacity} / Capacity must be 1–{MaxCapacity}.");
        string? teamName = null;
        if (r.TeamId is { } teamId)
        {
            teamName = await Db.VolunteerTeams.AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Name).SingleOrDefaultAsync(ct);
            if (teamName is null) return Error.NotFound("Team");
        }
        var activity = new VolunteerActivity(area.Value!.Code, area.Value.Path, r.Title.Trim(), Utc(start), Utc(end), r.Capacity.Value,
            VolunteeringContext.NewCheckInCode(), ctx.UtcNow)
        {
            TeamId = r.TeamId, Theme = Clean(r.Theme), Description = Clean(r.Description), Place = r.Place.Trim(),
            RequiredSkills = Clean(r.RequiredSkills), CreatedByUserId = ctx.User.UserId,
        };
        Db.VolunteerActivities.Add(activity);
        await Db.SaveChangesAsync(ct);
        return Dto(activity, teamName);
    }

    public async Task<Result<List<ActivityDto>>> ListAsync(string? division, ActivityStatus? status, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var q = Db.VolunteerActivities.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(division))
        {
            var area = await ctx.AreaInScopeAsync(division, ct);
            if (!area.IsSuccess) return area.Error!;
            var (lo, hi) = Platform.Scope.MaterialisedPath.Range(area.Value!.Path);
            q = q.Where(a => string.Compare(a.DivisionPath, lo) >= 0 && string.Compare(a.DivisionPath, hi) < 0);
        }
        if (status is { } s) q = q.Where(a => a.Status == s);
        if (from is { } f) { var fu = VolunteeringContext.StartOfDayUtc(f); q = q.Where(a => a.StartUtc >= fu); }
        if (to is { } t) { var tu = VolunteeringContext.StartOfDayUtc(t.AddDays(1)); q = q.Where(a => a.StartUtc < tu); }
        var rows = await q.OrderByDescending(a => a.StartUtc).Take(500).ToListAsync(ct);
        var teams = await TeamNamesAsync(rows.Select(a => a.TeamId), ct);
        return rows.Select(a => Dto(a, a.TeamId is { } id ? teams.GetValueOrDefault(id) : null)).ToList();
    }

    public async Task<Result<ActivityDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var a = await Db.VolunteerActivities.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return Error.NotFound("Activity");
        return Dto(a, (await TeamNamesAsync([a.TeamId], ct)).Values.FirstOrDefault());
    }

    /// <summary>
    /// A community's open activities that have not ended, for the public portal. An explicit public read: it passes the
    /// scope filter and projects only public fields (no names, no check-in code).
    /// </summary>
    public async Task<List<PublicActivityDto>> PublicAsync(string communityCode, CancellationToken ct)
    {
        var now = ctx.UtcNow;
        return await Db.VolunteerActivities.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(a => a.DivisionCode == communityCode && a.Status == ActivityStatus.Open && a.EndUtc > now)
            .OrderBy(a => a.StartUtc).Take(100)
            .Select(a => new PublicActivityDto(a.Id, a.Title, a.Theme, a.Place, a.StartUtc, a.EndUtc, a.Capacity, a.Capacity - a.SignedUpCount, a.RequiredSkills))
            .ToListAsync(ct);
    }

    public async Task<Result<ActivityDto>> CancelAsync(Guid id, CancellationToken ct)
    {
        var a = await Db.VolunteerActivities.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return Error.NotFound("Activity");
        if (a.Status != ActivityStatus.Open) return VolunteeringErrors.NotOpen();
        a.Status = ActivityStatus.Cancelled;
        a.Touch();
        return await SaveAsync(a, ct);
    }

    /// <summary>Closes a held activity with the people served; anyone still checked in is credited up to now (within the activity's time).</summary>
    public async Task<Result<ActivityDto>> CloseAsync(Guid id, CloseActivityRequest r, CancellationToken ct)
    {
        if (r.PeopleServed is not (>= 0 and <= 1_000_000)) return Error.Validation("服务人次须为 0 或以上 / People served must be 0 or more.");
        var a = await Db.VolunteerActivities.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return Error.NotFound("Activity");
        if (a.Status != ActivityStatus.Open) return VolunteeringErrors.NotOpen();
        var now = ctx.UtcNow;
        if (now < a.StartUtc) return Error.Validation("活动尚未开始，不能结项 / The activity has not started yet.");
        var open = await Db.ActivitySignups.Where(s => s.ActivityId == id && s.Status == SignupStatus.SignedUp && s.CheckedInUtc != null && s.CheckedOutUtc == null).ToListAsync(ct);
        foreach (var s in open)
        {
            s.CheckedOutUtc = now;
            s.CreditedMinutes = VolunteeringContext.CreditedMinutes(s.CheckedInUtc!.Value, now, a.StartUtc, a.EndUtc);
        }
        a.Status = ActivityStatus.Closed;
        a.PeopleServed = r.PeopleServed;
        a.ClosedUtc = now;
        a.Touch();
        return await SaveAsync(a, ct);
    }

    public async Task<Result<List<SignupDto>>> SignupsAsync(Guid id, CancellationToken ct)
    {
        if (!await Db.VolunteerActivities.AnyAsync(a => a.Id == id, ct)) return Error.NotFound("Activity");
        var rows = await Db.ActivitySignups.AsNoTracking().Where(s => s.ActivityId == id).OrderBy(s => s.Status).ThenBy(s => s.SignedUpUtc).ToListAsync(ct);
        return rows.Select(Dto).ToList();
    }

    public static SignupDto Dto(ActivitySignup s) =>
        new(s.Id, s.ActivityId, VolunteeringContext.Masked(s.Name) ?? "", s.UserId is not null, s.Status, s.SignedUpUtc, s.CheckedInUtc, s.CheckedOutUtc, s.CreditedMinutes);

    private async Task<Result<ActivityDto>> SaveAsync(VolunteerActivity a, CancellationToken ct)
    {
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return VolunteeringErrors.Changed();
        }
        return Dto(a, (await TeamNamesAsync([a.TeamId], ct)).Values.FirstOrDefault());
    }

    private async Task<Dictionary<Guid, string>> TeamNamesAsync(IEnumerable<Guid?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<Guid>().Distinct().ToList();
        if (wanted.Count == 0) return [];
        return await Db.VolunteerTeams.AsNoTracking().Where(t => wanted.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
    }

    private static DateTime Utc(DateTime t) => t.Kind switch
    {
        DateTimeKind.Utc => t,
        DateTimeKind.Local => t.ToUniversalTime(),
        _ => DateTime.SpecifyKind(t, DateTimeKind.Utc),
    };

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static ActivityDto Dto(VolunteerActivity a, string? teamName) =>
        new(a.Id, a.DivisionCode, a.TeamId, teamName, a.Title, a.Theme, a.Description, a.Place, a.StartUtc, a.EndUtc, a.Capacity, a.SignedUpCount,
            Math.Max(0, a.Capacity - a.SignedUpCount), a.RequiredSkills, a.Status, a.PeopleServed, a.CheckInCode, a.Version);
}

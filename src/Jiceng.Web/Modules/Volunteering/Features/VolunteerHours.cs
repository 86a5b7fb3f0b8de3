using Jiceng.Web.Data;
using Jiceng.Web.Modules.Volunteering.Domain;
using Jiceng.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Volunteering.Features;

public sealed record LogHoursRequest(string? DivisionCode, DateOnly? ServedOn, int? Minutes, string? Description, int? PeopleServed, Guid? TeamId);

public sealed record DecideHoursRequest(string? Note);

public sealed record HoursClaimDto(Guid Id, string DivisionCode, string NameMasked, DateOnly ServedOn, int Minutes, string Description, int PeopleServed,
    HoursClaimStatus Status, string? DecisionNote, DateTime? DecidedUtc, DateTime CreatedUtc, int Version);

/// <summary>Hours volunteers log themselves; staff of the community approve or reject each claim once.</summary>
public sealed class VolunteerHours(VolunteeringContext ctx)
{
    public const int MaxDaysBack = 90;
    private AppDbContext Db => ctx.Db;

    public async Task<Result<HoursClaimDto>> LogAsync(LogHoursRequest r, CancellationToken ct)
    {
        var area = await ctx.AnyAreaAsync(r.DivisionCode, ct);
        if (area is null) return Error.Validation("请选择服务的社区 / Choose the community served.");
        var today = ctx.Today;
        if (r.ServedOn is not { } day || day > today || day < today.AddDays(-MaxDaysBack))
            return Error.Validation($"服务日期须在近 {MaxDaysBack} 天内 / The day must be within the last {MaxDaysBack} days.");
        if (r.Minutes is not (>= 1 and <= 24 * 60)) return Error.Validation("时长须为 1–1440 分钟 / Minutes must be 1–1440.");
        if (string.IsNullOrWhiteSpace(r.Description) || r.Description.Trim().Length > 1000) return Error.Validation("请填写服务内容（最多 1000 字） / Describe the service (at most 1000 characters).");
        if (r.PeopleServed is < 0 or > 100_000) return Error.Validation("服务人次须为 0 或以上 / People served must be 0 or more.");
        var (personId, name) = await ctx.MeAsync(ct);
        var claim = new VolunteerHoursClaim(area.Code, area.Path, ctx.User.UserId, name, day, r.Minutes.Value, r.Description.Trim(), ctx.UtcNow)
        {
            PersonId = personId, PeopleServed = r.PeopleServed ?? 0, TeamId = r.TeamId,
        };
        Db.VolunteerHoursClaims.Add(claim);
        await Db.SaveChangesAsync(ct);
        return Dto(claim);
    }

    /// <summary>Claims in the caller's scope (staff), or the caller's own (a volunteer: the scope filter gives only theirs).</summary>
    public async Task<Result<List<HoursClaimDto>>> ListAsync(string? division, HoursClaimStatus? status, bool mineOnly, CancellationToken ct)
    {
        var q = Db.VolunteerHoursClaims.AsNoTracking();
        if (mineOnly)
        {
            var me = ctx.User.UserId ?? Guid.Empty;
            q = q.Where(c => c.UserId == me);
        }
        if (!string.IsNullOrWhiteSpace(division))
        {
            var area = await ctx.AreaInScopeAsync(division, ct);
            if (!area.IsSuccess) return area.Error!;
            var (lo, hi) = Platform.Scope.MaterialisedPath.Range(area.Value!.Path);
            q = q.Where(c => string.Compare(c.DivisionPath, lo) >= 0 && string.Compare(c.DivisionPath, hi) < 0);
        }
        if (status is { } s) q = q.Where(c => c.Status == s);
        var rows = await q.OrderByDescending(c => c.ServedOn).ThenByDescending(c => c.CreatedUtc).Take(500).ToListAsync(ct);
        return rows.Select(Dto).ToList();
    }

    public Task<Result<HoursClaimDto>> ApproveAsync(Guid id, int? expectedVersion, string? note, CancellationToken ct) =>
        DecideAsync(id, expectedVersion, HoursClaimStatus.Approved, note, ct);

    public Task<Result<HoursClaimDto>> RejectAsync(Guid id, int? expectedVersion, string? note, CancellationToken ct) =>
        DecideAsync(id, expectedVersion, HoursClaimStatus.Rejected, note, ct);

    /// <summary>Decides a pending claim once: the update only applies while it is still pending (and at the version read, if given).</summary>
    private async Task<Result<HoursClaimDto>> DecideAsync(Guid id, int? expectedVersion, HoursClaimStatus decision, string? note, CancellationToken ct)
    {
        if (note?.Trim().Length > 500) return Error.Validation("意见最多 500 字 / Note: at most 500 characters.");
        var claim = await Db.VolunteerHoursClaims.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (claim is null || !VolunteeringRoles.IsStaff(ctx.User)) return Error.NotFound("Hours claim");
        if (claim.UserId is { } owner && owner == ctx.User.UserId) return Error.Forbidden("不能审核自己的申报 / You cannot decide your own claim.");
        if (claim.Status != HoursClaimStatus.Pending) return VolunteeringErrors.Decided();
        var now = ctx.UtcNow;
        var me = ctx.User.UserId;
        var cleanNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var q = Db.VolunteerHoursClaims.Where(c => c.Id == id && c.Status == HoursClaimStatus.Pending);
        if (expectedVersion is { } v) q = q.Where(c => c.Version == v);
        var changed = await q.ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, decision).SetProperty(c => c.DecidedUtc, now)
            .SetProperty(c => c.DecidedByUserId, me).SetProperty(c => c.DecisionNote, cleanNote).SetProperty(c => c.Version, c => c.Version + 1), ct);
        if (changed == 0) return VolunteeringErrors.Decided();
        ctx.Audit(VolunteeringAudit.HoursDecided, nameof(VolunteerHoursClaim), id, decision.ToString());
        await Db.SaveChangesAsync(ct);
        return Dto(await Db.VolunteerHoursClaims.AsNoTracking().SingleAsync(c => c.Id == id, ct));
    }

    public static HoursClaimDto Dto(VolunteerHoursClaim c) =>
        new(c.Id, c.DivisionCode, VolunteeringContext.Masked(c.Name) ?? "", c.ServedOn, c.Minutes, c.Description, c.PeopleServed, c.Status, c.DecisionNote,
            c.DecidedUtc, c.CreatedUtc, c.Version);
}

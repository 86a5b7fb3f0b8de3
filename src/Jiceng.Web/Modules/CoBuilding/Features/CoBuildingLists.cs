using Jiceng.Web.Platform.Time;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.CoBuilding.Domain;
using Jiceng.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using static Jiceng.Web.Modules.CoBuilding.Features.CoBuildingLookups;

namespace Jiceng.Web.Modules.CoBuilding.Features;

public sealed record ListItemDto(Guid Id, string Owner, int Year, string Category, string Item, string? Detail);
public sealed record NeedRequest(string? DivisionCode, int? Year, string? Category, string? Item, string? Detail);
public sealed record ResourceRequest(int? Year, string? Category, string? Item, string? Detail);

public sealed record ProjectDto(Guid Id, Guid PairingId, Guid UnitId, string UnitName, string DivisionCode, string CommunityName, int Year, string Title,
    Guid? NeedId, string? NeedItem, Guid? ResourceId, string? ResourceItem, DateOnly? DueOn, ProjectStatus Status, int ProgressPercent,
    string? ProgressNote, int? Beneficiaries, DateTime? CompletedUtc, int Version);
public sealed record CreateProjectRequest(Guid? PairingId, string? Title, int? Year, Guid? NeedId, Guid? ResourceId, DateOnly? DueOn);
public sealed record ProjectProgressRequest(int? ProgressPercent, string? Note);
public sealed record CompleteProjectRequest(int? Beneficiaries, string? Note);

/// <summary>三清单: the community's needs list, the unit's resources list and the joint projects matched from them.</summary>
public sealed class CoBuildingLists(AppDbContext db, CoBuildingCaller caller, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;
    private int ThisYear => WorkingCalendar.LocalDate(Now).Year;

    private static Error? CheckYear(int? year) => year is null or (>= 2000 and <= 2100) ? null : CoBuildingErrors.Invalid("年度无效", "The year is out of range.");

    // ---- Needs (需求清单) ----

    /// <summary>A community's needs for a year: its staff (and those above) and the units actively paired with it; anyone else: not found.</summary>
    public async Task<Result<List<ListItemDto>>> NeedsAsync(string? division, int? year, CancellationToken ct)
    {
        if (CheckYear(year) is { } yearError) return yearError;
        var community = await VisibleCommunityAsync(db, caller, division, ct);
        if (community is null) return CoBuildingErrors.NotFound("社区", "Community");
        var y = year ?? ThisYear;
        var needs = await db.CommunityNeeds.AsNoTracking().Where(n => n.DivisionCode == community.Code && n.Year == y).ToListAsync(ct);
        return needs.OrderBy(n => n.Category, StringComparer.Ordinal).ThenBy(n => n.CreatedUtc)
            .Select(n => new ListItemDto(n.Id, community.Name, n.Year, n.Category, n.Item, n.Detail)).ToList();
    }

    public async Task<Result<ListItemDto>> AddNeedAsync(NeedRequest request, CancellationToken ct)
    {
        if (!caller.IsManager) return CoBuildingErrors.Forbidden("只有社区工作人员可以维护需求清单", "Only community staff keep the needs list.");
        if (CheckItem(request.Category, request.Item, request.Detail, request.Year) is { } error) return error;
        var community = await VisibleCommunityAsync(db, caller, request.DivisionCode, ct);
        if (community is null) return CoBuildingErrors.NotFound("社区", "Community");
        var need = new CommunityNeed(community.Code, community.Path, request.Year ?? ThisYear, request.Category!.Trim(), request.Item!.Trim(), Now)
        {
            Detail = Clean(request.Detail),
        };
        db.CommunityNeeds.Add(need);
        await db.SaveChangesAsync(ct);
        return new ListItemDto(need.Id, community.Name, need.Year, need.Category, need.Item, need.Detail);
    }

    public async Task<Result<ListItemDto>> UpdateNeedAsync(Guid id, NeedRequest request, CancellationToken ct)
    {
        var need = await ManagedNeedAsync(id, ct);
        if (!need.IsSuccess) return need.Error!;
        if (CheckItem(request.Category, request.Item, request.Detail, request.Year) is { } error) return error;
        var n = need.Value!;
        n.Category = request.Category!.Trim();
        n.Item = request.Item!.Trim();
        n.Detail = Clean(request.Detail);
        if (request.Year is { } year) n.Year = year;
        await db.SaveChangesAsync(ct);
        return new ListItemDto(n.Id, n.DivisionCode, n.Year, n.Category, n.Item, n.Detail);
    }

    public async Task<Result<bool>> DeleteNeedAsync(Guid id, CancellationToken ct)
    {
        var need = await ManagedNeedAsync(id, ct);
        if (!need.IsSuccess) return need.Error!;
        if (await db.JointProjects.AnyAsync(p => p.NeedId == id, ct)) return CoBuildingErrors.Conflict("该需求已对接共建项目，不能删除", "A project is matched to this need.");
        db.CommunityNeeds.Remove(need.Value!);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<Result<CommunityNeed>> ManagedNeedAsync(Guid id, CancellationToken ct)
    {
        var need = await db.CommunityNeeds.SingleOrDefaultAsync(n => n.Id == id, ct);
        if (need is null) return CoBuildingErrors.NotFound("需求", "Need");
        if (!caller.IsManager || !caller.Scope.Includes(need.DivisionPath)) return CoBuildingErrors.Forbidden("只有社区工作人员可以维护需求清单", "Only community staff keep the needs list.");
        return need;
    }

    // ---- Resources (资源清单) ----

    /// <summary>Resources lists: a unit reads its own; staff read the county's units' (optionally one unit's).</summary>
    public async Task<Result<List<ListItemDto>>> ResourcesAsync(Guid? unitId, int? year, CancellationToken ct)
    {
        if (CheckYear(year) is { } yearError) return yearError;
        var y = year ?? ThisYear;
        var query = db.UnitResources.AsNoTracking().Where(r => r.Year == y);
        if (caller.UnitId is { } mine) query = query.Where(r => r.UnitId == mine);
        else if (unitId is { } wanted) query = query.Where(r => r.UnitId == wanted);
        var resources = await query.ToListAsync(ct);
        var names = await UnitNamesAsync(db, resources.Select(r => r.UnitId), ct);
        return resources.OrderBy(r => names.GetValueOrDefault(r.UnitId ?? Guid.Empty), StringComparer.Ordinal).ThenBy(r => r.Category, StringComparer.Ordinal).ThenBy(r => r.CreatedUtc)
            .Select(r => new ListItemDto(r.Id, names.GetValueOrDefault(r.UnitId ?? Guid.Empty, ""), r.Year, r.Category, r.Item, r.Detail)).ToList();
    }

    public async Task<Result<ListItemDto>> AddResourceAsync(ResourceRequest request, CancellationToken ct)
    {
        if (caller.UnitId is not { } mine) return CoBuildingErrors.Forbidden("只有共建单位可以维护资源清单", "Only the unit keeps its resources list.");
        if (CheckItem(request.Category, request.Item, request.Detail, request.Year) is { } error) return error;
        var unit = await db.CoBuildingUnits.SingleOrDefaultAsync(u => u.Id == mine, ct);
        if (unit is null) return CoBuildingErrors.NotFound("共建单位", "Unit");
        var resource = new UnitResource(unit, request.Year ?? ThisYear, request.Category!.Trim(), request.Item!.Trim(), Now) { Detail = Clean(request.Detail) };
        db.UnitResources.Add(resource);
        await db.SaveChangesAsync(ct);
        return new ListItemDto(resource.Id, unit.Name, resource.Year, resource.Category, resource.Item, resource.Detail);
    }

    public async Task<Result<ListItemDto>> UpdateResourceAsync(Guid id, ResourceRequest request, CancellationToken ct)
    {
        var resource = await OwnResourceAsync(id, ct);
        if (!resource.IsSuccess) return resource.Error!;
        if (CheckItem(request.Category, request.Item, request.Detail, request.Year) is { } error) return error;
        var r = resource.Value!;
        r.Category = request.Category!.Trim();
        r.Item = request.Item!.Trim();
        r.Detail = Clean(request.Detail);
        if (request.Year is { } year) r.Year = year;
        await db.SaveChangesAsync(ct);
        return new ListItemDto(r.Id, "", r.Year, r.Category, r.Item, r.Detail);
    }

    public async Task<Result<bool>> DeleteResourceAsync(Guid id, CancellationToken ct)
    {
        var resource = await OwnResourceAsync(id, ct);
        if (!resource.IsSuccess) return resource.Error!;
        if (await db.JointProjects.AnyAsync(p => p.ResourceId == id, ct)) return CoBuildingErrors.Conflict("该资源已对接共建项目，不能删除", "A project is matched to this resource.");
        db.UnitResources.Remove(resource.Value!);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<Result<UnitResource>> OwnResourceAsync(Guid id, CancellationToken ct)
    {
        var resource = await db.UnitResources.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (resource is null) return CoBuildingErrors.NotFound("资源", "Resource");
        if (caller.UnitId is not { } mine || resource.UnitId != mine) return CoBuildingErrors.Forbidden("只有共建单位可以维护资源清单", "Only the unit keeps its resources list.");
        return resource;
    }

    private static Error? CheckItem(string? category, string? item, string? detail, int? year) =>
        FirstError(CheckYear(year), CheckText(category, 50, "类别", "Category", required: true), CheckText(item, 200, "内容", "Item", required: true),
            CheckText(detail, 1000, "说明", "Detail"));

    // ---- Joint projects (项目清单) ----

    public async Task<Result<List<ProjectDto>>> ProjectsAsync(Guid? pairingId, string? division, int? year, CancellationToken ct)
    {
        if (CheckYear(year) is { } yearError) return yearError;
        var query = db.JointProjects.AsNoTracking();
        if (pairingId is { } p) query = query.Where(x => x.PairingId == p);
        if (!string.IsNullOrWhiteSpace(division)) query = query.Where(x => x.DivisionCode == division);
        if (year is { } y) query = query.Where(x => x.Year == y);
        var projects = await query.ToListAsync(ct);
        return await DtosAsync(projects.OrderBy(x => x.Status).ThenBy(x => x.CreatedUtc).ToList(), ct);
    }

    public async Task<Result<ProjectDto>> GetProjectAsync(Guid id, CancellationToken ct)
    {
        var project = await db.JointProjects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        return project is null ? CoBuildingErrors.NotFound("共建项目", "Project") : (await DtosAsync([project], ct))[0];
    }

    /// <summary>A project of an active pairing, by the community's staff or the unit, optionally matched from a need of the community and a resource of the unit.</summary>
    public async Task<Result<ProjectDto>> CreateProjectAsync(CreateProjectRequest request, CancellationToken ct)
    {
        if (FirstError(CheckYear(request.Year), CheckText(request.Title, 200, "项目名称", "Title", required: true)) is { } error) return error;
        var pairing = request.PairingId is { } pid ? await db.CoBuildingPairings.SingleOrDefaultAsync(p => p.Id == pid, ct) : null;
        if (pairing is null) return CoBuildingErrors.NotFound("结对", "Pairing");
        if (!IsParty(pairing)) return CoBuildingErrors.Forbidden("只有结对双方可以建立共建项目", "Only the pairing's parties create its projects.");
        if (pairing.Status != PairingStatus.Active) return CoBuildingErrors.Conflict("结对尚未生效或已结束", "The pairing is not active.");
        if (request.NeedId is { } needId && !await db.CommunityNeeds.AnyAsync(n => n.Id == needId && n.DivisionCode == pairing.DivisionCode, ct))
        {
            return CoBuildingErrors.Invalid("所选需求不属于该社区", "The need is not the community's.");
        }
        if (request.ResourceId is { } resourceId && !await db.UnitResources.AnyAsync(r => r.Id == resourceId && r.UnitId == pairing.UnitId, ct))
        {
            return CoBuildingErrors.Invalid("所选资源不属于该单位", "The resource is not the unit's.");
        }
        var project = new JointProject(pairing, request.Year ?? ThisYear, request.Title!.Trim(), Now)
        {
            NeedId = request.NeedId, ResourceId = request.ResourceId, DueOn = request.DueOn,
        };
        db.JointProjects.Add(project);
        await db.SaveChangesAsync(ct);
        return (await DtosAsync([project], ct))[0];
    }

    public Task<Result<ProjectDto>> ProgressAsync(Guid id, ProjectProgressRequest request, int? expectedVersion, CancellationToken ct)
    {
        if (request.ProgressPercent is not (>= 0 and <= 100)) return Task.FromResult<Result<ProjectDto>>(CoBuildingErrors.Invalid("进度须在 0 到 100 之间", "Progress must be 0–100."));
        if (CheckText(request.Note, 2000, "进展说明", "Note") is { } error) return Task.FromResult<Result<ProjectDto>>(error);
        return ChangeProjectAsync(id, expectedVersion, p =>
        {
            p.ProgressPercent = request.ProgressPercent!.Value;
            if (Clean(request.Note) is { } note) p.ProgressNote = note;
            if (p.Status == ProjectStatus.Planned && p.ProgressPercent > 0) p.Status = ProjectStatus.InProgress;
        }, ct);
    }

    public Task<Result<ProjectDto>> CompleteAsync(Guid id, CompleteProjectRequest request, int? expectedVersion, CancellationToken ct)
    {
        if (request.Beneficiaries is not (>= 0 and <= 1_000_000)) return Task.FromResult<Result<ProjectDto>>(CoBuildingErrors.Invalid("请填写受益人数", "Beneficiaries are required."));
        if (CheckText(request.Note, 2000, "完成情况", "Note") is { } error) return Task.FromResult<Result<ProjectDto>>(error);
        return ChangeProjectAsync(id, expectedVersion, p =>
        {
            p.Status = ProjectStatus.Completed;
            p.ProgressPercent = 100;
            p.Beneficiaries = request.Beneficiaries;
            p.CompletedUtc = Now;
            if (Clean(request.Note) is { } note) p.ProgressNote = note;
        }, ct);
    }

    public Task<Result<ProjectDto>> CancelAsync(Guid id, int? expectedVersion, CancellationToken ct) =>
        ChangeProjectAsync(id, expectedVersion, p => p.Status = ProjectStatus.Cancelled, ct);

    private async Task<Result<ProjectDto>> ChangeProjectAsync(Guid id, int? expectedVersion, Action<JointProject> change, CancellationToken ct)
    {
        var project = await db.JointProjects.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (project is null) return CoBuildingErrors.NotFound("共建项目", "Project");
        if (!((caller.UnitId is { } unit && project.UnitId == unit) || (caller.IsManager && caller.Scope.Includes(project.DivisionPath))))
        {
            return CoBuildingErrors.Forbidden("只有结对双方可以更新项目", "Only the pairing's parties update its projects.");
        }
        if (expectedVersion is { } expected && expected != project.Version) return CoBuildingErrors.VersionMismatch();
        if (project.Status is ProjectStatus.Completed or ProjectStatus.Cancelled) return CoBuildingErrors.Conflict("项目已完成或已取消", "The project is closed.");
        change(project);
        project.UpdatedUtc = Now;
        project.Touch();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CoBuildingErrors.VersionMismatch();
        }
        return (await DtosAsync([project], ct))[0];
    }

    private bool IsParty(CoBuildingPairing pairing) =>
        (caller.UnitId is { } unit && pairing.UnitId == unit) || (caller.IsManager && caller.Scope.Includes(pairing.DivisionPath));

    private async Task<List<ProjectDto>> DtosAsync(List<JointProject> projects, CancellationToken ct)
    {
        if (projects.Count == 0) return [];
        var units = await UnitNamesAsync(db, projects.Select(p => p.UnitId), ct);
        var communities = await DivisionNamesAsync(db, projects.Select(p => p.DivisionCode), ct);
        var needIds = projects.Where(p => p.NeedId is not null).Select(p => p.NeedId!.Value).ToList();
        var resourceIds = projects.Where(p => p.ResourceId is not null).Select(p => p.ResourceId!.Value).ToList();
        // Through the filter: a matched item the caller no longer sees is shown by the project's title alone.
        var needs = await db.CommunityNeeds.Where(n => needIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.Item, ct);
        var resources = await db.UnitResources.Where(r => resourceIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Item, ct);
        return projects.Select(p => new ProjectDto(p.Id, p.PairingId, p.UnitId ?? Guid.Empty, units.GetValueOrDefault(p.UnitId ?? Guid.Empty, ""), p.DivisionCode,
            communities.GetValueOrDefault(p.DivisionCode, p.DivisionCode), p.Year, p.Title, p.NeedId, p.NeedId is { } n ? needs.GetValueOrDefault(n) : null,
            p.ResourceId, p.ResourceId is { } r ? resources.GetValueOrDefault(r) : null, p.DueOn, p.Status, p.ProgressPercent, p.ProgressNote, p.Beneficiaries,
            p.CompletedUtc, p.Version)).ToList();
    }
}

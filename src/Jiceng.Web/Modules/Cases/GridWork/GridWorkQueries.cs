using Jiceng.Web.Data;
using Jiceng.Web.Modules.Audit;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Modules.Cases.Features;
using Jiceng.Web.Modules.Organisation.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Cases.GridWork;

/// <summary>A community a grid worker may file a patrol report for.</summary>
public sealed record GridCommunity(string Code, string Name);

/// <summary>
/// The "my grid" queue: what waits for the grid worker (verification on site, cases handled in the grid), the
/// rest of the open cases in their scope, and their own recent reports.
/// </summary>
public sealed record GridQueue(IReadOnlyList<CaseListItem> NeedsMe, int NeedsMeTotal, PagedList<CaseListItem> Others, IReadOnlyList<CaseListItem> ReportedByMe);

/// <summary>
/// Reads for the grid worker's phone pages. Every query starts from the context's sets, so the central data scope
/// filter (docs/decisions/002) bounds it exactly as it bounds the console and the API; traffic lights come from
/// <see cref="CaseQueries.Light"/>, so the phone and the console never disagree.
/// </summary>
public sealed class GridWorkQueries(AppDbContext db, CaseQueries queries)
{
    public const int MaxNeedsMe = 50;
    public const int OthersPageSize = 20;
    public const int MaxReportedByMe = 10;
    /// <summary>A grid worker's scope is one community in practice; a street-wide account still gets a usable list.</summary>
    public const int MaxCommunities = 300;

    public async Task<GridQueue> QueueAsync(int page, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        var open = db.Cases.AsNoTracking().Where(c => c.Status != CaseStatus.Closed && c.Status != CaseStatus.Rejected && c.Status != CaseStatus.Merged);
        // 核查 waits for whoever is on site; a case handled in the grid (小事不出网格) is the grid's own work.
        var needsMe = open.Where(c => c.Status == CaseStatus.Resolved || (c.Status == CaseStatus.InProgress && c.LocalHandling == LocalHandling.Grid));
        var others = open.Where(c => c.Status != CaseStatus.Resolved && !(c.Status == CaseStatus.InProgress && c.LocalHandling == LocalHandling.Grid));

        var needsMeTotal = await needsMe.CountAsync(cancellationToken);
        var needsMeRows = await ByUrgency(needsMe).Take(MaxNeedsMe).ToListAsync(cancellationToken);
        var othersTotal = await others.CountAsync(cancellationToken);
        var othersRows = await ByUrgency(others).Skip((page - 1) * OthersPageSize).Take(OthersPageSize).ToListAsync(cancellationToken);

        var mine = new List<Case>();
        if (db.CurrentUser.UserId is { } me)
        {
            mine = await db.Cases.AsNoTracking().Where(c => c.ReporterUserId == me).OrderByDescending(c => c.Id).Take(MaxReportedByMe).ToListAsync(cancellationToken);
        }
        var all = needsMeRows.Concat(othersRows).Concat(mine).ToList();
        var light = await queries.LightsForAsync(all, cancellationToken);
        var categoryName = await queries.CategoryNamesForAsync(all, cancellationToken);
        CaseListItem Item(Case c) => ItemOf(c, light) with { CategoryName = categoryName(c) };
        return new GridQueue(needsMeRows.Select(Item).ToList(), needsMeTotal,
            new PagedList<CaseListItem>(othersRows.Select(Item).ToList(), page, OthersPageSize, othersTotal), mine.Select(Item).ToList());
    }

    /// <summary>Villages and communities in the caller's scope (the filter on divisions keeps it to their subtree).</summary>
    public async Task<List<GridCommunity>> CommunitiesAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Divisions.AsNoTracking().Where(d => d.Level == DivisionLevel.Village).OrderBy(d => d.Code)
            .Take(MaxCommunities).Select(d => new { d.Code, d.Name }).ToListAsync(cancellationToken);
        return rows.Select(d => new GridCommunity(d.Code, DivisionNames.Shorten(d.Name))).ToList();
    }

    /// <summary>The console queue's order: supervised (督办) first, then by handling due time, cases without one last.</summary>
    private static IQueryable<Case> ByUrgency(IQueryable<Case> cases) =>
        cases.OrderBy(c => c.SupervisedUtc == null).ThenBy(c => c.HandlingDueUtc == null).ThenBy(c => c.HandlingDueUtc).ThenBy(c => c.Id);

    private static CaseListItem ItemOf(Case c, Func<Case, Platform.Time.TrafficLight?> light) => new(c.Id, c.Number, c.Status, c.CategoryCode, c.Priority,
        c.Description.Length > 60 ? c.Description[..60] + "…" : c.Description, c.DivisionCode, c.LeadDepartmentId, c.CreatedUtc, c.HandlingDueUtc,
        light(c), c.Version, c.SupervisedUtc != null);
}

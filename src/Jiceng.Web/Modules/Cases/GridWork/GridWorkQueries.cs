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
    /// <summary>A phone line shows less of the description than the console's queue.</summary>
    private const int SummaryLength = 60;
    /// <summary>A grid worker's scope is one community in practice; a street-wide account still gets a usable list.</summary>
    public const int MaxCommunities = 300;

    public async Task<GridQueue> QueueAsync(int page, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        var open = db.Cases.AsNoTracking().Where(c => Case.OpenQueueTiers.Contains(c.QueueTier));
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
        async Task<List<CaseListItem>> ItemsAsync(List<Case> rows)
        {
            var items = new List<CaseListItem>(rows.Count);
            foreach (var c in rows) items.Add(await queries.ListItemAsync(c, SummaryLength, cancellationToken));
            return items;
        }
        return new GridQueue(await ItemsAsync(needsMeRows), needsMeTotal,
            new PagedList<CaseListItem>(await ItemsAsync(othersRows), page, OthersPageSize, othersTotal), await ItemsAsync(mine));
    }

    /// <summary>Villages and communities in the caller's scope (the filter on divisions keeps it to their subtree).</summary>
    public async Task<List<GridCommunity>> CommunitiesAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Divisions.AsNoTracking().Where(d => d.Level == DivisionLevel.Village).OrderBy(d => d.Code)
            .Take(MaxCommunities).Select(d => new { d.Code, d.Name }).ToListAsync(cancellationToken);
        return rows.Select(d => new GridCommunity(d.Code, DivisionNames.Shorten(d.Name))).ToList();
    }

    /// <summary>
    /// The grid a worker's patrol report belongs to: their one grid in that community (专职 or 兼职). A specialist (专业,
    /// 一人多格) or a worker without an assignment gets null, and the report's point or the community decides.
    /// </summary>
    public async Task<Guid?> MyGridAsync(string communityCode, CancellationToken cancellationToken = default)
    {
        if (db.CurrentUser.UserId is not { } me) return null;
        var grids = await (from person in db.People
                           join assignment in db.GridWorkers on person.Id equals assignment.PersonId
                           join grid in db.Grids on assignment.GridId equals grid.Id
                           where person.UserId == me && grid.DivisionCode == communityCode
                           select grid.Id).Take(2).ToListAsync(cancellationToken);
        return grids.Count == 1 ? grids[0] : null;
    }

    /// <summary>The console queue's order, from the keys stored on the case: supervised (督办) first, then by handling due time, cases without one last.</summary>
    private static IQueryable<Case> ByUrgency(IQueryable<Case> cases) =>
        cases.OrderBy(c => c.QueueTier).ThenBy(c => c.QueueDueUtc).ThenBy(c => c.Id);
}

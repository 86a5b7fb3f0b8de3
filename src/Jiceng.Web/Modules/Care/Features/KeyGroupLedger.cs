using Jiceng.Web.Modules.Audit;
using Jiceng.Web.Modules.Care.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Care.Features;

public sealed record LedgerCommunityCount(string Code, string Name, int Count);

public sealed record LedgerGridCount(Guid? GridId, string? GridName, string CommunityCode, string CommunityName, int Count);

public sealed record KeyGroupLedgerRow(string Code, string Name, string NameEn, int VisitEveryDays, int Total,
    IReadOnlyList<LedgerCommunityCount> ByCommunity, IReadOnlyList<LedgerGridCount> ByGrid);

/// <param name="People">Distinct people in at least one group.</param>
public sealed record KeyGroupLedgerDto(string? DivisionCode, string? DivisionName, int People, IReadOnlyList<KeyGroupLedgerRow> Groups);

public sealed record KeyPersonHelper(Guid PersonId, string Name, string? Duty);

/// <summary>A key person in a group's list: adults' names are shown, the ID number and phone only masked.</summary>
public sealed record KeyPersonItem(Guid Id, string Name, string? IdNumberMasked, string? PhoneMasked, string DivisionCode, string? CommunityName,
    Guid? GridId, string? GridName, IReadOnlyList<string> Groups, DateTime? LastVisitUtc, DateOnly? NextDue, int DaysOverdue,
    Guid? PlanId, DateOnly? PlanReviewDue, IReadOnlyList<KeyPersonHelper> Helpers);

/// <param name="Total">Everyone with the tag, people removed on request included (removal keeps the statistics).</param>
/// <param name="Erased">Of those, removed on request: counted, never listed.</param>
public sealed record KeyGroupPeopleDto(string Code, string Name, string NameEn, string? DivisionCode, int Total, int Erased, PagedList<KeyPersonItem> People);

/// <summary>
/// The key-group ledgers (重点人群台账): how many people each group has, by community and by grid, in the caller's scope.
/// People removed on request still count (their tags and places are kept for exactly this), but are never listed.
/// </summary>
public sealed class KeyGroupLedger(CareQueries care, VisitSchedule schedule)
{
    public async Task<Result<KeyGroupLedgerDto>> LedgerAsync(string? division, CancellationToken cancellationToken = default)
    {
        var area = await care.AreaAsync(division, cancellationToken);
        if (!area.IsSuccess) return area.Error!;
        var people = care.People(area.Value!);
        var counts = await (from t in care.Db.PersonTags
                            join p in people on t.PersonId equals p.Id
                            group t by new { t.GroupCode, p.DivisionCode, p.GridId } into g
                            select new { g.Key.GroupCode, g.Key.DivisionCode, g.Key.GridId, Count = g.Count() }).ToListAsync(cancellationToken);
        var distinct = await care.TaggedPeople(area.Value!).CountAsync(cancellationToken);
        var communities = await care.CommunityNamesAsync(counts.Select(c => c.DivisionCode), cancellationToken);
        var grids = await care.GridNamesAsync(counts.Select(c => c.GridId), cancellationToken);

        var codes = KeyGroups.All.Select(g => g.Code).Concat(counts.Select(c => c.GroupCode).Where(c => KeyGroups.Find(c) is null).Distinct().Order());
        var rows = codes.Select(code =>
        {
            var group = KeyGroups.Find(code);
            var mine = counts.Where(c => c.GroupCode == code).ToList();
            var byCommunity = mine.GroupBy(c => c.DivisionCode).OrderBy(g => g.Key)
                .Select(g => new LedgerCommunityCount(g.Key, communities.GetValueOrDefault(g.Key, g.Key), g.Sum(c => c.Count))).ToList();
            var byGrid = mine.OrderBy(c => c.DivisionCode).ThenBy(c => c.GridId is { } id ? grids.GetValueOrDefault(id) : "\uffff", StringComparer.Ordinal)
                .Select(c => new LedgerGridCount(c.GridId, c.GridId is { } id ? grids.GetValueOrDefault(id) : null, c.DivisionCode,
                    communities.GetValueOrDefault(c.DivisionCode, c.DivisionCode), c.Count)).ToList();
            return new KeyGroupLedgerRow(code, group?.Name ?? code, group?.NameEn ?? code, group?.VisitEveryDays ?? 0, mine.Sum(c => c.Count), byCommunity, byGrid);
        }).ToList();
        return new KeyGroupLedgerDto(area.Value!.DivisionCode, area.Value.DivisionName, distinct, rows);
    }

    /// <summary>One group's people, by name, with their last visit, next due date, help plan and helpers.</summary>
    public async Task<Result<KeyGroupPeopleDto>> PeopleAsync(string code, string? division, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var group = KeyGroups.Find(code);
        if (group is null) return Error.NotFound("Key group");
        var area = await care.AreaAsync(division, cancellationToken);
        if (!area.IsSuccess) return area.Error!;
        (page, pageSize) = CareQueries.Paging(page, pageSize);
        var db = care.Db;
        var members = care.People(area.Value!).Where(p => db.PersonTags.Any(t => t.PersonId == p.Id && t.GroupCode == code));
        var total = await members.CountAsync(cancellationToken);
        var live = members.Where(p => p.ErasedUtc == null);
        var listed = await live.CountAsync(cancellationToken);
        var rows = await live.OrderBy(p => p.Name).ThenBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var ids = rows.Select(p => p.Id).ToList();

        var due = (await schedule.ComputeAsync(db.People.Where(p => ids.Contains(p.Id)), cancellationToken)).ToDictionary(d => d.PersonId);
        var tags = (await db.PersonTags.AsNoTracking().Where(t => ids.Contains(t.PersonId)).ToListAsync(cancellationToken)).ToLookup(t => t.PersonId);
        var plans = await db.HelpPlans.AsNoTracking().Include(p => p.Helpers).Where(p => ids.Contains(p.PersonId) && p.Status == HelpPlanStatus.Active)
            .ToListAsync(cancellationToken);
        var helperIds = plans.SelectMany(p => p.Helpers.Select(h => h.HelperPersonId)).Distinct().ToList();
        var helperNames = await db.People.AsNoTracking().Where(p => helperIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var communities = await care.CommunityNamesAsync(rows.Select(p => p.DivisionCode), cancellationToken);
        var grids = await care.GridNamesAsync(rows.Select(p => p.GridId), cancellationToken);
        var today = care.Today;

        var items = rows.Select(p =>
        {
            var next = due.GetValueOrDefault(p.Id);
            var plan = plans.Where(x => x.PersonId == p.Id).OrderByDescending(x => x.CreatedUtc).FirstOrDefault();
            var helpers = plan?.Helpers.Where(h => helperNames.ContainsKey(h.HelperPersonId))
                .Select(h => new KeyPersonHelper(h.HelperPersonId, helperNames[h.HelperPersonId], h.Duty)).ToList() ?? [];
            return new KeyPersonItem(p.Id, p.Name, Mask.IdNumber(p.IdNumber), Mask.Phone(p.Phone), p.DivisionCode, communities.GetValueOrDefault(p.DivisionCode),
                p.GridId, p.GridId is { } g ? grids.GetValueOrDefault(g) : null, tags[p.Id].Select(t => t.GroupCode).Order().ToList(),
                next?.LastVisitUtc, next?.DueDate, next?.DaysOverdue(today) ?? 0, plan?.Id, plan?.ReviewDue, helpers);
        }).ToList();
        return new KeyGroupPeopleDto(group.Code, group.Name, group.NameEn, area.Value!.DivisionCode, total, total - listed,
            new PagedList<KeyPersonItem>(items, page, pageSize, listed));
    }
}

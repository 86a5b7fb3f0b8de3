using Jiceng.Web.Modules.Care.Domain;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Care.Features;

/// <summary>A key person on the grid worker's phone: the name masked (the phone is read in the street), the place, the rhythm.</summary>
public sealed record PhoneVisitPerson(Guid PersonId, string NameMasked, string? CommunityName, string? GridName, IReadOnlyList<string> Groups,
    DateOnly DueDate, int DaysOverdue);

/// <param name="Mine">Whether the list is the worker's own (their grids and the people they help) rather than their whole scope.</param>
/// <param name="Everyone">The people the form offers: the soonest due first, at most <see cref="CareVisitPhone.MaxListed"/>.</param>
public sealed record PhoneVisitList(bool Mine, IReadOnlyList<PhoneVisitPerson> Overdue, int OverdueTotal, IReadOnlyList<PhoneVisitPerson> DueSoon, int DueSoonTotal,
    IReadOnlyList<PhoneVisitPerson> Everyone);

/// <summary>
/// The grid worker's visit page: the key people of the worker's grids (GridWorkerAssignment of their person record) and
/// of the help plans they are a helper in; a worker without either sees the key people of their whole scope.
/// </summary>
public sealed class CareVisitPhone(CareQueries care, VisitSchedule schedule, CurrentUser user)
{
    /// <summary>"Due soon" on the phone: within a week.</summary>
    public const int DueSoonDays = 7;

    /// <summary>A phone page stays small even for staff whose scope is a whole street or county.</summary>
    public const int MaxListed = 300;

    /// <param name="include">A person to offer in the form even beyond the first <see cref="MaxListed"/> (the one tapped or posted).</param>
    public async Task<PhoneVisitList> ListAsync(Guid? include = null, CancellationToken cancellationToken = default)
    {
        var db = care.Db;
        var me = await care.MyPersonIdsAsync(user, cancellationToken);
        var grids = me.Count == 0 ? [] : await db.GridWorkers.AsNoTracking().Where(a => me.Contains(a.PersonId)).Select(a => a.GridId).Distinct().ToListAsync(cancellationToken);
        var helped = me.Count == 0 ? [] : await (from plan in db.HelpPlans
                                                  where plan.Status == HelpPlanStatus.Active
                                                  from h in plan.Helpers
                                                  where me.Contains(h.HelperPersonId)
                                                  select plan.PersonId).Distinct().ToListAsync(cancellationToken);
        var mine = grids.Count > 0 || helped.Count > 0;
        var people = mine
            ? db.People.Where(p => (p.GridId != null && grids.Contains(p.GridId.Value)) || helped.Contains(p.Id))
            : care.People(CareArea.Everything);
        var due = await schedule.ComputeAsync(people, cancellationToken);

        var today = care.Today;
        var communities = await care.CommunityNamesAsync(due.Select(d => d.DivisionCode), cancellationToken);
        var gridNames = await care.GridNamesAsync(due.Select(d => d.GridId), cancellationToken);
        var all = due.OrderBy(d => d.DueDate).ThenBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => new PhoneVisitPerson(d.PersonId, Mask.Name(d.Name) ?? "", communities.GetValueOrDefault(d.DivisionCode),
                d.GridId is { } g ? gridNames.GetValueOrDefault(g) : null, d.Groups, d.DueDate, d.DaysOverdue(today)))
            .ToList();
        var overdue = all.Where(p => p.DaysOverdue > 0).OrderByDescending(p => p.DaysOverdue).ToList();
        var dueSoon = all.Where(p => p.DaysOverdue == 0 && p.DueDate <= today.AddDays(DueSoonDays)).ToList();
        var offered = all.Take(MaxListed).ToList();
        if (include is { } wanted && offered.All(p => p.PersonId != wanted) && all.FirstOrDefault(p => p.PersonId == wanted) is { } extra) offered.Add(extra);
        return new PhoneVisitList(mine, overdue.Take(MaxListed).ToList(), overdue.Count, dueSoon.Take(MaxListed).ToList(), dueSoon.Count, offered);
    }
}

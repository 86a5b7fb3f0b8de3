using Jiceng.Web.Modules.Residents.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Care.Features;

/// <summary>Which people a console picker offers.</summary>
public enum CarePersonKind
{
    /// <summary>Anyone in scope: a helper, a device's wearer.</summary>
    Anyone,
    /// <summary>People in at least one key group: whom a help plan or a medical pairing is for.</summary>
    KeyPeople,
    /// <summary>Medical staff and family doctors.</summary>
    Medical,
}

/// <summary>A person offered by a picker: the name as the ledgers show it, and where they live, to tell namesakes apart.</summary>
public sealed record CarePersonOption(Guid Id, string Name, string? CommunityName, string? GridName, string? Detail)
{
    public override string ToString() => Name;
}

/// <summary>
/// Finds people by name for the console's pickers, in the caller's scope (the context's filter bounds every read).
/// Only names and places are returned, never sealed data; children's names are masked in <see cref="Person.Name"/> already.
/// </summary>
public sealed class CarePeople(CareQueries care)
{
    public const int MaxResults = 20;
    private static readonly PersonRoleKind[] MedicalRoles = [PersonRoleKind.MedicalStaff, PersonRoleKind.FamilyDoctor];

    public async Task<List<CarePersonOption>> SearchAsync(string? name, CarePersonKind kind, CancellationToken cancellationToken = default)
    {
        var db = care.Db;
        var people = care.People(CareArea.Everything).Where(p => p.ErasedUtc == null);
        var term = name?.Trim();
        if (!string.IsNullOrEmpty(term)) people = people.Where(p => p.Name.Contains(term));
        people = kind switch
        {
            CarePersonKind.KeyPeople => people.Where(p => db.PersonTags.Any(t => t.PersonId == p.Id)),
            CarePersonKind.Medical => people.Where(p => db.PersonRoles.Any(r => r.PersonId == p.Id && MedicalRoles.Contains(r.Kind))),
            _ => people,
        };
        var rows = await people.OrderBy(p => p.Name).ThenBy(p => p.Id).Take(MaxResults)
            .Select(p => new { p.Id, p.Name, p.DivisionCode, p.GridId }).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var communities = await care.CommunityNamesAsync(rows.Select(r => r.DivisionCode), cancellationToken);
        var grids = await care.GridNamesAsync(rows.Select(r => r.GridId), cancellationToken);
        ILookup<Guid, string> details = kind switch
        {
            CarePersonKind.Medical => (await db.PersonRoles.AsNoTracking().Where(r => ids.Contains(r.PersonId) && MedicalRoles.Contains(r.Kind))
                .Select(r => new { r.PersonId, Text = r.Employer ?? r.Title }).ToListAsync(cancellationToken))
                .Where(r => r.Text is not null).ToLookup(r => r.PersonId, r => r.Text!),
            CarePersonKind.KeyPeople => (await db.PersonTags.AsNoTracking().Where(t => ids.Contains(t.PersonId)).Select(t => new { t.PersonId, t.GroupCode })
                .ToListAsync(cancellationToken)).ToLookup(t => t.PersonId, t => CareQueries.GroupName(t.GroupCode)),
            _ => Enumerable.Empty<(Guid, string)>().ToLookup(x => x.Item1, x => x.Item2),
        };
        return rows.Select(r => new CarePersonOption(r.Id, r.Name, communities.GetValueOrDefault(r.DivisionCode),
            r.GridId is { } g ? grids.GetValueOrDefault(g) : null, details[r.Id].Any() ? string.Join("、", details[r.Id].Distinct()) : null)).ToList();
    }
}

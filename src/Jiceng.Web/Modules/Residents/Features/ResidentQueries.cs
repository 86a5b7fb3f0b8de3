using Jiceng.Web.Data;
using Jiceng.Web.Modules.Audit;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Residents.Features;

/// <summary>
/// Reads of people and households for staff, always inside the caller's scope (the context's filter) and always masked:
/// the clear values come only from <see cref="ResidentDisclosure"/>, which audits each read.
/// </summary>
public sealed class ResidentQueries(AppDbContext db, TimeProvider time)
{
    public const int MaxPageSize = 200;

    public async Task<Result<ResidentDto>> GetAsync(Guid id, CancellationToken ct = default)
    {
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        return person is null ? Error.NotFound("Resident") : await ToDtoAsync(person, ct);
    }

    public async Task<ResidentDto> ToDtoAsync(Person person, CancellationToken ct = default)
    {
        var today = ResidentPlaces.Today(time);
        HouseholdPlaceDto? household = null;
        string? householdAddress = null;
        if (person.HouseholdId is { } householdId)
        {
            var h = await db.Households.AsNoTracking().Where(x => x.Id == householdId)
                .Select(x => new { x.Id, x.BuildingId, x.UnitNo, x.Room, x.Address, x.HeadPersonId }).SingleOrDefaultAsync(ct);
            if (h is not null)
            {
                householdAddress = h.Address;
                var building = h.BuildingId is { } b ? await db.Buildings.AsNoTracking().Where(x => x.Id == b).Select(x => new { x.Name, x.Compound }).SingleOrDefaultAsync(ct) : null;
                household = new HouseholdPlaceDto(h.Id, h.BuildingId, building is null ? null : (building.Compound ?? "") + building.Name, h.UnitNo,
                    MaskRoom(h.Room), Mask.Address(h.Address), h.HeadPersonId == person.Id);
            }
        }
        var gridName = person.GridId is { } g ? await db.Grids.AsNoTracking().Where(x => x.Id == g).Select(x => x.Name).SingleOrDefaultAsync(ct) : null;
        var divisionName = await db.Divisions.AsNoTracking().Where(d => d.Code == person.DivisionCode).Select(d => d.Name).SingleOrDefaultAsync(ct);
        // Tags have no division of their own: they are reached through the person, who passed the scope filter above.
        var tags = await db.PersonTags.AsNoTracking().Where(t => t.PersonId == person.Id).OrderBy(t => t.GroupCode).Select(t => t.GroupCode).ToListAsync(ct);
        var roles = await db.PersonRoles.AsNoTracking().Where(r => r.PersonId == person.Id).ToListAsync(ct);
        return new ResidentDto(person.Id, person.Version, person.Name, person.SealedName is not null, Mask.IdNumber(person.IdNumber), Mask.Phone(person.Phone),
            Mask.Address(person.Address ?? householdAddress), !string.IsNullOrEmpty(person.HealthNote), !string.IsNullOrEmpty(person.WelfareNote), person.BirthYear,
            person.IsMale, person.IsChild(today), person.DivisionCode, divisionName, person.GridId, gridName, person.RelationToHead, household,
            tags.Select(ResidentTags.Dto).ToList(),
            roles.OrderBy(r => r.Kind).Select(r => new PersonRoleDto(r.Kind.ToString(), r.PartyOrganisationId, r.InService, r.Employer, r.Certified, r.Title, r.SinceUtc)).ToList(),
            person.ErasedUtc is not null, person.CreatedUtc, person.UpdatedUtc);
    }

    /// <summary>A room number is part of the exact address: only its presence is shown.</summary>
    public static string? MaskRoom(string? room) => string.IsNullOrEmpty(room) ? null : "****";

    /// <summary>The people matching the query, as a query (for the page and for the export).</summary>
    public async Task<(IQueryable<Person>? People, Error? Error)> FilterAsync(ResidentListQuery query, PersonalDataProtector protector, CancellationToken ct)
    {
        var people = db.People.AsNoTracking();
        if (!query.IncludeErased) people = people.Where(p => p.ErasedUtc == null);
        if (ResidentPlaces.Blank(query.Division) is { } division)
        {
            // A filter narrows the scope, never widens it: a division outside the scope (or unknown) has nobody in it.
            var (from, to) = await ResidentPlaces.RangeAsync(db, division, ct) ?? ("~", "~");
            people = people.Where(p => string.Compare(p.DivisionPath, from) >= 0 && string.Compare(p.DivisionPath, to) < 0);
        }
        if (ResidentPlaces.Blank(query.Q) is { } name) people = people.Where(p => p.Name.Contains(name));
        if (ResidentPlaces.Blank(query.PhoneTail) is { } tail)
        {
            if (tail.Length != 4 || !tail.All(char.IsAsciiDigit)) return (null, Error.Validation("手机尾号应为 4 位数字 / phoneTail must be the last 4 digits."));
            people = people.Where(p => p.PhoneTail == tail);
        }
        if (query.GridId is { } grid) people = people.Where(p => p.GridId == grid);
        if (query.BuildingId is { } building) people = people.Where(p => db.Households.Any(h => h.Id == p.HouseholdId && h.BuildingId == building));
        if (ResidentPlaces.Blank(query.Tag) is { } tag)
        {
            if (KeyGroups.FindByAnyName(tag) is not { } group) return (null, Error.Validation($"未知的重点人群 / Unknown key group '{tag}'."));
            people = people.Where(p => db.PersonTags.Any(t => t.PersonId == p.Id && t.GroupCode == group.Code));
        }
        if (ResidentPlaces.Blank(query.IdNumber) is { } idNumber)
        {
            var hash = protector.Hash("id:" + ChineseIdNumber.Normalise(idNumber));
            people = people.Where(p => p.IdNumberHash == hash);
        }
        if (ResidentPlaces.Blank(query.Phone) is { } phone)
        {
            var hash = protector.Hash("phone:" + phone);
            people = people.Where(p => p.PhoneHash == hash);
        }
        return (people, null);
    }

    public async Task<Result<PagedList<ResidentListItem>>> ListAsync(ResidentListQuery query, CancellationToken ct = default)
    {
        if (query.Page < 1 || query.PageSize is < 1 or > MaxPageSize) return Error.Validation($"page ≥ 1 and 1 ≤ pageSize ≤ {MaxPageSize}.");
        var (people, error) = await FilterAsync(query, PersonalData.Protector, ct);
        if (error is not null) return error;
        var total = await people!.CountAsync(ct);
        var page = await people!.OrderBy(p => p.Name).ThenBy(p => p.Id).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        return new PagedList<ResidentListItem>(await ListItemsAsync(page, ct), query.Page, query.PageSize, total);
    }

    public async Task<List<ResidentListItem>> ListItemsAsync(IReadOnlyCollection<Person> people, CancellationToken ct)
    {
        var today = ResidentPlaces.Today(time);
        var ids = people.Select(p => p.Id).ToList();
        var gridIds = people.Where(p => p.GridId is not null).Select(p => p.GridId!.Value).Distinct().ToList();
        var householdIds = people.Where(p => p.HouseholdId is not null).Select(p => p.HouseholdId!.Value).Distinct().ToList();
        var grids = await db.Grids.AsNoTracking().Where(g => gridIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var households = await db.Households.AsNoTracking().Where(h => householdIds.Contains(h.Id))
            .Select(h => new { h.Id, h.BuildingId, h.UnitNo }).ToDictionaryAsync(h => h.Id, ct);
        var buildingIds = households.Values.Where(h => h.BuildingId is not null).Select(h => h.BuildingId!.Value).Distinct().ToList();
        var buildings = await db.Buildings.AsNoTracking().Where(b => buildingIds.Contains(b.Id))
            .Select(b => new { b.Id, b.Name, b.Compound }).ToDictionaryAsync(b => b.Id, b => (b.Compound ?? "") + b.Name, ct);
        var tags = (await db.PersonTags.AsNoTracking().Where(t => ids.Contains(t.PersonId)).Select(t => new { t.PersonId, t.GroupCode }).ToListAsync(ct))
            .ToLookup(t => t.PersonId, t => t.GroupCode);
        return people.Select(p =>
        {
            var household = p.HouseholdId is { } h && households.TryGetValue(h, out var found) ? found : null;
            return new ResidentListItem(p.Id, p.Name, Mask.IdNumber(p.IdNumber), Mask.Phone(p.Phone), p.DivisionCode, p.GridId,
                p.GridId is { } g ? grids.GetValueOrDefault(g) : null, p.HouseholdId,
                household?.BuildingId is { } b ? buildings.GetValueOrDefault(b) : null, household?.UnitNo, p.BirthYear, p.IsChild(today),
                tags[p.Id].Order().ToList(), p.ErasedUtc is not null);
        }).ToList();
    }

    public async Task<Result<PagedList<HouseholdListItem>>> HouseholdsAsync(string? division, Guid? buildingId, Guid? gridId, int page, int pageSize, CancellationToken ct = default)
    {
        if (page < 1 || pageSize is < 1 or > MaxPageSize) return Error.Validation($"page ≥ 1 and 1 ≤ pageSize ≤ {MaxPageSize}.");
        var households = db.Households.AsNoTracking();
        if (ResidentPlaces.Blank(division) is { } code)
        {
            var (from, to) = await ResidentPlaces.RangeAsync(db, code, ct) ?? ("~", "~");
            households = households.Where(h => string.Compare(h.DivisionPath, from) >= 0 && string.Compare(h.DivisionPath, to) < 0);
        }
        if (buildingId is { } b) households = households.Where(h => h.BuildingId == b);
        if (gridId is { } g) households = households.Where(h => h.GridId == g);
        var total = await households.CountAsync(ct);
        var rows = await households.OrderBy(h => h.BuildingId).ThenBy(h => h.UnitNo).ThenBy(h => h.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(h => new
            {
                Household = h,
                Members = db.People.Count(p => p.HouseholdId == h.Id),
                HeadName = db.People.Where(p => p.Id == h.HeadPersonId).Select(p => p.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        var names = await NamesAsync(rows.Select(r => r.Household).ToList(), ct);
        var items = rows.Select(r => new HouseholdListItem(r.Household.Id, r.Household.DivisionCode, r.Household.GridId,
            r.Household.GridId is { } gid ? names.Grids.GetValueOrDefault(gid) : null, r.Household.BuildingId,
            r.Household.BuildingId is { } bid ? names.Buildings.GetValueOrDefault(bid) : null, r.Household.UnitNo, MaskRoom(r.Household.Room),
            Mask.Address(r.Household.Address), r.Household.HeadPersonId, r.HeadName, r.Members, r.Household.Registered)).ToList();
        return new PagedList<HouseholdListItem>(items, page, pageSize, total);
    }

    public async Task<Result<HouseholdDto>> HouseholdAsync(Guid id, CancellationToken ct = default)
    {
        var household = await db.Households.AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, ct);
        if (household is null) return Error.NotFound("Household");
        var members = await db.People.AsNoTracking().Where(p => p.HouseholdId == id).OrderBy(p => p.Name).ToListAsync(ct);
        var names = await NamesAsync([household], ct);
        return new HouseholdDto(household.Id, household.DivisionCode, household.GridId, household.GridId is { } g ? names.Grids.GetValueOrDefault(g) : null,
            household.BuildingId, household.BuildingId is { } b ? names.Buildings.GetValueOrDefault(b) : null, household.UnitNo, MaskRoom(household.Room),
            Mask.Address(household.Address), household.HeadPersonId, household.Registered, await ListItemsAsync(members, ct));
    }

    private async Task<(Dictionary<Guid, string> Grids, Dictionary<Guid, string> Buildings)> NamesAsync(IReadOnlyCollection<Household> households, CancellationToken ct)
    {
        var gridIds = households.Where(h => h.GridId is not null).Select(h => h.GridId!.Value).Distinct().ToList();
        var buildingIds = households.Where(h => h.BuildingId is not null).Select(h => h.BuildingId!.Value).Distinct().ToList();
        var grids = await db.Grids.AsNoTracking().Where(g => gridIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var buildings = await db.Buildings.AsNoTracking().Where(b => buildingIds.Contains(b.Id))
            .Select(b => new { b.Id, b.Name, b.Compound }).ToDictionaryAsync(b => b.Id, b => (b.Compound ?? "") + b.Name, ct);
        return (grids, buildings);
    }

    public sealed record PlaceOption(Guid Id, string Name);

    /// <summary>A community's grids and buildings, for the search filters and forms.</summary>
    public async Task<(List<PlaceOption> Grids, List<PlaceOption> Buildings)> PlacesAsync(string community, CancellationToken ct = default)
    {
        var grids = await db.Grids.AsNoTracking().Where(g => g.DivisionCode == community).OrderBy(g => g.Name)
            .Select(g => new PlaceOption(g.Id, g.Name)).ToListAsync(ct);
        var buildings = (await db.Buildings.AsNoTracking().Where(b => b.DivisionCode == community).Select(b => new { b.Id, b.Name, b.Compound }).ToListAsync(ct))
            .Select(b => new PlaceOption(b.Id, (b.Compound ?? "") + b.Name)).OrderBy(b => b.Name, StringComparer.Ordinal).ToList();
        return (grids, buildings);
    }

    /// <summary>
    /// Records per community in the scope (or under <paramref name="division"/>), erased ones included: removal on request
    /// keeps the row and what is counted (community, birth year, key groups), so these figures do not change.
    /// </summary>
    public async Task<Result<List<ResidentStatisticsRow>>> StatisticsAsync(string? division, CancellationToken ct = default)
    {
        var people = db.People.AsNoTracking();
        if (ResidentPlaces.Blank(division) is { } code)
        {
            var (from, to) = await ResidentPlaces.RangeAsync(db, code, ct) ?? ("~", "~");
            people = people.Where(p => string.Compare(p.DivisionPath, from) >= 0 && string.Compare(p.DivisionPath, to) < 0);
        }
        var year = ResidentPlaces.Today(time).Year;
        var childFrom = year - Person.ChildAge + 1;
        var agedTo = year - 80;
        var counts = await people.GroupBy(p => p.DivisionCode).Select(g => new
        {
            Code = g.Key,
            Records = g.Count(),
            Erased = g.Count(p => p.ErasedUtc != null),
            Children = g.Count(p => p.BirthYear >= childFrom),
            Aged = g.Count(p => p.BirthYear <= agedTo),
        }).ToListAsync(ct);
        var groups = await people.Join(db.PersonTags, p => p.Id, t => t.PersonId, (p, t) => new { p.DivisionCode, t.GroupCode })
            .GroupBy(x => new { x.DivisionCode, x.GroupCode }).Select(g => new { g.Key.DivisionCode, g.Key.GroupCode, Count = g.Count() }).ToListAsync(ct);
        var codes = counts.Select(c => c.Code).ToList();
        var names = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        return counts.OrderBy(c => c.Code).Select(c => new ResidentStatisticsRow(c.Code, names.GetValueOrDefault(c.Code) ?? c.Code, c.Records, c.Erased,
            c.Children, c.Aged, groups.Where(x => x.DivisionCode == c.Code).ToDictionary(x => x.GroupCode, x => x.Count))).ToList();
    }
}

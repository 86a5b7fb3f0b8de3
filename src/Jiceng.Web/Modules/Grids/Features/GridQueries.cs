using System.Text.Json;
using System.Text.RegularExpressions;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Modules.Grids.Domain;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Grids.Features;

/// <summary>A person as the grid screens show them: the masked name only.</summary>
public sealed record GridPersonDto(Guid PersonId, string Name);
public sealed record GridBranchDto(Guid Id, string Name);
public sealed record GridCountsDto(int Buildings, int Households, int Residents, int KeyPeople, int OpenCases);
public sealed record GridWorkerDto(Guid PersonId, string Name, GridWorkerType Type);

/// <summary>A grid with its people and live counts. <see cref="Boundary"/> is a GeoJSON Polygon/MultiPolygon geometry or null.</summary>
public sealed record GridDto(Guid Id, string Name, string? Code, string DivisionCode, GridPersonDto? Leader, GridBranchDto? PartyBranch,
    IReadOnlyList<string> MergedNets, JsonElement? Boundary, GridCountsDto Counts, IReadOnlyList<GridWorkerDto> Workers, int Version);

public sealed record BuildingDto(Guid Id, Guid GridId, string Name, string? Compound, string DisplayName, int Units, int Floors,
    double? Latitude, double? Longitude, int Households);

/// <summary>A household as a pairing shows it: where it is and its head's masked name (the room is personal data).</summary>
public sealed record GridHouseholdDto(Guid Id, string? Building, int? UnitNo, string? Head, Guid? PairingId);

public sealed record PairingDto(Guid Id, Guid GridId, GridPersonDto PartyMember, GridPersonDto GridWorker, IReadOnlyList<GridHouseholdDto> Households, DateTime CreatedUtc);

/// <summary>A person offered for choosing (worker, leader, party member): masked name, phone tail, roles.</summary>
public sealed record GridPersonOption(Guid Id, string Name, string? PhoneTail, IReadOnlyList<PersonRoleKind> Roles);

/// <summary>What a printed QR card needs: where the place is and what it is called.</summary>
public sealed record GridCard(Guid Id, string CommunityCode, string CommunityName, string GridName, string? BuildingName);

/// <summary>Reads of grids, buildings, households and pairings for the API and the console; scope comes from the context's filters.</summary>
public sealed partial class GridQueries(AppDbContext db)
{
    /// <summary>The grids of one community in the caller's scope, ordered as people number them (第2网格 before 第10网格).</summary>
    public async Task<Result<List<GridDto>>> ListAsync(string divisionCode, CancellationToken cancellationToken = default)
    {
        if (await CommunityAsync(divisionCode, cancellationToken) is { } problem) return problem;
        var grids = await db.Grids.AsNoTracking().Where(g => g.DivisionCode == divisionCode).ToListAsync(cancellationToken);
        return await ToDtosAsync(grids, divisionCode, cancellationToken);
    }

    public async Task<Result<GridDto>> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var grid = await db.Grids.AsNoTracking().SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (grid is null) return Error.NotFound("Grid");
        return (await ToDtosAsync([grid], grid.DivisionCode, cancellationToken))[0];
    }

    /// <summary>Null when the code is a community or village in scope; otherwise the error (not found outside the scope).</summary>
    internal async Task<Error?> CommunityAsync(string divisionCode, CancellationToken cancellationToken)
    {
        var level = await db.Divisions.Where(d => d.Code == divisionCode).Select(d => (DivisionLevel?)d.Level).SingleOrDefaultAsync(cancellationToken);
        if (level is null) return Error.NotFound("Community " + divisionCode);
        return level == DivisionLevel.Village ? null : Error.Validation("网格划在社区或村 / Grids divide a community or village: give its 12-digit code.");
    }

    private async Task<List<GridDto>> ToDtosAsync(List<Grid> grids, string divisionCode, CancellationToken ct)
    {
        var ids = grids.Select(g => g.Id).ToList();
        // One grouped count per kind for the whole community: a handful of queries whatever the number of grids.
        var buildings = await CountAsync(db.Buildings.Where(b => b.DivisionCode == divisionCode && ids.Contains(b.GridId)).GroupBy(b => (Guid?)b.GridId), ct);
        var households = await CountAsync(db.Households.Where(h => h.DivisionCode == divisionCode && h.GridId != null && ids.Contains(h.GridId.Value)).GroupBy(h => h.GridId), ct);
        var residents = await CountAsync(db.People.Where(p => p.DivisionCode == divisionCode && p.GridId != null && ids.Contains(p.GridId.Value)).GroupBy(p => p.GridId), ct);
        var keyPeople = await CountAsync(db.People.Where(p => p.DivisionCode == divisionCode && p.GridId != null && ids.Contains(p.GridId.Value)
            && db.PersonTags.Any(t => t.PersonId == p.Id)).GroupBy(p => p.GridId), ct);
        var openCases = await CountAsync(db.Cases.Where(c => c.DivisionCode == divisionCode && c.GridId != null && ids.Contains(c.GridId.Value)
            && Case.OpenQueueTiers.Contains(c.QueueTier)).GroupBy(c => c.GridId), ct);

        var workers = await db.GridWorkers.Where(a => ids.Contains(a.GridId))
            .Join(db.People, a => a.PersonId, p => p.Id, (a, p) => new { a.GridId, a.PersonId, p.Name, a.Type, a.SinceUtc })
            .ToListAsync(ct);
        var leaderIds = grids.Where(g => g.LeaderPersonId != null).Select(g => g.LeaderPersonId!.Value).Distinct().ToList();
        var leaders = await db.People.Where(p => leaderIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var branchIds = grids.Where(g => g.PartyBranchId != null).Select(g => g.PartyBranchId!.Value).Distinct().ToList();
        var branches = await db.PartyOrganisations.Where(o => branchIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);

        return grids.OrderBy(g => g.Code ?? "\uffff", NaturalOrder.Instance).ThenBy(g => g.Name, NaturalOrder.Instance).Select(g => new GridDto(
            g.Id, g.Name, g.Code, g.DivisionCode,
            g.LeaderPersonId is { } leader && leaders.TryGetValue(leader, out var leaderName) ? new GridPersonDto(leader, Mask.Name(leaderName)!) : null,
            g.PartyBranchId is { } branch && branches.TryGetValue(branch, out var branchName) ? new GridBranchDto(branch, branchName) : null,
            SplitNets(g.MergedNets),
            GridGeometry.ToJson(g.BoundaryGeoJson),
            new GridCountsDto(buildings.GetValueOrDefault(g.Id), households.GetValueOrDefault(g.Id), residents.GetValueOrDefault(g.Id),
                keyPeople.GetValueOrDefault(g.Id), openCases.GetValueOrDefault(g.Id)),
            workers.Where(w => w.GridId == g.Id).OrderBy(w => w.Type).ThenBy(w => w.SinceUtc)
                .Select(w => new GridWorkerDto(w.PersonId, Mask.Name(w.Name)!, w.Type)).ToList(),
            g.Version)).ToList();
    }

    private static async Task<Dictionary<Guid, int>> CountAsync<T>(IQueryable<IGrouping<Guid?, T>> groups, CancellationToken ct) =>
        (await groups.Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).Where(g => g.Key != null).ToDictionary(g => g.Key!.Value, g => g.Count);

    public static IReadOnlyList<string> SplitNets(string? nets) =>
        string.IsNullOrWhiteSpace(nets) ? [] : nets.Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public async Task<Result<List<BuildingDto>>> BuildingsAsync(Guid gridId, CancellationToken ct = default)
    {
        if (!await db.Grids.AnyAsync(g => g.Id == gridId, ct)) return Error.NotFound("Grid");
        var households = await db.Households.Where(h => h.GridId == gridId && h.BuildingId != null).GroupBy(h => h.BuildingId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count, ct);
        var buildings = await db.Buildings.AsNoTracking().Where(b => b.GridId == gridId).ToListAsync(ct);
        return buildings.OrderBy(b => b.Compound ?? "", NaturalOrder.Instance).ThenBy(b => b.Name, NaturalOrder.Instance)
            .Select(b => ToDto(b, households.GetValueOrDefault(b.Id))).ToList();
    }

    public async Task<Result<BuildingDto>> BuildingAsync(Guid id, CancellationToken ct = default)
    {
        var building = await db.Buildings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
        if (building is null) return Error.NotFound("Building");
        return ToDto(building, await db.Households.CountAsync(h => h.BuildingId == id, ct));
    }

    internal static BuildingDto ToDto(Building b, int households) =>
        new(b.Id, b.GridId, b.Name, b.Compound, b.DisplayName, b.Units, b.Floors, b.Latitude, b.Longitude, households);

    /// <summary>The grid's households with where they are and the pairing each is in (for choosing "1+1带N" households).</summary>
    public async Task<Result<List<GridHouseholdDto>>> HouseholdsAsync(Guid gridId, CancellationToken ct = default)
    {
        if (!await db.Grids.AnyAsync(g => g.Id == gridId, ct)) return Error.NotFound("Grid");
        var rows = await db.Households.Where(h => h.GridId == gridId).Select(h => new { h.Id, h.BuildingId, h.UnitNo, h.HeadPersonId }).ToListAsync(ct);
        return await DescribeAsync(rows.Select(r => (r.Id, r.BuildingId, r.UnitNo, r.HeadPersonId)).ToList(), ct);
    }

    private async Task<List<GridHouseholdDto>> DescribeAsync(List<(Guid Id, Guid? BuildingId, int? UnitNo, Guid? HeadPersonId)> rows, CancellationToken ct)
    {
        var buildingIds = rows.Where(r => r.BuildingId != null).Select(r => r.BuildingId!.Value).Distinct().ToList();
        var buildings = await db.Buildings.Where(b => buildingIds.Contains(b.Id)).Select(b => new { b.Id, b.Compound, b.Name })
            .ToDictionaryAsync(b => b.Id, b => (b.Compound ?? "") + b.Name, ct);
        var headIds = rows.Where(r => r.HeadPersonId != null).Select(r => r.HeadPersonId!.Value).Distinct().ToList();
        var heads = await db.People.Where(p => headIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var householdIds = rows.Select(r => r.Id).ToList();
        // The pairing rows have no scope column of their own: reach them through their (scoped) pairing.
        var paired = await db.GridPairings.SelectMany(p => p.Households).Where(h => householdIds.Contains(h.HouseholdId))
            .ToDictionaryAsync(h => h.HouseholdId, h => h.PairingId, ct);
        return rows
            .Select(r => new GridHouseholdDto(r.Id, r.BuildingId is { } b ? buildings.GetValueOrDefault(b) : null, r.UnitNo,
                r.HeadPersonId is { } h && heads.TryGetValue(h, out var head) ? Mask.Name(head) : null,
                paired.TryGetValue(r.Id, out var pairing) ? pairing : null))
            .OrderBy(h => h.Building ?? "", NaturalOrder.Instance).ThenBy(h => h.UnitNo).ThenBy(h => h.Head, StringComparer.Ordinal).ToList();
    }

    public async Task<Result<List<PairingDto>>> PairingsAsync(Guid gridId, CancellationToken ct = default)
    {
        if (!await db.Grids.AnyAsync(g => g.Id == gridId, ct)) return Error.NotFound("Grid");
        var pairings = await db.GridPairings.AsNoTracking().Include(p => p.Households).Where(p => p.GridId == gridId).ToListAsync(ct);
        return await ToDtosAsync(pairings, ct);
    }

    public async Task<Result<PairingDto>> PairingAsync(Guid id, CancellationToken ct = default)
    {
        var pairing = await db.GridPairings.AsNoTracking().Include(p => p.Households).SingleOrDefaultAsync(p => p.Id == id, ct);
        return pairing is null ? Error.NotFound("Pairing") : (await ToDtosAsync([pairing], ct))[0];
    }

    private async Task<List<PairingDto>> ToDtosAsync(List<GridPairing> pairings, CancellationToken ct)
    {
        var personIds = pairings.SelectMany(p => new[] { p.PartyMemberPersonId, p.GridWorkerPersonId }).Distinct().ToList();
        var names = await db.People.Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var householdIds = pairings.SelectMany(p => p.Households.Select(h => h.HouseholdId)).ToList();
        var rows = await db.Households.Where(h => householdIds.Contains(h.Id)).Select(h => new { h.Id, h.BuildingId, h.UnitNo, h.HeadPersonId }).ToListAsync(ct);
        var households = (await DescribeAsync(rows.Select(r => (r.Id, r.BuildingId, r.UnitNo, r.HeadPersonId)).ToList(), ct)).ToDictionary(h => h.Id);
        GridPersonDto Person(Guid id) => new(id, Mask.Name(names.GetValueOrDefault(id)) ?? "—");
        return pairings.OrderBy(p => p.CreatedUtc.Ticks).Select(p => new PairingDto(p.Id, p.GridId, Person(p.PartyMemberPersonId), Person(p.GridWorkerPersonId),
            p.Households.Where(h => households.ContainsKey(h.HouseholdId)).Select(h => households[h.HouseholdId]).ToList(), p.CreatedUtc)).ToList();
    }

    /// <summary>
    /// People of a community to choose from (grid workers, leaders, party members): by name (contains) or phone tail,
    /// optionally with a role; at most 20, masked.
    /// </summary>
    public async Task<List<GridPersonOption>> PeopleAsync(string divisionCode, string? term, PersonRoleKind? role = null, CancellationToken ct = default)
    {
        var people = db.People.Where(p => p.DivisionCode == divisionCode && p.ErasedUtc == null);
        if (role is { } kind) people = people.Where(p => db.PersonRoles.Any(r => r.PersonId == p.Id && r.Kind == kind));
        term = term?.Trim();
        if (!string.IsNullOrEmpty(term))
        {
            people = term.Length == 4 && term.All(char.IsAsciiDigit)
                ? people.Where(p => p.PhoneTail == term)
                : people.Where(p => p.Name.Contains(term));
        }
        var found = await people.OrderBy(p => p.Name).Take(20).Select(p => new { p.Id, p.Name, p.PhoneTail }).ToListAsync(ct);
        var ids = found.Select(p => p.Id).ToList();
        var roles = (await db.PersonRoles.Where(r => ids.Contains(r.PersonId)).Select(r => new { r.PersonId, r.Kind }).ToListAsync(ct))
            .ToLookup(r => r.PersonId, r => r.Kind);
        return found.Select(p => new GridPersonOption(p.Id, Mask.Name(p.Name)!, p.PhoneTail, roles[p.Id].Order().ToList())).ToList();
    }

    /// <summary>The grid party branches (and compound organisations) of a community, for the grid's party branch.</summary>
    public Task<List<GridBranchDto>> BranchesAsync(string divisionCode, CancellationToken ct = default) =>
        db.PartyOrganisations.Where(o => o.DivisionCode == divisionCode
                && (o.Level == PartyOrganisationLevel.GridBranch || o.Level == PartyOrganisationLevel.CompoundOrganisation))
            .OrderBy(o => o.Name).Select(o => new GridBranchDto(o.Id, o.Name)).ToListAsync(ct);

    public async Task<GridCard?> GridCardAsync(Guid gridId, CancellationToken ct = default)
    {
        var grid = await db.Grids.Where(g => g.Id == gridId).Select(g => new { g.Id, g.DivisionCode, g.Name }).SingleOrDefaultAsync(ct);
        return grid is null ? null : new GridCard(grid.Id, grid.DivisionCode, await CommunityNameAsync(grid.DivisionCode, ct), grid.Name, null);
    }

    public async Task<GridCard?> BuildingCardAsync(Guid buildingId, CancellationToken ct = default)
    {
        var building = await db.Buildings.Where(b => b.Id == buildingId)
            .Join(db.Grids, b => b.GridId, g => g.Id, (b, g) => new { b.Id, b.DivisionCode, b.Compound, b.Name, GridName = g.Name })
            .SingleOrDefaultAsync(ct);
        return building is null ? null
            : new GridCard(building.Id, building.DivisionCode, await CommunityNameAsync(building.DivisionCode, ct), building.GridName, (building.Compound ?? "") + building.Name);
    }

    /// <summary>Every grid's card of a community (and every building's when asked), in the order of the map's table.</summary>
    public async Task<Result<List<GridCard>>> CommunityCardsAsync(string divisionCode, bool withBuildings, CancellationToken ct = default)
    {
        if (await CommunityAsync(divisionCode, ct) is { } problem) return problem;
        var name = await CommunityNameAsync(divisionCode, ct);
        var grids = (await db.Grids.Where(g => g.DivisionCode == divisionCode).Select(g => new { g.Id, g.Name, g.Code }).ToListAsync(ct))
            .OrderBy(g => g.Code ?? "\uffff", NaturalOrder.Instance).ThenBy(g => g.Name, NaturalOrder.Instance).ToList();
        var cards = grids.Select(g => new GridCard(g.Id, divisionCode, name, g.Name, null)).ToList();
        if (withBuildings)
        {
            var buildings = await db.Buildings.Where(b => b.DivisionCode == divisionCode).Select(b => new { b.Id, b.GridId, b.Compound, b.Name }).ToListAsync(ct);
            foreach (var grid in grids)
            {
                cards.AddRange(buildings.Where(b => b.GridId == grid.Id).OrderBy(b => (b.Compound ?? "") + b.Name, NaturalOrder.Instance)
                    .Select(b => new GridCard(b.Id, divisionCode, name, grid.Name, (b.Compound ?? "") + b.Name)));
            }
        }
        return cards;
    }

    public async Task<string> CommunityNameAsync(string divisionCode, CancellationToken ct = default) =>
        DivisionNames.Shorten(await db.Divisions.Where(d => d.Code == divisionCode).Select(d => d.Name).SingleOrDefaultAsync(ct) ?? divisionCode);

    /// <summary>Orders "第2网格" before "第10网格": runs of digits compare as numbers.</summary>
    public sealed partial class NaturalOrder : IComparer<string?>
    {
        public static readonly NaturalOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            if (x is null || y is null) return string.CompareOrdinal(x, y);
            var a = Parts().Split(x);
            var b = Parts().Split(y);
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                var result = long.TryParse(a[i], out var na) && long.TryParse(b[i], out var nb) ? na.CompareTo(nb) : string.CompareOrdinal(a[i], b[i]);
                if (result != 0) return result;
            }
            return a.Length.CompareTo(b.Length);
        }

        [GeneratedRegex(@"(\d{1,18})")]
        private static partial Regex Parts();
    }
}

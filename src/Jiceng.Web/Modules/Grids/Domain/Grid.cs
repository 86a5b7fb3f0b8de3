using Jiceng.Web.Platform.Geo;
using Jiceng.Web.Platform.Scope;

namespace Jiceng.Web.Modules.Grids.Domain;

/// <summary>
/// A grid (网格) of a community: its boundary, leader, party branch and the nets merged into it (多网合一). A point inside
/// the boundary finds the grid (<see cref="Features.GridLocator"/>); the bounding box columns let the database narrow the
/// candidates before the exact test.
/// </summary>
public sealed class Grid : IDivisionScoped
{
    private Grid() { }

    public Grid(string divisionCode, string divisionPath, string name, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        Name = name;
        CreatedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    /// <summary>The community (or village) the grid divides.</summary>
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Short number for QR codes and tables, e.g. "03".</summary>
    public string? Code { get; set; }
    /// <summary>Boundary as a GeoJSON Polygon or MultiPolygon geometry (WGS84 lng/lat).</summary>
    public string? BoundaryGeoJson { get; private set; }
    public double? MinLng { get; private set; }
    public double? MinLat { get; private set; }
    public double? MaxLng { get; private set; }
    public double? MaxLat { get; private set; }
    /// <summary>网格长: a person record.</summary>
    public Guid? LeaderPersonId { get; set; }
    /// <summary>The grid party branch (网格党支部) in the party organisation tree.</summary>
    public Guid? PartyBranchId { get; set; }
    /// <summary>多网合一: the nets merged into this grid, comma separated codes (综治, 民政, 城管 …).</summary>
    public string? MergedNets { get; set; }
    public DateTime CreatedUtc { get; private set; }
    public int Version { get; private set; }

    public void SetBoundary(GeoPolygon? boundary)
    {
        BoundaryGeoJson = boundary?.ToGeoJson();
        MinLng = boundary?.MinLng;
        MinLat = boundary?.MinLat;
        MaxLng = boundary?.MaxLng;
        MaxLat = boundary?.MaxLat;
    }

    public void Touch() => Version++;
}

/// <summary>专职: one grid per person (一人一格); 兼职: several people per grid (多人一格); 专业: one person across grids (一人多格).</summary>
public enum GridWorkerType
{
    FullTime,
    PartTime,
    Specialist,
}

/// <summary>A person working a grid as a grid worker of one type. Rules in <see cref="GridStaffingRules"/>.</summary>
public sealed class GridWorkerAssignment : IDivisionScoped
{
    private GridWorkerAssignment() { }

    public GridWorkerAssignment(Grid grid, Guid personId, GridWorkerType type, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        GridId = grid.Id;
        DivisionPath = grid.DivisionPath;
        PersonId = personId;
        Type = type;
        SinceUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid GridId { get; private set; }
    public Guid PersonId { get; private set; }
    public GridWorkerType Type { get; private set; }
    public string DivisionPath { get; private set; } = "";
    public DateTime SinceUtc { get; private set; }
}

/// <summary>The staffing rules of the three grid worker types, checked before an assignment is added.</summary>
public static class GridStaffingRules
{
    /// <param name="personAssignments">The person's current assignments (any grid).</param>
    /// <param name="gridAssignments">The grid's current assignments (any person).</param>
    /// <returns>null when allowed; otherwise why not (Chinese / English).</returns>
    public static string? Problem(Guid gridId, GridWorkerType type, IReadOnlyCollection<GridWorkerAssignment> personAssignments,
        IReadOnlyCollection<GridWorkerAssignment> gridAssignments)
    {
        if (personAssignments.Any(a => a.GridId == gridId)) return "此人已是该网格的网格员 / This person already works this grid.";
        if (personAssignments.Any(a => a.Type != type))
        {
            return "同一人只能是一种网格员（专职、兼职或专业）/ A person is a grid worker of one type only (full-time, part-time or specialist).";
        }
        return type switch
        {
            GridWorkerType.FullTime when personAssignments.Count > 0 => "专职网格员只能负责一个网格（一人一格）/ A full-time grid worker works one grid only.",
            GridWorkerType.FullTime when gridAssignments.Any(a => a.Type == GridWorkerType.FullTime) =>
                "该网格已有专职网格员（一人一格）/ This grid already has its full-time grid worker.",
            GridWorkerType.PartTime when personAssignments.Count > 0 => "兼职网格员只在一个网格内服务（多人一格）/ A part-time grid worker serves one grid.",
            _ => null,
        };
    }
}

/// <summary>A building (楼栋) inside a grid; its units (单元) are numbered 1..Units and households refer to them.</summary>
public sealed class Building : IDivisionScoped
{
    private Building() { }

    public Building(Grid grid, string name, int units, int floors, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        GridId = grid.Id;
        DivisionCode = grid.DivisionCode;
        DivisionPath = grid.DivisionPath;
        Name = name;
        Units = units;
        Floors = floors;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid GridId { get; set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    /// <summary>e.g. "3号楼"; unique inside its compound.</summary>
    public string Name { get; set; } = "";
    /// <summary>小区: the residential compound, e.g. "林苑小区".</summary>
    public string? Compound { get; set; }
    public int Units { get; set; }
    public int Floors { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public DateTime CreatedUtc { get; private set; }

    public string DisplayName => string.IsNullOrEmpty(Compound) ? Name : Compound + Name;
}

/// <summary>"1+1带N": one party member and one grid worker together responsible for named households.</summary>
public sealed class GridPairing : IDivisionScoped
{
    private readonly List<GridPairingHousehold> _households = [];
    private GridPairing() { }

    public GridPairing(Grid grid, Guid partyMemberPersonId, Guid gridWorkerPersonId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        GridId = grid.Id;
        DivisionPath = grid.DivisionPath;
        PartyMemberPersonId = partyMemberPersonId;
        GridWorkerPersonId = gridWorkerPersonId;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid GridId { get; private set; }
    public string DivisionPath { get; private set; } = "";
    public Guid PartyMemberPersonId { get; private set; }
    public Guid GridWorkerPersonId { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public IReadOnlyList<GridPairingHousehold> Households => _households;

    public void AddHousehold(Guid householdId)
    {
        if (_households.All(h => h.HouseholdId != householdId)) _households.Add(new GridPairingHousehold(Id, householdId));
    }

    public void RemoveHousehold(Guid householdId) => _households.RemoveAll(h => h.HouseholdId == householdId);
}

/// <summary>A household in a "1+1带N" pairing; a household is in at most one pairing (unique index).</summary>
public sealed class GridPairingHousehold(Guid pairingId, Guid householdId)
{
    public Guid PairingId { get; private set; } = pairingId;
    public Guid HouseholdId { get; private set; } = householdId;
}

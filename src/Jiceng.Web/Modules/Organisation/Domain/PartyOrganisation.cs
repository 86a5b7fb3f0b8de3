using Jiceng.Web.Platform.Scope;

namespace Jiceng.Web.Modules.Organisation.Domain;

/// <summary>The levels of the party organisation tree (PRODUCT.md §1), top to bottom.</summary>
public enum PartyOrganisationLevel
{
    /// <summary>县委 (county party committee).</summary>
    CountyCommittee = 1,
    /// <summary>街道党工委 / 乡镇党委 (street working committee).</summary>
    StreetWorkingCommittee = 2,
    /// <summary>社区党委 / 党总支 / 党支部.</summary>
    CommunityOrganisation = 3,
    /// <summary>网格党支部.</summary>
    GridBranch = 4,
    /// <summary>小区党组织 (residential compound), a sibling of the grid branch.</summary>
    CompoundOrganisation = 5,
    /// <summary>楼栋党小组.</summary>
    BuildingGroup = 6,
    /// <summary>党员中心户 / 党员联系户.</summary>
    MemberHousehold = 7,
}

/// <summary>A node of the party organisation tree, linked to the division it serves.</summary>
public sealed class PartyOrganisation : IDivisionScoped
{
    private PartyOrganisation() { }

    private PartyOrganisation(Guid id, string name, PartyOrganisationLevel level, PartyOrganisation? parent, Division division)
    {
        Id = id;
        Name = name;
        Level = level;
        ParentId = parent?.Id;
        Path = (parent?.Path ?? "/") + id.ToString("N") + "/";
        DivisionCode = division.Code;
        DivisionPath = division.Path;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public PartyOrganisationLevel Level { get; private set; }
    public Guid? ParentId { get; private set; }

    /// <summary>Materialised path of ids, for subtree queries within the party tree.</summary>
    public string Path { get; private set; } = "";
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";

    public static PartyOrganisation CreateRoot(string name, Division county) =>
        new(Guid.NewGuid(), name, PartyOrganisationLevel.CountyCommittee, null, county);

    /// <summary>Adds a child one or more levels below this node; the tree never goes upwards or sideways.</summary>
    public PartyOrganisation AddChild(string name, PartyOrganisationLevel level, Division division)
    {
        if (level <= Level)
        {
            throw new InvalidOperationException($"A {level} cannot sit under a {Level}.");
        }
        if (!division.Path.StartsWith(DivisionPath, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("A child organisation must serve a division inside its parent's division.");
        }
        return new PartyOrganisation(Guid.NewGuid(), name, level, this, division);
    }
}

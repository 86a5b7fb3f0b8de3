namespace Jiceng.Web.Platform.Scope;

/// <summary>
/// An entity that belongs to one division. <see cref="Data.AppDbContext"/> filters every query of such
/// an entity to the caller's data scope, so implementing this interface is all a module does for scope.
/// </summary>
public interface IDivisionScoped
{
    /// <summary>The materialised path of the division the row belongs to (copied from <c>Division.Path</c>).</summary>
    string DivisionPath { get; }
}

/// <summary>
/// A division-scoped row that also belongs to one account (a party member's registration, a volunteer's sign-up):
/// besides staff of the division, the owner sees it. Party members, volunteers and residents have no division scope,
/// so this is how "a party member sees only their own records" holds in every query.
/// </summary>
public interface IUserOwned : IDivisionScoped
{
    Guid? UserId { get; }
}

/// <summary>A division-scoped row that also belongs to one co-building unit (结对共建单位): the unit's accounts see it.</summary>
public interface IUnitOwned : IDivisionScoped
{
    Guid? UnitId { get; }
}

/// <summary>
/// A community's record that its co-building units see while they are paired with it (the needs list, the rotating
/// chair schedule, joint meetings). <see cref="DivisionCode"/> is the community's code.
/// </summary>
public interface ISharedWithPairedUnits : IDivisionScoped
{
    string DivisionCode { get; }
}

/// <summary>
/// County-level reference rows (co-building units and their resources lists) that staff anywhere below the county
/// see, like departments.
/// </summary>
public interface ISharedDownward : IDivisionScoped
{
}

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

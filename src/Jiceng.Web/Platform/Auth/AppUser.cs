using Microsoft.AspNetCore.Identity;

namespace Jiceng.Web.Platform.Auth;

/// <summary>An account. Staff accounts belong to one division (organisation node) or one department.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public string? DivisionCode { get; set; }
    public Guid? DepartmentId { get; set; }
    /// <summary>A CoBuildingUnit account: the unit it acts for (CoBuilding module's CoBuildingUnit).</summary>
    public Guid? UnitId { get; set; }
    public bool IsDisabled { get; set; }
    public bool IsDemo { get; set; }
    public DateTime CreatedUtc { get; set; }
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole() { }
    public AppRole(string name) : base(name) { Id = Guid.NewGuid(); }
}

/// <summary>
/// A server-side sign-in session. Cookies and bearer tokens carry only its id, so idle timeout,
/// sign-out and account changes take effect at once on every node.
/// </summary>
public sealed class UserSession
{
    public string Id { get; set; } = "";
    public Guid UserId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime LastSeenUtc { get; set; }
    public DateTime? EndedUtc { get; set; }
    public string? EndReason { get; set; }
    public string? ClientAddress { get; set; }
    /// <summary>"cookie" for the console, "bearer" for API clients.</summary>
    public string Channel { get; set; } = "";
}

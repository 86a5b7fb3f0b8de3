using System.Security.Claims;
using Jiceng.Web.Platform.Auth;

namespace Jiceng.Web.Platform.Scope;

/// <summary>
/// Who is acting in this DI scope. An HTTP request sets it from <c>HttpContext.User</c>; an interactive
/// Blazor circuit sets it from its authentication state; background work and the CLI run as system.
/// </summary>
public sealed class CurrentUser
{
    private ClaimsPrincipal _principal = new(new ClaimsIdentity());
    private bool _isSystem;

    public ClaimsPrincipal Principal => _principal;
    public DataScope Scope { get; private set; } = DataScope.Nothing;
    public bool IsSystem => _isSystem;

    public Guid? UserId => Guid.TryParse(_principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
    public string? UserName => _isSystem ? "system" : _principal.Identity?.Name;
    public string? SessionId => _principal.FindFirstValue(JicengClaims.SessionId);
    public IReadOnlyList<string> Roles => _principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
    public string? OrganisationUnit => _principal.FindFirstValue(JicengClaims.DivisionCode) ?? _principal.FindFirstValue(JicengClaims.DepartmentId);
    public string? ClientAddress { get; set; }

    public void Set(ClaimsPrincipal principal)
    {
        _principal = principal;
        _isSystem = false;
        Scope = DataScope.For(principal);
    }

    /// <summary>For import, seeding and background jobs: no user, and the whole tree in scope.</summary>
    public void SetSystem()
    {
        _principal = new ClaimsPrincipal(new ClaimsIdentity());
        _isSystem = true;
        Scope = DataScope.Everything;
    }
}

/// <summary>Sets <see cref="CurrentUser"/> for every HTTP request, after authentication.</summary>
public sealed class CurrentUserMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, CurrentUser currentUser)
    {
        currentUser.Set(context.User);
        currentUser.ClientAddress = context.Connection.RemoteIpAddress?.ToString();
        return next(context);
    }
}

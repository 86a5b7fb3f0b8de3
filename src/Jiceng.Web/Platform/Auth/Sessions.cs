using Jiceng.Web.Data;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiceng.Web.Platform.Auth;

public enum SessionState
{
    Active,
    Expired,
    Ended,
}

/// <summary>Server-side sessions: idle timeout (30 minutes), sign-out, and ending every session of an account.</summary>
public sealed class SessionService(AppDbContext db, TimeProvider time, IOptions<SecurityOptions> security)
{
    /// <summary>Last-seen is written at most this often, so a busy user does not cost a write per request.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromSeconds(60);

    private sealed record SessionTimes(DateTime LastSeenUtc, DateTime? EndedUtc);

    // Every authenticated request runs this read: compiled once, untracked, two columns.
    private static readonly Func<AppDbContext, string, CancellationToken, Task<SessionTimes?>> ReadSession =
        EF.CompileAsyncQuery((AppDbContext db, string id, CancellationToken _) =>
            db.UserSessions.AsNoTracking().Where(s => s.Id == id).Select(s => new SessionTimes(s.LastSeenUtc, s.EndedUtc)).SingleOrDefault());

    public async Task<SessionState> CheckAsync(string sessionId, bool touch, CancellationToken cancellationToken = default)
    {
        var session = await ReadSession(db, sessionId, cancellationToken);
        if (session is null || session.EndedUtc is not null)
        {
            return SessionState.Ended;
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (now - session.LastSeenUtc > security.Value.IdleTimeout)
        {
            await EndAsync(sessionId, "idle", cancellationToken);
            return SessionState.Expired;
        }
        if (touch && now - session.LastSeenUtc >= TouchInterval)
        {
            await db.UserSessions.Where(s => s.Id == sessionId && s.EndedUtc == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenUtc, now), cancellationToken);
        }
        return SessionState.Active;
    }

    public async Task EndAsync(string sessionId, string reason, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.UserSessions.Where(s => s.Id == sessionId && s.EndedUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedUtc, now).SetProperty(s => s.EndReason, reason), cancellationToken);
    }

    /// <summary>Used when an account is disabled, its roles change, or its two-factor is reset.</summary>
    public async Task EndAllAsync(Guid userId, string reason, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.UserSessions.Where(s => s.UserId == userId && s.EndedUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedUtc, now).SetProperty(s => s.EndReason, reason), cancellationToken);
    }
}

/// <summary>
/// Checks every authenticated request's session. An idle or ended session makes the request anonymous:
/// the API answers 401 <c>session_expired</c>, pages send the user back to the login page.
/// </summary>
public sealed class SessionValidationMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, SessionService sessions, CurrentUser currentUser, AuditTrail audit, IProblemDetailsService problems)
    {
        var sessionId = currentUser.SessionId;
        if (context.User.Identity?.IsAuthenticated == true && !IsStaticAsset(context.Request.Path))
        {
            var state = sessionId is null ? SessionState.Ended : await sessions.CheckAsync(sessionId, touch: true, context.RequestAborted);
            if (state != SessionState.Active)
            {
                if (state == SessionState.Expired)
                {
                    await audit.RecordAsync(AuditActions.SessionExpired, AuditResult.Success, "Session", null);
                }
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    await problems.WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails =
                        {
                            Status = 401,
                            Title = "会话已过期，请重新登录 / The session has expired; sign in again.",
                            Extensions = { ["code"] = ErrorCodes.SessionExpired },
                        },
                    });
                    return;
                }
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                context.Response.Redirect("/account/login?expired=1&returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
                return;
            }
        }
        await next(context);
    }

    // An API path with an extension (a photo's key) is not a static file: its session is checked like any other call.
    private static bool IsStaticAsset(PathString path) =>
        !path.StartsWithSegments("/api") && (path.StartsWithSegments("/_content") || path.StartsWithSegments("/_framework") || Path.HasExtension(path.Value));
}

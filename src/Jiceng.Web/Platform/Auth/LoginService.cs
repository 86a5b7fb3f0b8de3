using System.Security.Claims;
using System.Security.Cryptography;
using Jiceng.Web.Data;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Errors;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiceng.Web.Platform.Auth;

public enum LoginOutcome
{
    SignedIn,
    /// <summary>Password right; a TOTP code is needed to finish.</summary>
    TwoFactorRequired,
    /// <summary>An administrator outside demo mode without two-factor: signed in for enrolment only.</summary>
    EnrollmentRequired,
}

public sealed record LoginSuccess(LoginOutcome Outcome, AppUser User, ClaimsPrincipal? Principal, string? SessionId);

/// <summary>
/// The one sign-in path for the console and the API: password check, lockout, two-factor, session, audit.
/// Lockout is counted here against the injected clock rather than by Identity's SignInManager, so the
/// policy (5 failures → 15 minutes) is ours, visible, and testable with a fake clock.
/// </summary>
public sealed class LoginService(
    UserManager<AppUser> users,
    AppDbContext db,
    AuditTrail audit,
    TimeProvider time,
    IOptions<SecurityOptions> security,
    IOptions<DemoOptions> demo)
{
    public static readonly Error InvalidCredentials = new(ErrorCodes.InvalidCredentials, 401, "用户名或密码错误 / Wrong user name or password.");
    public static readonly Error InvalidCode = new(ErrorCodes.InvalidTwoFactorCode, 401, "动态验证码错误 / Wrong two-factor code.");
    public static readonly Error Disabled = new(ErrorCodes.AccountDisabled, 403, "账号已停用 / This account is disabled.");

    public static Error Locked(DateTimeOffset until) =>
        new(ErrorCodes.AccountLocked, 423, $"账号已锁定，请于 {until.ToOffset(TimeSpan.FromHours(8)):HH:mm} 后再试 / The account is locked until {until:u}.");

    /// <param name="twoFactorCode">Null on the first step; the TOTP code on the second.</param>
    public async Task<Result<LoginSuccess>> LoginAsync(string userName, string password, string? twoFactorCode, string channel, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            await audit.RecordAsync(AuditActions.LoginFailed, AuditResult.Failure, "User", null, "unknown user name", cancellationToken: cancellationToken);
            return InvalidCredentials;
        }
        if (user.LockoutEnd is { } lockedUntil && lockedUntil > now)
        {
            await audit.RecordAsync(AuditActions.LoginLockedOut, AuditResult.Denied, "User", user.Id.ToString(), actingUser: user, cancellationToken: cancellationToken);
            return Locked(lockedUntil);
        }
        if (!await users.CheckPasswordAsync(user, password))
        {
            return await FailAsync(user, "wrong password", cancellationToken);
        }
        if (user.IsDisabled)
        {
            await audit.RecordAsync(AuditActions.LoginFailed, AuditResult.Denied, "User", user.Id.ToString(), "account disabled", user, cancellationToken);
            return Disabled;
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            if (string.IsNullOrWhiteSpace(twoFactorCode))
            {
                return new LoginSuccess(LoginOutcome.TwoFactorRequired, user, null, null);
            }
            return await CompleteTwoFactorAsync(user, twoFactorCode, channel, cancellationToken);
        }
        return await FinishAsync(user, channel, usedTwoFactor: false, cancellationToken);
    }

    /// <summary>The second step: the password was right, now the TOTP code (the console asks for it on its own page).</summary>
    public async Task<Result<LoginSuccess>> CompleteTwoFactorAsync(AppUser user, string code, string channel, CancellationToken cancellationToken = default)
    {
        if (user.LockoutEnd is { } lockedUntil && lockedUntil > time.GetUtcNow())
        {
            return Locked(lockedUntil);
        }
        var cleaned = code.Replace(" ", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, cleaned))
        {
            var failed = await FailAsync(user, "wrong two-factor code", cancellationToken);
            return failed.Error!.Code == ErrorCodes.AccountLocked ? failed : InvalidCode;
        }
        return await FinishAsync(user, channel, usedTwoFactor: true, cancellationToken);
    }

    private async Task<Result<LoginSuccess>> FinishAsync(AppUser user, string channel, bool usedTwoFactor, CancellationToken cancellationToken)
    {
        if (user.AccessFailedCount != 0 || user.LockoutEnd is not null)
        {
            await db.Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.AccessFailedCount, 0).SetProperty(x => x.LockoutEnd, (DateTimeOffset?)null), cancellationToken);
        }

        var roles = await users.GetRolesAsync(user);
        var enrollmentOnly = !usedTwoFactor && !demo.Value.Enabled && roles.Any(Roles.Administrators.Contains);
        var sessionId = await StartSessionAsync(user, channel, cancellationToken);
        var principal = await BuildPrincipalAsync(user, roles, sessionId, enrollmentOnly, cancellationToken);
        await audit.RecordAsync(AuditActions.LoginSucceeded, AuditResult.Success, "User", user.Id.ToString(),
            $"channel={channel}" + (usedTwoFactor ? " 2fa" : "") + (enrollmentOnly ? " enrollment-only" : ""), user, cancellationToken);
        return new LoginSuccess(enrollmentOnly ? LoginOutcome.EnrollmentRequired : LoginOutcome.SignedIn, user, principal, sessionId);
    }

    /// <summary>
    /// Counts a failure; the fifth in a row locks the account. The count is incremented in SQL, so parallel
    /// guesses cannot slip past the limit by racing each other.
    /// </summary>
    private async Task<Result<LoginSuccess>> FailAsync(AppUser user, string reason, CancellationToken cancellationToken)
    {
        var policy = security.Value;
        var mine = db.Users.Where(u => u.Id == user.Id);
        await mine.ExecuteUpdateAsync(u => u.SetProperty(x => x.AccessFailedCount, x => x.AccessFailedCount + 1), cancellationToken);
        var failures = await mine.Select(u => u.AccessFailedCount).SingleAsync(cancellationToken);
        Error error = InvalidCredentials;
        if (failures >= policy.MaxFailedLogins)
        {
            var until = time.GetUtcNow() + policy.LockoutDuration;
            await mine.ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, until).SetProperty(x => x.AccessFailedCount, 0), cancellationToken);
            error = Locked(until);
        }
        await audit.RecordAsync(AuditActions.LoginFailed, AuditResult.Failure, "User", user.Id.ToString(),
            reason + (error.Code == ErrorCodes.AccountLocked ? "; account locked" : ""), user, cancellationToken);
        return error;
    }

    private async Task<string> StartSessionAsync(AppUser user, string channel, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var session = new UserSession
        {
            Id = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant(),
            UserId = user.Id,
            CreatedUtc = now,
            LastSeenUtc = now,
            Channel = channel,
            ClientAddress = db.CurrentUser.ClientAddress,
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>Claims carry what data scope needs (division path or department), so no lookup per request.</summary>
    public async Task<ClaimsPrincipal> BuildPrincipalAsync(AppUser user, IList<string> roles, string sessionId, bool enrollmentOnly, CancellationToken cancellationToken)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.UserName!),
            new(JicengClaims.DisplayName, user.DisplayName),
            new(JicengClaims.SessionId, sessionId),
        };
        if (enrollmentOnly)
        {
            claims.Add(new Claim(JicengClaims.EnrollmentOnly, "true"));
        }
        else
        {
            claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
            if (user.DivisionCode is not null)
            {
                var path = await db.Divisions.IgnoreQueryFilters([AppDbContext.ScopeFilter])
                    .Where(d => d.Code == user.DivisionCode).Select(d => d.Path).SingleAsync(cancellationToken);
                claims.Add(new Claim(JicengClaims.DivisionCode, user.DivisionCode));
                claims.Add(new Claim(JicengClaims.DivisionPath, path));
            }
            if (user.DepartmentId is not null)
            {
                claims.Add(new Claim(JicengClaims.DepartmentId, user.DepartmentId.Value.ToString()));
            }
            if (user.UnitId is not null)
            {
                claims.Add(new Claim(JicengClaims.UnitId, user.UnitId.Value.ToString()));
            }
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "jiceng", ClaimTypes.Name, ClaimTypes.Role));
    }
}

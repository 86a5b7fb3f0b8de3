using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Jiceng.Web.Platform.Auth;

public sealed record LoginRequest([Required, StringLength(256)] string UserName, [Required, StringLength(128)] string Password, [StringLength(16)] string? TwoFactorCode);

public sealed record LoginResponse(string TokenType, string AccessToken, long ExpiresIn, bool TwoFactorSetupRequired, MeResponse User);

public sealed record MeResponse(Guid Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, string? DivisionCode, Guid? DepartmentId, string Scope);

public sealed record TwoFactorSetupResponse(string SharedKey, string OtpAuthUri);

public sealed record TwoFactorCodeRequest([Required, StringLength(16)] string Code);

public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous().WithName("Login").WithSummary("Sign in and get a bearer token");
        group.MapPost("/logout", LogoutAsync).RequireAuthorization().WithName("Logout");
        group.MapGet("/me", Me).RequireAuthorization(Policies.AnyAccount).WithName("GetCurrentUser");
        group.MapPost("/2fa/setup", SetupTwoFactorAsync).RequireAuthorization().WithName("SetUpTwoFactor")
            .WithSummary("Create (or re-create) the caller's authenticator key; two-factor is on only after /2fa/enable");
        group.MapPost("/2fa/enable", EnableTwoFactorAsync).RequireAuthorization().WithName("EnableTwoFactor");
        return group;
    }

    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, LoginService login, TokenIssuer tokens, CancellationToken cancellationToken)
    {
        var result = await login.LoginAsync(request.UserName, request.Password, request.TwoFactorCode, "bearer", cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }
        var success = result.Value!;
        if (success.Outcome == LoginOutcome.TwoFactorRequired)
        {
            return new Error(ErrorCodes.TwoFactorRequired, 401, "需要动态验证码 / A two-factor code is required: send it as twoFactorCode.").ToProblem();
        }
        var (token, expiresIn) = tokens.Issue(success.Principal!);
        return TypedResults.Ok(new LoginResponse("Bearer", token, expiresIn, success.Outcome == LoginOutcome.EnrollmentRequired, ToMe(success.Principal!)));
    }

    public static async Task<NoContent> LogoutAsync(CurrentUser currentUser, SessionService sessions, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (currentUser.SessionId is { } sid)
        {
            await sessions.EndAsync(sid, "logout", cancellationToken);
            await audit.RecordAsync(AuditActions.Logout, AuditResult.Success, "Session", null, cancellationToken: cancellationToken);
        }
        return TypedResults.NoContent();
    }

    public static Ok<MeResponse> Me(ClaimsPrincipal user) => TypedResults.Ok(ToMe(user));

    public static async Task<Results<Ok<TwoFactorSetupResponse>, ProblemHttpResult>> SetupTwoFactorAsync(ClaimsPrincipal principal, TwoFactorEnrollment enrollment)
    {
        var result = await enrollment.BeginAsync(principal);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> EnableTwoFactorAsync(TwoFactorCodeRequest request, ClaimsPrincipal principal, TwoFactorEnrollment enrollment)
    {
        var result = await enrollment.EnableAsync(principal, request.Code);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }

    internal static MeResponse ToMe(ClaimsPrincipal user)
    {
        var scope = DataScope.For(user);
        return new MeResponse(
            Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
            user.Identity!.Name!,
            user.FindFirstValue(JicengClaims.DisplayName) ?? user.Identity.Name!,
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(),
            user.FindFirstValue(JicengClaims.DivisionCode),
            Guid.TryParse(user.FindFirstValue(JicengClaims.DepartmentId), out var d) ? d : null,
            scope.Kind.ToString());
    }
}

/// <summary>Issues bearer tokens in the format the BearerToken handler reads back (data-protected, key ring in the database).</summary>
public sealed class TokenIssuer(IOptionsMonitor<BearerTokenOptions> options, TimeProvider time, IOptions<SecurityOptions> security)
{
    public (string Token, long ExpiresInSeconds) Issue(ClaimsPrincipal principal)
    {
        var lifetime = TimeSpan.FromHours(security.Value.TokenLifetimeHours);
        var now = time.GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + lifetime };
        var ticket = new AuthenticationTicket(principal, properties, IdentityConstants.BearerScheme);
        var token = options.Get(IdentityConstants.BearerScheme).BearerTokenProtector.Protect(ticket);
        return (token, (long)lifetime.TotalSeconds);
    }
}

/// <summary>TOTP enrolment (RFC 6238 authenticator apps), shared by the API and the console page.</summary>
public sealed class TwoFactorEnrollment(UserManager<AppUser> users, AuditTrail audit, SessionService sessions, UrlEncoder urlEncoder)
{
    public async Task<Result<TwoFactorSetupResponse>> BeginAsync(ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null) return Error.NotFound("User");
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return Error.Conflict("两步验证已开启 / Two-factor sign-in is already on.");
        }
        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        var uri = $"otpauth://totp/{urlEncoder.Encode("Jiceng")}:{urlEncoder.Encode(user.UserName!)}?secret={key}&issuer={urlEncoder.Encode("Jiceng")}&digits=6";
        return new TwoFactorSetupResponse(key, uri);
    }

    public async Task<Result<bool>> EnableAsync(ClaimsPrincipal principal, string code)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null) return Error.NotFound("User");
        if (await users.GetAuthenticatorKeyAsync(user) is null)
        {
            return Error.Validation("请先生成密钥 / Set up a key first.");
        }
        var cleaned = code.Replace(" ", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, cleaned))
        {
            return new Error(ErrorCodes.InvalidTwoFactorCode, 400, "动态验证码错误 / Wrong two-factor code.");
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        await audit.RecordAsync(AuditActions.TwoFactorEnabled, AuditResult.Success, "User", user.Id.ToString(), actingUser: user);
        // An enrolment-only session has done its job; the user signs in again with the code.
        if (principal.HasClaim(c => c.Type == JicengClaims.EnrollmentOnly) && principal.FindFirstValue(JicengClaims.SessionId) is { } sid)
        {
            await sessions.EndAsync(sid, "2fa-enrolled");
        }
        return true;
    }
}

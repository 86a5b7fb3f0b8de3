using Jiceng.Web.Data;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Localization;
using Jiceng.Web.Platform.Scope;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiceng.Web.Platform;

public static class PlatformSetup
{
    /// <summary>The console's cookie for the step between a right password and the TOTP code.</summary>
    public const string TwoFactorPendingScheme = "Jiceng.TwoFactorPending";
    private const string SelectorScheme = "Jiceng";

    public static IServiceCollection AddJicengPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<CurrentUser>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<SessionService>();
        services.AddScoped<LoginService>();
        services.AddScoped<TwoFactorEnrollment>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<Texts>();
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddOptions<Protection.PersonalDataOptions>().BindConfiguration(Protection.PersonalDataOptions.Section);

        services.AddIdentityCore<AppUser>(o =>
            {
                // Length and character classes are checked by CharacterClassPasswordValidator; lockout by LoginService.
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredLength = 10;
                o.User.RequireUniqueEmail = false;
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CharacterClassPasswordValidator>();

        services.AddDataProtection().SetApplicationName("Jiceng").PersistKeysToDbContext<AppDbContext>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SelectorScheme;
                o.DefaultChallengeScheme = SelectorScheme;
            })
            // API calls use bearer tokens only (no cookie, so no cross-site request forgery on the API); pages use the cookie,
            // and so do the few API reads the console shows straight in the browser (photos; see ConsoleCookieReads).
            .AddPolicyScheme(SelectorScheme, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api") && !ConsoleCookieReads.Applies(context) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = ConsoleCookieReads.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/account/login";
                o.AccessDeniedPath = "/account/denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = false;
            })
            .AddCookie(TwoFactorPendingScheme, o =>
            {
                o.Cookie.Name = "jiceng.2fa";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddBearerToken(IdentityConstants.BearerScheme);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.AnyAccount, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff, Roles.GridWorker, Roles.DepartmentHandler))
            .AddPolicy(Policies.OrganisationReaders, p => p.RequireRole(Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff, Roles.GridWorker, Roles.DepartmentHandler))
            .AddPolicy(Policies.SystemAdmin, p => p.RequireRole(Roles.SystemAdmin))
            .AddPolicy(Policies.SecurityAdmin, p => p.RequireRole(Roles.SecurityAdmin))
            .AddPolicy(Policies.AuditAdmin, p => p.RequireRole(Roles.AuditAdmin));

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemResults.AddStableCode);
        services.AddValidation();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Jiceng API";
            document.Info.Description = "基层治理平台 API. Sign in with POST /api/v1/auth/login and send the accessToken as a bearer token.";
            return Task.CompletedTask;
        }));
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" })).AllowAnonymous().WithTags("Health").WithName("Liveness");
        app.MapGet("/readyz", async Task<IResult> (AppDbContext db, CancellationToken ct) =>
            await db.Database.CanConnectAsync(ct)
                ? TypedResults.Ok(new { status = "ready" })
                : TypedResults.Problem(statusCode: 503, title: "The database is not reachable.", extensions: new Dictionary<string, object?> { ["code"] = "not_ready" }))
            .AllowAnonymous().WithTags("Health").WithName("Readiness");
        return app;
    }

    /// <summary>Cookie endpoints of the console (the login form itself is a static page, Components/Account/Login.razor).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/logout", async (HttpContext context, CurrentUser user, SessionService sessions, AuditTrail audit) =>
        {
            if (user.SessionId is { } sid)
            {
                await sessions.EndAsync(sid, "logout");
                await audit.RecordAsync(AuditActions.Logout, AuditResult.Success, "Session");
            }
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Results.LocalRedirect("/account/login");
        });
        // The console pings this while the user is active, so an interactive page keeps its session alive.
        account.MapPost("/keepalive", () => Results.NoContent()).RequireAuthorization(Policies.AnyAccount).DisableAntiforgery();
        return app;
    }
}

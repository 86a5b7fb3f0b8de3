using System.Security.Claims;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Scope;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using MudBlazor.Services;

namespace Jiceng.Web.Components;

public static class UiSetup
{
    public static IServiceCollection AddJicengUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Pages are mostly Chinese: write characters as they are instead of as &#x…; escapes (three times larger).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddMudServices();
        services.AddHttpContextAccessor();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidatingAuthenticationStateProvider>();
        services.AddScoped<UiWork>();
        return services;
    }
}

/// <summary>
/// Runs one UI action in its own DI scope, as the signed-in user: a fresh DbContext and the same data scope an
/// HTTP request would have. Interactive components live as long as a circuit, so they never hold a context.
/// </summary>
public sealed class UiWork(IServiceScopeFactory scopes, AuthenticationStateProvider authentication, IHttpContextAccessor http)
{
    private readonly string? _clientAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public async Task<T> RunAsync<TService, T>(Func<TService, Task<T>> work) where TService : notnull
    {
        var state = await authentication.GetAuthenticationStateAsync();
        await using var scope = scopes.CreateAsyncScope();
        var user = scope.ServiceProvider.GetRequiredService<CurrentUser>();
        user.Set(state.User);
        user.ClientAddress = _clientAddress;
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }
}

/// <summary>Ends an interactive session when its server-side session has ended or gone idle (checked every minute).</summary>
internal sealed class SessionRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var sessionId = authenticationState.User.FindFirstValue(JicengClaims.SessionId);
        if (sessionId is null)
        {
            return false;
        }
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(authenticationState.User);
        var state = await scope.ServiceProvider.GetRequiredService<SessionService>().CheckAsync(sessionId, touch: false, cancellationToken);
        return state == SessionState.Active;
    }
}

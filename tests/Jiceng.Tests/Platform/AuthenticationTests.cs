using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Jiceng.Tests.Platform;

/// <summary>Sign-in, lockout and idle timeout. Each test class has its own app because these tests move the clock.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private readonly JicengAppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private Task<HttpResponseMessage> LoginAsync(string user, string password, string? code = null) =>
        _app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = user, password, twoFactorCode = code });

    [Fact]
    public async Task Login_returns_a_bearer_token_that_opens_the_api()
    {
        var response = await LoginAsync("demo-street", JicengAppFactory.DemoPassword);
        var body = await response.ReadOkAsync<JsonElement>();
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());

        var me = await (await client.GetAsync("/api/v1/auth/me")).ReadOkAsync<JsonElement>();

        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
        Assert.Equal("demo-street", me.GetProperty("userName").GetString());
        Assert.Equal("230725100", me.GetProperty("divisionCode").GetString());
        Assert.Equal("DivisionSubtree", me.GetProperty("scope").GetString());
    }

    [Theory]
    [InlineData("demo-street", "wrong-Password1")]
    [InlineData("nobody-here", "Jiceng#2026demo")]
    public async Task A_wrong_password_or_unknown_user_gets_the_same_answer(string user, string password)
    {
        await (await LoginAsync(user, password)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task An_empty_request_is_a_validation_problem()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "", password = "" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes()
    {
        for (var i = 1; i <= 4; i++)
        {
            await (await LoginAsync("demo-grid", "wrong-Password" + i)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        }
        await (await LoginAsync("demo-grid", "wrong-Password5")).AssertProblemAsync(HttpStatusCode.Locked, "account_locked");

        // Even the right password is refused while locked.
        await (await LoginAsync("demo-grid", JicengAppFactory.DemoPassword)).AssertProblemAsync(HttpStatusCode.Locked, "account_locked");
        _app.Clock.Advance(TimeSpan.FromMinutes(14));
        await (await LoginAsync("demo-grid", JicengAppFactory.DemoPassword)).AssertProblemAsync(HttpStatusCode.Locked, "account_locked");

        _app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await LoginAsync("demo-grid", JicengAppFactory.DemoPassword)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_success_resets_the_failure_count()
    {
        for (var i = 0; i < 4; i++) await LoginAsync("demo-party", "wrong-Password1");
        (await LoginAsync("demo-party", JicengAppFactory.DemoPassword)).EnsureSuccessStatusCode();

        await (await LoginAsync("demo-party", "wrong-Password1")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task A_session_idle_for_thirty_minutes_ends_and_activity_keeps_it_alive()
    {
        var active = await _app.ClientForAsync("demo-community-b");
        var idle = await _app.ClientForAsync("demo-community-a");

        for (var step = 0; step < 3; step++)
        {
            _app.Clock.Advance(TimeSpan.FromMinutes(20));
            (await active.GetAsync("/api/v1/auth/me")).EnsureSuccessStatusCode();
        }

        await (await idle.GetAsync("/api/v1/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "session_expired");
        // Once expired, always expired, whatever happens next.
        await (await idle.GetAsync("/api/v1/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "session_expired");
        _app.Clock.Advance(TimeSpan.FromMinutes(31));
        await (await active.GetAsync("/api/v1/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "session_expired");
    }

    [Fact]
    public async Task Logout_ends_the_session_at_once()
    {
        var client = await _app.ClientForAsync("demo-county");

        (await client.PostAsync("/api/v1/auth/logout", null)).EnsureSuccessStatusCode();

        await (await client.GetAsync("/api/v1/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "session_expired");
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_its_sessions_end()
    {
        var victim = await _app.ClientForAsync("demo-resident");
        var admin = await _app.ClientForAsync("demo-sysadmin");
        var id = await _app.AsSystemAsync(async sp => (await sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("demo-resident"))!.Id);

        (await admin.PostAsync($"/api/v1/accounts/{id}/disable", null)).EnsureSuccessStatusCode();

        await (await victim.GetAsync("/api/v1/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "session_expired");
        await (await LoginAsync("demo-resident", JicengAppFactory.DemoPassword)).AssertProblemAsync(HttpStatusCode.Forbidden, "account_disabled");
    }
}

/// <summary>Outside demo mode the three administrators must use two-factor sign-in.</summary>
public sealed class TwoFactorTests : IAsyncLifetime
{
    private const string Password = "Audit-Admin-2026";
    private readonly JicengAppFactory _app = new() { DemoEnabled = false };

    public async ValueTask InitializeAsync()
    {
        await _app.AsSystemAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { Id = Guid.NewGuid(), UserName = "auditor", DisplayName = "审计员", LockoutEnabled = true, CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.AuditAdmin);
        });
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private Task<HttpResponseMessage> LoginAsync(string? code = null) =>
        _app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "auditor", password = Password, twoFactorCode = code });

    [Fact]
    public async Task An_admin_must_enrol_before_doing_anything_and_then_needs_the_code()
    {
        // 1. Password alone gives an enrolment-only session: the admin's own job is refused.
        var first = await (await LoginAsync()).ReadOkAsync<JsonElement>();
        Assert.True(first.GetProperty("twoFactorSetupRequired").GetBoolean());
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", first.GetProperty("accessToken").GetString());
        await (await client.GetAsync("/api/v1/audit")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        // 2. Enrol with an authenticator: a wrong code does not turn it on, the right one does.
        var setup = await (await client.PostAsync("/api/v1/auth/2fa/setup", null)).ReadOkAsync<JsonElement>();
        var totp = new Totp(Base32Encoding.ToBytes(setup.GetProperty("sharedKey").GetString()));
        Assert.StartsWith("otpauth://totp/", setup.GetProperty("otpAuthUri").GetString(), StringComparison.Ordinal);
        await (await client.PostAsJsonAsync("/api/v1/auth/2fa/enable", new { code = "000000" == totp.ComputeTotp() ? "111111" : "000000" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_two_factor_code");
        (await client.PostAsJsonAsync("/api/v1/auth/2fa/enable", new { code = totp.ComputeTotp() })).EnsureSuccessStatusCode();

        // 3. From now on the password alone is not enough, a wrong code fails, the right code signs in fully.
        await (await LoginAsync()).AssertProblemAsync(HttpStatusCode.Unauthorized, "two_factor_required");
        await (await LoginAsync("12345x")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_two_factor_code");
        var full = await (await LoginAsync(totp.ComputeTotp())).ReadOkAsync<JsonElement>();
        Assert.False(full.GetProperty("twoFactorSetupRequired").GetBoolean());
        var admin = _app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", full.GetProperty("accessToken").GetString());
        (await admin.GetAsync("/api/v1/audit")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_staff_account_outside_demo_mode_needs_no_second_factor()
    {
        await _app.AsSystemAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { Id = Guid.NewGuid(), UserName = "resident-1", DisplayName = "居民", LockoutEnabled = true };
            Assert.True((await users.CreateAsync(user, "Resident-2026x")).Succeeded);
            await users.AddToRoleAsync(user, Roles.Resident);
        });

        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "resident-1", password = "Resident-2026x" });

        Assert.False((await response.ReadOkAsync<JsonElement>()).GetProperty("twoFactorSetupRequired").GetBoolean());
    }
}

using System.Net;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Jiceng.Tests.Platform;

/// <summary>The console's own sign-in: the static login form, its Chinese messages, and the two-factor page.</summary>
public sealed class ConsoleSignInTests : IAsyncLifetime
{
    private const string Password = "Console-Pass-2026";
    private readonly JicengAppFactory _app = new() { DemoEnabled = false };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>Where a redirect goes, as a local path (Blazor's form redirects are absolute URLs).</summary>
    private static string? Target(HttpResponseMessage response) =>
        response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : null;

    private HttpClient Browser() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private Task<AppUser> CreateAsync(string userName, string role, bool withTwoFactor = false) => _app.AsSystemAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { Id = Guid.NewGuid(), UserName = userName, DisplayName = userName, LockoutEnabled = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, role);
        if (withTwoFactor)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        return user;
    });

    private Task<HttpResponseMessage> SubmitLoginAsync(HttpClient browser, string user, string password) =>
        Forms.SubmitAsync(browser, "/account/login", new Dictionary<string, string> { ["Input.UserName"] = user, ["Input.Password"] = password });

    [Fact]
    public async Task The_login_form_signs_in_with_a_cookie_and_opens_the_console()
    {
        await CreateAsync("resident-a", Roles.Resident);
        var browser = Browser();

        var response = await SubmitLoginAsync(browser, "resident-a", Password);
        var home = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Target(response));
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("jiceng.auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task The_login_page_says_in_chinese_that_the_account_is_locked()
    {
        await CreateAsync("resident-b", Roles.Resident);
        var browser = Browser();

        for (var i = 0; i < 4; i++)
        {
            var wrong = await (await SubmitLoginAsync(browser, "resident-b", "Wrong-Pass-2026")).Content.ReadAsStringAsync();
            Assert.Contains("用户名或密码错误", wrong, StringComparison.Ordinal);
        }
        var fifth = await (await SubmitLoginAsync(browser, "resident-b", "Wrong-Pass-2026")).Content.ReadAsStringAsync();
        var rightButLocked = await (await SubmitLoginAsync(browser, "resident-b", Password)).Content.ReadAsStringAsync();

        Assert.Contains("账号已锁定 15 分钟", fifth, StringComparison.Ordinal);
        Assert.Contains("账号已锁定 15 分钟", rightButLocked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_factor_sign_in_asks_for_the_code_on_a_second_page()
    {
        var user = await CreateAsync("auditor-c", Roles.AuditAdmin, withTwoFactor: true);
        var key = await _app.AsSystemAsync(sp => sp.GetRequiredService<UserManager<AppUser>>().GetAuthenticatorKeyAsync(user));
        var totp = new Totp(Base32Encoding.ToBytes(key));
        var browser = Browser();

        var first = await SubmitLoginAsync(browser, "auditor-c", Password);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/account/login/2fa", Target(first), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/admin/audit")).StatusCode); // not signed in yet

        var wrong = await Forms.SubmitAsync(browser, "/account/login/2fa", new Dictionary<string, string> { ["Input.Code"] = "000000" == totp.ComputeTotp() ? "111111" : "000000" });
        Assert.Contains("动态验证码错误", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var second = await Forms.SubmitAsync(browser, "/account/login/2fa", new Dictionary<string, string> { ["Input.Code"] = totp.ComputeTotp() });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/audit")).StatusCode);
    }

    [Fact]
    public async Task An_admin_without_two_factor_is_sent_to_enrol_and_can_do_nothing_else()
    {
        await CreateAsync("sysadmin-d", Roles.SystemAdmin);
        var browser = Browser();

        var response = await SubmitLoginAsync(browser, "sysadmin-d", Password);
        var enrol = await browser.GetStringAsync("/account/two-factor");
        var accounts = await browser.GetAsync("/admin/accounts");

        Assert.Equal("/account/two-factor", Target(response));
        Assert.Contains("管理员账号必须开启两步验证", enrol, StringComparison.Ordinal);
        Assert.Contains("<svg", enrol, StringComparison.Ordinal); // the QR code
        Assert.DoesNotContain("accounts-table", await accounts.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_console_session_idle_for_thirty_minutes_goes_back_to_the_login_page()
    {
        await CreateAsync("resident-f", Roles.Resident);
        var browser = Browser();
        await SubmitLoginAsync(browser, "resident-f", Password);

        _app.Clock.Advance(TimeSpan.FromMinutes(29));
        var stillIn = await browser.GetAsync("/");
        _app.Clock.Advance(TimeSpan.FromMinutes(29));
        var afterActivity = await browser.GetAsync("/");
        _app.Clock.Advance(TimeSpan.FromMinutes(31));
        var idle = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterActivity.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.StartsWith("/account/login?expired=1", Target(idle), StringComparison.Ordinal);
        Assert.Contains("由于长时间未操作", await browser.GetStringAsync(Target(idle)!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logging_out_ends_the_console_session()
    {
        await CreateAsync("resident-e", Roles.Resident);
        var browser = Browser();
        await SubmitLoginAsync(browser, "resident-e", Password);
        var home = await browser.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(home, """name="__RequestVerificationToken" value="([^"]+)""").Groups[1].Value;

        var logout = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var after = await browser.GetAsync("/");

        Assert.Equal("/account/login", Target(logout));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", Target(after), StringComparison.Ordinal);
    }
}

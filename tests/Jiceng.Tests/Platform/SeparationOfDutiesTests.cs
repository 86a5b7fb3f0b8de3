using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Platform;

/// <summary>三员分立: system, security and audit administrators each do only their own job.</summary>
public sealed class SeparationOfDutiesTests(SharedApp app)
{
    [Fact]
    public async Task The_system_admin_manages_accounts_but_not_security_or_audit()
    {
        var client = await app.ClientForAsync("demo-sysadmin");

        (await client.GetAsync("/api/v1/accounts")).EnsureSuccessStatusCode();
        await (await client.GetAsync("/api/v1/security/locked-accounts")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.GetAsync("/api/v1/audit")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task The_security_admin_unlocks_but_cannot_create_accounts_or_read_audit()
    {
        var client = await app.ClientForAsync("demo-secadmin");

        (await client.GetAsync("/api/v1/security/locked-accounts")).EnsureSuccessStatusCode();
        await (await client.PostAsJsonAsync("/api/v1/accounts", new { userName = "x-user", displayName = "x", role = "Resident", password = "Resident-2026x" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.GetAsync("/api/v1/audit")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task The_audit_admin_reads_the_trail_but_manages_nothing()
    {
        var client = await app.ClientForAsync("demo-auditor");

        (await client.GetAsync("/api/v1/audit")).EnsureSuccessStatusCode();
        await (await client.GetAsync("/api/v1/accounts")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.GetAsync("/api/v1/security/locked-accounts")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task The_system_admin_cannot_create_or_disable_administrators()
    {
        var client = await app.ClientForAsync("demo-sysadmin");
        var auditorId = await app.AsSystemAsync(async sp => (await sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("demo-auditor"))!.Id);

        await (await client.PostAsJsonAsync("/api/v1/accounts", new { userName = "new-auditor", displayName = "x", role = "AuditAdmin", password = "Audit-Admin-2026" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.PostAsync($"/api/v1/accounts/{auditorId}/disable", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [InlineData("short-1A", "weak_password")]
    [InlineData("alllowercaseletters", "weak_password")]
    [InlineData("ALLUPPER123456", "weak_password")]
    public async Task Weak_passwords_are_refused_and_nothing_is_created(string password, string code)
    {
        var client = await app.ClientForAsync("demo-sysadmin");
        var userName = "weak-" + Guid.NewGuid().ToString("N")[..8];

        await (await client.PostAsJsonAsync("/api/v1/accounts", new { userName, displayName = "x", role = "Resident", password }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, code);

        Assert.Null(await app.AsSystemAsync(sp => sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName)));
    }

    [Fact]
    public async Task A_staff_account_must_sit_on_a_division_of_the_right_level()
    {
        var client = await app.ClientForAsync("demo-sysadmin");

        await (await client.PostAsJsonAsync("/api/v1/accounts", new { userName = "street-x", displayName = "x", role = "StreetStaff", divisionCode = "230725100001", password = "Street-Staff-2026" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await client.PostAsJsonAsync("/api/v1/accounts", new { userName = "dept-x", displayName = "x", role = "DepartmentHandler", password = "Dept-Handler-2026" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await client.PostAsJsonAsync("/api/v1/accounts", new { userName = "demo-county", displayName = "x", role = "Resident", password = "Resident-2026x" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task A_created_community_account_signs_in_with_its_community_scope()
    {
        var admin = await app.ClientForAsync("demo-sysadmin");
        var userName = "yuxi-" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostAsJsonAsync("/api/v1/accounts", new { userName, displayName = "育西社工", role = "CommunityStaff", divisionCode = "230725100002", password = "Community-2026" }))
            .EnsureSuccessStatusCode();

        var staff = await app.ClientForAsync(userName, "Community-2026");

        (await staff.GetAsync("/api/v1/divisions/230725100002")).EnsureSuccessStatusCode();
        await (await staff.GetAsync("/api/v1/divisions/230725100001")).AssertProblemAsync(HttpStatusCode.Forbidden, "out_of_scope");
        var list = await (await admin.GetAsync("/api/v1/accounts?search=" + userName)).ReadOkAsync<JsonElement>();
        Assert.Equal("育西社区居委会", list.GetProperty("items")[0].GetProperty("divisionName").GetString());
    }
}

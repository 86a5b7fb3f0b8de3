using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Audit;

public sealed class AuditTrailTests(SharedApp app)
{
    private sealed record Entry(long Id, DateTime OccurredUtc, string? UserName, string? Roles, string Action, string? ObjectType, string? ObjectId, string Result, string? ClientAddress, string? Detail);
    private sealed record PageOf(List<Entry> Items, int Page, int PageSize, int Total);

    [Fact]
    public async Task A_failed_login_and_a_change_both_appear_for_the_audit_admin()
    {
        var marker = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "demo-community-b", password = "not-the-Password1" });
        await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = marker, password = "whatever-Password1" });
        var sysadmin = await app.ClientForAsync("demo-sysadmin");
        var userName = "audit-" + Guid.NewGuid().ToString("N")[..8];
        var created = await (await sysadmin.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName, displayName = "测试网格员", role = "GridWorker", divisionCode = "230725100001", password = "Grid-Worker-2026",
        })).ReadOkAsync<JsonElement>();
        var auditor = await app.ClientForAsync("demo-auditor");

        var failures = await (await auditor.GetAsync("/api/v1/audit?action=auth.login.failed&user=demo-community-b&pageSize=200")).ReadOkAsync<PageOf>();
        var changes = await (await auditor.GetAsync("/api/v1/audit?action=entity.created&user=demo-sysadmin&pageSize=200")).ReadOkAsync<PageOf>();

        var failure = failures.Items.First();
        Assert.Equal("Failure", failure.Result);
        Assert.Equal("User", failure.ObjectType);
        // Stamped by the app's clock (a fake one here, which stands still from the app's start).
        var appNow = app.Clock.GetUtcNow().UtcDateTime;
        Assert.InRange(failure.OccurredUtc, appNow.AddMinutes(-5), appNow.AddMinutes(5));
        Assert.Contains(changes.Items, e => e.ObjectType == "AppUser" && e.ObjectId == created.GetProperty("id").GetString() && e.Roles == "SystemAdmin");
        // An unknown user name is recorded as a failure without storing the typed name as a user.
        var unknown = await (await auditor.GetAsync("/api/v1/audit?action=auth.login.failed&pageSize=200")).ReadOkAsync<PageOf>();
        Assert.DoesNotContain(unknown.Items, e => e.UserName == marker);
        Assert.Contains(unknown.Items, e => e.Detail == "unknown user name");
    }

    [Fact]
    public async Task A_modification_records_exactly_the_fields_that_changed()
    {
        var sysadmin = await app.ClientForAsync("demo-sysadmin");
        var created = await (await sysadmin.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName = "mod-" + Guid.NewGuid().ToString("N")[..8], displayName = "居民", role = "Resident", password = "Resident-2026x",
        })).ReadOkAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();

        (await sysadmin.PostAsync($"/api/v1/accounts/{id}/disable", null)).EnsureSuccessStatusCode();
        var auditor = await app.ClientForAsync("demo-auditor");
        var changes = await (await auditor.GetAsync("/api/v1/audit?action=entity.modified&user=demo-sysadmin&pageSize=200")).ReadOkAsync<PageOf>();

        var entry = Assert.Single(changes.Items, e => e.ObjectType == "AppUser" && e.ObjectId == id);
        Assert.Equal("fields: IsDisabled", entry.Detail);
    }

    [Theory]
    [InlineData("demo-sysadmin")]
    [InlineData("demo-secadmin")]
    [InlineData("demo-county")]
    [InlineData("demo-community-a")]
    [InlineData("demo-dept")]
    [InlineData("demo-resident")]
    public async Task Nobody_but_the_audit_admin_can_read_the_trail(string user)
    {
        var client = await app.ClientForAsync(user);

        await (await client.GetAsync("/api/v1/audit")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Reading_the_trail_is_itself_audited_and_paging_is_validated()
    {
        var auditor = await app.ClientForAsync("demo-auditor");

        (await auditor.GetAsync("/api/v1/audit?pageSize=5")).EnsureSuccessStatusCode();
        var reads = await (await auditor.GetAsync("/api/v1/audit?action=audit.read&pageSize=5")).ReadOkAsync<PageOf>();
        await (await auditor.GetAsync("/api/v1/audit?pageSize=1000")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(reads.Total >= 1);
        Assert.All(reads.Items, e => Assert.Equal("demo-auditor", e.UserName));
        Assert.True(reads.Items.Count <= 5);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_audit_entries()
    {
        await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "demo-street", password = "not-the-Password1" });

        await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var id = await db.AuditEntries.OrderByDescending(e => e.Id).Select(e => e.Id).FirstAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Action\" = 'x' WHERE \"Id\" = {id}"));
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {id}"));
            Assert.NotEqual("x", await db.AuditEntries.Where(e => e.Id == id).Select(e => e.Action).SingleAsync());
        });
    }

    [Fact]
    public async Task The_application_refuses_to_modify_audit_entries_too()
    {
        await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var entry = await db.AuditEntries.OrderBy(e => e.Id).FirstAsync();
            entry.Detail = "tampered";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
    }

    [Fact]
    public async Task Audit_entries_never_carry_a_password()
    {
        const string secret = "Secret-Typed-Pw-42";
        await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "demo-street", password = secret });

        var leaked = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .AnyAsync(e => (e.Detail ?? "").Contains(secret) || (e.ObjectId ?? "").Contains(secret) || (e.UserName ?? "").Contains(secret)));
        Assert.False(leaked);
        Assert.Equal(AuditResult.Failure, await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .Where(e => e.Action == AuditActions.LoginFailed && e.UserName == "demo-street").OrderByDescending(e => e.Id).Select(e => e.Result).FirstAsync()));
    }
}

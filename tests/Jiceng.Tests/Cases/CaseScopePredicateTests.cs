using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Scope;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Cases;

/// <summary>
/// Lists and counts use <see cref="AppDbContext.CasesInScope"/> (one branch of the scope rule per kind of caller, so
/// indexes apply); everything else the central DataScope filter. The two must be the same rule: this holds them equal
/// for every demo account over cases in every relation to them (own community, other community, led, assisted,
/// returned by the department, reported by the caller).
/// </summary>
public sealed class CaseScopePredicateTests : IAsyncLifetime
{
    private readonly JicengAppFactory _app = new();
    private readonly CaseApi _api;

    public CaseScopePredicateTests() => _api = new CaseApi(_app);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_per_kind_case_scope_equals_the_central_filter_for_every_account()
    {
        var zjj = await _api.DepartmentAsync("ZJJ");
        var mzj = await _api.DepartmentAsync("MZJ");
        await _api.CaseAtAsync("submitted");                                    // 团结社区, by the resident
        await _api.CaseAtAsync("inProgress");                                   // led by 住建局
        await _api.CreateAsync("demo-community-b", CaseApi.Yuxi);               // 育西社区, by its staff
        var assisted = (await _api.CreateAsync("demo-community-b", CaseApi.Yuxi)).GetProperty("id").GetInt64();
        await _api.DoAsync("demo-community-b", assisted, "accept");
        await _api.DoAsync("demo-street", assisted, "dispatch", new { leadDepartmentId = mzj, assistingDepartmentIds = new[] { zjj } });
        var returned = await _api.CaseAtAsync("dispatched");
        await _api.DoAsync("demo-dept", returned, "return", new { note = "不属于本部门职责" });
        await _api.CreateAsync("demo-grid");                                   // by the grid worker
        await _api.CreateAsync("demo-resident", CaseApi.Yuxi);                 // by the resident, in another community

        var users = new[] { "demo-county", "demo-street", "demo-community-a", "demo-community-b", "demo-grid", "demo-dept", "demo-resident",
            "demo-party", "demo-sysadmin", "demo-auditor" };
        var kinds = new HashSet<DataScopeKind>();
        foreach (var userName in users)
        {
            var (filtered, perKind, parts, kind) = await _app.AsSystemAsync(async sp =>
            {
                var users = sp.GetRequiredService<UserManager<AppUser>>();
                var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
                var principal = await sp.GetRequiredService<LoginService>().BuildPrincipalAsync(user, await users.GetRolesAsync(user), "test", false, default);
                using var scope = sp.CreateScope();
                var current = scope.ServiceProvider.GetRequiredService<CurrentUser>();
                current.Set(principal);
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var inParts = new List<long>();
                foreach (var part in db.CaseScopeParts()) inParts.AddRange(await part.Select(c => c.Id).ToListAsync());
                return (await db.Cases.Select(c => c.Id).OrderBy(id => id).ToListAsync(),
                    await db.CasesInScope().Select(c => c.Id).OrderBy(id => id).ToListAsync(), inParts.Order().ToList(), current.Scope.Kind);
            });
            kinds.Add(kind);
            Assert.True(filtered.SequenceEqual(perKind), $"{userName}: filter [{string.Join(",", filtered)}] vs per kind [{string.Join(",", perKind)}]");
            // The parts are disjoint (no id twice) and together the same rows.
            Assert.True(filtered.SequenceEqual(parts), $"{userName}: filter [{string.Join(",", filtered)}] vs parts [{string.Join(",", parts)}]");
            if (userName is "demo-dept")
            {
                Assert.Contains(assisted, perKind);
                Assert.DoesNotContain(returned, perKind);
            }
        }
        // Every kind of scope was compared, and not all of them see nothing.
        Assert.Superset(new HashSet<DataScopeKind> { DataScopeKind.DivisionSubtree, DataScopeKind.Department, DataScopeKind.Self, DataScopeKind.None }, kinds);
    }
}

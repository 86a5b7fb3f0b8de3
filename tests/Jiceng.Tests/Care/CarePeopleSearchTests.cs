using System.Security.Claims;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Care.Features;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Care;

/// <summary>The console's person pickers (CarePeople) offer only live people of the caller's community, of the kind asked for.</summary>
public sealed class CarePeopleSearchTests : IAsyncLifetime
{
    private readonly JicengAppFactory _app = new();
    private readonly CareWorld _world;

    public CarePeopleSearchTests() => _world = new CareWorld(_app);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Pickers_offer_live_people_of_the_callers_community_by_name_and_kind()
    {
        var doctor = await _world.PersonAsync(CareWorld.Tuanjie, "丙测医生", roles: [PersonRoleKind.FamilyDoctor]);
        var resident = await _world.PersonAsync(CareWorld.Tuanjie, "丙测居民", tags: ["chronic"]);
        var neighbour = await _world.PersonAsync(CareWorld.Tuanjie, "丙测邻居");
        var erased = await _world.PersonAsync(CareWorld.Tuanjie, "丙测已删", tags: ["chronic"]);
        await _world.EraseAsync(erased);
        var elsewhere = await _world.PersonAsync(CareWorld.Yuxi, "丙测外区", tags: ["chronic"], roles: [PersonRoleKind.MedicalStaff]);

        Assert.Equal(new[] { doctor, resident, neighbour }.Order(), (await SearchAsync(CareWorld.Tuanjie, "丙测", CarePersonKind.Anyone)).Select(p => p.Id).Order());
        Assert.Equal([resident], (await SearchAsync(CareWorld.Tuanjie, "丙测", CarePersonKind.KeyPeople)).Select(p => p.Id));
        Assert.Equal([doctor], (await SearchAsync(CareWorld.Tuanjie, "丙测", CarePersonKind.Medical)).Select(p => p.Id));
        Assert.Equal([neighbour], (await SearchAsync(CareWorld.Tuanjie, "邻居", CarePersonKind.Anyone)).Select(p => p.Id));
        Assert.Equal([elsewhere], (await SearchAsync(CareWorld.Yuxi, "丙测", CarePersonKind.Anyone)).Select(p => p.Id));

        var found = Assert.Single(await SearchAsync(CareWorld.Tuanjie, "丙测", CarePersonKind.KeyPeople));
        Assert.Equal(("丙测居民", "团结社区", "慢病患者"), (found.Name, found.CommunityName, found.Detail));
    }

    /// <summary>Runs the search as a community staff member of <paramref name="community"/>, whose data scope is that community.</summary>
    private Task<List<CarePersonOption>> SearchAsync(string community, string name, CarePersonKind kind) => _app.AsSystemAsync(async sp =>
    {
        var path = await sp.GetRequiredService<AppDbContext>().Divisions.Where(d => d.Code == community).Select(d => d.Path).SingleAsync();
        await using var scope = sp.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var identity = new ClaimsIdentity([
            new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
            new Claim(ClaimTypes.Role, Roles.CommunityStaff),
            new Claim(JicengClaims.DivisionCode, community),
            new Claim(JicengClaims.DivisionPath, path),
        ], "test");
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(new ClaimsPrincipal(identity));
        return await scope.ServiceProvider.GetRequiredService<CarePeople>().SearchAsync(name, kind);
    });
}

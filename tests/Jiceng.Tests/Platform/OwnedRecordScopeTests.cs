using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Demo;
using Jiceng.Web.Modules.CoBuilding.Domain;
using Jiceng.Web.Modules.Volunteering.Domain;
using Jiceng.Web.Modules.Wishes.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Scope;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Platform;

/// <summary>
/// The central scope rule for records owned by an account or a co-building unit (Platform/Scope/IDivisionScoped.cs):
/// staff see their subtree, a party member or volunteer their own rows, a unit's account its unit's rows and what its
/// paired communities share with it, and nobody else anything.
/// </summary>
public sealed class OwnedRecordScopeTests : IAsyncLifetime
{
    private const string TestNote = "scope test";
    private readonly JicengAppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Owned_unit_and_shared_rows_are_seen_by_their_owner_their_unit_and_staff_only()
    {
        var ids = await _app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var now = DateTime.UtcNow;
            var tuanjie = await db.Divisions.SingleAsync(d => d.Code == DemoSeeder.TuanjieCommunity);
            var yuxi = await db.Divisions.SingleAsync(d => d.Code == DemoSeeder.YuxiCommunity);
            var party = await db.Users.SingleAsync(u => u.UserName == "demo-party");
            var unitAccount = await db.Users.SingleAsync(u => u.UserName == "demo-unit");
            var unit = await db.CoBuildingUnits.SingleAsync(u => u.Id == unitAccount.UnitId);
            var otherUnit = await db.CoBuildingUnits.OrderBy(u => u.Name).FirstAsync(u => u.Id != unit.Id);

            var activity = new VolunteerActivity(tuanjie.Code, tuanjie.Path, "scope test", now, now.AddHours(2), 5, Guid.NewGuid().ToString("N"), now) { Place = "活动室" };
            db.VolunteerActivities.Add(activity);
            var mine = new ActivitySignup(activity, party.Id, null, "me", now);
            var someoneElses = new ActivitySignup(activity, Guid.NewGuid(), null, "other", now);
            db.ActivitySignups.AddRange(mine, someoneElses);

            // The demo already pairs units with 团结 and 育西; the test's own pairings use communities and units that are free:
            // the demo unit with 育西, another unit with a third community the demo unit is not paired with.
            var third = await db.Divisions.Where(d => d.Kind == tuanjie.Kind && d.Code != tuanjie.Code && d.Code != yuxi.Code && d.Code.StartsWith(DemoSeeder.DaqingshanCounty))
                .OrderBy(d => d.Code).FirstAsync();
            var pairing = new CoBuildingPairing(unit.Id, yuxi.Code, yuxi.Path, now) { Status = PairingStatus.Active, Note = TestNote };
            var othersPairing = new CoBuildingPairing(otherUnit.Id, third.Code, third.Path, now) { Status = PairingStatus.Active, Note = TestNote };
            db.CoBuildingPairings.AddRange(pairing, othersPairing);
            var pairedNeed = new CommunityNeed(yuxi.Code, yuxi.Path, 2026, "助老服务", "scope test need", now);
            var unpairedNeed = new CommunityNeed(third.Code, third.Path, 2026, "助老服务", "scope test need", now);
            db.CommunityNeeds.AddRange(pairedNeed, unpairedNeed);
            var ownResource = new UnitResource(unit, 2026, "志愿服务", "scope test resource", now);
            var otherResource = new UnitResource(otherUnit, 2026, "志愿服务", "scope test resource", now);
            db.UnitResources.AddRange(ownResource, otherResource);

            var claimedByUnit = new Wish(yuxi.Code, yuxi.Path, "scope test", "d", "other", now) { ClaimantUnitId = unit.Id, Status = WishStatus.Claimed };
            var postedByMember = new Wish(yuxi.Code, yuxi.Path, "scope test", "d", "other", now) { WisherUserId = party.Id };
            var nobodys = new Wish(yuxi.Code, yuxi.Path, "scope test", "d", "other", now);
            db.Wishes.AddRange(claimedByUnit, postedByMember, nobodys);
            await db.SaveChangesAsync();
            return new
            {
                Mine = mine.Id, SomeoneElses = someoneElses.Id, Pairing = pairing.Id,
                PairedNeed = pairedNeed.Id, UnpairedNeed = unpairedNeed.Id, OwnResource = ownResource.Id, OtherResource = otherResource.Id,
                Unit = unit.Id, OtherUnit = otherUnit.Id, ClaimedByUnit = claimedByUnit.Id, PostedByMember = postedByMember.Id, Nobodys = nobodys.Id,
            };
        });

        var member = await SeenBy("demo-party");
        Assert.Equal([ids.Mine], member.Signups);
        Assert.Empty(member.Pairings);
        Assert.Empty(member.Needs);
        Assert.Equal([ids.PostedByMember], member.Wishes);

        var unitView = await SeenBy("demo-unit");
        Assert.Empty(unitView.Signups);
        Assert.Equal([ids.Pairing], unitView.Pairings);
        Assert.Equal([ids.PairedNeed], unitView.Needs);
        Assert.Equal([ids.OwnResource], unitView.Resources);
        Assert.Equal([ids.Unit], unitView.Units);
        Assert.Equal([ids.ClaimedByUnit], unitView.Wishes);

        // 团结's staff: its own rows, and the county's units and resources (shared downward), not 育西's.
        var tuanjie = await SeenBy("demo-community-a");
        Assert.Equal(new[] { ids.Mine, ids.SomeoneElses }.Order(), tuanjie.Signups.Order());
        Assert.Empty(tuanjie.Pairings);
        Assert.Empty(tuanjie.Needs);
        Assert.Contains(ids.OwnResource, tuanjie.Resources);
        Assert.Contains(ids.OtherResource, tuanjie.Resources);
        Assert.Contains(ids.OtherUnit, tuanjie.Units);
        Assert.Empty(tuanjie.Wishes);

        var yuxi = await SeenBy("demo-community-b");
        Assert.Empty(yuxi.Signups);
        Assert.Equal([ids.Pairing], yuxi.Pairings);
        Assert.Equal([ids.PairedNeed], yuxi.Needs);
        Assert.Equal(new[] { ids.ClaimedByUnit, ids.PostedByMember, ids.Nobodys }.Order(), yuxi.Wishes.Order());

        var resident = await SeenBy("demo-resident");
        Assert.Empty(resident.Signups);
        Assert.Empty(resident.Units);
        Assert.Empty(resident.Resources);
        Assert.Empty(resident.Wishes);
        Assert.Empty((await SeenBy("demo-sysadmin")).Units);
    }

    private sealed record View(List<Guid> Signups, List<Guid> Pairings, List<Guid> Needs, List<Guid> Resources, List<Guid> Units, List<Guid> Wishes);

    private Task<View> SeenBy(string userName) => _app.AsSystemAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        var principal = await sp.GetRequiredService<LoginService>().BuildPrincipalAsync(user, await users.GetRolesAsync(user), "test", false, default);
        using var scope = sp.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(principal);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return new View(
            await db.ActivitySignups.Where(s => s.Name == "me" || s.Name == "other").Select(s => s.Id).ToListAsync(),
            await db.CoBuildingPairings.Where(p => p.Note == TestNote).Select(p => p.Id).ToListAsync(),
            await db.CommunityNeeds.Where(n => n.Item == "scope test need").Select(n => n.Id).ToListAsync(),
            await db.UnitResources.Where(r => r.Item == "scope test resource").Select(r => r.Id).ToListAsync(),
            await db.CoBuildingUnits.Select(u => u.Id).ToListAsync(),
            await db.Wishes.Where(w => w.Title == "scope test").Select(w => w.Id).ToListAsync());
    });
}

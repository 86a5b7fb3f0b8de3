using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Grids.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Protection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Care;

/// <summary>
/// Arranges the people, grids and accounts a care test needs, straight through the database as the system, so the
/// tests do not depend on which demo people the grid seed makes; and speaks the care API like a client.
/// </summary>
public sealed class CareWorld(JicengAppFactory app)
{
    public const string Tuanjie = "230725100001";
    public const string Yuxi = "230725100002";
    public const string Password = "Jc#Visit-2026xyz";

    private readonly Dictionary<string, HttpClient> _clients = [];

    /// <summary>Signs everyone in again (after moving the clock past the idle timeout).</summary>
    public void SignInAgain() => _clients.Clear();

    public async Task<HttpClient> As(string user)
    {
        if (!_clients.TryGetValue(user, out var client))
        {
            client = await app.ClientForAsync(user, user.StartsWith("demo-", StringComparison.Ordinal) ? JicengAppFactory.DemoPassword : Password);
            _clients[user] = client;
        }
        return client;
    }

    public async Task<HttpResponseMessage> GetAsync(string user, string url) => await (await As(user)).GetAsync(url);

    public async Task<JsonElement> GetOkAsync(string user, string url) => await (await GetAsync(user, url)).ReadOkAsync<JsonElement>();

    public async Task<HttpResponseMessage> PostAsync(string user, string url, object body) => await (await As(user)).PostAsJsonAsync(url, body);

    public async Task<JsonElement> PostOkAsync(string user, string url, object body) => await (await PostAsync(user, url, body)).ReadOkAsync<JsonElement>();

    private Task<T> System<T>(Func<AppDbContext, Task<T>> work) => app.AsSystemAsync(sp => work(sp.GetRequiredService<AppDbContext>()));

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    public Task<Guid> GridAsync(string community, string? name = null) => System(async db =>
    {
        var path = await db.Divisions.Where(d => d.Code == community).Select(d => d.Path).SingleAsync();
        var grid = new Grid(community, path, name ?? "测试网格" + Guid.NewGuid().ToString("N")[..6], Now);
        db.Grids.Add(grid);
        await db.SaveChangesAsync();
        return grid.Id;
    });

    /// <summary>A person of a community, optionally in a grid, with key group tags (tagged at <paramref name="taggedUtc"/>, default now), roles and an account.</summary>
    public Task<Guid> PersonAsync(string community, string name, Guid? gridId = null, IEnumerable<string>? tags = null, DateTime? taggedUtc = null,
        string? phone = null, Guid? userId = null, IEnumerable<PersonRoleKind>? roles = null) => System(async db =>
    {
        var path = await db.Divisions.Where(d => d.Code == community).Select(d => d.Path).SingleAsync();
        var person = new Person(community, path, Now) { GridId = gridId, UserId = userId };
        person.SetName(name, DateOnly.FromDateTime(Now));
        if (phone is not null) person.SetPhone(phone, PersonalData.Protector);
        db.People.Add(person);
        foreach (var tag in tags ?? []) db.PersonTags.Add(new PersonTag(person.Id, tag, taggedUtc ?? Now));
        foreach (var role in roles ?? []) db.PersonRoles.Add(new PersonRole(person, role, Now));
        await db.SaveChangesAsync();
        return person.Id;
    });

    public Task AssignAsync(Guid gridId, Guid personId, GridWorkerType type = GridWorkerType.PartTime) => System(async db =>
    {
        var grid = await db.Grids.SingleAsync(g => g.Id == gridId);
        db.GridWorkers.Add(new GridWorkerAssignment(grid, personId, type, Now));
        await db.SaveChangesAsync();
        return true;
    });

    public Task EraseAsync(Guid personId) => System(async db =>
    {
        var person = await db.People.SingleAsync(p => p.Id == personId);
        person.Erase(Now);
        await db.SaveChangesAsync();
        return true;
    });

    /// <summary>A fresh account (e.g. a helper's), so its inbox holds only what the test caused.</summary>
    public Task<Guid> AccountAsync(string userName, string role = Roles.PartyMember, string? division = null) => app.AsSystemAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { Id = Guid.NewGuid(), UserName = userName, DisplayName = userName, DivisionCode = division, LockoutEnabled = true, CreatedUtc = Now };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user.Id;
    });

    public Task<Guid> UserIdAsync(string userName) => System(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    public Task<List<(string Title, string Body)>> NotificationsAsync(Guid userId, string title) => System(async db =>
        (await db.Set<Jiceng.Web.Modules.Notifications.Notification>().AsNoTracking().Where(n => n.UserId == userId && n.Title == title)
            .Select(n => new { n.Title, n.Body }).ToListAsync()).Select(n => (n.Title, n.Body)).ToList());

    public Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> work) => System(work);
}

using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.CoBuilding.Domain;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.CoBuilding;

/// <summary>Arranges units and unit accounts straight through the database as the system, and speaks the co-building API like a client.</summary>
public sealed class CoBuildingWorld(JicengAppFactory app)
{
    public const string Tuanjie = "230725100001";
    public const string Yuxi = "230725100002";
    public const string Password = "Jc#Unit-2026xyz";
    public const string Api = "/api/v1/cobuilding";

    private readonly Dictionary<string, HttpClient> _clients = [];

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

    public async Task<HttpResponseMessage> GetAsync(string user, string url) => await (await As(user)).GetAsync(Api + url);
    public async Task<JsonElement> GetOkAsync(string user, string url) => await (await GetAsync(user, url)).ReadOkAsync<JsonElement>();
    public async Task<HttpResponseMessage> PostAsync(string user, string url, object? body = null) => await (await As(user)).PostAsJsonAsync(Api + url, body ?? new { });
    public async Task<JsonElement> PostOkAsync(string user, string url, object? body = null) => await (await PostAsync(user, url, body)).ReadOkAsync<JsonElement>();
    public async Task<HttpResponseMessage> PutAsync(string user, string url, object body) => await (await As(user)).PutAsJsonAsync(Api + url, body);

    public async Task<HttpResponseMessage> PostWithIfMatchAsync(string user, string url, object body, int version)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Api + url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return await (await As(user)).SendAsync(request);
    }

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    /// <summary>A fresh unit of the demo county, and an account bound to it; returns (unit id, account name, account id).</summary>
    public Task<(Guid Unit, string Account, Guid AccountId)> UnitWithAccountAsync(string name) => app.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var county = await db.Divisions.Where(d => d.Level == DivisionLevel.County && d.Code == Tuanjie.Substring(0, 6)).Select(d => new { d.Code, d.Path }).SingleAsync();
        var unit = new CoBuildingUnit(county.Code, county.Path, name + Guid.NewGuid().ToString("N")[..6], UnitKind.StateEnterprise, Now);
        db.CoBuildingUnits.Add(unit);
        await db.SaveChangesAsync();
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var account = "unit-" + Guid.NewGuid().ToString("N")[..10];
        var user = new AppUser { Id = Guid.NewGuid(), UserName = account, DisplayName = name, UnitId = unit.Id, LockoutEnabled = true, CreatedUtc = Now };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, Roles.CoBuildingUnit);
        return (unit.Id, account, user.Id);
    });

    /// <summary>A unit actively paired with a community by the community's staff.</summary>
    public async Task<(Guid Unit, string Account, Guid Pairing)> PairedUnitAsync(string name, string community = Tuanjie, string staff = "demo-community-a")
    {
        var (unit, account, _) = await UnitWithAccountAsync(name);
        var pairing = await PostOkAsync(staff, "/pairings", new { divisionCode = community, unitId = unit });
        Assert.Equal("active", pairing.GetProperty("status").GetString());
        return (unit, account, pairing.GetProperty("id").GetGuid());
    }

    public Task<Guid> UserIdAsync(string userName) => app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    public Task<List<string>> NotificationsAsync(Guid userId, string title) => app.AsSystemAsync(async sp =>
        await sp.GetRequiredService<AppDbContext>().Set<Jiceng.Web.Modules.Notifications.Notification>().AsNoTracking()
            .Where(n => n.UserId == userId && n.Title == title).Select(n => n.Body).ToListAsync());

    public static List<Guid> Ids(JsonElement array) => array.EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList();
}

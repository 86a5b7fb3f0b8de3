using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Wishes;

/// <summary>Speaks the wish API like a client would, with the demo accounts.</summary>
public sealed class WishWorld(JicengAppFactory app)
{
    public const string Tuanjie = "230725100001";
    public const string Yuxi = "230725100002";
    private readonly Dictionary<string, HttpClient> _clients = [];

    /// <summary>Signs everyone in again (after the clock moved past the idle timeout).</summary>
    public void SignInAgain() => _clients.Clear();

    public async Task<HttpClient> As(string user)
    {
        if (!_clients.TryGetValue(user, out var client))
        {
            client = await app.ClientForAsync(user);
            _clients[user] = client;
        }
        return client;
    }

    public async Task<HttpResponseMessage> PostAsync(string user, object body) => await (await As(user)).PostAsJsonAsync("/api/v1/wishes", body);

    /// <summary>A resident's wish, waiting for review.</summary>
    public async Task<Guid> PendingAsync(string user = "demo-resident", string division = Tuanjie, string title = "想要一辆轮椅", string? phone = "13912345678",
        string? name = "张秀兰", bool showName = true)
    {
        var response = await PostAsync(user, new
        {
            title, description = "老伴腿脚不便，想要一辆轻便轮椅出门晒太阳。", divisionCode = division, category = "elderly_disabled", budgetEstimate = 680m,
            showWisherName = showName, wisherName = name, wisherPhone = phone,
        });
        return (await response.ReadOkAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A wish on the wall of <paramref name="division"/> (approved by that community's staff).</summary>
    public async Task<Guid> OnWallAsync(string division = Tuanjie, string title = "想要一辆轮椅")
    {
        var id = await PendingAsync(division: division, title: title);
        await DoAsync(division == Tuanjie ? "demo-community-a" : "demo-community-b", id, "approve");
        return id;
    }

    public async Task<HttpResponseMessage> ActAsync(string user, Guid id, string action, object? body = null) =>
        await (await As(user)).PostAsJsonAsync($"/api/v1/wishes/{id}/{action}", body ?? new { });

    public async Task<JsonElement> DoAsync(string user, Guid id, string action, object? body = null) =>
        await (await ActAsync(user, id, action, body)).ReadOkAsync<JsonElement>();

    public async Task<JsonElement> GetAsync(string user, Guid id) => await (await (await As(user)).GetAsync($"/api/v1/wishes/{id}")).ReadOkAsync<JsonElement>();

    public async Task<JsonElement> WallAsync(string division = Tuanjie, string query = "") =>
        await (await app.CreateClient().GetAsync($"/api/v1/wishes?division={division}&pageSize=100{query}")).ReadOkAsync<JsonElement>();

    public async Task<JsonElement?> OnWallItemAsync(Guid id, string division = Tuanjie) =>
        (await WallAsync(division)).GetProperty("items").EnumerateArray().Where(i => i.GetProperty("id").GetGuid() == id).Cast<JsonElement?>().FirstOrDefault();

    public Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> work) => app.AsSystemAsync(sp => work(sp.GetRequiredService<AppDbContext>()));

    /// <summary>A fresh party-member account (its own sign-in), for many claimants at once.</summary>
    public Task<string> MemberAccountAsync(string userName) => app.AsSystemAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { Id = Guid.NewGuid(), UserName = userName, DisplayName = "党员" + userName, LockoutEnabled = true, CreatedUtc = DateTime.UtcNow };
        var created = await users.CreateAsync(user, JicengAppFactory.DemoPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, Roles.PartyMember);
        return userName;
    });
}

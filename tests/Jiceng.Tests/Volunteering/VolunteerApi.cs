using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Volunteering;

/// <summary>Speaks the volunteering API like a client: signed-in clients per account, activities, extra volunteer accounts.</summary>
public sealed class VolunteerApi(JicengAppFactory app)
{
    public const string Tuanjie = "230725100001";
    public const string Yuxi = "230725100002";
    public const string Base = "/api/v1/volunteering";

    private readonly Dictionary<string, HttpClient> _clients = [];

    public DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    /// <summary>Forgets the signed-in clients (after the clock moved past the idle timeout).</summary>
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

    public async Task<HttpResponseMessage> PostAsync(string user, string path, object? body = null) =>
        await (await As(user)).PostAsJsonAsync(Base + path, body ?? new { });

    public async Task<HttpResponseMessage> GetAsync(string user, string path) => await (await As(user)).GetAsync(Base + path);

    public async Task<JsonElement> CreateActivityAsync(string user = "demo-community-a", string division = Tuanjie, int capacity = 10,
        DateTime? start = null, TimeSpan? length = null, string title = "爱心义剪暖夕阳")
    {
        var from = start ?? Now.AddDays(2);
        var response = await PostAsync(user, "/activities", new
        {
            divisionCode = division, title, theme = "爱心义剪", place = "团结社区党群服务中心", startUtc = from, endUtc = from + (length ?? TimeSpan.FromHours(2)),
            capacity, requiredSkills = "理发",
        });
        return await response.ReadOkAsync<JsonElement>();
    }

    public async Task<HttpResponseMessage> SignUpAsync(string user, Guid activity) => await PostAsync(user, $"/activities/{activity}/signups");

    /// <summary>A fresh volunteer account (its own data, signed in on demand).</summary>
    public Task<string> VolunteerAccountAsync(string prefix = "vol") => app.AsSystemAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var name = $"{prefix}-{Guid.NewGuid():N}"[..20];
        var user = new AppUser { Id = Guid.NewGuid(), UserName = name, DisplayName = "志愿者" + name[^4..], LockoutEnabled = true, CreatedUtc = Now };
        var created = await users.CreateAsync(user, JicengAppFactory.DemoPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, Roles.Volunteer);
        return name;
    });

    public static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();
}

using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.ServiceHall;

/// <summary>Speaks the service hall API like a client would, with the demo accounts.</summary>
public sealed class ServiceHallWorld(JicengAppFactory app)
{
    public const string Tuanjie = "230725100001";
    public const string Yuxi = "230725100002";
    public const string County = "230725";
    private readonly Dictionary<string, HttpClient> _clients = [];

    /// <summary>Monday 7 September 2026, 09:00 China time: an ordinary working week, the weekend after it.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 9, 7, 1, 0, 0, TimeSpan.Zero);

    public static Dictionary<string, string> QuietSettings => new()
    {
        ["ServiceHall:AppointmentReminderEnabled"] = "false", ["Wishes:ClaimExpiryEnabled"] = "false", ["Care:VisitReminderMonitorEnabled"] = "false",
        ["Cases:DeadlineMonitorEnabled"] = "false", ["Notifications:DispatcherEnabled"] = "false",
    };

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

    public async Task<HttpResponseMessage> PostAsync(string user, string url, object? body = null, int? ifMatch = null)
    {
        var client = await As(user);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body ?? new { }) };
        if (ifMatch is { } v) request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        return await client.SendAsync(request);
    }

    public async Task<JsonElement> PostOkAsync(string user, string url, object? body = null) => await (await PostAsync(user, url, body)).ReadOkAsync<JsonElement>();

    public async Task<JsonElement> GetOkAsync(string user, string url) => await (await (await As(user)).GetAsync(url)).ReadOkAsync<JsonElement>();

    public async Task<JsonElement> CatalogueAsync(string division = Tuanjie) =>
        await (await app.CreateClient().GetAsync($"/api/v1/service-items?division={division}")).ReadOkAsync<JsonElement>();

    public async Task<Guid> ItemIdAsync(string name, string division = Tuanjie) =>
        (await CatalogueAsync(division)).EnumerateArray().Single(i => i.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();

    /// <summary>A slot staff publish for a bookable item (China local date and times).</summary>
    public async Task<Guid> SlotAsync(Guid itemId, DateOnly date, string start, string end, int capacity, string staff = "demo-community-a")
    {
        var slot = await (await PostAsync(staff, $"/api/v1/service-items/{itemId}/slots", new { date, start, end, capacity })).ReadOkAsync<JsonElement>();
        return slot.GetProperty("id").GetGuid();
    }

    public Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> work) => app.AsSystemAsync(sp => work(sp.GetRequiredService<AppDbContext>()));

    /// <summary>A fresh resident account (its own sign-in), for many bookers at once.</summary>
    public Task<string> ResidentAccountAsync(string userName) => app.AsSystemAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { Id = Guid.NewGuid(), UserName = userName, DisplayName = "居民" + userName, LockoutEnabled = true, CreatedUtc = DateTime.UtcNow };
        var created = await users.CreateAsync(user, JicengAppFactory.DemoPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, Roles.Resident);
        return userName;
    });
}

public static class ServiceHallAssertions
{
    public static async Task AssertStatusAsync(this HttpResponseMessage response, System.Net.HttpStatusCode status) =>
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
}

/// <summary>One app for the tests that keep the clock on Monday morning (a fresh app per class, not per test).</summary>
public sealed class ServiceHallApp : JicengAppFactory, IAsyncLifetime
{
    public ServiceHallApp()
    {
        Start = ServiceHallWorld.Monday;
        // The console test looks at the demo's help order handed to a department, which files a case.
        Settings = new Dictionary<string, string>(ServiceHallWorld.QuietSettings) { ["Demo:SeedCases"] = "true" };
    }

    public ValueTask InitializeAsync()
    {
        _ = Server; // start once, before tests use it
        return ValueTask.CompletedTask;
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;

namespace Jiceng.Tests.Centres;

/// <summary>Speaks the centres API like a client: signed-in clients per demo account, rooms, bookings, China-time helpers.</summary>
public sealed class CentresWorld(JicengAppFactory app)
{
    public const string Tuanjie = "230725100001";
    public const string Yuxi = "230725100002";
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    private readonly Dictionary<string, HttpClient> _clients = [];

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

    public static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    /// <summary>The China calendar day of the app's clock, plus some days.</summary>
    public DateOnly Day(int plus = 0) => DateOnly.FromDateTime((app.Clock.GetUtcNow() + China).DateTime).AddDays(plus);

    /// <summary>A China-local moment on a day relative to today, with its +08:00 offset (as a client sends it).</summary>
    public DateTimeOffset At(int dayPlus, int hour, int minute = 0) => new(Day(dayPlus).ToDateTime(new TimeOnly(hour, minute)), China);

    public async Task<JsonElement> CreateRoomAsync(string name, bool approval = false, int cancelHours = 2, int maxDays = 14, int maxMinutes = 240,
        string division = Tuanjie, string user = "demo-community-a", bool openOnRestDays = true)
    {
        var response = await (await As(user)).PostAsJsonAsync("/api/v1/rooms", new
        {
            divisionCode = division, name, capacity = 20, requiresApproval = approval, cancelHoursBefore = cancelHours, maxDaysAhead = maxDays,
            maxMinutes, openFrom = "08:30", openTo = "20:30", openOnRestDays,
        });
        return await response.ReadOkAsync<JsonElement>();
    }

    public async Task<HttpResponseMessage> BookAsync(string user, Guid room, DateTimeOffset start, DateTimeOffset end, string purpose = "居民议事会", string? groupName = null) =>
        await (await As(user)).PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", new { start, end, purpose, groupName });

    public static Task<HttpResponseMessage> BookWith(HttpClient client, Guid room, DateTimeOffset start, DateTimeOffset end) =>
        client.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", new { start, end, purpose = "楼栋议事" });

    public async Task<HttpResponseMessage> PostAsync(string user, string path, object? body = null, int? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        return await (await As(user)).SendAsync(request);
    }

    public async Task<HttpResponseMessage> GetAsync(string user, string path) => await (await As(user)).GetAsync(path);
}

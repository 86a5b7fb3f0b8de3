using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Grids;

/// <summary>Its own app (fresh demo database) for the grid tests that change grids, so shared demo data stays as seeded.</summary>
public sealed class GridsApp : JicengAppFactory, IAsyncLifetime
{
    public ValueTask InitializeAsync()
    {
        _ = Server;
        return ValueTask.CompletedTask;
    }
}

/// <summary>Speaks the grid API like a client, and arranges people the way the residents module would.</summary>
public sealed class GridApi(JicengAppFactory app)
{
    public const string Tuanjie = "230725100001";
    public const string Yuxi = "230725100002";
    public const string Yongsheng = "230725100003";

    private readonly Dictionary<string, HttpClient> _clients = [];
    private static int _area;

    public async Task<HttpClient> As(string user)
    {
        if (!_clients.TryGetValue(user, out var client))
        {
            client = await app.ClientForAsync(user);
            _clients[user] = client;
        }
        return client;
    }

    public async Task<List<JsonElement>> ListAsync(string user, string division) =>
        (await (await (await As(user)).GetAsync($"/api/v1/grids?division={division}")).ReadOkAsync<JsonElement>()).EnumerateArray().ToList();

    public async Task<JsonElement> GridAsync(string user, string division, string name) =>
        (await ListAsync(user, division)).Single(g => g.GetProperty("name").GetString() == name);

    public async Task<HttpResponseMessage> PostGridAsync(string user, object body) =>
        await (await As(user)).PostAsJsonAsync("/api/v1/grids", body);

    public async Task<JsonElement> CreateGridAsync(string user, string division, string name, string? boundary = null) =>
        await (await PostGridAsync(user, new { divisionCode = division, name, boundary = boundary is null ? (JsonElement?)null : JsonDocument.Parse(boundary).RootElement }))
            .ReadOkAsync<JsonElement>();

    public async Task<HttpResponseMessage> PutBoundaryAsync(string user, Guid grid, string geoJson, int? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/grids/{grid}/boundary") { Content = new StringContent(geoJson, Encoding.UTF8, "application/geo+json") };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        return await (await As(user)).SendAsync(request);
    }

    public async Task<HttpResponseMessage> AssignAsync(string user, Guid grid, Guid person, string type) =>
        await (await As(user)).PostAsJsonAsync($"/api/v1/grids/{grid}/workers", new { personId = person, type });

    /// <summary>A rectangle of its own far from the demo grids (each call a new one), so tests never overlap each other.</summary>
    public static string FreshSquare(out (double Lat, double Lng) inside)
    {
        var n = Interlocked.Increment(ref _area);
        var west = Math.Round(129.10 + n * 0.01, 4);
        inside = (47.105, Math.Round(west + 0.005, 4));
        return Square(west, 47.10, Math.Round(west + 0.01, 4), 47.11);
    }

    public static string Square(double west, double south, double east, double north) =>
        string.Create(CultureInfo.InvariantCulture,
            $$"""{"type":"Polygon","coordinates":[[[{{west}},{{south}}],[{{east}},{{south}}],[{{east}},{{north}}],[{{west}},{{north}}],[{{west}},{{south}}]]]}""");

    private static int _people;

    /// <summary>Adds a person record in a community (as the residents module would), with roles; returns its id.</summary>
    public async Task<Guid> PersonAsync(string division, string name, params PersonRoleKind[] roles) =>
        await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var community = await db.Divisions.SingleAsync(d => d.Code == division);
            var now = DateTime.UtcNow;
            var person = new Person(community.Code, community.Path, now);
            var today = DateOnly.FromDateTime(now);
            var n = Interlocked.Increment(ref _people);
            var first17 = string.Create(CultureInfo.InvariantCulture, $"230725{today.AddYears(-30 - n % 20).AddDays(-n):yyyyMMdd}{(500 + n) % 1000:000}");
            person.SetName(name, today);
            person.SetIdNumber(first17 + ChineseIdNumber.CheckCharacter(first17), PersonalData.Protector, today);
            db.People.Add(person);
            foreach (var role in roles) db.PersonRoles.Add(new PersonRole(person, role, now));
            await db.SaveChangesAsync();
            return person.Id;
        });
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Grids.Domain;
using Jiceng.Web.Platform.Protection;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Residents;

/// <summary>Speaks the residents API like a client; makes valid, unique ID numbers and phones for each test.</summary>
public sealed class ResidentsApi(JicengAppFactory app)
{
    public const string Tuanjie = "230725100001";
    public const string Yuxi = "230725100002";
    /// <summary>永胜社区 and 铁南社区: no demo account and no demo people, so counts there change only by the test that uses them.</summary>
    public const string Yongsheng = "230725100003";
    public const string Tienan = "230725100004";

    private static int _sequence = Random.Shared.Next(0, 500_000);
    private readonly Dictionary<string, HttpClient> _clients = [];

    public async Task<HttpClient> As(string user)
    {
        if (!_clients.TryGetValue(user, out var client))
        {
            client = await app.ClientForAsync(user);
            _clients[user] = client;
        }
        return client;
    }

    /// <summary>
    /// A valid ID number nobody else in the run has: the birth day and the sequence number come from one counter.
    /// The two forms use separate sequence ranges (given year: 500-999, any year: 0-499), so one cannot repeat the other's
    /// number on a shared birth day; the demo people's sequences (100-311) meet neither for a given year.
    /// </summary>
    public static string NewIdNumber(int birthYear = 0)
    {
        var n = Interlocked.Increment(ref _sequence);
        var birth = birthYear > 0
            ? new DateOnly(birthYear, 1, 1).AddDays(n % 365)
            : new DateOnly(1940, 1, 1).AddDays(n % 21_900); // 60 years of days
        var sequence = birthYear > 0 ? 500 + n / 365 % 500 : n / 21_900 % 500;
        var first17 = $"230725{birth:yyyyMMdd}{sequence:D3}";
        return first17 + ChineseIdNumber.CheckCharacter(first17);
    }

    public static string NewPhone() => $"139{Interlocked.Increment(ref _sequence) % 100_000_000:D8}";

    /// <summary>A name no other test uses (for searches).</summary>
    public static string NewName(string family = "测") => family + "试" + Guid.NewGuid().ToString("N")[..6];

    public async Task<HttpResponseMessage> PostAsync(string user, object body) =>
        await (await As(user)).PostAsJsonAsync("/api/v1/residents", body);

    public async Task<JsonElement> CreateAsync(string user = "demo-community-a", string division = Tuanjie, string? name = null, string? idNumber = null,
        string? phone = null, string? address = null, string[]? tags = null, string? healthNote = null, string? welfareNote = null,
        Guid? buildingId = null, int? unitNo = null, string? room = null, Guid? gridId = null)
    {
        var response = await PostAsync(user, new
        {
            name = name ?? NewName(), idNumber = idNumber ?? NewIdNumber(), phone = phone ?? NewPhone(), divisionCode = division, address, tags,
            healthNote, welfareNote, buildingId, unitNo, room, gridId,
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.ReadOkAsync<JsonElement>();
    }

    public async Task<HttpResponseMessage> GetAsync(string user, string url) => await (await As(user)).GetAsync(url);

    public async Task<JsonElement> GetOkAsync(string user, string url) => await (await GetAsync(user, url)).ReadOkAsync<JsonElement>();

    public async Task<HttpResponseMessage> SendAsync(string user, HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await (await As(user)).SendAsync(request);
    }

    public async Task<List<Guid>> ListIdsAsync(string user, string query)
    {
        var page = await GetOkAsync(user, "/api/v1/residents?pageSize=200&" + query);
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
    }

    public async Task<HttpResponseMessage> ImportAsync(string user, byte[] workbook, string? division = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", "residents.xlsx");
        return await (await As(user)).PostAsync("/api/v1/residents/import" + (division is null ? "" : "?division=" + division), form);
    }

    public static byte[] Workbook(IEnumerable<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }

    /// <summary>The first sheet of a workbook as rows keyed by its header row.</summary>
    public static List<IDictionary<string, object?>> ReadWorkbook(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        return stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
    }

    /// <summary>A grid with one building in a community, arranged straight in the database (grids are another module's screens).</summary>
    public async Task<(Guid GridId, string GridName, Guid BuildingId, string BuildingName)> GridWithBuildingAsync(string community = Tuanjie)
    {
        return await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var path = await db.Divisions.Where(d => d.Code == community).Select(d => d.Path).SingleAsync();
            var suffix = Guid.NewGuid().ToString("N")[..6];
            var grid = new Grid(community, path, "测试网格" + suffix, DateTime.UtcNow);
            var building = new Building(grid, suffix + "号楼", 4, 6, DateTime.UtcNow) { Compound = "测试小区" };
            db.Grids.Add(grid);
            db.Buildings.Add(building);
            await db.SaveChangesAsync();
            return (grid.Id, grid.Name, building.Id, building.DisplayName);
        });
    }
}

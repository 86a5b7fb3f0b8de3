using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Demo;
using Jiceng.Web.Modules.Residents.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Market;

/// <summary>The market test classes share one app (one demo seed), and run one after the other.</summary>
[CollectionDefinition(MarketApp.Collection)]
public sealed class MarketCollection : ICollectionFixture<MarketApp>;

/// <summary>One app for the market tests (Mon 7 Dec 2026, 09:00 in China), and helpers that speak the market API like a client.</summary>
public sealed class MarketApp : IAsyncLifetime
{
    public const string Collection = "market";
    public static readonly DateOnly Today = new(2026, 12, 7);
    public JicengAppFactory App { get; } = new() { Start = new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero) };
    private readonly Dictionary<string, HttpClient> _clients = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _dayOffset;

    public ValueTask InitializeAsync()
    {
        _ = App.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    public async Task<HttpClient> As(string user)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_clients.TryGetValue(user, out var client))
            {
                client = await App.ClientForAsync(user);
                _clients[user] = client;
            }
            return client;
        }
        finally
        {
            _gate.Release();
        }
    }

    public static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    public async Task<HttpResponseMessage> PostAsync(string user, string url, object body, int? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        return await (await As(user)).SendAsync(request);
    }

    public async Task<JsonElement> PostOkAsync(string user, string url, object body) => await (await PostAsync(user, url, body)).ReadOkAsync<JsonElement>();

    public async Task<JsonElement> GetOkAsync(string user, string url) => await (await (await As(user)).GetAsync(url)).ReadOkAsync<JsonElement>();

    public Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> work) => App.AsSystemAsync(sp => work(sp.GetRequiredService<AppDbContext>()));

    public Task<Guid> MarketIdAsync(string name) => QueryAsync(db => db.Markets.Where(m => m.Name == name).Select(m => m.Id).SingleAsync());

    public Task<Guid> YinzhouAsync() => MarketIdAsync(MarketDemoSeeder.YinzhouMarketName);

    /// <summary>A new open market day of the 银州 market (each call a later date, so tests do not share days).</summary>
    public async Task<(Guid Day, DateOnly Date)> OpenDayAsync(Guid market)
    {
        var date = Today.AddDays(30 + Interlocked.Increment(ref _dayOffset));
        var day = Id(await PostOkAsync("demo-market", $"/api/v1/market/markets/{market}/days", new { date, theme = "测试大集" }));
        await PostOkAsync("demo-market", $"/api/v1/market/markets/{market}/days/{day}/open", new { });
        return (day, date);
    }

    /// <summary>An admitted vendor of the market.</summary>
    public async Task<Guid> AdmittedVendorAsync(Guid market, string name, string kind = "chamberMember", string? licence = null)
    {
        var vendor = Id(await PostOkAsync("demo-market", $"/api/v1/market/markets/{market}/vendors", new
        {
            name, kind, contactName = "测试联系人", contactPhone = "13800001111", licenceNo = licence, goodsCategories = "米面粮油",
        }));
        await PostOkAsync("demo-market", $"/api/v1/market/markets/{market}/vendors/{vendor}/admit", new { stallNo = "T" + name.Length });
        return vendor;
    }

    /// <summary>A person of 青年社区 (in demo-market's scope) with the given tags and birth date.</summary>
    public Task<Guid> PersonAsync(string name, DateOnly? birth, params string[] tags) => QueryAsync(async db =>
    {
        var community = await db.Divisions.SingleAsync(d => d.Code == MarketDemoSeeder.QingnianCommunity);
        var person = new Person(community.Code, community.Path, DateTime.UtcNow);
        person.SetName(name, Today);
        person.SetBirthDate(birth, Today);
        person.Address = "文化新村9号楼1单元301";
        db.People.Add(person);
        foreach (var tag in tags) db.PersonTags.Add(new PersonTag(person.Id, tag, DateTime.UtcNow));
        await db.SaveChangesAsync();
        return person.Id;
    });
}

using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Care;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Residents.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.ElderlyChildren;

/// <summary>Arranges people with birth dates and tags straight in the database, and speaks the module's API like a client.</summary>
public sealed class ElderlyWorld(JicengAppFactory app)
{
    public const string Tuanjie = CareWorld.Tuanjie;
    public const string Yuxi = CareWorld.Yuxi;

    public CareWorld Care { get; } = new(app);

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    public Task<HttpResponseMessage> GetAsync(string user, string url) => Care.GetAsync(user, url);
    public Task<JsonElement> GetOkAsync(string user, string url) => Care.GetOkAsync(user, url);
    public Task<HttpResponseMessage> PostAsync(string user, string url, object body) => Care.PostAsync(user, url, body);
    public Task<JsonElement> PostOkAsync(string user, string url, object body) => Care.PostOkAsync(user, url, body);

    /// <summary>Any request, with an If-Match header when given (the edits and deactivations).</summary>
    public async Task<HttpResponseMessage> SendAsync(string user, HttpMethod method, string url, object? body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await (await Care.As(user)).SendAsync(request);
    }

    public async Task<JsonElement> PutOkAsync(string user, string url, object body) =>
        await (await (await Care.As(user)).PutAsJsonAsync(url, body)).ReadOkAsync<JsonElement>();

    /// <summary>A person of a community born on <paramref name="birth"/>, with key group tags and maybe an account.</summary>
    public Task<Guid> PersonAsync(string community, string name, DateOnly? birth, IEnumerable<string>? tags = null, Guid? userId = null) =>
        app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var path = await db.Divisions.Where(d => d.Code == community).Select(d => d.Path).SingleAsync();
            var today = DateOnly.FromDateTime(Now);
            var person = new Person(community, path, Now) { UserId = userId };
            person.SetName(name, today);
            person.SetBirthDate(birth, today);
            db.People.Add(person);
            foreach (var tag in tags ?? []) db.PersonTags.Add(new PersonTag(person.Id, tag, Now));
            await db.SaveChangesAsync();
            return person.Id;
        });

    public async Task<Guid> CanteenAsync(string user, string community, string name)
    {
        var canteen = await PostOkAsync(user, "/api/v1/canteens", new { divisionCode = community, name, place = "社区党群服务中心一楼", mealTimes = "午餐 11:00–12:30" });
        return canteen.GetProperty("id").GetGuid();
    }

    /// <summary>The demo rule table: 80+ / 低保 / 特困 pay 5 of 15 元 (government 6, community 4); 60–79 pay 10 (3 + 2).</summary>
    public Task<JsonElement> DemoRulesAsync(string user, Guid canteen) => PutOkAsync(user, $"/api/v1/canteens/{canteen}/rules", new
    {
        bands = new object[]
        {
            new { label = "80岁及以上", minAge = 80, kind = "fixedFen", governmentShare = 600, communityShare = 400 },
            new { label = "低保", status = "dibao", kind = "fixedFen", governmentShare = 600, communityShare = 400 },
            new { label = "特困", status = "tekun", kind = "fixedFen", governmentShare = 600, communityShare = 400 },
            new { label = "60–79岁", minAge = 60, maxAge = 79, kind = "fixedFen", governmentShare = 300, communityShare = 200 },
        },
    });

    public async Task<Guid> MealAsync(string user, Guid canteen, DateOnly date, string servedFrom = "11:00", long priceFen = 1500, string meal = "lunch")
    {
        var item = await PostOkAsync(user, $"/api/v1/canteens/{canteen}/menu",
            new { date, meal, servedFrom, title = "午餐套餐", dishes = "红烧肉、清炒时蔬、米饭、紫菜蛋花汤", priceFen });
        return item.GetProperty("id").GetGuid();
    }

    public Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> work) => Care.QueryAsync(work);
}

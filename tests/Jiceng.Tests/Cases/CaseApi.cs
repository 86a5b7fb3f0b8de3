using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Cases;

/// <summary>Small helpers that speak the case API like a client would.</summary>
public sealed class CaseApi(JicengAppFactory app)
{
    public const string Tuanjie = "230725100001";
    public const string Yuxi = "230725100002";

    private readonly Dictionary<string, HttpClient> _clients = [];

    /// <summary>Signs everyone in again (after moving the clock past the idle timeout).</summary>
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

    public async Task<JsonElement> CreateAsync(string user = "demo-resident", string division = Tuanjie, string category = "roads",
        string? phone = null, string? name = null, string? address = null, string? idempotencyKey = null)
    {
        var response = await PostCreateAsync(user, division, category, phone, name, address, idempotencyKey);
        return await response.ReadOkAsync<JsonElement>();
    }

    public async Task<HttpResponseMessage> PostCreateAsync(string user, string division = Tuanjie, string category = "roads",
        string? phone = null, string? name = null, string? address = null, string? idempotencyKey = null, string description = "单元门口路面塌陷，老人出行不便")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases")
        {
            Content = JsonContent.Create(new
            {
                categoryCode = category, description, divisionCode = division,
                reporterPhone = phone, reporterName = name, address,
            }),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await (await As(user)).SendAsync(request);
    }

    /// <summary>A report through a given client (e.g. one of many signed in at once), with an Idempotency-Key.</summary>
    public Task<HttpResponseMessage> PostWith(HttpClient client, string idempotencyKey, string division = Tuanjie)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases")
        {
            Content = JsonContent.Create(new { categoryCode = "roads", description = "巡查发现井盖缺失，存在安全隐患", divisionCode = division }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> ActAsync(string user, long id, string action, object? body = null, int? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/{action}") { Content = JsonContent.Create(body ?? new { }) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        return await (await As(user)).SendAsync(request);
    }

    public async Task<JsonElement> DoAsync(string user, long id, string action, object? body = null) =>
        await (await ActAsync(user, id, action, body)).ReadOkAsync<JsonElement>();

    public async Task<JsonElement> GetAsync(string user, long id) => await (await (await As(user)).GetAsync($"/api/v1/cases/{id}")).ReadOkAsync<JsonElement>();

    public async Task<Guid> DepartmentAsync(string shortCode) =>
        await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Departments.Where(d => d.ShortCode == shortCode).Select(d => d.Id).SingleAsync());

    /// <summary>Walks a new case to the given point of the loop with the demo accounts.</summary>
    public async Task<long> CaseAtAsync(string stage)
    {
        var id = (await CreateAsync()).GetProperty("id").GetInt64();
        if (stage == "submitted") return id;
        await DoAsync("demo-community-a", id, "accept");
        if (stage == "accepted") return id;
        await DoAsync("demo-street", id, "dispatch", new { leadDepartmentId = await DepartmentAsync("ZJJ") });
        if (stage == "dispatched") return id;
        await DoAsync("demo-dept", id, "claim");
        if (stage == "inProgress") return id;
        await DoAsync("demo-dept", id, "resolve", new { note = "已修复路面" });
        if (stage == "resolved") return id;
        await DoAsync("demo-grid", id, "verify", new { note = "现场核查通过" });
        if (stage == "verified") return id;
        await DoAsync("demo-community-a", id, "feedback", new { note = "路面已修复，感谢您的反映" });
        if (stage == "feedbackGiven") return id;
        throw new ArgumentOutOfRangeException(nameof(stage));
    }
}

using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Cases;

/// <summary>
/// Intake commits in groups (docs/decisions/009). Concurrent reports share transactions; these tests hold the
/// promises that must survive the grouping: every new key files exactly one case, a used key answers with its
/// earlier case without failing the others written alongside it, and each case has its own audit entry in the
/// reporter's name.
/// </summary>
public sealed class CaseIntakeWriterTests : IAsyncLifetime
{
    private readonly JicengAppFactory _app = new();
    private readonly CaseApi _api;

    public CaseIntakeWriterTests() => _api = new CaseApi(_app);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task New_and_reused_keys_sent_together_file_each_problem_once()
    {
        // Five keys used before: their retries must answer with the earlier cases.
        var earlier = new Dictionary<string, long>();
        for (var i = 0; i < 5; i++)
        {
            var key = "earlier-" + i;
            earlier[key] = (await _api.CreateAsync("demo-grid", idempotencyKey: key)).GetProperty("id").GetInt64();
        }
        var before = await CountCasesAsync();

        // 30 reports at once: 20 new keys (two of them sent twice in the same burst) and the 5 retries.
        var fresh = Enumerable.Range(0, 20).Select(i => "fresh-" + i).ToList();
        var keys = fresh.Concat(fresh.Take(2)).Concat(earlier.Keys).Concat(fresh.Skip(2).Take(3)).ToList();
        var clients = await Task.WhenAll(keys.Select(_ => _app.ClientForAsync("demo-grid")));
        var responses = await Task.WhenAll(keys.Select((key, i) => _api.PostWith(clients[i], key)));

        var ids = new Dictionary<string, HashSet<long>>();
        foreach (var (response, key) in responses.Zip(keys))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var id = (await response.ReadOkAsync<JsonElement>()).GetProperty("id").GetInt64();
            (ids.TryGetValue(key, out var set) ? set : ids[key] = []).Add(id);
        }
        Assert.All(ids.Values, set => Assert.Single(set));                       // one case per key, however often sent
        foreach (var (key, id) in earlier) Assert.Equal(id, ids[key].Single());  // retries answer with the earlier case
        Assert.Equal(before + fresh.Count, await CountCasesAsync());            // and nothing else was filed
        Assert.Equal(fresh.Count, fresh.Select(k => ids[k].Single()).Distinct().Count());
    }

    [Fact]
    public async Task Each_new_case_has_one_audit_entry_in_the_reporters_name()
    {
        var created = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => _api.CreateAsync(i % 2 == 0 ? "demo-grid" : "demo-resident")));
        var entries = await _app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.ObjectType == "Case" && e.Action == AuditActions.Created).ToListAsync());
        foreach (var (c, i) in created.Select((c, i) => (c, i)))
        {
            var entry = Assert.Single(entries, e => e.ObjectId == c.GetProperty("id").GetInt64().ToString());
            Assert.Equal(i % 2 == 0 ? "demo-grid" : "demo-resident", entry.UserName);
            Assert.Contains(c.GetProperty("number").GetString()!, entry.Detail);
        }
        // The community's staff are told of each new case, linked to it (written as one insert per batch).
        var told = await _app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var staff = await db.Users.Where(u => u.UserName == "demo-community-a").Select(u => u.Id).SingleAsync();
            return await db.Set<Jiceng.Web.Modules.Notifications.Notification>().AsNoTracking().Where(n => n.UserId == staff)
                .Select(n => new { n.Link, n.Title, n.Body, n.ReadUtc }).ToListAsync();
        });
        foreach (var c in created)
        {
            var notice = Assert.Single(told, n => n.Link == $"/cases/{c.GetProperty("id").GetInt64()}");
            Assert.Equal("新诉求待受理", notice.Title);
            Assert.StartsWith(c.GetProperty("number").GetString()!, notice.Body);
            Assert.Null(notice.ReadUtc);
        }
        // No entry per row (event, idempotency record, notification) and none with a temporary key.
        Assert.DoesNotContain(entries, e => e.ObjectId!.StartsWith('-'));
        var perRow = await _app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .CountAsync(e => e.ObjectType == "CaseEvent" || e.ObjectType == "Notification" || e.ObjectType == "IdempotencyRecord"));
        Assert.Equal(0, perRow);
    }

    private Task<int> CountCasesAsync() => _app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Cases.CountAsync());
}

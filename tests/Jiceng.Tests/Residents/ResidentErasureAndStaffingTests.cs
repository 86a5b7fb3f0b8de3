using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Residents;

public sealed class ResidentErasureAndStaffingTests(SharedApp app)
{
    private readonly ResidentsApi _api = new(app);

    private async Task<JsonElement> StatisticsRowAsync(string community)
    {
        var rows = await _api.GetOkAsync("demo-county", "/api/v1/residents/statistics?division=" + community);
        return rows.EnumerateArray().Single(r => r.GetProperty("divisionCode").GetString() == community);
    }

    [Fact]
    public async Task Removal_on_request_erases_the_personal_fields_and_keeps_the_statistics()
    {
        var community = ResidentsApi.Yongsheng;
        var idNumber = ResidentsApi.NewIdNumber(1940);
        var phone = ResidentsApi.NewPhone();
        var name = ResidentsApi.NewName("删");
        var id = (await _api.CreateAsync(user: "demo-county", division: community, name: name, idNumber: idNumber, phone: phone, address: "永胜街3号",
            tags: ["elderly-alone", "very-old"], healthNote: "心脏病")).GetProperty("id").GetGuid();
        await _api.CreateAsync(user: "demo-county", division: community, tags: ["elderly-alone"]);
        var before = await StatisticsRowAsync(community);

        await (await _api.SendAsync("demo-grid", HttpMethod.Delete, $"/api/v1/residents/{id}", new { reason = "网格员无权删除" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await _api.SendAsync("demo-county", HttpMethod.Delete, $"/api/v1/residents/{id}", new { reason = "" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var erased = await (await _api.SendAsync("demo-county", HttpMethod.Delete, $"/api/v1/residents/{id}", new { reason = "本人书面申请删除" }))
            .ReadOkAsync<JsonElement>();

        Assert.True(erased.GetProperty("erased").GetBoolean());
        Assert.Equal("（已删除）", erased.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, erased.GetProperty("idNumber").ValueKind);
        Assert.Equal(JsonValueKind.Null, erased.GetProperty("phone").ValueKind);
        Assert.False(erased.GetProperty("hasHealthNote").GetBoolean());
        Assert.Equal(2, erased.GetProperty("tags").GetArrayLength()); // the key groups stay for the ledgers
        var clear = await (await (await _api.As("demo-county")).PostAsJsonAsync($"/api/v1/residents/{id}/unmask", new { reason = "核对删除结果" })).ReadOkAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, clear.GetProperty("idNumber").ValueKind);
        Assert.Equal(JsonValueKind.Null, clear.GetProperty("address").ValueKind);

        // The figures that count people and key groups are the same; only the erased count tells what happened.
        var after = await StatisticsRowAsync(community);
        Assert.Equal(before.GetProperty("records").GetInt32(), after.GetProperty("records").GetInt32());
        Assert.Equal(before.GetProperty("aged80Plus").GetInt32(), after.GetProperty("aged80Plus").GetInt32());
        Assert.Equal(before.GetProperty("byKeyGroup").GetRawText(), after.GetProperty("byKeyGroup").GetRawText());
        Assert.Equal(before.GetProperty("erased").GetInt32() + 1, after.GetProperty("erased").GetInt32());
        Assert.True(after.GetProperty("byKeyGroup").GetProperty("elderly-alone").GetInt32() >= 2);

        // The person is gone from the lists and from exact search; the ID number may be registered again.
        Assert.Empty(await _api.ListIdsAsync("demo-county", "q=" + name));
        Assert.Empty(await _api.ListIdsAsync("demo-county", "idNumber=" + idNumber));
        await _api.CreateAsync(user: "demo-county", division: community, idNumber: idNumber);

        var entry = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .SingleAsync(e => e.Action == "resident.erase" && e.ObjectId == id.ToString()));
        Assert.Equal(AuditResult.Success, entry.Result);
        Assert.Contains("本人书面申请删除", entry.Detail);
    }

    [Fact]
    public async Task Staffing_figures_equal_a_recount_of_the_records()
    {
        var community = ResidentsApi.Tienan;
        for (var i = 0; i < 3; i++)
        {
            var id = (await _api.CreateAsync(user: "demo-county", division: community)).GetProperty("id").GetGuid();
            await (await _api.SendAsync("demo-county", HttpMethod.Put, $"/api/v1/residents/{id}/roles/communityWorker", new { certified = i == 0 }))
                .ReadOkAsync<JsonElement>();
        }
        await _api.CreateAsync(user: "demo-county", division: community);

        var report = await _api.GetOkAsync("demo-street", "/api/v1/staffing?division=230725100");
        var row = report.GetProperty("communities").EnumerateArray().Single(r => r.GetProperty("divisionCode").GetString() == community);

        var recount = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var people = await db.People.CountAsync(p => p.DivisionCode == community && p.ErasedUtc == null);
            var workers = await db.PersonRoles.Where(r => r.Kind == PersonRoleKind.CommunityWorker)
                .Join(db.People.Where(p => p.DivisionCode == community && p.ErasedUtc == null), r => r.PersonId, p => p.Id, (r, p) => r.Certified).ToListAsync();
            var profile = await db.CommunityProfiles.Where(c => c.DivisionCode == community).Select(c => c.UrbanResidents).SingleOrDefaultAsync();
            return (People: profile ?? people, Workers: workers.Count, Certified: workers.Count(c => c));
        });
        Assert.True(recount.Workers >= 3);
        Assert.Equal(recount.Workers, row.GetProperty("workers").GetInt32());
        Assert.Equal(recount.Certified, row.GetProperty("certified").GetInt32());
        Assert.Equal(recount.People, row.GetProperty("urbanResidents").GetInt32());
        Assert.Equal(Math.Round(recount.Workers * 10_000.0 / recount.People, 2), row.GetProperty("workersPer10K").GetDouble(), 2);
        Assert.Equal(18, row.GetProperty("standard").GetInt32());
        // A handful of workers for a handful of records is far above 18 per 10,000.
        Assert.True(row.GetProperty("met").GetBoolean());

        // The street's total is the sum of its communities.
        var rows = report.GetProperty("communities").EnumerateArray().ToList();
        var total = report.GetProperty("total");
        Assert.Equal(rows.Sum(r => r.GetProperty("workers").GetInt32()), total.GetProperty("workers").GetInt32());
        Assert.Equal(rows.Sum(r => r.GetProperty("urbanResidents").GetInt32()), total.GetProperty("urbanResidents").GetInt32());

        // With the published population of 5,000 the same workers are 6 per 10,000: below the standard.
        var set = await (await _api.SendAsync("demo-county", HttpMethod.Put, $"/api/v1/staffing/{community}", new { urbanResidents = 5000 })).ReadOkAsync<JsonElement>();
        Assert.Equal(5000, set.GetProperty("urbanResidents").GetInt32());
        Assert.True(set.GetProperty("urbanResidentsFromProfile").GetBoolean());
        Assert.Equal(Math.Round(recount.Workers * 10_000.0 / 5000, 2), set.GetProperty("workersPer10K").GetDouble(), 2);
        Assert.False(set.GetProperty("met").GetBoolean());
        Assert.Equal(Math.Round(recount.Certified / (double)recount.Workers, 4), set.GetProperty("certifiedShare").GetDouble(), 4);

        await (await _api.SendAsync("demo-grid", HttpMethod.Put, $"/api/v1/staffing/{ResidentsApi.Tuanjie}", new { urbanResidents = 1 }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await _api.SendAsync("demo-community-a", HttpMethod.Put, $"/api/v1/staffing/{community}", new { urbanResidents = 1 }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.Forbidden, (await _api.GetAsync("demo-dept", "/api/v1/staffing")).StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Platform.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Residents;

public sealed class ResidentProtectionTests(SharedApp app)
{
    private readonly ResidentsApi _api = new(app);

    [Fact]
    public async Task The_database_holds_no_id_number_phone_address_room_or_health_note_in_plain_text()
    {
        var (_, _, buildingId, _) = await _api.GridWithBuildingAsync();
        var name = "明文扫描" + Guid.NewGuid().ToString("N")[..4];
        var idNumber = ResidentsApi.NewIdNumber();
        var phone = ResidentsApi.NewPhone();
        var address = "铁南街道幸福里" + Guid.NewGuid().ToString("N")[..8] + "号";
        var room = "R" + Random.Shared.Next(100_000, 999_999);
        var healthNote = "罕见病随访" + Guid.NewGuid().ToString("N")[..8];
        var welfareNote = "特困供养证" + Guid.NewGuid().ToString("N")[..8];
        var id = (await _api.CreateAsync(name: name, idNumber: idNumber, phone: phone, address: address, healthNote: healthNote, welfareNote: welfareNote,
            buildingId: buildingId, unitNo: 1, room: room)).GetProperty("id").GetGuid();
        // A child's name is sealed too.
        var childName = "童" + Guid.NewGuid().ToString("N")[..6];
        await _api.CreateAsync(name: childName, idNumber: ResidentsApi.NewIdNumber(2019));
        var secrets = new[] { idNumber, phone, address, room, healthNote, welfareNote, childName };

        if (JicengAppFactory.OnPostgres)
        {
            var rows = await app.AsSystemAsync(async sp =>
            {
                var db = sp.GetRequiredService<AppDbContext>();
                return await db.Database.SqlQueryRaw<string>(
                    """SELECT row_to_json(p)::text AS "Value" FROM "People" p UNION ALL SELECT row_to_json(h)::text FROM "Households" h""").ToListAsync();
            });
            var all = string.Join("\n", rows);
            Assert.Contains(name, all); // an adult's name is plain: the scan reads the right rows
            Assert.All(secrets, s => Assert.DoesNotContain(s, all));
            return;
        }

        var file = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            // Move the log into the main file so both are complete; the WAL is scanned as well in case a reader held it.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            return new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        });
        var bytes = new List<byte[]>();
        foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            bytes.Add(copy.ToArray());
        }
        Assert.NotEmpty(bytes);
        Assert.Contains(bytes, b => Contains(b, name)); // the scan does find plain text that is stored plain
        Assert.Contains(bytes, b => Contains(b, id.ToString().ToUpperInvariant()) || Contains(b, id.ToString()) || ContainsGuidBytes(b, id));
        foreach (var secret in secrets)
        {
            Assert.False(bytes.Any(b => Contains(b, secret)), $"'{secret}' is stored in plain text");
        }
    }

    private static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private static bool ContainsGuidBytes(byte[] haystack, Guid id) => haystack.AsSpan().IndexOf(id.ToByteArray()) >= 0;

    [Fact]
    public async Task Unmask_gives_the_clear_values_with_a_reason_and_is_audited_without_them()
    {
        var idNumber = ResidentsApi.NewIdNumber();
        var phone = ResidentsApi.NewPhone();
        var child = ResidentsApi.NewIdNumber(2017);
        var id = (await _api.CreateAsync(name: "冯晓", idNumber: idNumber, phone: phone, address: "团结街12号", healthNote: "糖尿病")).GetProperty("id").GetGuid();
        var childId = (await _api.CreateAsync(name: "冯小小", idNumber: child)).GetProperty("id").GetGuid();
        var url = $"/api/v1/residents/{id}/unmask";

        var noReason = await (await _api.As("demo-community-a")).PostAsJsonAsync(url, new { reason = " " });
        await noReason.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var clear = await (await (await _api.As("demo-community-a")).PostAsJsonAsync(url, new { reason = "入户核实低保材料" })).ReadOkAsync<JsonElement>();

        Assert.Equal(idNumber, clear.GetProperty("idNumber").GetString());
        Assert.Equal(phone, clear.GetProperty("phone").GetString());
        Assert.Equal("团结街12号", clear.GetProperty("address").GetString());
        Assert.Equal("糖尿病", clear.GetProperty("healthNote").GetString());
        var childClear = await (await (await _api.As("demo-street")).PostAsJsonAsync($"/api/v1/residents/{childId}/unmask", new { reason = "困境儿童核查" }))
            .ReadOkAsync<JsonElement>();
        Assert.Equal("冯小小", childClear.GetProperty("name").GetString());

        var entries = await AuditAsync("resident.unmask", id);
        var entry = Assert.Single(entries);
        Assert.Equal(AuditResult.Success, entry.Result);
        Assert.Equal("demo-community-a", entry.UserName);
        Assert.Contains("入户核实低保材料", entry.Detail);
        Assert.Contains("idNumber", entry.Detail);
        Assert.Contains("healthNote", entry.Detail);
        Assert.DoesNotContain(idNumber, entry.Detail);
        Assert.DoesNotContain(phone, entry.Detail);
        Assert.DoesNotContain("糖尿病", entry.Detail);
    }

    [Fact]
    public async Task A_grid_worker_and_other_roles_are_refused_unmasking_and_the_refusal_is_audited()
    {
        var id = (await _api.CreateAsync()).GetProperty("id").GetGuid();
        var url = $"/api/v1/residents/{id}/unmask";

        var refused = await (await _api.As("demo-grid")).PostAsJsonAsync(url, new { reason = "想看看" });
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await (await _api.As("demo-dept")).PostAsJsonAsync(url, new { reason = "想看看" })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var export = await _api.GetAsync("demo-grid", $"/api/v1/residents/{id}/export?reason=核查");
        await export.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        var denied = await AuditAsync("resident.unmask", id);
        Assert.Equal(2, denied.Count);
        Assert.All(denied, e => Assert.Equal(AuditResult.Denied, e.Result));
        Assert.Equal(["demo-dept", "demo-grid"], denied.Select(e => e.UserName!).Order().ToArray());
        Assert.Equal(AuditResult.Denied, Assert.Single(await AuditAsync("resident.export_person", id)).Result);
    }

    [Fact]
    public async Task The_persons_own_export_holds_everything_in_clear_and_is_audited()
    {
        var idNumber = ResidentsApi.NewIdNumber();
        var phone = ResidentsApi.NewPhone();
        var id = (await _api.CreateAsync(name: "褚卫", idNumber: idNumber, phone: phone, welfareNote: "低保", tags: ["dibao"])).GetProperty("id").GetGuid();

        var export = await _api.GetOkAsync("demo-community-a", $"/api/v1/residents/{id}/export?reason=本人书面申请查阅");
        Assert.Equal(idNumber, export.GetProperty("person").GetProperty("idNumber").GetString());
        Assert.Equal(phone, export.GetProperty("person").GetProperty("phone").GetString());
        Assert.Equal("低保", export.GetProperty("person").GetProperty("welfareNote").GetString());
        Assert.Equal("dibao", export.GetProperty("record").GetProperty("tags")[0].GetProperty("code").GetString());

        var workbook = await _api.GetAsync("demo-community-a", $"/api/v1/residents/{id}/export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        var rows = ResidentsApi.ReadWorkbook(await workbook.Content.ReadAsByteArrayAsync());
        Assert.Contains(rows, r => Equals(r["项目"], "身份证号") && Equals(r["内容"], idNumber));

        var entries = await AuditAsync("resident.export_person", id);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(AuditResult.Success, e.Result));
        Assert.Contains(entries, e => e.Detail!.Contains("本人书面申请查阅"));
        Assert.All(entries, e => Assert.DoesNotContain(idNumber, e.Detail));
    }

    [Fact]
    public async Task The_list_export_is_masked_and_audited()
    {
        var (_, _, buildingId, _) = await _api.GridWithBuildingAsync();
        var family = "导" + Guid.NewGuid().ToString("N")[..4];
        var idNumber = ResidentsApi.NewIdNumber();
        var phone = ResidentsApi.NewPhone();
        await _api.CreateAsync(name: family + "一", idNumber: idNumber, phone: phone, address: "团结街99号", tags: ["very-old"], buildingId: buildingId, unitNo: 2, room: "601");

        var response = await _api.GetAsync("demo-community-a", "/api/v1/residents/export?q=" + family);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var rows = ResidentsApi.ReadWorkbook(await response.Content.ReadAsByteArrayAsync());

        var row = Assert.Single(rows);
        Assert.Equal(family + "一", row["姓名"]);
        Assert.Equal(idNumber[..6] + "********" + idNumber[^4..], row["身份证号"]);
        Assert.Equal(phone[..3] + "****" + phone[^4..], row["手机号"]);
        Assert.Equal("****", row["门牌号"]);
        Assert.Equal("团结街****", row["地址"]);
        Assert.Equal("高龄老人", row["重点人群"]);
        var everything = string.Join("|", rows.SelectMany(r => r.Values).Select(v => v?.ToString()));
        Assert.DoesNotContain(idNumber, everything);
        Assert.DoesNotContain(phone, everything);
        Assert.DoesNotContain("601", everything);

        var entries = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .Where(e => e.Action == "resident.export_list" && e.UserName == "demo-community-a").ToListAsync());
        Assert.Contains(entries, e => e.Detail!.Contains("rows: 1"));
    }

    private Task<List<AuditEntry>> AuditAsync(string action, Guid id) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.Where(e => e.Action == action && e.ObjectId == id.ToString())
            .OrderBy(e => e.Id).ToListAsync());
}

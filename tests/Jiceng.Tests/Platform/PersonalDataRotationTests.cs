using System.Security.Cryptography;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Platform;

/// <summary>Key rotation: a new key joins the ring and becomes current; resealing moves every sealed value to it; hashes stay.</summary>
public sealed class PersonalDataRotationTests(JicengAppFactory app) : IClassFixture<JicengAppFactory>
{
    [Fact]
    public void Adding_a_key_makes_it_current_keeps_the_old_ones_readable_and_the_hashes_stable()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("jiceng-keys-").FullName, "ring.json");
        var before = PersonalDataProtector.FromKeyFile(file);
        var sealedBefore = before.Protect("13812345678");
        var hashBefore = before.Hash("phone:13812345678");

        var added = PersonalDataProtector.AddKey(file);
        var after = PersonalDataProtector.FromKeyFile(file);

        Assert.Equal("k2", added);
        Assert.Equal("k2", after.CurrentKeyId);
        Assert.StartsWith("pd1:k2:", after.Protect("x"), StringComparison.Ordinal);
        Assert.Equal("13812345678", after.Unprotect(sealedBefore));
        Assert.Equal(hashBefore, after.Hash("phone:13812345678"));
    }

    [Fact]
    public void A_ring_without_a_written_index_key_keeps_its_hashes_through_a_rotation()
    {
        // Rings created before the index key was written down derive it from their first key; AddKey must preserve that.
        var file = Path.Combine(Directory.CreateTempSubdirectory("jiceng-keys-").FullName, "ring.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new { Current = "k1", Keys = new Dictionary<string, string> { ["k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) } }));
        var hashBefore = PersonalDataProtector.FromKeyFile(file).Hash("id:x");

        PersonalDataProtector.AddKey(file);

        Assert.Equal(hashBefore, PersonalDataProtector.FromKeyFile(file).Hash("id:x"));
    }

    [Fact]
    public async Task Resealing_moves_every_sealed_value_of_the_database_to_the_new_key()
    {
        _ = app.Services; // starts the app, which loads its key ring
        // A ring with the app's keys plus a new current one (the app's own protector is left alone: other tests share it).
        var rotated = new PersonalDataProtector(new Dictionary<string, byte[]>
        {
            [PersonalData.Protector.CurrentKeyId] = KeyOf(PersonalData.Protector),
            ["rotated"] = RandomNumberGenerator.GetBytes(32),
        }, "rotated");
        var personId = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var community = await db.Divisions.SingleAsync(d => d.Code == "230725100001");
            var person = new Person(community.Code, community.Path, DateTime.UtcNow) { Address = "团结小区7号楼2单元301", HealthNote = "高血压" };
            person.SetName("轮换测试", DateOnly.FromDateTime(DateTime.UtcNow));
            person.SetPhone("13700001111", PersonalData.Protector);
            db.People.Add(person);
            await db.SaveChangesAsync();
            return person.Id;
        });

        var count = await app.AsSystemAsync(sp => PersonalDataResealer.ResealAsync(sp.GetRequiredService<AppDbContext>(), rotated, batchSize: 7));
        var left = await app.AsSystemAsync(sp => PersonalDataResealer.ResealAsync(sp.GetRequiredService<AppDbContext>(), rotated));
        var raw = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var values = new List<string>();
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT "Phone", "Address", "HealthNote" FROM "People" WHERE "Name" = '轮换测试'""";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) for (var i = 0; i < 3; i++) values.Add(reader.GetString(i));
            return values;
        });

        Assert.True(count >= 3, $"resealed {count}");
        Assert.Equal(0, left);
        Assert.All(raw, v => Assert.StartsWith("pd1:rotated:", v, StringComparison.Ordinal));
        Assert.Equal(["13700001111", "团结小区7号楼2单元301", "高血压"], raw.Select(rotated.Unprotect).ToList());
        Assert.NotEqual(Guid.Empty, personId);
        Assert.Contains(PersonalDataResealer.SealedColumns(await app.NewSystemContextAsync()), c => c is { Table: "People", Column: "IdNumber" });
    }

    private sealed record Ring(string Current, Dictionary<string, string> Keys);

    // The app's current key, recovered through a round trip is impossible (AES-GCM): read it from the ring file the app uses.
    private static byte[] KeyOf(PersonalDataProtector protector)
    {
        var root = TextsTests.RepositoryRoot();
        var ring = JsonSerializer.Deserialize<Ring>(File.ReadAllText(Path.Combine(root, "src", "Jiceng.Web", "App_Data", "keys", "personal-data.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        return Convert.FromBase64String(ring.Keys[protector.CurrentKeyId]);
    }
}

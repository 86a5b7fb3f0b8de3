using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Demo;
using Jiceng.Web.Modules.Care.Domain;
using Jiceng.Web.Modules.Care.Features;
using Jiceng.Web.Modules.Residents.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Care;

/// <summary>The care demo: plans with helpers, an overdue visit, a medical pairing and the demo device, on whatever key people the grid seed made.</summary>
public sealed class CareDemoSeederTests : IAsyncLifetime
{
    private readonly JicengAppFactory _app = new() { Settings = new Dictionary<string, string> { ["Care:VisitReminderMonitorEnabled"] = "false" } };
    private readonly CareWorld _world;

    public CareDemoSeederTests() => _world = new CareWorld(_app);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private Task SeedAgainAsync() => _app.AsSystemAsync(sp => sp.GetRequiredService<CareDemoSeeder>().SeedAsync());

    [Fact]
    public async Task The_demo_gets_plans_visits_an_overdue_person_a_pairing_and_a_device_and_a_second_run_changes_nothing()
    {
        if (!await _world.QueryAsync(db => db.HelpPlans.AnyAsync()))
        {
            // The grid seed made no key people in 团结 (so the care seed did nothing at start-up): make some, then seed as the start-up does.
            Assert.False(await _world.QueryAsync(db => db.CareDevices.AnyAsync()));
            var grid = await _world.GridAsync(CareWorld.Tuanjie);
            var worker = await _world.PersonAsync(CareWorld.Tuanjie, "网格员小刘", grid, roles: [PersonRoleKind.GridWorker], phone: "13811112222");
            await _world.AssignAsync(grid, worker);
            await _world.PersonAsync(CareWorld.Tuanjie, "党员老马", grid, roles: [PersonRoleKind.PartyMember], phone: "13833334444");
            await _world.PersonAsync(CareWorld.Tuanjie, "社区医生", roles: [PersonRoleKind.FamilyDoctor]);
            await _world.PersonAsync(CareWorld.Tuanjie, "甲独居", grid, ["elderly-alone"], taggedUtc: _app.Clock.GetUtcNow().UtcDateTime.AddDays(-90));
            await _world.PersonAsync(CareWorld.Tuanjie, "乙独居", grid, ["elderly-alone", "chronic"], taggedUtc: _app.Clock.GetUtcNow().UtcDateTime.AddDays(-90));
            await _world.PersonAsync(CareWorld.Tuanjie, "丙高龄", grid, ["very-old"], taggedUtc: _app.Clock.GetUtcNow().UtcDateTime.AddDays(-90));
            await SeedAgainAsync();
        }

        var plans = await _world.QueryAsync(db => db.HelpPlans.AsNoTracking().Include(p => p.Helpers).ToListAsync());
        Assert.NotEmpty(plans);
        Assert.Contains(plans, p => p.Helpers.Any(h => h.Duty == "网格员"));
        Assert.Contains(plans, p => p.Helpers.Any(h => h.Duty == "党员"));
        var overdue = await _world.GetOkAsync("demo-community-a", $"/api/v1/care/visits/overdue?division={CareWorld.Tuanjie}");
        Assert.Contains(overdue.EnumerateArray(), o => plans.Any(p => p.PersonId == o.GetProperty("personId").GetGuid()));
        Assert.True((await _world.GetOkAsync("demo-community-a", "/api/v1/care/medical")).GetProperty("guidanceRecords").GetInt32() >= 1);
        var counts = await Counts();

        // The demo device answers to its documented secret: an alert opens a case.
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/care/device-events") { Content = JsonContent.Create(new { kind = "sos" }) };
        request.Headers.Add(DeviceAlerts.SerialHeader, CareDemoSeeder.DemoDeviceSerial);
        request.Headers.Add(DeviceAlerts.SecretHeader, CareDemoSeeder.DemoDeviceSecret);
        var response = await _app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True((await response.ReadOkAsync<JsonElement>()).GetProperty("caseId").GetInt64() > 0);

        await SeedAgainAsync();
        Assert.Equal(counts, await Counts());
    }

    private Task<(int Plans, int Visits, int Pairings, int Devices)> Counts() => _world.QueryAsync(async db =>
        (await db.HelpPlans.CountAsync(), await db.CareVisits.CountAsync(), await db.MedicalPairings.CountAsync(), await db.Set<CareDevice>().CountAsync()));
}

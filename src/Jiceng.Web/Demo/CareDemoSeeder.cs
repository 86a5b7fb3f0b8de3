using Jiceng.Web.Data;
using Jiceng.Web.Modules.Care.Domain;
using Jiceng.Web.Modules.Care.Features;
using Jiceng.Web.Modules.Residents.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Demo;

/// <summary>
/// Demo help plans, visits, a medical pairing and a remote-care device on the key people the grid seed made in 团结社区.
/// It looks the people up (tagged people; a grid worker and a party member as helpers; medical staff) and does nothing
/// when there are none, whatever the grid seed creates. Skipped when any help plan exists, so a second start changes nothing.
/// </summary>
public sealed class CareDemoSeeder(AppDbContext db, TimeProvider time)
{
    /// <summary>The demo device (智慧千里眼) of the first demo key person.</summary>
    public const string DemoDeviceSerial = "QLY-DEMO-0001";

    /// <summary>
    /// The demo device's secret, for trying the device endpoint by hand (X-Device-Serial / X-Device-Secret). Demo only:
    /// a real device gets a random secret at registration, shown once; only the hash is stored, as here.
    /// </summary>
    public const string DemoDeviceSecret = "qly-demo-secret-0001-not-for-production";

    private const int PlansToSeed = 3;

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.HelpPlans.AnyAsync(cancellationToken)) return;
        var community = DemoSeeder.TuanjieCommunity;
        var candidates = await db.People.Where(p => p.DivisionCode == community && p.ErasedUtc == null && db.PersonTags.Any(t => t.PersonId == p.Id))
            .OrderBy(p => p.Name).Take(50).ToListAsync(cancellationToken);
        if (candidates.Count == 0) return;
        var ids = candidates.Select(p => p.Id).ToList();
        var tags = (await db.PersonTags.Where(t => ids.Contains(t.PersonId)).ToListAsync(cancellationToken)).ToLookup(t => t.PersonId, t => t.GroupCode);
        // The weekly ones first: the elderly living alone are what the demo is about.
        var chosen = candidates.Where(p => KeyGroups.VisitEveryDays(tags[p.Id]) is not null)
            .OrderBy(p => KeyGroups.VisitEveryDays(tags[p.Id])).ThenBy(p => p.Name, StringComparer.Ordinal).Take(PlansToSeed).ToList();
        if (chosen.Count == 0) return;

        var demoGrid = await db.Users.Where(u => u.UserName == "demo-grid").Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken);
        var gridWorker = await db.People.Where(p => p.DivisionCode == community && p.ErasedUtc == null
                && (db.GridWorkers.Any(a => a.PersonId == p.Id) || db.PersonRoles.Any(r => r.PersonId == p.Id && r.Kind == PersonRoleKind.GridWorker)))
            .OrderByDescending(p => p.UserId == demoGrid).ThenBy(p => p.Name).FirstOrDefaultAsync(cancellationToken);
        var workerId = gridWorker?.Id ?? Guid.Empty;
        var partyMember = await db.People.Where(p => p.DivisionCode == community && p.ErasedUtc == null && p.Id != workerId
                && db.PersonRoles.Any(r => r.PersonId == p.Id && r.Kind == PersonRoleKind.PartyMember))
            .OrderBy(p => p.Name).FirstOrDefaultAsync(cancellationToken);
        var doctor = await db.People.Where(p => p.DivisionCode == community && p.ErasedUtc == null
                && db.PersonRoles.Any(r => r.PersonId == p.Id && (r.Kind == PersonRoleKind.MedicalStaff || r.Kind == PersonRoleKind.FamilyDoctor)))
            .OrderBy(p => p.Name).FirstOrDefaultAsync(cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        var today = CareQueries.LocalDate(now);
        var visitorName = gridWorker?.Name ?? "团结社区工作人员";
        CareVisit Visit(Person person, int daysAgo, string? findings, string? gifts, decimal value) =>
            new(person.Id, person.DivisionPath, gridWorker?.Id, gridWorker?.UserId, visitorName, now.AddDays(-daysAgo), findings, gifts, value, now);

        for (var i = 0; i < chosen.Count; i++)
        {
            var person = chosen[i];
            var groups = tags[person.Id].ToList();
            // The third plan's review date has passed: the console lists it as due for review.
            var plan = new HelpPlan(person.Id, person.DivisionPath, Measures(groups), i == 2 ? today.AddDays(-2) : today.AddDays(30 * (i + 1)), now.AddDays(-60));
            if (gridWorker is not null && gridWorker.Id != person.Id) plan.AddHelper(gridWorker.Id, "网格员");
            if (partyMember is not null && partyMember.Id != person.Id) plan.AddHelper(partyMember.Id, "党员");
            db.HelpPlans.Add(plan);
        }

        var every = chosen.Select(p => KeyGroups.VisitEveryDays(tags[p.Id])!.Value).ToList();
        db.CareVisits.Add(Visit(chosen[0], 2, "身体尚可，独自做饭有困难，希望有人帮忙买菜", "米一袋、油一桶", 120m));
        db.CareVisits.Add(Visit(chosen[0], 2 + every[0], "血压偏高，已提醒按时服药", null, 0m));
        if (chosen.Count > 1)
        {
            // Last visited longer ago than the group's rhythm: overdue on the console and the phone.
            db.CareVisits.Add(Visit(chosen[1], every[1] + 5, "家中暖气不热，已联系物业", "慰问金", 200m));
        }
        if (chosen.Count > 2)
        {
            db.CareVisits.Add(Visit(chosen[2], 1, "情绪稳定，子女每周来电", "牛奶一箱", 60m));
        }

        if (doctor is not null && doctor.Id != chosen[0].Id)
        {
            var pairing = new MedicalPairing(doctor.Id, chosen[0].Id, chosen[0].DivisionPath, MedicalPairingKind.Responsible, now.AddDays(-30));
            db.MedicalPairings.Add(pairing);
            db.MedicalGuidance.Add(new MedicalGuidance(pairing, now.AddDays(-7), "测量血压 150/95，调整用药，低盐饮食，一周后复测", now.AddDays(-7)));
        }

        if (!await db.CareDevices.AnyAsync(d => d.Serial == DemoDeviceSerial, cancellationToken))
        {
            db.CareDevices.Add(new CareDevice(DemoDeviceSerial, chosen[0].Id, chosen[0].DivisionPath, CareDevices.HashSecret(DemoDeviceSecret), now) { NoMovementHours = 12 });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Measures(IReadOnlyCollection<string> groups) => groups switch
    {
        _ when groups.Contains("elderly-alone") => "每周上门探访一次；协助代购生活用品和药品；冬季检查取暖和燃气安全；安装智慧千里眼设备",
        _ when groups.Contains("very-old") => "每月上门探访；协助申领高龄津贴；家庭医生每季度随访",
        _ when groups.Contains("left-behind-child") || groups.Contains("vulnerable-child") => "每两周家访；四点半课堂结对辅导；与在外务工父母定期视频",
        _ when groups.Contains("disabled") => "每月探访；协助办理残疾人补贴和辅具适配；无障碍改造评估",
        _ => "定期走访，了解困难和需求，协助申请救助，节日慰问",
    };
}

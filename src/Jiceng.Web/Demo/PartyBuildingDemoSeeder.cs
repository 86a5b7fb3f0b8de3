using Jiceng.Web.Data;
using Jiceng.Web.Modules.CoBuilding.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Demo;

/// <summary>
/// What the issue-5 ledgers all stand on: 大箐山's co-building units (the demo-unit account acts for the first), and
/// person records for the demo party member (in service, living in 团结社区, working at that unit) and the demo
/// volunteer. Skipped when any unit exists, so a second start changes nothing.
/// </summary>
public sealed class PartyBuildingDemoSeeder(AppDbContext db, TimeProvider time)
{
    public const string DemoUnitName = "大箐山县自然资源局";

    public static readonly (string Name, UnitKind Kind, string PartyOrganisation)[] Units =
    [
        (DemoUnitName, UnitKind.GovernmentOrgan, "大箐山县自然资源局机关党支部"),
        ("国网大箐山县供电公司", UnitKind.StateEnterprise, "国网大箐山县供电公司党支部"),
        ("大箐山县第一中学", UnitKind.PublicInstitution, "大箐山县第一中学党总支"),
        ("大箐山县人民医院", UnitKind.PublicInstitution, "大箐山县人民医院党委"),
        ("伊春林都物业服务有限公司", UnitKind.NewEconomicOrSocialOrganisation, "伊春林都物业服务有限公司党支部"),
        ("伊春职业学院", UnitKind.University, "伊春职业学院党委"),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.CoBuildingUnits.AnyAsync(cancellationToken)) return;
        var county = await db.Divisions.SingleOrDefaultAsync(d => d.Code == DemoSeeder.DaqingshanCounty, cancellationToken);
        var community = await db.Divisions.SingleOrDefaultAsync(d => d.Code == DemoSeeder.TuanjieCommunity, cancellationToken);
        if (county is null || community is null) return;
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now.AddHours(8));

        var units = Units.Select(u => new CoBuildingUnit(county.Code, county.Path, u.Name, u.Kind, now) { PartyOrganisationName = u.PartyOrganisation }).ToList();
        db.CoBuildingUnits.AddRange(units);

        var accounts = await db.Users.Where(u => u.UserName == "demo-unit" || u.UserName == "demo-party" || u.UserName == "demo-volunteer")
            .ToDictionaryAsync(u => u.UserName!, cancellationToken);
        if (accounts.TryGetValue("demo-unit", out var unitAccount))
        {
            unitAccount.UnitId = units[0].Id;
        }
        if (accounts.TryGetValue("demo-party", out var partyAccount) && !await db.People.AnyAsync(p => p.UserId == partyAccount.Id, cancellationToken))
        {
            var member = new Person(community.Code, community.Path, now) { UserId = partyAccount.Id, IsMale = false };
            member.SetName("王红梅", today);
            member.SetBirthDate(new DateOnly(1986, 5, 12), today);
            member.SetPhone("13946021986", PersonalData.Protector);
            db.People.Add(member);
            db.PersonRoles.Add(new PersonRole(member, PersonRoleKind.PartyMember, now) { InService = true, Employer = DemoUnitName, Title = "科员" });
        }
        if (accounts.TryGetValue("demo-volunteer", out var volunteerAccount) && !await db.People.AnyAsync(p => p.UserId == volunteerAccount.Id, cancellationToken))
        {
            var volunteer = new Person(community.Code, community.Path, now) { UserId = volunteerAccount.Id, IsMale = true };
            volunteer.SetName("刘志强", today);
            volunteer.SetBirthDate(new DateOnly(1999, 9, 3), today);
            volunteer.SetPhone("13946039903", PersonalData.Protector);
            db.People.Add(volunteer);
            db.PersonRoles.Add(new PersonRole(volunteer, PersonRoleKind.Volunteer, now) { Title = "红色志愿者" });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}

using System.Text;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Modules.Organisation.Features;
using Jiceng.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Demo;

/// <summary>
/// Seeds the demo: the eight seed counties' real divisions, a party organisation tree beside them,
/// 大箐山县's departments and the demo accounts. Each part is skipped when already there, so a second
/// start changes nothing.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, DivisionImporter importer, UserManager<AppUser> users, ILogger<DemoSeeder> logger,
    GridDemoSeeder grids, CareDemoSeeder care, PartyBuildingDemoSeeder partyBuilding, CoBuildingDemoSeeder coBuilding,
    PartyMemberDemoSeeder partyMembers, VolunteerDemoSeeder volunteers, WishDemoSeeder wishes,
    CentresDemoSeeder centres, ServiceHallDemoSeeder serviceHall, ElderlyChildrenDemoSeeder elderlyChildren, MarketDemoSeeder market)
{
    public const string DaqingshanCounty = "230725";
    public const string DailingTown = "230725100";
    public const string TuanjieCommunity = "230725100001";
    public const string YuxiCommunity = "230725100002";

    public static readonly (string ShortCode, string Name, string Duties)[] DaqingshanDepartments =
    [
        ("MZJ", "大箐山县民政局", "社会救助、养老服务、社区治理"),
        ("ZJJ", "大箐山县住房和城乡建设局", "物业管理、老旧小区改造、房屋安全"),
        ("CGJ", "大箐山县城市管理综合执法局", "市容环境、占道经营、违章搭建"),
        ("GAJ", "大箐山县公安局", "治安、交通、户籍"),
        ("WJJ", "大箐山县卫生健康局", "公共卫生、家庭医生、医疗服务"),
        ("SCJGJ", "大箐山县市场监督管理局", "食品安全、价格、消费投诉"),
        ("RSJ", "大箐山县人力资源和社会保障局", "就业、社保、劳动纠纷"),
        ("SFJ", "大箐山县司法局", "人民调解、法律援助"),
        ("YJJ", "大箐山县应急管理局", "安全生产、防灾减灾"),
        ("GR", "大箐山县供热公司", "冬季供暖"),
        ("GS", "大箐山县供水公司", "供水、排水"),
    ];

    public static readonly (string UserName, string DisplayName, string Role, string? Division, string? Department)[] Accounts =
    [
        ("demo-county", "县委组织部（演示）", Roles.CountyAdmin, DaqingshanCounty, null),
        ("demo-street", "带岭镇党委（演示）", Roles.StreetStaff, DailingTown, null),
        ("demo-community-a", "团结社区（演示）", Roles.CommunityStaff, TuanjieCommunity, null),
        ("demo-community-b", "育西社区（演示）", Roles.CommunityStaff, YuxiCommunity, null),
        ("demo-grid", "团结社区网格员（演示）", Roles.GridWorker, TuanjieCommunity, null),
        ("demo-dept", "住建局办件人（演示）", Roles.DepartmentHandler, null, "ZJJ"),
        ("demo-party", "党员（演示）", Roles.PartyMember, null, null),
        ("demo-volunteer", "志愿者（演示）", Roles.Volunteer, null, null),
        ("demo-unit", "县自然资源局党支部（演示）", Roles.CoBuildingUnit, null, null),
        ("demo-resident", "居民（演示）", Roles.Resident, null, null),
        ("demo-sysadmin", "系统管理员（演示）", Roles.SystemAdmin, null, null),
        ("demo-secadmin", "安全管理员（演示）", Roles.SecurityAdmin, null, null),
        ("demo-auditor", "安全审计员（演示）", Roles.AuditAdmin, null, null),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (!await db.Divisions.AnyAsync(cancellationToken))
        {
            await using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream("Jiceng.Seed.divisions-seed-counties.csv")
                ?? throw new InvalidOperationException("The seed division file is not embedded.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var result = await importer.ImportAsync(reader, cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("The seed division file is invalid: " + string.Join("; ", result.Errors));
            }
        }
        if (!await db.PartyOrganisations.AnyAsync(cancellationToken))
        {
            await SeedPartyTreeAsync(cancellationToken);
        }
        if (!await db.Departments.AnyAsync(cancellationToken))
        {
            var county = await db.Divisions.SingleAsync(d => d.Code == DaqingshanCounty, cancellationToken);
            db.Departments.AddRange(DaqingshanDepartments.Select(d => new Department(d.Name, d.ShortCode, county, d.Duties)));
            await db.SaveChangesAsync(cancellationToken);
        }
        await SeedAccountsAsync(cancellationToken);
        // Grids, buildings, households and people of 团结社区 and 育西社区, then the care ledgers on them.
        await grids.SeedAsync(cancellationToken);
        await care.SeedAsync(cancellationToken);
        // Party members and volunteers at work (issue 5): units and the demo accounts' people first, then each ledger.
        await partyBuilding.SeedAsync(cancellationToken);
        await coBuilding.SeedAsync(cancellationToken);
        await partyMembers.SeedAsync(cancellationToken);
        await volunteers.SeedAsync(cancellationToken);
        await wishes.SeedAsync(cancellationToken);
        await centres.SeedAsync(cancellationToken);
        await serviceHall.SeedAsync(cancellationToken);
        await elderlyChildren.SeedAsync(cancellationToken);
        await market.SeedAsync(cancellationToken);
    }

    /// <summary>County committee → street committees → community organisations for every seed county; 团结 and 育西 get the lower levels too.</summary>
    private async Task SeedPartyTreeAsync(CancellationToken cancellationToken)
    {
        var divisions = await db.Divisions.Where(d => d.Level >= DivisionLevel.County).ToListAsync(cancellationToken);
        var byParent = divisions.Where(d => d.ParentCode != null).ToLookup(d => d.ParentCode!);
        var all = new List<PartyOrganisation>();
        foreach (var county in divisions.Where(d => d.Level == DivisionLevel.County))
        {
            var committee = PartyOrganisation.CreateRoot("中共" + county.Name + "委员会", county);
            all.Add(committee);
            foreach (var township in byParent[county.Code])
            {
                var suffix = township.Kind == DivisionKind.Street ? "党工委" : "党委";
                var street = committee.AddChild(township.Name + suffix, PartyOrganisationLevel.StreetWorkingCommittee, township);
                all.Add(street);
                foreach (var village in byParent[township.Code])
                {
                    var organisation = street.AddChild(village.ShortName + (village.Kind == DivisionKind.Community ? "党委" : "党支部"),
                        PartyOrganisationLevel.CommunityOrganisation, village);
                    all.Add(organisation);
                    if (village.Code is TuanjieCommunity or YuxiCommunity)
                    {
                        all.AddRange(CommunityLowerLevels(organisation, village));
                    }
                }
            }
        }
        db.PartyOrganisations.AddRange(all);
        await db.SaveChangesAsync(cancellationToken);
        Log.SeededPartyTree(logger, all.Count);
    }

    private static IEnumerable<PartyOrganisation> CommunityLowerLevels(PartyOrganisation community, Division division)
    {
        for (var grid = 1; grid <= 3; grid++)
        {
            var branch = community.AddChild($"第{grid}网格党支部", PartyOrganisationLevel.GridBranch, division);
            yield return branch;
            for (var building = 1; building <= 2; building++)
            {
                var group = branch.AddChild($"{(grid - 1) * 2 + building}号楼党小组", PartyOrganisationLevel.BuildingGroup, division);
                yield return group;
                yield return group.AddChild($"党员中心户（{(grid - 1) * 2 + building}号楼{building}单元）", PartyOrganisationLevel.MemberHousehold, division);
            }
        }
        yield return community.AddChild("林苑小区党支部", PartyOrganisationLevel.CompoundOrganisation, division);
    }

    private async Task SeedAccountsAsync(CancellationToken cancellationToken)
    {
        var departments = await db.Departments.Where(d => d.CountyCode == DaqingshanCounty).ToDictionaryAsync(d => d.ShortCode, d => d.Id, cancellationToken);
        foreach (var (userName, displayName, role, division, department) in Accounts)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }
            var user = new AppUser
            {
                Id = Guid.NewGuid(),
                UserName = userName,
                DisplayName = displayName,
                DivisionCode = division,
                DepartmentId = department is null ? null : departments[department],
                IsDemo = true,
                LockoutEnabled = true,
                CreatedUtc = DateTime.UtcNow,
            };
            var result = await users.CreateAsync(user, DemoOptions.Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Cannot create {userName}: " + string.Join("; ", result.Errors.Select(e => e.Description)));
            }
            await users.AddToRoleAsync(user, role);
        }
    }
}

/// <summary>Roles exist in every installation, demo or not.</summary>
public sealed class RoleSeeder(RoleManager<AppRole> roles)
{
    public async Task SeedAsync()
    {
        foreach (var name in Roles.All)
        {
            if (!await roles.RoleExistsAsync(name))
            {
                await roles.CreateAsync(new AppRole(name));
            }
        }
    }
}

internal static partial class Log
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Seeded {Count} party organisations")]
    public static partial void SeededPartyTree(ILogger logger, int count);
}

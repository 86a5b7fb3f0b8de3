using System.Globalization;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Grids.Domain;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Geo;
using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Demo;

/// <summary>A demo grid's place: its community, name and the corners of its boundary (longitude, latitude; closed ring).</summary>
public sealed record DemoGridShape(string CommunityCode, string Name, (double Lng, double Lat)[] Corners)
{
    public string GeoJson => "{\"type\":\"Polygon\",\"coordinates\":[[" +
        string.Join(",", Corners.Select(c => string.Create(CultureInfo.InvariantCulture, $"[{c.Lng},{c.Lat}]"))) + "]]}";

    public (double Lng, double Lat) Centre => (Corners[..^1].Average(c => c.Lng), Corners[..^1].Average(c => c.Lat));
}

/// <summary>
/// Demo grids (with boundaries), buildings, households and people for 团结社区 and 育西社区 around 大箐山县 带岭镇, all made
/// through the normal entities. Skipped when any grid exists. The people are invented; their ID numbers are valid
/// (GB 11643 check digit) but made up, and their phones are 139… numbers.
/// </summary>
public sealed partial class GridDemoSeeder(AppDbContext db, TimeProvider time, ILogger<GridDemoSeeder> logger)
{
    /// <summary>
    /// The demo grids' boundaries. 团结社区 (south, lat 47.030–47.036) has three grids side by side from west to east with a
    /// slanted and a bent shared edge; 育西社区 (north, lat 47.040–47.046) has two. Neighbours share edges exactly.
    /// </summary>
    public static readonly IReadOnlyList<DemoGridShape> Shapes =
    [
        new(DemoSeeder.TuanjieCommunity, "第1网格", [(129.0100, 47.0300), (129.0160, 47.0300), (129.0170, 47.0360), (129.0100, 47.0360), (129.0100, 47.0300)]),
        new(DemoSeeder.TuanjieCommunity, "第2网格", [(129.0160, 47.0300), (129.0230, 47.0300), (129.0230, 47.0330), (129.0235, 47.0360), (129.0170, 47.0360), (129.0160, 47.0300)]),
        new(DemoSeeder.TuanjieCommunity, "第3网格", [(129.0230, 47.0300), (129.0300, 47.0300), (129.0300, 47.0360), (129.0235, 47.0360), (129.0230, 47.0330), (129.0230, 47.0300)]),
        new(DemoSeeder.YuxiCommunity, "第1网格", [(129.0100, 47.0400), (129.0190, 47.0400), (129.0190, 47.0460), (129.0100, 47.0460), (129.0100, 47.0400)]),
        new(DemoSeeder.YuxiCommunity, "第2网格", [(129.0190, 47.0400), (129.0280, 47.0400), (129.0280, 47.0460), (129.0190, 47.0460), (129.0190, 47.0400)]),
    ];

    /// <summary>A point inside 团结社区 第1网格 (for tests and the portal's map default).</summary>
    public static readonly (double Latitude, double Longitude) TuanjieGrid1Point = (47.0330, 129.0130);

    /// <summary>A point inside 育西社区 第2网格.</summary>
    public static readonly (double Latitude, double Longitude) YuxiGrid2Point = (47.0430, 129.0235);

    public const string DemoGridWorkerUserName = "demo-grid";

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢"];
    private static readonly string[] MaleNames = ["建国", "志强", "国庆", "振华", "德胜", "明", "伟", "军", "磊", "勇", "海涛", "长林", "文斌", "立新", "宝山", "春生"];
    private static readonly string[] FemaleNames = ["秀英", "桂兰", "丽华", "玉兰", "海燕", "淑珍", "芳", "静", "艳", "丽", "春梅", "凤琴", "晓红", "雪梅", "金凤", "冬梅"];

    private readonly List<object> _added = [];
    private DateOnly _today;
    private DateTime _now;
    private int _serial;

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Grids.AnyAsync(cancellationToken)) return;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var communities = await db.Divisions.Where(d => d.Code == DemoSeeder.TuanjieCommunity || d.Code == DemoSeeder.YuxiCommunity)
            .ToDictionaryAsync(d => d.Code, cancellationToken);
        if (communities.Count < 2) return;
        var branches = await db.PartyOrganisations.Where(o => o.Level == PartyOrganisationLevel.GridBranch
                && (o.DivisionCode == DemoSeeder.TuanjieCommunity || o.DivisionCode == DemoSeeder.YuxiCommunity))
            .Select(o => new { o.Id, o.Name, o.DivisionCode }).ToListAsync(cancellationToken);
        var demoGridUser = await db.Users.Where(u => u.UserName == DemoGridWorkerUserName).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken);

        _now = time.GetUtcNow().UtcDateTime;
        _today = DateOnly.FromDateTime(time.GetUtcNow().AddHours(8).DateTime);
        var protector = PersonalData.Protector;

        // Grids with their boundaries and branches.
        var grids = new Dictionary<(string Community, int Number), Grid>();
        foreach (var shape in Shapes)
        {
            var community = communities[shape.CommunityCode];
            var number = shape.Name[1] - '0';
            var grid = new Grid(community.Code, community.Path, shape.Name, _now)
            {
                Code = number.ToString("00", CultureInfo.InvariantCulture),
                PartyBranchId = branches.FirstOrDefault(b => b.DivisionCode == community.Code && b.Name == $"第{number}网格党支部")?.Id,
                MergedNets = "综治,民政,城管",
            };
            grid.SetBoundary(GeoPolygon.Parse(shape.GeoJson, out _));
            grids[(community.Code, number)] = grid;
            Add(grid);
        }

        // Buildings, households and residents: two buildings per grid, four households per building.
        var householdsByGrid = new Dictionary<Grid, List<(Household Household, List<Person> Members)>>();
        var compounds = new Dictionary<string, string> { [DemoSeeder.TuanjieCommunity] = "林苑小区", [DemoSeeder.YuxiCommunity] = "育西家园" };
        var householdIndex = 0;
        foreach (var ((communityCode, number), grid) in grids)
        {
            var community = communities[communityCode];
            var shape = Shapes.Single(s => s.CommunityCode == communityCode && s.Name == grid.Name);
            householdsByGrid[grid] = [];
            for (var b = 1; b <= 2; b++)
            {
                var buildingNumber = (number - 1) * 2 + b;
                var building = new Building(grid, $"{buildingNumber}号楼", units: 3, floors: 6, _now)
                {
                    Compound = compounds[communityCode],
                    // West and east of the grid's centre: well inside every demo shape.
                    Latitude = Math.Round(shape.Centre.Lat + (b == 1 ? -0.0008 : 0.0008), 6),
                    Longitude = Math.Round(shape.Centre.Lng + (b == 1 ? -0.0012 : 0.0012), 6),
                };
                Add(building);
                for (var h = 0; h < 4; h++)
                {
                    var household = new Household(community.Code, community.Path, _now)
                    {
                        GridId = grid.Id,
                        BuildingId = building.Id,
                        UnitNo = h % 3 + 1,
                        Room = $"{h / 3 + 1 + h % 2 * 2}0{h % 2 + 1}",
                        Registered = householdIndex % 7 != 3,
                    };
                    Add(household);
                    var members = Residents(community, grid, household, householdIndex, protector, isLeftBehindHome: communityCode == DemoSeeder.TuanjieCommunity && number == 1 && b == 1 && h == 2);
                    household.HeadPersonId = members[0].Id;
                    householdsByGrid[grid].Add((household, members));
                    householdIndex++;
                }
            }
        }

        // Party members among the residents: the head of each building's first household; every other one in service.
        var partyMembers = new Dictionary<Grid, Person>();
        var partyIndex = 0;
        foreach (var (grid, households) in householdsByGrid)
        {
            foreach (var (_, members) in households.Where((_, i) => i % 4 == 0))
            {
                var member = members[0];
                var inService = partyIndex++ % 2 == 0;
                Add(new PersonRole(member, PersonRoleKind.PartyMember, _now)
                {
                    PartyOrganisationId = grid.PartyBranchId,
                    InService = inService,
                    Employer = inService ? (partyIndex % 4 == 1 ? "大箐山县住房和城乡建设局" : "带岭镇中心小学") : null,
                    Title = partyIndex % 4 == 1 ? "党员中心户" : null,
                });
                partyMembers.TryAdd(grid, member);
            }
            // Volunteers: the spouses of the couples in each grid's second building.
            foreach (var (_, members) in households.Skip(4).Where(x => x.Members.Count > 1).Take(2))
            {
                Add(new PersonRole(members[1], PersonRoleKind.Volunteer, _now) { Title = "党员志愿服务队" });
            }
        }

        // Staff of each community (not residents of its grids): community workers, medical staff, grid workers.
        var tuanjie = communities[DemoSeeder.TuanjieCommunity];
        var yuxi = communities[DemoSeeder.YuxiCommunity];
        var secretary = Staff(tuanjie, "孙桂芝", false, 1972, protector, (PersonRoleKind.CommunityWorker, "社区党委书记、居委会主任", true));
        var gridLeader = Staff(tuanjie, "马振东", true, 1978, protector, (PersonRoleKind.CommunityWorker, "网格长", true));
        Staff(tuanjie, "郭晓燕", false, 1990, protector, (PersonRoleKind.CommunityWorker, "社区工作者", false));
        Staff(yuxi, "罗丽娜", false, 1975, protector, (PersonRoleKind.CommunityWorker, "社区党委书记、居委会主任", true));
        Staff(yuxi, "梁国栋", true, 1985, protector, (PersonRoleKind.CommunityWorker, "社区工作者", false));
        Staff(tuanjie, "宋立华", false, 1980, protector, (PersonRoleKind.MedicalStaff, "主治医师", false), employer: "带岭镇卫生院");
        Staff(tuanjie, "郑文博", true, 1983, protector, (PersonRoleKind.FamilyDoctor, "全科医生（家庭医生）", false), employer: "带岭镇卫生院");
        _ = secretary;

        var demoWorker = Staff(tuanjie, "李晓梅", false, 1988, protector, (PersonRoleKind.GridWorker, "专职网格员", false), (PersonRoleKind.CommunityWorker, "专职网格员", true));
        demoWorker.UserId = demoGridUser;
        var fullTime = new Dictionary<Grid, Person>
        {
            [grids[(tuanjie.Code, 1)]] = demoWorker,
            [grids[(tuanjie.Code, 2)]] = Staff(tuanjie, "王海燕", false, 1986, protector, (PersonRoleKind.GridWorker, "专职网格员", false), (PersonRoleKind.CommunityWorker, "专职网格员", false)),
            [grids[(tuanjie.Code, 3)]] = Staff(tuanjie, "刘振华", true, 1984, protector, (PersonRoleKind.GridWorker, "专职网格员", false), (PersonRoleKind.CommunityWorker, "专职网格员", true)),
            [grids[(yuxi.Code, 1)]] = Staff(yuxi, "周静", false, 1991, protector, (PersonRoleKind.GridWorker, "专职网格员", false), (PersonRoleKind.CommunityWorker, "专职网格员", false)),
            [grids[(yuxi.Code, 2)]] = Staff(yuxi, "吴勇", true, 1987, protector, (PersonRoleKind.GridWorker, "专职网格员", false), (PersonRoleKind.CommunityWorker, "专职网格员", true)),
        };
        foreach (var (grid, worker) in fullTime)
        {
            Add(new GridWorkerAssignment(grid, worker.Id, GridWorkerType.FullTime, _now));
            grid.LeaderPersonId = worker.Id;
        }
        grids[(tuanjie.Code, 1)].LeaderPersonId = gridLeader.Id;
        // 一人多格: a city-management specialist across 团结's grids 2 and 3; 多人一格: two part-time workers in grid 1.
        var specialist = Staff(tuanjie, "陈德胜", true, 1979, protector, (PersonRoleKind.GridWorker, "专业网格员（城管）", false));
        Add(new GridWorkerAssignment(grids[(tuanjie.Code, 2)], specialist.Id, GridWorkerType.Specialist, _now));
        Add(new GridWorkerAssignment(grids[(tuanjie.Code, 3)], specialist.Id, GridWorkerType.Specialist, _now));
        foreach (var (name, male, year) in new[] { ("赵国庆", true, 1965), ("何春梅", false, 1970) })
        {
            var partTime = Staff(tuanjie, name, male, year, protector, (PersonRoleKind.GridWorker, "兼职网格员（楼栋长）", false), (PersonRoleKind.Volunteer, "志愿者", false));
            Add(new GridWorkerAssignment(grids[(tuanjie.Code, 1)], partTime.Id, GridWorkerType.PartTime, _now));
        }

        // "1+1带N": in each grid, its first party member and its full-time worker look after the first households.
        foreach (var (grid, households) in householdsByGrid)
        {
            var pairing = new GridPairing(grid, partyMembers[grid].Id, fullTime[grid].Id, _now);
            foreach (var (household, _) in households.Skip(1).Take(grid.Name == "第1网格" ? 4 : 3)) pairing.AddHousehold(household.Id);
            Add(pairing);
        }

        db.AddRange(_added);
        await db.SaveChangesAsync(cancellationToken);
        Seeded(logger, grids.Count, _serial, watch.ElapsedMilliseconds);
    }

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Seeded {Grids} demo grids with {People} people in {Milliseconds} ms")]
    private static partial void Seeded(ILogger logger, int grids, int people, long milliseconds);

    /// <summary>A household's residents by a repeating pattern of family shapes (tags on the key groups among them).</summary>
    private List<Person> Residents(Division community, Grid grid, Household household, int index, PersonalDataProtector protector, bool isLeftBehindHome)
    {
        var surname = Surnames[index % Surnames.Length];
        var other = Surnames[(index * 7 + 5) % Surnames.Length];
        var members = new List<Person>();
        Person Resident(string name, bool male, int age, string relation)
        {
            var person = NewPerson(community, name, male, age, protector);
            person.GridId = grid.Id;
            person.HouseholdId = household.Id;
            person.RelationToHead = relation;
            members.Add(person);
            return person;
        }

        if (isLeftBehindHome)
        {
            // Grandparents raising a grandchild whose parents work away (留守儿童): the demo's one child under 14.
            var grandfather = Resident(surname + MaleNames[index % MaleNames.Length], true, 68, "户主");
            Resident(other + FemaleNames[index % FemaleNames.Length], false, 66, "配偶");
            var child = Resident(surname + "小" + MaleNames[(index + 3) % MaleNames.Length][..1], true, 8, "孙子女");
            Tag(child, "left-behind-child");
            Tag(grandfather, "chronic");
            grandfather.HealthNote = "高血压，规律服药";
            return members;
        }
        switch (index % 4)
        {
            case 0:
            {
                // A retired couple and their grown-up son.
                var head = Resident(surname + MaleNames[index % MaleNames.Length], true, 62 + index % 5, "户主");
                Resident(other + FemaleNames[index % FemaleNames.Length], false, 60 + index % 5, "配偶");
                Resident(surname + MaleNames[(index + 5) % MaleNames.Length], true, 34 + index % 4, "子女");
                if (index % 8 == 0)
                {
                    Tag(head, "chronic");
                    head.HealthNote = "糖尿病";
                }
                break;
            }
            case 1:
            {
                // An elderly widow living alone (独居, 高龄).
                var widow = Resident(other + FemaleNames[(index + 2) % FemaleNames.Length], false, 80 + index % 9, "户主");
                Tag(widow, "elderly-alone");
                Tag(widow, "very-old");
                if (index % 3 == 0)
                {
                    Tag(widow, "dibao");
                    widow.WelfareNote = "城市低保，每月领取保障金";
                }
                break;
            }
            case 2:
            {
                // A couple in their forties with a daughter at university.
                Resident(surname + MaleNames[(index + 1) % MaleNames.Length], true, 45 + index % 6, "户主");
                Resident(other + FemaleNames[(index + 4) % FemaleNames.Length], false, 43 + index % 6, "配偶");
                Resident(surname + FemaleNames[(index + 7) % FemaleNames.Length], false, 19 + index % 3, "子女");
                break;
            }
            default:
            {
                // A couple in their fifties, one of them disabled and on 低保.
                var head = Resident(surname + MaleNames[(index + 2) % MaleNames.Length], true, 55 + index % 5, "户主");
                Resident(other + FemaleNames[(index + 6) % FemaleNames.Length], false, 53 + index % 5, "配偶");
                Tag(head, "disabled");
                head.HealthNote = "肢体残疾三级";
                if (index % 2 == 1)
                {
                    Tag(head, "dibao");
                    head.WelfareNote = "城市低保";
                }
                break;
            }
        }
        return members;
    }

    /// <summary>Someone who works for the community (not one of its grids' residents), with their roles.</summary>
    private Person Staff(Division community, string name, bool male, int birthYear, PersonalDataProtector protector,
        (PersonRoleKind Kind, string Title, bool Certified) role, (PersonRoleKind Kind, string Title, bool Certified)? second = null, string? employer = null)
    {
        var person = NewPerson(community, name, male, _today.Year - birthYear, protector);
        foreach (var (kind, title, certified) in second is { } s ? new[] { role, s } : [role])
        {
            Add(new PersonRole(person, kind, _now) { Title = title, Certified = certified, Employer = employer });
        }
        return person;
    }

    private Person NewPerson(Division community, string name, bool male, int age, PersonalDataProtector protector)
    {
        var serial = _serial++;
        var person = new Person(community.Code, community.Path, _now);
        // Born `age` years and some days before today, so the age is exact; the sequence's parity carries the sex.
        var birth = _today.AddYears(-age).AddDays(-(serial * 37 % 300) - 1);
        var sequence = (100 + serial * 2 + (male ? 1 : 0)) % 1000;
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{DemoSeeder.DaqingshanCounty}{birth:yyyyMMdd}{sequence:000}");
        person.SetName(name, _today);
        person.SetIdNumber(first17 + ChineseIdNumber.CheckCharacter(first17), protector, _today);
        person.SetPhone(string.Create(CultureInfo.InvariantCulture, $"139{(46_010_000 + serial * 7_919) % 100_000_000:00000000}"), protector);
        Add(person);
        return person;
    }

    private void Tag(Person person, string group) => Add(new PersonTag(person.Id, group, _now));

    private void Add(object entity) => _added.Add(entity);
}

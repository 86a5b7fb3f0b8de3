using Jiceng.Web.Data;
using Jiceng.Web.Modules.CoBuilding.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Demo;

/// <summary>Demo the pairings of 团结社区 and 育西社区 with the demo units, their three lists and agreements, the rotating chair schedule, joint meetings and part-time committee members. Skipped when already there, so a second start changes nothing.</summary>
public sealed class CoBuildingDemoSeeder(AppDbContext db, TimeProvider time)
{
    private const string PowerCompany = "国网大箐山县供电公司";
    private const string Hospital = "大箐山县人民医院";
    private const string School = "大箐山县第一中学";
    private const string College = "伊春职业学院";

    /// <summary>团结社区's needs list: six categories, a subset of the seed's 34 items.</summary>
    private static readonly (string Category, string Item)[] Needs =
    [
        ("组织共建", "联合开展主题党日活动"),
        ("组织共建", "选派党员到社区报到服务"),
        ("助老服务", "为独居老人开展上门义诊"),
        ("助老服务", "重阳节敬老慰问"),
        ("就业帮扶", "为失业人员提供岗位信息"),
        ("就业帮扶", "开展技能培训一期"),
        ("环境整治", "老旧小区楼道清理"),
        ("环境整治", "冬季清雪除冰"),
        ("文化教育", "青少年假期课堂"),
        ("文化教育", "法律知识进社区"),
        ("安全稳定", "用电安全隐患排查"),
        ("安全稳定", "防汛应急演练"),
    ];

    private static readonly Dictionary<string, (string Category, string Item)[]> Resources = new()
    {
        [PartyBuildingDemoSeeder.DemoUnitName] = [("人才资源", "派出党员志愿者参与清雪"), ("专业资源", "自然资源政策宣讲"), ("物资资源", "捐赠办公桌椅 10 套")],
        [PowerCompany] = [("专业资源", "入户用电安全检查"), ("人才资源", "共产党员服务队上门维修")],
        [Hospital] = [("医疗资源", "每月一次健康义诊"), ("医疗资源", "慢病随访与用药指导")],
    };

    private static readonly string[] Themes =
    [
        "新春送温暖", "学雷锋志愿服务", "植树护绿", "青年理想信念教育", "安全生产月", "庆祝建党节",
        "暑期青少年课堂", "防汛安全宣传", "中秋邻里节", "重阳敬老", "冬季清雪", "年终共建总结",
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.CoBuildingPairings.AnyAsync(cancellationToken)) return;
        var communities = await db.Divisions.Where(d => d.Code == DemoSeeder.TuanjieCommunity || d.Code == DemoSeeder.YuxiCommunity)
            .ToDictionaryAsync(d => d.Code, d => d.Path, cancellationToken);
        var units = await db.CoBuildingUnits.ToDictionaryAsync(u => u.Name, cancellationToken);
        if (communities.Count < 2 || !new[] { PartyBuildingDemoSeeder.DemoUnitName, PowerCompany, Hospital }.All(units.ContainsKey)) return;
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now.AddHours(8));
        var year = today.Year;
        var tuanjie = DemoSeeder.TuanjieCommunity;
        var tuanjiePath = communities[tuanjie];

        CoBuildingPairing Pair(string unitName, string community, string? note = null)
        {
            var pairing = new CoBuildingPairing(units[unitName].Id, community, communities[community], now.AddDays(-90))
            {
                Status = PairingStatus.Active, ConfirmedUtc = now.AddDays(-88), Note = note,
            };
            db.CoBuildingPairings.Add(pairing);
            return pairing;
        }

        var resources = units.Values.Where(u => Resources.ContainsKey(u.Name)).ToDictionary(u => u.Name, u => u);
        var land = Pair(PartyBuildingDemoSeeder.DemoUnitName, tuanjie, "机关党支部到社区报到");
        // The agreement is recorded by its dates; the signed scan is uploaded on the console.
        land.AgreementSignedOn = new DateOnly(year, 1, 15);
        land.AgreementStartsOn = new DateOnly(year, 1, 15);
        land.AgreementEndsOn = new DateOnly(year, 12, 31);
        var power = Pair(PowerCompany, tuanjie);
        var hospital = Pair(Hospital, tuanjie);
        if (units.ContainsKey(School)) Pair(School, DemoSeeder.YuxiCommunity);
        if (units.ContainsKey(College)) Pair(College, DemoSeeder.YuxiCommunity);

        var needs = Needs.Select((n, i) => new CommunityNeed(tuanjie, tuanjiePath, year, n.Category, n.Item, now.AddMinutes(i))).ToList();
        db.CommunityNeeds.AddRange(needs);
        var offered = new Dictionary<string, List<UnitResource>>();
        foreach (var (name, items) in Resources)
        {
            if (!units.TryGetValue(name, out var unit)) continue;
            offered[name] = items.Select(r => new UnitResource(unit, year, r.Category, r.Item, now)).ToList();
            db.UnitResources.AddRange(offered[name]);
        }

        JointProject Project(CoBuildingPairing pairing, string title, CommunityNeed need, UnitResource? resource, ProjectStatus status, int percent, string? note)
        {
            var project = new JointProject(pairing, year, title, now.AddDays(-60))
            {
                NeedId = need.Id, ResourceId = resource?.Id, Status = status, ProgressPercent = percent, ProgressNote = note, DueOn = new DateOnly(year, 12, 20),
            };
            if (status == ProjectStatus.Completed)
            {
                project.Beneficiaries = 86;
                project.CompletedUtc = now.AddDays(-20);
            }
            db.JointProjects.Add(project);
            return project;
        }
        Project(land, "冬季清雪志愿服务", needs[7], offered[PartyBuildingDemoSeeder.DemoUnitName][0], ProjectStatus.InProgress, 40, "已组织两次集中清雪");
        Project(power, "用电安全入户排查", needs[10], offered.GetValueOrDefault(PowerCompany)?[0], ProjectStatus.Completed, 100, "排查 86 户，整改隐患 12 处");
        Project(hospital, "独居老人上门义诊", needs[2], offered.GetValueOrDefault(Hospital)?[0], ProjectStatus.Planned, 0, null);

        // This year's rotating chair: the three units in turn; past months count as announced.
        var chairs = new[] { land, power, hospital };
        for (var month = 1; month <= 12; month++)
        {
            db.RotatingChairMonths.Add(new RotatingChairMonth(tuanjie, tuanjiePath, year, month, chairs[(month - 1) % 3].UnitId!.Value)
            {
                Theme = Themes[month - 1], ReminderSentUtc = month < today.Month ? now : null,
            });
        }

        var wang = new PartTimeCommitteeMember(tuanjie, tuanjiePath, units[PartyBuildingDemoSeeder.DemoUnitName].Id, "孙立军", now.AddDays(-80))
        {
            Post = "办公室主任", Education = "大学本科", Duty = "协助社区开展环境整治", Status = CommitteeMemberStatus.Appointed, AppointedOn = today.AddDays(-75),
        };
        var li = new PartTimeCommitteeMember(tuanjie, tuanjiePath, units[Hospital].Id, "李晓燕", now.AddDays(-80))
        {
            Post = "护理部副主任", Education = "大学本科", Duty = "协助社区开展健康服务", Status = CommitteeMemberStatus.Appointed, AppointedOn = today.AddDays(-75),
        };
        db.PartTimeCommitteeMembers.AddRange(wang, li);

        var first = new JointMeeting(tuanjie, tuanjiePath, MeetingKind.JointMeeting, today.AddDays(-70), "结对共建联席会议（年度项目对接）", now.AddDays(-70))
        {
            Place = "团结社区党群服务中心", Convener = "县委组织部联络员", ChairUnitId = land.UnitId,
            Minutes = "通报社区需求清单 6 大类，各共建单位提交资源清单，对接确定本年度共建项目。",
            Decisions = "确定冬季清雪、用电安全排查、独居老人义诊三个共建项目\n各单位明确一名联络员",
        };
        var second = new JointMeeting(tuanjie, tuanjiePath, MeetingKind.JointMeeting, today.AddDays(-12), "结对共建联席会议（项目推进）", now.AddDays(-12))
        {
            Place = "团结社区党群服务中心", Convener = "团结社区党委书记", ChairUnitId = power.UnitId,
            Minutes = "各单位汇报项目进展，用电安全排查已完成，清雪项目持续推进。",
            Decisions = "人民医院于下月开展首次上门义诊",
        };
        db.JointMeetings.AddRange(first, second);
        foreach (var meeting in new[] { first, second })
        {
            db.JointMeetingAttendees.Add(new JointMeetingAttendee(meeting.Id, tuanjiePath, wang.Name) { UnitId = wang.UnitId, CommitteeMemberId = wang.Id });
            db.JointMeetingAttendees.Add(new JointMeetingAttendee(meeting.Id, tuanjiePath, "张桂兰"));
            db.JointMeetingAttendees.Add(new JointMeetingAttendee(meeting.Id, tuanjiePath, "周建国") { UnitId = power.UnitId });
        }
        db.JointMeetingAttendees.Add(new JointMeetingAttendee(second.Id, tuanjiePath, li.Name) { UnitId = li.UnitId, CommitteeMemberId = li.Id });
        await db.SaveChangesAsync(cancellationToken);
    }
}

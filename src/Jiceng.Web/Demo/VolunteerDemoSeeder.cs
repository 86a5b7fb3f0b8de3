using Jiceng.Web.Data;
using Jiceng.Web.Modules.Volunteering.Domain;
using Jiceng.Web.Modules.Volunteering.Features;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Demo;

/// <summary>Demo volunteer teams, activities with sign-ups and hours, and self-logged hours. Skipped when already there, so a second start changes nothing.</summary>
public sealed class VolunteerDemoSeeder(AppDbContext db, TimeProvider time)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.VolunteerTeams.AnyAsync(cancellationToken)) return;
        var places = await db.Divisions.Where(d => d.Code == DemoSeeder.TuanjieCommunity || d.Code == DemoSeeder.YuxiCommunity)
            .ToDictionaryAsync(d => d.Code, d => d.Path, cancellationToken);
        if (places.Count < 2) return;
        var tuanjie = (Code: DemoSeeder.TuanjieCommunity, Path: places[DemoSeeder.TuanjieCommunity]);
        var yuxi = (Code: DemoSeeder.YuxiCommunity, Path: places[DemoSeeder.YuxiCommunity]);
        var now = time.GetUtcNow().UtcDateTime;
        var today = Jiceng.Web.Platform.Time.WorkingCalendar.LocalDate(now);

        var accounts = await db.Users.Where(u => u.UserName == "demo-volunteer" || u.UserName == "demo-party").ToDictionaryAsync(u => u.UserName!, u => u.Id, cancellationToken);
        var ids = accounts.Values.ToList();
        var people = await db.People.Where(p => p.UserId != null && ids.Contains(p.UserId.Value)).ToDictionaryAsync(p => p.UserId!.Value, p => (p.Id, p.Name), cancellationToken);
        (Guid? User, Guid? Person, string Name) Account(string userName, string fallback)
        {
            if (!accounts.TryGetValue(userName, out var id)) return (null, null, fallback);
            return people.TryGetValue(id, out var p) ? (id, p.Id, p.Name) : (id, null, fallback);
        }
        var volunteer = Account("demo-volunteer", "刘志强");
        var party = Account("demo-party", "王红梅");

        var partyTeam = new VolunteerTeam(tuanjie.Code, tuanjie.Path, "团结社区党员志愿服务队", VolunteerTeamKind.PartyMemberTeam, now)
        { LeaderName = "王红梅", Description = "政策宣讲、助老助残、环境整治" };
        var redTeam = new VolunteerTeam(tuanjie.Code, tuanjie.Path, "团结社区红色志愿者", VolunteerTeamKind.RedVolunteers, now)
        { LeaderName = "刘志强", Description = "爱心义剪、家电维修、四点半课堂" };
        var yuxiTeam = new VolunteerTeam(yuxi.Code, yuxi.Path, "育西社区党团志愿服务队", VolunteerTeamKind.PartyYouthTeam, now)
        { LeaderName = "陈晓东", Description = "健康义诊、垃圾分类宣传" };
        db.VolunteerTeams.AddRange(partyTeam, redTeam, yuxiTeam);
        db.VolunteerTeamMembers.AddRange(
            new VolunteerTeamMember(partyTeam, party.Name, party.User, party.Person, now) { Skills = "政策宣讲" },
            new VolunteerTeamMember(partyTeam, "李建国", null, null, now) { Skills = "电工" },
            new VolunteerTeamMember(redTeam, volunteer.Name, volunteer.User, volunteer.Person, now) { Skills = "理发,家电维修" },
            new VolunteerTeamMember(redTeam, "张桂芝", null, null, now) { Skills = "理发" },
            new VolunteerTeamMember(redTeam, "赵丽娟", null, null, now) { Skills = "辅导功课" },
            new VolunteerTeamMember(yuxiTeam, "陈晓东", null, null, now) { Skills = "医护" },
            new VolunteerTeamMember(yuxiTeam, "孙雨萱", null, null, now));

        // Past activities, held and closed with the people served (days ago, hours of length, people served, helpers).
        var held = new (VolunteerTeam Team, (string Code, string Path) At, string Title, string Theme, string Place, int DaysAgo, int Hours, int Served, bool Volunteer, bool Party, string[] Others)[]
        {
            (redTeam, tuanjie, "爱心义剪暖夕阳", "爱心义剪", "团结社区党群服务中心", 40, 3, 18, true, false, ["张桂芝"]),
            (redTeam, tuanjie, "四点半课堂：作业辅导", "四点半课堂", "团结社区图书室", 30, 2, 25, true, true, ["赵丽娟"]),
            (partyTeam, tuanjie, "家电维修进社区", "家电维修", "团结社区广场", 21, 3, 12, true, true, ["李建国"]),
            (partyTeam, tuanjie, "爱心打扫卫生：独居老人家中", "爱心打扫卫生", "团结社区3号楼", 14, 2, 9, false, true, ["李建国", "张桂芝"]),
            (redTeam, tuanjie, "政策宣讲进楼栋", "政策宣讲", "团结社区各楼栋", 7, 2, 40, true, false, ["赵丽娟"]),
            (yuxiTeam, yuxi, "健康义诊", "健康义诊", "育西社区卫生服务站", 20, 3, 30, false, false, ["陈晓东", "孙雨萱"]),
            (yuxiTeam, yuxi, "助老助残上门服务", "助老助残", "育西社区", 10, 2, 8, false, false, ["孙雨萱"]),
        };
        foreach (var h in held)
        {
            var start = VolunteeringContext.StartOfDayUtc(today.AddDays(-h.DaysAgo)).AddHours(1); // 09:00 in China
            var end = start.AddHours(h.Hours);
            var capacity = 10;
            var activity = new VolunteerActivity(h.At.Code, h.At.Path, h.Title, start, end, capacity, VolunteeringContext.NewCheckInCode(), start.AddDays(-5))
            {
                TeamId = h.Team.Id, Theme = h.Theme, Place = h.Place, Status = ActivityStatus.Closed, PeopleServed = h.Served, ClosedUtc = end,
            };
            var helpers = new List<(Guid? User, Guid? Person, string Name)>();
            if (h.Volunteer) helpers.Add(volunteer);
            if (h.Party) helpers.Add(party);
            helpers.AddRange(h.Others.Select(n => ((Guid?)null, (Guid?)null, n)));
            foreach (var (who, i) in helpers.Select((w, i) => (w, i)))
            {
                var checkedIn = start.AddMinutes(-10 + 5 * i);
                db.ActivitySignups.Add(new ActivitySignup(activity, who.User, who.Person, who.Name, start.AddDays(-3))
                {
                    CheckedInUtc = checkedIn, CheckedOutUtc = end, CreditedMinutes = VolunteeringContext.CreditedMinutes(checkedIn, end, start, end),
                });
            }
            activity.SignedUpCount = helpers.Count;
            db.VolunteerActivities.Add(activity);
        }

        // Upcoming open activities, one already with a sign-up.
        var upcoming = new (VolunteerTeam Team, (string Code, string Path) At, string Title, string Theme, string Place, int InDays, int Capacity, string? Skills)[]
        {
            (redTeam, tuanjie, "四点半课堂：暑期阅读", "四点半课堂", "团结社区图书室", 3, 10, "辅导功课"),
            (redTeam, tuanjie, "爱心义剪暖夕阳", "爱心义剪", "团结社区党群服务中心", 6, 8, "理发"),
            (yuxiTeam, yuxi, "垃圾分类宣传", "环境整治", "育西社区广场", 4, 12, null),
        };
        foreach (var u in upcoming)
        {
            var start = VolunteeringContext.StartOfDayUtc(today.AddDays(u.InDays)).AddHours(6); // 14:00 in China
            var activity = new VolunteerActivity(u.At.Code, u.At.Path, u.Title, start, start.AddHours(2), u.Capacity, VolunteeringContext.NewCheckInCode(), now)
            {
                TeamId = u.Team.Id, Theme = u.Theme, Place = u.Place, RequiredSkills = u.Skills,
            };
            if (u.At.Code == tuanjie.Code && u.InDays == 3)
            {
                db.ActivitySignups.Add(new ActivitySignup(activity, party.User, party.Person, party.Name, now));
                activity.SignedUpCount = 1;
            }
            db.VolunteerActivities.Add(activity);
        }

        db.VolunteerHoursClaims.Add(new VolunteerHoursClaim(tuanjie.Code, tuanjie.Path, volunteer.User, volunteer.Name, today.AddDays(-2), 120,
            "帮助独居老人采购生活用品并打扫卫生", now) { PersonId = volunteer.Person, TeamId = redTeam.Id, PeopleServed = 1 });
        await db.SaveChangesAsync(cancellationToken);
    }
}

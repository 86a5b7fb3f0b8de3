using Jiceng.Web.Data;
using Jiceng.Web.Modules.Care.Domain;
using Jiceng.Web.Modules.ElderlyChildren.Domain;
using Jiceng.Web.Modules.ElderlyChildren.Features;
using Jiceng.Web.Modules.Notifications;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Demo;

/// <summary>
/// Demo data of the elderly and children module: a canteen in 团结 and 育西 with the "三个一点" table (80+ and 低保/特困
/// pay 5 元 of a 15 元 meal, government 6, community 4; 60–79 pay 10, government 3, community 2), this week's menus and
/// last month's orders for the grid seed's older residents; a 养老驿站 per community with health checks (two abnormal
/// ones told to the helpers of the help plans the care seed made) and activities; a 四点半课堂 in 团结 and a 童心港湾 in
/// 育西 with sessions, enrolments with guardian consent and attendance. Skipped when any canteen exists, so a second
/// start changes nothing.
/// </summary>
public sealed class ElderlyChildrenDemoSeeder(AppDbContext db, TimeProvider time)
{
    private static readonly string[] Lunches =
    [
        "红烧肉炖土豆、清炒油菜、小米饭、紫菜蛋花汤", "清蒸鲈鱼、木耳炒山药、杂粮饭、冬瓜汤", "小鸡炖蘑菇、地三鲜、大米饭、白菜豆腐汤",
        "西红柿炖牛腩、蒜蓉西兰花、二米饭、萝卜汤", "酸菜白肉、芹菜炒香干、馒头、小米粥", "猪肉白菜饺子、拌黄瓜、饺子汤", "鸡蛋羹、肉末茄子、软米饭、青菜汤",
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Canteens.AnyAsync(cancellationToken)) return;
        var now = time.GetUtcNow().UtcDateTime;
        var today = WorkingCalendar.LocalDate(now);
        var communities = await db.Divisions.Where(d => d.Code == DemoSeeder.TuanjieCommunity || d.Code == DemoSeeder.YuxiCommunity)
            .ToDictionaryAsync(d => d.Code, d => d.Path, cancellationToken);
        if (communities.Count == 0) return;

        foreach (var (code, path) in communities.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var tuanjie = code == DemoSeeder.TuanjieCommunity;
            var name = tuanjie ? "团结社区" : "育西社区";
            var people = await db.People.Where(p => p.DivisionCode == code && p.ErasedUtc == null).ToListAsync(cancellationToken);
            var ids = people.Select(p => p.Id).ToList();
            var tags = (await db.PersonTags.Where(t => ids.Contains(t.PersonId)).ToListAsync(cancellationToken)).ToLookup(t => t.PersonId, t => t.GroupCode);
            var elderly = people.Where(p => p.AgeOn(today) >= 60).OrderByDescending(p => p.AgeOn(today)).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();

            SeedCanteen(code, path, name, tuanjie, today, now, elderly, tags);
            await SeedStationAsync(code, path, name, tuanjie, today, now, elderly, cancellationToken);
            SeedProgramme(code, path, name, tuanjie, today, now, people);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private void SeedCanteen(string code, string path, string community, bool tuanjie, DateOnly today, DateTime now, List<Person> elderly, ILookup<Guid, string> tags)
    {
        var canteen = new Canteen(code, path, community + "长者食堂", community + "党群服务中心一楼", "早餐 7:00–8:00；午餐 11:00–12:30；晚餐 17:00–18:00", now.AddDays(-90));
        db.Add(canteen);
        var bands = new List<CanteenSubsidyBand>
        {
            new(canteen, "80岁及以上", 80, null, null, ShareKind.FixedFen, 600, 400),
            new(canteen, "低保", null, null, "dibao", ShareKind.FixedFen, 600, 400),
            new(canteen, "特困", null, null, "tekun", ShareKind.FixedFen, 600, 400),
            new(canteen, "60–79岁", 60, 79, null, ShareKind.FixedFen, 300, 200),
        };
        db.AddRange(bands);
        // This week's menu: lunch every day, breakfast on weekdays.
        for (var d = 0; d < 7; d++)
        {
            var date = today.AddDays(d);
            db.Add(new CanteenMenuItem(canteen, date, Meal.Lunch, new TimeOnly(11, 0), "午餐套餐", Lunches[(date.DayNumber + (tuanjie ? 0 : 3)) % Lunches.Length], 1500));
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                db.Add(new CanteenMenuItem(canteen, date, Meal.Breakfast, new TimeOnly(7, 0), "营养早餐", "小米粥、鸡蛋、花卷、咸菜", 500));
        }
        // Last month's lunches, and orders for up to a dozen older residents (fewer in 育西).
        var firstOfThisMonth = new DateOnly(today.Year, today.Month, 1);
        var diners = elderly.Take(tuanjie ? 12 : 5).ToList();
        for (var date = firstOfThisMonth.AddMonths(-1); date < firstOfThisMonth; date = date.AddDays(1))
        {
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            var item = new CanteenMenuItem(canteen, date, Meal.Lunch, new TimeOnly(11, 0), "午餐套餐", Lunches[date.DayNumber % Lunches.Length], 1500);
            db.Add(item);
            var mealUtc = WorkingCalendar.LocalMidnightToUtc(date) + item.ServedFrom.ToTimeSpan();
            for (var i = 0; i < diners.Count; i++)
            {
                if ((date.DayNumber + i) % 3 == 0) continue; // not everyone eats every day
                var person = diners[i];
                var split = SubsidySplit.For(item.PriceFen, person.AgeOn(date), tags[person.Id].ToList(), bands);
                var order = new MealOrder(canteen, item, person.Id, person.Name, person.UserId, mealUtc, split.ElderlyFen, split.GovernmentFen, split.CommunityFen,
                    split.BandLabel, null, mealUtc.AddDays(-1));
                if ((date.DayNumber + i) % 17 == 0) order.Cancel(mealUtc.AddHours(-3));
                db.Add(order);
            }
        }
    }

    private async Task SeedStationAsync(string code, string path, string community, bool tuanjie, DateOnly today, DateTime now, List<Person> elderly,
        CancellationToken cancellationToken)
    {
        var station = new CareStation(code, path, community + "养老驿站", community + "党群服务中心二楼", "周一至周五 8:30–16:30", now.AddDays(-120));
        db.Add(station);
        db.Add(new StationActivity(station, today.AddDays(-20), "健康讲座", "秋冬季心脑血管疾病预防", tuanjie ? 42 : 26, now));
        db.Add(new StationActivity(station, today.AddDays(-12), "义诊", "党员医生进驿站义诊：免费测血压血糖", tuanjie ? 65 : 38, now));
        db.Add(new StationActivity(station, today.AddDays(-5), "文化活动", "智能手机使用课堂", tuanjie ? 23 : 15, now));

        // The people the care seed gave help plans to: their abnormal checks reach their helpers.
        var planned = await db.HelpPlans.Where(p => p.Status == HelpPlanStatus.Active).Select(p => p.PersonId).ToListAsync(cancellationToken);
        var checkedPeople = elderly.OrderBy(p => planned.Contains(p.Id) ? 0 : 1).Take(tuanjie ? 10 : 4).ToList();
        var abnormalLeft = tuanjie ? 2 : 0;
        var readings = new (int Sys, int Dia, decimal Glucose)[] { (128, 82, 5.6m), (136, 84, 6.1m), (118, 76, 5.2m), (132, 80, 6.4m), (124, 78, 5.8m) };
        for (var i = 0; i < checkedPeople.Count; i++)
        {
            var person = checkedPeople[i];
            var measured = WorkingCalendar.LocalMidnightToUtc(today.AddDays(-(i % 6) - 1)).AddHours(9 + i % 3);
            var check = new HealthCheck(station, person.Id, person.Name, person.UserId, measured, "驿站护士王丽", null, now);
            var abnormal = abnormalLeft > 0 && planned.Contains(person.Id);
            if (abnormal)
            {
                abnormalLeft--;
                check.SetReadings(158, 96, 7.8m, true);
                check.Note = "近日头晕，建议复测并就医";
                check.HelpersNotifiedUtc = now;
                await NotifyHelpersAsync(person.Id, person.Name, now, cancellationToken);
            }
            else
            {
                var r = readings[i % readings.Length];
                check.SetReadings(r.Sys, r.Dia, r.Glucose, true);
            }
            db.Add(check);
            // A second, earlier check for some: a short history.
            if (i % 2 == 0)
            {
                var earlier = new HealthCheck(station, person.Id, person.Name, person.UserId, measured.AddDays(-30), "驿站护士王丽", null, now);
                earlier.SetReadings(126, 80, 5.9m, false);
                db.Add(earlier);
            }
        }
    }

    private async Task NotifyHelpersAsync(Guid personId, string personName, DateTime now, CancellationToken cancellationToken)
    {
        var helpers = await (from plan in db.HelpPlans
                             where plan.PersonId == personId && plan.Status == HelpPlanStatus.Active
                             from h in plan.Helpers
                             join p in db.People on h.HelperPersonId equals p.Id
                             where p.UserId != null
                             select p.UserId!.Value).Distinct().ToListAsync(cancellationToken);
        foreach (var userId in helpers)
            db.Add(new Notification { UserId = userId, CreatedUtc = now, Title = CareStations.NotificationTitle, Body = $"{Mask.Name(personName)} 健康检测异常，请尽快联系", Link = "/elderly-children?tab=health" });
    }

    private void SeedProgramme(string code, string path, string community, bool tuanjie, DateOnly today, DateTime now, List<Person> people)
    {
        var termStart = today.AddDays(-30);
        var programme = tuanjie
            ? new ChildrenProgramme(code, path, "四点半课堂", ProgrammeKind.AfterSchool, community + "党群服务中心童心港湾", "本学期", termStart, termStart.AddDays(140), 30, now)
            : new ChildrenProgramme(code, path, "童心港湾周末乐园", ProgrammeKind.ChildrenHarbour, community + "童心港湾活动室", "本学期", termStart, termStart.AddDays(140), 20, now);
        db.Add(programme);
        var sessions = new List<ProgrammeSession>();
        string[] topics = tuanjie ? ["语文作业辅导", "数学作业辅导", "趣味科学实验", "书法练习", "英语绘本阅读", "安全教育"] : ["手工折纸", "绘本共读", "亲子游戏"];
        for (int d = 1, n = 0; n < topics.Length && d < 30; d++)
        {
            var date = today.AddDays(-d);
            if (tuanjie ? date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday : date.DayOfWeek != DayOfWeek.Saturday) continue;
            var session = new ProgrammeSession(programme, date, tuanjie ? new TimeOnly(16, 30) : new TimeOnly(9, 30), tuanjie ? new TimeOnly(18, 0) : new TimeOnly(11, 0),
                topics[n], n % 2 == 0 ? "大学生志愿者张老师" : "党员志愿者李老师");
            sessions.Add(session);
            db.Add(session);
            n++;
        }
        // The next session, not yet held.
        db.Add(new ProgrammeSession(programme, today.AddDays(1), tuanjie ? new TimeOnly(16, 30) : new TimeOnly(9, 30), tuanjie ? new TimeOnly(18, 0) : new TimeOnly(11, 0),
            tuanjie ? "数学作业辅导" : "科学小实验", "大学生志愿者张老师"));

        var enrolments = new List<ProgrammeEnrolment>();
        foreach (var child in people.Where(p => p.AgeOn(today) is >= 6 and < 14).Take(tuanjie ? 4 : 2))
        {
            if (child.BirthDate is null || !DateOnly.TryParse(child.BirthDate, System.Globalization.CultureInfo.InvariantCulture, out var birth)) continue;
            var e = new ProgrammeEnrolment(programme, child.Id, now.AddDays(-28));
            e.SetChild(child.FullName, birth, child.AgeOn(today) ?? 0);
            e.SetConsent(child.FullName[..1] + "女士", "母亲", "13904510" + (enrolments.Count + 21).ToString("00", System.Globalization.CultureInfo.InvariantCulture),
                now.AddDays(-29), ConsentMethod.Paper, null);
            enrolments.Add(e);
        }
        string[][] unregistered = tuanjie ? [["赵一诺", "父亲"], ["钱梓涵", "奶奶"], ["孙浩然", "母亲"]] : [["周子墨", "父亲"]];
        for (var i = 0; i < unregistered.Length; i++)
        {
            var e = new ProgrammeEnrolment(programme, null, now.AddDays(-27));
            var birth = today.AddYears(-(8 + i)).AddDays(-40 * i - 10);
            e.SetChild(unregistered[i][0], birth, ChildrenProgrammes.AgeOn(birth, today));
            e.SetConsent(unregistered[i][0][..1] + "先生", unregistered[i][1], "13845120" + (30 + i).ToString("00", System.Globalization.CultureInfo.InvariantCulture),
                now.AddDays(-28), ConsentMethod.Paper, null);
            enrolments.Add(e);
        }
        db.AddRange(enrolments);
        db.Entry(programme).Property(p => p.EnrolledCount).CurrentValue = enrolments.Count;
        foreach (var (session, s) in sessions.Select((x, i) => (x, i)))
        {
            for (var i = 0; i < enrolments.Count; i++)
            {
                var status = (s + i) % 7 == 3 ? AttendanceStatus.Leave : (s + i) % 11 == 5 ? AttendanceStatus.Absent : AttendanceStatus.Present;
                db.Add(new SessionAttendance(session, enrolments[i].Id, status, now));
            }
        }
    }
}

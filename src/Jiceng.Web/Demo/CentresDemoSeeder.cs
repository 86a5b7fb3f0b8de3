using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Features;
using Jiceng.Web.Modules.Centres.Domain;
using Jiceng.Web.Modules.Centres.Features;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Demo;

/// <summary>
/// Demo data of the service centres module: a 党群服务中心 per demo community (26 function areas in all, as the county
/// reports), a 红色驿站, rooms with bookings, and a 30-day duty rota with one deliberate gap. Skipped when already there,
/// so a second start changes nothing.
/// </summary>
public sealed class CentresDemoSeeder(AppDbContext db, TimeProvider time, CaseSettings caseSettings)
{
    private const string Tuanjie = "230725100001";
    private const string Yuxi = "230725100002";
    private const string Yongsheng = "230725100003";
    private const string Tienan = "230725100004";

    private static readonly TenHave NoMedicine = TenHave.All & ~TenHave.Medicine;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.ServiceCentres.AnyAsync(cancellationToken)) return;
        string[] codes = [Tuanjie, Yuxi, Yongsheng, Tienan];
        var paths = await db.Divisions.Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Path, cancellationToken);
        if (!paths.ContainsKey(Tuanjie) || !paths.ContainsKey(Yuxi)) return;
        var now = time.GetUtcNow().UtcDateTime;
        var today = WorkingCalendar.LocalDate(now);

        var tuanjie = Centre(paths, Tuanjie, CentreKind.PartyMassServiceCentre, "团结社区党群服务中心", "带岭镇团结街 18 号", "0458-3520118", TenHave.All, now,
            ("党群活动区", 120, true), ("政务服务区", 60, true), ("综合治理区", 40, true), ("协商议事区", 45, true), ("图书阅读区", 50, true),
            ("四点半课堂", 40, true), ("舞蹈排练室", 80, true), ("老年活动室", 60, true), ("办公区", 30, false));
        var station = Centre(paths, Tuanjie, CentreKind.RedStation, "团结广场红色驿站", "团结广场东侧", "0458-3520119", NoMedicine, now,
            ("政策宣传充电站", 20, true), ("民情民意收集站", 15, true), ("帮扶解难服务站", 25, true), ("值守室", 8, false));
        var yuxi = Centre(paths, Yuxi, CentreKind.PartyMassServiceCentre, "育西社区党群服务中心", "带岭镇育西路 6 号", "0458-3520216", NoMedicine, now,
            ("党群活动区", 90, true), ("政务服务区", 50, true), ("综合治理区", 30, true), ("协商议事区", 35, true), ("图书阅读区", 35, true),
            ("办公区", 60, false), ("档案室", 20, false));
        var others = new List<ServiceCentre>();
        if (paths.ContainsKey(Yongsheng))
            others.Add(Centre(paths, Yongsheng, CentreKind.PartyMassServiceCentre, "永胜社区党群服务中心", "带岭镇永胜街 3 号", "0458-3520331", TenHave.All, now,
                ("党群活动区", 100, true), ("政务服务区", 45, true), ("办公区", 15, false)));
        if (paths.ContainsKey(Tienan))
            others.Add(Centre(paths, Tienan, CentreKind.JiajiaStation, "铁南社区佳家驿站", "铁南小区 5 号楼底商", "0458-3520442", TenHave.All, now,
                ("居民议事厅", 40, true), ("便民服务站", 30, true), ("值守室", 6, false)));
        db.ServiceCentres.AddRange([tuanjie, station, yuxi, .. others]);

        var hall = Room(paths, Tuanjie, tuanjie, "多功能活动室", 30, false, "可开展讲座、文艺排练、亲子活动，配投影和音响。", now);
        var meeting = Room(paths, Tuanjie, tuanjie, "会议室", 12, true, "协商议事、小型会议，需社区审核。", now);
        var dance = Room(paths, Tuanjie, tuanjie, "舞蹈室", 25, false, "木地板、镜墙，适合广场舞队、太极拳队排练。", now);
        var square = Room(paths, Tuanjie, null, "团结文化广场", 200, true, "露天场地，大型活动需提前审核。", now);
        square.Location = "团结街与林海路交口";
        var yuxiHall = Room(paths, Yuxi, yuxi, "多功能活动室", 40, false, "讲座、培训、文艺活动。", now);
        var yuxiMeeting = Room(paths, Yuxi, yuxi, "协商议事室", 15, true, "居民议事、楼栋会议，需社区审核。", now);
        db.Rooms.AddRange(hall, meeting, dance, square, yuxiHall, yuxiMeeting);

        var accounts = await db.Users.Where(u => u.UserName == "demo-resident" || u.UserName == "demo-party" || u.UserName == "demo-community-a"
                || u.UserName == "demo-community-b" || u.UserName == "demo-grid")
            .ToDictionaryAsync(u => u.UserName!, u => (u.Id, u.DisplayName), cancellationToken);
        if (accounts.TryGetValue("demo-resident", out var resident))
        {
            // Two days ahead (China time), inside the rooms' opening hours.
            var day = today.AddDays(2);
            db.RoomBookings.Add(new RoomBooking(dance, resident.Id, "居民（演示）", "夕阳红舞蹈队", "舞蹈队排练",
                CentresContext.ToUtc(day, new TimeOnly(15, 0)), CentresContext.ToUtc(day, new TimeOnly(17, 0)), now));
            db.RoomBookings.Add(new RoomBooking(hall, resident.Id, "居民（演示）", null, "亲子阅读活动",
                CentresContext.ToUtc(day.AddDays(1), new TimeOnly(9, 0)), CentresContext.ToUtc(day.AddDays(1), new TimeOnly(11, 0)), now));
        }
        if (accounts.TryGetValue("demo-party", out var party))
            db.RoomBookings.Add(new RoomBooking(meeting, party.Id, "王红梅", "第一党支部", "党员学习会",
                CentresContext.ToUtc(today.AddDays(3), new TimeOnly(14, 0)), CentresContext.ToUtc(today.AddDays(3), new TimeOnly(16, 0)), now));

        // Shifts of the two demo centres, and a rota for the coming 30 days.
        var tShifts = Shifts(tuanjie);
        var yShifts = Shifts(yuxi);
        db.DutyShifts.AddRange([.. tShifts, .. yShifts]);
        var a = accounts.GetValueOrDefault("demo-community-a");
        var grid = accounts.GetValueOrDefault("demo-grid");
        var b = accounts.GetValueOrDefault("demo-community-b");
        var gapLeft = false;
        var calendar = await caseSettings.CalendarAsync(Tuanjie, cancellationToken);
        for (var day = today; day < today.AddDays(30); day = day.AddDays(1))
        {
            var type = CentresContext.DayTypeOf(calendar, day);
            var i = 0;
            foreach (var shift in tShifts.Where(s => s.RequiredOn(type)))
            {
                i++;
                // The deliberate gap: the evening extended service three days ahead (or the first required shift then).
                if (!gapLeft && day >= today.AddDays(3) && (shift.Name == "晚间延时" || type != DayType.Workday)) { gapLeft = true; continue; }
                var (who, post) = (day.DayNumber + i) % 2 == 0 ? (a, "社区党委书记") : (grid, "网格员");
                if (who.Id != Guid.Empty) db.DutyAssignments.Add(new DutyAssignment(shift, day, who.Id, who.DisplayName, post, now));
            }
            if (b.Id != Guid.Empty)
                foreach (var shift in yShifts.Where(s => s.RequiredOn(type)))
                    db.DutyAssignments.Add(new DutyAssignment(shift, day, b.Id, b.DisplayName, "社区居委会主任", now));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static ServiceCentre Centre(Dictionary<string, string> paths, string code, CentreKind kind, string name, string address, string phone, TenHave checklist,
        DateTime now, params (string Name, decimal Area, bool ForMasses)[] areas)
    {
        var centre = new ServiceCentre(code, paths[code], kind, name, now) { Address = address, ServicePhone = phone, Checklist = checklist };
        var order = 0;
        foreach (var (areaName, area, masses) in areas)
            centre.Areas.Add(new CentreArea { CentreId = centre.Id, Name = areaName, AreaM2 = area, IsForMasses = masses, SortOrder = order++ });
        void Open(DayType day, int h1, int m1, int h2, int m2, bool extended, string? note) => centre.OpeningPeriods.Add(new CentreOpeningPeriod
        {
            CentreId = centre.Id, DayType = day, Start = new TimeOnly(h1, m1), End = new TimeOnly(h2, m2), IsExtended = extended, Note = note,
        });
        Open(DayType.Workday, 8, 30, 11, 30, false, null);
        Open(DayType.Workday, 11, 30, 13, 30, true, "午间延时服务");
        Open(DayType.Workday, 13, 30, 17, 0, false, null);
        Open(DayType.Workday, 17, 0, 19, 0, true, "晚间错时服务");
        Open(DayType.RestDay, 9, 0, 16, 0, true, "双休日延时服务");
        Open(DayType.Holiday, 9, 0, 12, 0, true, "节假日值班");
        return centre;
    }

    private static Room Room(Dictionary<string, string> paths, string code, ServiceCentre? centre, string name, int capacity, bool approval, string description, DateTime now) =>
        new(code, paths[code], centre?.Id, name, capacity, now)
        {
            RequiresApproval = approval, Description = description, CancelHoursBefore = approval ? 24 : 2, MaxDaysAhead = 14, MaxMinutes = 240,
            OpenFrom = new TimeOnly(8, 30), OpenTo = new TimeOnly(20, 30), OpenOnRestDays = true,
        };

    private static List<DutyShift> Shifts(ServiceCentre centre)
    {
        DutyShift S(string name, int h1, int m1, int h2, int m2, bool work, bool rest, bool holiday, int order) =>
            new(centre, name, new TimeOnly(h1, m1), new TimeOnly(h2, m2)) { RequiredOnWorkdays = work, RequiredOnRestDays = rest, RequiredOnHolidays = holiday, SortOrder = order };
        return
        [
            S("早班", 8, 30, 11, 30, true, false, false, 1),
            S("午间延时", 11, 30, 13, 30, true, false, false, 2),
            S("下午", 13, 30, 17, 0, true, false, false, 3),
            S("晚间延时", 17, 0, 19, 0, true, false, false, 4),
            S("双休日", 9, 0, 16, 0, false, true, false, 5),
            S("节假日", 9, 0, 12, 0, false, false, true, 6),
        ];
    }
}

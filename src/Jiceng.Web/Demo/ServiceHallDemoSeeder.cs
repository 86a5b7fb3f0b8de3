using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Modules.Cases.Features;
using Jiceng.Web.Modules.ServiceHall.Domain;
using Jiceng.Web.Modules.ServiceHall.Features;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Demo;

/// <summary>
/// Demo data of the service hall: 大箐山's catalogue (28 直接办理 + 31 代办 items, as the seed says) in 团结 and 育西, slots
/// for the next 7 working days on the bookable items, a booking of demo-resident, help orders in every light (one handed to
/// a department through the case loop), and 办不成事 records. Skipped when already there, so a second start changes nothing.
/// </summary>
public sealed class ServiceHallDemoSeeder(AppDbContext db, TimeProvider time, CaseSettings caseSettings, ICaseClock caseClock, IConfiguration configuration)
{
    public const string Tuanjie = "230725100001";
    public const string Yuxi = "230725100002";
    private const ServiceItemKind D = ServiceItemKind.Direct;
    private const ServiceItemKind B = ServiceItemKind.OnBehalf;

    private sealed record Sample(string Code, string Name, string Category, ServiceItemKind Kind, int Days, string Post, bool Bookable, string Materials, string? Basis = null);

    private const string Id = "居民身份证原件及复印件";
    private const string Hukou = "户口簿原件及复印件";
    private const string Photo = "近期一寸免冠照片1张";

    /// <summary>The county's catalogue: 28 items handled at the community window and 31 taken on behalf to the offices that decide them.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, string Category, ServiceItemKind Kind, int Days, string Post, bool Bookable, string[] Materials, string? Basis)> Catalogue =
        new Sample[]
        {
            new("ZB-01", "城乡居民基本养老保险参保登记", "社保", D, 3, "社保专干", true, $"{Id}|{Hukou}|社会保障卡或本人银行卡|{Photo}", "《中华人民共和国社会保险法》；《国务院关于建立统一的城乡居民基本养老保险制度的意见》"),
            new("ZB-02", "城乡居民养老保险待遇领取资格认证", "社保", D, 1, "社保专干", false, $"{Id}|社会保障卡"),
            new("ZB-03", "城乡居民养老保险缴费档次变更", "社保", D, 3, "社保专干", false, $"{Id}|社会保障卡|缴费档次变更申请表（窗口领取）"),
            new("ZB-04", "居民医保参保缴费", "医保", D, 1, "医保专干", true, $"{Id}或户口簿|社会保障卡|新生儿提供出生医学证明", "《中华人民共和国社会保险法》；《关于做好城乡居民基本医疗保障工作的通知》"),
            new("ZB-05", "居民医保参保信息变更", "医保", D, 3, "医保专干", false, $"{Id}|社会保障卡|变更事项证明材料"),
            new("ZB-06", "低保申请受理", "民政", D, 5, "民政专干", false, $"最低生活保障申请书|{Hukou}及家庭成员身份证|家庭收入及财产申报表|家庭经济状况核对授权书|残疾证、病历等证明（如有）", "《社会救助暂行办法》"),
            new("ZB-07", "特困人员救助供养申请受理", "民政", D, 5, "民政专干", false, $"特困人员救助供养申请书|{Id}|{Hukou}|收入及财产状况说明|残疾证或丧失劳动能力证明", "《社会救助暂行办法》"),
            new("ZB-08", "临时救助申请受理", "民政", D, 3, "民政专干", false, $"临时救助申请书|{Id}|{Hukou}|遭遇困难的相关证明（医疗票据、事故证明等）", "《社会救助暂行办法》"),
            new("ZB-09", "高龄津贴申领", "老龄", D, 5, "老龄专干", true, $"{Id}|{Hukou}|本人一卡通或银行卡|{Photo}", "《黑龙江省老年人权益保障条例》"),
            new("ZB-10", "老年人优待证办理", "老龄", D, 3, "老龄专干", true, $"{Id}|{Photo}", "《中华人民共和国老年人权益保障法》"),
            new("ZB-11", "流动人口居住登记", "户籍", D, 1, "网格员", false, $"{Id}|房屋租赁合同或房屋产权证明|单位就业证明（如有）", "《居住证暂行条例》"),
            new("ZB-12", "独生子女父母光荣证办理", "计生", D, 5, "计生专干", false, $"夫妻双方身份证|{Hukou}|结婚证|子女出生医学证明|夫妻一寸合影照片1张", "《黑龙江省人口与计划生育条例》"),
            new("ZB-13", "计划生育家庭奖励扶助资格确认", "计生", D, 10, "计生专干", false, $"{Id}|{Hukou}|结婚证|独生子女父母光荣证|奖励扶助对象申报表"),
            new("ZB-14", "生育登记服务", "计生", D, 1, "计生专干", false, $"夫妻双方身份证|结婚证|{Hukou}"),
            new("ZB-15", "就业失业登记", "就业", D, 1, "就业专干", false, $"{Id}|社会保障卡|解除或终止劳动合同证明（失业登记时）", "《就业服务与就业管理规定》"),
            new("ZB-16", "就业困难人员认定申请受理", "就业", D, 5, "就业专干", false, $"{Id}|就业创业证|属于就业困难人员类别的证明材料"),
            new("ZB-17", "灵活就业人员社保补贴申请受理", "就业", D, 5, "就业专干", false, $"{Id}|就业创业证|社会保险缴费凭证|本人银行卡"),
            new("ZB-18", "创业担保贷款申请受理", "就业", D, 5, "就业专干", false, $"{Id}|{Hukou}|营业执照|创业项目计划书|婚姻状况证明"),
            new("ZB-19", "残疾人两项补贴申请受理", "残联", D, 5, "残联专干", false, $"第二代残疾人证|{Id}|{Hukou}|本人银行卡|低保证（申请生活补贴时）", "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》"),
            new("ZB-20", "残疾人辅助器具适配申请", "残联", D, 5, "残联专干", false, $"第二代残疾人证|{Id}|辅助器具适配申请表"),
            new("ZB-21", "退役军人信息采集", "优抚", D, 3, "退役军人服务站专干", false, $"{Id}|退伍证或转业证|{Photo}"),
            new("ZB-22", "退役军人优待证申领受理", "优抚", D, 5, "退役军人服务站专干", false, $"{Id}|退伍证或转业证|近期白底二寸照片1张", "《中华人民共和国退役军人保障法》"),
            new("ZB-23", "困难群众住房救助申请受理", "住房", D, 5, "民政专干", false, $"住房救助申请书|{Id}|{Hukou}|低保证或特困供养证|现住房情况证明"),
            new("ZB-24", "65岁以上老年人免费健康体检预约", "卫生健康", D, 1, "卫健专干", true, $"{Id}|既往体检报告（如有）", "《国家基本公共卫生服务规范》"),
            new("ZB-25", "家庭医生签约服务", "卫生健康", D, 1, "卫健专干", false, $"{Id}|社会保障卡"),
            new("ZB-26", "居住情况证明出具", "其他", D, 1, "社区综合窗口", false, $"{Id}|{Hukou}|房屋产权证明或租赁合同"),
            new("ZB-27", "志愿者注册登记", "其他", D, 1, "社区综合窗口", false, $"{Id}|{Photo}"),
            new("ZB-28", "党员组织关系转接受理", "其他", D, 3, "党务专干", false, $"党员组织关系介绍信|{Id}|党费缴纳证明"),

            new("DB-01", "居住证申领", "户籍", B, 15, "网格员", false, $"{Id}|居住登记凭证|合法稳定就业、居所或连续就读证明之一|近期白底证件照", "《居住证暂行条例》"),
            new("DB-02", "残疾人证办理", "残联", B, 20, "残联专干", false, $"{Id}|{Hukou}|近期二寸白底免冠彩照3张|残疾评定所需病历资料", "《中华人民共和国残疾人证管理办法》"),
            new("DB-03", "户口迁移（投靠）代办", "户籍", B, 20, "网格员", false, $"{Hukou}|被投靠人户口簿|亲属关系证明|房屋产权证明"),
            new("DB-04", "行动不便老人身份证上门办理代办", "户籍", B, 20, "网格员", false, $"{Hukou}|原身份证（换领时）|行动不便情况说明"),
            new("DB-05", "社会保障卡申领及补换", "社保", B, 10, "社保专干", false, $"{Id}|{Photo}|原社会保障卡（换卡时）"),
            new("DB-06", "城乡居民养老保险待遇领取申请", "社保", B, 10, "社保专干", false, $"{Id}|{Hukou}|社会保障卡|待遇领取申请表"),
            new("DB-07", "养老保险关系转移接续", "社保", B, 30, "社保专干", false, $"{Id}|参保缴费凭证|转移接续申请表"),
            new("DB-08", "医保异地就医备案", "医保", B, 3, "医保专干", false, $"{Id}|社会保障卡|异地居住证明或转诊证明"),
            new("DB-09", "门诊慢特病待遇认定", "医保", B, 15, "医保专干", false, $"{Id}|社会保障卡|二级以上医院诊断证明及相关检查报告"),
            new("DB-10", "医疗救助申请", "民政", B, 10, "民政专干", false, $"医疗救助申请书|{Id}|住院发票及费用清单|医保结算单"),
            new("DB-11", "生育保险待遇申领", "医保", B, 10, "医保专干", false, $"{Id}|出生医学证明|结婚证|住院病历及费用清单"),
            new("DB-12", "孤儿及事实无人抚养儿童基本生活费申领", "民政", B, 20, "民政专干", false, $"儿童户口簿|监护人身份证|父母死亡或失踪、服刑等证明|申请审批表"),
            new("DB-13", "婚姻登记预约代办", "民政", B, 5, "民政专干", false, $"双方身份证|双方户口簿|近期双人合影二寸照片3张"),
            new("DB-14", "殡葬惠民补贴申领", "民政", B, 10, "民政专干", false, $"逝者死亡证明及火化证明|申领人身份证|申领人银行卡"),
            new("DB-15", "经济困难老年人护理补贴申领", "老龄", B, 15, "老龄专干", false, $"{Id}|{Hukou}|低保证或特困供养证|老年人能力评估结果"),
            new("DB-16", "80周岁以上老人意外伤害保险代办", "老龄", B, 5, "老龄专干", false, $"{Id}|{Hukou}"),
            new("DB-17", "居家养老服务补贴申请", "老龄", B, 15, "老龄专干", false, $"{Id}|{Hukou}|居家养老服务需求评估表"),
            new("DB-18", "优抚对象抚恤补助金申领", "优抚", B, 20, "退役军人服务站专干", false, $"{Id}|优抚对象证件|本人银行卡"),
            new("DB-19", "光荣牌悬挂申请", "优抚", B, 10, "退役军人服务站专干", false, $"{Id}|退伍证或现役军人家属证明"),
            new("DB-20", "义务兵家庭优待金申领", "优抚", B, 20, "退役军人服务站专干", false, $"入伍通知书|{Hukou}|家属银行卡"),
            new("DB-21", "出生医学证明补办代办", "卫生健康", B, 20, "卫健专干", false, $"父母双方身份证|新生儿户口簿页|分娩医院出具的出生证明补发申请"),
            new("DB-22", "预防接种证补办", "卫生健康", B, 5, "卫健专干", false, $"儿童户口簿或出生医学证明|监护人身份证"),
            new("DB-23", "计划生育特别扶助金申请", "计生", B, 30, "计生专干", false, $"{Id}|{Hukou}|独生子女父母光荣证|子女伤残证明或死亡证明"),
            new("DB-24", "失业保险金申领", "就业", B, 10, "就业专干", false, $"{Id}|社会保障卡|解除或终止劳动合同证明|失业登记证明"),
            new("DB-25", "职业技能培训补贴申领", "就业", B, 15, "就业专干", false, $"{Id}|培训合格证书或职业资格证书|本人银行卡"),
            new("DB-26", "一次性创业补贴申领", "就业", B, 20, "就业专干", false, $"{Id}|营业执照|经营场所证明|社会保险缴费凭证"),
            new("DB-27", "不动产登记（简易）代办", "住房", B, 15, "社区综合窗口", false, $"{Id}|{Hukou}|原不动产权证书|委托书"),
            new("DB-28", "公共租赁住房申请", "住房", B, 30, "民政专干", false, $"公租房申请表|家庭成员身份证及户口簿|家庭收入证明|无房证明"),
            new("DB-29", "农村危房改造申请", "住房", B, 30, "社区综合窗口", false, $"{Id}|{Hukou}|房屋安全鉴定申请|低保证或特困供养证（如有）"),
            new("DB-30", "法律援助申请", "其他", B, 7, "人民调解员", false, $"法律援助申请表|{Id}|经济困难状况说明|与案件相关的材料"),
            new("DB-31", "老年人能力评估申请", "老龄", B, 15, "老龄专干", false, $"{Id}|{Hukou}|近期病历资料"),
        }.Select(s => (s.Code, s.Name, s.Category, s.Kind, s.Days, s.Post, s.Bookable, s.Materials.Split('|'), s.Basis)).ToList();

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.ServiceItems.AnyAsync(cancellationToken)) return;
        var communities = await db.Divisions.Where(d => d.Code == Tuanjie || d.Code == Yuxi).ToListAsync(cancellationToken);
        if (communities.Count == 0) return;
        var now = time.GetUtcNow().UtcDateTime;
        var accounts = await db.Users.Where(u => u.UserName == "demo-community-a" || u.UserName == "demo-community-b" || u.UserName == "demo-resident")
            .ToDictionaryAsync(u => u.UserName!, u => (u.Id, u.DisplayName), cancellationToken);

        var itemsBy = new Dictionary<(string Community, string Code), ServiceItem>();
        foreach (var community in communities)
        {
            var order = 0;
            foreach (var c in Catalogue)
            {
                var item = new ServiceItem(community.Code, community.Path, c.Code, c.Name, c.Category, c.Kind, c.Days, now)
                {
                    Materials = [.. c.Materials], ResponsiblePost = c.Post, Bookable = c.Bookable, LegalBasis = c.Basis, SortOrder = ++order,
                    Notes = c.Kind == B ? "居民到社区窗口提交材料，由社区工作人员代为送审办理，办结后通知本人。" : null,
                };
                db.ServiceItems.Add(item);
                itemsBy[(community.Code, c.Code)] = item;
            }
        }

        // Slots on the next 7 working days, 9:00–11:30 in half hours, two places each.
        var calendar = await caseSettings.CalendarAsync(Tuanjie, cancellationToken);
        var days = new List<DateOnly>();
        for (var day = WorkingCalendar.LocalDate(now).AddDays(1); days.Count < 7; day = day.AddDays(1))
            if (calendar.IsWorkingDay(day)) days.Add(day);
        var slots = new List<ServiceSlot>();
        foreach (var item in itemsBy.Values.Where(i => i.Bookable))
            foreach (var day in days)
                for (var t = new TimeOnly(9, 0); t < new TimeOnly(11, 30); t = t.AddMinutes(30))
                    slots.Add(new ServiceSlot(item, day, ServiceHallContext.LocalToUtc(day, t), ServiceHallContext.LocalToUtc(day, t.AddMinutes(30)), 2, now));
        db.ServiceSlots.AddRange(slots);
        await db.SaveChangesAsync(cancellationToken);

        if (accounts.TryGetValue("demo-resident", out var resident))
        {
            // demo-resident has booked 居民医保参保缴费 in 团结 on the first working day ahead.
            var slot = slots.First(s => s.ItemId == itemsBy[(Tuanjie, "ZB-04")].Id);
            await db.ServiceSlots.Where(s => s.Id == slot.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.BookedCount, 1), cancellationToken);
            db.Appointments.Add(new Appointment(slot, resident.Id, null, resident.DisplayName, now));
        }

        await SeedOrdersAsync(communities.ToDictionary(c => c.Code, c => c.Path), itemsBy, accounts, calendar, now, cancellationToken);
        SeedHardRequests(communities.ToDictionary(c => c.Code, c => c.Path), accounts, now);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SeedOrdersAsync(Dictionary<string, string> paths, Dictionary<(string, string), ServiceItem> items,
        Dictionary<string, (Guid Id, string DisplayName)> accounts, WorkingCalendar calendar, DateTime now, CancellationToken ct)
    {
        if (!paths.ContainsKey(Tuanjie)) return;
        var staffA = accounts.GetValueOrDefault("demo-community-a");
        var staffB = accounts.GetValueOrDefault("demo-community-b");
        Guid? residentId = accounts.TryGetValue("demo-resident", out var r) ? r.Id : null;
        var number = 0;

        HelpOrder Order(string community, string code, DateTime opened, string name, string phone, (Guid Id, string DisplayName) staff)
        {
            var item = items[(community, code)];
            var (due, warn) = HelpOrders.Deadlines(calendar, opened, item.TimeLimitDays);
            var o = new HelpOrder(community, paths[community], $"BD{WorkingCalendar.LocalDate(now):yyyyMMdd}{++number:000000}", item.Name, item.TimeLimitDays, opened, due, warn,
                staff.Id == Guid.Empty ? null : staff.Id, string.IsNullOrEmpty(staff.DisplayName) ? "社区工作人员" : staff.DisplayName)
            {
                ItemId = item.Id, ResidentName = name, ResidentPhone = phone,
            };
            db.HelpOrders.Add(o);
            return o;
        }

        // A start time that puts the order in the wanted light today (the calendar decides, so search back day by day).
        DateTime OpenedFor(int limit, Func<DateTime, DateTime, bool> wanted)
        {
            for (var back = 1; back < 60; back++)
            {
                var opened = now.AddDays(-back);
                var (due, warn) = HelpOrders.Deadlines(calendar, opened, limit);
                if (wanted(due, warn)) return opened;
            }
            return now.AddDays(-30);
        }

        Order(Tuanjie, "DB-02", now.AddHours(-2), "王秀英", "13904561234", staffA).Details = "老人行动不便，由社区代为送县残联评定。";
        Order(Tuanjie, "DB-05", OpenedFor(10, (due, warn) => warn <= now && now < due), "刘德福", "13904562345", staffA).Status = HelpOrderStatus.InProgress;
        Order(Tuanjie, "DB-08", OpenedFor(3, (due, _) => due <= now && now - due < TimeSpan.FromDays(4)), "陈桂兰", "13904563456", staffA).Status = HelpOrderStatus.InProgress;
        var done = Order(Tuanjie, "DB-16", OpenedFor(5, (_, warn) => now < warn), "赵振国", "13904564567", staffA);
        done.UserId = residentId;
        done.Status = HelpOrderStatus.Done;
        done.Result = "意外伤害保险已代为投保，保单已送到家中。";
        done.CompletedUtc = now.AddHours(-1);
        done.CompletedLate = false;
        var refused = Order(Tuanjie, "DB-27", OpenedFor(15, (_, warn) => now < warn), "孙丽华", "13904565678", staffA);
        refused.Status = HelpOrderStatus.CannotDo;
        refused.Result = "原房屋产权存在继承纠纷，需先经法院确认后方可办理，已告知办理路径。";
        refused.CompletedUtc = now.AddHours(-3);
        refused.CompletedLate = false;
        var forMe = Order(Tuanjie, "DB-01", now.AddHours(-1), string.IsNullOrEmpty(r.DisplayName) ? "居民" : r.DisplayName, "13904566789", staffA);
        forMe.UserId = residentId;

        // Handed to a department through the case loop: a walk-in case filed and accepted by the community, waiting for dispatch.
        var handed = Order(Tuanjie, "DB-29", OpenedFor(30, (_, warn) => now < warn), "李长海", "13904567890", staffA);
        var seedCases = configuration.GetValue(DemoOptions.Section + ":" + nameof(DemoOptions.SeedCases), true);
        if (seedCases && await caseSettings.CategoryAsync(Tuanjie, "other", ct) is { } category && staffA.Id != Guid.Empty)
        {
            var actor = new CaseActor(staffA.Id, staffA.DisplayName, [Roles.CommunityStaff], Tuanjie, null);
            var @case = Case.Submit(category, $"【帮办代办】{handed.Title}：李大爷家老房子墙体开裂，需住建部门上门鉴定。", Tuanjie, paths[Tuanjie], CaseChannel.WalkIn, actor,
                "李长海", "13904567890", null, null, null, System.Security.Cryptography.RandomNumberGenerator.GetString("23456789ABCDEFGHJKMNPQRSTUVWXYZ", 10), now.AddDays(-1));
            await caseClock.UseCalendarOfAsync(Tuanjie, ct);
            @case.Accept(actor, null, "帮办代办转部门办理", caseClock);
            db.Cases.Add(@case);
            await db.SaveChangesAsync(ct);
            handed.Status = HelpOrderStatus.HandedToDepartment;
            handed.CaseId = @case.Id;
            handed.CaseNumber = @case.Number;
        }

        if (paths.ContainsKey(Yuxi))
        {
            Order(Yuxi, "DB-13", now.AddHours(-5), "周美玲", "13904568901", staffB);
            Order(Yuxi, "DB-22", OpenedFor(5, (due, _) => due <= now && now - due < TimeSpan.FromDays(4)), "吴建军", "13904569012", staffB).Status = HelpOrderStatus.InProgress;
        }
    }

    private void SeedHardRequests(Dictionary<string, string> paths, Dictionary<string, (Guid Id, string DisplayName)> accounts, DateTime now)
    {
        var staffA = accounts.GetValueOrDefault("demo-community-a");
        var today = WorkingCalendar.LocalDate(now);
        HardRequest Add(string community, string asker, string phone, string subject, string stuck, HardRequestOutcome outcome, string? note, int daysAgo)
        {
            var r = new HardRequest(community, paths[community], subject, now.AddDays(-daysAgo))
            {
                AskerName = asker, AskerPhone = phone, StuckReason = stuck, Outcome = outcome, OutcomeNote = note,
                OutcomeDate = outcome == HardRequestOutcome.Pending ? null : today.AddDays(-Math.Max(0, daysAgo - 5)),
                TakenByUserId = staffA.Id == Guid.Empty ? null : staffA.Id, TakenByName = string.IsNullOrEmpty(staffA.DisplayName) ? "社区书记" : staffA.DisplayName,
            };
            db.HardRequests.Add(r);
            return r;
        }

        if (paths.ContainsKey(Tuanjie))
        {
            Add(Tuanjie, "马志远", "13604561111", "小区设置电动车充电桩", "物业称无权施工，供电所要求业主共同申请", HardRequestOutcome.Solved,
                "社区牵头召开协商议事会，物业、供电所、业主代表达成一致，在3号楼旁安装充电桩12个。", 30);
            Add(Tuanjie, "杨淑珍", "13604562222", "移除挡路的废弃电线杆", "电信、供电两家均称电线杆不归本单位", HardRequestOutcome.Referred,
                "经现场核实产权属电信公司，已转交县电信分公司，承诺两周内拆除。", 12);
            Add(Tuanjie, "何建平", "13604563333", "老旧小区楼道扶手加装", "住建部门称不在本年度改造计划内", HardRequestOutcome.Pending, null, 2);
        }
        if (paths.ContainsKey(Yuxi))
        {
            Add(Yuxi, "郭春生", "13604564444", "异地养老金认证不会操作", "县社保窗口要求本人到场，老人卧床", HardRequestOutcome.Explained,
                "告知可通过手机人脸识别认证，社区工作人员上门协助完成。", 9);
        }
    }
}

using Jiceng.Web.Data;
using Jiceng.Web.Modules.Market.Domain;
using Jiceng.Web.Modules.Market.Features;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Demo;

/// <summary>
/// Demo data of the community market module: the seed's 惠民大集 at 文化新村小区 in 银州区 红旗街道 (with its own demo
/// account, since the other demo accounts are in 大箐山), and a small market for 大箐山's 带岭镇. Skipped when already
/// there, so a second start changes nothing.
/// </summary>
public sealed class MarketDemoSeeder(AppDbContext db, TimeProvider time, UserManager<AppUser> users)
{
    public const string HongqiStreet = "211202001";
    public const string QingnianCommunity = "211202001001";
    public const string YinzhouMarketName = "惠民大集（文化新村）";
    public const string DailingMarketName = "惠民大集（带岭镇）";
    public const string DemoMarketUserName = "demo-market";

    private DateTime _now;
    private DateOnly _today;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        _now = time.GetUtcNow().UtcDateTime;
        _today = WorkingCalendar.LocalDate(_now);
        await SeedAccountAsync();
        var hongqi = await db.Divisions.SingleOrDefaultAsync(d => d.Code == HongqiStreet, cancellationToken);
        if (hongqi is not null && !await db.Markets.AnyAsync(m => m.DivisionCode == HongqiStreet, cancellationToken))
        {
            await SeedYinzhouAsync(hongqi, cancellationToken);
        }
        var dailing = await db.Divisions.SingleOrDefaultAsync(d => d.Code == DemoSeeder.DailingTown, cancellationToken);
        if (dailing is not null && !await db.Markets.AnyAsync(m => m.DivisionCode == DemoSeeder.DailingTown, cancellationToken))
        {
            await SeedDailingAsync(dailing, cancellationToken);
        }
    }

    private async Task SeedAccountAsync()
    {
        if (await users.FindByNameAsync(DemoMarketUserName) is not null) return;
        var user = new AppUser
        {
            Id = Guid.NewGuid(),
            UserName = DemoMarketUserName,
            DisplayName = "红旗街道（演示）",
            DivisionCode = HongqiStreet,
            IsDemo = true,
            LockoutEnabled = true,
            CreatedUtc = DateTime.UtcNow,
        };
        var result = await users.CreateAsync(user, DemoOptions.Password);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Cannot create {DemoMarketUserName}: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, Roles.StreetStaff);
    }

    private DateTime At(DateOnly day, int hour, int minute = 0) => WorkingCalendar.LocalMidnightToUtc(day).AddHours(hour).AddMinutes(minute);

    private async Task SeedYinzhouAsync(Division street, CancellationToken cancellationToken)
    {
        var market = new CommunityMarket(street.Code, street.Path, YinzhouMarketName, "文化新村小区", _now.AddDays(-60))
        {
            Theme = "买菜近、购物省、服务暖",
            Organiser = "红旗街道党工委 · 集市指挥部",
            SupervisionHotline = "024-72612345",
            LoveStallExtraPercent = 10,
            LoveStallFreeItems = "环保购物袋,口罩,防诈宣传手册",
            DeliveryTeamName = "爱心配送小分队",
        };
        db.Markets.Add(market);

        // Past days (closed, with people served in the health and policy zones) and the next one.
        var plan = new (int Offset, string Theme, string Needs, int Health, int Policy)[]
        {
            (-20, "金秋粮油惠民日", "网格员入户收集 46 户需求：米面油、鸡蛋需求最多", 86, 104),
            (-13, "冬储菜专场", "线上问卷 132 份：大白菜、土豆、萝卜冬储", 92, 97),
            (-6, "健康义诊进大集", "网格员入户：老年居民希望测血压血糖、中医问诊", 131, 88),
            (1, "年货惠民大集", "线上问卷 158 份：年货、冻品、粘豆包", 0, 0),
        };
        var days = new List<MarketDay>();
        foreach (var (offset, theme, needs, health, policy) in plan)
        {
            var date = _today.AddDays(offset);
            var day = new MarketDay(market, date, new TimeOnly(7, 0), new TimeOnly(11, 30), theme, needs, At(date.AddDays(-10), 9));
            if (offset < 0)
            {
                day.TryOpen();
                day.TryClose(health, policy);
            }
            days.Add(day);
        }
        db.MarketDays.AddRange(days);

        // Vendors: 铁岭诚信商会 members, farmers selling their own produce, and families in difficulty.
        var admitted = _now.AddDays(-45);
        MarketVendor Vendor(string name, VendorKind kind, string contact, string phone, string? licence, string categories, string stall)
        {
            var v = new MarketVendor(market, name, kind, contact, phone, licence, categories, admitted.AddDays(-3));
            v.Admit(stall, null, admitted);
            db.MarketVendors.Add(v);
            return v;
        }
        var grain = Vendor("诚信粮油商行", VendorKind.ChamberMember, "刘德旺", "13904101234", "91211202MA0X1234K", "米面粮油", "A01");
        grain.IsLoveStall = true;
        var eggs = Vendor("银州鲜蛋批发部", VendorKind.ChamberMember, "孙桂芝", "13504102345", "92211202MA0Y2345L", "肉蛋奶", "A02");
        var veg = Vendor("惠民果蔬超市", VendorKind.ChamberMember, "赵立新", "13841003456", "92211202MA0Z3456M", "应季果蔬", "A03");
        veg.IsLoveStall = true;
        var tofu = Vendor("老铁岭豆制品坊", VendorKind.ChamberMember, "周凤琴", "15941004567", "92211202MA0W4567N", "豆制品", "A04");
        var farmer = Vendor("李家菜园", VendorKind.LocalFarmer, "李长林", "13614105678", null, "自产蔬菜", "B01");
        var family = Vendor("张大姐粘豆包", VendorKind.LowIncomeFamily, "张秀英", "18841006789", null, "手工面食", "B02");
        var seafood = Vendor("鑫发水产", VendorKind.ChamberMember, "马海涛", "13904107890", "92211202MA0V5678P", "冻品水产", "A05");
        var applicant = new MarketVendor(market, "柴河蜂蜜合作社", VendorKind.LocalFarmer, "郭春生", "13591008901", "93211202MA0U6789Q", "蜂蜜", _now.AddDays(-2));
        db.MarketVendors.Add(applicant);

        // Goods on every day with both prices (fair price 5–15 % below), the same board each week with seasonal changes.
        var goodsList = new (MarketVendor Vendor, string Name, string Category, string Unit, long Market, long Fair)[]
        {
            (grain, "东北大米（5公斤）", "米面粮油", "袋", 3500, 3150),
            (grain, "富强粉（5公斤）", "米面粮油", "袋", 2800, 2520),
            (grain, "大豆油（5升）", "米面粮油", "桶", 6990, 6290),
            (eggs, "鲜鸡蛋", "肉蛋奶", "斤", 450, 400),
            (eggs, "纯牛奶（250毫升×16）", "肉蛋奶", "箱", 5200, 4680),
            (veg, "大白菜", "应季果蔬", "斤", 120, 105),
            (veg, "土豆", "应季果蔬", "斤", 150, 135),
            (veg, "寒富苹果", "应季果蔬", "斤", 600, 540),
            (tofu, "卤水豆腐", "豆制品", "斤", 300, 270),
            (farmer, "自家萝卜", "应季果蔬", "斤", 100, 90),
            (family, "手工粘豆包（20个）", "手工面食", "袋", 1500, 1350),
        };
        var goodsByDay = new Dictionary<Guid, List<MarketGoods>>();
        foreach (var day in days)
        {
            var list = new List<MarketGoods>();
            foreach (var g in goodsList)
            {
                if (!FairPrice.IsAllowed(g.Market, g.Fair)) throw new InvalidOperationException($"Demo price of {g.Name} is outside 5–15 %.");
                var goods = new MarketGoods(g.Vendor, day, g.Name, g.Category, g.Unit, g.Market, g.Fair, At(day.Date.AddDays(-1), 16));
                list.Add(goods);
            }
            if (day.Status == MarketDayStatus.Closed && day.Date < _today.AddDays(-10))
            {
                list.Add(new MarketGoods(seafood, day, "冻虾仁", "冻品水产", "斤", 3800, 3400, At(day.Date.AddDays(-1), 16)));
            }
            db.MarketGoods.AddRange(list);
            goodsByDay[day.Id] = list;
        }

        // Spot checks: passes on every past day; 鑫发水产's frozen shrimp failed seriously and the command post expelled it.
        var first = days[0];
        db.MarketSpotChecks.Add(new SpotCheck(eggs, first.Id, null, "鲜鸡蛋", "市场监管所", SpotCheckResult.Pass, false, "新鲜度合格", null, At(first.Date, 8, 30)));
        db.MarketSpotChecks.Add(new SpotCheck(grain, first.Id, null, "大豆油（5升）", "市场监管所", SpotCheckResult.Pass, false, "标签、保质期合格", null, At(first.Date, 9)));
        var second = days[1];
        db.MarketSpotChecks.Add(new SpotCheck(veg, second.Id, null, "大白菜", "市场监管所", SpotCheckResult.Pass, false, "农残快检合格", null, At(second.Date, 8, 40)));
        db.MarketSpotChecks.Add(new SpotCheck(seafood, second.Id, null, "冻虾仁", "市场监管所", SpotCheckResult.Fail, true, "保水剂超标、以次充好", null, At(second.Date, 9, 10)));
        seafood.Warn("抽查不合格：冻虾仁（保水剂超标、以次充好）/ failed spot check", true, market.WarningsBeforeExpel, null, At(second.Date, 9, 10));
        seafood.Expel("抽查严重不合格，经集市指挥部研究清退 / expelled after a serious failure", market.ReapplyBanDays, second.Date, null, At(second.Date, 15));
        var third = days[2];
        db.MarketSpotChecks.Add(new SpotCheck(tofu, third.Id, null, "卤水豆腐", "义务监督员", SpotCheckResult.Pass, false, "感官检查合格", null, At(third.Date, 8, 20)));
        db.MarketSpotChecks.Add(new SpotCheck(farmer, third.Id, null, "自家萝卜", "市场监管所", SpotCheckResult.Fail, false, "未清理泥土、缺斤短两 0.2 斤", null, At(third.Date, 9, 5)));
        farmer.Warn("抽查不合格：自家萝卜（缺斤短两）/ failed spot check", false, market.WarningsBeforeExpel, null, At(third.Date, 9, 5));

        // Residents of 青年社区 who buy at the love stalls and get deliveries: 低保, 特困 and over-80s.
        var community = await db.Divisions.SingleOrDefaultAsync(d => d.Code == QingnianCommunity, cancellationToken) ?? street;
        Person Resident(string name, int age, string address, params string[] tags)
        {
            var p = new Person(community.Code, community.Path, _now.AddDays(-90));
            p.SetName(name, _today);
            p.SetBirthDate(_today.AddYears(-age).AddDays(-40), _today);
            p.Address = address;
            db.People.Add(p);
            foreach (var tag in tags) db.PersonTags.Add(new PersonTag(p.Id, tag, _now.AddDays(-90)));
            return p;
        }
        var dibao = Resident("陈淑珍", 67, "文化新村3号楼2单元401", "dibao");
        var tekun = Resident("吴宝山", 72, "文化新村7号楼1单元102", "tekun");
        var old = Resident("何玉兰", 84, "文化新村5号楼3单元201", "elderly-alone");
        foreach (var day in days.Where(d => d.Status == MarketDayStatus.Closed))
        {
            var rice = goodsByDay[day.Id][0];
            var cabbage = goodsByDay[day.Id][5];
            db.MarketLoveStallPurchases.Add(Purchase(day, grain, dibao, SpecialGroupStatus.Dibao, rice, 1, market.LoveStallExtraPercent, At(day.Date, 8, 10)));
            db.MarketLoveStallPurchases.Add(Purchase(day, veg, old, SpecialGroupStatus.Aged80, cabbage, 10, market.LoveStallExtraPercent, At(day.Date, 8, 35)));
            db.MarketLoveStallPurchases.Add(new LoveStallPurchase(day, null, tekun.Id, SpecialGroupStatus.Tekun, "环保购物袋", "件", 1, 0, 0, 100, true, null, At(day.Date, 9)));
        }

        // The delivery team and its orders: delivered on past days, one assigned and one waiting for the next day.
        var team = new[] { ("杨海燕", "13704101111"), ("徐文斌", "13704102222"), ("林春梅", "13704103333") }
            .Select(m => new DeliveryTeamMember(market, m.Item1, m.Item2, _now.AddDays(-40))).ToList();
        db.MarketDeliveryTeamMembers.AddRange(team);
        var i = 0;
        foreach (var day in days.Where(d => d.Status == MarketDayStatus.Closed))
        {
            foreach (var (person, goods) in new[] { (old, "大白菜 10 斤、鲜鸡蛋 2 斤"), (dibao, "东北大米 1 袋、大豆油 1 桶") })
            {
                var order = new DeliveryOrder(day, person.Id, person.FullName, person.Address!, null, goods, At(day.Date, 8, 45));
                order.Assign(team[i++ % team.Count].Id, At(day.Date, 9));
                order.Complete(At(day.Date, 10, 20 + i), "已送达，老人签收");
                db.MarketDeliveryOrders.Add(order);
            }
        }
        var next = days[^1];
        var waiting = new DeliveryOrder(next, tekun.Id, tekun.FullName, tekun.Address!, null, "手工粘豆包 1 袋、富强粉 1 袋", _now.AddHours(-3));
        db.MarketDeliveryOrders.Add(waiting);
        var assigned = new DeliveryOrder(next, old.Id, old.FullName, old.Address!, null, "寒富苹果 3 斤", _now.AddHours(-2));
        assigned.Assign(team[0].Id, _now.AddHours(-1));
        db.MarketDeliveryOrders.Add(assigned);

        // Free and low-rent stalls for families in difficulty.
        db.MarketStallAllocations.Add(new StallAllocation(farmer, "B01", 0, _today.AddDays(-45), null, "自产自销农民，免收摊位费", null, admitted));
        db.MarketStallAllocations.Add(new StallAllocation(family, "B02", 3000, _today.AddDays(-45), null, "低收入家庭，低租金帮扶增收", null, admitted));

        // Volunteer supervisors and complaints to the command post.
        var resident = await users.FindByNameAsync("demo-resident");
        db.MarketSupervisors.Add(new MarketSupervisor(market, "宋立新", null, _now.AddDays(-40)));
        db.MarketSupervisors.Add(new MarketSupervisor(market, "郑丽华", null, _now.AddDays(-40)));
        var c1 = new MarketComplaint(market, null, "热线来电", ComplaintSource.Hotline, ComplaintCategory.Price, "鸡蛋价格牌与实际收费不一致，多收了 5 角", eggs.Id, At(first.Date, 9, 40));
        c1.Accept(null, At(first.Date, 9, 50));
        c1.Handle("指挥部核实后督促商户更正价格牌并退还差价，已电话回访居民", null, At(first.Date, 11));
        var c2 = new MarketComplaint(market, null, "宋立新", ComplaintSource.Supervisor, ComplaintCategory.Quality, "冻虾仁化冻后缩水明显，疑似保水剂超标", seafood.Id, At(second.Date, 8, 50));
        c2.Accept(null, At(second.Date, 9));
        c2.Handle("市场监管所现场抽检不合格，商户已清退", null, At(second.Date, 15));
        var c3 = new MarketComplaint(market, resident?.Id, "居民", ComplaintSource.Resident, ComplaintCategory.Safety, "大集东侧消防通道被三轮车占用", null, At(third.Date, 10));
        c3.Accept(null, At(third.Date, 10, 15));
        db.MarketComplaints.AddRange(c1, c2, c3);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static LoveStallPurchase Purchase(MarketDay day, MarketVendor vendor, Person person, SpecialGroupStatus status, MarketGoods goods, decimal quantity,
        int extraPercent, DateTime at)
    {
        var fair = (long)Math.Round(goods.FairPriceFen * quantity, MidpointRounding.AwayFromZero);
        var paid = fair - (long)Math.Round(fair * extraPercent / 100m, MidpointRounding.AwayFromZero);
        return new LoveStallPurchase(day, vendor.Id, person.Id, status, goods.Name, goods.Unit, quantity, fair, paid, extraPercent, false, null, at);
    }

    private async Task SeedDailingAsync(Division town, CancellationToken cancellationToken)
    {
        var market = new CommunityMarket(town.Code, town.Path, DailingMarketName, "带岭镇文化广场", _now.AddDays(-30))
        {
            Theme = "林区山货惠民集",
            Organiser = "带岭镇党委 · 集市指挥部",
            SupervisionHotline = "0458-3312345",
            LoveStallExtraPercent = 10,
            LoveStallFreeItems = "环保购物袋",
            DeliveryTeamName = "带岭爱心配送队",
        };
        db.Markets.Add(market);
        var past = new MarketDay(market, _today.AddDays(-9), new TimeOnly(8, 0), new TimeOnly(11, 0), "秋季山货节", "网格员入户：木耳、蘑菇、蓝莓", At(_today.AddDays(-19), 9));
        past.TryOpen();
        past.TryClose(35, 28);
        var next = new MarketDay(market, _today.AddDays(5), new TimeOnly(8, 0), new TimeOnly(11, 0), "冬季粮油专场", "线上问卷 64 份：米面油", _now.AddDays(-1));
        db.MarketDays.AddRange(past, next);
        var grain = new MarketVendor(market, "带岭粮油店", VendorKind.ChamberMember, "高振华", "13945801234", "92230725MA0A1111B", "米面粮油", _now.AddDays(-25));
        grain.Admit("01", null, _now.AddDays(-24));
        grain.IsLoveStall = true;
        var forest = new MarketVendor(market, "林场山货铺", VendorKind.LocalFarmer, "罗德胜", "13945802345", null, "木耳、蘑菇、蓝莓", _now.AddDays(-25));
        forest.Admit("02", null, _now.AddDays(-24));
        db.MarketVendors.AddRange(grain, forest);
        foreach (var day in new[] { past, next })
        {
            db.MarketGoods.Add(new MarketGoods(grain, day, "五常大米（5公斤）", "米面粮油", "袋", 4500, 4050, At(day.Date.AddDays(-1), 16)));
            db.MarketGoods.Add(new MarketGoods(forest, day, "小兴安岭黑木耳", "山货", "斤", 6000, 5400, At(day.Date.AddDays(-1), 16)));
        }
        db.MarketSpotChecks.Add(new SpotCheck(forest, past.Id, null, "小兴安岭黑木耳", "市场监管所", SpotCheckResult.Pass, false, "无掺杂、干度合格", null, At(past.Date, 9)));
        db.MarketStallAllocations.Add(new StallAllocation(forest, "02", 0, _today.AddDays(-24), null, "林场下岗职工家庭，免收摊位费", null, _now.AddDays(-24)));
        await db.SaveChangesAsync(cancellationToken);
    }
}

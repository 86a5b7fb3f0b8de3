using Jiceng.Web.Data;
using Jiceng.Web.Modules.Wishes.Domain;
using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Demo;

/// <summary>Demo micro-wishes on 团结社区's wall in every status (and a few in 育西). Skipped when already there, so a second start changes nothing.</summary>
public sealed class WishDemoSeeder(AppDbContext db, TimeProvider time)
{
    private const string Tuanjie = "230725100001";
    private const string Yuxi = "230725100002";

    private sealed record Sample(string Community, string Title, string Description, string Category, decimal? Budget, string Wisher, bool ShowName,
        WishStatus Status, string? ClaimedBy = null, string? Evidence = null, decimal? Value = null, string? Thanks = null, string? ReviewNote = null);

    private static readonly Sample[] Samples =
    [
        new(Tuanjie, "想要一辆轻便轮椅", "老伴去年中风后腿脚不便，想要一辆轻便轮椅，天气好时推他到小区里晒晒太阳。", "elderly_disabled", 680m, "张秀兰", true, WishStatus.OnWall),
        new(Tuanjie, "孙子开学想要一个新书包", "孙子今年上三年级，旧书包带子断了，想要一个结实的书包和一套文具。", "study", 150m, "李桂芝", false, WishStatus.Claimed, "party"),
        new(Tuanjie, "想请人上门理个发", "独居老人，行动不便，头发长了出不了门，希望有人能上门理发。", "elderly_disabled", 30m, "赵德胜", true, WishStatus.Fulfilled, "party",
            "联系了社区理发志愿者上门理发，老人很满意。", 30m),
        new(Tuanjie, "厨房水龙头漏水", "厨房水龙头关不严一直滴水，自己修不了，想请人帮忙换一个。", "daily_goods", 60m, "孙玉珍", true, WishStatus.Confirmed, "unit",
            "自然资源局党员志愿者上门更换了水龙头和角阀。", 85m, "谢谢自然资源局的同志们，水龙头再也不漏了！"),
        new(Tuanjie, "想学用智能手机", "想学会用手机挂号、视频通话和交医保，希望有人教一教。", "culture", null, "周凤芝", true, WishStatus.OnWall),
        new(Tuanjie, "楼道感应灯坏了", "三单元二楼到四楼的感应灯坏了，晚上上下楼看不清。", "environment", 120m, "吴国庆", false, WishStatus.Claimed, "unit"),
        new(Tuanjie, "想要一台助听器", "耳朵背了好几年，孩子在外地打工，想要一台助听器能听清电视。", "health", 1200m, "郑淑琴", true, WishStatus.PendingReview),
        new(Tuanjie, "想要一台新电视", "家里电视坏了，想换一台大电视。", "daily_goods", 3000m, "钱进", false, WishStatus.Rejected,
            ReviewNote: "超出微心愿的范围，已为您登记临时救助咨询。"),
        new(Tuanjie, "冬天想要一床厚棉被", "屋里冷，想要一床厚棉被过冬。", "daily_goods", 200m, "冯玉兰", true, WishStatus.Confirmed, "party",
            "送去厚棉被一床、电热毯一条。", 260m, "棉被很暖和，感谢党员同志！"),
        new(Tuanjie, "想找一份保洁的活儿", "下岗在家，想在附近找一份保洁的工作补贴家用。", "employment", null, "陈立新", false, WishStatus.OnWall),
        new(Yuxi, "孩子想要一套课外书", "孩子喜欢看书，想要一套适合五年级的课外读物。", "study", 180m, "刘春梅", true, WishStatus.OnWall),
        new(Yuxi, "想要一根助行拐杖", "膝盖不好，走路需要一根带凳子的助行拐杖。", "elderly_disabled", 90m, "高文华", true, WishStatus.Fulfilled, "unit",
            "送去四脚助行拐杖一根。", 95m),
        new(Yuxi, "小区想添几把休息长椅", "小区里老人多，想在花坛边添几把长椅。", "environment", 1500m, "林桂香", false, WishStatus.PendingReview),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Wishes.AnyAsync(cancellationToken)) return;
        var paths = await db.Divisions.Where(d => d.Code == Tuanjie || d.Code == Yuxi).ToDictionaryAsync(d => d.Code, d => d.Path, cancellationToken);
        if (paths.Count < 2) return;
        var accounts = await db.Users.Where(u => u.UserName == "demo-party" || u.UserName == "demo-unit" || u.UserName == "demo-community-a")
            .ToDictionaryAsync(u => u.UserName!, cancellationToken);
        var party = accounts.GetValueOrDefault("demo-party");
        var unit = accounts.GetValueOrDefault("demo-unit");
        var staff = accounts.GetValueOrDefault("demo-community-a");
        var member = party is null ? null : await db.People.Where(p => p.UserId == party.Id).FirstOrDefaultAsync(cancellationToken);
        var unitName = unit?.UnitId is { } unitId ? await db.CoBuildingUnits.Where(u => u.Id == unitId).Select(u => u.Name).SingleOrDefaultAsync(cancellationToken) : null;

        var now = time.GetUtcNow().UtcDateTime;
        var i = 0;
        foreach (var s in Samples)
        {
            i++;
            var posted = now.AddDays(-20 + i);
            var wish = new Wish(s.Community, paths[s.Community], s.Title, s.Description, s.Category, posted)
            {
                BudgetEstimate = s.Budget, WisherName = s.Wisher, ShowWisherName = s.ShowName, WisherPhone = $"1394602{1000 + i * 37:0000}",
                PostedByUserId = staff?.Id, PostedByStaff = true, Status = s.Status,
            };
            if (s.Status != WishStatus.PendingReview)
            {
                wish.ReviewedByUserId = staff?.Id;
                wish.ReviewedUtc = posted.AddHours(3);
                wish.ReviewNote = s.ReviewNote;
                if (s.Status != WishStatus.Rejected) wish.PublishedUtc = posted.AddHours(3);
            }
            var byUnit = s.ClaimedBy == "unit" && unit?.UnitId is not null;
            var byMember = s.ClaimedBy == "party" && party is not null;
            if (byUnit || byMember)
            {
                wish.ClaimantKind = byUnit ? WishClaimantKind.CoBuildingUnit : WishClaimantKind.PartyMember;
                wish.ClaimantUserId = byUnit ? unit!.Id : party!.Id;
                wish.ClaimantUnitId = byUnit ? unit!.UnitId : null;
                wish.ClaimantPersonId = byUnit ? null : member?.Id;
                wish.ClaimantName = byUnit ? unitName ?? "共建单位" : Mask.Name(member?.FullName ?? "王红梅") + "（党员）";
                wish.ClaimedUtc = posted.AddDays(1);
                // Long enough that the demo's claims stay claimed for a while after start.
                wish.ClaimDeadlineUtc = now.AddDays(60);
                wish.ClaimCount = 1;
            }
            if (s.Evidence is not null)
            {
                wish.FulfilledUtc = posted.AddDays(3);
                wish.FulfilmentNote = s.Evidence;
                wish.FulfilmentValue = s.Value;
            }
            if (s.Status == WishStatus.Confirmed)
            {
                wish.ConfirmedUtc = posted.AddDays(4);
                wish.ConfirmedByUserId = staff?.Id;
                wish.ThanksNote = s.Thanks;
            }
            db.Wishes.Add(wish);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}

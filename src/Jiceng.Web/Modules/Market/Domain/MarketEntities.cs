using Jiceng.Web.Platform.Scope;

namespace Jiceng.Web.Modules.Market.Domain;

/// <summary>
/// A 惠民大集: a recurring market at a fixed place (文化新村小区), run by a street's 党工委 with a command post (集市指挥部).
/// It belongs to a division (a street or a community); staff of that subtree manage it.
/// </summary>
public sealed class CommunityMarket : IDivisionScoped
{
    public const int DefaultLoveStallExtraPercent = 10;
    public const int DefaultReapplyBanDays = 180;
    public const int DefaultWarningsBeforeExpel = 3;

    private CommunityMarket() { }

    public CommunityMarket(string divisionCode, string divisionPath, string name, string place, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        Name = name;
        Place = place;
        Zones = "惠民商品区,健康服务区,政策服务区";
        LoveStallExtraPercent = DefaultLoveStallExtraPercent;
        ReapplyBanDays = DefaultReapplyBanDays;
        WarningsBeforeExpel = DefaultWarningsBeforeExpel;
        CreatedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The fixed place (e.g. 文化新村小区).</summary>
    public string Place { get; set; } = "";
    /// <summary>The zones, comma separated (惠民商品区, 健康服务区, 政策服务区).</summary>
    public string Zones { get; set; } = "";
    public string? Theme { get; set; }
    /// <summary>Who runs it (街道党工委) and the command post's name (集市指挥部).</summary>
    public string? Organiser { get; set; }
    /// <summary>The supervision hotline shown on the price board (an office line, not personal data).</summary>
    public string? SupervisionHotline { get; set; }
    /// <summary>The extra discount at love stalls for 低保, 特困 and 高龄 buyers, percent of the fair price (0–100; 100 = free).</summary>
    public int LoveStallExtraPercent { get; set; }
    /// <summary>Items given free at love stalls, comma separated (e.g. 环保购物袋, 口罩).</summary>
    public string? LoveStallFreeItems { get; set; }
    /// <summary>How long an expelled vendor may not sell nor apply again.</summary>
    public int ReapplyBanDays { get; set; }
    /// <summary>At this many warnings the command post is advised to expel the vendor (staff decide).</summary>
    public int WarningsBeforeExpel { get; set; }
    public string? DeliveryTeamName { get; set; }
    public DateTime CreatedUtc { get; private set; }
    public int Version { get; private set; }

    public void Touch() => Version++;

    public IReadOnlyList<string> ZoneList => Zones.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public enum MarketDayStatus
{
    Planned = 0,
    Open = 1,
    Closed = 2,
    Cancelled = 3,
}

/// <summary>One day of a market, with hours and a theme planned from residents' needs (网格员入户、线上问卷).</summary>
public sealed class MarketDay : IDivisionScoped
{
    private MarketDay() { }

    public MarketDay(CommunityMarket market, DateOnly date, TimeOnly opens, TimeOnly closes, string? theme, string? needsSource, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        MarketId = market.Id;
        DivisionPath = market.DivisionPath;
        Date = date;
        Opens = opens;
        Closes = closes;
        Theme = theme;
        NeedsSource = needsSource;
        Status = MarketDayStatus.Planned;
        CreatedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public Guid MarketId { get; private set; }
    public string DivisionPath { get; private set; } = "";
    public DateOnly Date { get; set; }
    public TimeOnly Opens { get; set; }
    public TimeOnly Closes { get; set; }
    public string? Theme { get; set; }
    /// <summary>Where the theme came from (网格员入户 42 户、线上问卷 118 份 …).</summary>
    public string? NeedsSource { get; set; }
    public MarketDayStatus Status { get; private set; }
    /// <summary>People served in the health zone (free blood pressure and glucose checks) that day.</summary>
    public int HealthServed { get; private set; }
    /// <summary>People served at the policy desks (司法, 人社, 残联, 医保 …) that day.</summary>
    public int PolicyServed { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public int Version { get; private set; }

    public bool TryOpen()
    {
        if (Status != MarketDayStatus.Planned) return false;
        Status = MarketDayStatus.Open;
        Version++;
        return true;
    }

    public bool TryClose(int healthServed, int policyServed)
    {
        if (Status != MarketDayStatus.Open) return false;
        Status = MarketDayStatus.Closed;
        HealthServed = healthServed;
        PolicyServed = policyServed;
        Version++;
        return true;
    }

    public bool TryCancel()
    {
        if (Status != MarketDayStatus.Planned) return false;
        Status = MarketDayStatus.Cancelled;
        Version++;
        return true;
    }
}

/// <summary>Who a vendor is: the seed names 商会商户, 自产自销农民, 下岗人员, 低收入家庭.</summary>
public enum VendorKind
{
    ChamberMember = 0,
    LocalFarmer = 1,
    LaidOffWorker = 2,
    LowIncomeFamily = 3,
    Other = 4,
}

public enum VendorStatus
{
    Applied = 0,
    Admitted = 1,
    Warned = 2,
    Expelled = 3,
    Rejected = 4,
}

/// <summary>
/// A vendor of a market (准入退出): applies, is admitted by staff with a stall, may be warned and expelled. The
/// transitions are the methods below; each returns false when not allowed from the current status (→ 409).
/// </summary>
public sealed class MarketVendor : IDivisionScoped
{
    private MarketVendor() { }

    public MarketVendor(CommunityMarket market, string name, VendorKind kind, string contactName, string? contactPhone, string? licenceNo,
        string goodsCategories, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        MarketId = market.Id;
        DivisionPath = market.DivisionPath;
        Name = name;
        Kind = kind;
        ContactName = contactName;
        ContactPhone = contactPhone;
        LicenceNo = licenceNo;
        GoodsCategories = goodsCategories;
        Status = VendorStatus.Applied;
        AppliedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public Guid MarketId { get; private set; }
    public string DivisionPath { get; private set; } = "";
    /// <summary>The shop's or stall's name (老王粮油, 李家菜园).</summary>
    public string Name { get; private set; } = "";
    public VendorKind Kind { get; private set; }
    /// <summary>The contact person (sealed).</summary>
    public string ContactName { get; private set; } = "";
    /// <summary>The contact phone (sealed).</summary>
    public string? ContactPhone { get; private set; }
    /// <summary>Business licence (营业执照) number; farmers selling their own produce may have none.</summary>
    public string? LicenceNo { get; private set; }
    public string GoodsCategories { get; set; } = "";
    public VendorStatus Status { get; private set; }
    public string? StallNo { get; private set; }
    /// <summary>A designated love stall (爱心摊位) where special groups buy with the extra discount.</summary>
    public bool IsLoveStall { get; set; }
    public int WarningCount { get; private set; }
    /// <summary>Set when warnings reach the market's threshold or a check failed seriously: the command post should decide.</summary>
    public bool ExpelSuggested { get; private set; }
    public string? ExpelReason { get; private set; }
    /// <summary>An expelled vendor may not apply again before this day (China calendar).</summary>
    public DateOnly? BannedUntil { get; private set; }
    public DateTime AppliedUtc { get; private set; }
    public DateTime? AdmittedUtc { get; private set; }
    public DateTime? ExpelledUtc { get; private set; }
    public int Version { get; private set; }

    /// <summary>Admitted and not expelled: may put goods on sale.</summary>
    public bool MaySell => Status is VendorStatus.Admitted or VendorStatus.Warned;

    public List<VendorStatusChange> History { get; private set; } = [];

    public bool Admit(string stallNo, Guid? byUserId, DateTime nowUtc)
    {
        if (Status != VendorStatus.Applied) return false;
        StallNo = stallNo;
        AdmittedUtc = nowUtc;
        Change(VendorStatus.Admitted, "准入 / admitted, stall " + stallNo, byUserId, nowUtc);
        return true;
    }

    public bool Reject(string reason, Guid? byUserId, DateTime nowUtc)
    {
        if (Status != VendorStatus.Applied) return false;
        Change(VendorStatus.Rejected, reason, byUserId, nowUtc);
        return true;
    }

    /// <param name="warningsBeforeExpel">The market's threshold; reaching it (or a serious failure) sets <see cref="ExpelSuggested"/>.</param>
    public bool Warn(string reason, bool serious, int warningsBeforeExpel, Guid? byUserId, DateTime nowUtc)
    {
        if (!MaySell) return false;
        WarningCount++;
        if (serious || WarningCount >= warningsBeforeExpel) ExpelSuggested = true;
        Change(VendorStatus.Warned, reason, byUserId, nowUtc);
        return true;
    }

    public bool Expel(string reason, int banDays, DateOnly today, Guid? byUserId, DateTime nowUtc)
    {
        if (!MaySell) return false;
        ExpelReason = reason;
        ExpelledUtc = nowUtc;
        BannedUntil = today.AddDays(banDays);
        ExpelSuggested = false;
        Change(VendorStatus.Expelled, reason, byUserId, nowUtc);
        return true;
    }

    private void Change(VendorStatus to, string reason, Guid? byUserId, DateTime nowUtc)
    {
        History.Add(new VendorStatusChange(this, Status, to, reason, byUserId, nowUtc));
        Status = to;
        Version++;
    }
}

/// <summary>One step of a vendor's status history (reached through the vendor).</summary>
public sealed class VendorStatusChange
{
    private VendorStatusChange() { }

    internal VendorStatusChange(MarketVendor vendor, VendorStatus from, VendorStatus to, string reason, Guid? byUserId, DateTime atUtc)
    {
        Id = Guid.NewGuid();
        VendorId = vendor.Id;
        From = from;
        To = to;
        Reason = reason;
        ByUserId = byUserId;
        AtUtc = atUtc;
    }

    public Guid Id { get; private set; }
    public Guid VendorId { get; private set; }
    public VendorStatus From { get; private set; }
    public VendorStatus To { get; private set; }
    public string Reason { get; private set; } = "";
    public Guid? ByUserId { get; private set; }
    public DateTime AtUtc { get; private set; }
}

/// <summary>Goods a vendor offers on a market day: the market price and the fair price (惠民价) side by side, in fen.</summary>
public sealed class MarketGoods : IDivisionScoped
{
    private MarketGoods() { }

    public MarketGoods(MarketVendor vendor, MarketDay day, string name, string? category, string unit, long marketPriceFen, long fairPriceFen, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        MarketId = vendor.MarketId;
        MarketDayId = day.Id;
        VendorId = vendor.Id;
        DivisionPath = vendor.DivisionPath;
        Name = name;
        Category = category;
        Unit = unit;
        MarketPriceFen = marketPriceFen;
        FairPriceFen = fairPriceFen;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid MarketId { get; private set; }
    public Guid MarketDayId { get; private set; }
    public Guid VendorId { get; private set; }
    public string DivisionPath { get; private set; } = "";
    public string Name { get; private set; } = "";
    /// <summary>米面粮油, 肉蛋奶, 应季果蔬, 日用百货 …</summary>
    public string? Category { get; private set; }
    public string Unit { get; private set; } = "";
    public long MarketPriceFen { get; private set; }
    public long FairPriceFen { get; private set; }
    public DateTime CreatedUtc { get; private set; }

    public long SavingFen => MarketPriceFen - FairPriceFen;
}

public enum SpotCheckResult
{
    Pass = 0,
    Fail = 1,
}

/// <summary>A random quality check of goods (随机抽查). A failure warns the vendor automatically.</summary>
public sealed class SpotCheck : IDivisionScoped
{
    private SpotCheck() { }

    public SpotCheck(MarketVendor vendor, Guid marketDayId, Guid? goodsId, string goodsName, string inspector, SpotCheckResult result, bool serious,
        string? note, Guid? byUserId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        MarketId = vendor.MarketId;
        MarketDayId = marketDayId;
        VendorId = vendor.Id;
        DivisionPath = vendor.DivisionPath;
        GoodsId = goodsId;
        GoodsName = goodsName;
        Inspector = inspector;
        Result = result;
        Serious = serious;
        Note = note;
        ByUserId = byUserId;
        CheckedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid MarketId { get; private set; }
    public Guid MarketDayId { get; private set; }
    public Guid VendorId { get; private set; }
    public string DivisionPath { get; private set; } = "";
    public Guid? GoodsId { get; private set; }
    public string GoodsName { get; private set; } = "";
    /// <summary>Who checked (市场监管所 张**, 义务监督员 …): an office or a role, as the command post writes it.</summary>
    public string Inspector { get; private set; } = "";
    public SpotCheckResult Result { get; private set; }
    public bool Serious { get; private set; }
    public string? Note { get; private set; }
    public Guid? ByUserId { get; private set; }
    public DateTime CheckedUtc { get; private set; }
}

/// <summary>The status a love-stall buyer was checked for: the record keeps which one, not the person's details.</summary>
public enum SpecialGroupStatus
{
    Dibao = 0,
    Tekun = 1,
    Aged80 = 2,
}

/// <summary>A purchase at a love stall (爱心摊位) by a 低保, 特困 or 高龄 resident with the extra discount, or a free item.</summary>
public sealed class LoveStallPurchase : IDivisionScoped
{
    private LoveStallPurchase() { }

    public LoveStallPurchase(MarketDay day, Guid? vendorId, Guid personId, SpecialGroupStatus checkedStatus, string item, string unit, decimal quantity,
        long fairTotalFen, long paidFen, int extraPercent, bool free, Guid? byUserId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        MarketId = day.MarketId;
        MarketDayId = day.Id;
        DivisionPath = day.DivisionPath;
        VendorId = vendorId;
        PersonId = personId;
        CheckedStatus = checkedStatus;
        Item = item;
        Unit = unit;
        Quantity = quantity;
        FairTotalFen = fairTotalFen;
        PaidFen = paidFen;
        ExtraPercent = extraPercent;
        IsFreeItem = free;
        ByUserId = byUserId;
        PurchasedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid MarketId { get; private set; }
    public Guid MarketDayId { get; private set; }
    public string DivisionPath { get; private set; } = "";
    public Guid? VendorId { get; private set; }
    /// <summary>The buyer's person record (a reference: no name, ID or address is copied here).</summary>
    public Guid PersonId { get; private set; }
    public SpecialGroupStatus CheckedStatus { get; private set; }
    public string Item { get; private set; } = "";
    public string Unit { get; private set; } = "";
    public decimal Quantity { get; private set; }
    /// <summary>What it would cost at the fair price.</summary>
    public long FairTotalFen { get; private set; }
    public long PaidFen { get; private set; }
    public int ExtraPercent { get; private set; }
    public bool IsFreeItem { get; private set; }
    public Guid? ByUserId { get; private set; }
    public DateTime PurchasedUtc { get; private set; }
}

/// <summary>A member of the market's love delivery team (爱心配送小分队).</summary>
public sealed class DeliveryTeamMember : IDivisionScoped
{
    private DeliveryTeamMember() { }

    public DeliveryTeamMember(CommunityMarket market, string name, string? phone, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        MarketId = market.Id;
        DivisionPath = market.DivisionPath;
        Name = name;
        Phone = phone;
        IsActive = true;
        JoinedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid MarketId { get; private set; }
    public string DivisionPath { get; private set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Sealed.</summary>
    public string? Phone { get; set; }
    public bool IsActive { get; set; }
    public DateTime JoinedUtc { get; private set; }
}

public enum DeliveryStatus
{
    Requested = 0,
    Assigned = 1,
    Delivered = 2,
    Cancelled = 3,
}

/// <summary>A free delivery (爱心配送) of goods bought on a market day to someone's home.</summary>
public sealed class DeliveryOrder : IDivisionScoped
{
    private DeliveryOrder() { }

    public DeliveryOrder(MarketDay day, Guid? personId, string recipientName, string address, string? phone, string goods, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        MarketId = day.MarketId;
        MarketDayId = day.Id;
        DivisionPath = day.DivisionPath;
        PersonId = personId;
        RecipientName = recipientName;
        Address = address;
        Phone = phone;
        Goods = goods;
        Status = DeliveryStatus.Requested;
        RequestedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public Guid MarketId { get; private set; }
    public Guid MarketDayId { get; private set; }
    public string DivisionPath { get; private set; } = "";
    public Guid? PersonId { get; private set; }
    /// <summary>Sealed.</summary>
    public string RecipientName { get; private set; } = "";
    /// <summary>Sealed.</summary>
    public string Address { get; private set; } = "";
    /// <summary>Sealed.</summary>
    public string? Phone { get; private set; }
    public string Goods { get; private set; } = "";
    public DeliveryStatus Status { get; private set; }
    public Guid? AssignedMemberId { get; private set; }
    public DateTime RequestedUtc { get; private set; }
    public DateTime? AssignedUtc { get; private set; }
    public DateTime? DeliveredUtc { get; private set; }
    public string? Note { get; private set; }
    public int Version { get; private set; }

    public bool Assign(Guid memberId, DateTime nowUtc)
    {
        if (Status is not (DeliveryStatus.Requested or DeliveryStatus.Assigned)) return false;
        AssignedMemberId = memberId;
        AssignedUtc = nowUtc;
        Status = DeliveryStatus.Assigned;
        Version++;
        return true;
    }

    public bool Complete(DateTime deliveredUtc, string? note)
    {
        if (Status != DeliveryStatus.Assigned) return false;
        DeliveredUtc = deliveredUtc;
        Note = note;
        Status = DeliveryStatus.Delivered;
        Version++;
        return true;
    }

    public bool Cancel(string? note)
    {
        if (Status is not (DeliveryStatus.Requested or DeliveryStatus.Assigned)) return false;
        Note = note;
        Status = DeliveryStatus.Cancelled;
        Version++;
        return true;
    }
}

/// <summary>A free or low-rent stall for a family in difficulty (自产自销农民, 下岗人员, 低收入家庭), linked to its vendor.</summary>
public sealed class StallAllocation : IDivisionScoped
{
    private StallAllocation() { }

    public StallAllocation(MarketVendor vendor, string stallNo, long monthlyRentFen, DateOnly from, DateOnly? to, string? reason, Guid? byUserId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        MarketId = vendor.MarketId;
        VendorId = vendor.Id;
        DivisionPath = vendor.DivisionPath;
        StallNo = stallNo;
        MonthlyRentFen = monthlyRentFen;
        From = from;
        To = to;
        Reason = reason;
        ByUserId = byUserId;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid MarketId { get; private set; }
    public Guid VendorId { get; private set; }
    public string DivisionPath { get; private set; } = "";
    public string StallNo { get; private set; } = "";
    /// <summary>0 for a free stall.</summary>
    public long MonthlyRentFen { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly? To { get; private set; }
    public string? Reason { get; private set; }
    public Guid? ByUserId { get; private set; }
    public DateTime CreatedUtc { get; private set; }

    public bool IsFree => MonthlyRentFen == 0;
}

/// <summary>A volunteer supervisor (义务监督员): a resident who watches quality, service and safety and reports to the command post.</summary>
public sealed class MarketSupervisor : IDivisionScoped
{
    private MarketSupervisor() { }

    public MarketSupervisor(CommunityMarket market, string name, Guid? userId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        MarketId = market.Id;
        DivisionPath = market.DivisionPath;
        Name = name;
        UserId = userId;
        SinceUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid MarketId { get; private set; }
    public string DivisionPath { get; private set; } = "";
    /// <summary>Sealed.</summary>
    public string Name { get; private set; } = "";
    /// <summary>The supervisor's account, when they report through the phone page.</summary>
    public Guid? UserId { get; private set; }
    public DateTime SinceUtc { get; private set; }
}

public enum ComplaintCategory
{
    Quality = 0,
    Price = 1,
    Service = 2,
    Safety = 3,
}

public enum ComplaintSource
{
    Resident = 0,
    Supervisor = 1,
    Hotline = 2,
}

public enum ComplaintStatus
{
    Open = 0,
    Accepted = 1,
    Handled = 2,
}

/// <summary>
/// A complaint about the market (quality, price, service, safety) from a resident, a volunteer supervisor or the hotline,
/// and the command post's handling. The reporter's account sees its own complaints.
/// </summary>
public sealed class MarketComplaint : IUserOwned
{
    private MarketComplaint() { }

    public MarketComplaint(CommunityMarket market, Guid? userId, string reporterName, ComplaintSource source, ComplaintCategory category, string text,
        Guid? vendorId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        MarketId = market.Id;
        DivisionPath = market.DivisionPath;
        UserId = userId;
        ReporterName = reporterName;
        Source = source;
        Category = category;
        Text = text;
        VendorId = vendorId;
        Status = ComplaintStatus.Open;
        CreatedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public Guid MarketId { get; private set; }
    public string DivisionPath { get; private set; } = "";
    public Guid? UserId { get; private set; }
    /// <summary>Sealed.</summary>
    public string ReporterName { get; private set; } = "";
    public ComplaintSource Source { get; private set; }
    public ComplaintCategory Category { get; private set; }
    public string Text { get; private set; } = "";
    public Guid? VendorId { get; private set; }
    public ComplaintStatus Status { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? AcceptedUtc { get; private set; }
    public DateTime? HandledUtc { get; private set; }
    public string? Result { get; private set; }
    public Guid? HandledByUserId { get; private set; }
    public int Version { get; private set; }

    public bool Accept(Guid? byUserId, DateTime nowUtc)
    {
        if (Status != ComplaintStatus.Open) return false;
        Status = ComplaintStatus.Accepted;
        AcceptedUtc = nowUtc;
        HandledByUserId = byUserId;
        Version++;
        return true;
    }

    public bool Handle(string result, Guid? byUserId, DateTime nowUtc)
    {
        if (Status is not (ComplaintStatus.Open or ComplaintStatus.Accepted)) return false;
        AcceptedUtc ??= nowUtc;
        Status = ComplaintStatus.Handled;
        HandledUtc = nowUtc;
        Result = result;
        HandledByUserId = byUserId;
        Version++;
        return true;
    }
}

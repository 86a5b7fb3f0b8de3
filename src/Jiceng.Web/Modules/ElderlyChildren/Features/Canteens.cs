using Jiceng.Web.Data;
using Jiceng.Web.Modules.ElderlyChildren.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Modules.Residents.Features;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.ElderlyChildren.Features;

public sealed record CanteenDto(Guid Id, string DivisionCode, string Name, string Place, string MealTimes, int Version, bool Active, DateTime? DeactivatedUtc);
public sealed record UpdateCanteenRequest(string? Name, string? Place, string? MealTimes);
public sealed record CreateCanteenRequest(string? DivisionCode, string? Name, string? Place, string? MealTimes);
public sealed record SubsidyBandDto(string? Label, int? MinAge, int? MaxAge, string? Status, string? Kind, long GovernmentShare, long CommunityShare);
public sealed record SubsidyRulesRequest(List<SubsidyBandDto>? Bands);
public sealed record MenuItemDto(Guid Id, DateOnly Date, string Meal, string ServedFrom, string Title, string Dishes, long PriceFen, string Price);
public sealed record AddMenuItemRequest(DateOnly? Date, string? Meal, string? ServedFrom, string? Title, string? Dishes, long? PriceFen);
public sealed record PlaceOrderRequest(Guid? MenuItemId, Guid? PersonId);
public sealed record MealOrderDto(Guid Id, Guid CanteenId, Guid PersonId, string PersonName, DateOnly MealDate, string Meal, string Title,
    long PriceFen, long ElderlyFen, long GovernmentFen, long CommunityFen, string? Band, string Status, DateTime OrderedUtc, int Version);
public sealed record FunderRow(string Funder, string Name, int Orders, long AmountFen, string Amount);
public sealed record SettlementBandRow(string Band, int Orders, long PriceFen, long ElderlyFen, long GovernmentFen, long CommunityFen);
public sealed record SettlementDto(Guid CanteenId, string CanteenName, string Month, int Orders, int People, long PriceFen, long ElderlyFen,
    long GovernmentFen, long CommunityFen, IReadOnlyList<FunderRow> Funders, IReadOnlyList<SettlementBandRow> Bands);

/// <summary>Canteens, their "三个一点" rules and menus, meal orders and the monthly settlement per funder.</summary>
public sealed partial class Canteens(AppDbContext db, ElderlyCommon common, CurrentUser user, ILogger<Canteens> logger)
{
    public const int MaxBands = 20;
    public const long MaxPriceFen = 100_00;

    public async Task<Result<List<CanteenDto>>> ListAsync(string? division, CancellationToken ct)
    {
        var range = await common.RangeAsync(division, ct);
        if (!range.IsSuccess) return range.Error!;
        var q = db.Canteens.AsNoTracking();
        if (range.Value is var (from, to)) q = q.Where(c => string.Compare(c.DivisionPath, from) >= 0 && string.Compare(c.DivisionPath, to) < 0);
        return (await q.OrderBy(c => c.DivisionCode).ThenBy(c => c.Name).ToListAsync(ct)).Select(ToDto).ToList();
    }

    public async Task<Result<CanteenDto>> GetAsync(Guid id, CancellationToken ct) =>
        await db.Canteens.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is { } c ? ToDto(c) : Error.NotFound("Canteen");

    private static Error? Invalid(string? name, string? place, string? mealTimes)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100) return Error.Validation("名称必填，最多100字 / name is required (≤ 100).");
        if (string.IsNullOrWhiteSpace(place) || place.Trim().Length > 200) return Error.Validation("地点必填，最多200字 / place is required (≤ 200).");
        if (mealTimes?.Trim().Length > 200) return Error.Validation("开餐时间最多200字 / mealTimes: at most 200 characters.");
        return null;
    }

    public async Task<Result<CanteenDto>> CreateAsync(CreateCanteenRequest request, CancellationToken ct)
    {
        var community = await common.CommunityAsync(request.DivisionCode, ct);
        if (!community.IsSuccess) return community.Error!;
        if (Invalid(request.Name, request.Place, request.MealTimes) is { } invalid) return invalid;
        var mealTimes = request.MealTimes?.Trim() ?? "";
        var canteen = new Canteen(community.Value.Code, community.Value.Path, request.Name!.Trim(), request.Place!.Trim(), mealTimes, common.UtcNow);
        db.Canteens.Add(canteen);
        await db.SaveChangesAsync(ct);
        return ToDto(canteen);
    }

    /// <param name="expectedVersion">From If-Match: the version the caller read; another → 409 conflict.</param>
    public async Task<Result<CanteenDto>> UpdateAsync(Guid id, UpdateCanteenRequest request, int? expectedVersion, CancellationToken ct)
    {
        var canteen = await db.Canteens.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (canteen is null) return Error.NotFound("Canteen");
        if (Invalid(request.Name, request.Place, request.MealTimes) is { } invalid) return invalid;
        if (expectedVersion is { } expected && expected != canteen.Version) return ElderlyErrors.VersionMismatch();
        canteen.Name = request.Name!.Trim();
        canteen.Place = request.Place!.Trim();
        canteen.MealTimes = request.MealTimes?.Trim() ?? "";
        canteen.Version++;
        return await common.SaveEditAsync(() => ToDto(canteen), ct);
    }

    /// <summary>
    /// Takes a canteen out of service (or back): its orders, menus and settlements stay; while out of service it is not
    /// on the portal and takes no new meals or orders.
    /// </summary>
    public async Task<Result<CanteenDto>> SetActiveAsync(Guid id, bool active, int? expectedVersion, CancellationToken ct)
    {
        var canteen = await db.Canteens.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (canteen is null) return Error.NotFound("Canteen");
        if (expectedVersion is { } expected && expected != canteen.Version) return ElderlyErrors.VersionMismatch();
        if (canteen.IsActive == active) return ToDto(canteen);
        if (active) canteen.Reactivate(); else canteen.Deactivate(common.UtcNow);
        canteen.Version++;
        return await common.SaveEditAsync(() => ToDto(canteen), ct);
    }

    public async Task<Result<List<SubsidyBandDto>>> RulesAsync(Guid canteenId, CancellationToken ct)
    {
        if (!await db.Canteens.AnyAsync(c => c.Id == canteenId, ct)) return Error.NotFound("Canteen");
        return (await BandsAsync(canteenId, ct)).Select(ToDto).ToList();
    }

    /// <summary>Replaces the rule table. Orders already placed keep the split they were given.</summary>
    public async Task<Result<List<SubsidyBandDto>>> SetRulesAsync(Guid canteenId, SubsidyRulesRequest request, CancellationToken ct)
    {
        var canteen = await db.Canteens.SingleOrDefaultAsync(c => c.Id == canteenId, ct);
        if (canteen is null) return Error.NotFound("Canteen");
        var rows = request.Bands ?? [];
        if (rows.Count > MaxBands) return Error.Validation($"最多 {MaxBands} 档 / At most {MaxBands} bands.");
        var bands = new List<CanteenSubsidyBand>();
        foreach (var row in rows)
        {
            if (string.IsNullOrWhiteSpace(row.Label) || row.Label.Trim().Length > 50) return Error.Validation("每档须有名称（最多50字） / Every band needs a label (≤ 50).");
            if (row.MinAge is < 0 or > 150 || row.MaxAge is < 0 or > 150 || (row.MinAge is { } a && row.MaxAge is { } b && a > b))
                return Error.Validation("年龄段无效 / The age band is not valid.");
            var status = string.IsNullOrWhiteSpace(row.Status) ? null : row.Status.Trim();
            if (status is not null && KeyGroups.Find(status) is null) return Error.Validation("身份须为重点人群代码（dibao、tekun、very-old …） / status must be a key group code.");
            if (row.MinAge is null && row.MaxAge is null && status is null) return Error.Validation("每档须限定年龄或身份 / A band needs an age or a status.");
            ShareKind? kind = row.Kind?.Trim().ToLowerInvariant() switch { "fixedfen" or "fixed" or null or "" => ShareKind.FixedFen, "percent" => ShareKind.Percent, _ => null };
            if (kind is null) return Error.Validation("kind 只能是 fixedFen 或 percent / kind must be fixedFen or percent.");
            var limit = kind == ShareKind.Percent ? 100 : MaxPriceFen;
            if (row.GovernmentShare < 0 || row.CommunityShare < 0 || row.GovernmentShare > limit || row.CommunityShare > limit
                || (kind == ShareKind.Percent && row.GovernmentShare + row.CommunityShare > 100))
                return Error.Validation("补贴份额无效 / The shares are not valid.");
            bands.Add(new CanteenSubsidyBand(canteen, row.Label.Trim(), row.MinAge, row.MaxAge, status, kind.Value, row.GovernmentShare, row.CommunityShare));
        }
        db.CanteenSubsidyBands.RemoveRange(await db.CanteenSubsidyBands.Where(b => b.CanteenId == canteenId).ToListAsync(ct));
        db.CanteenSubsidyBands.AddRange(bands);
        canteen.Version++;
        return await common.SaveEditAsync(() => bands.Select(ToDto).ToList(), ct);
    }

    public async Task<Result<List<MenuItemDto>>> MenuAsync(Guid canteenId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (!await db.Canteens.AnyAsync(c => c.Id == canteenId, ct)) return Error.NotFound("Canteen");
        var start = from ?? common.Today;
        var end = to ?? start.AddDays(6);
        var items = await db.CanteenMenuItems.AsNoTracking().Where(m => m.CanteenId == canteenId && m.Date >= start && m.Date <= end).ToListAsync(ct);
        return items.OrderBy(m => m.Date).ThenBy(m => m.Meal).ThenBy(m => m.Title, StringComparer.Ordinal).Select(ToDto).ToList();
    }

    public async Task<Result<MenuItemDto>> AddMenuItemAsync(Guid canteenId, AddMenuItemRequest request, CancellationToken ct)
    {
        var canteen = await db.Canteens.AsNoTracking().SingleOrDefaultAsync(c => c.Id == canteenId, ct);
        if (canteen is null) return Error.NotFound("Canteen");
        if (!canteen.IsActive) return ElderlyErrors.CanteenInactive();
        if (request.Date is not { } date) return Error.Validation("须指定日期 / date is required.");
        if (!Enum.TryParse<Meal>(request.Meal, true, out var meal)) return Error.Validation("meal 只能是 breakfast、lunch 或 dinner / meal must be breakfast, lunch or dinner.");
        var servedFrom = request.ServedFrom is null ? DefaultServedFrom(meal) : TimeOnly.TryParse(request.ServedFrom, System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : (TimeOnly?)null;
        if (servedFrom is null) return Error.Validation("开餐时间格式为 HH:mm / servedFrom must be HH:mm.");
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > 50) return Error.Validation("名称必填，最多50字 / title is required (≤ 50).");
        if (string.IsNullOrWhiteSpace(request.Dishes) || request.Dishes.Trim().Length > 300) return Error.Validation("菜品必填，最多300字 / dishes are required (≤ 300).");
        if (request.PriceFen is not (> 0 and <= MaxPriceFen)) return Error.Validation("价格（分）须在 1 到 10000 之间 / priceFen must be 1–10000.");
        var item = new CanteenMenuItem(canteen, date, meal, servedFrom.Value, request.Title.Trim(), request.Dishes.Trim(), request.PriceFen.Value);
        db.CanteenMenuItems.Add(item);
        await db.SaveChangesAsync(ct);
        return ToDto(item);
    }

    public async Task<Result<bool>> RemoveMenuItemAsync(Guid canteenId, Guid itemId, CancellationToken ct)
    {
        var item = await db.CanteenMenuItems.SingleOrDefaultAsync(m => m.Id == itemId && m.CanteenId == canteenId, ct);
        if (item is null) return Error.NotFound("Menu item");
        if (await db.MealOrders.AnyAsync(o => o.MenuItemId == itemId, ct)) return Error.Conflict("已有订餐，不能删除 / The meal has orders; it cannot be removed.");
        db.CanteenMenuItems.Remove(item);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>What a person would pay for a meal (the counter shows it before ordering).</summary>
    public async Task<Result<MealSplit>> QuoteAsync(Guid canteenId, Guid menuItemId, Guid personId, CancellationToken ct)
    {
        var item = await db.CanteenMenuItems.AsNoTracking().SingleOrDefaultAsync(m => m.Id == menuItemId && m.CanteenId == canteenId, ct);
        if (item is null) return Error.NotFound("Menu item");
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, ct);
        if (person is null) return Error.NotFound("Person");
        return await SplitAsync(canteenId, item, person, ct);
    }

    private async Task<MealSplit> SplitAsync(Guid canteenId, CanteenMenuItem item, Person person, CancellationToken ct)
    {
        var tags = await db.PersonTags.AsNoTracking().Where(t => t.PersonId == person.Id).Select(t => t.GroupCode).ToListAsync(ct);
        return SubsidySplit.For(item.PriceFen, person.AgeOn(item.Date), tags, await BandsAsync(canteenId, ct));
    }

    /// <summary>A meal ordered for a resident of the canteen's community; the split is computed now and kept.</summary>
    public async Task<Result<MealOrderDto>> OrderAsync(Guid canteenId, PlaceOrderRequest request, CancellationToken ct)
    {
        var canteen = await db.Canteens.AsNoTracking().SingleOrDefaultAsync(c => c.Id == canteenId, ct);
        if (canteen is null) return Error.NotFound("Canteen");
        if (!canteen.IsActive) return ElderlyErrors.CanteenInactive();
        if (request.MenuItemId is not { } itemId || request.PersonId is not { } personId) return Error.Validation("须指定餐次和就餐人 / menuItemId and personId are required.");
        var item = await db.CanteenMenuItems.AsNoTracking().SingleOrDefaultAsync(m => m.Id == itemId && m.CanteenId == canteenId, ct);
        if (item is null) return Error.NotFound("Menu item");
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, ct);
        if (person is null) return Error.NotFound("Person");
        if (person.DivisionCode != canteen.DivisionCode) return Error.Validation("就餐人须为本社区居民 / The person must live in the canteen's community.");
        return await PlaceAsync(canteen, item, person, ct);
    }

    /// <summary>
    /// A resident orders a meal for themselves on the portal page: their own person record decides the split. The
    /// canteen, the meal and the bands are public (the page shows them), so they are read past the data scope; the
    /// order belongs to the resident's account.
    /// </summary>
    public async Task<Result<MealOrderDto>> OrderForSelfAsync(Guid menuItemId, CancellationToken ct)
    {
        if (user.UserId is not { } me) return Error.Forbidden("请先登录 / Sign in first.");
        var person = await db.OwnPersonRecord(me).AsNoTracking().FirstOrDefaultAsync(ct);
        if (person is null) return Error.Validation("没有找到您的居民档案，请到食堂窗口订餐 / No resident record of yours was found; please order at the counter.");
        var item = await db.CanteenMenuItems.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().SingleOrDefaultAsync(m => m.Id == menuItemId, ct);
        if (item is null) return Error.NotFound("Menu item");
        var canteen = await db.Canteens.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().SingleAsync(c => c.Id == item.CanteenId, ct);
        if (canteen.DivisionCode != person.DivisionCode) return Error.Validation("只能在本社区食堂订餐 / You can order only at your own community's canteen.");
        if (!canteen.IsActive) return ElderlyErrors.CanteenInactive();
        var bands = await db.CanteenSubsidyBands.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Where(b => b.CanteenId == canteen.Id)
            .OrderBy(b => b.Label).ToListAsync(ct);
        return await PlaceAsync(canteen, item, person, ct, bands);
    }

    /// <summary>The signed-in resident's own orders from today on (rows their account owns).</summary>
    public async Task<List<MealOrderDto>> MyOrdersAsync(CancellationToken ct)
    {
        if (user.UserId is not { } me) return [];
        var today = common.Today;
        return (await db.MealOrders.AsNoTracking().Where(o => o.UserId == me && o.MealDate >= today).OrderBy(o => o.MealDate).ThenBy(o => o.Meal).Take(50)
            .ToListAsync(ct)).Select(ToDto).ToList();
    }

    private async Task<Result<MealOrderDto>> PlaceAsync(Canteen canteen, CanteenMenuItem item, Person person, CancellationToken ct, List<CanteenSubsidyBand>? bands = null)
    {
        var mealUtc = WorkingCalendar.LocalMidnightToUtc(item.Date) + item.ServedFrom.ToTimeSpan();
        if (mealUtc <= common.UtcNow) return Error.Validation("该餐次已开餐，不能再订 / This meal has already been served.");
        bands ??= await BandsAsync(canteen.Id, ct);
        var tags = await db.PersonTags.AsNoTracking().Where(t => t.PersonId == person.Id).Select(t => t.GroupCode).ToListAsync(ct);
        var split = SubsidySplit.For(item.PriceFen, person.AgeOn(item.Date), tags, bands);
        var order = new MealOrder(canteen, item, person.Id, person.Name, person.UserId, mealUtc, split.ElderlyFen, split.GovernmentFen, split.CommunityFen,
            split.BandLabel, user.UserId, common.UtcNow);
        db.MealOrders.Add(order);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict("此人已订该餐次 / This person already ordered this meal.");
        }
        Ordered(logger, order.Id, canteen.Id);
        return ToDto(order);
    }

    public async Task<Result<List<MealOrderDto>>> OrdersAsync(Guid canteenId, DateOnly? from, DateOnly? to, Guid? personId, CancellationToken ct)
    {
        if (!await db.Canteens.AnyAsync(c => c.Id == canteenId, ct)) return Error.NotFound("Canteen");
        var q = db.MealOrders.AsNoTracking().Where(o => o.CanteenId == canteenId);
        if (from is { } f) q = q.Where(o => o.MealDate >= f);
        if (to is { } t) q = q.Where(o => o.MealDate <= t);
        if (personId is { } p) q = q.Where(o => o.PersonId == p);
        var orders = await q.OrderByDescending(o => o.MealDate).ThenBy(o => o.Meal).Take(500).ToListAsync(ct);
        return orders.Select(ToDto).ToList();
    }

    public async Task<Result<MealOrderDto>> GetOrderAsync(Guid canteenId, Guid orderId, CancellationToken ct) =>
        await db.MealOrders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId && o.CanteenId == canteenId, ct) is { } o ? ToDto(o) : Error.NotFound("Order");

    /// <summary>Cancels an order before the meal is served (staff in scope, or the resident who owns it).</summary>
    public async Task<Result<MealOrderDto>> CancelAsync(Guid orderId, CancellationToken ct)
    {
        var order = await db.MealOrders.SingleOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null) return Error.NotFound("Order");
        if (order.Status == MealOrderStatus.Cancelled) return ToDto(order);
        if (order.MealUtc <= common.UtcNow) return ElderlyErrors.TooLate();
        order.Cancel(common.UtcNow);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("订单已被他人修改 / The order was changed meanwhile.");
        }
        return ToDto(order);
    }

    /// <summary>
    /// The month's settlement of a canteen: live orders whose meal day (China calendar) falls in the month, with the
    /// sums each funder pays. Summed in memory from the stored splits, so it equals the orders exactly.
    /// </summary>
    public async Task<Result<SettlementDto>> SettlementAsync(Guid canteenId, string? month, CancellationToken ct)
    {
        var canteen = await db.Canteens.AsNoTracking().SingleOrDefaultAsync(c => c.Id == canteenId, ct);
        if (canteen is null) return Error.NotFound("Canteen");
        DateOnly first;
        if (string.IsNullOrWhiteSpace(month)) first = new DateOnly(common.Today.Year, common.Today.Month, 1);
        else if (DateOnly.TryParseExact(month.Trim() + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var m)) first = m;
        else return Error.Validation("month 格式为 yyyy-MM / month must be yyyy-MM.");
        var last = first.AddMonths(1).AddDays(-1);
        var orders = await db.MealOrders.AsNoTracking()
            .Where(o => o.CanteenId == canteenId && o.Status == MealOrderStatus.Ordered && o.MealDate >= first && o.MealDate <= last)
            .Select(o => new { o.PersonId, o.BandLabel, o.PriceFen, o.ElderlyFen, o.GovernmentFen, o.CommunityFen }).ToListAsync(ct);
        var government = orders.Where(o => o.GovernmentFen > 0).ToList();
        var community = orders.Where(o => o.CommunityFen > 0).ToList();
        var funders = new List<FunderRow>
        {
            new("government", "政府投入", government.Count, government.Sum(o => o.GovernmentFen), ElderlyCommon.Yuan(government.Sum(o => o.GovernmentFen))),
            new("community", "社区奉献", community.Count, community.Sum(o => o.CommunityFen), ElderlyCommon.Yuan(community.Sum(o => o.CommunityFen))),
            new("elderly", "老人支付", orders.Count, orders.Sum(o => o.ElderlyFen), ElderlyCommon.Yuan(orders.Sum(o => o.ElderlyFen))),
        };
        var bands = orders.GroupBy(o => o.BandLabel ?? "无补贴").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SettlementBandRow(g.Key, g.Count(), g.Sum(o => o.PriceFen), g.Sum(o => o.ElderlyFen), g.Sum(o => o.GovernmentFen), g.Sum(o => o.CommunityFen)))
            .ToList();
        return new SettlementDto(canteen.Id, canteen.Name, first.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), orders.Count,
            orders.Select(o => o.PersonId).Distinct().Count(), orders.Sum(o => o.PriceFen), orders.Sum(o => o.ElderlyFen), orders.Sum(o => o.GovernmentFen),
            orders.Sum(o => o.CommunityFen), funders, bands);
    }

    /// <summary>The settlement as a workbook: a sheet per funder summary and per band, amounts in yuan.</summary>
    public static MemoryStream Workbook(SettlementDto s)
    {
        var funders = s.Funders.Select(f => new Dictionary<string, object>
        {
            ["食堂"] = s.CanteenName, ["月份"] = s.Month, ["出资方"] = f.Name, ["份数"] = f.Orders, ["金额（元）"] = f.AmountFen / 100m,
        }).ToList();
        funders.Add(new Dictionary<string, object> { ["食堂"] = s.CanteenName, ["月份"] = s.Month, ["出资方"] = "合计（标价）", ["份数"] = s.Orders, ["金额（元）"] = s.PriceFen / 100m });
        var bands = s.Bands.Select(b => new Dictionary<string, object>
        {
            ["补贴档"] = b.Band, ["份数"] = b.Orders, ["标价（元）"] = b.PriceFen / 100m, ["老人支付（元）"] = b.ElderlyFen / 100m,
            ["政府投入（元）"] = b.GovernmentFen / 100m, ["社区奉献（元）"] = b.CommunityFen / 100m,
        }).ToList();
        var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, new Dictionary<string, object> { ["按出资方"] = funders, ["按补贴档"] = bands });
        stream.Position = 0;
        return stream;
    }

    private Task<List<CanteenSubsidyBand>> BandsAsync(Guid canteenId, CancellationToken ct) =>
        db.CanteenSubsidyBands.AsNoTracking().Where(b => b.CanteenId == canteenId).OrderBy(b => b.Label).ToListAsync(ct);

    public static TimeOnly DefaultServedFrom(Meal meal) => meal switch { Meal.Breakfast => new(7, 0), Meal.Lunch => new(11, 0), _ => new(17, 0) };

    public static CanteenDto ToDto(Canteen c) => new(c.Id, c.DivisionCode, c.Name, c.Place, c.MealTimes, c.Version, c.IsActive, c.DeactivatedUtc);

    public static SubsidyBandDto ToDto(CanteenSubsidyBand b) =>
        new(b.Label, b.MinAge, b.MaxAge, b.StatusCode, b.Kind == ShareKind.Percent ? "percent" : "fixedFen", b.GovernmentShare, b.CommunityShare);

    public static MenuItemDto ToDto(CanteenMenuItem m) =>
        new(m.Id, m.Date, Lower(m.Meal), m.ServedFrom.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), m.Title, m.Dishes, m.PriceFen, ElderlyCommon.Yuan(m.PriceFen));

    public static MealOrderDto ToDto(MealOrder o) =>
        new(o.Id, o.CanteenId, o.PersonId, Mask.Name(o.PersonName)!, o.MealDate, Lower(o.Meal), o.Title, o.PriceFen, o.ElderlyFen, o.GovernmentFen, o.CommunityFen,
            o.BandLabel, o.Status == MealOrderStatus.Ordered ? "ordered" : "cancelled", o.OrderedUtc, o.Version);

    private static string Lower(Meal meal) => meal.ToString().ToLowerInvariant();

    [LoggerMessage(EventId = 5701, Level = LogLevel.Information, Message = "Meal order {OrderId} placed at canteen {CanteenId}")]
    private static partial void Ordered(ILogger logger, Guid orderId, Guid canteenId);
}

using Jiceng.Web.Data;
using Jiceng.Web.Modules.Market.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Market.Features;

/// <summary>Who may do what at the market.</summary>
public static class MarketRoles
{
    /// <summary>Division staff of the market's subtree run it (the command post), grid workers included: they staff the days.</summary>
    public const string StaffPolicy = "market-staff";

    public static readonly string[] Staff = [Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff, Roles.GridWorker];
}

/// <summary>Stable error codes of the market API.</summary>
public static class MarketErrors
{
    public const string PriceOutOfRange = "price_out_of_range";
    public const string NotEligible = "not_eligible";
    public const string InvalidTransition = "invalid_transition";
    public const string VendorNotSelling = "vendor_not_selling";
    public const string VendorBanned = "vendor_banned";
    public const string DayNotOpen = "market_day_not_open";

    public static Error Transition(string what, object from) =>
        new(InvalidTransition, StatusCodes.Status409Conflict, $"当前状态（{from}）不允许{what} / {what} is not allowed from status {from}.");

    public static Error NotSelling(VendorStatus status) =>
        new(VendorNotSelling, StatusCodes.Status409Conflict, $"商户未准入或已清退（{status}），不能上架商品 / The vendor is not admitted or was expelled ({status}) and may not sell.");

    public static Error Banned(DateOnly until) =>
        new(VendorBanned, StatusCodes.Status409Conflict, $"该商户已被清退，{until:yyyy-MM-dd} 前不得再次申请 / The vendor was expelled and may not apply again before {until:yyyy-MM-dd}.");

    public static Error VersionMismatch() => Error.Conflict("记录已被他人修改，请刷新后重试 / The record was changed by someone else; reload it and try again.");
}

/// <summary>Money in fen shown as yuan (12.50).</summary>
public static class Fen
{
    public static string Yuan(long fen) => (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The clock, the caller and the market lookups every market use case starts from. Every read goes through the scoped sets.</summary>
public sealed class MarketContext(AppDbContext db, TimeProvider time, CurrentUser user)
{
    public AppDbContext Db => db;
    public CurrentUser User => user;
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;
    public DateOnly Today => WorkingCalendar.LocalDate(UtcNow);

    public async Task<Result<CommunityMarket>> MarketAsync(Guid id, CancellationToken cancellationToken, bool track = false)
    {
        var markets = track ? db.Markets : db.Markets.AsNoTracking();
        var market = await markets.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        return market is null ? Error.NotFound("Market") : market;
    }

    public async Task<Result<MarketDay>> DayAsync(Guid marketId, Guid dayId, CancellationToken cancellationToken)
    {
        var day = await db.MarketDays.SingleOrDefaultAsync(d => d.Id == dayId && d.MarketId == marketId, cancellationToken);
        return day is null ? Error.NotFound("Market day") : day;
    }

    public async Task<Result<MarketVendor>> VendorAsync(Guid marketId, Guid vendorId, CancellationToken cancellationToken)
    {
        var vendor = await db.MarketVendors.SingleOrDefaultAsync(v => v.Id == vendorId && v.MarketId == marketId, cancellationToken);
        return vendor is null ? Error.NotFound("Vendor") : vendor;
    }

    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static Error? Required(string? text, int max, string zh, string en) =>
        string.IsNullOrWhiteSpace(text) ? Error.Validation($"请填写{zh} / {en} is required.")
        : text.Trim().Length > max ? Error.Validation($"{zh}不能超过 {max} 个字 / {en} must be at most {max} characters.")
        : null;

    public static Error? Optional(string? text, int max, string zh, string en) =>
        text is not null && text.Trim().Length > max ? Error.Validation($"{zh}不能超过 {max} 个字 / {en} must be at most {max} characters.") : null;

    public static bool TryEnum<T>(string? text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);
}

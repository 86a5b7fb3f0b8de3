using Jiceng.Web.Modules.Market.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Market.Features;

public sealed record VendorApplicationRequest(string? Name, string? Kind, string? ContactName, string? ContactPhone, string? LicenceNo, string? GoodsCategories);

/// <summary>A status change: <c>stallNo</c> for admit, <c>reason</c> for reject, warn and expel, <c>serious</c> for warn.</summary>
public sealed record VendorActionRequest(string? StallNo = null, string? Reason = null, bool Serious = false);

public sealed record VendorHistoryItem(VendorStatus From, VendorStatus To, string Reason, DateTime AtUtc);

/// <summary>A vendor as staff see it: the contact masked.</summary>
public sealed record VendorDto(Guid Id, Guid MarketId, string Name, VendorKind Kind, string ContactNameMasked, string? ContactPhoneMasked, string? LicenceNo,
    string GoodsCategories, VendorStatus Status, string? StallNo, bool IsLoveStall, int WarningCount, bool ExpelSuggested, string? ExpelReason,
    DateOnly? BannedUntil, DateTime AppliedUtc, int Version, IReadOnlyList<VendorHistoryItem>? History);

public sealed record AllocateStallRequest(Guid VendorId, string? StallNo, long? MonthlyRentFen, DateOnly? From, DateOnly? To, string? Reason);

public sealed record StallAllocationDto(Guid Id, Guid VendorId, string VendorName, VendorKind VendorKind, string StallNo, long MonthlyRentFen, bool IsFree,
    DateOnly From, DateOnly? To, string? Reason);

/// <summary>准入退出: vendors apply, staff admit them with a stall, warn them and expel them; families in difficulty get free or low-rent stalls.</summary>
public sealed class Vendors(MarketContext ctx)
{
    /// <summary>The most a "low-rent" stall may cost a month (the seed's 免费或低租金): 200 元.</summary>
    public const long MaxLowRentFen = 20_000;

    public static VendorDto ToDto(MarketVendor v, bool withHistory = false) => new(v.Id, v.MarketId, v.Name, v.Kind, Mask.Name(v.ContactName)!, Mask.Phone(v.ContactPhone),
        v.LicenceNo, v.GoodsCategories, v.Status, v.StallNo, v.IsLoveStall, v.WarningCount, v.ExpelSuggested, v.ExpelReason, v.BannedUntil, v.AppliedUtc, v.Version,
        withHistory ? v.History.OrderBy(h => h.AtUtc).Select(h => new VendorHistoryItem(h.From, h.To, h.Reason, h.AtUtc)).ToList() : null);

    public async Task<Result<List<VendorDto>>> ListAsync(Guid marketId, string? status, CancellationToken cancellationToken = default)
    {
        var market = await ctx.MarketAsync(marketId, cancellationToken);
        if (!market.IsSuccess) return market.Error!;
        var vendors = ctx.Db.MarketVendors.AsNoTracking().Where(v => v.MarketId == marketId);
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!MarketContext.TryEnum<VendorStatus>(status, out var wanted)) return Error.Validation("status 无效 / Unknown status.");
            vendors = vendors.Where(v => v.Status == wanted);
        }
        var rows = await vendors.OrderBy(v => v.Status).ThenBy(v => v.Name).ToListAsync(cancellationToken);
        return rows.Select(v => ToDto(v)).ToList();
    }

    public async Task<Result<VendorDto>> GetAsync(Guid marketId, Guid vendorId, CancellationToken cancellationToken = default)
    {
        var vendor = await ctx.Db.MarketVendors.AsNoTracking().Include(v => v.History).SingleOrDefaultAsync(v => v.Id == vendorId && v.MarketId == marketId, cancellationToken);
        return vendor is null ? Error.NotFound("Vendor") : ToDto(vendor, withHistory: true);
    }

    public async Task<Result<VendorDto>> ApplyAsync(Guid marketId, VendorApplicationRequest request, CancellationToken cancellationToken = default)
    {
        var found = await ctx.MarketAsync(marketId, cancellationToken);
        if (!found.IsSuccess) return found.Error!;
        var invalid = MarketContext.Required(request.Name, 100, "商户名称", "The vendor's name")
            ?? MarketContext.Required(request.ContactName, 50, "联系人", "The contact")
            ?? MarketContext.Optional(request.ContactPhone, 20, "联系电话", "The phone")
            ?? MarketContext.Optional(request.LicenceNo, 32, "营业执照号", "The licence number")
            ?? MarketContext.Required(request.GoodsCategories, 200, "经营品类", "Goods categories")
            ?? (MarketContext.TryEnum<VendorKind>(request.Kind, out _) ? null
                : Error.Validation("类型须为 chamberMember、localFarmer、laidOffWorker、lowIncomeFamily 或 other / Kind must be chamberMember, localFarmer, laidOffWorker, lowIncomeFamily or other."));
        if (invalid is not null) return invalid;
        var phone = MarketContext.Blank(request.ContactPhone);
        if (phone is not null && !phone.All(c => char.IsDigit(c) || c == '-')) return Error.Validation("联系电话只能包含数字 / The phone may contain digits only.");
        MarketContext.TryEnum<VendorKind>(request.Kind, out var kind);
        var name = request.Name!.Trim();
        var licence = MarketContext.Blank(request.LicenceNo)?.ToUpperInvariant();

        // An expelled vendor may not come back (by licence, or by name when there is none) until the ban ends.
        var today = ctx.Today;
        var banned = await ctx.Db.MarketVendors.AsNoTracking()
            .Where(v => v.MarketId == marketId && v.Status == VendorStatus.Expelled && v.BannedUntil > today
                && (licence != null ? v.LicenceNo == licence : v.Name == name))
            .Select(v => v.BannedUntil).MaxAsync(cancellationToken);
        if (banned is { } until) return MarketErrors.Banned(until);
        if (await ctx.Db.MarketVendors.AnyAsync(v => v.MarketId == marketId && v.Status != VendorStatus.Expelled && v.Status != VendorStatus.Rejected
                && (licence != null ? v.LicenceNo == licence : v.Name == name), cancellationToken))
            return Error.Conflict("该商户已申请或已入驻 / This vendor has already applied or is admitted.");

        var vendor = new MarketVendor(found.Value!, name, kind, request.ContactName!.Trim(), phone, licence, request.GoodsCategories!.Trim(), ctx.UtcNow);
        ctx.Db.MarketVendors.Add(vendor);
        await ctx.Db.SaveChangesAsync(cancellationToken);
        return ToDto(vendor);
    }

    /// <param name="action">admit, reject, warn or expel.</param>
    public async Task<Result<VendorDto>> ActAsync(Guid marketId, Guid vendorId, string action, VendorActionRequest request, int? expectedVersion,
        CancellationToken cancellationToken = default)
    {
        var found = await ctx.MarketAsync(marketId, cancellationToken);
        if (!found.IsSuccess) return found.Error!;
        var market = found.Value!;
        var vendor = await ctx.Db.MarketVendors.Include(v => v.History).SingleOrDefaultAsync(v => v.Id == vendorId && v.MarketId == marketId, cancellationToken);
        if (vendor is null) return Error.NotFound("Vendor");
        if (expectedVersion is { } expected && expected != vendor.Version) return MarketErrors.VersionMismatch();
        var reason = MarketContext.Blank(request.Reason);
        var me = ctx.User.UserId;
        bool done;
        switch (action)
        {
            case "admit":
                if (MarketContext.Required(request.StallNo, 16, "摊位号", "The stall number") is { } noStall) return noStall;
                done = vendor.Admit(request.StallNo!.Trim(), me, ctx.UtcNow);
                break;
            case "reject" or "warn" or "expel":
                if (MarketContext.Required(reason, 500, "原因", "The reason") is { } noReason) return noReason;
                done = action switch
                {
                    "reject" => vendor.Reject(reason!, me, ctx.UtcNow),
                    "warn" => vendor.Warn(reason!, request.Serious, market.WarningsBeforeExpel, me, ctx.UtcNow),
                    _ => vendor.Expel(reason!, market.ReapplyBanDays, ctx.Today, me, ctx.UtcNow),
                };
                break;
            default:
                return Error.NotFound("Action");
        }
        if (!done) return MarketErrors.Transition(action, vendor.Status);
        try
        {
            await ctx.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return MarketErrors.VersionMismatch();
        }
        return ToDto(vendor, withHistory: true);
    }

    public async Task<Result<VendorDto>> SetLoveStallAsync(Guid marketId, Guid vendorId, bool isLoveStall, CancellationToken cancellationToken = default)
    {
        var found = await ctx.VendorAsync(marketId, vendorId, cancellationToken);
        if (!found.IsSuccess) return found.Error!;
        var vendor = found.Value!;
        if (isLoveStall && !vendor.MaySell) return MarketErrors.NotSelling(vendor.Status);
        vendor.IsLoveStall = isLoveStall;
        await ctx.Db.SaveChangesAsync(cancellationToken);
        return ToDto(vendor);
    }

    public async Task<Result<List<StallAllocationDto>>> AllocationsAsync(Guid marketId, CancellationToken cancellationToken = default)
    {
        var market = await ctx.MarketAsync(marketId, cancellationToken);
        if (!market.IsSuccess) return market.Error!;
        return await (from a in ctx.Db.MarketStallAllocations.AsNoTracking()
                      join v in ctx.Db.MarketVendors on a.VendorId equals v.Id
                      where a.MarketId == marketId
                      orderby a.From descending, a.StallNo
                      select new StallAllocationDto(a.Id, a.VendorId, v.Name, v.Kind, a.StallNo, a.MonthlyRentFen, a.MonthlyRentFen == 0, a.From, a.To, a.Reason))
            .ToListAsync(cancellationToken);
    }

    /// <summary>A free or low-rent stall for a 自产自销农民, 下岗人员 or 低收入家庭 vendor who is admitted.</summary>
    public async Task<Result<StallAllocationDto>> AllocateAsync(Guid marketId, AllocateStallRequest request, CancellationToken cancellationToken = default)
    {
        var found = await ctx.VendorAsync(marketId, request.VendorId, cancellationToken);
        if (!found.IsSuccess) return found.Error!;
        var vendor = found.Value!;
        var invalid = MarketContext.Required(request.StallNo, 16, "摊位号", "The stall number")
            ?? MarketContext.Optional(request.Reason, 300, "帮扶原因", "The reason")
            ?? (request.MonthlyRentFen is not { } rent || rent < 0 || rent > MaxLowRentFen
                ? Error.Validation($"月租金须在 0（免费）到 {Fen.Yuan(MaxLowRentFen)} 元之间 / The monthly rent must be 0 (free) to {Fen.Yuan(MaxLowRentFen)} yuan.") : null)
            ?? (request.From is null ? Error.Validation("请填写起始日期 / The start date is required.") : null)
            ?? (request.To is { } to && to < request.From ? Error.Validation("结束日期不能早于起始日期 / The end cannot be before the start.") : null)
            ?? (vendor.Kind is VendorKind.LocalFarmer or VendorKind.LaidOffWorker or VendorKind.LowIncomeFamily ? null
                : Error.Validation("免费或低租金摊位只面向自产自销农民、下岗人员和低收入家庭 / Free or low-rent stalls are for local farmers, laid-off workers and low-income families."));
        if (invalid is not null) return invalid;
        if (!vendor.MaySell) return MarketErrors.NotSelling(vendor.Status);
        var allocation = new StallAllocation(vendor, request.StallNo!.Trim(), request.MonthlyRentFen!.Value, request.From!.Value, request.To,
            MarketContext.Blank(request.Reason), ctx.User.UserId, ctx.UtcNow);
        ctx.Db.MarketStallAllocations.Add(allocation);
        await ctx.Db.SaveChangesAsync(cancellationToken);
        return new StallAllocationDto(allocation.Id, vendor.Id, vendor.Name, vendor.Kind, allocation.StallNo, allocation.MonthlyRentFen, allocation.IsFree,
            allocation.From, allocation.To, allocation.Reason);
    }
}

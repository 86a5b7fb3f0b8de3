using System.Security.Claims;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Market.Domain;
using Jiceng.Web.Modules.Residents.Features;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Market.Features;

/// <param name="Source">Staff only: hotline (监督热线) when they record a call; residents' and supervisors' own reports are found from the account.</param>
public sealed record CreateComplaintRequest(string? Category, string? Text, Guid? VendorId = null, string? Source = null, string? ReporterName = null);

public sealed record HandleComplaintRequest(string? Result);

public sealed record ComplaintDto(Guid Id, Guid MarketId, string MarketName, ComplaintSource Source, string ReporterMasked, ComplaintCategory Category, string Text,
    Guid? VendorId, string? VendorName, ComplaintStatus Status, DateTime CreatedUtc, DateTime? AcceptedUtc, DateTime? HandledUtc, string? Result, int Version);

public sealed record AddSupervisorRequest(string? Name, string? UserName);

public sealed record SupervisorDto(Guid Id, string NameMasked, bool HasAccount, int Reports);

/// <summary>
/// Complaints to the command post (集市指挥部): residents report from their phone, volunteer supervisors (义务监督员) too,
/// staff record hotline calls; the command post accepts and handles them with a result.
/// </summary>
public sealed class Complaints(MarketContext ctx)
{
    private AppDbContext Db => ctx.Db;

    /// <summary>A market's public name by id, for anyone signed in (the phone page of a market they are standing at).</summary>
    private Task<CommunityMarket?> PublicMarketAsync(Guid marketId, CancellationToken cancellationToken) =>
        Db.Markets.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().SingleOrDefaultAsync(m => m.Id == marketId, cancellationToken);

    public async Task<Result<ComplaintDto>> CreateAsync(Guid marketId, CreateComplaintRequest request, CancellationToken cancellationToken = default)
    {
        if (ctx.User.UserId is not { } me) return Error.Forbidden();
        var isStaff = MarketRoles.Staff.Any(ctx.User.Principal.IsInRole);
        // Staff record complaints only for markets in their scope; residents may report on any market they can open.
        var market = isStaff ? (await ctx.MarketAsync(marketId, cancellationToken)).Value : await PublicMarketAsync(marketId, cancellationToken);
        if (market is null) return Error.NotFound("Market");
        var invalid = (MarketContext.TryEnum<ComplaintCategory>(request.Category, out _) ? null
                : Error.Validation("类别须为 quality、price、service 或 safety / Category must be quality, price, service or safety."))
            ?? MarketContext.Required(request.Text, 1000, "反映内容", "The text")
            ?? MarketContext.Optional(request.ReporterName, 50, "反映人", "The reporter");
        if (invalid is not null) return invalid;
        MarketContext.TryEnum<ComplaintCategory>(request.Category, out var category);
        string? vendorName = null;
        if (request.VendorId is { } vendorId)
        {
            vendorName = await Db.MarketVendors.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(v => v.Id == vendorId && v.MarketId == market.Id)
                .Select(v => v.Name).SingleOrDefaultAsync(cancellationToken);
            if (vendorName is null) return Error.NotFound("Vendor");
        }

        ComplaintSource source;
        string reporter;
        Guid? owner = me;
        if (isStaff && MarketContext.Blank(request.Source) is "hotline")
        {
            source = ComplaintSource.Hotline;
            reporter = MarketContext.Blank(request.ReporterName) ?? "热线来电";
            owner = null;
        }
        else
        {
            // Only the caller's own supervisor row is read past the scope.
            var supervisor = await Db.MarketSupervisors.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
                .Where(s => s.MarketId == market.Id && s.UserId == me).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken);
            source = supervisor is null ? ComplaintSource.Resident : ComplaintSource.Supervisor;
            reporter = supervisor ?? (await Db.OwnPersonRecord(me).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken))
                ?? ctx.User.Principal.FindFirstValue(JicengClaims.DisplayName) ?? ctx.User.UserName ?? "居民";
        }
        var complaint = new MarketComplaint(market, owner, reporter, source, category, request.Text!.Trim(), request.VendorId, ctx.UtcNow);
        Db.MarketComplaints.Add(complaint);
        await Db.SaveChangesAsync(cancellationToken);
        return ToDto(complaint, market.Name, vendorName);
    }

    /// <summary>The caller's own complaints (a resident's "我的反映").</summary>
    public async Task<List<ComplaintDto>> MineAsync(CancellationToken cancellationToken = default)
    {
        if (ctx.User.UserId is not { } me) return [];
        var rows = await (from c in Db.MarketComplaints.AsNoTracking()
                          join m in Db.Markets.IgnoreQueryFilters([AppDbContext.ScopeFilter]) on c.MarketId equals m.Id
                          join v in Db.MarketVendors.IgnoreQueryFilters([AppDbContext.ScopeFilter]) on c.VendorId equals v.Id into vendors
                          from v in vendors.DefaultIfEmpty()
                          where c.UserId == me
                          orderby c.CreatedUtc descending
                          select new { c, Market = m.Name, Vendor = v == null ? null : v.Name }).Take(50).ToListAsync(cancellationToken);
        return rows.Select(r => ToDto(r.c, r.Market, r.Vendor)).ToList();
    }

    public async Task<Result<List<ComplaintDto>>> ListAsync(Guid marketId, string? status, CancellationToken cancellationToken = default)
    {
        var found = await ctx.MarketAsync(marketId, cancellationToken);
        if (!found.IsSuccess) return found.Error!;
        var complaints = Db.MarketComplaints.AsNoTracking().Where(c => c.MarketId == marketId);
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!MarketContext.TryEnum<ComplaintStatus>(status, out var wanted)) return Error.Validation("status 无效 / Unknown status.");
            complaints = complaints.Where(c => c.Status == wanted);
        }
        var rows = await (from c in complaints
                          join v in Db.MarketVendors on c.VendorId equals v.Id into vendors
                          from v in vendors.DefaultIfEmpty()
                          orderby c.Status, c.CreatedUtc descending
                          select new { c, Vendor = v == null ? null : v.Name }).Take(500).ToListAsync(cancellationToken);
        return rows.Select(r => ToDto(r.c, found.Value!.Name, r.Vendor)).ToList();
    }

    /// <param name="action">accept or handle.</param>
    public async Task<Result<ComplaintDto>> ActAsync(Guid marketId, Guid complaintId, string action, HandleComplaintRequest request, int? expectedVersion,
        CancellationToken cancellationToken = default)
    {
        var found = await ctx.MarketAsync(marketId, cancellationToken);
        if (!found.IsSuccess) return found.Error!;
        // Staff act within their division subtree: a complaint is read through the market, not through its reporter.
        var complaint = await Db.MarketComplaints.SingleOrDefaultAsync(c => c.Id == complaintId && c.MarketId == marketId, cancellationToken);
        if (complaint is null) return Error.NotFound("Complaint");
        if (expectedVersion is { } expected && expected != complaint.Version) return MarketErrors.VersionMismatch();
        bool done;
        switch (action)
        {
            case "accept":
                done = complaint.Accept(ctx.User.UserId, ctx.UtcNow);
                break;
            case "handle":
                if (MarketContext.Required(request.Result, 1000, "处理结果", "The result") is { } invalid) return invalid;
                done = complaint.Handle(request.Result!.Trim(), ctx.User.UserId, ctx.UtcNow);
                break;
            default:
                return Error.NotFound("Action");
        }
        if (!done) return MarketErrors.Transition(action, complaint.Status);
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return MarketErrors.VersionMismatch();
        }
        var vendor = complaint.VendorId is { } id ? await Db.MarketVendors.Where(v => v.Id == id).Select(v => v.Name).SingleOrDefaultAsync(cancellationToken) : null;
        return ToDto(complaint, found.Value!.Name, vendor);
    }

    public async Task<Result<List<SupervisorDto>>> SupervisorsAsync(Guid marketId, CancellationToken cancellationToken = default)
    {
        var found = await ctx.MarketAsync(marketId, cancellationToken);
        if (!found.IsSuccess) return found.Error!;
        var supervisors = await Db.MarketSupervisors.AsNoTracking().Where(s => s.MarketId == marketId).OrderBy(s => s.SinceUtc).ToListAsync(cancellationToken);
        var reports = await Db.MarketComplaints.AsNoTracking().Where(c => c.MarketId == marketId && c.Source == ComplaintSource.Supervisor && c.UserId != null)
            .GroupBy(c => c.UserId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count, cancellationToken);
        return supervisors.Select(s => new SupervisorDto(s.Id, Mask.Name(s.Name)!, s.UserId is not null, s.UserId is { } u ? reports.GetValueOrDefault(u) : 0)).ToList();
    }

    /// <param name="request">UserName: the supervisor's account (a resident or volunteer), so they can report from the phone page.</param>
    public async Task<Result<SupervisorDto>> AddSupervisorAsync(Guid marketId, AddSupervisorRequest request, CancellationToken cancellationToken = default)
    {
        var found = await ctx.MarketAsync(marketId, cancellationToken);
        if (!found.IsSuccess) return found.Error!;
        if ((MarketContext.Required(request.Name, 50, "监督员姓名", "The supervisor's name") ?? MarketContext.Optional(request.UserName, 64, "账号", "The account")) is { } invalid)
            return invalid;
        Guid? userId = null;
        if (MarketContext.Blank(request.UserName) is { } userName)
        {
            var normalised = userName.ToUpperInvariant();
            userId = await Db.Users.Where(u => u.NormalizedUserName == normalised).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken);
            if (userId is null) return Error.NotFound("Account");
            if (await Db.MarketSupervisors.AnyAsync(s => s.MarketId == marketId && s.UserId == userId, cancellationToken))
                return Error.Conflict("该账号已是本集市的义务监督员 / This account is already a supervisor of this market.");
        }
        var supervisor = new MarketSupervisor(found.Value!, request.Name!.Trim(), userId, ctx.UtcNow);
        Db.MarketSupervisors.Add(supervisor);
        await Db.SaveChangesAsync(cancellationToken);
        return new SupervisorDto(supervisor.Id, Mask.Name(supervisor.Name)!, userId is not null, 0);
    }

    private static ComplaintDto ToDto(MarketComplaint c, string market, string? vendor) => new(c.Id, c.MarketId, market, c.Source, Mask.Name(c.ReporterName)!, c.Category,
        c.Text, c.VendorId, vendor, c.Status, c.CreatedUtc, c.AcceptedUtc, c.HandledUtc, c.Result, c.Version);
}

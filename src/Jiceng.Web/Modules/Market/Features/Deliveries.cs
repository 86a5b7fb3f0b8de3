using Jiceng.Web.Modules.Market.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Market.Features;

public sealed record AddTeamMemberRequest(string? Name, string? Phone);

public sealed record TeamMemberDto(Guid Id, string Name, string? PhoneMasked, bool IsActive, int Delivered);

/// <param name="PersonId">The person delivered to (in the caller's scope); name and address default to the person's record.</param>
public sealed record CreateDeliveryRequest(Guid MarketDayId, Guid? PersonId, string? RecipientName, string? Address, string? Phone, string? Goods);

public sealed record DeliveryActionRequest(Guid? MemberId = null, DateTime? DeliveredAt = null, string? Note = null);

/// <summary>A delivery as staff see it: name, address and phone masked.</summary>
public sealed record DeliveryDto(Guid Id, Guid MarketDayId, DateOnly Day, string RecipientMasked, string AddressMasked, string? PhoneMasked, string Goods,
    DeliveryStatus Status, Guid? AssignedMemberId, string? AssignedMemberName, DateTime RequestedUtc, DateTime? AssignedUtc, DateTime? DeliveredUtc, string? Note,
    int Version);

/// <summary>爱心配送小分队: free home delivery of what was bought at the market, assigned to a member and completed with the time.</summary>
public sealed class Deliveries(MarketContext ctx)
{
    public async Task<Result<List<TeamMemberDto>>> TeamAsync(Guid marketId, CancellationToken cancellationToken = default)
    {
        var market = await ctx.MarketAsync(marketId, cancellationToken);
        if (!market.IsSuccess) return market.Error!;
        var members = await ctx.Db.MarketDeliveryTeamMembers.AsNoTracking().Where(m => m.MarketId == marketId).OrderBy(m => m.JoinedUtc).ToListAsync(cancellationToken);
        var delivered = await ctx.Db.MarketDeliveryOrders.AsNoTracking().Where(o => o.MarketId == marketId && o.Status == DeliveryStatus.Delivered && o.AssignedMemberId != null)
            .GroupBy(o => o.AssignedMemberId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count, cancellationToken);
        return members.Select(m => new TeamMemberDto(m.Id, m.Name, Mask.Phone(m.Phone), m.IsActive, delivered.GetValueOrDefault(m.Id))).ToList();
    }

    public async Task<Result<TeamMemberDto>> AddMemberAsync(Guid marketId, AddTeamMemberRequest request, CancellationToken cancellationToken = default)
    {
        var market = await ctx.MarketAsync(marketId, cancellationToken);
        if (!market.IsSuccess) return market.Error!;
        if ((MarketContext.Required(request.Name, 50, "队员姓名", "The member's name") ?? MarketContext.Optional(request.Phone, 20, "电话", "The phone")) is { } invalid) return invalid;
        var member = new DeliveryTeamMember(market.Value!, request.Name!.Trim(), MarketContext.Blank(request.Phone), ctx.UtcNow);
        ctx.Db.MarketDeliveryTeamMembers.Add(member);
        await ctx.Db.SaveChangesAsync(cancellationToken);
        return new TeamMemberDto(member.Id, member.Name, Mask.Phone(member.Phone), true, 0);
    }

    public async Task<Result<DeliveryDto>> CreateAsync(Guid marketId, CreateDeliveryRequest request, CancellationToken cancellationToken = default)
    {
        var market = await ctx.MarketAsync(marketId, cancellationToken);
        if (!market.IsSuccess) return market.Error!;
        var day = await ctx.DayAsync(marketId, request.MarketDayId, cancellationToken);
        if (!day.IsSuccess) return day.Error!;
        if (day.Value!.Status == MarketDayStatus.Cancelled) return MarketErrors.Transition("配送 / a delivery", day.Value.Status);
        string? name = MarketContext.Blank(request.RecipientName), address = MarketContext.Blank(request.Address), phone = MarketContext.Blank(request.Phone);
        if (request.PersonId is { } personId)
        {
            var person = await ctx.Db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
            if (person is null) return Error.NotFound("Person");
            name ??= person.FullName;
            address ??= person.Address;
            phone ??= person.Phone;
        }
        var invalid = MarketContext.Required(name, 50, "收货人", "The recipient")
            ?? MarketContext.Required(address, 200, "送货地址", "The address")
            ?? MarketContext.Optional(phone, 20, "电话", "The phone")
            ?? MarketContext.Required(request.Goods, 300, "配送物品", "The goods");
        if (invalid is not null) return invalid;
        var order = new DeliveryOrder(day.Value, request.PersonId, name!, address!, phone, request.Goods!.Trim(), ctx.UtcNow);
        ctx.Db.MarketDeliveryOrders.Add(order);
        await ctx.Db.SaveChangesAsync(cancellationToken);
        return ToDto(order, day.Value.Date, null);
    }

    /// <param name="action">assign, complete or cancel.</param>
    public async Task<Result<DeliveryDto>> ActAsync(Guid marketId, Guid orderId, string action, DeliveryActionRequest request, int? expectedVersion,
        CancellationToken cancellationToken = default)
    {
        var order = await ctx.Db.MarketDeliveryOrders.SingleOrDefaultAsync(o => o.Id == orderId && o.MarketId == marketId, cancellationToken);
        if (order is null) return Error.NotFound("Delivery");
        if (expectedVersion is { } expected && expected != order.Version) return MarketErrors.VersionMismatch();
        if (MarketContext.Optional(request.Note, 300, "备注", "The note") is { } badNote) return badNote;
        DeliveryTeamMember? member = null;
        bool done;
        switch (action)
        {
            case "assign":
                if (request.MemberId is not { } memberId) return Error.Validation("请选择配送队员 / Choose a team member.");
                member = await ctx.Db.MarketDeliveryTeamMembers.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId && m.MarketId == marketId, cancellationToken);
                if (member is null) return Error.NotFound("Team member");
                if (!member.IsActive) return Error.Validation("该队员已不在配送小分队 / The member has left the team.");
                done = order.Assign(member.Id, ctx.UtcNow);
                break;
            case "complete":
                var at = request.DeliveredAt?.ToUniversalTime() ?? ctx.UtcNow;
                if (at > ctx.UtcNow.AddMinutes(5) || at < order.RequestedUtc) return Error.Validation("送达时间须在下单之后、不晚于现在 / The delivery time must be after the request and not in the future.");
                done = order.Complete(at, MarketContext.Blank(request.Note));
                break;
            case "cancel":
                done = order.Cancel(MarketContext.Blank(request.Note));
                break;
            default:
                return Error.NotFound("Action");
        }
        if (!done) return MarketErrors.Transition(action, order.Status);
        try
        {
            await ctx.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return MarketErrors.VersionMismatch();
        }
        var date = await ctx.Db.MarketDays.Where(d => d.Id == order.MarketDayId).Select(d => d.Date).SingleAsync(cancellationToken);
        member ??= order.AssignedMemberId is { } id ? await ctx.Db.MarketDeliveryTeamMembers.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken) : null;
        return ToDto(order, date, member?.Name);
    }

    public async Task<Result<List<DeliveryDto>>> ListAsync(Guid marketId, string? status, CancellationToken cancellationToken = default)
    {
        var market = await ctx.MarketAsync(marketId, cancellationToken);
        if (!market.IsSuccess) return market.Error!;
        var orders = ctx.Db.MarketDeliveryOrders.AsNoTracking().Where(o => o.MarketId == marketId);
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!MarketContext.TryEnum<DeliveryStatus>(status, out var wanted)) return Error.Validation("status 无效 / Unknown status.");
            orders = orders.Where(o => o.Status == wanted);
        }
        var rows = await (from o in orders
                          join d in ctx.Db.MarketDays on o.MarketDayId equals d.Id
                          join m in ctx.Db.MarketDeliveryTeamMembers on o.AssignedMemberId equals m.Id into members
                          from m in members.DefaultIfEmpty()
                          orderby o.RequestedUtc descending
                          select new { o, d.Date, Member = m == null ? null : m.Name }).Take(500).ToListAsync(cancellationToken);
        return rows.Select(r => ToDto(r.o, r.Date, r.Member)).ToList();
    }

    private static DeliveryDto ToDto(DeliveryOrder o, DateOnly date, string? member) => new(o.Id, o.MarketDayId, date, Mask.Name(o.RecipientName)!,
        Mask.Address(o.Address)!, Mask.Phone(o.Phone), o.Goods, o.Status, o.AssignedMemberId, member, o.RequestedUtc, o.AssignedUtc, o.DeliveredUtc, o.Note, o.Version);
}

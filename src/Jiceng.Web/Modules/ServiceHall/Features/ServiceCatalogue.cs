using Jiceng.Web.Data;
using Jiceng.Web.Modules.ServiceHall.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.ServiceHall.Features;

/// <summary>The API's words for the kind: "direct" (直接办理) or "onBehalf" (代办).</summary>
public sealed record ServiceItemDto(Guid Id, string DivisionCode, string Code, string Name, string Category, ServiceItemKind Kind, int TimeLimitDays,
    IReadOnlyList<string> Materials, string ResponsiblePost, bool Bookable, string? LegalBasis, string? Notes, int SortOrder, bool IsActive, int Version);

public sealed record ServiceItemRequest(string? Code, string? Name, string? Category, ServiceItemKind? Kind, int? TimeLimitDays, IReadOnlyList<string>? Materials,
    string? ResponsiblePost, bool? Bookable, string? LegalBasis, string? Notes, int? SortOrder, bool? IsActive, string? DivisionCode = null);

public sealed record CatalogueCommunityFigures(string DivisionCode, string Name, int Direct, int OnBehalf);

/// <summary>
/// Items counted once per catalogue code (the same item in several communities is one item of the county's catalogue),
/// and per community.
/// </summary>
public sealed record CatalogueFigures(string DivisionCode, int Direct, int OnBehalf, int Total, IReadOnlyList<CatalogueCommunityFigures> Communities);

/// <summary>
/// The service catalogue: public reads (an explicit public read of public fields: the catalogue is what every resident is
/// told at the window) and staff edits with If-Match.
/// </summary>
public sealed class ServiceCatalogue(ServiceHallContext ctx)
{
    public static readonly string[] Categories = ["社保", "医保", "民政", "优抚", "户籍", "卫生健康", "残联", "计生", "就业", "老龄", "住房", "其他"];
    public const int MaxMaterials = 30;

    private AppDbContext Db => ctx.Db;
    private IQueryable<ServiceItem> Public => Db.ServiceItems.AsNoTracking().IgnoreQueryFilters([AppDbContext.ScopeFilter]);

    /// <summary>The active catalogue of one community, in its order (anyone, signed in or not).</summary>
    public async Task<Result<List<ServiceItemDto>>> PublicListAsync(string? division, ServiceItemKind? kind, string? q, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(division)) return Error.Validation("请指定社区 / division is required.");
        var code = division.Trim();
        var query = Public.Where(i => i.DivisionCode == code && i.IsActive);
        if (kind is { } k) query = query.Where(i => i.Kind == k);
        var items = await query.OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var words = q.Trim();
            items = items.Where(i => i.Name.Contains(words, StringComparison.OrdinalIgnoreCase) || i.Category.Contains(words, StringComparison.Ordinal)
                || i.ResponsiblePost.Contains(words, StringComparison.Ordinal)).ToList();
        }
        return items.Select(ToDto).ToList();
    }

    /// <summary>One active item (public).</summary>
    public async Task<Result<ServiceItemDto>> PublicGetAsync(Guid id, CancellationToken ct) =>
        await Public.SingleOrDefaultAsync(i => i.Id == id && i.IsActive, ct) is { } item ? ToDto(item) : Error.NotFound("Service item");

    /// <summary>Staff: the whole catalogue of a community in scope, inactive items too.</summary>
    public async Task<Result<List<ServiceItemDto>>> ManageListAsync(string? division, CancellationToken ct)
    {
        var community = await ctx.CommunityInScopeAsync(division, ct);
        if (community is null) return ServiceHallErrors.NoDivision();
        var items = await Db.ServiceItems.AsNoTracking().Where(i => i.DivisionCode == community.Code)
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct);
        return items.Select(ToDto).ToList();
    }

    public async Task<Result<ServiceItemDto>> CreateAsync(ServiceItemRequest r, CancellationToken ct)
    {
        var community = await ctx.CommunityInScopeAsync(r.DivisionCode, ct);
        if (community is null) return ServiceHallErrors.NoDivision();
        var checkedInput = Check(r);
        if (checkedInput is not null) return checkedInput;
        var code = r.Code!.Trim();
        if (await Db.ServiceItems.AnyAsync(i => i.DivisionCode == community.Code && i.Code == code, ct))
            return Error.Conflict("该社区已有此编码的事项 / An item with this code already exists in the community.");
        var item = new ServiceItem(community.Code, community.Path, code, r.Name!.Trim(), r.Category!.Trim(), r.Kind!.Value, r.TimeLimitDays!.Value, ctx.UtcNow);
        Apply(item, r);
        Db.ServiceItems.Add(item);
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict("该社区已有此编码的事项 / An item with this code already exists in the community.");
        }
        return ToDto(item);
    }

    public async Task<Result<ServiceItemDto>> UpdateAsync(Guid id, ServiceItemRequest r, int? ifMatch, CancellationToken ct)
    {
        if (!ctx.IsStaff) return Error.NotFound("Service item");
        var item = await Db.ServiceItems.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return Error.NotFound("Service item");
        if (ifMatch is { } expected && expected != item.Version) return ServiceHallErrors.Changed();
        var checkedInput = Check(r with { Code = r.Code ?? item.Code });
        if (checkedInput is not null) return checkedInput;
        var code = (r.Code ?? item.Code).Trim();
        if (code != item.Code && await Db.ServiceItems.AnyAsync(i => i.DivisionCode == item.DivisionCode && i.Code == code && i.Id != id, ct))
            return Error.Conflict("该社区已有此编码的事项 / An item with this code already exists in the community.");
        item.Code = code;
        item.Name = r.Name!.Trim();
        item.Category = r.Category!.Trim();
        item.Kind = r.Kind!.Value;
        item.TimeLimitDays = r.TimeLimitDays!.Value;
        Apply(item, r);
        item.Touch(ctx.UtcNow);
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return ServiceHallErrors.Changed();
        }
        return ToDto(item);
    }

    /// <summary>Distinct items by kind under a division (a county counts each catalogue code once), and per community.</summary>
    public async Task<Result<CatalogueFigures>> FiguresAsync(string? division, CancellationToken ct)
    {
        var node = await ctx.AnyDivisionAsync(division, ct);
        if (node is null) return Error.Validation("未知的区划 / Unknown division.");
        var (from, to) = MaterialisedPath.Range(node.Path);
        var rows = await Public.Where(i => i.IsActive && string.Compare(i.DivisionPath, from) >= 0 && string.Compare(i.DivisionPath, to) < 0)
            .Select(i => new { i.DivisionCode, i.Code, i.Kind }).ToListAsync(ct);
        var codes = rows.Select(r => r.DivisionCode).Distinct().ToList();
        var names = await Db.Divisions.AsNoTracking().IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(d => codes.Contains(d.Code))
            .ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        // An item's kind is part of the catalogue: should two communities disagree, the code still counts once (its first kind).
        var distinct = rows.GroupBy(r => r.Code).Select(g => g.OrderBy(r => r.Kind).First().Kind).ToList();
        var perCommunity = rows.GroupBy(r => r.DivisionCode).OrderBy(g => g.Key)
            .Select(g => new CatalogueCommunityFigures(g.Key, names.GetValueOrDefault(g.Key, g.Key), g.Count(r => r.Kind == ServiceItemKind.Direct),
                g.Count(r => r.Kind == ServiceItemKind.OnBehalf))).ToList();
        var direct = distinct.Count(k => k == ServiceItemKind.Direct);
        var onBehalf = distinct.Count(k => k == ServiceItemKind.OnBehalf);
        return new CatalogueFigures(node.Code, direct, onBehalf, direct + onBehalf, perCommunity);
    }

    private static Error? Check(ServiceItemRequest r)
    {
        if (string.IsNullOrWhiteSpace(r.Code) || r.Code.Trim().Length > 20) return Error.Validation("请填写事项编码（最多 20 字） / code is required (at most 20 characters).");
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Trim().Length > 100) return Error.Validation("请填写事项名称（最多 100 字） / name is required (at most 100 characters).");
        if (string.IsNullOrWhiteSpace(r.Category) || !Categories.Contains(r.Category.Trim()))
            return Error.Validation($"请选择事项类别（{string.Join("、", Categories)}） / category must be one of the catalogue's categories.");
        if (r.Kind is null || !Enum.IsDefined(r.Kind.Value)) return Error.Validation("请选择办理方式：直接办理或代办 / kind must be direct or onBehalf.");
        if (r.TimeLimitDays is not (>= 1 and <= 180)) return Error.Validation("办结时限须为 1–180 个工作日 / timeLimitDays must be 1 to 180 working days.");
        if (string.IsNullOrWhiteSpace(r.ResponsiblePost) || r.ResponsiblePost.Trim().Length > 50)
            return Error.Validation("请填写责任岗位（最多 50 字） / responsiblePost is required (at most 50 characters).");
        var materials = r.Materials ?? [];
        if (materials.Count > MaxMaterials || materials.Any(m => string.IsNullOrWhiteSpace(m) || m.Trim().Length > 200))
            return Error.Validation("所需材料最多 30 项，每项 1–200 字 / materials: at most 30 entries of 1–200 characters.");
        if (r.LegalBasis is { Length: > 500 }) return Error.Validation("办理依据最多 500 字 / legalBasis may have at most 500 characters.");
        if (r.Notes is { Length: > 1000 }) return Error.Validation("备注最多 1000 字 / notes may have at most 1000 characters.");
        return null;
    }

    private static void Apply(ServiceItem item, ServiceItemRequest r)
    {
        item.Materials = (r.Materials ?? []).Select(m => m.Trim()).ToList();
        item.ResponsiblePost = r.ResponsiblePost!.Trim();
        item.Bookable = r.Bookable ?? false;
        item.LegalBasis = ServiceHallContext.Blank(r.LegalBasis);
        item.Notes = ServiceHallContext.Blank(r.Notes);
        item.SortOrder = r.SortOrder ?? item.SortOrder;
        item.IsActive = r.IsActive ?? true;
    }

    public static ServiceItemDto ToDto(ServiceItem i) => new(i.Id, i.DivisionCode, i.Code, i.Name, i.Category, i.Kind, i.TimeLimitDays, i.Materials,
        i.ResponsiblePost, i.Bookable, i.LegalBasis, i.Notes, i.SortOrder, i.IsActive, i.Version);
}

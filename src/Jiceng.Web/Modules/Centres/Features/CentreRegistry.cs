using System.Globalization;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Centres.Domain;
using Jiceng.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Centres.Features;

public sealed record AreaInput(string? Name, decimal AreaM2, bool IsForMasses);

/// <summary>An opening period; times are China local "HH:mm".</summary>
public sealed record PeriodInput(DayType DayType, string? Start, string? End, bool IsExtended, string? Note);

public sealed record SaveCentreRequest(string? DivisionCode, CentreKind Kind, string? Name, string? Address, string? ServicePhone,
    List<string>? Checklist, List<AreaInput>? Areas, List<PeriodInput>? OpeningPeriods, bool IsActive = true);

public sealed record AreaDto(Guid Id, string Name, decimal AreaM2, bool IsForMasses);

public sealed record PeriodDto(DayType DayType, string Start, string End, bool IsExtended, string? Note);

public sealed record CentreDto(Guid Id, string DivisionCode, string CommunityName, CentreKind Kind, string Name, string? Address, string? ServicePhone,
    bool IsActive, IReadOnlyList<string> Checklist, int TenHaveScore, bool MeetsTenHave, decimal TotalAreaM2, decimal ActivityAreaM2,
    decimal ActivitySharePercent, bool MeetsActivityShare, IReadOnlyList<AreaDto> Areas, IReadOnlyList<PeriodDto> OpeningPeriods, int Version);

public sealed record CentreFiguresDto(int Centres, int FullTenHave, int MeetsActivityShare, int MeetsBoth, int FunctionAreas, IReadOnlyList<CommunityCentreFigures> ByCommunity);

public sealed record CommunityCentreFigures(string DivisionCode, string Name, int Centres, int FullTenHave, int MeetsActivityShare);

/// <summary>Centres and stations: create and edit (If-Match), list with the 十有 score and the activity share, figures.</summary>
public sealed class CentreRegistry(CentresContext ctx)
{
    /// <summary>The share of the floor area for the masses a centre must reach (群众活动面积 ≥ 85 %).</summary>
    public const decimal RequiredActivityShare = 85m;

    /// <summary>The ten items in the order of the standard, as API keys.</summary>
    public static readonly TenHave[] TenItems =
    [
        TenHave.PartyEmblem, TenHave.NationalFlag, TenHave.DesksAndChairs, TenHave.Computer, TenHave.HotWater,
        TenHave.Medicine, TenHave.ServiceGuide, TenHave.Workflow, TenHave.Reading, TenHave.FreeWifi,
    ];

    public static string Key(TenHave item) => JsonNamingPolicyCamel(item.ToString());

    private static string JsonNamingPolicyCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    public static int Score(TenHave flags) => TenItems.Count(i => flags.HasFlag(i));

    /// <summary>Activity area over total area, in percent with one decimal (0 without areas).</summary>
    public static decimal SharePercent(IEnumerable<CentreArea> areas)
    {
        var list = areas.ToList();
        var total = list.Sum(a => a.AreaM2);
        return total <= 0 ? 0 : Math.Round(list.Where(a => a.IsForMasses).Sum(a => a.AreaM2) * 100m / total, 1, MidpointRounding.ToZero);
    }

    public static bool MeetsShare(IEnumerable<CentreArea> areas) => SharePercent(areas) >= RequiredActivityShare;

    private AppDbContext Db => ctx.Db;

    /// <summary>The most centres a list shows; an export takes every centre of a county.</summary>
    public const int ListLimit = 500;
    public const int ExportLimit = 5000;

    public Task<Result<List<CentreDto>>> ListAsync(string? division, CancellationToken ct) => ListAsync(division, ListLimit, ct);

    public async Task<Result<List<CentreDto>>> ListAsync(string? division, int limit, CancellationToken ct)
    {
        var query = Db.ServiceCentres.AsNoTracking().Include(c => c.Areas).Include(c => c.OpeningPeriods).AsSplitQuery();
        if (!string.IsNullOrWhiteSpace(division))
        {
            var d = await ctx.DivisionInScopeAsync(division, ct);
            if (!d.IsSuccess) return d.Error!;
            var (from, to) = CentresContext.Subtree(d.Value!.Path);
            query = query.Where(c => string.Compare(c.DivisionPath, from) >= 0 && string.Compare(c.DivisionPath, to) < 0);
        }
        var centres = await query.OrderBy(c => c.DivisionCode).ThenBy(c => c.Kind).ThenBy(c => c.Name).Take(limit).ToListAsync(ct);
        var names = await NamesAsync(centres.Select(c => c.DivisionCode), ct);
        return centres.Select(c => Dto(c, names.GetValueOrDefault(c.DivisionCode, c.DivisionCode))).ToList();
    }

    public async Task<Result<CentreDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var centre = await Db.ServiceCentres.AsNoTracking().Include(c => c.Areas).Include(c => c.OpeningPeriods).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (centre is null) return Error.NotFound("Centre");
        var names = await NamesAsync([centre.DivisionCode], ct);
        return Dto(centre, names.GetValueOrDefault(centre.DivisionCode, centre.DivisionCode));
    }

    public async Task<Result<CentreDto>> CreateAsync(SaveCentreRequest request, CancellationToken ct)
    {
        var d = await ctx.DivisionInScopeAsync(request.DivisionCode, ct);
        if (!d.IsSuccess) return d.Error!;
        var parsed = Parse(request);
        if (!parsed.IsSuccess) return parsed.Error!;
        var centre = new ServiceCentre(d.Value!.Code, d.Value.Path, request.Kind, request.Name!.Trim(), ctx.UtcNow);
        Apply(centre, request, parsed.Value!);
        Db.ServiceCentres.Add(centre);
        await Db.SaveChangesAsync(ct);
        return await GetAsync(centre.Id, ct);
    }

    public async Task<Result<CentreDto>> UpdateAsync(Guid id, SaveCentreRequest request, int? expectedVersion, CancellationToken ct)
    {
        var centre = await Db.ServiceCentres.Include(c => c.Areas).Include(c => c.OpeningPeriods).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (centre is null) return Error.NotFound("Centre");
        if (expectedVersion is { } v && v != centre.Version) return CentresErrors.Changed();
        var parsed = Parse(request);
        if (!parsed.IsSuccess) return parsed.Error!;
        centre.Kind = request.Kind;
        centre.Name = request.Name!.Trim();
        Db.CentreAreas.RemoveRange(centre.Areas);
        Db.CentreOpeningPeriods.RemoveRange(centre.OpeningPeriods);
        centre.Areas.Clear();
        centre.OpeningPeriods.Clear();
        Apply(centre, request, parsed.Value!);
        // New child rows carry their own ids, so EF would take them for existing rows: add them explicitly.
        Db.CentreAreas.AddRange(parsed.Value!.Areas);
        Db.CentreOpeningPeriods.AddRange(parsed.Value!.Periods);
        centre.Touch(ctx.UtcNow);
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CentresErrors.Changed();
        }
        return await GetAsync(centre.Id, ct);
    }

    /// <summary>County / street figures: centres in the subtree meeting 十有 fully and the ≥ 85 % activity share.</summary>
    public async Task<Result<CentreFiguresDto>> FiguresAsync(string? division, CancellationToken ct)
    {
        var list = await ListAsync(division, ct);
        if (!list.IsSuccess) return list.Error!;
        var centres = list.Value!.Where(c => c.IsActive).ToList();
        var by = centres.GroupBy(c => (c.DivisionCode, c.CommunityName)).OrderBy(g => g.Key.DivisionCode)
            .Select(g => new CommunityCentreFigures(g.Key.DivisionCode, g.Key.CommunityName, g.Count(), g.Count(c => c.MeetsTenHave), g.Count(c => c.MeetsActivityShare)))
            .ToList();
        return new CentreFiguresDto(centres.Count, centres.Count(c => c.MeetsTenHave), centres.Count(c => c.MeetsActivityShare),
            centres.Count(c => c.MeetsTenHave && c.MeetsActivityShare), centres.Sum(c => c.Areas.Count), by);
    }

    private sealed record Parsed(TenHave Checklist, List<CentreArea> Areas, List<CentreOpeningPeriod> Periods);

    private static Result<Parsed> Parse(SaveCentreRequest r)
    {
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Trim().Length > 100) return Error.Validation("请填写名称（最多 100 字） / Give a name (at most 100 characters).");
        if (!Enum.IsDefined(r.Kind)) return Error.Validation("未知阵地类型 / Unknown kind of centre.");
        if (r.Address is { Length: > 200 }) return Error.Validation("地址过长 / The address is too long.");
        if (r.ServicePhone is { } phone && (phone.Trim().Length > 30 || phone.Any(ch => !(char.IsDigit(ch) || ch is '-' or ' ' or '+'))))
            return Error.Validation("服务电话格式不正确 / The service phone is not a phone number.");
        var flags = TenHave.None;
        foreach (var key in r.Checklist ?? [])
        {
            var item = TenItems.FirstOrDefault(i => string.Equals(Key(i), key?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (item == TenHave.None) return Error.Validation($"未知的“十有”项目 {key} / Unknown checklist item {key}.");
            flags |= item;
        }
        var areas = new List<CentreArea>();
        foreach (var (a, i) in (r.Areas ?? []).Select((a, i) => (a, i)))
        {
            if (string.IsNullOrWhiteSpace(a.Name) || a.Name.Trim().Length > 50) return Error.Validation("请填写功能区名称（最多 50 字） / Give each area a name (at most 50 characters).");
            if (a.AreaM2 <= 0 || a.AreaM2 > 100000) return Error.Validation("面积须大于 0 平方米 / An area's floor area must be above 0 m².");
            areas.Add(new CentreArea { Name = a.Name.Trim(), AreaM2 = Math.Round(a.AreaM2, 1), IsForMasses = a.IsForMasses, SortOrder = i });
        }
        if (areas.Count > 60) return Error.Validation("功能区最多 60 个 / At most 60 areas.");
        var periods = new List<CentreOpeningPeriod>();
        foreach (var p in r.OpeningPeriods ?? [])
        {
            if (!Enum.IsDefined(p.DayType)) return Error.Validation("未知日期类型 / Unknown kind of day.");
            if (!TryTime(p.Start, out var start) || !TryTime(p.End, out var end) || end <= start)
                return Error.Validation("开放时间须为 HH:mm，且结束晚于开始 / Opening times are HH:mm and end after they start.");
            periods.Add(new CentreOpeningPeriod { DayType = p.DayType, Start = start, End = end, IsExtended = p.IsExtended, Note = p.Note?.Trim() is { Length: > 0 and <= 50 } n ? n : null });
        }
        if (periods.Count > 30) return Error.Validation("开放时段最多 30 个 / At most 30 opening periods.");
        return new Parsed(flags, areas, periods);
    }

    public static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static string Hhmm(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static void Apply(ServiceCentre centre, SaveCentreRequest r, Parsed parsed)
    {
        centre.Address = string.IsNullOrWhiteSpace(r.Address) ? null : r.Address.Trim();
        centre.ServicePhone = string.IsNullOrWhiteSpace(r.ServicePhone) ? null : r.ServicePhone.Trim();
        centre.Checklist = parsed.Checklist;
        centre.IsActive = r.IsActive;
        foreach (var a in parsed.Areas) { a.CentreId = centre.Id; centre.Areas.Add(a); }
        foreach (var p in parsed.Periods) { p.CentreId = centre.Id; centre.OpeningPeriods.Add(p); }
    }

    private async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string> codes, CancellationToken ct)
    {
        var wanted = codes.Distinct().ToList();
        return (await Db.Divisions.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Where(d => wanted.Contains(d.Code))
            .Select(d => new { d.Code, d.Name }).ToListAsync(ct)).ToDictionary(d => d.Code, d => Organisation.Domain.DivisionNames.Shorten(d.Name));
    }

    public static CentreDto Dto(ServiceCentre c, string communityName)
    {
        var total = c.Areas.Sum(a => a.AreaM2);
        var activity = c.Areas.Where(a => a.IsForMasses).Sum(a => a.AreaM2);
        var share = SharePercent(c.Areas);
        return new CentreDto(c.Id, c.DivisionCode, communityName, c.Kind, c.Name, c.Address, c.ServicePhone, c.IsActive,
            TenItems.Where(i => c.Checklist.HasFlag(i)).Select(Key).ToList(), Score(c.Checklist), (c.Checklist & TenHave.All) == TenHave.All,
            total, activity, share, share >= RequiredActivityShare,
            c.Areas.OrderBy(a => a.SortOrder).Select(a => new AreaDto(a.Id, a.Name, a.AreaM2, a.IsForMasses)).ToList(),
            c.OpeningPeriods.OrderBy(p => p.DayType).ThenBy(p => p.Start).Select(p => new PeriodDto(p.DayType, Hhmm(p.Start), Hhmm(p.End), p.IsExtended, p.Note)).ToList(),
            c.Version);
    }
}

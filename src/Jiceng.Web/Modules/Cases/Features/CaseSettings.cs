using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Jiceng.Web.Modules.Cases.Features;

public enum CaseCategorySource
{
    /// <summary>A default every county starts with, unchanged by this county.</summary>
    Default,
    /// <summary>The county's own row: an override of a default (same code) or a category it added.</summary>
    County,
}

public enum CalendarDaySource
{
    National,
    County,
}

/// <summary>A category as one county sees it. <see cref="HasDefault"/>: a default of the same code exists (the county row overrides it).</summary>
public sealed record CountyCaseCategoryDto(string Code, string Name, string NameEn, CasePriority Priority, int ResponseAmount, TimeLimitUnit ResponseUnit,
    int HandlingAmount, TimeLimitUnit HandlingUnit, bool IsActive, CaseCategorySource Source, bool HasDefault);

public sealed record SaveCaseCategoryRequest(
    [property: Required, StringLength(32)] string Name,
    [property: Required, StringLength(64)] string NameEn,
    CasePriority Priority,
    int ResponseAmount,
    TimeLimitUnit ResponseUnit,
    int HandlingAmount,
    TimeLimitUnit HandlingUnit,
    bool IsActive = true);

/// <summary>An exception to the Monday–Friday rule. For a county day that replaces a national one, the national values are given too.</summary>
public sealed record CalendarDayDto(DateOnly Date, bool IsWorkingDay, string Name, CalendarDaySource Source, string? NationalName = null, bool? NationalIsWorkingDay = null);

/// <summary>Every exception day of one year in one county. <see cref="NationalPublished"/>: the State Council's notice for the year is built in.</summary>
public sealed record CountyCalendarDto(string CountyCode, int Year, bool NationalPublished, IReadOnlyList<CalendarDayDto> Days);

public sealed record CalendarDayInput(DateOnly Date, bool IsWorkingDay, [property: Required, StringLength(50)] string Name);

public sealed record ReplaceCalendarYearRequest(IReadOnlyList<CalendarDayInput> Days);

public sealed record SetCalendarDayRequest(bool IsWorkingDay, [property: Required, StringLength(50)] string Name);

/// <summary>
/// A county's case settings: its effective categories (the defaults with its own rows applied) and its working-day
/// calendar (the national one with its own rows applied), both cached per county for <see cref="CaseSettingsCache.Lifetime"/>
/// because intake and the deadline monitor read them for every case. An edit here clears this node's cache at once;
/// other nodes see it when their entry expires (docs/decisions/008). Only a county administrator edits, inside their
/// scope; every change is audited by the context's change capture.
/// </summary>
public sealed partial class CaseSettings(AppDbContext db, CurrentUser user, CaseSettingsCache cache, TimeProvider time)
{
    public const int MinYear = 2020;
    public const int MaxYear = 2099;
    public const int MaxHours = 999;
    public const int MaxWorkingDays = 90;

    /// <summary>The county (6-digit code) a division belongs to, or null for a code above county level or not a code at all.</summary>
    public static string? CountyOf(string? divisionCode) =>
        divisionCode is { Length: >= 6 } && !divisionCode.AsSpan(0, 6).ContainsAnyExceptInRange('0', '9') ? divisionCode[..6] : null;

    // ---- Reads on the hot path (cached) ----------------------------------------------------------------------

    /// <summary>The county's effective categories, inactive ones included (existing cases still name them).</summary>
    public async Task<IReadOnlyList<CountyCaseCategoryDto>> CategoriesOfCountyAsync(string? countyCode, CancellationToken cancellationToken = default) =>
        (await CategorySetAsync(countyCode, cancellationToken)).List;

    /// <summary>The category a case in this division gets, active or not (the caller refuses inactive ones); null when unknown.</summary>
    public async Task<CaseCategory?> CategoryAsync(string? divisionCode, string code, CancellationToken cancellationToken = default) =>
        (await CategorySetAsync(CountyOf(divisionCode), cancellationToken)).ByCode.GetValueOrDefault(code);

    /// <summary>The category's name as the division's county calls it, in the caller's language; null when unknown.</summary>
    public async Task<string?> CategoryNameAsync(string divisionCode, string code, CancellationToken cancellationToken = default) =>
        await CategoryAsync(divisionCode, code, cancellationToken) is { } category
            ? Platform.Localization.Texts.IsEnglish ? category.NameEn : category.Name
            : null;

    /// <summary>What a reporter may choose in this division: the county's active categories.</summary>
    public async Task<List<CaseCategoryDto>> ActiveCategoriesAsync(string? divisionCode, CancellationToken cancellationToken = default) =>
        (await CategorySetAsync(CountyOf(divisionCode), cancellationToken)).List.Where(c => c.IsActive)
            .Select(c => new CaseCategoryDto(c.Code, c.Name, c.NameEn, c.Priority, c.ResponseAmount, c.ResponseUnit, c.HandlingAmount, c.HandlingUnit))
            .ToList();

    /// <summary>The working calendar of the division's county: national holidays and make-up days with the county's own days applied.</summary>
    public async Task<WorkingCalendar> CalendarAsync(string? divisionCode, CancellationToken cancellationToken = default)
    {
        var county = CountyOf(divisionCode);
        if (county is null) return WorkingCalendar.China();
        return await cache.GetAsync(CaseSettingsCache.CalendarKey(county), async () =>
        {
            var own = await db.CountyCalendarDays.AsNoTracking().Where(d => d.CountyCode == county)
                .Select(d => new CalendarException(d.Date, d.IsWorkingDay, d.Name)).ToListAsync(cancellationToken);
            // Listed after the national days, so a county day replaces a national one on the same date.
            return own.Count == 0 ? WorkingCalendar.China() : new WorkingCalendar(ChinaPublicHolidays.Days.Concat(own));
        });
    }

    private sealed record CategorySet(IReadOnlyList<CountyCaseCategoryDto> List, IReadOnlyDictionary<string, CaseCategory> ByCode);

    private Task<CategorySet> CategorySetAsync(string? county, CancellationToken cancellationToken) =>
        cache.GetAsync(CaseSettingsCache.CategoriesKey(county), async () =>
        {
            // One small query: the defaults and this county's rows. Read-only copies, shared by every caller on this node.
            var rows = await db.CaseCategories.AsNoTracking().Where(c => c.CountyCode == null || (county != null && c.CountyCode == county))
                .ToListAsync(cancellationToken);
            var defaults = rows.Where(c => c.CountyCode == null).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
            var effective = rows.GroupBy(c => c.Code, StringComparer.Ordinal)
                .Select(g => g.FirstOrDefault(c => c.CountyCode != null) ?? g.First())
                .OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
            var list = effective.Select(c => new CountyCaseCategoryDto(c.Code, c.Name, c.NameEn, c.Priority, c.ResponseAmount, c.ResponseUnit,
                c.HandlingAmount, c.HandlingUnit, c.IsActive, c.CountyCode is null ? CaseCategorySource.Default : CaseCategorySource.County,
                defaults.Contains(c.Code))).ToList();
            return new CategorySet(list, effective.ToDictionary(c => c.Code, StringComparer.Ordinal));
        });

    /// <summary>Division codes are public (docs/decisions/002): anyone may ask for a community's categories.</summary>
    public Task<bool> DivisionExistsAsync(string divisionCode, CancellationToken cancellationToken = default) =>
        db.Divisions.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AnyAsync(d => d.Code == divisionCode, cancellationToken);

    // ---- Administration -------------------------------------------------------------------------------------

    /// <summary>Staff of the county (any level inside it, or its departments) may read its settings.</summary>
    public async Task<Result<List<CountyCaseCategoryDto>>> ListCategoriesAsync(string countyCode, CancellationToken cancellationToken = default)
    {
        if (await CheckAccessAsync(countyCode, edit: false, cancellationToken) is { } denied) return denied;
        return (await CategoriesOfCountyAsync(countyCode, cancellationToken)).ToList();
    }

    /// <summary>Creates or changes the county's row for a category: an override of a default, or a category of its own.</summary>
    public async Task<Result<CountyCaseCategoryDto>> SaveCategoryAsync(string countyCode, string code, SaveCaseCategoryRequest request,
        CancellationToken cancellationToken = default)
    {
        if (await CheckAccessAsync(countyCode, edit: true, cancellationToken) is { } denied) return denied;
        if (Validate(code, request) is { } invalid) return invalid;

        var row = await db.CaseCategories.SingleOrDefaultAsync(c => c.Code == code && c.CountyCode == countyCode, cancellationToken);
        if (row is null)
        {
            row = new CaseCategory(code, request.Name.Trim(), request.NameEn.Trim(), request.Priority, request.ResponseAmount, request.ResponseUnit,
                request.HandlingAmount, request.HandlingUnit, countyCode);
            db.CaseCategories.Add(row);
        }
        row.Change(request.Name.Trim(), request.NameEn.Trim(), request.Priority, request.ResponseAmount, request.ResponseUnit,
            request.HandlingAmount, request.HandlingUnit, request.IsActive);
        if (await SaveAsync(countyCode, cancellationToken) is { } conflict) return conflict;
        return (await CategoriesOfCountyAsync(countyCode, cancellationToken)).Single(c => c.Code == code);
    }

    public async Task<Result<CountyCalendarDto>> CalendarYearAsync(string countyCode, int year, CancellationToken cancellationToken = default)
    {
        if (await CheckAccessAsync(countyCode, edit: false, cancellationToken) is { } denied) return denied;
        if (year is < MinYear or > MaxYear) return Error.Validation($"年份须在 {MinYear}–{MaxYear} 之间 / year must be {MinYear}–{MaxYear}.");
        return await YearViewAsync(countyCode, year, cancellationToken);
    }

    /// <summary>Makes the county's own days of a year exactly the given list (an empty list returns the year to the national calendar).</summary>
    public async Task<Result<CountyCalendarDto>> ReplaceYearAsync(string countyCode, int year, ReplaceCalendarYearRequest request,
        CancellationToken cancellationToken = default)
    {
        if (await CheckAccessAsync(countyCode, edit: true, cancellationToken) is { } denied) return denied;
        if (year is < MinYear or > MaxYear) return Error.Validation($"年份须在 {MinYear}–{MaxYear} 之间 / year must be {MinYear}–{MaxYear}.");
        var days = request.Days ?? [];
        if (days.Count > 366) return Error.Validation("一年最多 366 天 / At most 366 days in a year.");
        foreach (var day in days)
        {
            if (day.Date.Year != year) return Error.Validation($"{Iso(day.Date)} 不在 {year} 年内 / {Iso(day.Date)} is not in {year}.");
            if (ValidateDay(day.Date, day.IsWorkingDay, day.Name) is { } invalid) return invalid;
        }
        if (days.GroupBy(d => d.Date).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            return Error.Validation($"日期重复：{Iso(duplicate.Key)} / {Iso(duplicate.Key)} is listed twice.");
        }

        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var existing = await db.CountyCalendarDays.Where(d => d.CountyCode == countyCode && d.Date >= first && d.Date <= last).ToListAsync(cancellationToken);
        var wanted = days.ToDictionary(d => d.Date);
        // Change rows in place where the date stays, so the audit trail shows what really changed.
        db.CountyCalendarDays.RemoveRange(existing.Where(e => !wanted.ContainsKey(e.Date)));
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var day in days)
        {
            var row = existing.FirstOrDefault(e => e.Date == day.Date);
            if (row is null) db.CountyCalendarDays.Add(row = new CountyCalendarDay { CountyCode = countyCode, Date = day.Date });
            Apply(row, day.IsWorkingDay, day.Name, now);
        }
        if (await SaveAsync(countyCode, cancellationToken) is { } conflict) return conflict;
        return await YearViewAsync(countyCode, year, cancellationToken);
    }

    public async Task<Result<CountyCalendarDto>> SetDayAsync(string countyCode, DateOnly date, SetCalendarDayRequest request, CancellationToken cancellationToken = default)
    {
        if (await CheckAccessAsync(countyCode, edit: true, cancellationToken) is { } denied) return denied;
        if (date.Year is < MinYear or > MaxYear) return Error.Validation($"年份须在 {MinYear}–{MaxYear} 之间 / year must be {MinYear}–{MaxYear}.");
        if (ValidateDay(date, request.IsWorkingDay, request.Name) is { } invalid) return invalid;
        var row = await db.CountyCalendarDays.SingleOrDefaultAsync(d => d.CountyCode == countyCode && d.Date == date, cancellationToken);
        if (row is null) db.CountyCalendarDays.Add(row = new CountyCalendarDay { CountyCode = countyCode, Date = date });
        Apply(row, request.IsWorkingDay, request.Name, time.GetUtcNow().UtcDateTime);
        if (await SaveAsync(countyCode, cancellationToken) is { } conflict) return conflict;
        return await YearViewAsync(countyCode, date.Year, cancellationToken);
    }

    /// <summary>Removes the county's own entry for a day: the national calendar applies to it again.</summary>
    public async Task<Result<CountyCalendarDto>> ClearDayAsync(string countyCode, DateOnly date, CancellationToken cancellationToken = default)
    {
        if (await CheckAccessAsync(countyCode, edit: true, cancellationToken) is { } denied) return denied;
        var row = await db.CountyCalendarDays.SingleOrDefaultAsync(d => d.CountyCode == countyCode && d.Date == date, cancellationToken);
        if (row is null) return Error.NotFound($"County day {Iso(date)}");
        db.CountyCalendarDays.Remove(row);
        if (await SaveAsync(countyCode, cancellationToken) is { } conflict) return conflict;
        return await YearViewAsync(countyCode, date.Year, cancellationToken);
    }

    private async Task<CountyCalendarDto> YearViewAsync(string countyCode, int year, CancellationToken cancellationToken)
    {
        var national = ChinaPublicHolidays.Days.Where(d => d.Date.Year == year).ToDictionary(d => d.Date);
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var own = await db.CountyCalendarDays.AsNoTracking().Where(d => d.CountyCode == countyCode && d.Date >= first && d.Date <= last)
            .ToListAsync(cancellationToken);
        var days = national.Values.Where(n => own.All(o => o.Date != n.Date))
            .Select(n => new CalendarDayDto(n.Date, n.IsWorkingDay, n.Name, CalendarDaySource.National))
            .Concat(own.Select(o => new CalendarDayDto(o.Date, o.IsWorkingDay, o.Name, CalendarDaySource.County,
                national.GetValueOrDefault(o.Date)?.Name, national.GetValueOrDefault(o.Date)?.IsWorkingDay)))
            .OrderBy(d => d.Date).ToList();
        return new CountyCalendarDto(countyCode, year, national.Count > 0, days);
    }

    private static void Apply(CountyCalendarDay row, bool isWorkingDay, string name, DateTime nowUtc)
    {
        // Untouched values stay untouched, so a re-sent list changes (and audits) nothing.
        if (row.UpdatedUtc != default && row.IsWorkingDay == isWorkingDay && row.Name == name.Trim()) return;
        row.IsWorkingDay = isWorkingDay;
        row.Name = name.Trim();
        row.UpdatedUtc = nowUtc;
    }

    /// <summary>三员分立: administrators see no business data and change none; reading needs staff of the county, editing its administrator.</summary>
    private async Task<Error?> CheckAccessAsync(string countyCode, bool edit, CancellationToken cancellationToken)
    {
        var scope = user.Scope;
        if (edit ? !user.Roles.Contains(Roles.CountyAdmin) : scope.Kind is not (DataScopeKind.DivisionSubtree or DataScopeKind.Department or DataScopeKind.System))
        {
            return Error.Forbidden(edit
                ? "只有县级管理员可以修改诉求设置 / Only a county administrator may change case settings."
                : "只有本县工作人员可以查看诉求设置 / Only the county's staff may read its case settings.");
        }
        if (CountyOf(countyCode) != countyCode || countyCode.Length != 6) return Error.NotFound("County " + countyCode);
        // Division codes are public statistics (docs/decisions/002): existence is no secret, scope is checked next.
        var path = await db.Divisions.IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .Where(d => d.Code == countyCode && d.Level == DivisionLevel.County).Select(d => d.Path).SingleOrDefaultAsync(cancellationToken);
        if (path is null) return Error.NotFound("County " + countyCode);
        var inScope = scope.Includes(path)
            || (!edit && scope is { Kind: DataScopeKind.DivisionSubtree, DivisionPath: { } mine } && mine.StartsWith(path, StringComparison.Ordinal))
            // A department belongs to one county; the departments filter shows a handler only their own.
            || (!edit && scope.Kind == DataScopeKind.Department && await db.Departments.AnyAsync(d => d.CountyPath == path, cancellationToken));
        return inScope ? null : Error.OutOfScope("County " + countyCode);
    }

    private static Error? Validate(string code, SaveCaseCategoryRequest request)
    {
        if (!CodePattern().IsMatch(code)) return Error.Validation("类别代码须为 2–32 位小写字母、数字或连字符 / code must be 2–32 of a-z, 0-9 and '-'.");
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 32) return Error.Validation("请填写名称（最多 32 字） / name is required (at most 32 characters).");
        if (string.IsNullOrWhiteSpace(request.NameEn) || request.NameEn.Trim().Length > 64) return Error.Validation("请填写英文名称（最多 64 字符） / nameEn is required (at most 64 characters).");
        if (!Enum.IsDefined(request.Priority)) return Error.Validation("未知的优先级 / Unknown priority.");
        if (LimitError("响应时限 / response limit", request.ResponseAmount, request.ResponseUnit) is { } response) return response;
        if (LimitError("办理时限 / handling limit", request.HandlingAmount, request.HandlingUnit) is { } handling) return handling;
        if (request.ResponseUnit == request.HandlingUnit && request.ResponseAmount > request.HandlingAmount)
        {
            return Error.Validation("响应时限不能长于办理时限 / The response limit cannot be longer than the handling limit.");
        }
        return null;
    }

    private static Error? LimitError(string what, int amount, TimeLimitUnit unit) => unit switch
    {
        TimeLimitUnit.Hours when amount is < 1 or > MaxHours => Error.Validation($"{what}: 1–{MaxHours} 小时 / 1–{MaxHours} hours."),
        TimeLimitUnit.WorkingDays when amount is < 1 or > MaxWorkingDays => Error.Validation($"{what}: 1–{MaxWorkingDays} 个工作日 / 1–{MaxWorkingDays} working days."),
        TimeLimitUnit.Hours or TimeLimitUnit.WorkingDays => null,
        _ => Error.Validation($"{what}: 未知的单位 / unknown unit."),
    };

    private static Error? ValidateDay(DateOnly date, bool isWorkingDay, string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 50) return Error.Validation($"{Iso(date)}: 请填写名称（最多 50 字） / name is required (at most 50 characters).");
        // A day that only repeats the Monday–Friday rule (and no national day) changes nothing: most likely a mistake.
        var national = ChinaPublicHolidays.Days.Any(d => d.Date == date);
        if (!national && isWorkingDay == date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        {
            return Error.Validation(isWorkingDay
                ? $"{Iso(date)} 本来就是工作日 / {Iso(date)} is already a working day."
                : $"{Iso(date)} 本来就是休息日 / {Iso(date)} is already a day off.");
        }
        return null;
    }

    private async Task<Error?> SaveAsync(string countyCode, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two administrators added the same code or date at once; the unique index kept one.
            db.ChangeTracker.Clear();
            return Error.Conflict("该设置刚被他人修改，请刷新后重试 / Someone changed this setting at the same moment; reload and try again.");
        }
        finally
        {
            cache.Invalidate(countyCode);
        }
        return null;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9-]{2,32}$")]
    private static partial Regex CodePattern();
}

/// <summary>
/// The per-node cache of county settings. Entries live <see cref="Lifetime"/>; an edit on this node removes its
/// county's entries at once. A generation number per county keeps a read that started before the edit from
/// putting the old values back after it.
/// </summary>
public sealed class CaseSettingsCache(IMemoryCache cache)
{
    /// <summary>How long another node may still use settings from before an edit.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);

    public static string CategoriesKey(string? county) => "case-settings:categories:" + (county ?? "-");
    public static string CalendarKey(string county) => "case-settings:calendar:" + county;

    public async Task<T> GetAsync<T>(string key, Func<Task<T>> load) where T : class
    {
        if (cache.TryGetValue(key, out T? cached) && cached is not null) return cached;
        var generation = _generations.GetValueOrDefault(key);
        var value = await load();
        if (_generations.GetValueOrDefault(key) == generation)
        {
            cache.Set(key, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        }
        return value;
    }

    public void Invalidate(string county)
    {
        foreach (var key in new[] { CategoriesKey(county), CalendarKey(county) })
        {
            _generations.AddOrUpdate(key, 1, (_, g) => g + 1);
            cache.Remove(key);
        }
    }
}

/// <summary>HTTP endpoints of the county case settings (categories with their time limits, the working calendar).</summary>
public static class CaseSettingsApi
{
    public static IServiceCollection AddCaseSettings(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<CaseSettingsCache>();
        services.AddScoped<CaseSettings>();
        return services;
    }

    public static IEndpointRouteBuilder MapCaseSettingsApi(this IEndpointRouteBuilder app)
    {
        var county = app.MapGroup("/api/v1/counties/{countyCode}").WithTags("Case settings").RequireAuthorization(Policies.Staff);
        county.MapGet("/case-categories", ListCategoriesAsync).WithName("ListCountyCaseCategories")
            .WithSummary("The county's effective categories: defaults with the county's overrides and additions (inactive ones included)");
        county.MapPut("/case-categories/{code}", SaveCategoryAsync).WithName("SaveCountyCaseCategory")
            .WithSummary("County administrator: override a default category or add one (name, priority, response and handling limits, active)");
        county.MapGet("/calendar/{year:int}", GetCalendarAsync).WithName("GetCountyCalendar")
            .WithSummary("Every holiday and make-up working day of the year, national or the county's own");
        county.MapPut("/calendar/{year:int}", ReplaceCalendarAsync).WithName("ReplaceCountyCalendarYear")
            .WithSummary("County administrator: replace the county's own days of a year (an empty list returns it to the national calendar)");
        county.MapPut("/calendar/days/{date}", SetDayAsync).WithName("SetCountyCalendarDay")
            .WithSummary("County administrator: set one day (yyyy-MM-dd) as a day off or a working day");
        county.MapDelete("/calendar/days/{date}", ClearDayAsync).WithName("ClearCountyCalendarDay")
            .WithSummary("County administrator: remove the county's own entry for a day (the national calendar applies again)");
        return app;
    }

    /// <summary>GET /api/v1/case-categories[?division=]: what a reporter may choose in a community (its county's active categories).</summary>
    public static async Task<Results<Ok<List<CaseCategoryDto>>, ProblemHttpResult>> ListPublicAsync(CaseIntake intake, CaseSettings settings,
        CancellationToken ct, string? division = null)
    {
        if (division is not null)
        {
            if (division.Length is not (6 or 9 or 12) || division.AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                return Error.Validation("division 须为 6、9 或 12 位区划代码 / division must be a 6, 9 or 12-digit division code.").ToProblem();
            }
            if (!await settings.DivisionExistsAsync(division, ct)) return Error.NotFound("Division " + division).ToProblem();
        }
        return TypedResults.Ok(await intake.CategoriesAsync(division, ct));
    }

    public static async Task<Results<Ok<List<CountyCaseCategoryDto>>, ProblemHttpResult>> ListCategoriesAsync(string countyCode, CaseSettings settings, CancellationToken ct) =>
        Answer(await settings.ListCategoriesAsync(countyCode, ct));

    public static async Task<Results<Ok<CountyCaseCategoryDto>, ProblemHttpResult>> SaveCategoryAsync(string countyCode, string code, SaveCaseCategoryRequest request,
        CaseSettings settings, CancellationToken ct) =>
        Answer(await settings.SaveCategoryAsync(countyCode, code, request, ct));

    public static async Task<Results<Ok<CountyCalendarDto>, ProblemHttpResult>> GetCalendarAsync(string countyCode, int year, CaseSettings settings, CancellationToken ct) =>
        Answer(await settings.CalendarYearAsync(countyCode, year, ct));

    public static async Task<Results<Ok<CountyCalendarDto>, ProblemHttpResult>> ReplaceCalendarAsync(string countyCode, int year, ReplaceCalendarYearRequest request,
        CaseSettings settings, CancellationToken ct) =>
        Answer(await settings.ReplaceYearAsync(countyCode, year, request, ct));

    public static async Task<Results<Ok<CountyCalendarDto>, ProblemHttpResult>> SetDayAsync(string countyCode, string date, SetCalendarDayRequest request,
        CaseSettings settings, CancellationToken ct) =>
        TryParseDate(date, out var day) ? Answer(await settings.SetDayAsync(countyCode, day, request, ct)) : BadDate(date);

    public static async Task<Results<Ok<CountyCalendarDto>, ProblemHttpResult>> ClearDayAsync(string countyCode, string date, CaseSettings settings, CancellationToken ct) =>
        TryParseDate(date, out var day) ? Answer(await settings.ClearDayAsync(countyCode, day, ct)) : BadDate(date);

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static ProblemHttpResult BadDate(string text) => Error.Validation($"日期须为 yyyy-MM-dd / date must be yyyy-MM-dd, not '{text}'.").ToProblem();

    private static Results<Ok<T>, ProblemHttpResult> Answer<T>(Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
}

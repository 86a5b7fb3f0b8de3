using Jiceng.Web.Data;
using Jiceng.Web.Modules.Audit;
using Jiceng.Web.Modules.Care.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Care.Features;

public sealed record RecordCareVisitRequest(Guid PersonId, DateTimeOffset? VisitedAt = null, string? Findings = null, string? Gifts = null, decimal? GiftValue = null);

/// <summary>A visit in a list: what was found is sealed and only flagged here.</summary>
public sealed record CareVisitItem(Guid Id, Guid PersonId, string PersonName, string DivisionCode, string VisitorName, DateTime VisitedUtc,
    bool HasFindings, string? Gifts, decimal GiftValue);

public sealed record CareVisitDto(Guid Id, Guid PersonId, string PersonName, string DivisionCode, Guid? VisitorPersonId, string VisitorName,
    DateTime VisitedUtc, string? Findings, string? Gifts, decimal GiftValue, DateTime CreatedUtc, DateOnly? NextDue);

public sealed record CareVisitPeriod(string Period, int Visits, int People, decimal GiftValue);

public sealed record CareVisitTotalsDto(string? DivisionCode, DateOnly From, DateOnly To, int Visits, int People, decimal GiftValue, IReadOnlyList<CareVisitPeriod> Periods);

/// <summary>A key person's next visit: when it is due by their groups' rhythm, and how late it is.</summary>
public sealed record VisitDueItem(Guid PersonId, string Name, string DivisionCode, string? CommunityName, Guid? GridId, string? GridName,
    IReadOnlyList<string> Groups, int EveryDays, DateTime? LastVisitUtc, DateOnly DueDate, int DaysOverdue);

/// <summary>One tagged person's visiting rhythm as computed by <see cref="VisitSchedule"/>.</summary>
public sealed record VisitDue(Guid PersonId, string Name, string DivisionCode, Guid? GridId, IReadOnlyList<string> Groups, int EveryDays,
    DateTime? LastVisitUtc, DateOnly DueDate)
{
    public int DaysOverdue(DateOnly today) => today > DueDate ? today.DayNumber - DueDate.DayNumber : 0;
}

/// <summary>
/// When each key person is to be visited next: the shortest rhythm of their groups (<see cref="KeyGroups.VisitEveryDays"/>,
/// e.g. elderly living alone weekly) counted from the last visit, or, before the first visit, from the day they were first
/// tagged. People removed on request are not visited. Computed in memory from two reads; a county's key people are tens
/// of thousands at most.
/// </summary>
public sealed class VisitSchedule(AppDbContext db)
{
    public async Task<List<VisitDue>> ComputeAsync(IQueryable<Person> people, CancellationToken cancellationToken = default)
    {
        var live = people.Where(p => p.ErasedUtc == null);
        var rows = await live.Where(p => db.PersonTags.Any(t => t.PersonId == p.Id))
            .Select(p => new { p.Id, p.Name, p.DivisionCode, p.GridId, Last = db.CareVisits.Where(v => v.PersonId == p.Id).Max(v => (DateTime?)v.VisitedUtc) })
            .ToListAsync(cancellationToken);
        var tags = (await (from t in db.PersonTags join p in live on t.PersonId equals p.Id select new { t.PersonId, t.GroupCode, t.AddedUtc })
            .ToListAsync(cancellationToken)).ToLookup(t => t.PersonId);

        var result = new List<VisitDue>(rows.Count);
        foreach (var row in rows)
        {
            var known = tags[row.Id].Where(t => KeyGroups.Find(t.GroupCode) is not null).ToList();
            if (KeyGroups.VisitEveryDays(known.Select(t => t.GroupCode)) is not { } every) continue;
            var from = row.Last ?? known.Min(t => t.AddedUtc);
            result.Add(new VisitDue(row.Id, row.Name, row.DivisionCode, row.GridId, known.Select(t => t.GroupCode).Order().ToList(), every, row.Last,
                CareQueries.LocalDate(from).AddDays(every)));
        }
        return result;
    }
}

/// <summary>走访慰问: recording visits, reading them (findings sealed), gift totals, and who is due or overdue.</summary>
public sealed class CareVisits(CareQueries care, VisitSchedule schedule, CurrentUser user, AuditTrail audit)
{
    public const int MaxFindings = 1000;
    public const int MaxGifts = 200;
    public const decimal MaxGiftValue = 1_000_000m;
    /// <summary>A visit may be entered afterwards, up to a year back.</summary>
    public const int MaxDaysBack = 366;

    private AppDbContext Db => care.Db;

    public async Task<Result<CareVisitDto>> RecordAsync(RecordCareVisitRequest request, CancellationToken cancellationToken = default)
    {
        var now = care.UtcNow;
        var findings = Blank(request.Findings);
        var gifts = Blank(request.Gifts);
        var value = request.GiftValue ?? 0m;
        if (findings?.Length > MaxFindings) return Error.Validation($"走访发现最多 {MaxFindings} 字 / findings: at most {MaxFindings} characters.");
        if (gifts?.Length > MaxGifts) return Error.Validation($"慰问物品最多 {MaxGifts} 字 / gifts: at most {MaxGifts} characters.");
        if (value < 0 || value > MaxGiftValue || decimal.Round(value, 2) != value)
            return Error.Validation("慰问金额须在 0 到 1,000,000 元之间，最多两位小数 / giftValue must be 0 to 1,000,000 yuan with at most 2 decimals.");
        var visited = request.VisitedAt?.UtcDateTime ?? now;
        if (visited > now.AddMinutes(5) || visited < now.AddDays(-MaxDaysBack))
            return Error.Validation("走访时间不能晚于现在，也不能早于一年前 / visitedAt must be within the last year and not in the future.");

        var person = await Db.People.AsNoTracking().Where(p => p.Id == request.PersonId)
            .Select(p => new { p.Id, p.Name, p.DivisionCode, p.DivisionPath, p.ErasedUtc }).SingleOrDefaultAsync(cancellationToken);
        if (person is null) return Error.NotFound("Person");
        if (person.ErasedUtc is not null) return Error.Validation("该居民的信息已按本人要求删除 / This person's data was removed on request.");

        // The visitor is the caller; their own person record (a grid worker's, a party member's) when they have one.
        var me = user.UserId;
        var visitor = me is { } id
            ? await Db.People.AsNoTracking().Where(p => p.UserId == id && p.ErasedUtc == null).OrderBy(p => p.CreatedUtc).ThenBy(p => p.Id)
                .Select(p => new { p.Id, p.Name }).FirstOrDefaultAsync(cancellationToken)
            : null;
        var visitorName = visitor?.Name ?? user.Principal.FindFirst(JicengClaims.DisplayName)?.Value ?? user.UserName ?? "—";
        if (visitorName.Length > 64) visitorName = visitorName[..64];

        var visit = new CareVisit(person.Id, person.DivisionPath, visitor?.Id, me, visitorName, visited, findings, gifts, value, now);
        Db.CareVisits.Add(visit);
        await Db.SaveChangesAsync(cancellationToken);
        var next = (await schedule.ComputeAsync(Db.People.Where(p => p.Id == person.Id), cancellationToken)).SingleOrDefault()?.DueDate;
        return ToDto(visit, person.Name, person.DivisionCode, next);
    }

    /// <summary>One visit with what was found (sealed: its reading is audited).</summary>
    public async Task<Result<CareVisitDto>> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var visit = await Db.CareVisits.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visit is null) return Error.NotFound("Visit");
        var person = await Db.People.AsNoTracking().Where(p => p.Id == visit.PersonId).Select(p => new { p.Name, p.DivisionCode }).SingleOrDefaultAsync(cancellationToken);
        if (visit.Findings is not null)
            await audit.RecordAsync(AuditActions.SensitiveRead, AuditResult.Success, nameof(CareVisit), visit.Id.ToString(), "findings", cancellationToken: cancellationToken);
        return ToDto(visit, person?.Name ?? "—", person?.DivisionCode ?? "", null);
    }

    public async Task<Result<PagedList<CareVisitItem>>> ListAsync(Guid? personId, string? division, DateOnly? from, DateOnly? to, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        var area = await care.AreaAsync(division, cancellationToken);
        if (!area.IsSuccess) return area.Error!;
        (page, pageSize) = CareQueries.Paging(page, pageSize);
        var visits = Visits(area.Value!, from, to);
        if (personId is { } pid) visits = visits.Where(v => v.PersonId == pid);
        var total = await visits.CountAsync(cancellationToken);
        var rows = await (from v in visits
                          join p in Db.People on v.PersonId equals p.Id
                          orderby v.VisitedUtc descending, v.Id
                          select new CareVisitItem(v.Id, v.PersonId, p.Name, p.DivisionCode, v.VisitorName, v.VisitedUtc, v.Findings != null, v.Gifts, v.GiftValue))
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedList<CareVisitItem>(rows, page, pageSize, total);
    }

    /// <summary>Visits, people visited and the value given, per month (or quarter, or year) of the period; summed in memory (SQLite has no decimal).</summary>
    public async Task<Result<CareVisitTotalsDto>> TotalsAsync(string? division, DateOnly? from, DateOnly? to, string? by, CancellationToken cancellationToken = default)
    {
        var area = await care.AreaAsync(division, cancellationToken);
        if (!area.IsSuccess) return area.Error!;
        var today = care.Today;
        var start = from ?? new DateOnly(today.Year, 1, 1);
        var end = to ?? today;
        if (end < start) return Error.Validation("结束日期不能早于开始日期 / to must not be before from.");
        Func<DateOnly, string>? period = (by ?? "month").ToLowerInvariant() switch
        {
            "month" => d => $"{d.Year:D4}-{d.Month:D2}",
            "quarter" => d => $"{d.Year:D4}-Q{(d.Month + 2) / 3}",
            "year" => d => $"{d.Year:D4}",
            _ => null,
        };
        if (period is null) return Error.Validation("by 只能是 month、quarter 或 year / by must be month, quarter or year.");
        var rows = await Visits(area.Value!, start, end).Select(v => new { v.PersonId, v.VisitedUtc, v.GiftValue }).ToListAsync(cancellationToken);
        var periods = rows.GroupBy(r => period(CareQueries.LocalDate(r.VisitedUtc))).OrderBy(g => g.Key)
            .Select(g => new CareVisitPeriod(g.Key, g.Count(), g.Select(r => r.PersonId).Distinct().Count(), g.Sum(r => r.GiftValue))).ToList();
        return new CareVisitTotalsDto(area.Value!.DivisionCode, start, end, rows.Count, rows.Select(r => r.PersonId).Distinct().Count(), rows.Sum(r => r.GiftValue), periods);
    }

    /// <summary>Key people whose visit is due within <paramref name="within"/> days (not yet overdue), soonest first.</summary>
    public async Task<Result<List<VisitDueItem>>> DueAsync(string? division, int within, CancellationToken cancellationToken = default)
    {
        if (within is < 0 or > 366) return Error.Validation("within 须在 0 到 366 天之间 / within must be 0 to 366 days.");
        var today = care.Today;
        return await ScheduleAsync(division, d => d.DueDate >= today && d.DueDate <= today.AddDays(within), cancellationToken);
    }

    /// <summary>Key people whose visit is overdue, the longest overdue first.</summary>
    public async Task<Result<List<VisitDueItem>>> OverdueAsync(string? division, CancellationToken cancellationToken = default)
    {
        var today = care.Today;
        return await ScheduleAsync(division, d => d.DueDate < today, cancellationToken);
    }

    private async Task<Result<List<VisitDueItem>>> ScheduleAsync(string? division, Func<VisitDue, bool> wanted, CancellationToken cancellationToken)
    {
        var area = await care.AreaAsync(division, cancellationToken);
        if (!area.IsSuccess) return area.Error!;
        var due = (await schedule.ComputeAsync(care.People(area.Value!), cancellationToken)).Where(wanted).ToList();
        return await ItemsAsync(due, cancellationToken);
    }

    /// <summary>Adds community and grid names; overdue first (most days), then by due date.</summary>
    public async Task<List<VisitDueItem>> ItemsAsync(IReadOnlyCollection<VisitDue> due, CancellationToken cancellationToken = default)
    {
        var today = care.Today;
        var communities = await care.CommunityNamesAsync(due.Select(d => d.DivisionCode), cancellationToken);
        var grids = await care.GridNamesAsync(due.Select(d => d.GridId), cancellationToken);
        return due.OrderBy(d => d.DueDate).ThenBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => new VisitDueItem(d.PersonId, d.Name, d.DivisionCode, communities.GetValueOrDefault(d.DivisionCode),
                d.GridId, d.GridId is { } g ? grids.GetValueOrDefault(g) : null, d.Groups, d.EveryDays, d.LastVisitUtc, d.DueDate, d.DaysOverdue(today)))
            .ToList();
    }

    private IQueryable<CareVisit> Visits(CareArea area, DateOnly? from, DateOnly? to)
    {
        var visits = Db.CareVisits.AsNoTracking();
        if (area.From is { } f && area.To is { } t)
            visits = visits.Where(v => string.Compare(v.DivisionPath, f) >= 0 && string.Compare(v.DivisionPath, t) < 0);
        if (from is { } start)
        {
            var startUtc = CareQueries.StartOfDayUtc(start);
            visits = visits.Where(v => v.VisitedUtc >= startUtc);
        }
        if (to is { } end)
        {
            var endUtc = CareQueries.StartOfDayUtc(end.AddDays(1));
            visits = visits.Where(v => v.VisitedUtc < endUtc);
        }
        return visits;
    }

    private static CareVisitDto ToDto(CareVisit v, string personName, string divisionCode, DateOnly? next) =>
        new(v.Id, v.PersonId, personName, divisionCode, v.VisitorPersonId, v.VisitorName, v.VisitedUtc, v.Findings, v.Gifts, v.GiftValue, v.CreatedUtc, next);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

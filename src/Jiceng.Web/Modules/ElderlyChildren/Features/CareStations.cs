using Jiceng.Web.Data;
using Jiceng.Web.Modules.Care.Domain;
using Jiceng.Web.Modules.ElderlyChildren.Domain;
using Jiceng.Web.Modules.Notifications;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.ElderlyChildren.Features;

public sealed record StationDto(Guid Id, string DivisionCode, string Name, string Place, string? OpeningHours, int Version, bool Active, DateTime? DeactivatedUtc);
public sealed record UpdateStationRequest(string? Name, string? Place, string? OpeningHours);
public sealed record CreateStationRequest(string? DivisionCode, string? Name, string? Place, string? OpeningHours);
public sealed record RecordHealthCheckRequest(Guid? StationId, Guid? PersonId, DateTimeOffset? MeasuredAt, string? MeasuredBy,
    int? Systolic, int? Diastolic, decimal? Glucose, bool? Fasting, string? Note);
/// <summary>A check in a list: no values, only whether it is abnormal and which measure.</summary>
public sealed record HealthCheckItem(Guid Id, Guid StationId, Guid PersonId, string PersonName, DateTime MeasuredUtc, string MeasuredBy,
    bool IsAbnormal, IReadOnlyList<string> AbnormalMeasures, bool HelpersNotified);
/// <summary>A check with its values (staff in scope; the read is audited).</summary>
public sealed record HealthCheckDto(Guid Id, Guid StationId, Guid PersonId, string PersonName, DateTime MeasuredUtc, string MeasuredBy,
    int? Systolic, int? Diastolic, decimal? Glucose, string? GlucoseKind, string? Note, bool IsAbnormal, IReadOnlyList<string> AbnormalMeasures, bool HelpersNotified);
public sealed record StationActivityDto(Guid Id, Guid StationId, DateOnly Date, string Kind, string Title, int Attendance);
public sealed record AddStationActivityRequest(DateOnly? Date, string? Kind, string? Title, int? Attendance);
public sealed record StationFigureRow(Guid StationId, string Station, string Month, int Checks, int PeopleChecked, int Abnormal, int Activities, int Attendance);
public sealed record StationFiguresDto(int PeopleChecked, int Checks, int Abnormal, int ActivityAttendance, IReadOnlyList<StationFigureRow> Rows);

/// <summary>养老驿站: stations, health checks (values sealed, abnormal ones told to the person's helpers) and activities.</summary>
public sealed partial class CareStations(AppDbContext db, ElderlyCommon common, CurrentUser user, AuditTrail audit, IServiceScopeFactory scopes, ILogger<CareStations> logger)
{
    public const string NotificationTitle = "健康检测异常";
    /// <summary>Reading a check's values is a read of sensitive personal data (the audit admin's filter for them).</summary>
    public const string ReadAction = AuditActions.SensitiveRead;

    public async Task<Result<List<StationDto>>> ListAsync(string? division, CancellationToken ct)
    {
        var range = await common.RangeAsync(division, ct);
        if (!range.IsSuccess) return range.Error!;
        var q = db.CareStations.AsNoTracking();
        if (range.Value is var (from, to)) q = q.Where(c => string.Compare(c.DivisionPath, from) >= 0 && string.Compare(c.DivisionPath, to) < 0);
        return (await q.OrderBy(s => s.DivisionCode).ThenBy(s => s.Name).ToListAsync(ct)).Select(ToDto).ToList();
    }

    private static Error? Invalid(string? name, string? place, string? openingHours)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100) return Error.Validation("名称必填，最多100字 / name is required (≤ 100).");
        if (string.IsNullOrWhiteSpace(place) || place.Trim().Length > 200) return Error.Validation("地点必填，最多200字 / place is required (≤ 200).");
        if (openingHours?.Trim().Length > 100) return Error.Validation("开放时间最多100字 / openingHours: at most 100 characters.");
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public async Task<Result<StationDto>> CreateAsync(CreateStationRequest request, CancellationToken ct)
    {
        var community = await common.CommunityAsync(request.DivisionCode, ct);
        if (!community.IsSuccess) return community.Error!;
        if (Invalid(request.Name, request.Place, request.OpeningHours) is { } invalid) return invalid;
        var station = new CareStation(community.Value.Code, community.Value.Path, request.Name!.Trim(), request.Place!.Trim(), Blank(request.OpeningHours), common.UtcNow);
        db.CareStations.Add(station);
        await db.SaveChangesAsync(ct);
        return ToDto(station);
    }

    public async Task<Result<StationDto>> GetStationAsync(Guid id, CancellationToken ct) =>
        await db.CareStations.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is { } s ? ToDto(s) : Error.NotFound("Station");

    /// <param name="expectedVersion">From If-Match: the version the caller read; another → 409 conflict.</param>
    public async Task<Result<StationDto>> UpdateAsync(Guid id, UpdateStationRequest request, int? expectedVersion, CancellationToken ct)
    {
        var station = await db.CareStations.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (station is null) return Error.NotFound("Station");
        if (Invalid(request.Name, request.Place, request.OpeningHours) is { } invalid) return invalid;
        if (expectedVersion is { } expected && expected != station.Version) return ElderlyErrors.VersionMismatch();
        station.Name = request.Name!.Trim();
        station.Place = request.Place!.Trim();
        station.OpeningHours = Blank(request.OpeningHours);
        station.Version++;
        return await common.SaveEditAsync(() => ToDto(station), ct);
    }

    /// <summary>Takes a station out of service (or back): its checks and activities stay; it records no new ones meanwhile.</summary>
    public async Task<Result<StationDto>> SetActiveAsync(Guid id, bool active, int? expectedVersion, CancellationToken ct)
    {
        var station = await db.CareStations.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (station is null) return Error.NotFound("Station");
        if (expectedVersion is { } expected && expected != station.Version) return ElderlyErrors.VersionMismatch();
        if (station.IsActive == active) return ToDto(station);
        if (active) station.Reactivate(); else station.Deactivate(common.UtcNow);
        station.Version++;
        return await common.SaveEditAsync(() => ToDto(station), ct);
    }

    public async Task<Result<HealthCheckItem>> RecordAsync(RecordHealthCheckRequest request, CancellationToken ct)
    {
        if (request.StationId is not { } stationId || request.PersonId is not { } personId) return Error.Validation("须指定驿站和居民 / stationId and personId are required.");
        var station = await db.CareStations.AsNoTracking().SingleOrDefaultAsync(s => s.Id == stationId, ct);
        if (station is null) return Error.NotFound("Station");
        if (!station.IsActive) return ElderlyErrors.StationInactive();
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, ct);
        if (person is null) return Error.NotFound("Person");
        var hasPressure = request.Systolic is not null || request.Diastolic is not null;
        if (hasPressure && (request.Systolic is not (>= 50 and <= 300) || request.Diastolic is not (>= 30 and <= 200) || request.Diastolic >= request.Systolic))
            return Error.Validation("血压须为收缩压 50–300、舒张压 30–200（mmHg）/ Blood pressure: systolic 50–300, diastolic 30–200 mmHg.");
        if (request.Glucose is { } g && g is < 1m or > 40m) return Error.Validation("血糖须在 1–40 mmol/L 之间 / Glucose must be 1–40 mmol/L.");
        if (!hasPressure && request.Glucose is null) return Error.Validation("至少记录血压或血糖 / Record blood pressure or glucose.");
        var measuredBy = string.IsNullOrWhiteSpace(request.MeasuredBy) ? user.Principal.FindFirst(Platform.Auth.JicengClaims.DisplayName)?.Value ?? user.UserName ?? "" : request.MeasuredBy.Trim();
        if (measuredBy.Length is 0 or > 50) return Error.Validation("测量人必填，最多50字 / measuredBy is required (≤ 50).");
        if (request.Note?.Trim().Length > 200) return Error.Validation("备注最多200字 / note: at most 200 characters.");
        var now = common.UtcNow;
        var measured = request.MeasuredAt?.UtcDateTime ?? now;
        if (measured > now.AddMinutes(5) || measured < now.AddDays(-31)) return Error.Validation("测量时间须在过去31天内 / measuredAt must be within the last 31 days.");
        var check = new HealthCheck(station, person.Id, person.Name, person.UserId, measured, measuredBy, user.UserId, now)
        {
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
        };
        check.SetReadings(request.Systolic, request.Diastolic, request.Glucose, request.Fasting);
        db.HealthChecks.Add(check);
        await db.SaveChangesAsync(ct);
        if (check.IsAbnormal) await NotifyHelpersAsync(check, ct);
        return ToItem(check);
    }

    /// <summary>
    /// Tells the helpers of the person's active help plans, once (a conditional update of the "notified" column claims
    /// it). The notification names no value: only that a check was abnormal, and a link to the flagged list.
    /// </summary>
    private async Task NotifyHelpersAsync(HealthCheck check, CancellationToken ct)
    {
        var now = common.UtcNow;
        var claimed = await db.HealthChecks.Where(h => h.Id == check.Id && h.HelpersNotifiedUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(h => h.HelpersNotifiedUtc, now), ct);
        if (claimed != 1) return;
        check.HelpersNotifiedUtc = now;
        // The helpers may belong to other communities (a party member, a grid worker): look them up as the system, in
        // a scope of its own; only account ids leave it.
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        var system = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var helperUsers = await (from plan in system.HelpPlans
                                 where plan.PersonId == check.PersonId && plan.Status == HelpPlanStatus.Active
                                 from h in plan.Helpers
                                 join p in system.People on h.HelperPersonId equals p.Id
                                 where p.UserId != null
                                 select p.UserId!.Value).Distinct().ToListAsync(ct);
        var active = await system.Users.Where(u => helperUsers.Contains(u.Id) && !u.IsDisabled).Select(u => u.Id).ToListAsync(ct);
        foreach (var userId in active)
            system.Add(new Notification { UserId = userId, CreatedUtc = now, Title = NotificationTitle, Body = $"{Mask.Name(check.PersonName)} 健康检测异常，请尽快联系", Link = "/elderly-children?tab=health" });
        if (active.Count > 0) await system.SaveChangesAsync(ct);
        HelpersNotified(logger, check.Id, active.Count);
    }

    public async Task<Result<List<HealthCheckItem>>> ChecksAsync(string? division, Guid? personId, bool? abnormal, Guid? stationId, CancellationToken ct)
    {
        var range = await common.RangeAsync(division, ct);
        if (!range.IsSuccess) return range.Error!;
        var q = db.HealthChecks.AsNoTracking();
        if (range.Value is var (from, to)) q = q.Where(c => string.Compare(c.DivisionPath, from) >= 0 && string.Compare(c.DivisionPath, to) < 0);
        if (personId is { } p) q = q.Where(c => c.PersonId == p);
        if (stationId is { } s) q = q.Where(c => c.StationId == s);
        if (abnormal is { } a) q = q.Where(c => c.IsAbnormal == a);
        var rows = await q.OrderByDescending(c => c.MeasuredUtc).Take(500).ToListAsync(ct);
        return rows.Select(ToItem).ToList();
    }

    /// <summary>One check with its values, for staff in scope; every read is written to the audit trail.</summary>
    public async Task<Result<HealthCheckDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var check = await db.HealthChecks.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (check is null) return Error.NotFound("Health check");
        await audit.RecordAsync(ReadAction, AuditResult.Success, nameof(HealthCheck), id.ToString(), cancellationToken: ct);
        var (sys, dia) = check.ReadBloodPressure();
        return new HealthCheckDto(check.Id, check.StationId, check.PersonId, Mask.Name(check.PersonName)!, check.MeasuredUtc, check.MeasuredBy, sys, dia,
            check.ReadGlucose(), check.GlucoseKind, check.Note, check.IsAbnormal, Measures(check), check.HelpersNotifiedUtc is not null);
    }

    public async Task<Result<List<StationActivityDto>>> ActivitiesAsync(Guid stationId, CancellationToken ct)
    {
        if (!await db.CareStations.AnyAsync(s => s.Id == stationId, ct)) return Error.NotFound("Station");
        return (await db.StationActivities.AsNoTracking().Where(a => a.StationId == stationId).OrderByDescending(a => a.Date).Take(200).ToListAsync(ct))
            .Select(ToDto).ToList();
    }

    public async Task<Result<StationActivityDto>> AddActivityAsync(Guid stationId, AddStationActivityRequest request, CancellationToken ct)
    {
        var station = await db.CareStations.AsNoTracking().SingleOrDefaultAsync(s => s.Id == stationId, ct);
        if (station is null) return Error.NotFound("Station");
        if (!station.IsActive) return ElderlyErrors.StationInactive();
        if (request.Date is not { } date) return Error.Validation("须指定日期 / date is required.");
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > 100) return Error.Validation("标题必填，最多100字 / title is required (≤ 100).");
        var kind = string.IsNullOrWhiteSpace(request.Kind) ? "其他" : request.Kind.Trim();
        if (kind.Length > 30) return Error.Validation("类型最多30字 / kind: at most 30 characters.");
        if (request.Attendance is not (>= 0 and <= 10000)) return Error.Validation("参加人数须在 0–10000 / attendance must be 0–10000.");
        var activity = new StationActivity(station, date, kind, request.Title.Trim(), request.Attendance.Value, common.UtcNow);
        db.StationActivities.Add(activity);
        await db.SaveChangesAsync(ct);
        return ToDto(activity);
    }

    /// <summary>People checked (distinct), checks and abnormal ones per station and China month, and activities' attendance.</summary>
    public async Task<Result<StationFiguresDto>> FiguresAsync(string? division, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var range = await common.RangeAsync(division, ct);
        if (!range.IsSuccess) return range.Error!;
        var checks = db.HealthChecks.AsNoTracking();
        var activities = db.StationActivities.AsNoTracking();
        var stations = db.CareStations.AsNoTracking();
        if (range.Value is var (f, t))
        {
            checks = checks.Where(c => string.Compare(c.DivisionPath, f) >= 0 && string.Compare(c.DivisionPath, t) < 0);
            activities = activities.Where(c => string.Compare(c.DivisionPath, f) >= 0 && string.Compare(c.DivisionPath, t) < 0);
            stations = stations.Where(c => string.Compare(c.DivisionPath, f) >= 0 && string.Compare(c.DivisionPath, t) < 0);
        }
        if (from is { } start) { var s = WorkingCalendar.LocalMidnightToUtc(start); checks = checks.Where(c => c.MeasuredUtc >= s); activities = activities.Where(a => a.Date >= start); }
        if (to is { } end) { var e = WorkingCalendar.LocalMidnightToUtc(end.AddDays(1)); checks = checks.Where(c => c.MeasuredUtc < e); activities = activities.Where(a => a.Date <= end); }
        var checkRows = await checks.Select(c => new { c.StationId, c.PersonId, c.MeasuredUtc, c.IsAbnormal }).ToListAsync(ct);
        var activityRows = await activities.Select(a => new { a.StationId, a.Date, a.Attendance }).ToListAsync(ct);
        var names = await stations.ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        static string Month(DateOnly d) => d.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var keys = checkRows.Select(c => (c.StationId, Month: Month(WorkingCalendar.LocalDate(c.MeasuredUtc))))
            .Concat(activityRows.Select(a => (a.StationId, Month: Month(a.Date)))).Distinct()
            .OrderBy(k => names.GetValueOrDefault(k.StationId), StringComparer.Ordinal).ThenBy(k => k.Month, StringComparer.Ordinal);
        var rows = keys.Select(k =>
        {
            var cs = checkRows.Where(c => c.StationId == k.StationId && Month(WorkingCalendar.LocalDate(c.MeasuredUtc)) == k.Month).ToList();
            var acts = activityRows.Where(a => a.StationId == k.StationId && Month(a.Date) == k.Month).ToList();
            return new StationFigureRow(k.StationId, names.GetValueOrDefault(k.StationId) ?? "", k.Month, cs.Count, cs.Select(c => c.PersonId).Distinct().Count(),
                cs.Count(c => c.IsAbnormal), acts.Count, acts.Sum(a => a.Attendance));
        }).ToList();
        return new StationFiguresDto(checkRows.Select(c => c.PersonId).Distinct().Count(), checkRows.Count, checkRows.Count(c => c.IsAbnormal),
            activityRows.Sum(a => a.Attendance), rows);
    }

    private static IReadOnlyList<string> Measures(HealthCheck c) => c.AbnormalMeasures?.Split(',') ?? [];

    public static StationDto ToDto(CareStation s) => new(s.Id, s.DivisionCode, s.Name, s.Place, s.OpeningHours, s.Version, s.IsActive, s.DeactivatedUtc);

    public static HealthCheckItem ToItem(HealthCheck c) =>
        new(c.Id, c.StationId, c.PersonId, Mask.Name(c.PersonName)!, c.MeasuredUtc, c.MeasuredBy, c.IsAbnormal, Measures(c), c.HelpersNotifiedUtc is not null);

    public static StationActivityDto ToDto(StationActivity a) => new(a.Id, a.StationId, a.Date, a.Kind, a.Title, a.Attendance);

    [LoggerMessage(EventId = 5711, Level = LogLevel.Information, Message = "Health check {CheckId} abnormal: {Count} helper accounts notified")]
    private static partial void HelpersNotified(ILogger logger, Guid checkId, int count);
}

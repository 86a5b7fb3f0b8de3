using Jiceng.Web.Data;
using Jiceng.Web.Modules.Care.Domain;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Modules.Cases.Features;
using Jiceng.Web.Modules.Grids.Features;
using Jiceng.Web.Modules.Notifications;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiceng.Web.Modules.Care.Features;

public sealed record DeviceEventRequest(string? Kind, DateTimeOffset? OccurredAt = null, string? Detail = null);

/// <param name="CaseId">The case the event opened or joined; null only while the alert it joined is still opening its case.</param>
public sealed record DeviceEventAccepted(long EventId, long? CaseId, bool Duplicate);

/// <summary>
/// Receives 智慧千里眼 device events. A device proves itself with its serial and secret (not a user account); an alert
/// (fall, no movement, SOS) opens an urgent case in the closed loop for the person's community and grid, through the
/// same intake as every other channel, and tells the person's helpers and grid workers. Events within the window of
/// the alert that opened a case join it (Duplicate) instead of opening another. The device work runs as the system:
/// no user's data scope applies to a device.
/// </summary>
public sealed partial class DeviceAlerts(IServiceScopeFactory scopes, TimeProvider time, IOptions<CareOptions> options, ILogger<DeviceAlerts> logger)
{
    public const string SerialHeader = "X-Device-Serial";
    public const string SecretHeader = "X-Device-Secret";
    public const string UnauthorizedAction = "care.device.unauthorized";
    public const string NotificationTitle = "智慧千里眼告警";
    public const int MaxDetail = 200;
    /// <summary>A device may send events it kept while offline, up to a week old.</summary>
    public const int MaxDaysBack = 7;
    private const int MaxClaimAttempts = 20;

    public sealed record DeviceIdentity(Guid Id, string Serial);

    /// <returns>The device, or why not (for the audit trail; never the secret).</returns>
    public async Task<(DeviceIdentity? Device, string? Problem)> AuthenticateAsync(string? serial, string? secret, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(serial) || string.IsNullOrEmpty(secret)) return (null, "missing device credentials");
        await using var scope = SystemScope(out var db);
        var device = await db.CareDevices.AsNoTracking().Where(d => d.Serial == serial.Trim())
            .Select(d => new { d.Id, d.Serial, d.SecretHash, d.Active }).SingleOrDefaultAsync(cancellationToken);
        // Hash anyway when the serial is unknown, so the answer takes as long as for a wrong secret.
        var matches = CareDevices.SecretMatches(device?.SecretHash ?? new string('0', 64), secret);
        if (device is null) return (null, "unknown serial");
        if (!matches) return (null, "wrong secret");
        if (!device.Active) return (null, "device inactive");
        return (new DeviceIdentity(device.Id, device.Serial), null);
    }

    public static Result<(DeviceEventKind Kind, string? Detail)> Check(DeviceEventRequest? request, DateTime nowUtc, out DateTime occurredUtc)
    {
        occurredUtc = nowUtc;
        if (request is null) return Error.Validation("请求体须为 JSON：{ kind, occurredAt?, detail? } / The body must be JSON { kind, occurredAt?, detail? }.");
        DeviceEventKind? kind = request.Kind?.Trim().ToLowerInvariant() switch
        {
            "fall" => DeviceEventKind.Fall,
            "nomovement" or "no-movement" => DeviceEventKind.NoMovement,
            "sos" => DeviceEventKind.Sos,
            _ => null,
        };
        if (kind is null) return Error.Validation("kind 只能是 fall、noMovement 或 sos / kind must be fall, noMovement or sos.");
        var detail = string.IsNullOrWhiteSpace(request.Detail) ? null : request.Detail.Trim();
        if (detail?.Length > MaxDetail) return Error.Validation($"detail 最多 {MaxDetail} 字 / detail: at most {MaxDetail} characters.");
        if (request.OccurredAt is { } at)
        {
            occurredUtc = at.UtcDateTime;
            if (occurredUtc > nowUtc.AddMinutes(5) || occurredUtc < nowUtc.AddDays(-MaxDaysBack))
                return Error.Validation("occurredAt 不能晚于现在或早于七天前 / occurredAt must be within the last 7 days.");
        }
        return (kind.Value, detail);
    }

    /// <summary>
    /// Records an authenticated device's event: the first alert of a window opens a case, the others join it.
    /// <para>
    /// Order of work, so that events arriving at the same moment (on one node or several) open exactly one case:
    /// 1. Claim the window on the device row: set LastAlertUtc with the row's Version as concurrency token and commit.
    ///    Of two events racing, one update wins; the other finds the version changed, reads the row again, sees the
    ///    window claimed and joins it. Nothing slow (the case) happens while the claim is open, so the losers never
    ///    wait for more than a row update.
    /// 2. The winner opens the case through the intake (its own transaction; an idempotency key made of the device and
    ///    the claim makes a retry return the same case).
    /// 3. It stores the case id on the device row, then gives it to the events that joined meanwhile. A joining event
    ///    that found no case id yet reads the row again after recording itself: either it sees the id, or the winner's
    ///    back-fill, which runs after the id is stored, sees its event.
    /// If opening the case fails, the claim is released (the window was never used) and the device is told to retry.
    /// </para>
    /// </summary>
    public async Task<Result<DeviceEventAccepted>> ReceiveAsync(Guid deviceId, DeviceEventKind kind, DateTime occurredUtc, string? detail,
        CancellationToken cancellationToken = default)
    {
        await using var scope = SystemScope(out var db);
        var now = Truncate(time.GetUtcNow().UtcDateTime);
        var result = await ClaimOrJoinAsync(db, deviceId, kind, occurredUtc, now, detail, cancellationToken);
        // Outside the version check: the time of the last event is kept for the device list, it decides nothing.
        await db.CareDevices.Where(d => d.Id == deviceId && (d.LastEventUtc == null || d.LastEventUtc < now))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.LastEventUtc, now), CancellationToken.None);
        return result;
    }

    private async Task<Result<DeviceEventAccepted>> ClaimOrJoinAsync(AppDbContext db, Guid deviceId, DeviceEventKind kind, DateTime occurredUtc, DateTime now,
        string? detail, CancellationToken cancellationToken)
    {
        var window = TimeSpan.FromMinutes(options.Value.DeviceAlertWindowMinutes);
        CareDevice device;
        DateTime? previousAlert = null;
        long? previousCase = null;
        var claimed = false;
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            device = await db.CareDevices.SingleAsync(d => d.Id == deviceId, cancellationToken);
            if (device.LastAlertUtc is { } last && now - last < window) break; // an alert of this window holds it: join
            (previousAlert, previousCase) = (device.LastAlertUtc, device.LastAlertCaseId);
            device.LastAlertUtc = now;
            device.LastAlertCaseId = null;
            device.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                claimed = true;
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxClaimAttempts)
            {
                // Another event changed the row first: read it again (it has most likely claimed the window).
            }
        }

        if (!claimed)
        {
            var joined = new CareDeviceEvent(device, kind, occurredUtc, now, device.LastAlertCaseId, duplicate: true, detail);
            db.CareDeviceEvents.Add(joined);
            await db.SaveChangesAsync(cancellationToken);
            var caseId = joined.CaseId;
            if (caseId is null && device.LastAlertUtc is { } claim)
            {
                caseId = await db.CareDevices.AsNoTracking().Where(d => d.Id == deviceId && d.LastAlertUtc == claim).Select(d => d.LastAlertCaseId).SingleOrDefaultAsync(cancellationToken);
                if (caseId is { } found)
                    await db.CareDeviceEvents.Where(e => e.Id == joined.Id && e.CaseId == null).ExecuteUpdateAsync(u => u.SetProperty(e => e.CaseId, found), cancellationToken);
            }
            return new DeviceEventAccepted(joined.Id, caseId, true);
        }

        Case opened;
        try
        {
            opened = await OpenCaseAsync(device, kind, now, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AlertFailed(logger, deviceId, ex);
            await db.CareDevices.Where(d => d.Id == deviceId && d.LastAlertUtc == now && d.LastAlertCaseId == null)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.LastAlertUtc, previousAlert).SetProperty(d => d.LastAlertCaseId, previousCase)
                    .SetProperty(d => d.Version, d => d.Version + 1), CancellationToken.None);
            return new Error(CareErrors.DeviceAlertFailed, StatusCodes.Status503ServiceUnavailable, "告警暂未受理，请重试 / The alert could not be filed; retry.");
        }

        await db.CareDevices.Where(d => d.Id == deviceId && d.LastAlertUtc == now)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.LastAlertCaseId, opened.Id).SetProperty(d => d.Version, d => d.Version + 1), CancellationToken.None);
        var alert = new CareDeviceEvent(device, kind, occurredUtc, now, opened.Id, duplicate: false, detail);
        db.CareDeviceEvents.Add(alert);
        await db.SaveChangesAsync(CancellationToken.None);
        // Events that joined while the case was being opened (also those of a claim released within the window: they were alerts without a case).
        var since = now - window;
        await db.CareDeviceEvents.Where(e => e.DeviceId == deviceId && e.Duplicate && e.CaseId == null && e.ReceivedUtc >= since)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.CaseId, opened.Id), CancellationToken.None);
        return new DeviceEventAccepted(alert.Id, opened.Id, false);
    }

    private async Task<Case> OpenCaseAsync(CareDevice device, DeviceEventKind kind, DateTime claimedUtc, CancellationToken cancellationToken)
    {
        await using var scope = SystemScope(out var db);
        var services = scope.ServiceProvider;
        var person = await db.People.AsNoTracking().Where(p => p.Id == device.PersonId)
            .Select(p => new { p.Name, p.DivisionCode, p.GridId, p.HouseholdId }).SingleAsync(cancellationToken);
        var household = person.HouseholdId is { } h
            ? await db.Households.AsNoTracking().Where(x => x.Id == h).Select(x => new { x.GridId, x.BuildingId, x.UnitNo }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var gridId = person.GridId ?? household?.GridId;
        if (gridId is { } g && !await services.GetRequiredService<GridLocator>().BelongsToAsync(g, person.DivisionCode, cancellationToken)) gridId = null;
        var gridName = gridId is { } id ? await db.Grids.AsNoTracking().Where(x => x.Id == id).Select(x => x.Name).SingleOrDefaultAsync(cancellationToken) : null;
        var building = household?.BuildingId is { } b
            ? await db.Buildings.AsNoTracking().Where(x => x.Id == b).Select(x => new { x.Name, x.Compound, x.Latitude, x.Longitude }).SingleOrDefaultAsync(cancellationToken)
            : null;

        // Only the masked name and the place down to the unit: the case travels to departments, the person's data stays here.
        var what = kind switch
        {
            DeviceEventKind.Fall => "跌倒",
            DeviceEventKind.NoMovement => $"超过 {device.NoMovementHours} 小时未检测到活动",
            _ => "紧急呼叫（SOS）",
        };
        var place = string.Join("，", new[]
        {
            gridName,
            building is null ? null : (building.Compound ?? "") + building.Name + (household?.UnitNo is { } unit ? $"{unit}单元" : ""),
        }.Where(s => !string.IsNullOrEmpty(s)));
        var local = (claimedUtc + WorkingCalendar.ChinaOffset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var description = $"智慧千里眼告警：{what}。对象：{Mask.Name(person.Name)}{(place.Length > 0 ? "，" + place : "")}。设备 {device.Serial}，{local} 报警，请立即上门查看。";

        var category = await CategoryAsync(services.GetRequiredService<CaseSettings>(), person.DivisionCode, cancellationToken);
        var request = new CreateCaseRequest(category, description, person.DivisionCode, Latitude: building?.Latitude, Longitude: building?.Longitude,
            Channel: CaseChannel.Device, GridId: gridId);
        var key = $"care-device:{device.Id:N}:{claimedUtc.Ticks}";
        var result = await services.GetRequiredService<CaseIntake>().CreateAsync(request, key, CaseChannel.Device, cancellationToken);
        if (!result.IsSuccess) throw new InvalidOperationException("Intake refused the device alert: " + result.Error!.Code + " " + result.Error.Message);
        var opened = result.Value.Case;

        try
        {
            await NotifyAsync(db, device.PersonId, gridId, opened, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            NotifyFailed(logger, opened.Id, ex); // the case is filed and the community told by the intake; helpers are a bonus
        }
        return opened;
    }

    /// <summary>The person's helpers (active help plans) and the grid's workers, those with accounts, in-app.</summary>
    private async Task NotifyAsync(AppDbContext db, Guid personId, Guid? gridId, Case opened, CancellationToken cancellationToken)
    {
        var recipients = await CareRecipients.ForPersonAsync(db, personId, gridId, cancellationToken);
        if (recipients.Count == 0) return;
        var now = time.GetUtcNow().UtcDateTime;
        var body = $"{opened.Number} {opened.Description}";
        if (body.Length > 500) body = body[..500];
        foreach (var userId in recipients)
            db.Add(new Notification { UserId = userId, CreatedUtc = now, Title = NotificationTitle, Body = body, Link = $"/cases/{opened.Id}" });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The case category of an alert. The default categories have one of emergency priority: 治安 (public-safety, 1 hour
    /// to respond, 2 to handle); 民生救助 (livelihood-aid) fits the matter better but is a general 7-day one. So: the
    /// configured category (Care:DeviceAlertCategory) if the county has it; else the county's emergency category,
    /// livelihood-aid first when the county raised it to emergency, then one the county added, then public-safety;
    /// and only when the county has no emergency category at all, livelihood-aid.
    /// </summary>
    private async Task<string> CategoryAsync(CaseSettings settings, string divisionCode, CancellationToken cancellationToken)
    {
        var categories = await settings.ActiveCategoriesAsync(divisionCode, cancellationToken);
        if (options.Value.DeviceAlertCategory is { Length: > 0 } configured && categories.Any(c => c.Code == configured)) return configured;
        var emergency = categories.Where(c => c.Priority == CasePriority.Emergency)
            .OrderBy(c => c.Code switch { "livelihood-aid" => 0, "public-safety" => 2, _ => 1 }).ThenBy(c => c.Code, StringComparer.Ordinal).FirstOrDefault();
        return emergency?.Code ?? categories.FirstOrDefault(c => c.Code == "livelihood-aid")?.Code ?? categories.First().Code;
    }

    private AsyncServiceScope SystemScope(out AppDbContext db)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return scope;
    }

    /// <summary>Whole milliseconds: the claim time is compared for equality, and every database keeps milliseconds exactly.</summary>
    private static DateTime Truncate(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "Device {DeviceId}: the alert could not open a case; the window was released")]
    private static partial void AlertFailed(ILogger logger, Guid deviceId, Exception ex);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Case {CaseId}: helpers and grid workers were not notified of the device alert")]
    private static partial void NotifyFailed(ILogger logger, long caseId, Exception ex);
}

/// <summary>Who hears about a key person: their helpers (active help plans) and their grid's workers, the accounts of those who have one.</summary>
public static class CareRecipients
{
    public static async Task<List<Guid>> ForPersonAsync(AppDbContext db, Guid personId, Guid? gridId, CancellationToken cancellationToken = default)
    {
        var helpers = from plan in db.HelpPlans
                      where plan.PersonId == personId && plan.Status == HelpPlanStatus.Active
                      from h in plan.Helpers
                      join p in db.People on h.HelperPersonId equals p.Id
                      where p.UserId != null
                      select p.UserId!.Value;
        var ids = await helpers.ToListAsync(cancellationToken);
        if (gridId is { } grid)
        {
            ids.AddRange(await (from a in db.GridWorkers
                                where a.GridId == grid
                                join p in db.People on a.PersonId equals p.Id
                                where p.UserId != null
                                select p.UserId!.Value).ToListAsync(cancellationToken));
        }
        var distinct = ids.Distinct().ToList();
        // Disabled accounts hear nothing.
        return await db.Users.Where(u => distinct.Contains(u.Id) && !u.IsDisabled).Select(u => u.Id).ToListAsync(cancellationToken);
    }
}

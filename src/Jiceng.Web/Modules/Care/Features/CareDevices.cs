using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Audit;
using Jiceng.Web.Modules.Care.Domain;
using Jiceng.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiceng.Web.Modules.Care.Features;

public sealed record RegisterCareDeviceRequest(string? Serial, Guid PersonId, int? NoMovementHours = null);

/// <param name="Secret">Shown once: the device sends it in X-Device-Secret. Only its hash is stored.</param>
public sealed record RegisteredCareDeviceDto(Guid Id, string Serial, Guid PersonId, int NoMovementHours, string Secret);

public sealed record CareDeviceEventItem(long Id, Guid DeviceId, string Kind, DateTime OccurredUtc, DateTime ReceivedUtc, long? CaseId, bool Duplicate, string? Detail);

/// <param name="Status">"inactive", "alert" (an alert within the window), or "normal".</param>
public sealed record CareDeviceItem(Guid Id, string Serial, Guid PersonId, string PersonName, string DivisionCode, string? CommunityName, string? GridName,
    int NoMovementHours, bool Active, string Status, DateTime? LastEventUtc, DateTime? LastAlertUtc, long? LastAlertCaseId, CareDeviceEventItem? LastEvent);

/// <summary>智慧千里眼 devices: registration (a one-time secret), the list with each device's state, and its events.</summary>
public sealed partial class CareDevices(CareQueries care, IOptions<CareOptions> options)
{
    public const int SecretBytes = 32;

    private AppDbContext Db => care.Db;

    public async Task<Result<RegisteredCareDeviceDto>> RegisterAsync(RegisterCareDeviceRequest request, CancellationToken cancellationToken = default)
    {
        var serial = request.Serial?.Trim() ?? "";
        if (!SerialPattern().IsMatch(serial)) return Error.Validation("设备编号须为 3 到 64 位字母、数字或 - _ / serial: 3 to 64 letters, digits, '-' or '_'.");
        var hours = request.NoMovementHours ?? 12;
        if (hours is < 1 or > 72) return Error.Validation("未活动告警时长须为 1 到 72 小时 / noMovementHours must be 1 to 72.");
        var person = await Db.People.AsNoTracking().Where(p => p.Id == request.PersonId).Select(p => new { p.Id, p.DivisionPath, p.ErasedUtc }).SingleOrDefaultAsync(cancellationToken);
        if (person is null) return Error.NotFound("Person");
        if (person.ErasedUtc is not null) return Error.Validation("该居民的信息已按本人要求删除 / This person's data was removed on request.");
        var secret = NewSecret();
        var device = new CareDevice(serial, person.Id, person.DivisionPath, HashSecret(secret), care.UtcNow) { NoMovementHours = hours };
        Db.CareDevices.Add(device);
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Serials are unique across the installation (index): the one registered may be in another community.
            return Error.Conflict("该设备编号已登记 / A device with this serial is registered already.");
        }
        return new RegisteredCareDeviceDto(device.Id, device.Serial, device.PersonId, device.NoMovementHours, secret);
    }

    public async Task<Result<List<CareDeviceItem>>> ListAsync(string? division, CancellationToken cancellationToken = default)
    {
        var area = await care.AreaAsync(division, cancellationToken);
        if (!area.IsSuccess) return area.Error!;
        var devices = Db.CareDevices.AsNoTracking();
        if (area.Value!.From is { } from && area.Value.To is { } to)
            devices = devices.Where(d => string.Compare(d.DivisionPath, from) >= 0 && string.Compare(d.DivisionPath, to) < 0);
        var rows = await (from d in devices
                          join p in Db.People on d.PersonId equals p.Id
                          orderby d.Serial
                          select new
                          {
                              Device = d, p.Name, p.DivisionCode, p.GridId,
                              Last = Db.CareDeviceEvents.Where(e => e.DeviceId == d.Id).OrderByDescending(e => e.Id).FirstOrDefault(),
                          }).Take(1000).ToListAsync(cancellationToken);
        var communities = await care.CommunityNamesAsync(rows.Select(r => r.DivisionCode), cancellationToken);
        var grids = await care.GridNamesAsync(rows.Select(r => r.GridId), cancellationToken);
        var window = TimeSpan.FromMinutes(options.Value.DeviceAlertWindowMinutes);
        var now = care.UtcNow;
        return rows.Select(r => new CareDeviceItem(r.Device.Id, r.Device.Serial, r.Device.PersonId, r.Name, r.DivisionCode, communities.GetValueOrDefault(r.DivisionCode),
            r.GridId is { } g ? grids.GetValueOrDefault(g) : null, r.Device.NoMovementHours, r.Device.Active,
            !r.Device.Active ? "inactive" : r.Device.LastAlertUtc is { } alert && now - alert < window ? "alert" : "normal",
            r.Device.LastEventUtc, r.Device.LastAlertUtc, r.Device.LastAlertCaseId, r.Last is null ? null : ToItem(r.Last))).ToList();
    }

    public async Task<Result<PagedList<CareDeviceEventItem>>> EventsAsync(Guid deviceId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        if (!await Db.CareDevices.AnyAsync(d => d.Id == deviceId, cancellationToken)) return Error.NotFound("Device");
        (page, pageSize) = CareQueries.Paging(page, pageSize);
        var events = Db.CareDeviceEvents.AsNoTracking().Where(e => e.DeviceId == deviceId);
        var total = await events.CountAsync(cancellationToken);
        var rows = await events.OrderByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedList<CareDeviceEventItem>(rows.Select(ToItem).ToList(), page, pageSize, total);
    }

    public static CareDeviceEventItem ToItem(CareDeviceEvent e) =>
        new(e.Id, e.DeviceId, KindName(e.Kind), e.OccurredUtc, e.ReceivedUtc, e.CaseId, e.Duplicate, e.Detail);

    public static string KindName(DeviceEventKind kind) => kind switch
    {
        DeviceEventKind.Fall => "fall",
        DeviceEventKind.NoMovement => "noMovement",
        _ => "sos",
    };

    /// <summary>32 random bytes, base64url: high-entropy, so a plain SHA-256 is enough to store it (no slow password hash needed).</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashSecret(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares in constant time, so the time taken tells nothing about how much of a guess was right.</summary>
    public static bool SecretMatches(string storedHash, string? presented)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 200) return false;
        byte[] stored;
        try
        {
            stored = Convert.FromHexString(storedHash);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(stored, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{3,64}$")]
    private static partial Regex SerialPattern();
}

using Jiceng.Web.Platform.Time;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.CoBuilding.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Files;
using Microsoft.EntityFrameworkCore;
using static Jiceng.Web.Modules.CoBuilding.Features.CoBuildingLookups;

namespace Jiceng.Web.Modules.CoBuilding.Features;

public sealed record PairingDto(Guid Id, Guid UnitId, string UnitName, string DivisionCode, string CommunityName, PairingStatus Status,
    DateTime RequestedUtc, DateTime? ConfirmedUtc, DateTime? EndedUtc, string? Note, bool HasAgreementFile, string? AgreementFileName,
    DateOnly? AgreementSignedOn, DateOnly? AgreementStartsOn, DateOnly? AgreementEndsOn, string? Results, int Version,
    int Needs, int ProjectsDone, int ProjectsTotal, int Meetings);

/// <param name="UnitId">Staff only: the unit to pair (a unit's account pairs itself).</param>
public sealed record CreatePairingRequest(string? DivisionCode, Guid? UnitId, string? Note);

public sealed record EndPairingRequest(string? Results);

public sealed record AgreementUpload(ReadOnlyMemory<byte> Content, string? FileName, DateOnly? SignedOn, DateOnly? StartsOn, DateOnly? EndsOn);

/// <summary>
/// Pairings (结对共建) and the organisation's 双报到: a unit asks to pair with a community and the community confirms or
/// declines; staff may also pair a unit directly. One open (requested or active) pairing per unit and community.
/// </summary>
public sealed class CoBuildingPairings(AppDbContext db, CoBuildingCaller caller, IFileStore files, TimeProvider time)
{
    public const int MaxAgreementBytes = 10 * 1024 * 1024;
    public const string AcceptedAgreementTypes = "application/pdf,image/jpeg,image/png,image/webp";

    private static Error PairingNotFound => CoBuildingErrors.NotFound("结对", "Pairing");
    private static Error OneOpen => CoBuildingErrors.Conflict("该单位与该社区已有进行中的结对或申请", "The unit already has an open pairing with this community.");

    public async Task<Result<List<PairingDto>>> ListAsync(string? division, PairingStatus? status, CancellationToken ct)
    {
        var query = db.CoBuildingPairings.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(division)) query = query.Where(p => p.DivisionCode == division);
        if (status is { } s) query = query.Where(p => p.Status == s);
        var pairings = await query.OrderBy(p => p.DivisionCode).ThenBy(p => p.Status).ToListAsync(ct);
        return await DtosAsync(pairings, ct);
    }

    public async Task<Result<PairingDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var pairing = await db.CoBuildingPairings.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (pairing is null) return PairingNotFound;
        return (await DtosAsync([pairing], ct))[0];
    }

    public async Task<Result<PairingDto>> CreateAsync(CreatePairingRequest request, CancellationToken ct)
    {
        if (CheckText(request.Note, 500, "备注", "Note") is { } noteError) return noteError;
        if (string.IsNullOrWhiteSpace(request.DivisionCode)) return CoBuildingErrors.Invalid("请选择社区", "divisionCode is required.");
        var now = time.GetUtcNow().UtcDateTime;
        CoBuildingPairing pairing;
        if (caller.UnitId is { } myUnit)
        {
            // The unit's party organisation reports to the community (双报到): any community of the county, to be confirmed there.
            var community = await AnyCommunityAsync(db, request.DivisionCode.Trim(), ct);
            if (community is null) return CoBuildingErrors.NotFound("社区", "Community");
            pairing = new CoBuildingPairing(myUnit, community.Code, community.Path, now) { Note = Clean(request.Note) };
        }
        else if (caller.IsManager)
        {
            var community = await VisibleCommunityAsync(db, caller, request.DivisionCode.Trim(), ct);
            if (community is null) return CoBuildingErrors.NotFound("社区", "Community");
            if (request.UnitId is not { } unitId || !await db.CoBuildingUnits.AnyAsync(u => u.Id == unitId && u.IsActive, ct))
            {
                return CoBuildingErrors.Invalid("请选择有效的共建单位", "Choose an active unit.");
            }
            pairing = new CoBuildingPairing(unitId, community.Code, community.Path, now)
            {
                Note = Clean(request.Note), Status = PairingStatus.Active, ConfirmedUtc = now, ConfirmedByUserId = caller.UserId,
            };
        }
        else
        {
            return CoBuildingErrors.Forbidden("只有共建单位或社区工作人员可以建立结对", "Only a unit or community staff may pair.");
        }
        if (await db.CoBuildingPairings.AnyAsync(p => p.UnitId == pairing.UnitId && p.DivisionCode == pairing.DivisionCode
                && (p.Status == PairingStatus.Requested || p.Status == PairingStatus.Active), ct))
        {
            return OneOpen;
        }
        db.CoBuildingPairings.Add(pairing);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return OneOpen; // the unique filtered index: another request won
        }
        return (await DtosAsync([pairing], ct))[0];
    }

    public Task<Result<PairingDto>> ConfirmAsync(Guid id, CancellationToken ct) =>
        DecideAsync(id, PairingStatus.Requested, p => { p.Status = PairingStatus.Active; p.ConfirmedUtc = Now; p.ConfirmedByUserId = caller.UserId; }, ct);

    public Task<Result<PairingDto>> DeclineAsync(Guid id, CancellationToken ct) =>
        DecideAsync(id, PairingStatus.Requested, p => { p.Status = PairingStatus.Declined; p.EndedUtc = Now; }, ct);

    public async Task<Result<PairingDto>> EndAsync(Guid id, EndPairingRequest request, CancellationToken ct)
    {
        if (CheckText(request.Results, 2000, "共建成效", "Results") is { } error) return error;
        return await DecideAsync(id, PairingStatus.Active, p =>
        {
            p.Status = PairingStatus.Ended;
            p.EndedUtc = Now;
            if (Clean(request.Results) is { } results) p.Results = results;
        }, ct);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>A community decision: only its staff; the Version token makes a second, concurrent decision lose (409).</summary>
    private async Task<Result<PairingDto>> DecideAsync(Guid id, PairingStatus from, Action<CoBuildingPairing> change, CancellationToken ct)
    {
        var pairing = await db.CoBuildingPairings.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (pairing is null) return PairingNotFound;
        if (!caller.IsManager || !caller.Scope.Includes(pairing.DivisionPath))
        {
            return CoBuildingErrors.Forbidden("只有社区工作人员可以处理结对", "Only the community's staff decide on pairings.");
        }
        if (pairing.Status != from)
        {
            return CoBuildingErrors.Conflict("结对状态已变化，不能执行此操作", $"The pairing is {pairing.Status}, not {from}.");
        }
        change(pairing);
        pairing.Touch();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CoBuildingErrors.VersionMismatch();
        }
        return (await DtosAsync([pairing], ct))[0];
    }

    /// <summary>The signed agreement (一协议): a PDF or an image, checked by its content; either party of the pairing uploads it.</summary>
    public async Task<Result<PairingDto>> UploadAgreementAsync(Guid id, AgreementUpload upload, CancellationToken ct)
    {
        var pairing = await db.CoBuildingPairings.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (pairing is null) return PairingNotFound;
        if (!IsParty(pairing)) return CoBuildingErrors.Forbidden("只有结对双方可以上传协议", "Only the pairing's parties upload its agreement.");
        if (pairing.Status is PairingStatus.Declined) return CoBuildingErrors.Conflict("结对申请已被婉拒", "The pairing was declined.");
        if (upload.SignedOn is null) return CoBuildingErrors.Invalid("请填写签订日期", "The signing date is required.");
        if (upload.StartsOn is { } starts && upload.EndsOn is { } ends && ends < starts) return CoBuildingErrors.Invalid("协议结束日期不能早于开始日期", "The agreement ends before it starts.");
        if (upload.Content.Length > MaxAgreementBytes)
        {
            return new Error(CoBuildingErrors.TooLargeCode, 400, $"协议文件不能超过 {MaxAgreementBytes / 1024 / 1024} MB / The agreement may have at most {MaxAgreementBytes / 1024 / 1024} MB.");
        }
        var document = Document(upload.Content);
        if (document is null)
        {
            return new Error(CoBuildingErrors.NotADocumentCode, 400, "协议只接受 PDF 或 JPEG、PNG、WebP 图片 / The agreement must be a PDF or a JPEG, PNG or WebP image.");
        }
        var key = await files.SaveAsync(document.Value.Content, document.Value.Extension, ct);
        var old = pairing.AgreementFileKey;
        pairing.AgreementFileKey = key;
        pairing.AgreementFileName = SafeName(upload.FileName, document.Value.Extension);
        pairing.AgreementSignedOn = upload.SignedOn;
        pairing.AgreementStartsOn = upload.StartsOn;
        pairing.AgreementEndsOn = upload.EndsOn;
        pairing.Touch();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await files.DeleteAsync(key, ct);
            return CoBuildingErrors.VersionMismatch();
        }
        if (old is not null) await files.DeleteAsync(old, ct);
        return (await DtosAsync([pairing], ct))[0];
    }

    public sealed record AgreementFile(Stream Content, string ContentType, string FileName);

    /// <summary>The agreement for whoever sees the pairing (its unit, the community's staff and those above); anyone else gets not found.</summary>
    public async Task<AgreementFile?> OpenAgreementAsync(Guid id, CancellationToken ct)
    {
        var pairing = await db.CoBuildingPairings.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (pairing?.AgreementFileKey is not { } key) return null;
        var stream = await files.OpenAsync(key, ct);
        if (stream is null) return null;
        var type = Path.GetExtension(key) switch { ".pdf" => "application/pdf", ".png" => "image/png", ".webp" => "image/webp", _ => "image/jpeg" };
        return new AgreementFile(stream, type, pairing.AgreementFileName ?? "agreement" + Path.GetExtension(key));
    }

    private bool IsParty(CoBuildingPairing pairing) =>
        (caller.UnitId is { } unit && pairing.UnitId == unit) || (caller.IsManager && caller.Scope.Includes(pairing.DivisionPath));

    /// <summary>A PDF (by its signature and end marker) as uploaded, or an image re-encoded without metadata; anything else null.</summary>
    internal static (byte[] Content, string Extension)? Document(ReadOnlyMemory<byte> content)
    {
        var span = content.Span;
        if (span.StartsWith("%PDF-"u8))
        {
            var tail = span[Math.Max(0, span.Length - 1024)..];
            return tail.IndexOf("%%EOF"u8) >= 0 ? (content.ToArray(), ".pdf") : null;
        }
        var image = ImageSanitiser.Check(span, MaxAgreementBytes);
        return image.IsAccepted ? (image.Image!.Content, image.Image.Extension) : null;
    }

    private static string SafeName(string? name, string extension)
    {
        var baseName = Path.GetFileNameWithoutExtension(name ?? "");
        var cleaned = new string(baseName.Where(c => !char.IsControl(c) && !Path.GetInvalidFileNameChars().Contains(c) && c is not ('"' or '\\' or '/')).ToArray()).Trim();
        if (cleaned.Length == 0) cleaned = "共建协议";
        if (cleaned.Length > 150) cleaned = cleaned[..150];
        return cleaned + extension;
    }

    /// <summary>Pairings with their unit and community names and counts: this year's needs, the pairing's projects, the community's meetings this year.</summary>
    internal async Task<List<PairingDto>> DtosAsync(IReadOnlyList<CoBuildingPairing> pairings, CancellationToken ct)
    {
        if (pairings.Count == 0) return [];
        var year = WorkingCalendar.LocalDate(Now).Year;
        var codes = pairings.Select(p => p.DivisionCode).Distinct().ToList();
        var ids = pairings.Select(p => p.Id).ToList();
        var communities = await DivisionNamesAsync(db, codes, ct);
        var units = await UnitNamesAsync(db, pairings.Select(p => p.UnitId), ct);
        // Counted through the filter: a unit counts only what it may see.
        var needs = (await db.CommunityNeeds.Where(n => codes.Contains(n.DivisionCode) && n.Year == year).GroupBy(n => n.DivisionCode)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(x => x.Key, x => x.Count);
        var projects = await db.JointProjects.Where(p => ids.Contains(p.PairingId)).GroupBy(p => new { p.PairingId, p.Status })
            .Select(g => new { g.Key.PairingId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var meetings = (await db.JointMeetings.Where(m => codes.Contains(m.DivisionCode) && m.HeldOn >= from && m.HeldOn <= to).GroupBy(m => m.DivisionCode)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(x => x.Key, x => x.Count);
        return pairings.Select(p => new PairingDto(p.Id, p.UnitId ?? Guid.Empty, units.GetValueOrDefault(p.UnitId ?? Guid.Empty, ""), p.DivisionCode,
            communities.GetValueOrDefault(p.DivisionCode, p.DivisionCode), p.Status, p.RequestedUtc, p.ConfirmedUtc, p.EndedUtc, p.Note,
            p.AgreementFileKey is not null, p.AgreementFileName, p.AgreementSignedOn, p.AgreementStartsOn, p.AgreementEndsOn, p.Results, p.Version,
            needs.GetValueOrDefault(p.DivisionCode),
            projects.Where(x => x.PairingId == p.Id && x.Status == ProjectStatus.Completed).Sum(x => x.Count),
            projects.Where(x => x.PairingId == p.Id && x.Status != ProjectStatus.Cancelled).Sum(x => x.Count),
            meetings.GetValueOrDefault(p.DivisionCode))).ToList();
    }
}

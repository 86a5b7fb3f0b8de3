using Jiceng.Web.Data;
using Jiceng.Web.Modules.Audit;
using Jiceng.Web.Modules.Care.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Care.Features;

public sealed record CreateMedicalPairingRequest(Guid StaffPersonId, Guid PersonId, string? Kind = null);

public sealed record MedicalPairingItem(Guid Id, Guid StaffPersonId, string StaffName, string? StaffEmployer, Guid PersonId, string PersonName,
    string DivisionCode, string Kind, DateTime SinceUtc, int GuidanceCount);

public sealed record MedicalStaffCount(Guid StaffPersonId, string Name, string? Employer, int Responsible, int FamilyDoctor);

public sealed record MedicalPairingListDto(PagedList<MedicalPairingItem> Pairings, IReadOnlyList<MedicalStaffCount> ByStaff);

public sealed record AddMedicalGuidanceRequest(DateTimeOffset? OccurredAt, string? Note);

/// <summary>A guidance record in a list: the note is sealed (health data) and only flagged.</summary>
public sealed record MedicalGuidanceItem(Guid Id, Guid PairingId, DateTime OccurredUtc, bool HasNote, DateTime CreatedUtc);

public sealed record MedicalGuidanceDto(Guid Id, Guid PairingId, Guid PersonId, DateTime OccurredUtc, string Note, DateTime CreatedUtc);

/// <param name="StaffCount">Medical staff responsible for at least one person ("党建+医疗": e.g. 231).</param>
/// <param name="PeopleCovered">People with a responsible medical staff member (e.g. 10,578).</param>
/// <param name="KeyPeople">People in a key group (not removed on request).</param>
/// <param name="KeyPeopleCovered">Of those, people with any medical pairing.</param>
public sealed record MedicalFiguresDto(string? DivisionCode, int StaffCount, int PeopleCovered, int FamilyDoctors, int FamilyDoctorPeople,
    int KeyPeople, int KeyPeopleCovered, int GuidanceRecords);

/// <summary>"党建+医疗": medical staff responsible for key people, family doctors signed with residents, and their guidance records.</summary>
public sealed class MedicalPairings(CareQueries care, AuditTrail audit)
{
    public const int MaxNote = 1000;
    private static readonly PersonRoleKind[] MedicalRoles = [PersonRoleKind.MedicalStaff, PersonRoleKind.FamilyDoctor];

    private AppDbContext Db => care.Db;

    public static string KindName(MedicalPairingKind kind) => kind == MedicalPairingKind.FamilyDoctor ? "familyDoctor" : "responsible";

    public static MedicalPairingKind? ParseKind(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        null or "" or "responsible" => MedicalPairingKind.Responsible,
        "familydoctor" or "family-doctor" => MedicalPairingKind.FamilyDoctor,
        _ => null,
    };

    public async Task<Result<MedicalPairingItem>> CreateAsync(CreateMedicalPairingRequest request, CancellationToken cancellationToken = default)
    {
        if (ParseKind(request.Kind) is not { } kind) return Error.Validation("kind 只能是 responsible 或 familyDoctor / kind must be responsible or familyDoctor.");
        if (request.StaffPersonId == request.PersonId) return Error.Validation("医护人员不能与本人结对 / Staff and person must differ.");
        var person = await Db.People.AsNoTracking().Where(p => p.Id == request.PersonId).Select(p => new { p.Id, p.DivisionPath, p.ErasedUtc }).SingleOrDefaultAsync(cancellationToken);
        if (person is null) return Error.NotFound("Person");
        if (person.ErasedUtc is not null) return Error.Validation("该居民的信息已按本人要求删除 / This person's data was removed on request.");
        if (!await Db.PersonRoles.AnyAsync(r => r.PersonId == request.StaffPersonId && MedicalRoles.Contains(r.Kind), cancellationToken))
            return Error.Validation("所选人员不是您范围内的医护人员或家庭医生 / staffPersonId is not medical staff or a family doctor in your scope.");
        if (await Db.MedicalPairings.AnyAsync(p => p.PersonId == person.Id && p.StaffPersonId == request.StaffPersonId && p.Kind == kind, cancellationToken))
            return Error.Conflict("已有相同的结对 / This pairing exists already.");

        var pairing = new MedicalPairing(request.StaffPersonId, person.Id, person.DivisionPath, kind, care.UtcNow);
        Db.MedicalPairings.Add(pairing);
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            Db.ChangeTracker.Clear();
            // The same pairing made at the same moment (unique index); anything else is a bug.
            if (await Db.MedicalPairings.AnyAsync(p => p.PersonId == person.Id && p.StaffPersonId == request.StaffPersonId && p.Kind == kind, cancellationToken))
                return Error.Conflict("已有相同的结对 / This pairing exists already.");
            throw;
        }
        return (await ItemsAsync(Db.MedicalPairings.Where(p => p.Id == pairing.Id), cancellationToken)).Single();
    }

    public async Task<Result<MedicalPairingListDto>> ListAsync(string? division, Guid? staffPersonId, Guid? personId, string? kind, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        var area = await care.AreaAsync(division, cancellationToken);
        if (!area.IsSuccess) return area.Error!;
        (page, pageSize) = CareQueries.Paging(page, pageSize);
        var pairings = Pairings(area.Value!);
        if (staffPersonId is { } staff) pairings = pairings.Where(p => p.StaffPersonId == staff);
        if (personId is { } person) pairings = pairings.Where(p => p.PersonId == person);
        if (!string.IsNullOrEmpty(kind))
        {
            if (ParseKind(kind) is not { } wanted) return Error.Validation("kind 只能是 responsible 或 familyDoctor / kind must be responsible or familyDoctor.");
            pairings = pairings.Where(p => p.Kind == wanted);
        }
        var total = await pairings.CountAsync(cancellationToken);
        var items = await ItemsAsync(pairings.OrderBy(p => p.StaffPersonId).ThenBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize), cancellationToken);

        var counts = await pairings.GroupBy(p => new { p.StaffPersonId, p.Kind }).Select(g => new { g.Key.StaffPersonId, g.Key.Kind, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var staffIds = counts.Select(c => c.StaffPersonId).Distinct().ToList();
        var names = await StaffAsync(staffIds, cancellationToken);
        var byStaff = staffIds.Select(id => new MedicalStaffCount(id, names.GetValueOrDefault(id).Name ?? "—", names.GetValueOrDefault(id).Employer,
                counts.Where(c => c.StaffPersonId == id && c.Kind == MedicalPairingKind.Responsible).Sum(c => c.Count),
                counts.Where(c => c.StaffPersonId == id && c.Kind == MedicalPairingKind.FamilyDoctor).Sum(c => c.Count)))
            .OrderByDescending(s => s.Responsible + s.FamilyDoctor).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        return new MedicalPairingListDto(new PagedList<MedicalPairingItem>(items, page, pageSize, total), byStaff);
    }

    /// <summary>The "党建+医疗" figures, computed from the pairings: staff count and people covered.</summary>
    public async Task<Result<MedicalFiguresDto>> FiguresAsync(string? division, CancellationToken cancellationToken = default)
    {
        var area = await care.AreaAsync(division, cancellationToken);
        if (!area.IsSuccess) return area.Error!;
        var pairings = Pairings(area.Value!);
        var responsible = pairings.Where(p => p.Kind == MedicalPairingKind.Responsible);
        var family = pairings.Where(p => p.Kind == MedicalPairingKind.FamilyDoctor);
        var key = care.TaggedPeople(area.Value!).Where(p => p.ErasedUtc == null);
        var guidance = Db.MedicalGuidance.AsNoTracking();
        if (area.Value!.From is { } from && area.Value.To is { } to)
            guidance = guidance.Where(g => string.Compare(g.DivisionPath, from) >= 0 && string.Compare(g.DivisionPath, to) < 0);
        return new MedicalFiguresDto(area.Value.DivisionCode,
            await responsible.Select(p => p.StaffPersonId).Distinct().CountAsync(cancellationToken),
            await responsible.Select(p => p.PersonId).Distinct().CountAsync(cancellationToken),
            await family.Select(p => p.StaffPersonId).Distinct().CountAsync(cancellationToken),
            await family.Select(p => p.PersonId).Distinct().CountAsync(cancellationToken),
            await key.CountAsync(cancellationToken),
            await key.CountAsync(p => pairings.Any(m => m.PersonId == p.Id), cancellationToken),
            await guidance.CountAsync(cancellationToken));
    }

    public async Task<Result<MedicalGuidanceDto>> AddGuidanceAsync(Guid pairingId, AddMedicalGuidanceRequest request, CancellationToken cancellationToken = default)
    {
        var note = request.Note?.Trim() ?? "";
        if (note.Length is < 2 or > MaxNote) return Error.Validation($"指导内容须为 2 到 {MaxNote} 字 / note: 2 to {MaxNote} characters.");
        var now = care.UtcNow;
        var occurred = request.OccurredAt?.UtcDateTime ?? now;
        if (occurred > now.AddMinutes(5) || occurred < now.AddDays(-CareVisits.MaxDaysBack))
            return Error.Validation("指导时间不能晚于现在，也不能早于一年前 / occurredAt must be within the last year and not in the future.");
        var pairing = await Db.MedicalPairings.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pairingId, cancellationToken);
        if (pairing is null) return Error.NotFound("Medical pairing");
        var guidance = new MedicalGuidance(pairing, occurred, note, now);
        Db.MedicalGuidance.Add(guidance);
        await Db.SaveChangesAsync(cancellationToken);
        return ToDto(guidance);
    }

    public async Task<Result<List<MedicalGuidanceItem>>> GuidanceAsync(Guid pairingId, CancellationToken cancellationToken = default)
    {
        if (!await Db.MedicalPairings.AnyAsync(p => p.Id == pairingId, cancellationToken)) return Error.NotFound("Medical pairing");
        return await Db.MedicalGuidance.AsNoTracking().Where(g => g.PairingId == pairingId).OrderByDescending(g => g.OccurredUtc)
            .Select(g => new MedicalGuidanceItem(g.Id, g.PairingId, g.OccurredUtc, g.Note != null, g.CreatedUtc)).ToListAsync(cancellationToken);
    }

    /// <summary>One guidance record with its note (sealed: the reading is audited).</summary>
    public async Task<Result<MedicalGuidanceDto>> GetGuidanceAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var guidance = await Db.MedicalGuidance.AsNoTracking().SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (guidance is null) return Error.NotFound("Guidance");
        await audit.RecordAsync(AuditActions.SensitiveRead, AuditResult.Success, nameof(MedicalGuidance), guidance.Id.ToString(), "note", cancellationToken: cancellationToken);
        return ToDto(guidance);
    }

    private IQueryable<MedicalPairing> Pairings(CareArea area)
    {
        var pairings = Db.MedicalPairings.AsNoTracking();
        if (area.From is { } from && area.To is { } to)
            pairings = pairings.Where(p => string.Compare(p.DivisionPath, from) >= 0 && string.Compare(p.DivisionPath, to) < 0);
        return pairings;
    }

    private async Task<Dictionary<Guid, (string? Name, string? Employer)>> StaffAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var people = await Db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);
        var employers = (await Db.PersonRoles.AsNoTracking().Where(r => ids.Contains(r.PersonId) && MedicalRoles.Contains(r.Kind))
            .Select(r => new { r.PersonId, r.Employer }).ToListAsync(cancellationToken)).ToLookup(r => r.PersonId, r => r.Employer);
        return people.ToDictionary(p => p.Id, p => ((string?)p.Name, employers[p.Id].FirstOrDefault(e => e is not null)));
    }

    private async Task<List<MedicalPairingItem>> ItemsAsync(IQueryable<MedicalPairing> query, CancellationToken cancellationToken)
    {
        var rows = await query.AsNoTracking()
            .Select(p => new { Pairing = p, Guidance = Db.MedicalGuidance.Count(g => g.PairingId == p.Id) }).ToListAsync(cancellationToken);
        var staff = await StaffAsync(rows.Select(r => r.Pairing.StaffPersonId).Distinct().ToList(), cancellationToken);
        var personIds = rows.Select(r => r.Pairing.PersonId).Distinct().ToList();
        var people = await Db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => new { p.Name, p.DivisionCode }, cancellationToken);
        return rows.Select(r => new MedicalPairingItem(r.Pairing.Id, r.Pairing.StaffPersonId, staff.GetValueOrDefault(r.Pairing.StaffPersonId).Name ?? "—",
            staff.GetValueOrDefault(r.Pairing.StaffPersonId).Employer, r.Pairing.PersonId, people.GetValueOrDefault(r.Pairing.PersonId)?.Name ?? "—",
            people.GetValueOrDefault(r.Pairing.PersonId)?.DivisionCode ?? "", KindName(r.Pairing.Kind), r.Pairing.SinceUtc, r.Guidance)).ToList();
    }

    private static MedicalGuidanceDto ToDto(MedicalGuidance g) => new(g.Id, g.PairingId, g.PersonId, g.OccurredUtc, g.Note, g.CreatedUtc);
}

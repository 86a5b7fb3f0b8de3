using Jiceng.Web.Data;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Residents.Features;

/// <summary>Everything held about one person, in clear, for the person's own access request (PIPL art. 45).</summary>
public sealed record PersonalDataExport(DateTime ExportedUtc, UnmaskedResidentDto Person, ResidentDto Record,
    IReadOnlyList<PersonalDataExport.HelpPlanItem> HelpPlans, IReadOnlyList<PersonalDataExport.VisitItem> Visits,
    IReadOnlyList<PersonalDataExport.MedicalItem> MedicalPairings, IReadOnlyList<PersonalDataExport.GuidanceItem> MedicalGuidance,
    IReadOnlyList<string> Devices)
{
    public sealed record HelpPlanItem(Guid Id, string Measures, DateOnly ReviewDue, string Status, DateTime CreatedUtc);
    public sealed record VisitItem(DateTime VisitedUtc, string VisitorName, string? Findings, string? Gifts, decimal GiftValue);
    public sealed record MedicalItem(string Kind, DateTime SinceUtc);
    public sealed record GuidanceItem(DateTime OccurredUtc, string Note);
}

/// <summary>
/// The reads that show personal data in clear or take it out of the system: unmask, the person's own export and the
/// list export (masked). Each is audited with who, what, why and the field names, never the values. Unmasking and the
/// person's export are for community, street and county staff; a grid worker sees masked values only.
/// </summary>
public sealed class ResidentDisclosure(AppDbContext db, CurrentUser user, AuditTrail audit, ResidentQueries queries, TimeProvider time)
{
    public static readonly IReadOnlyList<string> UnmaskRoles = [Roles.CommunityStaff, Roles.StreetStaff, Roles.CountyAdmin];

    public bool MayUnmask => UnmaskRoles.Any(user.Principal.IsInRole);

    public async Task<Result<UnmaskedResidentDto>> UnmaskAsync(Guid id, string? reason, CancellationToken ct = default)
    {
        var denied = await CheckAsync(ResidentAuditActions.Unmasked, id, reason, ct);
        if (denied is not null) return denied;
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return Error.NotFound("Resident");
        var clear = await ClearAsync(person, ct);
        await audit.RecordAsync(ResidentAuditActions.Unmasked, AuditResult.Success, nameof(Person), id.ToString(),
            ResidentRegistry.Detail(reason, FieldsOf(clear)), cancellationToken: ct);
        return clear;
    }

    public async Task<Result<PersonalDataExport>> ExportPersonAsync(Guid id, string? reason, CancellationToken ct = default)
    {
        var denied = await CheckAsync(ResidentAuditActions.ExportedForPerson, id, reason, ct);
        if (denied is not null) return denied;
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return Error.NotFound("Resident");
        var clear = await ClearAsync(person, ct);
        var record = await queries.ToDtoAsync(person, ct);
        // The care records reach the person through their own scope filters (same division as the person).
        var plans = await db.HelpPlans.AsNoTracking().Where(p => p.PersonId == id).OrderBy(p => p.CreatedUtc).ToListAsync(ct);
        var visits = await db.CareVisits.AsNoTracking().Where(v => v.PersonId == id).OrderBy(v => v.Id).ToListAsync(ct);
        var pairings = await db.MedicalPairings.AsNoTracking().Where(m => m.PersonId == id).ToListAsync(ct);
        var guidance = await db.MedicalGuidance.AsNoTracking().Where(g => g.PersonId == id).OrderBy(g => g.Id).ToListAsync(ct);
        var devices = await db.CareDevices.AsNoTracking().Where(d => d.PersonId == id).Select(d => d.Serial).ToListAsync(ct);
        var export = new PersonalDataExport(time.GetUtcNow().UtcDateTime, clear, record,
            plans.Select(p => new PersonalDataExport.HelpPlanItem(p.Id, p.Measures, p.ReviewDue, p.Status.ToString(), p.CreatedUtc)).ToList(),
            visits.OrderBy(v => v.VisitedUtc).Select(v => new PersonalDataExport.VisitItem(v.VisitedUtc, v.VisitorName, v.Findings, v.Gifts, v.GiftValue)).ToList(),
            pairings.Select(m => new PersonalDataExport.MedicalItem(m.Kind.ToString(), m.SinceUtc)).ToList(),
            guidance.OrderBy(g => g.OccurredUtc).Select(g => new PersonalDataExport.GuidanceItem(g.OccurredUtc, g.Note)).ToList(),
            devices);
        await audit.RecordAsync(ResidentAuditActions.ExportedForPerson, AuditResult.Success, nameof(Person), id.ToString(),
            ResidentRegistry.Detail(reason, [.. FieldsOf(clear), "tags", "roles", "helpPlans", "visits", "medical", "devices"]), cancellationToken: ct);
        return export;
    }

    /// <summary>Refuses (and records the refusal) unless the role may see clear values and a reason is given.</summary>
    private async Task<Error?> CheckAsync(string action, Guid id, string? reason, CancellationToken ct)
    {
        if (!MayUnmask)
        {
            await audit.RecordAsync(action, AuditResult.Denied, nameof(Person), id.ToString(), "role may not see personal data in clear", cancellationToken: ct);
            return Error.Forbidden("您的角色不能查看完整个人信息 / Your role may not see personal data in clear.");
        }
        if (ResidentPlaces.Blank(reason) is not { Length: >= 2 })
        {
            return Error.Validation("请填写查看原因（至少 2 个字）/ A reason of at least 2 characters is required.");
        }
        return null;
    }

    private async Task<UnmaskedResidentDto> ClearAsync(Person person, CancellationToken ct)
    {
        var household = person.HouseholdId is { } h
            ? await db.Households.AsNoTracking().Where(x => x.Id == h).Select(x => new { x.Room, x.Address }).SingleOrDefaultAsync(ct)
            : null;
        return new UnmaskedResidentDto(person.Id, person.FullName, person.IdNumber, person.Phone, person.Address, household?.Room, household?.Address,
            person.BirthDate, person.HealthNote, person.WelfareNote);
    }

    private static IEnumerable<string> FieldsOf(UnmaskedResidentDto clear)
    {
        yield return "name";
        if (clear.IdNumber is not null) yield return "idNumber";
        if (clear.Phone is not null) yield return "phone";
        if (clear.Address is not null || clear.Room is not null || clear.HouseholdAddress is not null) yield return "address";
        if (clear.BirthDate is not null) yield return "birthDate";
        if (clear.HealthNote is not null) yield return "healthNote";
        if (clear.WelfareNote is not null) yield return "welfareNote";
    }

    public static readonly string[] ExportColumns = ["姓名", "身份证号", "手机号", "社区", "网格", "楼栋", "单元", "门牌号", "地址", "与户主关系", "重点人群", "出生年份"];

    /// <summary>
    /// The scoped, filtered list as .xlsx, masked like every screen, written to a temporary file that is deleted when the
    /// returned stream closes (a county's list does not sit in memory). Audited as an export.
    /// </summary>
    public async Task<Result<Stream>> ExportListAsync(ResidentListQuery query, CancellationToken ct = default)
    {
        var (people, error) = await queries.FilterAsync(query with { IncludeErased = false }, PersonalData.Protector, ct);
        if (error is not null) return error;
        var rows = await people!.OrderBy(p => p.DivisionCode).ThenBy(p => p.Name).Select(p => new
        {
            p.Name, p.IdNumber, p.Phone, p.DivisionCode, p.GridId, p.HouseholdId, p.Address, p.RelationToHead, p.BirthYear, p.Id,
        }).ToListAsync(ct);
        var divisions = await db.Divisions.AsNoTracking().Where(d => d.Level == Organisation.Domain.DivisionLevel.Village).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var grids = await db.Grids.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var buildings = await db.Buildings.AsNoTracking().Select(b => new { b.Id, b.Name, b.Compound }).ToDictionaryAsync(b => b.Id, b => (b.Compound ?? "") + b.Name, ct);
        var householdIds = rows.Where(r => r.HouseholdId is not null).Select(r => r.HouseholdId!.Value).ToHashSet();
        var households = (await db.Households.AsNoTracking().Select(h => new { h.Id, h.BuildingId, h.UnitNo, h.Room, h.Address }).ToListAsync(ct))
            .Where(h => householdIds.Contains(h.Id)).ToDictionary(h => h.Id);
        var tags = (await db.People.AsNoTracking().Where(p => p.ErasedUtc == null)
                .Join(db.PersonTags, p => p.Id, t => t.PersonId, (p, t) => new { t.PersonId, t.GroupCode }).ToListAsync(ct))
            .ToLookup(t => t.PersonId, t => KeyGroups.Find(t.GroupCode)?.Name ?? t.GroupCode);

        var sheet = rows.Select(r =>
        {
            var household = r.HouseholdId is { } h ? households.GetValueOrDefault(h) : null;
            return new Dictionary<string, object?>
            {
                [ExportColumns[0]] = r.Name,
                [ExportColumns[1]] = Mask.IdNumber(r.IdNumber),
                [ExportColumns[2]] = Mask.Phone(r.Phone),
                [ExportColumns[3]] = divisions.GetValueOrDefault(r.DivisionCode) ?? r.DivisionCode,
                [ExportColumns[4]] = r.GridId is { } g ? grids.GetValueOrDefault(g) : null,
                [ExportColumns[5]] = household?.BuildingId is { } b ? buildings.GetValueOrDefault(b) : null,
                [ExportColumns[6]] = household?.UnitNo,
                [ExportColumns[7]] = ResidentQueries.MaskRoom(household?.Room),
                [ExportColumns[8]] = Mask.Address(r.Address ?? household?.Address),
                [ExportColumns[9]] = r.RelationToHead,
                [ExportColumns[10]] = string.Join("，", tags[r.Id]),
                [ExportColumns[11]] = r.BirthYear,
            };
        });
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        await file.SaveAsAsync(sheet, sheetName: "居民", cancellationToken: ct);
        file.Position = 0;
        await audit.RecordAsync(ResidentAuditActions.ExportedList, AuditResult.Success, nameof(Person), null,
            $"division: {ResidentPlaces.Blank(query.Division) ?? "(scope)"}; rows: {rows.Count}; masked", cancellationToken: ct);
        return file;
    }
}

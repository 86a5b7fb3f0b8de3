using Jiceng.Web.Data;
using Jiceng.Web.Modules.PartyMembers.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Modules.Residents.Features;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.PartyMembers.Features;

public sealed record RegisterRequest(string? DivisionCode, string? EmployerName, Guid? UnitId = null, string? EmployerPartyOrganisation = null, string? Skills = null);

public sealed record DecideRequest(string? Note = null);

public sealed record RegistrationDto(Guid Id, string DivisionCode, string CommunityName, string MemberName, Guid? PersonId, string EmployerName, Guid? UnitId,
    string? EmployerPartyOrganisation, string? Skills, RegistrationStatus Status, DateTime RequestedUtc, DateTime? DecidedUtc, string? DecisionNote,
    DateTime? EndedUtc, int Version);

/// <summary>
/// 双报到 registrations: a member reports to the community they live in, the community confirms or declines, and either
/// ends it later. One open registration per member (checked, and held by the filtered unique index). Every read goes
/// through the data scope filter: a member sees their own, a unit the ones naming it, staff their subtree.
/// </summary>
public sealed class Registrations(AppDbContext db, CurrentUser user, PartyPlaces places, AuditTrail audit, TimeProvider time, ILogger<Registrations> logger)
{
    public const int MaxNote = 500;
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<Result<RegistrationDto>> RegisterAsync(RegisterRequest request, CancellationToken ct)
    {
        if (user.UserId is not { } me) return Error.Forbidden();
        var code = request.DivisionCode?.Trim();
        if (string.IsNullOrEmpty(code)) return Error.Validation("请选择居住的社区 / Choose the community you live in.");
        var community = await places.CommunityAsync(code, ct);
        if (community is null) return Error.Validation("社区代码无效 / Unknown community code.");
        var employer = request.EmployerName?.Trim();
        var organisation = Blank(request.EmployerPartyOrganisation);
        if (request.UnitId is { } unitId)
        {
            // Units are county reference data; only the name and party organisation are read.
            var unit = await db.CoBuildingUnits.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Where(u => u.Id == unitId)
                .Select(u => new { u.Name, u.PartyOrganisationName }).SingleOrDefaultAsync(ct);
            if (unit is null) return Error.Validation("共建单位不存在 / Unknown co-building unit.");
            if (string.IsNullOrEmpty(employer)) employer = unit.Name;
            organisation ??= unit.PartyOrganisationName;
        }
        if (string.IsNullOrEmpty(employer)) return Error.Validation("请填写工作单位 / Give your employer.");
        if (employer.Length > 100 || organisation?.Length > 100) return Error.Validation("单位名称过长 / The employer's name is too long.");
        var skills = Blank(request.Skills);
        if (skills?.Length > 200) return Error.Validation("特长不超过200字 / Skills take at most 200 characters.");

        if (await db.MemberRegistrations.AnyAsync(r => r.UserId == me && (r.Status == RegistrationStatus.Pending || r.Status == RegistrationStatus.Confirmed), ct))
            return PartyErrors.Registered();

        // The member's own person record (read past the division filter, own record only) names and links them.
        var person = await db.OwnPersonRecord(me).Select(p => new { p.Id, p.Name, p.SealedName }).FirstOrDefaultAsync(ct);
        var name = person is not null ? person.SealedName ?? person.Name
            : await db.Users.Where(u => u.Id == me).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? "";
        if (name.Length > 50) name = name[..50];

        var registration = new MemberRegistration(me, community.Code, community.Path, name, Now)
        {
            PersonId = person?.Id,
            UnitId = request.UnitId,
            EmployerName = employer,
            EmployerPartyOrganisation = organisation,
            Skills = skills,
        };
        db.MemberRegistrations.Add(registration);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return PartyErrors.Registered(); // a second submit raced this one: the filtered unique index said no
        }
        PartyLog.Registered(logger, registration.Id);
        return await GetAsync(registration.Id, ct);
    }

    /// <summary>The division code and path of the caller's own person record (where they live), if they have one.</summary>
    public async Task<(string Code, string Path)?> MyHomeAsync(CancellationToken ct)
    {
        if (user.UserId is not { } me) return null;
        var home = await db.OwnPersonRecord(me).Select(p => new { p.DivisionCode, p.DivisionPath }).FirstOrDefaultAsync(ct);
        return home is null ? null : (home.DivisionCode, home.DivisionPath);
    }

    public async Task<Result<RegistrationDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var rows = await ToDtosAsync(db.MemberRegistrations.AsNoTracking().Where(r => r.Id == id), ct);
        return rows.Count == 1 ? rows[0] : Error.NotFound("Registration");
    }

    /// <summary>The caller's registrations, newest first (the open one, if any, is first).</summary>
    public async Task<List<RegistrationDto>> MineAsync(CancellationToken ct)
    {
        if (user.UserId is not { } me) return [];
        var rows = await ToDtosAsync(db.MemberRegistrations.AsNoTracking().Where(r => r.UserId == me), ct);
        return rows.OrderBy(r => r.Status is RegistrationStatus.Pending or RegistrationStatus.Confirmed ? 0 : 1).ThenByDescending(r => r.RequestedUtc).ToList();
    }

    public async Task<Result<List<RegistrationDto>>> ListAsync(string? division, RegistrationStatus? status, CancellationToken ct)
    {
        var query = db.MemberRegistrations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(division))
        {
            var place = await places.CommunityAsync(division.Trim(), ct);
            var path = place?.Path ?? await db.Divisions.AsNoTracking().Where(d => d.Code == division.Trim()).Select(d => d.Path).SingleOrDefaultAsync(ct);
            if (path is null) return Error.NotFound("Division");
            var (from, to) = MaterialisedPath.Range(path);
            query = query.Where(r => string.Compare(r.DivisionPath, from) >= 0 && string.Compare(r.DivisionPath, to) < 0);
        }
        if (status is { } s) query = query.Where(r => r.Status == s);
        var rows = await ToDtosAsync(query, ct);
        return rows.OrderBy(r => r.Status).ThenByDescending(r => r.RequestedUtc).ToList();
    }

    public Task<Result<RegistrationDto>> ConfirmAsync(Guid id, DecideRequest request, CancellationToken ct) =>
        DecideAsync(id, RegistrationStatus.Confirmed, request.Note, PartyAuditActions.Confirmed, ct);

    public Task<Result<RegistrationDto>> DeclineAsync(Guid id, DecideRequest request, CancellationToken ct) =>
        DecideAsync(id, RegistrationStatus.Declined, request.Note, PartyAuditActions.Declined, ct);

    private async Task<Result<RegistrationDto>> DecideAsync(Guid id, RegistrationStatus to, string? note, string action, CancellationToken ct)
    {
        var note2 = Blank(note);
        if (note2?.Length > MaxNote) return Error.Validation($"备注不超过{MaxNote}字 / The note takes at most {MaxNote} characters.");
        if (to == RegistrationStatus.Declined && note2 is null) return Error.Validation("退回须说明原因 / Say why the registration is declined.");
        var found = await db.MemberRegistrations.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.DivisionPath }).SingleOrDefaultAsync(ct);
        // Only the community's staff (the division scope) decide; an owner or unit seeing it is not enough.
        if (found is null || !user.Scope.Includes(found.DivisionPath)) return Error.NotFound("Registration");
        var now = Now;
        var by = user.UserId;
        // Exactly one decision wins: the update only happens while the registration is still pending.
        var changed = await db.MemberRegistrations.Where(r => r.Id == id && r.Status == RegistrationStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, to).SetProperty(r => r.DecidedUtc, now).SetProperty(r => r.DecidedByUserId, by)
                .SetProperty(r => r.DecisionNote, note2).SetProperty(r => r.Version, r => r.Version + 1), ct);
        if (changed != 1) return PartyErrors.Pending();
        await audit.RecordAsync(action, AuditResult.Success, nameof(MemberRegistration), id.ToString(), note2 is null ? null : "note given", cancellationToken: ct);
        PartyLog.Decided(logger, id, to.ToString());
        return await GetAsync(id, ct);
    }

    /// <summary>Ends an open registration: the member themselves (moved, retired) or the community's staff.</summary>
    public async Task<Result<RegistrationDto>> EndAsync(Guid id, DecideRequest request, CancellationToken ct)
    {
        var note = Blank(request.Note);
        if (note?.Length > MaxNote) return Error.Validation($"备注不超过{MaxNote}字 / The note takes at most {MaxNote} characters.");
        var found = await db.MemberRegistrations.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.DivisionPath, r.UserId }).SingleOrDefaultAsync(ct);
        if (found is null) return Error.NotFound("Registration");
        if (found.UserId != user.UserId && !user.Scope.Includes(found.DivisionPath)) return Error.NotFound("Registration");
        var now = Now;
        var changed = await db.MemberRegistrations
            .Where(r => r.Id == id && (r.Status == RegistrationStatus.Pending || r.Status == RegistrationStatus.Confirmed))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Ended).SetProperty(r => r.EndedUtc, now)
                .SetProperty(r => r.DecisionNote, r => note ?? r.DecisionNote).SetProperty(r => r.Version, r => r.Version + 1), ct);
        if (changed != 1) return PartyErrors.Open();
        await audit.RecordAsync(PartyAuditActions.Ended, AuditResult.Success, nameof(MemberRegistration), id.ToString(), cancellationToken: ct);
        PartyLog.Decided(logger, id, RegistrationStatus.Ended.ToString());
        return await GetAsync(id, ct);
    }

    /// <summary>Rows as DTOs: the member's own name in full, anyone else's masked.</summary>
    internal async Task<List<RegistrationDto>> ToDtosAsync(IQueryable<MemberRegistration> query, CancellationToken ct)
    {
        var rows = await query.ToListAsync(ct);
        var names = await places.NamesAsync(rows.Select(r => r.DivisionCode), ct);
        return rows.Select(r => new RegistrationDto(r.Id, r.DivisionCode, names.GetValueOrDefault(r.DivisionCode, r.DivisionCode),
            r.UserId == user.UserId ? r.MemberName : Mask.Name(r.MemberName) ?? "", r.PersonId, r.EmployerName, r.UnitId, r.EmployerPartyOrganisation, r.Skills,
            r.Status, r.RequestedUtc, r.DecidedUtc, r.DecisionNote, r.EndedUtc, r.Version)).ToList();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

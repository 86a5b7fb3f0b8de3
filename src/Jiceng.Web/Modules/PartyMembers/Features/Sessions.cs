using Jiceng.Web.Data;
using Jiceng.Web.Modules.PartyMembers.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.PartyMembers.Features;

public sealed record CreateSessionRequest(string? DivisionCode, MemberSessionKind? Kind, string? Title, DateOnly? HeldOn, string? Place = null, string? Summary = null);

public sealed record AttendanceRequest(List<Guid>? RegistrationIds, string? Note = null);

public sealed record SessionItem(Guid Id, string DivisionCode, string CommunityName, MemberSessionKind Kind, string Title, DateOnly HeldOn, string? Place, int Attended);

public sealed record SessionAttendee(Guid RegistrationId, string MemberName, string EmployerName, string? Note);

public sealed record SessionDto(Guid Id, string DivisionCode, string CommunityName, MemberSessionKind Kind, string Title, DateOnly HeldOn, string? Place, string? Summary,
    List<SessionAttendee> Attendees);

public sealed record AttendanceResult(Guid SessionId, int Added, int AlreadyThere, SessionDto Session);

/// <summary>
/// Community occasions (organisation life, discussion with cadres, survey) and who of the registered members attended.
/// Staff only; sessions are division-scoped, and attendance can be recorded only for confirmed registrations of the
/// session's community.
/// </summary>
public sealed class Sessions(AppDbContext db, CurrentUser user, PartyPlaces places, TimeProvider time, ILogger<Sessions> logger)
{
    public async Task<Result<SessionDto>> CreateAsync(CreateSessionRequest request, CancellationToken ct)
    {
        var code = request.DivisionCode?.Trim();
        if (string.IsNullOrEmpty(code)) return Error.Validation("请选择社区 / Choose the community.");
        var community = await places.CommunityAsync(code, ct);
        if (community is null || !user.Scope.Includes(community.Path)) return Error.NotFound("Division");
        if (request.Kind is not { } kind || !Enum.IsDefined(kind)) return Error.Validation("活动类型无效 / Unknown kind of session.");
        var title = request.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > 100) return Error.Validation("标题为1–100字 / The title takes 1 to 100 characters.");
        var now = time.GetUtcNow().UtcDateTime;
        var today = Platform.Time.WorkingCalendar.LocalDate(now);
        if (request.HeldOn is not { } heldOn || heldOn > today.AddDays(60) || heldOn.Year < 2000) return Error.Validation("日期无效 / The date is not valid.");
        var place = string.IsNullOrWhiteSpace(request.Place) ? null : request.Place.Trim();
        var summary = string.IsNullOrWhiteSpace(request.Summary) ? null : request.Summary.Trim();
        if (place?.Length > 100 || summary?.Length > 2000) return Error.Validation("地点不超过100字，纪要不超过2000字 / Place up to 100, summary up to 2000 characters.");

        var session = new MemberSession(community.Code, community.Path, kind, title, heldOn, now)
        {
            Place = place,
            Summary = summary,
            CreatedByUserId = user.UserId,
        };
        db.MemberSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return await GetAsync(session.Id, ct);
    }

    public async Task<Result<List<SessionItem>>> ListAsync(string? division, int? year, CancellationToken ct)
    {
        var resolved = PartyYear.Resolve(year, time);
        if (!resolved.IsSuccess) return resolved.Error!;
        var (first, last) = (resolved.Value.FirstDay, resolved.Value.LastDay);
        var query = db.MemberSessions.AsNoTracking().Where(s => s.HeldOn >= first && s.HeldOn <= last);
        if (!string.IsNullOrWhiteSpace(division)) query = query.Where(s => s.DivisionCode == division.Trim());
        var rows = await query.Select(s => new { s.Id, s.DivisionCode, s.Kind, s.Title, s.HeldOn, s.Place }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var counts = await db.MemberSessionAttendance.AsNoTracking().Where(a => ids.Contains(a.SessionId)).GroupBy(a => a.SessionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var names = await places.NamesAsync(rows.Select(r => r.DivisionCode), ct);
        return rows.OrderByDescending(r => r.HeldOn).ThenBy(r => r.Title)
            .Select(r => new SessionItem(r.Id, r.DivisionCode, names.GetValueOrDefault(r.DivisionCode, r.DivisionCode), r.Kind, r.Title, r.HeldOn, r.Place,
                counts.GetValueOrDefault(r.Id))).ToList();
    }

    public async Task<Result<SessionDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var session = await db.MemberSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (session is null) return Error.NotFound("Session");
        // Attendance is reached through its session (in scope), so every attendee of a visible session is listed.
        var attendees = await (from a in db.MemberSessionAttendance.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
                               join r in db.MemberRegistrations.IgnoreQueryFilters([AppDbContext.ScopeFilter]) on a.RegistrationId equals r.Id
                               where a.SessionId == id
                               select new { a.RegistrationId, r.MemberName, r.EmployerName, a.Note }).ToListAsync(ct);
        var names = await places.NamesAsync([session.DivisionCode], ct);
        return new SessionDto(session.Id, session.DivisionCode, names.GetValueOrDefault(session.DivisionCode, session.DivisionCode), session.Kind, session.Title,
            session.HeldOn, session.Place, session.Summary,
            attendees.Select(a => new SessionAttendee(a.RegistrationId, Mask.Name(a.MemberName) ?? "", a.EmployerName, a.Note)).OrderBy(a => a.MemberName).ToList());
    }

    /// <summary>Records who attended. Members already recorded are skipped; any registration that is not confirmed in the session's community refuses the lot.</summary>
    public async Task<Result<AttendanceResult>> RecordAttendanceAsync(Guid id, AttendanceRequest request, CancellationToken ct)
    {
        var session = await db.MemberSessions.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (session is null) return Error.NotFound("Session");
        var wanted = (request.RegistrationIds ?? []).Distinct().ToList();
        if (wanted.Count == 0) return Error.Validation("请选择参加的党员 / Choose who attended.");
        if (wanted.Count > 500) return Error.Validation("一次最多500人 / At most 500 members at once.");
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note?.Length > 1000) return Error.Validation("备注不超过1000字 / The note takes at most 1000 characters.");

        var registrations = await db.MemberRegistrations.Where(r => wanted.Contains(r.Id)).ToListAsync(ct);
        if (registrations.Count != wanted.Count
            || registrations.Any(r => r.Status != RegistrationStatus.Confirmed || r.DivisionCode != session.DivisionCode))
            return PartyErrors.Confirmed();
        var already = await db.MemberSessionAttendance.Where(a => a.SessionId == id && wanted.Contains(a.RegistrationId)).Select(a => a.RegistrationId).ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var registration in registrations.Where(r => !already.Contains(r.Id)))
        {
            db.MemberSessionAttendance.Add(new MemberSessionAttendance(session, registration, now) { Note = note });
            added++;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict("出勤已被他人同时登记，请刷新 / Someone recorded the same attendance at the same time; reload.");
        }
        PartyLog.Attended(logger, id, added);
        var dto = await GetAsync(id, ct);
        return new AttendanceResult(id, added, already.Count, dto.Value!);
    }
}

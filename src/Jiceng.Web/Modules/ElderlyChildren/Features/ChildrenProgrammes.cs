using Jiceng.Web.Data;
using Jiceng.Web.Modules.ElderlyChildren.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.ElderlyChildren.Features;

public sealed record ProgrammeDto(Guid Id, string DivisionCode, string Name, string Kind, string Place, string Term, DateOnly TermStart, DateOnly TermEnd,
    int Capacity, int Enrolled, int Version, bool Active, DateTime? DeactivatedUtc);
public sealed record UpdateProgrammeRequest(string? Name, string? Kind, string? Place, string? Term, DateOnly? TermStart, DateOnly? TermEnd, int? Capacity);
public sealed record CreateProgrammeRequest(string? DivisionCode, string? Name, string? Kind, string? Place, string? Term, DateOnly? TermStart, DateOnly? TermEnd, int? Capacity);
public sealed record SessionDto(Guid Id, Guid ProgrammeId, DateOnly Date, string Start, string End, string Topic, string Tutor, int Present, int Absent, int Leave);
public sealed record AddSessionRequest(DateOnly? Date, string? Start, string? End, string? Topic, string? Tutor);
public sealed record GuardianConsentRequest(string? Name, string? Relation, string? Phone, DateTimeOffset? GivenAt, string? Method);
public sealed record EnrolRequest(Guid? PersonId, string? ChildName, DateOnly? BirthDate, GuardianConsentRequest? Guardian);
/// <summary>An enrolment as shown: the child's name masked under 14, the guardian's name and phone masked.</summary>
public sealed record EnrolmentDto(Guid Id, Guid ProgrammeId, Guid? PersonId, string ChildName, int Age, string? GuardianName, string? GuardianRelation,
    string? GuardianPhone, DateTime? ConsentGivenUtc, string? ConsentMethod, string Status, DateTime EnrolledUtc);
public sealed record AttendanceMark(Guid EnrolmentId, string? Status);
public sealed record AttendanceRequest(List<AttendanceMark>? Marks);
public sealed record PublicProgramme(Guid Id, string Name, string Kind, string Place, string Term, int PlacesLeft, IReadOnlyList<string> NextSessions);
public sealed record ProgrammeFigureRow(Guid ProgrammeId, string Name, string Kind, int Enrolled, int Sessions, int Present, int Absent, int Leave);
public sealed record ChildrenFiguresDto(int Programmes, int Enrolled, int Sessions, int StudentVisits, IReadOnlyList<ProgrammeFigureRow> Rows);

/// <summary>Children's programmes (四点半课堂, 童心港湾): sessions, enrolment with guardian consent under 14, attendance.</summary>
public sealed partial class ChildrenProgrammes(AppDbContext db, ElderlyCommon common, CurrentUser user, AuditTrail audit, ILogger<ChildrenProgrammes> logger)
{
    public async Task<Result<List<ProgrammeDto>>> ListAsync(string? division, CancellationToken ct)
    {
        var range = await common.RangeAsync(division, ct);
        if (!range.IsSuccess) return range.Error!;
        var q = db.ChildrenProgrammes.AsNoTracking();
        if (range.Value is var (from, to)) q = q.Where(c => string.Compare(c.DivisionPath, from) >= 0 && string.Compare(c.DivisionPath, to) < 0);
        return (await q.OrderBy(p => p.DivisionCode).ThenBy(p => p.Name).ToListAsync(ct)).Select(ToDto).ToList();
    }

    public async Task<Result<ProgrammeDto>> GetAsync(Guid id, CancellationToken ct) =>
        await db.ChildrenProgrammes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } p ? ToDto(p) : Error.NotFound("Programme");

    private sealed record ProgrammeFields(string Name, ProgrammeKind Kind, string Place, string Term, DateOnly Start, DateOnly End, int Capacity);

    private static Result<ProgrammeFields> Parse(string? name, string? kindCode, string? place, string? term, DateOnly? termStart, DateOnly? termEnd, int? capacity)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100) return Error.Validation("名称必填，最多100字 / name is required (≤ 100).");
        ProgrammeKind? kind = kindCode?.Trim().ToLowerInvariant() switch
        {
            "afterschool" or "after-school" => ProgrammeKind.AfterSchool,
            "childrenharbour" or "children-harbour" => ProgrammeKind.ChildrenHarbour,
            "other" => ProgrammeKind.Other,
            _ => null,
        };
        if (kind is null) return Error.Validation("kind 只能是 afterSchool、childrenHarbour 或 other / kind must be afterSchool, childrenHarbour or other.");
        if (string.IsNullOrWhiteSpace(place) || place.Trim().Length > 200) return Error.Validation("地点必填，最多200字 / place is required (≤ 200).");
        if (string.IsNullOrWhiteSpace(term) || term.Trim().Length > 50) return Error.Validation("学期必填，最多50字 / term is required (≤ 50).");
        if (termStart is not { } start || termEnd is not { } end || end < start) return Error.Validation("学期起止日期无效 / termStart and termEnd are required, end ≥ start.");
        if (capacity is not (>= 1 and <= 1000)) return Error.Validation("名额须在 1–1000 / capacity must be 1–1000.");
        return new ProgrammeFields(name.Trim(), kind.Value, place.Trim(), term.Trim(), start, end, capacity.Value);
    }

    public async Task<Result<ProgrammeDto>> CreateAsync(CreateProgrammeRequest request, CancellationToken ct)
    {
        var community = await common.CommunityAsync(request.DivisionCode, ct);
        if (!community.IsSuccess) return community.Error!;
        var fields = Parse(request.Name, request.Kind, request.Place, request.Term, request.TermStart, request.TermEnd, request.Capacity);
        if (!fields.IsSuccess) return fields.Error!;
        var f = fields.Value!;
        var programme = new ChildrenProgramme(community.Value.Code, community.Value.Path, f.Name, f.Kind, f.Place, f.Term, f.Start, f.End, f.Capacity, common.UtcNow);
        db.ChildrenProgrammes.Add(programme);
        await db.SaveChangesAsync(ct);
        return ToDto(programme);
    }

    /// <summary>
    /// Edits a programme. The enrolled count moves only by conditional updates (enrolments), so the edit is one too:
    /// it wins only if the version is still the one read and the new capacity still holds every enrolled child.
    /// </summary>
    /// <param name="expectedVersion">From If-Match: the version the caller read; another → 409 conflict.</param>
    public async Task<Result<ProgrammeDto>> UpdateAsync(Guid id, UpdateProgrammeRequest request, int? expectedVersion, CancellationToken ct)
    {
        var current = await db.ChildrenProgrammes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (current is null) return Error.NotFound("Programme");
        var fields = Parse(request.Name, request.Kind, request.Place, request.Term, request.TermStart, request.TermEnd, request.Capacity);
        if (!fields.IsSuccess) return fields.Error!;
        var f = fields.Value!;
        var version = expectedVersion ?? current.Version;
        if (version != current.Version) return ElderlyErrors.VersionMismatch();
        if (f.Capacity < current.EnrolledCount) return ElderlyErrors.CapacityTooLow(current.EnrolledCount);
        var changed = await db.ChildrenProgrammes.Where(p => p.Id == id && p.Version == version && p.EnrolledCount <= f.Capacity)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Name, f.Name).SetProperty(p => p.Kind, f.Kind).SetProperty(p => p.Place, f.Place)
                .SetProperty(p => p.Term, f.Term).SetProperty(p => p.TermStart, f.Start).SetProperty(p => p.TermEnd, f.End)
                .SetProperty(p => p.Capacity, f.Capacity).SetProperty(p => p.Version, p => p.Version + 1), ct);
        var after = await db.ChildrenProgrammes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (after is null) return Error.NotFound("Programme");
        if (changed != 1)
            return after.Version != version ? ElderlyErrors.VersionMismatch() : ElderlyErrors.CapacityTooLow(after.EnrolledCount);
        await audit.RecordAsync("elderly.programme.update", AuditResult.Success, nameof(ChildrenProgramme), id.ToString(),
            $"version {version} → {after.Version}", cancellationToken: ct);
        return ToDto(after);
    }

    /// <summary>Discontinues a programme (or resumes it): enrolments, sessions and attendance stay; no new enrolments or sessions meanwhile.</summary>
    public async Task<Result<ProgrammeDto>> SetActiveAsync(Guid id, bool active, int? expectedVersion, CancellationToken ct)
    {
        var programme = await db.ChildrenProgrammes.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (programme is null) return Error.NotFound("Programme");
        if (expectedVersion is { } expected && expected != programme.Version) return ElderlyErrors.VersionMismatch();
        if (programme.IsActive == active) return ToDto(programme);
        if (active) programme.Reactivate(); else programme.Deactivate(common.UtcNow);
        programme.Version++;
        return await common.SaveEditAsync(() => ToDto(programme), ct);
    }

    /// <summary>The portal's read of a community's programmes: public fields only, and the next sessions.</summary>
    public async Task<List<PublicProgramme>> PublicAsync(string divisionCode, CancellationToken ct)
    {
        var today = common.Today;
        var programmes = await db.ChildrenProgrammes.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(p => p.DivisionCode == divisionCode && p.TermEnd >= today && p.DeactivatedUtc == null).OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, p.Kind, p.Place, p.Term, p.Capacity, p.EnrolledCount }).ToListAsync(ct);
        var ids = programmes.Select(p => p.Id).ToList();
        var sessions = await db.ProgrammeSessions.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(s => ids.Contains(s.ProgrammeId) && s.Date >= today).OrderBy(s => s.Date).ThenBy(s => s.Start)
            .Select(s => new { s.ProgrammeId, s.Date, s.Start, s.End, s.Topic }).ToListAsync(ct);
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        return programmes.Select(p => new PublicProgramme(p.Id, p.Name, KindCode(p.Kind), p.Place, p.Term, Math.Max(0, p.Capacity - p.EnrolledCount),
            sessions.Where(s => s.ProgrammeId == p.Id).Take(3)
                .Select(s => $"{s.Date.ToString("MM-dd", ci)} {s.Start.ToString("HH:mm", ci)}–{s.End.ToString("HH:mm", ci)} {s.Topic}").ToList())).ToList();
    }

    /// <summary>The signed-in guardian's own enrolments (the rows their account owns).</summary>
    public async Task<List<(string Programme, EnrolmentDto Enrolment)>> MineAsync(CancellationToken ct)
    {
        if (user.UserId is not { } me) return [];
        var rows = await db.ProgrammeEnrolments.AsNoTracking().Where(e => e.UserId == me).OrderByDescending(e => e.EnrolledUtc).Take(50).ToListAsync(ct);
        var ids = rows.Select(r => r.ProgrammeId).Distinct().ToList();
        var names = await db.ChildrenProgrammes.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return rows.Select(r => (names.GetValueOrDefault(r.ProgrammeId) ?? "", ToDto(r))).ToList();
    }

    public async Task<Result<List<SessionDto>>> SessionsAsync(Guid programmeId, CancellationToken ct)
    {
        if (!await db.ChildrenProgrammes.AnyAsync(p => p.Id == programmeId, ct)) return Error.NotFound("Programme");
        var sessions = await db.ProgrammeSessions.AsNoTracking().Where(s => s.ProgrammeId == programmeId).OrderBy(s => s.Date).ThenBy(s => s.Start).ToListAsync(ct);
        var marks = await db.SessionAttendance.AsNoTracking().Where(a => a.ProgrammeId == programmeId).Select(a => new { a.SessionId, a.Status }).ToListAsync(ct);
        var bySession = marks.ToLookup(m => m.SessionId, m => m.Status);
        return sessions.Select(s => ToDto(s, bySession[s.Id].ToList())).ToList();
    }

    public async Task<Result<SessionDto>> AddSessionAsync(Guid programmeId, AddSessionRequest request, CancellationToken ct)
    {
        var programme = await db.ChildrenProgrammes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programmeId, ct);
        if (programme is null) return Error.NotFound("Programme");
        if (!programme.IsActive) return ElderlyErrors.ProgrammeInactive();
        if (request.Date is not { } date) return Error.Validation("须指定日期 / date is required.");
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        if (!TimeOnly.TryParse(request.Start ?? "16:30", ci, out var start) || !TimeOnly.TryParse(request.End ?? "18:00", ci, out var end) || end <= start)
            return Error.Validation("时间格式为 HH:mm，结束须晚于开始 / start and end are HH:mm, end after start.");
        if (string.IsNullOrWhiteSpace(request.Topic) || request.Topic.Trim().Length > 100) return Error.Validation("主题必填，最多100字 / topic is required (≤ 100).");
        if (string.IsNullOrWhiteSpace(request.Tutor) || request.Tutor.Trim().Length > 50) return Error.Validation("辅导老师必填，最多50字 / tutor is required (≤ 50).");
        var session = new ProgrammeSession(programme, date, start, end, request.Topic.Trim(), request.Tutor.Trim());
        db.ProgrammeSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return ToDto(session, []);
    }

    /// <summary>
    /// Enrols a child. Under 14 (at enrolment) the guardian's consent is required: name, relation, when and how
    /// (paper, recorded by staff; online, by the guardian's own account). The seat is taken by a conditional update
    /// of the programme's count, so the capacity holds under concurrent enrolments.
    /// </summary>
    public Task<Result<EnrolmentDto>> EnrolAsync(Guid programmeId, EnrolRequest request, CancellationToken ct) => EnrolCoreAsync(programmeId, request, false, ct);

    /// <summary>
    /// A guardian enrols their child on the portal page: the consent is given online by their own account, which owns
    /// the enrolment. The programme is a community's public offer, so it is found past the data scope (a resident has
    /// none); nothing but its id and capacity is used.
    /// </summary>
    public async Task<Result<EnrolmentDto>> EnrolOnlineAsync(Guid programmeId, string? childName, DateOnly? birthDate, string? guardianName, string? relation,
        string? phone, bool consent, CancellationToken ct)
    {
        if (user.UserId is null) return Error.Forbidden("请先登录 / Sign in first.");
        if (ElderlyRoles.IsStaff(user)) return Error.Validation("工作人员请在工作台登记 / Staff enrol children in the console.");
        // Online, the guardian's consent is the enrolment itself (and what makes the row theirs), whatever the child's age.
        if (!consent || string.IsNullOrWhiteSpace(guardianName) || string.IsNullOrWhiteSpace(relation)) return ElderlyErrors.ConsentRequired();
        var guardian = new GuardianConsentRequest(guardianName, relation, phone, common.UtcNow, "online");
        return await EnrolCoreAsync(programmeId, new EnrolRequest(null, childName, birthDate, guardian), true, ct);
    }

    private IQueryable<ChildrenProgramme> Programmes(bool pastScope) =>
        pastScope ? db.ChildrenProgrammes.IgnoreQueryFilters([AppDbContext.ScopeFilter]) : db.ChildrenProgrammes;

    private async Task<Result<EnrolmentDto>> EnrolCoreAsync(Guid programmeId, EnrolRequest request, bool online, CancellationToken ct)
    {
        var programme = await Programmes(online).AsNoTracking().SingleOrDefaultAsync(p => p.Id == programmeId, ct);
        if (programme is null) return Error.NotFound("Programme");
        if (!programme.IsActive) return ElderlyErrors.ProgrammeInactive();
        var today = common.Today;
        string fullName;
        DateOnly birth;
        Guid? personId = null;
        if (request.PersonId is { } pid && !online)
        {
            var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pid && p.ErasedUtc == null, ct);
            if (person is null) return Error.NotFound("Person");
            if (person.DivisionCode != programme.DivisionCode) return Error.Validation("儿童须为本社区居民 / The child must live in the programme's community.");
            if (person.BirthDate is null || !DateOnly.TryParse(person.BirthDate, System.Globalization.CultureInfo.InvariantCulture, out birth))
                return Error.Validation("该居民没有出生日期 / The person's birth date is not known.");
            fullName = person.FullName;
            personId = person.Id;
        }
        else
        {
            if (string.IsNullOrWhiteSpace(request.ChildName) || request.ChildName.Trim().Length > 50) return Error.Validation("须指定居民或填写儿童姓名 / personId or childName is required.");
            if (request.BirthDate is not { } b || b > today || b < today.AddYears(-18)) return Error.Validation("出生日期须在18年内 / birthDate must be within the last 18 years.");
            fullName = request.ChildName.Trim();
            birth = b;
        }
        var age = AgeOn(birth, today);
        if (age >= 18) return Error.Validation("仅限未成年人 / For children under 18 only.");
        var enrolment = new ProgrammeEnrolment(programme, personId, common.UtcNow) { RecordedByUserId = user.UserId };
        enrolment.SetChild(fullName, birth, age);
        var g = request.Guardian;
        var hasConsent = g is not null && !string.IsNullOrWhiteSpace(g.Name) && !string.IsNullOrWhiteSpace(g.Relation) && g.GivenAt is not null
            && g.Method?.Trim().ToLowerInvariant() is "paper" or "online";
        if (age < Person.ChildAge && !hasConsent) return ElderlyErrors.ConsentRequired();
        if (g is not null && hasConsent)
        {
            if (g.Name!.Trim().Length > 50 || g.Relation!.Trim().Length > 20) return Error.Validation("监护人姓名最多50字、关系最多20字 / guardian name ≤ 50, relation ≤ 20.");
            var phone = string.IsNullOrWhiteSpace(g.Phone) ? null : g.Phone.Trim();
            if (phone is not null && (phone.Length is < 7 or > 20 || !phone.All(c => char.IsAsciiDigit(c) || c == '-'))) return Error.Validation("电话格式无效 / The phone is not valid.");
            var given = g.GivenAt!.Value.UtcDateTime;
            if (given > common.UtcNow.AddMinutes(5)) return Error.Validation("同意时间不能晚于现在 / givenAt cannot be in the future.");
            var method = g.Method!.Trim().ToLowerInvariant() == "online" ? ConsentMethod.Online : ConsentMethod.Paper;
            // Online consent is the guardian's own act: only an account that is not staff gives it, and owns the row.
            if (method == ConsentMethod.Online && ElderlyRoles.IsStaff(user)) return Error.Validation("工作人员只能登记纸质同意书 / Staff record paper consent; online consent comes from the guardian's account.");
            enrolment.SetConsent(g.Name.Trim(), g.Relation.Trim(), phone, given, method, method == ConsentMethod.Online ? user.UserId : null);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var taken = await Programmes(online).Where(p => p.Id == programmeId && p.EnrolledCount < p.Capacity && p.DeactivatedUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.EnrolledCount, p => p.EnrolledCount + 1), ct);
        if (taken != 1) return ElderlyErrors.Full();
        db.ProgrammeEnrolments.Add(enrolment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict("该儿童已报名 / The child is already enrolled.");
        }
        await tx.CommitAsync(ct);
        await audit.RecordAsync("elderly.enrolment.count", AuditResult.Success, nameof(ChildrenProgramme), programmeId.ToString(), "enrolled count +1", cancellationToken: ct);
        Enrolled(logger, enrolment.Id, programmeId);
        return ToDto(enrolment);
    }

    public async Task<Result<List<EnrolmentDto>>> EnrolmentsAsync(Guid programmeId, CancellationToken ct)
    {
        if (!await db.ChildrenProgrammes.AnyAsync(p => p.Id == programmeId, ct)) return Error.NotFound("Programme");
        return (await db.ProgrammeEnrolments.AsNoTracking().Where(e => e.ProgrammeId == programmeId).OrderBy(e => e.EnrolledUtc).ToListAsync(ct))
            .Select(ToDto).ToList();
    }

    public async Task<Result<EnrolmentDto>> WithdrawAsync(Guid enrolmentId, CancellationToken ct)
    {
        var enrolment = await db.ProgrammeEnrolments.SingleOrDefaultAsync(e => e.Id == enrolmentId, ct);
        if (enrolment is null) return Error.NotFound("Enrolment");
        if (enrolment.Status == EnrolmentStatus.Withdrawn) return ToDto(enrolment);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        enrolment.Withdraw(common.UtcNow);
        await db.SaveChangesAsync(ct);
        await db.ChildrenProgrammes.Where(p => p.Id == enrolment.ProgrammeId && p.EnrolledCount > 0)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.EnrolledCount, p => p.EnrolledCount - 1), ct);
        await tx.CommitAsync(ct);
        // The count changed by ExecuteUpdate is not captured: record it (after the commit; the audit writes in its own transaction).
        await audit.RecordAsync("elderly.enrolment.count", AuditResult.Success, nameof(ChildrenProgramme), enrolment.ProgrammeId.ToString(), "enrolled count -1", cancellationToken: ct);
        return ToDto(enrolment);
    }

    /// <summary>Marks attendance of a session (present, absent, leave) for enrolled children; a second mark replaces the first.</summary>
    public async Task<Result<SessionDto>> MarkAsync(Guid sessionId, AttendanceRequest request, CancellationToken ct)
    {
        var session = await db.ProgrammeSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null) return Error.NotFound("Session");
        var marks = request.Marks ?? [];
        if (marks.Count is 0 or > 500) return Error.Validation("须有 1–500 条考勤 / marks: 1–500 entries.");
        var enrolled = await db.ProgrammeEnrolments.AsNoTracking().Where(e => e.ProgrammeId == session.ProgrammeId).Select(e => e.Id).ToListAsync(ct);
        var parsed = new List<(Guid, AttendanceStatus)>();
        foreach (var mark in marks)
        {
            if (!enrolled.Contains(mark.EnrolmentId)) return Error.Validation("考勤的儿童未报名此项目 / An enrolment is not of this programme.");
            if (!Enum.TryParse<AttendanceStatus>(mark.Status, true, out var status) || !Enum.IsDefined(status))
                return Error.Validation("status 只能是 present、absent 或 leave / status must be present, absent or leave.");
            parsed.Add((mark.EnrolmentId, status));
        }
        var existing = await db.SessionAttendance.Where(a => a.SessionId == sessionId).ToDictionaryAsync(a => a.EnrolmentId, ct);
        var sessionEntity = await db.ProgrammeSessions.SingleAsync(s => s.Id == sessionId, ct);
        foreach (var (enrolmentId, status) in parsed)
        {
            if (existing.TryGetValue(enrolmentId, out var row)) { row.Status = status; row.RecordedUtc = common.UtcNow; }
            else
            {
                var added = new SessionAttendance(sessionEntity, enrolmentId, status, common.UtcNow);
                db.SessionAttendance.Add(added);
                existing[enrolmentId] = added;
            }
        }
        await db.SaveChangesAsync(ct);
        return ToDto(session, existing.Values.Select(v => v.Status).ToList());
    }

    /// <summary>Programmes, enrolled children, sessions and student visits (人次: present marks).</summary>
    public async Task<Result<ChildrenFiguresDto>> FiguresAsync(string? division, CancellationToken ct)
    {
        var list = await ListAsync(division, ct);
        if (!list.IsSuccess) return list.Error!;
        var ids = list.Value!.Select(p => p.Id).ToList();
        var sessions = await db.ProgrammeSessions.AsNoTracking().Where(s => ids.Contains(s.ProgrammeId)).Select(s => s.ProgrammeId).ToListAsync(ct);
        var marks = await db.SessionAttendance.AsNoTracking().Where(a => ids.Contains(a.ProgrammeId)).Select(a => new { a.ProgrammeId, a.Status }).ToListAsync(ct);
        var rows = list.Value!.Select(p => new ProgrammeFigureRow(p.Id, p.Name, p.Kind, p.Enrolled, sessions.Count(s => s == p.Id),
            marks.Count(m => m.ProgrammeId == p.Id && m.Status == AttendanceStatus.Present), marks.Count(m => m.ProgrammeId == p.Id && m.Status == AttendanceStatus.Absent),
            marks.Count(m => m.ProgrammeId == p.Id && m.Status == AttendanceStatus.Leave))).ToList();
        return new ChildrenFiguresDto(rows.Count, rows.Sum(r => r.Enrolled), sessions.Count, rows.Sum(r => r.Present), rows);
    }

    public static int AgeOn(DateOnly birth, DateOnly today)
    {
        var age = today.Year - birth.Year;
        return birth > today.AddYears(-age) ? age - 1 : age;
    }

    public static ProgrammeDto ToDto(ChildrenProgramme p) =>
        new(p.Id, p.DivisionCode, p.Name, KindCode(p.Kind), p.Place, p.Term, p.TermStart, p.TermEnd, p.Capacity, p.EnrolledCount, p.Version, p.IsActive, p.DeactivatedUtc);

    public static string KindCode(ProgrammeKind kind) => kind switch
    {
        ProgrammeKind.AfterSchool => "afterSchool",
        ProgrammeKind.ChildrenHarbour => "childrenHarbour",
        _ => "other",
    };

    public static SessionDto ToDto(ProgrammeSession s, IReadOnlyCollection<AttendanceStatus> marks)
    {
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        return new(s.Id, s.ProgrammeId, s.Date, s.Start.ToString("HH:mm", ci), s.End.ToString("HH:mm", ci), s.Topic, s.Tutor,
            marks.Count(m => m == AttendanceStatus.Present), marks.Count(m => m == AttendanceStatus.Absent), marks.Count(m => m == AttendanceStatus.Leave));
    }

    public static EnrolmentDto ToDto(ProgrammeEnrolment e) =>
        new(e.Id, e.ProgrammeId, e.PersonId, e.ChildName, e.AgeAtEnrolment, Mask.Name(e.GuardianName), e.GuardianRelation, Mask.Phone(e.GuardianPhone),
            e.ConsentGivenUtc, e.ConsentMethod?.ToString().ToLowerInvariant(), e.Status == EnrolmentStatus.Active ? "active" : "withdrawn", e.EnrolledUtc);

    [LoggerMessage(EventId = 5721, Level = LogLevel.Information, Message = "Enrolment {EnrolmentId} in programme {ProgrammeId}")]
    private static partial void Enrolled(ILogger logger, Guid enrolmentId, Guid programmeId);
}

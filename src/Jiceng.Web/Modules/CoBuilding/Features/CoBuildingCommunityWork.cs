using Jiceng.Web.Platform.Time;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.CoBuilding.Domain;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;
using static Jiceng.Web.Modules.CoBuilding.Features.CoBuildingLookups;

namespace Jiceng.Web.Modules.CoBuilding.Features;

public sealed record ChairMonthDto(int Month, Guid? UnitId, string? UnitName, string? Theme, bool ReminderSent);
public sealed record ChairScheduleDto(string DivisionCode, string CommunityName, int Year, List<ChairMonthDto> Months);
public sealed record ChairMonthRequest(int Month, Guid? UnitId, string? Theme);
public sealed record SetChairScheduleRequest(string? DivisionCode, int? Year, List<ChairMonthRequest>? Months);

public sealed record AttendeeDto(string Name, Guid? UnitId, string? UnitName, Guid? CommitteeMemberId);
public sealed record MeetingDto(Guid Id, string DivisionCode, string CommunityName, MeetingKind Kind, DateOnly HeldOn, string Title, string? Place,
    string? Convener, Guid? ChairUnitId, string? ChairUnitName, string? Minutes, string? Decisions, List<AttendeeDto> Attendees);
public sealed record AttendeeRequest(string? Name, Guid? UnitId, Guid? CommitteeMemberId);
public sealed record RecordMeetingRequest(string? DivisionCode, MeetingKind? Kind, DateOnly? HeldOn, string? Title, string? Place, string? Convener,
    Guid? ChairUnitId, string? Minutes, string? Decisions, List<AttendeeRequest>? Attendees);
public sealed record QuarterDto(int Quarter, int Meetings, bool Missing, bool Upcoming);
public sealed record QuarterCheckDto(string DivisionCode, string CommunityName, int Year, List<QuarterDto> Quarters, int MissingQuarters);

public sealed record CommitteeMemberDto(Guid Id, string DivisionCode, string CommunityName, Guid UnitId, string UnitName, string Name, string? Post,
    string? Education, string? Duty, CommitteeMemberStatus Status, DateTime RecommendedUtc, DateOnly? AppointedOn, DateOnly? EndedOn, int MeetingsAttended);
public sealed record RecommendMemberRequest(string? DivisionCode, string? Name, string? Post, string? Education, string? Duty);
public sealed record MemberDateRequest(DateOnly? On);
public sealed record ParticipationDto(Guid MemberId, string Name, int MeetingsAttended, List<MeetingRef> Meetings);
public sealed record MeetingRef(Guid Id, DateOnly HeldOn, string Title, MeetingKind Kind);

/// <summary>The community side of co-building: the rotating chair schedule (轮值主席), joint meetings (联席会议) and part-time committee members (兼职委员).</summary>
public sealed class CoBuildingCommunityWork(AppDbContext db, CoBuildingCaller caller, TimeProvider time)
{
    public const string ChairNotPairedCode = "chair_not_paired";

    private DateTime Now => time.GetUtcNow().UtcDateTime;
    private DateOnly Today => WorkingCalendar.LocalDate(Now);

    // ---- 轮值主席 ----

    public async Task<Result<ChairScheduleDto>> ChairScheduleAsync(string? division, int? year, CancellationToken ct)
    {
        var community = await VisibleCommunityAsync(db, caller, division, ct);
        if (community is null) return CoBuildingErrors.NotFound("社区", "Community");
        var y = year ?? Today.Year;
        var months = await db.RotatingChairMonths.AsNoTracking().Where(m => m.DivisionCode == community.Code && m.Year == y).ToListAsync(ct);
        var names = await UnitNamesAsync(db, months.Select(m => m.UnitId), ct);
        return new ChairScheduleDto(community.Code, community.Name, y, Enumerable.Range(1, 12).Select(month =>
        {
            var row = months.FirstOrDefault(m => m.Month == month);
            return new ChairMonthDto(month, row?.UnitId, row?.UnitId is { } u ? names.GetValueOrDefault(u) : null, row?.Theme, row?.ReminderSentUtc is not null);
        }).ToList());
    }

    /// <summary>Sets the months given (a month without a unit is cleared); each chair must be a unit actively paired with the community.</summary>
    public async Task<Result<ChairScheduleDto>> SetChairScheduleAsync(SetChairScheduleRequest request, CancellationToken ct)
    {
        if (!caller.IsManager) return CoBuildingErrors.Forbidden("只有社区工作人员可以安排轮值主席", "Only community staff set the chair schedule.");
        if (request.Year is not (>= 2000 and <= 2100)) return CoBuildingErrors.Invalid("年度无效", "The year is out of range.");
        var wanted = request.Months ?? [];
        if (wanted.Count == 0 || wanted.Any(m => m.Month is < 1 or > 12) || wanted.Select(m => m.Month).Distinct().Count() != wanted.Count)
        {
            return CoBuildingErrors.Invalid("请按月份（1–12，不重复）填写", "Give months 1–12, each once.");
        }
        if (wanted.Select(m => CheckText(m.Theme, 200, "活动主题", "Theme")).FirstOrDefault(e => e is not null) is { } themeError) return themeError;
        var community = await VisibleCommunityAsync(db, caller, request.DivisionCode, ct);
        if (community is null) return CoBuildingErrors.NotFound("社区", "Community");
        var chairs = wanted.Where(m => m.UnitId is not null).Select(m => m.UnitId!.Value).Distinct().ToList();
        var paired = await db.CoBuildingPairings.Where(p => p.DivisionCode == community.Code && p.Status == PairingStatus.Active && chairs.Contains(p.UnitId!.Value))
            .Select(p => p.UnitId!.Value).ToListAsync(ct);
        if (chairs.Except(paired).Any())
        {
            return new Error(ChairNotPairedCode, StatusCodes.Status400BadRequest, "轮值主席须为与本社区结对生效的共建单位 / A chair must be a unit actively paired with the community.");
        }
        var year = request.Year.Value;
        var existing = await db.RotatingChairMonths.Where(m => m.DivisionCode == community.Code && m.Year == year).ToListAsync(ct);
        foreach (var month in wanted)
        {
            var row = existing.FirstOrDefault(m => m.Month == month.Month);
            if (month.UnitId is not { } unit)
            {
                if (row is not null) db.RotatingChairMonths.Remove(row);
                continue;
            }
            if (row is null)
            {
                db.RotatingChairMonths.Add(new RotatingChairMonth(community.Code, community.Path, year, month.Month, unit) { Theme = Clean(month.Theme) });
                continue;
            }
            // Another chair must hear of the month too: a changed chair is reminded anew.
            if (row.UnitId != unit) row.ReminderSentUtc = null;
            row.UnitId = unit;
            row.Theme = Clean(month.Theme);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return CoBuildingErrors.Conflict("轮值安排已被他人修改，请刷新后重试", "The schedule was changed meanwhile; reload and try again.");
        }
        return await ChairScheduleAsync(community.Code, year, ct);
    }

    // ---- Joint meetings ----

    public async Task<Result<List<MeetingDto>>> MeetingsAsync(string? division, int? year, CancellationToken ct)
    {
        var query = db.JointMeetings.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(division)) query = query.Where(m => m.DivisionCode == division);
        if (year is { } y)
        {
            var from = new DateOnly(Math.Clamp(y, 2000, 2100), 1, 1);
            var to = from.AddYears(1);
            query = query.Where(m => m.HeldOn >= from && m.HeldOn < to);
        }
        var meetings = await query.OrderByDescending(m => m.HeldOn).Take(500).ToListAsync(ct);
        return await MeetingDtosAsync(meetings, withAttendees: false, ct);
    }

    public async Task<Result<MeetingDto>> MeetingAsync(Guid id, CancellationToken ct)
    {
        var meeting = await db.JointMeetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null) return CoBuildingErrors.NotFound("会议", "Meeting");
        return (await MeetingDtosAsync([meeting], withAttendees: true, ct))[0];
    }

    public async Task<Result<MeetingDto>> RecordMeetingAsync(RecordMeetingRequest r, CancellationToken ct)
    {
        if (!caller.IsManager) return CoBuildingErrors.Forbidden("只有社区工作人员可以记录联席会议", "Only community staff record meetings.");
        var attendees = r.Attendees ?? [];
        if (FirstError(CheckText(r.Title, 200, "会议名称", "Title", required: true), CheckText(r.Place, 200, "地点", "Place"), CheckText(r.Convener, 100, "召集人", "Convener"),
                CheckText(r.Minutes, 8000, "会议纪要", "Minutes"), CheckText(r.Decisions, 4000, "议定事项", "Decisions")) is { } error) return error;
        if (r.HeldOn is not { } heldOn) return CoBuildingErrors.Invalid("请填写会议日期", "The date is required.");
        if (heldOn > Today.AddDays(1)) return CoBuildingErrors.Invalid("会议日期不能晚于今天", "A meeting is recorded after it is held.");
        if (r.Kind is { } kind && !Enum.IsDefined(kind)) return CoBuildingErrors.Invalid("会议类型无效", "Unknown kind.");
        if (attendees.Count > 200) return CoBuildingErrors.Invalid("参会人员过多", "Too many attendees.");
        var community = await VisibleCommunityAsync(db, caller, r.DivisionCode, ct);
        if (community is null) return CoBuildingErrors.NotFound("社区", "Community");

        var units = attendees.Where(a => a.UnitId is not null).Select(a => a.UnitId!.Value).Append(r.ChairUnitId ?? Guid.Empty).Where(u => u != Guid.Empty).Distinct().ToList();
        var pairedUnits = await db.CoBuildingPairings.Where(p => p.DivisionCode == community.Code && units.Contains(p.UnitId!.Value)
            && (p.Status == PairingStatus.Active || p.Status == PairingStatus.Ended)).Select(p => p.UnitId!.Value).Distinct().ToListAsync(ct);
        if (units.Except(pairedUnits).Any()) return CoBuildingErrors.Invalid("参会单位须为本社区的结对单位", "Attending units must be paired with the community.");
        var memberIds = attendees.Where(a => a.CommitteeMemberId is not null).Select(a => a.CommitteeMemberId!.Value).Distinct().ToList();
        var members = await db.PartTimeCommitteeMembers.Where(m => memberIds.Contains(m.Id) && m.DivisionCode == community.Code).ToDictionaryAsync(m => m.Id, ct);
        if (memberIds.Count != members.Count) return CoBuildingErrors.Invalid("兼职委员须为本社区的兼职委员", "Committee members must be the community's.");

        var meeting = new JointMeeting(community.Code, community.Path, r.Kind ?? MeetingKind.JointMeeting, heldOn, r.Title!.Trim(), Now)
        {
            Place = Clean(r.Place), Convener = Clean(r.Convener), ChairUnitId = r.ChairUnitId, Minutes = Clean(r.Minutes), Decisions = Clean(r.Decisions),
        };
        db.JointMeetings.Add(meeting);
        foreach (var a in attendees)
        {
            var name = Clean(a.Name) ?? (a.CommitteeMemberId is { } m ? members[m].Name : null);
            if (name is null || name.Length > 100) return CoBuildingErrors.Invalid("请填写参会人员姓名（100 字以内）", "Each attendee needs a name (at most 100 characters).");
            db.JointMeetingAttendees.Add(new JointMeetingAttendee(meeting.Id, community.Path, name)
            {
                UnitId = a.UnitId ?? (a.CommitteeMemberId is { } cm ? members[cm].UnitId : null), CommitteeMemberId = a.CommitteeMemberId,
            });
        }
        await db.SaveChangesAsync(ct);
        return (await MeetingDtosAsync([meeting], withAttendees: true, ct))[0];
    }

    /// <summary>联席会议 at least once a quarter: for each community the caller keeps (or is paired with), the year's quarters and whether one was held.</summary>
    public async Task<Result<List<QuarterCheckDto>>> QuarterCheckAsync(string? division, int? year, CancellationToken ct)
    {
        var y = year ?? Today.Year;
        if (y is < 2000 or > 2100) return CoBuildingErrors.Invalid("年度无效", "The year is out of range.");
        List<Community> communities;
        if (caller.IsStaff)
        {
            var query = db.Divisions.Where(d => d.Kind == DivisionKind.Community);
            if (!string.IsNullOrWhiteSpace(division)) query = query.Where(d => d.Code == division || d.ParentCode == division);
            communities = await query.OrderBy(d => d.Code).Select(d => new Community(d.Code, d.Name, d.Path)).ToListAsync(ct);
        }
        else
        {
            var codes = await db.CoBuildingPairings.Where(p => p.Status == PairingStatus.Active).Select(p => p.DivisionCode).Distinct().ToListAsync(ct);
            if (!string.IsNullOrWhiteSpace(division)) codes = codes.Where(c => c == division).ToList();
            var names = await DivisionNamesAsync(db, codes, ct);
            communities = codes.Order(StringComparer.Ordinal).Select(c => new Community(c, names.GetValueOrDefault(c, c), "")).ToList();
        }
        if (!string.IsNullOrWhiteSpace(division) && communities.Count == 0) return CoBuildingErrors.NotFound("社区", "Community");
        var from = new DateOnly(y, 1, 1);
        var to = from.AddYears(1);
        var codeList = communities.Select(c => c.Code).ToList();
        var held = await db.JointMeetings.AsNoTracking().Where(m => codeList.Contains(m.DivisionCode) && m.HeldOn >= from && m.HeldOn < to && m.Kind == MeetingKind.JointMeeting)
            .Select(m => new { m.DivisionCode, m.HeldOn }).ToListAsync(ct);
        var today = Today;
        return communities.Select(c =>
        {
            var quarters = Enumerable.Range(1, 4).Select(q =>
            {
                var count = held.Count(m => m.DivisionCode == c.Code && (m.HeldOn.Month - 1) / 3 + 1 == q);
                var quarterEnd = new DateOnly(y, q * 3, 1).AddMonths(1).AddDays(-1);
                var quarterStart = new DateOnly(y, q * 3 - 2, 1);
                var upcoming = quarterStart > today;
                // Missing once the quarter is over without a meeting; the current quarter still has time.
                return new QuarterDto(q, count, count == 0 && quarterEnd < today, upcoming);
            }).ToList();
            return new QuarterCheckDto(c.Code, c.Name, y, quarters, quarters.Count(q => q.Missing));
        }).ToList();
    }

    private async Task<List<MeetingDto>> MeetingDtosAsync(List<JointMeeting> meetings, bool withAttendees, CancellationToken ct)
    {
        if (meetings.Count == 0) return [];
        var ids = meetings.Select(m => m.Id).ToList();
        // Attendees have no filter of their own: they are read only for meetings the caller already sees.
        var attendees = withAttendees ? await db.JointMeetingAttendees.AsNoTracking().Where(a => ids.Contains(a.MeetingId)).ToListAsync(ct) : [];
        var units = await UnitNamesAsync(db, meetings.Select(m => m.ChairUnitId).Concat(attendees.Select(a => a.UnitId)), ct);
        var communities = await DivisionNamesAsync(db, meetings.Select(m => m.DivisionCode), ct);
        return meetings.Select(m => new MeetingDto(m.Id, m.DivisionCode, communities.GetValueOrDefault(m.DivisionCode, m.DivisionCode), m.Kind, m.HeldOn, m.Title,
            m.Place, m.Convener, m.ChairUnitId, m.ChairUnitId is { } c ? units.GetValueOrDefault(c) : null, m.Minutes, m.Decisions,
            attendees.Where(a => a.MeetingId == m.Id).Select(a => new AttendeeDto(Mask.Name(a.Name)!, a.UnitId, a.UnitId is { } u ? units.GetValueOrDefault(u) : null,
                a.CommitteeMemberId)).ToList())).ToList();
    }

    // ---- 兼职委员 ----

    public async Task<Result<List<CommitteeMemberDto>>> MembersAsync(string? division, CommitteeMemberStatus? status, CancellationToken ct)
    {
        var query = db.PartTimeCommitteeMembers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(division)) query = query.Where(m => m.DivisionCode == division);
        if (status is { } s) query = query.Where(m => m.Status == s);
        var members = await query.OrderBy(m => m.DivisionCode).ThenBy(m => m.RecommendedUtc).ToListAsync(ct);
        return await MemberDtosAsync(members, ct);
    }

    /// <summary>A unit recommends one of its people for a community it is actively paired with.</summary>
    public async Task<Result<CommitteeMemberDto>> RecommendAsync(RecommendMemberRequest r, CancellationToken ct)
    {
        if (caller.UnitId is not { } unit) return CoBuildingErrors.Forbidden("兼职委员由共建单位推荐", "Part-time committee members are recommended by units.");
        if (FirstError(CheckText(r.Name, 50, "姓名", "Name", required: true), CheckText(r.Post, 100, "职务", "Post"), CheckText(r.Education, 50, "学历", "Education"),
                CheckText(r.Duty, 200, "分工", "Duty")) is { } error) return error;
        var community = await VisibleCommunityAsync(db, caller, r.DivisionCode, ct);
        if (community is null) return CoBuildingErrors.NotFound("结对社区", "Paired community");
        var member = new PartTimeCommitteeMember(community.Code, community.Path, unit, r.Name!.Trim(), Now)
        {
            Post = Clean(r.Post), Education = Clean(r.Education), Duty = Clean(r.Duty),
        };
        db.PartTimeCommitteeMembers.Add(member);
        await db.SaveChangesAsync(ct);
        return (await MemberDtosAsync([member], ct))[0];
    }

    public Task<Result<CommitteeMemberDto>> AppointAsync(Guid id, MemberDateRequest r, CancellationToken ct) =>
        DecideMemberAsync(id, CommitteeMemberStatus.Recommended, m => { m.Status = CommitteeMemberStatus.Appointed; m.AppointedOn = r.On ?? Today; }, ct);

    public Task<Result<CommitteeMemberDto>> EndMemberAsync(Guid id, MemberDateRequest r, CancellationToken ct) =>
        DecideMemberAsync(id, null, m => { m.Status = CommitteeMemberStatus.Ended; m.EndedOn = r.On ?? Today; }, ct);

    private async Task<Result<CommitteeMemberDto>> DecideMemberAsync(Guid id, CommitteeMemberStatus? from, Action<PartTimeCommitteeMember> change, CancellationToken ct)
    {
        var member = await db.PartTimeCommitteeMembers.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (member is null) return CoBuildingErrors.NotFound("兼职委员", "Committee member");
        if (!caller.IsManager || !caller.Scope.Includes(member.DivisionPath)) return CoBuildingErrors.Forbidden("只有社区工作人员可以聘任兼职委员", "Only community staff appoint members.");
        if ((from is { } f && member.Status != f) || member.Status == CommitteeMemberStatus.Ended)
        {
            return CoBuildingErrors.Conflict("兼职委员状态已变化", $"The member is {member.Status}.");
        }
        change(member);
        await db.SaveChangesAsync(ct);
        return (await MemberDtosAsync([member], ct))[0];
    }

    public async Task<Result<ParticipationDto>> ParticipationAsync(Guid id, CancellationToken ct)
    {
        var member = await db.PartTimeCommitteeMembers.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (member is null) return CoBuildingErrors.NotFound("兼职委员", "Committee member");
        var meetingIds = await db.JointMeetingAttendees.Where(a => a.CommitteeMemberId == id).Select(a => a.MeetingId).Distinct().ToListAsync(ct);
        var meetings = await db.JointMeetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id)).OrderByDescending(m => m.HeldOn)
            .Select(m => new MeetingRef(m.Id, m.HeldOn, m.Title, m.Kind)).ToListAsync(ct);
        return new ParticipationDto(member.Id, Mask.Name(member.Name)!, meetings.Count, meetings);
    }

    private async Task<List<CommitteeMemberDto>> MemberDtosAsync(List<PartTimeCommitteeMember> members, CancellationToken ct)
    {
        if (members.Count == 0) return [];
        var ids = members.Select(m => m.Id).ToList();
        var attended = (await db.JointMeetingAttendees.Where(a => a.CommitteeMemberId != null && ids.Contains(a.CommitteeMemberId.Value))
            .Select(a => new { a.CommitteeMemberId, a.MeetingId }).Distinct().ToListAsync(ct))
            .GroupBy(a => a.CommitteeMemberId!.Value).ToDictionary(g => g.Key, g => g.Count());
        var units = await UnitNamesAsync(db, members.Select(m => m.UnitId), ct);
        var communities = await DivisionNamesAsync(db, members.Select(m => m.DivisionCode), ct);
        return members.Select(m => new CommitteeMemberDto(m.Id, m.DivisionCode, communities.GetValueOrDefault(m.DivisionCode, m.DivisionCode), m.UnitId ?? Guid.Empty,
            units.GetValueOrDefault(m.UnitId ?? Guid.Empty, ""), Mask.Name(m.Name)!, m.Post, m.Education, m.Duty, m.Status, m.RecommendedUtc, m.AppointedOn, m.EndedOn,
            attended.GetValueOrDefault(m.Id))).ToList();
    }
}

using System.Globalization;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Volunteering.Domain;
using Jiceng.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Volunteering.Features;

public sealed record RecordActivityItem(Guid SignupId, Guid ActivityId, string Title, string? Theme, string Place, string DivisionCode, DateTime StartUtc,
    DateTime EndUtc, ActivityStatus ActivityStatus, SignupStatus Status, DateTime? CheckedInUtc, DateTime? CheckedOutUtc, int CreditedMinutes, bool CanCancel);

public sealed record VolunteerRecordDto(Guid UserId, string NameMasked, List<RecordActivityItem> Activities, List<HoursClaimDto> Hours,
    int ActivitiesServed, int ActivityMinutes, int ApprovedClaimMinutes, int TotalMinutes, decimal TotalHours);

public sealed record VolunteerTotalsRow(string Key, string Name, int ActivitiesHeld, int Volunteers, int Minutes, decimal Hours, int PeopleServed);

public sealed record VolunteerTotalsDto(string? DivisionCode, DateOnly? From, DateOnly? To, VolunteerTotalsRow Total,
    List<VolunteerTotalsRow> Communities, List<VolunteerTotalsRow> Teams);

/// <summary>A volunteer's record (activities served, hours credited, approved self-logged hours) and totals per team and community.</summary>
public sealed class VolunteerRecords(VolunteeringContext ctx)
{
    private AppDbContext Db => ctx.Db;

    public Task<Result<VolunteerRecordDto>> MineAsync(CancellationToken ct) => RecordAsync(ctx.User.UserId ?? Guid.Empty, own: true, ct);

    /// <summary>A person's record as staff see it: only the rows in the caller's scope; none at all reads as not found.</summary>
    public Task<Result<VolunteerRecordDto>> OfAsync(Guid userId, CancellationToken ct) => RecordAsync(userId, own: false, ct);

    private async Task<Result<VolunteerRecordDto>> RecordAsync(Guid userId, bool own, CancellationToken ct)
    {
        // The scope filter applies: a volunteer reaches only their own rows, staff only rows in their subtree.
        var signups = await Db.ActivitySignups.AsNoTracking().Where(s => s.UserId == userId).OrderByDescending(s => s.ActivityStartUtc).Take(1000).ToListAsync(ct);
        var claims = await Db.VolunteerHoursClaims.AsNoTracking().Where(c => c.UserId == userId).OrderByDescending(c => c.ServedOn).Take(1000).ToListAsync(ct);
        if (!own && signups.Count == 0 && claims.Count == 0) return Error.NotFound("Volunteer");
        var ids = signups.Select(s => s.ActivityId).Distinct().ToList();
        // The activities of rows already visible to the caller: their public fields only.
        var activities = await Db.VolunteerActivities.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.Theme, a.Place, a.DivisionCode, a.StartUtc, a.EndUtc, a.Status }).ToDictionaryAsync(a => a.Id, ct);
        var now = ctx.UtcNow;
        var items = signups.Where(s => activities.ContainsKey(s.ActivityId)).Select(s =>
        {
            var a = activities[s.ActivityId];
            var canCancel = s.Status == SignupStatus.SignedUp && s.CheckedInUtc is null && a.Status == ActivityStatus.Open && a.EndUtc > now;
            return new RecordActivityItem(s.Id, a.Id, a.Title, a.Theme, a.Place, a.DivisionCode, a.StartUtc, a.EndUtc, a.Status, s.Status, s.CheckedInUtc,
                s.CheckedOutUtc, s.Status == SignupStatus.SignedUp ? s.CreditedMinutes : 0, canCancel);
        }).ToList();
        var activityMinutes = items.Where(i => i.Status == SignupStatus.SignedUp && i.ActivityStatus != ActivityStatus.Cancelled).Sum(i => i.CreditedMinutes);
        var claimMinutes = claims.Where(c => c.Status == HoursClaimStatus.Approved).Sum(c => c.Minutes);
        var name = own ? (await ctx.MeAsync(ct)).Name : signups.Select(s => s.Name).Concat(claims.Select(c => c.Name)).FirstOrDefault() ?? "";
        var total = activityMinutes + claimMinutes;
        return new VolunteerRecordDto(userId, VolunteeringContext.Masked(name) ?? "", items, claims.Select(VolunteerHours.Dto).ToList(),
            items.Count(i => i.CreditedMinutes > 0), activityMinutes, claimMinutes, total, Math.Round(total / 60m, 1));
    }

    /// <summary>The record as an Excel workbook: activities and self-logged hours, names masked.</summary>
    public static byte[] Workbook(VolunteerRecordDto record)
    {
        static string Local(DateTime utc) => (utc + Platform.Time.WorkingCalendar.ChinaOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var sheets = new Dictionary<string, object>
        {
            ["汇总"] = new List<Dictionary<string, object?>>
            {
                new() { ["志愿者"] = record.NameMasked, ["参加活动"] = record.ActivitiesServed, ["活动时长（分钟）"] = record.ActivityMinutes,
                    ["自报时长（已审核，分钟）"] = record.ApprovedClaimMinutes, ["合计（小时）"] = record.TotalHours },
            },
            ["活动"] = record.Activities.Select(a => new Dictionary<string, object?>
            {
                ["活动"] = a.Title, ["主题"] = a.Theme, ["地点"] = a.Place, ["开始（北京时间）"] = Local(a.StartUtc), ["结束（北京时间）"] = Local(a.EndUtc),
                ["报名状态"] = a.Status == SignupStatus.SignedUp ? "已报名" : "已取消",
                ["签到"] = a.CheckedInUtc is { } i ? Local(i) : null, ["签退"] = a.CheckedOutUtc is { } o ? Local(o) : null, ["计入时长（分钟）"] = a.CreditedMinutes,
            }).ToList(),
            ["自报时长"] = record.Hours.Select(h => new Dictionary<string, object?>
            {
                ["服务日期"] = h.ServedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["时长（分钟）"] = h.Minutes, ["服务内容"] = h.Description,
                ["服务人次"] = h.PeopleServed, ["状态"] = h.Status switch { HoursClaimStatus.Approved => "已通过", HoursClaimStatus.Rejected => "未通过", _ => "待审核" },
            }).ToList(),
        };
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, sheets);
        return stream.ToArray();
    }

    /// <summary>
    /// Totals in the caller's scope (or one division in it), by community and by team: activities held (closed),
    /// volunteers who served, hours credited (activities plus approved self-logged hours) and people served.
    /// </summary>
    public async Task<Result<VolunteerTotalsDto>> TotalsAsync(string? division, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var activities = Db.VolunteerActivities.AsNoTracking().Where(a => a.Status == ActivityStatus.Closed);
        var claimsQ = Db.VolunteerHoursClaims.AsNoTracking().Where(c => c.Status == HoursClaimStatus.Approved);
        string? code = null;
        if (!string.IsNullOrWhiteSpace(division))
        {
            var area = await ctx.AreaInScopeAsync(division, ct);
            if (!area.IsSuccess) return area.Error!;
            code = area.Value!.Code;
            var (lo, hi) = Platform.Scope.MaterialisedPath.Range(area.Value.Path);
            activities = activities.Where(a => string.Compare(a.DivisionPath, lo) >= 0 && string.Compare(a.DivisionPath, hi) < 0);
            claimsQ = claimsQ.Where(c => string.Compare(c.DivisionPath, lo) >= 0 && string.Compare(c.DivisionPath, hi) < 0);
        }
        if (from is { } f)
        {
            var fu = VolunteeringContext.StartOfDayUtc(f);
            activities = activities.Where(a => a.StartUtc >= fu);
            claimsQ = claimsQ.Where(c => c.ServedOn >= f);
        }
        if (to is { } t)
        {
            var tu = VolunteeringContext.StartOfDayUtc(t.AddDays(1));
            activities = activities.Where(a => a.StartUtc < tu);
            claimsQ = claimsQ.Where(c => c.ServedOn <= t);
        }
        var held = await activities.Select(a => new { a.Id, a.DivisionCode, a.TeamId, a.PeopleServed }).ToListAsync(ct);
        var heldIds = held.Select(a => a.Id).ToList();
        var served = await Db.ActivitySignups.AsNoTracking()
            .Where(s => heldIds.Contains(s.ActivityId) && s.Status == SignupStatus.SignedUp && s.CreditedMinutes > 0)
            .Select(s => new { s.Id, s.ActivityId, s.UserId, s.PersonId, s.CreditedMinutes }).ToListAsync(ct);
        var claims = await claimsQ.Select(c => new { c.Id, c.DivisionCode, c.TeamId, c.UserId, c.PersonId, c.Minutes, c.PeopleServed }).ToListAsync(ct);

        var byActivity = held.ToDictionary(a => a.Id);
        // One contribution per row: where it counts (community, team), who served, minutes, people served, and whether it is an activity held.
        var rows = held.Select(a => (Community: a.DivisionCode, a.TeamId, Who: (string?)null, Minutes: 0, People: a.PeopleServed ?? 0, Held: 1))
            .Concat(served.Select(s => (Community: byActivity[s.ActivityId].DivisionCode, byActivity[s.ActivityId].TeamId,
                Who: (string?)Who(s.UserId, s.PersonId, s.Id), Minutes: s.CreditedMinutes, People: 0, Held: 0)))
            .Concat(claims.Select(c => (Community: c.DivisionCode, c.TeamId, Who: (string?)Who(c.UserId, c.PersonId, c.Id), c.Minutes, People: c.PeopleServed, Held: 0)))
            .ToList();

        var communityCodes = rows.Select(r => r.Community).Distinct().ToList();
        var communityNames = await Db.Divisions.AsNoTracking().Where(d => communityCodes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var teamIds = rows.Select(r => r.TeamId).OfType<Guid>().Distinct().ToList();
        var teamNames = await Db.VolunteerTeams.AsNoTracking().Where(tm => teamIds.Contains(tm.Id)).ToDictionaryAsync(tm => tm.Id, tm => tm.Name, ct);

        VolunteerTotalsRow Sum(string key, string name, IEnumerable<(string Community, Guid? TeamId, string? Who, int Minutes, int People, int Held)> part)
        {
            var list = part.ToList();
            var minutes = list.Sum(r => r.Minutes);
            return new VolunteerTotalsRow(key, name, list.Sum(r => r.Held), list.Select(r => r.Who).OfType<string>().Distinct().Count(), minutes,
                Math.Round(minutes / 60m, 1), list.Sum(r => r.People));
        }

        var communities = rows.GroupBy(r => r.Community).Select(g => Sum(g.Key, communityNames.GetValueOrDefault(g.Key) ?? g.Key, g))
            .OrderByDescending(r => r.ActivitiesHeld).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        var teams = rows.Where(r => r.TeamId is not null).GroupBy(r => r.TeamId!.Value)
            .Select(g => Sum(g.Key.ToString(), teamNames.GetValueOrDefault(g.Key) ?? "?", g)).OrderByDescending(r => r.ActivitiesHeld).ToList();
        return new VolunteerTotalsDto(code, from, to, Sum("total", "合计", rows), communities, teams);
    }

    private static string Who(Guid? userId, Guid? personId, Guid rowId) =>
        userId is { } u ? "u" + u : personId is { } p ? "p" + p : "r" + rowId;
}

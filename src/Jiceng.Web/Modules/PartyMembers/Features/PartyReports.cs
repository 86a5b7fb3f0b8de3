using System.Globalization;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.PartyMembers.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.PartyMembers.Features;

public sealed record EmployerReportRow(Guid RegistrationId, string MemberName, string EmployerName, string DivisionCode, string CommunityName,
    RegistrationStatus Status, Dictionary<string, bool> Items, int DoneCount);

public sealed record EmployerReportDto(int Year, Guid? UnitId, string? UnitName, string? Employer, int Registered, int Confirmed, List<EmployerReportRow> Members,
    List<EmployerReportRow> DidNothing);

public sealed record CommunitySummaryRow(string DivisionCode, string CommunityName, int Registered, int Pending, int Confirmed, Dictionary<string, int> Completed,
    int AllSix, int DidNothing);

public sealed record CommunitySummaryDto(int Year, List<CommunitySummaryRow> Communities);

/// <summary>
/// The report to a member's employer party organisation (who is registered, who did what, who did nothing this year)
/// and the community summary. Registrations are read through the data scope filter; the checklist is derived once
/// for all of them (<see cref="SixChecklist.DeriveAsync"/>).
/// </summary>
public sealed class PartyReports(AppDbContext db, CurrentUser user, SixChecklist checklist, PartyPlaces places, AuditTrail audit, TimeProvider time)
{
    public async Task<Result<EmployerReportDto>> EmployerAsync(Guid? unitId, string? employer, int? year, CancellationToken ct)
    {
        var resolved = PartyYear.Resolve(year, time);
        if (!resolved.IsSuccess) return resolved.Error!;
        var y = resolved.Value;
        var isStaff = PartyRoles.Staff.Any(user.Principal.IsInRole);
        if (!isStaff)
        {
            // A unit's account reports on its own unit, whatever it asks for.
            if (user.Scope.UnitId is not { } own) return Error.Forbidden();
            unitId = own;
            employer = null;
        }
        else if (unitId is null && string.IsNullOrWhiteSpace(employer))
        {
            return Error.Validation("请选择共建单位或填写单位名称 / Choose a unit or give an employer's name.");
        }

        // Registrations that were open at some point of the year: still open, or ended/declined during it.
        var (startUtc, endUtc) = (y.StartUtc, y.EndUtc);
        var query = db.MemberRegistrations.AsNoTracking().Where(r => r.RequestedUtc < endUtc
            && (r.Status == RegistrationStatus.Pending || r.Status == RegistrationStatus.Confirmed || (r.Status == RegistrationStatus.Ended && r.EndedUtc >= startUtc)));
        if (unitId is { } u) query = query.Where(r => r.UnitId == u);
        var name = employer?.Trim();
        if (!string.IsNullOrEmpty(name)) query = query.Where(r => r.EmployerName.Contains(name));
        var registrations = await query.ToListAsync(ct);

        string? unitName = null;
        if (unitId is { } id)
            unitName = await db.CoBuildingUnits.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Where(x => x.Id == id).Select(x => x.Name).SingleOrDefaultAsync(ct);

        var rows = await RowsAsync(registrations, y, ct);
        return new EmployerReportDto(y.Year, unitId, unitName, name, rows.Count(r => r.Status is RegistrationStatus.Pending or RegistrationStatus.Confirmed),
            rows.Count(r => r.Status == RegistrationStatus.Confirmed), rows, rows.Where(r => r.DoneCount == 0).ToList());
    }

    /// <summary>Every open registration in scope (or in one division of it) with its six items for the year.</summary>
    public async Task<Result<List<EmployerReportRow>>> MembersAsync(string? division, int? year, CancellationToken ct)
    {
        var resolved = PartyYear.Resolve(year, time);
        if (!resolved.IsSuccess) return resolved.Error!;
        return await OpenRowsAsync(division, resolved.Value, ct);
    }

    public async Task<Result<CommunitySummaryDto>> CommunitiesAsync(string? division, int? year, CancellationToken ct)
    {
        var resolved = PartyYear.Resolve(year, time);
        if (!resolved.IsSuccess) return resolved.Error!;
        var open = await OpenRowsAsync(division, resolved.Value, ct);
        if (!open.IsSuccess) return open.Error!;
        var rows = open.Value!;
        var communities = rows.GroupBy(r => (r.DivisionCode, r.CommunityName)).Select(g =>
        {
            var confirmed = g.Where(r => r.Status == RegistrationStatus.Confirmed).ToList();
            return new CommunitySummaryRow(g.Key.DivisionCode, g.Key.CommunityName, g.Count(), g.Count(r => r.Status == RegistrationStatus.Pending), confirmed.Count,
                SixItems.All.ToDictionary(code => code, code => confirmed.Count(r => r.Items[code])),
                confirmed.Count(r => r.DoneCount == SixItems.All.Count), confirmed.Count(r => r.DoneCount == 0));
        }).OrderBy(c => c.DivisionCode, StringComparer.Ordinal).ToList();
        return new CommunitySummaryDto(resolved.Value.Year, communities);
    }

    private async Task<Result<List<EmployerReportRow>>> OpenRowsAsync(string? division, PartyYear year, CancellationToken ct)
    {
        var query = db.MemberRegistrations.AsNoTracking().Where(r => r.Status == RegistrationStatus.Pending || r.Status == RegistrationStatus.Confirmed);
        if (!string.IsNullOrWhiteSpace(division))
        {
            var path = await db.Divisions.AsNoTracking().Where(d => d.Code == division.Trim()).Select(d => d.Path).SingleOrDefaultAsync(ct);
            if (path is null) return Error.NotFound("Division");
            var (from, to) = MaterialisedPath.Range(path);
            query = query.Where(r => string.Compare(r.DivisionPath, from) >= 0 && string.Compare(r.DivisionPath, to) < 0);
        }
        return await RowsAsync(await query.ToListAsync(ct), year, ct);
    }

    /// <summary>The employer report as a workbook (names masked), audited.</summary>
    public async Task<Result<byte[]>> ExportEmployerAsync(Guid? unitId, string? employer, int? year, CancellationToken ct)
    {
        var report = await EmployerAsync(unitId, employer, year, ct);
        if (!report.IsSuccess) return report.Error!;
        var r = report.Value!;
        var labels = new Dictionary<string, string>
        {
            [SixItems.OrganisationLife] = "组织生活", [SixItems.CadreDiscussion] = "座谈", [SixItems.Survey] = "调研",
            [SixItems.MicroWish] = "认领微心愿", [SixItems.VolunteerDay] = "志愿服务", [SixItems.FamilyPaired] = "结对帮扶",
        };
        object Row(EmployerReportRow m)
        {
            var row = new Dictionary<string, object?>
            {
                ["党员"] = m.MemberName, ["工作单位"] = m.EmployerName, ["报到社区"] = m.CommunityName, ["状态"] = StatusText(m.Status),
            };
            foreach (var code in SixItems.All) row[labels[code]] = m.Items[code] ? "✓" : "";
            row["完成项数"] = m.DoneCount;
            return row;
        }
        var sheets = new Dictionary<string, object>
        {
            [$"{r.Year}年六个一"] = r.Members.Select(Row).ToList(),
            ["全年未参加"] = r.DidNothing.Select(m => new Dictionary<string, object?> { ["党员"] = m.MemberName, ["工作单位"] = m.EmployerName, ["报到社区"] = m.CommunityName }).ToList(),
        };
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, cancellationToken: ct);
        await audit.RecordAsync(PartyAuditActions.ExportedReport, AuditResult.Success, nameof(MemberRegistration), null,
            string.Create(CultureInfo.InvariantCulture, $"unit: {r.UnitId?.ToString() ?? "-"}; year: {r.Year}; rows: {r.Members.Count}; masked"), cancellationToken: ct);
        return stream.ToArray();
    }

    public static string StatusText(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Pending => "待确认",
        RegistrationStatus.Confirmed => "已确认",
        RegistrationStatus.Declined => "已退回",
        _ => "已结束",
    };

    private async Task<List<EmployerReportRow>> RowsAsync(List<MemberRegistration> registrations, PartyYear year, CancellationToken ct)
    {
        var derived = await checklist.DeriveAsync(registrations.Select(r => new SixMember(r.UserId, r.PersonId)).ToList(), year, ct);
        var names = await places.NamesAsync(registrations.Select(r => r.DivisionCode), ct);
        return registrations.Select((r, i) => new EmployerReportRow(r.Id, r.UserId == user.UserId ? r.MemberName : Mask.Name(r.MemberName) ?? "", r.EmployerName,
                r.DivisionCode, names.GetValueOrDefault(r.DivisionCode, r.DivisionCode), r.Status,
                derived[i].ToDictionary(x => x.Code, x => x.Done), derived[i].Count(x => x.Done)))
            .OrderBy(r => r.CommunityName, StringComparer.Ordinal).ThenBy(r => r.MemberName, StringComparer.Ordinal).ToList();
    }
}

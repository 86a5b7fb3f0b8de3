using System.ComponentModel.DataAnnotations;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Residents.Features;

/// <param name="UrbanResidentsFromProfile">True when the published figure (CommunityProfile) was used, false when the person records were counted.</param>
public sealed record StaffingRow(string DivisionCode, string Name, int Workers, int Certified, double? CertifiedShare, int UrbanResidents,
    bool UrbanResidentsFromProfile, double? WorkersPer10K, int Standard, bool Met);

public sealed record StaffingReport(string DivisionCode, string Name, StaffingRow Total, IReadOnlyList<StaffingRow> Communities);

public sealed record SetUrbanResidentsRequest([property: Range(0, 10_000_000)] int? UrbanResidents);

/// <summary>
/// Community worker staffing (大箐山, 琼中): community workers (people with the CommunityWorker role) per 10,000 urban
/// residents against the standard of 18, and the share holding the social work certificate (东风区), per community and
/// for the street or county as a whole (the sums of its communities).
/// </summary>
public sealed class CommunityStaffing(AppDbContext db, CurrentUser user, TimeProvider time)
{
    public const int StandardPer10K = 18;

    public async Task<Result<StaffingReport>> ReportAsync(string? divisionCode, CancellationToken ct = default)
    {
        var code = ResidentPlaces.Blank(divisionCode) ?? user.OrganisationUnit;
        var division = code is null ? null : await ResidentPlaces.DivisionAsync(db, code, ct);
        if (division is null) return Error.NotFound("Division " + code);
        var (from, to) = MaterialisedPath.Range(division.Path);
        var communities = await db.Divisions.AsNoTracking()
            .Where(d => d.Level == DivisionLevel.Village && string.Compare(d.Path, from) >= 0 && string.Compare(d.Path, to) < 0)
            .OrderBy(d => d.Code).Select(d => new { d.Code, d.Name }).ToListAsync(ct);
        var people = db.People.AsNoTracking().Where(p => p.ErasedUtc == null && string.Compare(p.DivisionPath, from) >= 0 && string.Compare(p.DivisionPath, to) < 0);
        var records = await people.GroupBy(p => p.DivisionCode).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var workers = await db.PersonRoles.AsNoTracking().Where(r => r.Kind == PersonRoleKind.CommunityWorker)
            .Join(people, r => r.PersonId, p => p.Id, (r, p) => new { p.DivisionCode, r.Certified })
            .GroupBy(x => x.DivisionCode).Select(g => new { g.Key, Workers = g.Count(), Certified = g.Count(x => x.Certified) })
            .ToDictionaryAsync(x => x.Key, ct);
        var profiles = await db.CommunityProfiles.AsNoTracking()
            .Where(c => c.UrbanResidents != null && string.Compare(c.DivisionPath, from) >= 0 && string.Compare(c.DivisionPath, to) < 0)
            .ToDictionaryAsync(c => c.DivisionCode, c => c.UrbanResidents!.Value, ct);

        var rows = communities.Select(c =>
        {
            var w = workers.GetValueOrDefault(c.Code);
            var fromProfile = profiles.TryGetValue(c.Code, out var published);
            return Row(c.Code, DivisionNames.Shorten(c.Name), w?.Workers ?? 0, w?.Certified ?? 0, fromProfile ? published : records.GetValueOrDefault(c.Code), fromProfile);
        }).ToList();
        var total = Row(division.Code, DivisionNames.Shorten(division.Name), rows.Sum(r => r.Workers), rows.Sum(r => r.Certified), rows.Sum(r => r.UrbanResidents),
            rows.Count > 0 && rows.All(r => r.UrbanResidentsFromProfile));
        return new StaffingReport(division.Code, division.Name, total, rows);
    }

    public static StaffingRow Row(string code, string name, int workers, int certified, int urbanResidents, bool fromProfile)
    {
        double? per10K = urbanResidents > 0 ? Math.Round(workers * 10_000.0 / urbanResidents, 2) : null;
        return new StaffingRow(code, name, workers, certified, workers > 0 ? Math.Round((double)certified / workers, 4) : null, urbanResidents, fromProfile,
            per10K, StandardPer10K, per10K >= StandardPer10K);
    }

    /// <summary>Sets (or with null clears) a community's published urban resident figure.</summary>
    public async Task<Result<StaffingRow>> SetUrbanResidentsAsync(string divisionCode, int? urbanResidents, CancellationToken ct = default)
    {
        if (urbanResidents is < 0 or > 10_000_000) return Error.Validation("城镇常住人口应在 0 到 10,000,000 之间 / urbanResidents must be 0 to 10,000,000.");
        var community = await ResidentPlaces.CommunityAsync(db, divisionCode, ct);
        if (community is null) return Error.NotFound("Community " + divisionCode);
        var profile = await db.CommunityProfiles.SingleOrDefaultAsync(c => c.DivisionCode == community.Code, ct);
        if (profile is null)
        {
            profile = new CommunityProfile(community.Code, community.Path);
            db.CommunityProfiles.Add(profile);
        }
        profile.UrbanResidents = urbanResidents;
        profile.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        var report = await ReportAsync(community.Code, ct);
        return report.IsSuccess ? report.Value!.Communities.Single() : report.Error!;
    }
}

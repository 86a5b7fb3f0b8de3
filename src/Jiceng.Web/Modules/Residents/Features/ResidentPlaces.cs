using Jiceng.Web.Data;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Residents.Features;

public sealed record ResidentDivision(string Code, string Path, DivisionLevel Level, string Name);

/// <summary>Look-ups shared by the residents' use cases; every one goes through the caller's data scope.</summary>
public static class ResidentPlaces
{
    /// <summary>The division if it is in the caller's scope (the scope filter applies), else null.</summary>
    public static Task<ResidentDivision?> DivisionAsync(AppDbContext db, string code, CancellationToken ct) =>
        db.Divisions.AsNoTracking().Where(d => d.Code == code)
            .Select(d => new ResidentDivision(d.Code, d.Path, d.Level, d.Name)).SingleOrDefaultAsync(ct);

    /// <summary>A community or village in the caller's scope: where people are registered.</summary>
    public static async Task<ResidentDivision?> CommunityAsync(AppDbContext db, string code, CancellationToken ct) =>
        await DivisionAsync(db, code, ct) is { Level: DivisionLevel.Village } d ? d : null;

    /// <summary>The path range a division filter narrows to (inside the scope, never beyond it); null: the division is not visible.</summary>
    public static async Task<(string From, string To)?> RangeAsync(AppDbContext db, string code, CancellationToken ct) =>
        await DivisionAsync(db, code, ct) is { } d ? MaterialisedPath.Range(d.Path) : null;

    /// <summary>Today in China (UTC+8, no daylight saving): ages and the under-14 rule are counted on the local date.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddHours(8));

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiceng.Web.Modules.Cases.Domain;

/// <summary>
/// A county's own edit of the working-day calendar: a day off or a make-up working day (调休) that differs from,
/// or adds to, the published national calendar. The county's calendar is the national one with these applied.
/// </summary>
public sealed class CountyCalendarDay
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The county's 6-digit division code.</summary>
    public string CountyCode { get; set; } = "";
    public DateOnly Date { get; set; }
    public bool IsWorkingDay { get; set; }
    public string Name { get; set; } = "";
    public DateTime UpdatedUtc { get; set; }
}

/// <summary>
/// A stored photo and who may see it: the uploader until it is attached, then whoever can see the case
/// (the case's scope decides, through the central filter on cases).
/// </summary>
public sealed class CasePhoto
{
    /// <summary>The file store's key (random, with the extension).</summary>
    public string Key { get; set; } = "";
    public Guid? UploadedByUserId { get; set; }
    public DateTime UploadedUtc { get; set; }
    public string ContentType { get; set; } = "";
    public int Size { get; set; }
    /// <summary>The case it is attached to, once a report or an action uses it.</summary>
    public long? CaseId { get; set; }
}

/// <summary>
/// Pre-aggregated case figures (docs/case-figures.md) per division, China local day and unit, kept in step with
/// every case change in the same transaction, so statistics read a few thousand rows instead of every case.
/// <see cref="Kind"/> says which cases a row counts: all of the division's, those a department leads, or those
/// a department takes part in (lead or assisting, what a department's own scope shows).
/// </summary>
public sealed class CaseTally
{
    public long Id { get; set; }
    public string DivisionPath { get; set; } = "";
    public DateOnly Day { get; set; }
    public CaseTallyKind Kind { get; set; }
    /// <summary>The department's id ("D" format, lower case) for Lead and Involved rows; "" for All rows.</summary>
    public string Unit { get; set; } = "";
    public int Received { get; set; }
    public int Closed { get; set; }
    public int Dispatched { get; set; }
    public int ClaimedInTime { get; set; }
    public int Rated { get; set; }
    public int RatedSolved { get; set; }
    public int RatedSatisfied { get; set; }
    public int ClosedInGrid { get; set; }
    public int ClosedInCommunity { get; set; }
    public int ClosedByDepartment { get; set; }
    public int Escalated { get; set; }
    public int Returns { get; set; }
    public int Reworks { get; set; }
    public int Overdue { get; set; }
    /// <summary>Sum of (closed − created) in whole seconds, exact, so the average matches a recount.</summary>
    public long HandlingSeconds { get; set; }
}

public enum CaseTallyKind
{
    All = 0,
    Lead = 1,
    Involved = 2,
}

internal sealed class CountyCalendarDayConfiguration : IEntityTypeConfiguration<CountyCalendarDay>
{
    public void Configure(EntityTypeBuilder<CountyCalendarDay> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.CountyCode).HasMaxLength(12).IsRequired();
        e.Property(x => x.Name).HasMaxLength(50).IsRequired();
        e.HasIndex(x => new { x.CountyCode, x.Date }).IsUnique();
    }
}

internal sealed class CasePhotoConfiguration : IEntityTypeConfiguration<CasePhoto>
{
    public void Configure(EntityTypeBuilder<CasePhoto> e)
    {
        e.HasKey(x => x.Key);
        e.Property(x => x.Key).HasMaxLength(80);
        e.Property(x => x.ContentType).HasMaxLength(32).IsRequired();
        e.HasIndex(x => x.CaseId);
    }
}

internal sealed class CaseTallyConfiguration : IEntityTypeConfiguration<CaseTally>
{
    public void Configure(EntityTypeBuilder<CaseTally> e)
    {
        e.ToTable("CaseTallies");
        e.HasKey(x => x.Id);
        e.Property(x => x.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(x => x.Unit).HasMaxLength(36).IsRequired();
        e.Property(x => x.Kind).HasConversion<int>();
        // The upsert's conflict target, and the read path: one kind and unit, a path range, a day range.
        e.HasIndex(x => new { x.Kind, x.Unit, x.DivisionPath, x.Day }).IsUnique();
    }
}

using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiceng.Web.Modules.Cases.Domain;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> e)
    {
        e.HasKey(c => c.Id);
        e.Property(c => c.Version).IsConcurrencyToken();
        e.Property(c => c.TrackingCode).HasMaxLength(16).IsRequired();
        e.HasIndex(c => c.TrackingCode).IsUnique();
        e.Property(c => c.CategoryCode).HasMaxLength(32).IsRequired();
        e.Property(c => c.Description).HasMaxLength(2000).IsRequired();
        e.Property(c => c.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(c => c.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(c => c.ReporterName).HasMaxLength(300).HasConversion((Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter)PersonalData.Converter);
        e.Property(c => c.ReporterPhone).HasMaxLength(300).HasConversion((Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter)PersonalData.Converter);
        e.Property(c => c.Address).HasMaxLength(1000).HasConversion((Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter)PersonalData.Converter);
        e.Property(c => c.ParkPlan).HasMaxLength(2000);
        foreach (var p in new[] { nameof(Case.Priority), nameof(Case.Channel), nameof(Case.Status), nameof(Case.LocalHandling), nameof(Case.EscalationLevel),
                     nameof(Case.HandlingUnit), nameof(Case.ResponseUnit), nameof(Case.PendingExtensionUnit), nameof(Case.Satisfaction) })
        {
            e.Property(p).HasConversion<string>().HasMaxLength(24);
        }
        e.Ignore(c => c.Number);
        e.HasOne<Division>().WithMany().HasForeignKey(c => c.DivisionCode).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(c => c.Timeline).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(c => c.Departments).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(c => c.Timeline).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Navigation(c => c.Departments).UsePropertyAccessMode(PropertyAccessMode.Field);
        // Lists filter by scope path and status and sort by due time; the department queue by lead department.
        e.HasIndex(c => new { c.DivisionPath, c.CreatedUtc });
        e.HasIndex(c => new { c.Status, c.HandlingDueUtc });
        // A department's open queue in queue order: an index range (see AppDbContext.CaseScopeParts, CaseQueries).
        e.HasIndex(c => new { c.LeadDepartmentId, c.QueueTier, c.QueueDueUtc });
        // Any open queue in queue order (a street's, a community's), and open counts under a path.
        e.HasIndex(c => new { c.QueueTier, c.QueueDueUtc });
        e.HasIndex(c => new { c.QueueTier, c.DivisionPath });
        e.HasIndex(c => c.ReporterUserId);
        e.HasIndex(c => c.MasterCaseId);
        // No foreign key to Grids on purpose: adding one makes SQLite rebuild the whole Cases table (millions of rows) in a
        // migration that cannot run in a transaction. A grid with cases is never deleted (GridsApi refuses it).
        e.HasIndex(c => new { c.GridId, c.QueueTier });
    }
}

internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Action).HasMaxLength(24).IsRequired();
        e.Property(x => x.FromStatus).HasConversion<string>().HasMaxLength(24);
        e.Property(x => x.ToStatus).HasConversion<string>().HasMaxLength(24);
        e.Property(x => x.ActorName).HasMaxLength(64).IsRequired();
        e.Property(x => x.ActorRole).HasMaxLength(128).IsRequired();
        e.Property(x => x.ActorUnit).HasMaxLength(64);
        e.Property(x => x.Note).HasMaxLength(2000);
        e.Property(x => x.Attachments).HasMaxLength(1000);
        e.HasIndex(x => new { x.CaseId, x.Id });
    }
}

internal sealed class CaseDepartmentConfiguration : IEntityTypeConfiguration<CaseDepartment>
{
    public void Configure(EntityTypeBuilder<CaseDepartment> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
        e.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.DepartmentId, x.CaseId });
        // The cases a department assists that are still open.
        e.HasIndex(x => new { x.DepartmentId, x.Role, x.QueueTier, x.CaseId });
    }
}

internal sealed class CaseCategoryConfiguration : IEntityTypeConfiguration<CaseCategory>
{
    public void Configure(EntityTypeBuilder<CaseCategory> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Code).HasMaxLength(32).IsRequired();
        e.Property(x => x.Name).HasMaxLength(32).IsRequired();
        e.Property(x => x.NameEn).HasMaxLength(64).IsRequired();
        e.Property(x => x.CountyCode).HasMaxLength(12);
        e.Property(x => x.Priority).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.ResponseUnit).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.HandlingUnit).HasConversion<string>().HasMaxLength(16);
        e.HasIndex(x => new { x.Code, x.CountyCode }).IsUnique();
    }
}

/// <summary>An Idempotency-Key seen on case creation, per caller, with the case it created.</summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    /// <summary>The caller: a user id, or "anonymous" for the public portal.</summary>
    public string Caller { get; set; } = "";
    public long CaseId { get; set; }
    public Case? Case { get; set; }
    public DateTime CreatedUtc { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Key).HasMaxLength(100).IsRequired();
        e.Property(x => x.Caller).HasMaxLength(64).IsRequired();
        e.HasIndex(x => new { x.Caller, x.Key }).IsUnique();
        e.HasOne(x => x.Case).WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

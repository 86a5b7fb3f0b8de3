using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiceng.Web.Modules.Care.Domain;

internal sealed class HelpPlanConfiguration : IEntityTypeConfiguration<HelpPlan>
{
    public void Configure(EntityTypeBuilder<HelpPlan> e)
    {
        e.HasKey(p => p.Id);
        e.Property(p => p.Version).IsConcurrencyToken();
        e.Property(p => p.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(p => p.Measures).IsSealed(2000).IsRequired();
        e.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        e.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(p => p.Helpers).WithOne().HasForeignKey(h => h.PlanId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(p => p.Helpers).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.HasIndex(p => p.PersonId);
        e.HasIndex(p => new { p.DivisionPath, p.ReviewDue });
    }
}

internal sealed class HelpPlanHelperConfiguration : IEntityTypeConfiguration<HelpPlanHelper>
{
    public void Configure(EntityTypeBuilder<HelpPlanHelper> e)
    {
        e.HasKey(h => new { h.PlanId, h.HelperPersonId });
        e.Property(h => h.Duty).HasMaxLength(32);
        e.HasOne<Person>().WithMany().HasForeignKey(h => h.HelperPersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(h => h.HelperPersonId);
    }
}

internal sealed class CareVisitConfiguration : IEntityTypeConfiguration<CareVisit>
{
    public void Configure(EntityTypeBuilder<CareVisit> e)
    {
        e.HasKey(v => v.Id);
        e.Property(v => v.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(v => v.VisitorName).HasMaxLength(64).IsRequired();
        e.Property(v => v.Findings).IsSealed(1000);
        e.Property(v => v.Gifts).HasMaxLength(200);
        // Money in fen: exact, and orderable in SQLite (which has no decimal type).
        e.Property(v => v.GiftValue).HasConversion(v => (long)Math.Round(v * 100), v => v / 100m);
        e.HasOne<Person>().WithMany().HasForeignKey(v => v.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(v => new { v.PersonId, v.VisitedUtc });
        e.HasIndex(v => new { v.DivisionPath, v.VisitedUtc });
    }
}

internal sealed class CareVisitReminderConfiguration : IEntityTypeConfiguration<CareVisitReminder>
{
    public void Configure(EntityTypeBuilder<CareVisitReminder> e)
    {
        e.HasKey(r => new { r.PersonId, r.DueDate });
        e.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MedicalPairingConfiguration : IEntityTypeConfiguration<MedicalPairing>
{
    public void Configure(EntityTypeBuilder<MedicalPairing> e)
    {
        e.HasKey(p => p.Id);
        e.Property(p => p.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        e.HasOne<Person>().WithMany().HasForeignKey(p => p.StaffPersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(p => new { p.PersonId, p.Kind, p.StaffPersonId }).IsUnique();
        e.HasIndex(p => p.StaffPersonId);
        e.HasIndex(p => p.DivisionPath);
    }
}

internal sealed class MedicalGuidanceConfiguration : IEntityTypeConfiguration<MedicalGuidance>
{
    public void Configure(EntityTypeBuilder<MedicalGuidance> e)
    {
        e.HasKey(g => g.Id);
        e.Property(g => g.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(g => g.Note).IsSealed(1000).IsRequired();
        e.HasOne<MedicalPairing>().WithMany().HasForeignKey(g => g.PairingId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(g => new { g.PairingId, g.OccurredUtc });
        e.HasIndex(g => g.DivisionPath);
    }
}

internal sealed class CareDeviceConfiguration : IEntityTypeConfiguration<CareDevice>
{
    public void Configure(EntityTypeBuilder<CareDevice> e)
    {
        e.HasKey(d => d.Id);
        e.Property(d => d.Version).IsConcurrencyToken();
        e.Property(d => d.Serial).HasMaxLength(64).IsRequired();
        e.Property(d => d.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(d => d.SecretHash).HasMaxLength(128).IsRequired();
        e.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(d => d.Serial).IsUnique();
        e.HasIndex(d => d.DivisionPath);
    }
}

internal sealed class CareDeviceEventConfiguration : IEntityTypeConfiguration<CareDeviceEvent>
{
    public void Configure(EntityTypeBuilder<CareDeviceEvent> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Detail).HasMaxLength(200);
        e.HasOne<CareDevice>().WithMany().HasForeignKey(x => x.DeviceId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => new { x.DeviceId, x.ReceivedUtc });
    }
}

using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiceng.Web.Modules.ElderlyChildren.Domain;

internal sealed class CanteenConfiguration : IEntityTypeConfiguration<Canteen>
{
    public void Configure(EntityTypeBuilder<Canteen> e)
    {
        e.HasKey(c => c.Id);
        e.Property(c => c.Version).IsConcurrencyToken();
        e.Property(c => c.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(c => c.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(c => c.Name).HasMaxLength(100).IsRequired();
        e.Property(c => c.Place).HasMaxLength(200).IsRequired();
        e.Property(c => c.MealTimes).HasMaxLength(200).IsRequired();
        e.HasIndex(c => c.DivisionPath);
        e.HasIndex(c => c.DivisionCode);
    }
}

internal sealed class CanteenSubsidyBandConfiguration : IEntityTypeConfiguration<CanteenSubsidyBand>
{
    public void Configure(EntityTypeBuilder<CanteenSubsidyBand> e)
    {
        e.HasKey(b => b.Id);
        e.Property(b => b.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(b => b.Label).HasMaxLength(50).IsRequired();
        e.Property(b => b.StatusCode).HasMaxLength(32);
        e.Property(b => b.Kind).HasConversion<string>().HasMaxLength(16);
        e.HasOne<Canteen>().WithMany().HasForeignKey(b => b.CanteenId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(b => b.DivisionPath);
    }
}

internal sealed class CanteenMenuItemConfiguration : IEntityTypeConfiguration<CanteenMenuItem>
{
    public void Configure(EntityTypeBuilder<CanteenMenuItem> e)
    {
        e.HasKey(m => m.Id);
        e.Property(m => m.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(m => m.Title).HasMaxLength(50).IsRequired();
        e.Property(m => m.Dishes).HasMaxLength(300).IsRequired();
        e.Property(m => m.Meal).HasConversion<string>().HasMaxLength(16);
        e.HasOne<Canteen>().WithMany().HasForeignKey(m => m.CanteenId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(m => new { m.CanteenId, m.Date });
        e.HasIndex(m => m.DivisionPath);
    }
}

internal sealed class MealOrderConfiguration : IEntityTypeConfiguration<MealOrder>
{
    public void Configure(EntityTypeBuilder<MealOrder> e)
    {
        e.HasKey(o => o.Id);
        e.Property(o => o.Version).IsConcurrencyToken();
        e.Property(o => o.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(o => o.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(o => o.PersonName).HasMaxLength(50).IsRequired();
        e.Property(o => o.Title).HasMaxLength(50).IsRequired();
        e.Property(o => o.BandLabel).HasMaxLength(50);
        e.Property(o => o.Meal).HasConversion<string>().HasMaxLength(16);
        e.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        e.HasOne<Canteen>().WithMany().HasForeignKey(o => o.CanteenId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<CanteenMenuItem>().WithMany().HasForeignKey(o => o.MenuItemId).OnDelete(DeleteBehavior.Restrict);
        // One live order per person and meal.
        e.HasIndex(o => new { o.MenuItemId, o.PersonId }).IsUnique().HasFilter("\"Status\" = 'Ordered'").HasDatabaseName("IX_MealOrders_OneLivePerMeal");
        e.HasIndex(o => new { o.CanteenId, o.MealDate });
        e.HasIndex(o => new { o.PersonId, o.MealDate });
        e.HasIndex(o => o.DivisionPath);
        e.HasIndex(o => o.UserId);
    }
}

internal sealed class CareStationConfiguration : IEntityTypeConfiguration<CareStation>
{
    public void Configure(EntityTypeBuilder<CareStation> e)
    {
        e.HasKey(s => s.Id);
        e.Property(s => s.Version).IsConcurrencyToken();
        e.Property(s => s.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(s => s.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(s => s.Name).HasMaxLength(100).IsRequired();
        e.Property(s => s.Place).HasMaxLength(200).IsRequired();
        e.Property(s => s.OpeningHours).HasMaxLength(100);
        e.HasIndex(s => s.DivisionPath);
    }
}

internal sealed class HealthCheckConfiguration : IEntityTypeConfiguration<HealthCheck>
{
    public void Configure(EntityTypeBuilder<HealthCheck> e)
    {
        e.HasKey(h => h.Id);
        e.Property(h => h.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(h => h.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(h => h.PersonName).HasMaxLength(50).IsRequired();
        e.Property(h => h.MeasuredBy).HasMaxLength(50).IsRequired();
        e.Property(h => h.BloodPressure).IsSealed(7);
        e.Property(h => h.Glucose).IsSealed(5);
        e.Property(h => h.GlucoseKind).IsSealed(7);
        e.Property(h => h.Note).IsSealed(200);
        e.Property(h => h.AbnormalMeasures).HasMaxLength(60);
        e.HasOne<CareStation>().WithMany().HasForeignKey(h => h.StationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(h => new { h.DivisionPath, h.MeasuredUtc });
        e.HasIndex(h => new { h.StationId, h.MeasuredUtc });
        e.HasIndex(h => new { h.PersonId, h.MeasuredUtc });
        e.HasIndex(h => new { h.DivisionCode, h.IsAbnormal });
        e.HasIndex(h => h.UserId);
    }
}

internal sealed class StationActivityConfiguration : IEntityTypeConfiguration<StationActivity>
{
    public void Configure(EntityTypeBuilder<StationActivity> e)
    {
        e.HasKey(a => a.Id);
        e.Property(a => a.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(a => a.Kind).HasMaxLength(30).IsRequired();
        e.Property(a => a.Title).HasMaxLength(100).IsRequired();
        e.HasOne<CareStation>().WithMany().HasForeignKey(a => a.StationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(a => new { a.StationId, a.Date });
        e.HasIndex(a => a.DivisionPath);
    }
}

internal sealed class ChildrenProgrammeConfiguration : IEntityTypeConfiguration<ChildrenProgramme>
{
    public void Configure(EntityTypeBuilder<ChildrenProgramme> e)
    {
        e.HasKey(p => p.Id);
        e.Property(p => p.Version).IsConcurrencyToken();
        e.Property(p => p.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(p => p.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(p => p.Name).HasMaxLength(100).IsRequired();
        e.Property(p => p.Place).HasMaxLength(200).IsRequired();
        e.Property(p => p.Term).HasMaxLength(50).IsRequired();
        e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(24);
        e.HasIndex(p => p.DivisionPath);
    }
}

internal sealed class ProgrammeSessionConfiguration : IEntityTypeConfiguration<ProgrammeSession>
{
    public void Configure(EntityTypeBuilder<ProgrammeSession> e)
    {
        e.HasKey(s => s.Id);
        e.Property(s => s.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(s => s.Topic).HasMaxLength(100).IsRequired();
        e.Property(s => s.Tutor).HasMaxLength(50).IsRequired();
        e.HasOne<ChildrenProgramme>().WithMany().HasForeignKey(s => s.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => new { s.ProgrammeId, s.Date });
        e.HasIndex(s => s.DivisionPath);
    }
}

internal sealed class ProgrammeEnrolmentConfiguration : IEntityTypeConfiguration<ProgrammeEnrolment>
{
    public void Configure(EntityTypeBuilder<ProgrammeEnrolment> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(x => x.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(x => x.ChildName).HasMaxLength(50).IsRequired();
        e.Property(x => x.SealedChildName).IsSealed(50);
        e.Property(x => x.ChildBirthDate).IsSealed(10);
        e.Property(x => x.GuardianName).IsSealed(50);
        e.Property(x => x.GuardianRelation).HasMaxLength(20);
        e.Property(x => x.GuardianPhone).IsSealed(20);
        e.Property(x => x.ConsentMethod).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.HasOne<ChildrenProgramme>().WithMany().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.ProgrammeId, x.PersonId }).IsUnique().HasFilter("\"Status\" = 'Active' AND \"PersonId\" IS NOT NULL")
            .HasDatabaseName("IX_ProgrammeEnrolments_OneLivePerChild");
        e.HasIndex(x => x.DivisionPath);
        e.HasIndex(x => x.UserId);
    }
}

internal sealed class SessionAttendanceConfiguration : IEntityTypeConfiguration<SessionAttendance>
{
    public void Configure(EntityTypeBuilder<SessionAttendance> e)
    {
        e.HasKey(a => a.Id);
        e.Property(a => a.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        e.HasOne<ProgrammeSession>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<ProgrammeEnrolment>().WithMany().HasForeignKey(a => a.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(a => new { a.SessionId, a.EnrolmentId }).IsUnique();
        e.HasIndex(a => new { a.ProgrammeId, a.Status });
    }
}

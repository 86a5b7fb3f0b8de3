using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiceng.Web.Modules.Centres.Domain;

internal sealed class ServiceCentreConfiguration : IEntityTypeConfiguration<ServiceCentre>
{
    public void Configure(EntityTypeBuilder<ServiceCentre> e)
    {
        e.HasKey(c => c.Id);
        e.Property(c => c.Version).IsConcurrencyToken();
        e.Property(c => c.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(c => c.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(c => c.Name).HasMaxLength(100).IsRequired();
        e.Property(c => c.Address).HasMaxLength(200);
        e.Property(c => c.ServicePhone).HasMaxLength(30);
        e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32);
        e.HasMany(c => c.Areas).WithOne().HasForeignKey(a => a.CentreId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(c => c.OpeningPeriods).WithOne().HasForeignKey(p => p.CentreId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => new { c.DivisionPath, c.Kind });
        e.HasIndex(c => c.DivisionCode);
    }
}

internal sealed class CentreAreaConfiguration : IEntityTypeConfiguration<CentreArea>
{
    public void Configure(EntityTypeBuilder<CentreArea> e)
    {
        e.HasKey(a => a.Id);
        e.Property(a => a.Name).HasMaxLength(50).IsRequired();
        e.Property(a => a.AreaM2).HasPrecision(9, 1);
    }
}

internal sealed class CentreOpeningPeriodConfiguration : IEntityTypeConfiguration<CentreOpeningPeriod>
{
    public void Configure(EntityTypeBuilder<CentreOpeningPeriod> e)
    {
        e.HasKey(p => p.Id);
        e.Property(p => p.DayType).HasConversion<string>().HasMaxLength(16);
        e.Property(p => p.Note).HasMaxLength(50);
    }
}

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> e)
    {
        e.HasKey(r => r.Id);
        e.Property(r => r.Version).IsConcurrencyToken();
        e.Property(r => r.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(r => r.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(r => r.Name).HasMaxLength(100).IsRequired();
        e.Property(r => r.Description).HasMaxLength(500);
        e.Property(r => r.Location).HasMaxLength(200);
        e.HasOne<ServiceCentre>().WithMany().HasForeignKey(r => r.CentreId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(r => new { r.DivisionCode, r.IsActive });
        e.HasIndex(r => r.DivisionPath);
    }
}

internal sealed class RoomBookingConfiguration : IEntityTypeConfiguration<RoomBooking>
{
    public void Configure(EntityTypeBuilder<RoomBooking> e)
    {
        e.HasKey(b => b.Id);
        e.Property(b => b.Version).IsConcurrencyToken();
        e.Property(b => b.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(b => b.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(b => b.BookerName).HasMaxLength(50).IsRequired();
        e.Property(b => b.GroupName).HasMaxLength(100);
        e.Property(b => b.Purpose).HasMaxLength(200).IsRequired();
        e.Property(b => b.DecisionReason).HasMaxLength(200);
        e.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        e.HasOne<Room>().WithMany().HasForeignKey(b => b.RoomId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(b => new { b.RoomId, b.StartUtc });
        // Backs up the serialised overlap check: two live bookings of a room never start at the same moment.
        e.HasIndex(b => new { b.RoomId, b.StartUtc }).IsUnique().HasFilter("\"Status\" IN ('Pending', 'Confirmed')")
            .HasDatabaseName("IX_RoomBookings_OneLivePerStart");
        e.HasIndex(b => new { b.UserId, b.StartUtc });
        e.HasIndex(b => new { b.DivisionPath, b.Status });
    }
}

internal sealed class DutyShiftConfiguration : IEntityTypeConfiguration<DutyShift>
{
    public void Configure(EntityTypeBuilder<DutyShift> e)
    {
        e.HasKey(s => s.Id);
        e.Property(s => s.Version).IsConcurrencyToken();
        e.Property(s => s.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(s => s.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(s => s.Name).HasMaxLength(30).IsRequired();
        e.HasOne<ServiceCentre>().WithMany().HasForeignKey(s => s.CentreId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => new { s.CentreId, s.SortOrder });
        e.HasIndex(s => s.DivisionPath);
    }
}

internal sealed class DutyAssignmentConfiguration : IEntityTypeConfiguration<DutyAssignment>
{
    public void Configure(EntityTypeBuilder<DutyAssignment> e)
    {
        e.HasKey(a => a.Id);
        e.Property(a => a.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(a => a.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(a => a.StaffName).HasMaxLength(50).IsRequired();
        e.Property(a => a.Post).HasMaxLength(30);
        e.HasOne<DutyShift>().WithMany().HasForeignKey(a => a.ShiftId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(a => new { a.ShiftId, a.Date, a.UserId }).IsUnique();
        e.HasIndex(a => new { a.CentreId, a.Date });
        e.HasIndex(a => new { a.DivisionPath, a.Date });
        e.HasIndex(a => new { a.UserId, a.Date });
    }
}

internal sealed class DutySwapConfiguration : IEntityTypeConfiguration<DutySwap>
{
    public void Configure(EntityTypeBuilder<DutySwap> e)
    {
        e.HasKey(s => s.Id);
        e.Property(s => s.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(s => s.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(s => s.CounterpartName).HasMaxLength(50).IsRequired();
        e.Property(s => s.Reason).HasMaxLength(200);
        e.Property(s => s.DecisionNote).HasMaxLength(200);
        e.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        e.HasIndex(s => new { s.DivisionPath, s.Status });
        e.HasIndex(s => s.FromAssignmentId);
    }
}

internal sealed class DutyGapNoticeConfiguration : IEntityTypeConfiguration<DutyGapNotice>
{
    public void Configure(EntityTypeBuilder<DutyGapNotice> e)
    {
        e.HasKey(n => n.Id);
        e.HasIndex(n => new { n.ShiftId, n.Date }).IsUnique();
    }
}

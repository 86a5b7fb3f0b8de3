using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiceng.Web.Modules.ServiceHall.Domain;

internal sealed class ServiceItemConfiguration : IEntityTypeConfiguration<ServiceItem>
{
    public void Configure(EntityTypeBuilder<ServiceItem> e)
    {
        e.HasKey(i => i.Id);
        e.Property(i => i.Version).IsConcurrencyToken();
        e.Property(i => i.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(i => i.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(i => i.Code).HasMaxLength(20).IsRequired();
        e.Property(i => i.Name).HasMaxLength(100).IsRequired();
        e.Property(i => i.Category).HasMaxLength(20).IsRequired();
        e.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(i => i.ResponsiblePost).HasMaxLength(50).IsRequired();
        e.Property(i => i.LegalBasis).HasMaxLength(500);
        e.Property(i => i.Notes).HasMaxLength(1000);
        e.HasIndex(i => new { i.DivisionCode, i.Code }).IsUnique();
        e.HasIndex(i => new { i.DivisionPath, i.Kind });
    }
}

internal sealed class ServiceSlotConfiguration : IEntityTypeConfiguration<ServiceSlot>
{
    public void Configure(EntityTypeBuilder<ServiceSlot> e)
    {
        e.HasKey(s => s.Id);
        e.Property(s => s.Version).IsConcurrencyToken();
        e.Property(s => s.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(s => s.DivisionPath).HasMaxLength(80).IsRequired();
        e.HasOne<ServiceItem>().WithMany().HasForeignKey(s => s.ItemId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => new { s.ItemId, s.StartUtc }).IsUnique();
        e.HasIndex(s => new { s.DivisionCode, s.Date });
    }
}

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> e)
    {
        e.HasKey(a => a.Id);
        e.Property(a => a.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(a => a.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(a => a.Name).HasMaxLength(50).IsRequired();
        e.Property(a => a.Status).HasConversion<string>().HasMaxLength(24);
        e.Property(a => a.CancelReason).HasMaxLength(200);
        e.HasOne<ServiceSlot>().WithMany().HasForeignKey(a => a.SlotId).OnDelete(DeleteBehavior.Cascade);
        // One live booking per account and slot, also when two requests of the same account race.
        e.HasIndex(a => new { a.SlotId, a.UserId }).IsUnique().HasFilter("\"Status\" = 'Booked'");
        e.HasIndex(a => new { a.UserId, a.Status });
        e.HasIndex(a => new { a.Status, a.SlotStartUtc });
        e.HasIndex(a => new { a.DivisionPath, a.SlotStartUtc });
    }
}

internal sealed class HelpOrderConfiguration : IEntityTypeConfiguration<HelpOrder>
{
    public void Configure(EntityTypeBuilder<HelpOrder> e)
    {
        e.HasKey(o => o.Id);
        e.Property(o => o.Version).IsConcurrencyToken();
        e.Property(o => o.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(o => o.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(o => o.Number).HasMaxLength(24).IsRequired();
        e.Property(o => o.Title).HasMaxLength(100).IsRequired();
        e.Property(o => o.Details).HasMaxLength(2000);
        e.Property(o => o.ResidentName).HasMaxLength(50).IsRequired();
        e.Property(o => o.ResidentPhone).IsSealed(20);
        e.Property(o => o.OpenedByName).HasMaxLength(50).IsRequired();
        e.Property(o => o.ResponsibleName).HasMaxLength(50).IsRequired();
        e.Property(o => o.CaseNumber).HasMaxLength(40);
        e.Property(o => o.Result).HasMaxLength(1000);
        e.Property(o => o.Status).HasConversion<string>().HasMaxLength(24);
        e.HasOne<ServiceItem>().WithMany().HasForeignKey(o => o.ItemId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(o => o.Number).IsUnique();
        e.HasIndex(o => new { o.DivisionPath, o.Status, o.DueUtc });
        e.HasIndex(o => o.UserId);
        e.HasIndex(o => o.CaseId);
    }
}

internal sealed class HardRequestConfiguration : IEntityTypeConfiguration<HardRequest>
{
    public void Configure(EntityTypeBuilder<HardRequest> e)
    {
        e.HasKey(r => r.Id);
        e.Property(r => r.Version).IsConcurrencyToken();
        e.Property(r => r.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(r => r.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(r => r.AskerName).HasMaxLength(50).IsRequired();
        e.Property(r => r.AskerPhone).IsSealed(20);
        e.Property(r => r.Subject).HasMaxLength(200).IsRequired();
        e.Property(r => r.Details).HasMaxLength(2000);
        e.Property(r => r.StuckReason).HasMaxLength(500).IsRequired();
        e.Property(r => r.TakenByName).HasMaxLength(50);
        e.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(16);
        e.Property(r => r.OutcomeNote).HasMaxLength(1000);
        e.HasIndex(r => new { r.DivisionPath, r.Outcome });
    }
}

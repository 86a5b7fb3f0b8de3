using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiceng.Web.Modules.PartyMembers.Domain;

internal sealed class MemberRegistrationConfiguration : IEntityTypeConfiguration<MemberRegistration>
{
    public void Configure(EntityTypeBuilder<MemberRegistration> e)
    {
        e.HasKey(r => r.Id);
        e.Property(r => r.Version).IsConcurrencyToken();
        e.Property(r => r.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(r => r.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(r => r.MemberName).HasMaxLength(50).IsRequired();
        e.Property(r => r.EmployerName).HasMaxLength(100).IsRequired();
        e.Property(r => r.EmployerPartyOrganisation).HasMaxLength(100);
        e.Property(r => r.Skills).HasMaxLength(200);
        e.Property(r => r.DecisionNote).HasMaxLength(500);
        e.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        // One open registration per member: the database holds it against double submits.
        e.HasIndex(r => r.UserId).IsUnique().HasFilter("\"Status\" IN ('Pending', 'Confirmed')").HasDatabaseName("IX_MemberRegistrations_OneOpenPerMember");
        e.HasIndex(r => new { r.DivisionPath, r.Status });
        e.HasIndex(r => r.UnitId);
        e.HasIndex(r => r.PersonId);
    }
}

internal sealed class MemberSessionConfiguration : IEntityTypeConfiguration<MemberSession>
{
    public void Configure(EntityTypeBuilder<MemberSession> e)
    {
        e.HasKey(s => s.Id);
        e.Property(s => s.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(s => s.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(s => s.Title).HasMaxLength(100).IsRequired();
        e.Property(s => s.Place).HasMaxLength(100);
        e.Property(s => s.Summary).HasMaxLength(2000);
        e.Property(s => s.Kind).HasConversion<string>().HasMaxLength(24);
        e.HasIndex(s => new { s.DivisionPath, s.HeldOn });
    }
}

internal sealed class MemberSessionAttendanceConfiguration : IEntityTypeConfiguration<MemberSessionAttendance>
{
    public void Configure(EntityTypeBuilder<MemberSessionAttendance> e)
    {
        e.HasKey(a => a.Id);
        e.Property(a => a.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(a => a.Note).HasMaxLength(1000);
        e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(24);
        e.HasOne<MemberSession>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<MemberRegistration>().WithMany().HasForeignKey(a => a.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(a => new { a.SessionId, a.RegistrationId }).IsUnique();
        e.HasIndex(a => new { a.UserId, a.HeldOn });
    }
}

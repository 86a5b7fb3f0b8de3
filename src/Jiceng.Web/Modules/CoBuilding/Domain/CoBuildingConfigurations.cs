using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiceng.Web.Modules.CoBuilding.Domain;

internal sealed class CoBuildingUnitConfiguration : IEntityTypeConfiguration<CoBuildingUnit>
{
    public void Configure(EntityTypeBuilder<CoBuildingUnit> e)
    {
        e.HasKey(u => u.Id);
        e.Property(u => u.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(u => u.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(u => u.Name).HasMaxLength(100).IsRequired();
        e.Property(u => u.PartyOrganisationName).HasMaxLength(100);
        e.Property(u => u.ContactName).HasMaxLength(50);
        e.Property(u => u.ContactPhone).IsSealed(20);
        e.Property(u => u.Kind).HasConversion<string>().HasMaxLength(40);
        e.HasIndex(u => new { u.DivisionPath, u.Name }).IsUnique();
    }
}

internal sealed class CoBuildingPairingConfiguration : IEntityTypeConfiguration<CoBuildingPairing>
{
    public void Configure(EntityTypeBuilder<CoBuildingPairing> e)
    {
        e.HasKey(p => p.Id);
        e.Property(p => p.Version).IsConcurrencyToken();
        e.Property(p => p.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(p => p.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(p => p.Note).HasMaxLength(500);
        e.Property(p => p.AgreementFileKey).HasMaxLength(80);
        e.Property(p => p.AgreementFileName).HasMaxLength(200);
        e.Property(p => p.Results).HasMaxLength(2000);
        e.HasOne<CoBuildingUnit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        // One open pairing per unit and community.
        e.HasIndex(p => new { p.UnitId, p.DivisionCode }).IsUnique().HasFilter("\"Status\" IN ('Requested', 'Active')")
            .HasDatabaseName("IX_CoBuildingPairings_OneOpenPerUnitAndCommunity");
        e.HasIndex(p => new { p.DivisionPath, p.Status });
        e.HasIndex(p => new { p.DivisionCode, p.Status });
    }
}

internal sealed class CommunityNeedConfiguration : IEntityTypeConfiguration<CommunityNeed>
{
    public void Configure(EntityTypeBuilder<CommunityNeed> e)
    {
        e.HasKey(n => n.Id);
        e.Property(n => n.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(n => n.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(n => n.Category).HasMaxLength(50).IsRequired();
        e.Property(n => n.Item).HasMaxLength(200).IsRequired();
        e.Property(n => n.Detail).HasMaxLength(1000);
        e.HasIndex(n => new { n.DivisionCode, n.Year });
        e.HasIndex(n => n.DivisionPath);
    }
}

internal sealed class UnitResourceConfiguration : IEntityTypeConfiguration<UnitResource>
{
    public void Configure(EntityTypeBuilder<UnitResource> e)
    {
        e.HasKey(r => r.Id);
        e.Property(r => r.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(r => r.Category).HasMaxLength(50).IsRequired();
        e.Property(r => r.Item).HasMaxLength(200).IsRequired();
        e.Property(r => r.Detail).HasMaxLength(1000);
        e.HasOne<CoBuildingUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.UnitId, r.Year });
    }
}

internal sealed class JointProjectConfiguration : IEntityTypeConfiguration<JointProject>
{
    public void Configure(EntityTypeBuilder<JointProject> e)
    {
        e.HasKey(p => p.Id);
        e.Property(p => p.Version).IsConcurrencyToken();
        e.Property(p => p.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(p => p.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(p => p.Title).HasMaxLength(200).IsRequired();
        e.Property(p => p.ProgressNote).HasMaxLength(2000);
        e.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        e.HasOne<CoBuildingPairing>().WithMany().HasForeignKey(p => p.PairingId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(p => new { p.PairingId, p.Year });
        e.HasIndex(p => new { p.DivisionPath, p.Status });
        e.HasIndex(p => p.UnitId);
    }
}

internal sealed class RotatingChairMonthConfiguration : IEntityTypeConfiguration<RotatingChairMonth>
{
    public void Configure(EntityTypeBuilder<RotatingChairMonth> e)
    {
        e.HasKey(m => m.Id);
        e.Property(m => m.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(m => m.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(m => m.Theme).HasMaxLength(200);
        e.HasIndex(m => new { m.DivisionCode, m.Year, m.Month }).IsUnique();
        e.HasIndex(m => new { m.Year, m.Month, m.ReminderSentUtc });
        e.HasIndex(m => m.UnitId);
    }
}

internal sealed class JointMeetingConfiguration : IEntityTypeConfiguration<JointMeeting>
{
    public void Configure(EntityTypeBuilder<JointMeeting> e)
    {
        e.HasKey(m => m.Id);
        e.Property(m => m.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(m => m.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(m => m.Title).HasMaxLength(200).IsRequired();
        e.Property(m => m.Place).HasMaxLength(200);
        e.Property(m => m.Convener).HasMaxLength(100);
        e.Property(m => m.Minutes).HasMaxLength(8000);
        e.Property(m => m.Decisions).HasMaxLength(4000);
        e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        e.HasIndex(m => new { m.DivisionCode, m.HeldOn });
        e.HasIndex(m => new { m.DivisionPath, m.HeldOn });
    }
}

internal sealed class JointMeetingAttendeeConfiguration : IEntityTypeConfiguration<JointMeetingAttendee>
{
    public void Configure(EntityTypeBuilder<JointMeetingAttendee> e)
    {
        e.HasKey(a => a.Id);
        e.Property(a => a.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(a => a.Name).HasMaxLength(100).IsRequired();
        e.HasOne<JointMeeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(a => a.MeetingId);
        e.HasIndex(a => a.CommitteeMemberId);
        e.HasIndex(a => a.UnitId);
    }
}

internal sealed class PartTimeCommitteeMemberConfiguration : IEntityTypeConfiguration<PartTimeCommitteeMember>
{
    public void Configure(EntityTypeBuilder<PartTimeCommitteeMember> e)
    {
        e.HasKey(m => m.Id);
        e.Property(m => m.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(m => m.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(m => m.Name).HasMaxLength(50).IsRequired();
        e.Property(m => m.Post).HasMaxLength(100);
        e.Property(m => m.Education).HasMaxLength(50);
        e.Property(m => m.Duty).HasMaxLength(200);
        e.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        e.HasOne<CoBuildingUnit>().WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(m => new { m.DivisionPath, m.Status });
        e.HasIndex(m => m.UnitId);
    }
}

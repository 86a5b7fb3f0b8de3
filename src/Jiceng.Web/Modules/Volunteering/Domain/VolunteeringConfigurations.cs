using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiceng.Web.Modules.Volunteering.Domain;

internal sealed class VolunteerTeamConfiguration : IEntityTypeConfiguration<VolunteerTeam>
{
    public void Configure(EntityTypeBuilder<VolunteerTeam> e)
    {
        e.HasKey(t => t.Id);
        e.Property(t => t.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(t => t.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(t => t.Name).HasMaxLength(100).IsRequired();
        e.Property(t => t.LeaderName).HasMaxLength(50);
        e.Property(t => t.Description).HasMaxLength(500);
        e.Property(t => t.Kind).HasConversion<string>().HasMaxLength(24);
        e.HasIndex(t => t.DivisionPath);
    }
}

internal sealed class VolunteerTeamMemberConfiguration : IEntityTypeConfiguration<VolunteerTeamMember>
{
    public void Configure(EntityTypeBuilder<VolunteerTeamMember> e)
    {
        e.HasKey(m => m.Id);
        e.Property(m => m.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(m => m.Name).HasMaxLength(50).IsRequired();
        e.Property(m => m.Skills).HasMaxLength(200);
        e.HasOne<VolunteerTeam>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(m => new { m.TeamId, m.UserId }).IsUnique().HasFilter("\"UserId\" IS NOT NULL");
        e.HasIndex(m => m.UserId);
    }
}

internal sealed class VolunteerActivityConfiguration : IEntityTypeConfiguration<VolunteerActivity>
{
    public void Configure(EntityTypeBuilder<VolunteerActivity> e)
    {
        e.HasKey(a => a.Id);
        e.Property(a => a.Version).IsConcurrencyToken();
        e.Property(a => a.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(a => a.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(a => a.Title).HasMaxLength(100).IsRequired();
        e.Property(a => a.Theme).HasMaxLength(50);
        e.Property(a => a.Description).HasMaxLength(2000);
        e.Property(a => a.Place).HasMaxLength(200).IsRequired();
        e.Property(a => a.RequiredSkills).HasMaxLength(200);
        e.Property(a => a.CheckInCode).HasMaxLength(40).IsRequired();
        e.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        e.HasOne<VolunteerTeam>().WithMany().HasForeignKey(a => a.TeamId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(a => a.CheckInCode).IsUnique();
        e.HasIndex(a => new { a.DivisionPath, a.StartUtc });
        e.HasIndex(a => new { a.DivisionCode, a.Status });
    }
}

internal sealed class ActivitySignupConfiguration : IEntityTypeConfiguration<ActivitySignup>
{
    public void Configure(EntityTypeBuilder<ActivitySignup> e)
    {
        e.HasKey(s => s.Id);
        e.Property(s => s.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(s => s.Name).HasMaxLength(50).IsRequired();
        e.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        e.HasOne<VolunteerActivity>().WithMany().HasForeignKey(s => s.ActivityId).OnDelete(DeleteBehavior.Cascade);
        // One live sign-up per volunteer and activity (a cancelled one may be followed by a new one).
        e.HasIndex(s => new { s.ActivityId, s.UserId }).IsUnique().HasFilter("\"Status\" = 'SignedUp' AND \"UserId\" IS NOT NULL")
            .HasDatabaseName("IX_ActivitySignups_OneLivePerVolunteer");
        e.HasIndex(s => new { s.UserId, s.ActivityStartUtc });
        e.HasIndex(s => s.PersonId);
    }
}

internal sealed class VolunteerHoursClaimConfiguration : IEntityTypeConfiguration<VolunteerHoursClaim>
{
    public void Configure(EntityTypeBuilder<VolunteerHoursClaim> e)
    {
        e.HasKey(c => c.Id);
        e.Property(c => c.Version).IsConcurrencyToken();
        e.Property(c => c.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(c => c.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(c => c.Name).HasMaxLength(50).IsRequired();
        e.Property(c => c.Description).HasMaxLength(1000).IsRequired();
        e.Property(c => c.DecisionNote).HasMaxLength(500);
        e.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        e.HasIndex(c => new { c.DivisionPath, c.Status });
        e.HasIndex(c => new { c.UserId, c.ServedOn });
    }
}

using Jiceng.Web.Modules.Grids.Domain;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiceng.Web.Modules.Residents.Domain;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> e)
    {
        e.HasKey(p => p.Id);
        e.Property(p => p.Version).IsConcurrencyToken();
        e.Property(p => p.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(p => p.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(p => p.RelationToHead).HasMaxLength(16);
        e.Property(p => p.Name).HasMaxLength(64).IsRequired();
        e.Property(p => p.SealedName).IsSealed(64);
        e.Property(p => p.IdNumber).IsSealed(18);
        e.Property(p => p.IdNumberHash).HasMaxLength(64);
        e.Property(p => p.Phone).IsSealed(20);
        e.Property(p => p.PhoneHash).HasMaxLength(64);
        e.Property(p => p.PhoneTail).HasMaxLength(4);
        e.Property(p => p.Address).IsSealed(200);
        e.Property(p => p.BirthDate).IsSealed(10);
        e.Property(p => p.HealthNote).IsSealed(500);
        e.Property(p => p.WelfareNote).IsSealed(500);
        e.Ignore(p => p.FullName);
        e.HasOne<Division>().WithMany().HasForeignKey(p => p.DivisionCode).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Grid>().WithMany().HasForeignKey(p => p.GridId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Household>().WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.SetNull);
        // One record per person: the same ID number cannot be entered twice (NULLs are allowed many times).
        e.HasIndex(p => p.IdNumberHash).IsUnique();
        e.HasIndex(p => p.PhoneHash);
        e.HasIndex(p => new { p.DivisionPath, p.Name });
        e.HasIndex(p => new { p.DivisionPath, p.PhoneTail });
        e.HasIndex(p => p.GridId);
        e.HasIndex(p => p.HouseholdId);
        e.HasIndex(p => p.UserId);
    }
}

internal sealed class PersonRoleConfiguration : IEntityTypeConfiguration<PersonRole>
{
    public void Configure(EntityTypeBuilder<PersonRole> e)
    {
        e.HasKey(r => r.Id);
        e.Property(r => r.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(24);
        e.Property(r => r.Employer).HasMaxLength(100);
        e.Property(r => r.Title).HasMaxLength(64);
        e.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PartyOrganisation>().WithMany().HasForeignKey(r => r.PartyOrganisationId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(r => new { r.PersonId, r.Kind }).IsUnique();
        e.HasIndex(r => new { r.Kind, r.DivisionPath });
    }
}

internal sealed class PersonTagConfiguration : IEntityTypeConfiguration<PersonTag>
{
    public void Configure(EntityTypeBuilder<PersonTag> e)
    {
        e.HasKey(t => new { t.PersonId, t.GroupCode });
        e.Property(t => t.GroupCode).HasMaxLength(32);
        e.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(t => t.GroupCode);
    }
}

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> e)
    {
        e.HasKey(h => h.Id);
        e.Property(h => h.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(h => h.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(h => h.Room).IsSealed(16);
        e.Property(h => h.Address).IsSealed(200);
        e.HasOne<Division>().WithMany().HasForeignKey(h => h.DivisionCode).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Grid>().WithMany().HasForeignKey(h => h.GridId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Building>().WithMany().HasForeignKey(h => h.BuildingId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(h => h.DivisionPath);
        e.HasIndex(h => h.GridId);
        e.HasIndex(h => new { h.BuildingId, h.UnitNo });
    }
}

internal sealed class CommunityProfileConfiguration : IEntityTypeConfiguration<CommunityProfile>
{
    public void Configure(EntityTypeBuilder<CommunityProfile> e)
    {
        e.HasKey(c => c.DivisionCode);
        e.Property(c => c.DivisionCode).HasMaxLength(12);
        e.Property(c => c.DivisionPath).HasMaxLength(80).IsRequired();
        e.HasOne<Division>().WithMany().HasForeignKey(c => c.DivisionCode).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => c.DivisionPath);
    }
}

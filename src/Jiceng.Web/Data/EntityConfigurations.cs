using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiceng.Web.Data;

internal sealed class DivisionConfiguration : IEntityTypeConfiguration<Division>
{
    public void Configure(EntityTypeBuilder<Division> e)
    {
        e.HasKey(d => d.Code);
        e.Property(d => d.Code).HasMaxLength(12);
        e.Property(d => d.Name).HasMaxLength(100).IsRequired();
        e.Property(d => d.Level).HasConversion<string>().HasMaxLength(16);
        e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(d => d.ParentCode).HasMaxLength(12);
        e.Property(d => d.Path).HasMaxLength(80).IsRequired();
        e.Ignore(d => d.ShortName);
        e.HasIndex(d => d.ParentCode);
        e.HasIndex(d => d.Path).IsUnique();
        e.HasIndex(d => d.Name);
    }
}

internal sealed class PartyOrganisationConfiguration : IEntityTypeConfiguration<PartyOrganisation>
{
    public void Configure(EntityTypeBuilder<PartyOrganisation> e)
    {
        e.HasKey(p => p.Id);
        e.Property(p => p.Name).HasMaxLength(100).IsRequired();
        e.Property(p => p.Level).HasConversion<string>().HasMaxLength(32);
        e.Property(p => p.Path).HasMaxLength(400).IsRequired();
        e.Property(p => p.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(p => p.DivisionPath).HasMaxLength(80).IsRequired();
        e.HasOne<PartyOrganisation>().WithMany().HasForeignKey(p => p.ParentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Division>().WithMany().HasForeignKey(p => p.DivisionCode).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => p.Path).IsUnique();
        e.HasIndex(p => p.DivisionPath);
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> e)
    {
        e.HasKey(d => d.Id);
        e.Property(d => d.Name).HasMaxLength(100).IsRequired();
        e.Property(d => d.ShortCode).HasMaxLength(16).IsRequired();
        e.Property(d => d.CountyCode).HasMaxLength(12).IsRequired();
        e.Property(d => d.CountyPath).HasMaxLength(80).IsRequired();
        e.Property(d => d.Duties).HasMaxLength(500);
        e.HasOne<Division>().WithMany().HasForeignKey(d => d.CountyCode).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(d => new { d.CountyCode, d.ShortCode }).IsUnique();
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> e)
    {
        e.Property(u => u.DisplayName).HasMaxLength(64);
        e.Property(u => u.DivisionCode).HasMaxLength(12);
        e.HasOne<Division>().WithMany().HasForeignKey(u => u.DivisionCode).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Department>().WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> e)
    {
        e.HasKey(s => s.Id);
        e.Property(s => s.Id).HasMaxLength(64);
        e.Property(s => s.EndReason).HasMaxLength(32);
        e.Property(s => s.ClientAddress).HasMaxLength(64);
        e.Property(s => s.Channel).HasMaxLength(16);
        e.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => s.UserId);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.HasKey(a => a.Id);
        e.Property(a => a.UserName).HasMaxLength(256);
        e.Property(a => a.Roles).HasMaxLength(256);
        e.Property(a => a.OrganisationUnit).HasMaxLength(64);
        e.Property(a => a.Action).HasMaxLength(64).IsRequired();
        e.Property(a => a.ObjectType).HasMaxLength(64);
        e.Property(a => a.ObjectId).HasMaxLength(128);
        e.Property(a => a.Result).HasConversion<string>().HasMaxLength(16);
        e.Property(a => a.ClientAddress).HasMaxLength(64);
        e.Property(a => a.Detail).HasMaxLength(1000);
        e.HasIndex(a => a.OccurredUtc);
        e.HasIndex(a => new { a.UserName, a.OccurredUtc });
        e.HasIndex(a => new { a.Action, a.OccurredUtc });
    }
}

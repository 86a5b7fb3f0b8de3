using Jiceng.Web.Modules.Organisation.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiceng.Web.Modules.Grids.Domain;

internal sealed class GridConfiguration : IEntityTypeConfiguration<Grid>
{
    public void Configure(EntityTypeBuilder<Grid> e)
    {
        e.HasKey(g => g.Id);
        e.Property(g => g.Version).IsConcurrencyToken();
        e.Property(g => g.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(g => g.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(g => g.Name).HasMaxLength(64).IsRequired();
        e.Property(g => g.Code).HasMaxLength(16);
        e.Property(g => g.BoundaryGeoJson).HasMaxLength(200_000);
        e.Property(g => g.MergedNets).HasMaxLength(200);
        e.HasOne<Division>().WithMany().HasForeignKey(g => g.DivisionCode).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PartyOrganisation>().WithMany().HasForeignKey(g => g.PartyBranchId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(g => new { g.DivisionCode, g.Name }).IsUnique();
        e.HasIndex(g => g.DivisionPath);
        // A located point narrows the candidates to the grids whose box holds it, in its community.
        e.HasIndex(g => new { g.DivisionCode, g.MinLng, g.MaxLng });
    }
}

internal sealed class GridWorkerAssignmentConfiguration : IEntityTypeConfiguration<GridWorkerAssignment>
{
    public void Configure(EntityTypeBuilder<GridWorkerAssignment> e)
    {
        e.HasKey(a => a.Id);
        e.Property(a => a.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(a => a.Type).HasConversion<string>().HasMaxLength(16);
        e.HasOne<Grid>().WithMany().HasForeignKey(a => a.GridId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Residents.Domain.Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(a => new { a.GridId, a.PersonId }).IsUnique();
        e.HasIndex(a => a.PersonId);
        // 一人一格 held by the database too, against two assignments racing: one full-time worker per grid, one grid per full-time worker.
        e.HasIndex(a => a.GridId).IsUnique().HasFilter("\"Type\" = 'FullTime'").HasDatabaseName("IX_GridWorkerAssignments_OneFullTimePerGrid");
        e.HasIndex(a => a.PersonId).IsUnique().HasFilter("\"Type\" = 'FullTime'").HasDatabaseName("IX_GridWorkerAssignments_OneGridPerFullTime");
    }
}

internal sealed class BuildingConfiguration : IEntityTypeConfiguration<Building>
{
    public void Configure(EntityTypeBuilder<Building> e)
    {
        e.HasKey(b => b.Id);
        e.Property(b => b.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(b => b.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(b => b.Name).HasMaxLength(64).IsRequired();
        e.Property(b => b.Compound).HasMaxLength(64);
        e.Ignore(b => b.DisplayName);
        e.HasOne<Grid>().WithMany().HasForeignKey(b => b.GridId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(b => new { b.GridId, b.Compound, b.Name }).IsUnique();
        e.HasIndex(b => b.DivisionPath);
    }
}

internal sealed class GridPairingConfiguration : IEntityTypeConfiguration<GridPairing>
{
    public void Configure(EntityTypeBuilder<GridPairing> e)
    {
        e.HasKey(p => p.Id);
        e.Property(p => p.DivisionPath).HasMaxLength(80).IsRequired();
        e.HasOne<Grid>().WithMany().HasForeignKey(p => p.GridId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Residents.Domain.Person>().WithMany().HasForeignKey(p => p.PartyMemberPersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Residents.Domain.Person>().WithMany().HasForeignKey(p => p.GridWorkerPersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(p => p.Households).WithOne().HasForeignKey(h => h.PairingId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(p => p.Households).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.HasIndex(p => p.GridId);
        e.HasIndex(p => p.DivisionPath);
    }
}

internal sealed class GridPairingHouseholdConfiguration : IEntityTypeConfiguration<GridPairingHousehold>
{
    public void Configure(EntityTypeBuilder<GridPairingHousehold> e)
    {
        e.HasKey(h => new { h.PairingId, h.HouseholdId });
        e.HasOne<Residents.Domain.Household>().WithMany().HasForeignKey(h => h.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(h => h.HouseholdId).IsUnique();
    }
}

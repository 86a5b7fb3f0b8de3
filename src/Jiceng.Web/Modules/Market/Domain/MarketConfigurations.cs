using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiceng.Web.Modules.Market.Domain;

internal sealed class CommunityMarketConfiguration : IEntityTypeConfiguration<CommunityMarket>
{
    public void Configure(EntityTypeBuilder<CommunityMarket> e)
    {
        e.ToTable("Markets");
        e.HasKey(m => m.Id);
        e.Property(m => m.Version).IsConcurrencyToken();
        e.Property(m => m.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(m => m.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(m => m.Name).HasMaxLength(100).IsRequired();
        e.Property(m => m.Place).HasMaxLength(200).IsRequired();
        e.Property(m => m.Zones).HasMaxLength(200).IsRequired();
        e.Property(m => m.Theme).HasMaxLength(100);
        e.Property(m => m.Organiser).HasMaxLength(100);
        e.Property(m => m.SupervisionHotline).HasMaxLength(32);
        e.Property(m => m.LoveStallFreeItems).HasMaxLength(200);
        e.Property(m => m.DeliveryTeamName).HasMaxLength(100);
        e.Ignore(m => m.ZoneList);
        e.HasIndex(m => m.DivisionPath);
        e.HasIndex(m => m.DivisionCode);
    }
}

internal sealed class MarketDayConfiguration : IEntityTypeConfiguration<MarketDay>
{
    public void Configure(EntityTypeBuilder<MarketDay> e)
    {
        e.HasKey(d => d.Id);
        e.Property(d => d.Version).IsConcurrencyToken();
        e.Property(d => d.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(d => d.Theme).HasMaxLength(100);
        e.Property(d => d.NeedsSource).HasMaxLength(300);
        e.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        e.HasOne<CommunityMarket>().WithMany().HasForeignKey(d => d.MarketId).OnDelete(DeleteBehavior.Cascade);
        // One market day per market and date (a cancelled one stays in the record, a new date is planned instead).
        e.HasIndex(d => new { d.MarketId, d.Date }).IsUnique();
        e.HasIndex(d => d.DivisionPath);
    }
}

internal sealed class MarketVendorConfiguration : IEntityTypeConfiguration<MarketVendor>
{
    public void Configure(EntityTypeBuilder<MarketVendor> e)
    {
        e.HasKey(v => v.Id);
        e.Property(v => v.Version).IsConcurrencyToken();
        e.Property(v => v.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(v => v.Name).HasMaxLength(100).IsRequired();
        e.Property(v => v.Kind).HasConversion<string>().HasMaxLength(24);
        e.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(v => v.ContactName).IsSealed(50).IsRequired();
        e.Property(v => v.ContactPhone).IsSealed(20);
        e.Property(v => v.LicenceNo).HasMaxLength(32);
        e.Property(v => v.GoodsCategories).HasMaxLength(200).IsRequired();
        e.Property(v => v.StallNo).HasMaxLength(16);
        e.Property(v => v.ExpelReason).HasMaxLength(500);
        e.HasOne<CommunityMarket>().WithMany().HasForeignKey(v => v.MarketId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(v => v.History).WithOne().HasForeignKey(h => h.VendorId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(v => v.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.HasIndex(v => new { v.MarketId, v.Status });
        e.HasIndex(v => new { v.MarketId, v.LicenceNo });
        e.HasIndex(v => new { v.MarketId, v.Name });
        e.HasIndex(v => v.DivisionPath);
    }
}

internal sealed class VendorStatusChangeConfiguration : IEntityTypeConfiguration<VendorStatusChange>
{
    public void Configure(EntityTypeBuilder<VendorStatusChange> e)
    {
        e.ToTable("MarketVendorStatusChanges");
        e.HasKey(h => h.Id);
        // Ids are set in the constructor: a new row found through the vendor's History is then an insert, not an update.
        e.Property(h => h.Id).ValueGeneratedNever();
        e.Property(h => h.From).HasConversion<string>().HasMaxLength(16);
        e.Property(h => h.To).HasConversion<string>().HasMaxLength(16);
        e.Property(h => h.Reason).HasMaxLength(500).IsRequired();
        e.HasIndex(h => new { h.VendorId, h.AtUtc });
    }
}

internal sealed class MarketGoodsConfiguration : IEntityTypeConfiguration<MarketGoods>
{
    public void Configure(EntityTypeBuilder<MarketGoods> e)
    {
        e.ToTable("MarketGoods");
        e.HasKey(g => g.Id);
        e.Property(g => g.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(g => g.Name).HasMaxLength(100).IsRequired();
        e.Property(g => g.Category).HasMaxLength(32);
        e.Property(g => g.Unit).HasMaxLength(16).IsRequired();
        e.Ignore(g => g.SavingFen);
        e.HasOne<MarketDay>().WithMany().HasForeignKey(g => g.MarketDayId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<MarketVendor>().WithMany().HasForeignKey(g => g.VendorId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(g => new { g.MarketDayId, g.VendorId });
        e.HasIndex(g => g.MarketId);
    }
}

internal sealed class SpotCheckConfiguration : IEntityTypeConfiguration<SpotCheck>
{
    public void Configure(EntityTypeBuilder<SpotCheck> e)
    {
        e.ToTable("MarketSpotChecks");
        e.HasKey(c => c.Id);
        e.Property(c => c.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(c => c.GoodsName).HasMaxLength(100).IsRequired();
        e.Property(c => c.Inspector).HasMaxLength(100).IsRequired();
        e.Property(c => c.Note).HasMaxLength(500);
        e.Property(c => c.Result).HasConversion<string>().HasMaxLength(8);
        e.HasOne<MarketDay>().WithMany().HasForeignKey(c => c.MarketDayId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<MarketVendor>().WithMany().HasForeignKey(c => c.VendorId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => new { c.MarketId, c.CheckedUtc });
        e.HasIndex(c => c.MarketDayId);
        e.HasIndex(c => c.VendorId);
    }
}

internal sealed class LoveStallPurchaseConfiguration : IEntityTypeConfiguration<LoveStallPurchase>
{
    public void Configure(EntityTypeBuilder<LoveStallPurchase> e)
    {
        e.ToTable("MarketLoveStallPurchases");
        e.HasKey(p => p.Id);
        e.Property(p => p.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(p => p.Item).HasMaxLength(100).IsRequired();
        e.Property(p => p.Unit).HasMaxLength(16).IsRequired();
        e.Property(p => p.Quantity).HasPrecision(10, 2);
        e.Property(p => p.CheckedStatus).HasConversion<string>().HasMaxLength(16);
        e.HasOne<MarketDay>().WithMany().HasForeignKey(p => p.MarketDayId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(p => p.MarketDayId);
        e.HasIndex(p => new { p.MarketId, p.PurchasedUtc });
        e.HasIndex(p => p.PersonId);
    }
}

internal sealed class DeliveryTeamMemberConfiguration : IEntityTypeConfiguration<DeliveryTeamMember>
{
    public void Configure(EntityTypeBuilder<DeliveryTeamMember> e)
    {
        e.ToTable("MarketDeliveryTeamMembers");
        e.HasKey(m => m.Id);
        e.Property(m => m.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(m => m.Name).HasMaxLength(50).IsRequired();
        e.Property(m => m.Phone).IsSealed(20);
        e.HasOne<CommunityMarket>().WithMany().HasForeignKey(m => m.MarketId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(m => m.MarketId);
    }
}

internal sealed class DeliveryOrderConfiguration : IEntityTypeConfiguration<DeliveryOrder>
{
    public void Configure(EntityTypeBuilder<DeliveryOrder> e)
    {
        e.ToTable("MarketDeliveryOrders");
        e.HasKey(o => o.Id);
        e.Property(o => o.Version).IsConcurrencyToken();
        e.Property(o => o.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(o => o.RecipientName).IsSealed(50).IsRequired();
        e.Property(o => o.Address).IsSealed(200).IsRequired();
        e.Property(o => o.Phone).IsSealed(20);
        e.Property(o => o.Goods).HasMaxLength(300).IsRequired();
        e.Property(o => o.Note).HasMaxLength(300);
        e.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        e.HasOne<MarketDay>().WithMany().HasForeignKey(o => o.MarketDayId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<DeliveryTeamMember>().WithMany().HasForeignKey(o => o.AssignedMemberId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(o => new { o.MarketId, o.Status });
        e.HasIndex(o => o.MarketDayId);
        e.HasIndex(o => o.AssignedMemberId);
    }
}

internal sealed class StallAllocationConfiguration : IEntityTypeConfiguration<StallAllocation>
{
    public void Configure(EntityTypeBuilder<StallAllocation> e)
    {
        e.ToTable("MarketStallAllocations");
        e.HasKey(a => a.Id);
        e.Property(a => a.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(a => a.StallNo).HasMaxLength(16).IsRequired();
        e.Property(a => a.Reason).HasMaxLength(300);
        e.Ignore(a => a.IsFree);
        e.HasOne<MarketVendor>().WithMany().HasForeignKey(a => a.VendorId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(a => a.MarketId);
        e.HasIndex(a => a.VendorId);
    }
}

internal sealed class MarketSupervisorConfiguration : IEntityTypeConfiguration<MarketSupervisor>
{
    public void Configure(EntityTypeBuilder<MarketSupervisor> e)
    {
        e.HasKey(s => s.Id);
        e.Property(s => s.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(s => s.Name).IsSealed(50).IsRequired();
        e.HasOne<CommunityMarket>().WithMany().HasForeignKey(s => s.MarketId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => new { s.MarketId, s.UserId });
        e.HasIndex(s => s.UserId);
    }
}

internal sealed class MarketComplaintConfiguration : IEntityTypeConfiguration<MarketComplaint>
{
    public void Configure(EntityTypeBuilder<MarketComplaint> e)
    {
        e.HasKey(c => c.Id);
        e.Property(c => c.Version).IsConcurrencyToken();
        e.Property(c => c.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(c => c.ReporterName).IsSealed(50).IsRequired();
        e.Property(c => c.Source).HasConversion<string>().HasMaxLength(16);
        e.Property(c => c.Category).HasConversion<string>().HasMaxLength(16);
        e.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(c => c.Text).HasMaxLength(1000).IsRequired();
        e.Property(c => c.Result).HasMaxLength(1000);
        e.HasOne<CommunityMarket>().WithMany().HasForeignKey(c => c.MarketId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => new { c.MarketId, c.Status });
        e.HasIndex(c => c.UserId);
    }
}

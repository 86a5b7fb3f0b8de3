using Jiceng.Web.Data;
using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiceng.Web.Modules.Wishes.Domain;

internal sealed class WishConfiguration : IEntityTypeConfiguration<Wish>
{
    public void Configure(EntityTypeBuilder<Wish> e)
    {
        e.HasKey(w => w.Id);
        e.Property(w => w.Version).IsConcurrencyToken();
        e.Property(w => w.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(w => w.DivisionPath).HasMaxLength(80).IsRequired();
        e.Property(w => w.Title).HasMaxLength(100).IsRequired();
        e.Property(w => w.Description).HasMaxLength(2000).IsRequired();
        e.Property(w => w.Category).HasMaxLength(32).IsRequired();
        e.Property(w => w.BudgetEstimate).HasConversion(Money.AsFen);
        e.Property(w => w.FulfilmentValue).HasConversion(Money.AsFen);
        e.Property(w => w.PhotoKey).HasMaxLength(80);
        e.Property(w => w.FulfilmentPhotoKey).HasMaxLength(80);
        e.Property(w => w.WisherName).HasMaxLength(50);
        e.Property(w => w.WisherPhone).IsSealed(20);
        e.Property(w => w.ReviewNote).HasMaxLength(500);
        e.Property(w => w.ClaimantName).HasMaxLength(100);
        e.Property(w => w.FulfilmentNote).HasMaxLength(2000);
        e.Property(w => w.ThanksNote).HasMaxLength(500);
        e.Property(w => w.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(w => w.ClaimantKind).HasConversion<string>().HasMaxLength(16);
        e.HasIndex(w => new { w.DivisionPath, w.Status });
        e.HasIndex(w => new { w.DivisionCode, w.Status });
        e.HasIndex(w => w.ClaimantUserId);
        e.HasIndex(w => w.ClaimantUnitId);
        e.HasIndex(w => w.WisherUserId);
        e.HasIndex(w => new { w.Status, w.ClaimDeadlineUtc });
    }
}

using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiceng.Web.Modules.Notifications;

/// <summary>An in-app message to one account. Written in the same transaction as the change it reports.</summary>
public sealed class Notification
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string? Link { get; set; }
    public DateTime? ReadUtc { get; set; }
}

public enum OutboxChannel
{
    Sms,
    WeChat,
}

/// <summary>
/// A message for an outside gateway (SMS, WeChat), written in the same transaction as the change, delivered later
/// by <see cref="OutboxDispatcher"/> at least once. A gateway being down delays it; nothing is lost.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public DateTime CreatedUtc { get; set; }
    public OutboxChannel Channel { get; set; }
    /// <summary>A phone number or an openid: personal data, encrypted at rest.</summary>
    public string Recipient { get; set; } = "";
    public string Body { get; set; } = "";
    public int Attempts { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    public DateTime? SentUtc { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A named lease in the database: the node holding it runs the job; the others wait (several nodes, one runner).</summary>
public sealed class JobLease
{
    public string Name { get; set; } = "";
    public string Owner { get; set; } = "";
    public DateTime UntilUtc { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Title).HasMaxLength(100).IsRequired();
        e.Property(x => x.Body).HasMaxLength(500).IsRequired();
        e.Property(x => x.Link).HasMaxLength(200);
        e.HasIndex(x => new { x.UserId, x.Id });
        e.HasOne<Platform.Auth.AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Recipient).HasMaxLength(300).HasConversion(PersonalData.Converter).IsRequired();
        e.Property(x => x.Body).HasMaxLength(500).IsRequired();
        e.Property(x => x.LastError).HasMaxLength(500);
        e.HasIndex(x => new { x.SentUtc, x.NextAttemptUtc });
    }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> e)
    {
        e.HasKey(x => x.Name);
        e.Property(x => x.Name).HasMaxLength(64);
        e.Property(x => x.Owner).HasMaxLength(128).IsRequired();
    }
}

using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiceng.Web.Modules.Cases.Domain;

public enum AccountabilityKind
{
    /// <summary>The lead department did not claim within the response limit (不按规定响应).</summary>
    LateResponse,
    /// <summary>Not done within the handling limit (处置不及时).</summary>
    OverdueHandling,
}

/// <summary>
/// 问责台账: a unit (department or community) that let a case run late. Written by the deadline monitor, never
/// typed in; scoped by the case's division so the county sees all of its own.
/// </summary>
public sealed class AccountabilityRecord : IDivisionScoped
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public AccountabilityKind Kind { get; set; }
    public Guid? DepartmentId { get; set; }
    public string DivisionCode { get; set; } = "";
    public string DivisionPath { get; set; } = "";
    public DateTime DueUtc { get; set; }
    public DateTime RecordedUtc { get; set; }
}

internal sealed class AccountabilityRecordConfiguration : IEntityTypeConfiguration<AccountabilityRecord>
{
    public void Configure(EntityTypeBuilder<AccountabilityRecord> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        e.Property(x => x.DivisionCode).HasMaxLength(12).IsRequired();
        e.Property(x => x.DivisionPath).HasMaxLength(80).IsRequired();
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.CaseId, x.Kind }).IsUnique();
        e.HasIndex(x => new { x.DivisionPath, x.RecordedUtc });
        e.HasIndex(x => new { x.DepartmentId, x.RecordedUtc });
    }
}

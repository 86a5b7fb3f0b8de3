using Jiceng.Web.Data;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Scope;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Platform.Audit;

/// <summary>Writes audit entries: change capture inside SaveChanges, and explicit events (logins, reads of personal data).</summary>
public sealed class AuditTrail(IDbContextFactory<AppDbContext> contexts, CurrentUser currentUser, TimeProvider time)
{
    // Bookkeeping on the user row that the login audit entries already describe.
    private static readonly HashSet<string> LoginBookkeeping =
        [nameof(AppUser.AccessFailedCount), nameof(AppUser.LockoutEnd), nameof(AppUser.ConcurrencyStamp), nameof(AppUser.SecurityStamp)];

    // Bookkeeping rows that no one acts on: messages derived from an audited change (notifications, the outbox, the
    // once-only marks of reminders) and the background jobs' leases, renewed every pass. Auditing them only buries the
    // entries that matter.
    private static readonly HashSet<Type> NotAudited =
    [
        typeof(AuditEntry), typeof(UserSession), typeof(DataProtectionKey), typeof(Modules.Notifications.Notification),
        typeof(Modules.Notifications.OutboxMessage), typeof(Modules.Notifications.JobLease), typeof(Modules.Care.Domain.CareVisitReminder),
    ];

    /// <summary>
    /// Records an event in its own context and transaction, so it is kept even when the caller's work fails
    /// and never drags the caller's unsaved changes along.
    /// </summary>
    public async Task RecordAsync(string action, AuditResult result, string? objectType = null, string? objectId = null,
        string? detail = null, AppUser? actingUser = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entry = NewEntry(currentUser, time.GetUtcNow().UtcDateTime, action, result, objectType, objectId, detail);
        if (actingUser is not null)
        {
            entry.UserId = actingUser.Id;
            entry.UserName = actingUser.UserName;
            entry.OrganisationUnit = actingUser.DivisionCode ?? actingUser.DepartmentId?.ToString();
        }
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds an entry for every insert, update and delete in the pending changes (field names only, never values).</summary>
    internal static void CaptureChanges(AppDbContext db, CurrentUser user, DateTime nowUtc)
    {
        var tracker = db.ChangeTracker;
        tracker.DetectChanges();
        foreach (var entry in tracker.Entries()
                     .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                     .ToList())
        {
            var type = entry.Metadata.ClrType;
            if (type == typeof(AuditEntry) && entry.State != EntityState.Added)
            {
                throw new InvalidOperationException("The audit trail is append-only.");
            }
            if (NotAudited.Contains(type) || entry.Metadata.IsOwned())
            {
                continue;
            }
            // Identity's UpdateAsync marks every property modified; record only values that really changed.
            var changed = entry.State == EntityState.Modified
                ? entry.Properties.Where(p => p.IsModified && !p.Metadata.IsConcurrencyToken && !Equals(p.OriginalValue, p.CurrentValue)).Select(p => p.Metadata.Name).ToList()
                : [];
            if (entry.State == EntityState.Modified &&
                (changed.Count == 0 || (type == typeof(AppUser) && changed.All(LoginBookkeeping.Contains))))
            {
                continue;
            }
            var action = entry.State switch
            {
                EntityState.Added => AuditActions.Created,
                EntityState.Deleted => AuditActions.Deleted,
                _ => AuditActions.Modified,
            };
            var key = entry.Metadata.FindPrimaryKey()?.Properties
                .Select(p => entry.Property(p.Name).CurrentValue?.ToString()) ?? [];
            var detail = changed.Count > 0 ? "fields: " + string.Join(",", changed) : null;
            db.AuditEntries.Add(NewEntry(user, nowUtc, action, AuditResult.Success, type.Name, string.Join("|", key), detail));
        }
    }

    private static AuditEntry NewEntry(CurrentUser user, DateTime nowUtc, string action, AuditResult result,
        string? objectType, string? objectId, string? detail) =>
        NewEntry(AuditActor.Of(user), nowUtc, action, result, objectType, objectId, detail);

    /// <summary>One entry for a whole use case, written by work done on the caller's behalf (e.g. the intake writer).</summary>
    public static AuditEntry NewEntry(AuditActor actor, DateTime nowUtc, string action, AuditResult result,
        string? objectType, string? objectId, string? detail) => new()
    {
        OccurredUtc = nowUtc,
        UserId = actor.UserId,
        UserName = actor.UserName,
        Roles = actor.Roles,
        OrganisationUnit = actor.OrganisationUnit,
        Action = action,
        ObjectType = objectType,
        ObjectId = objectId is { Length: > 128 } ? objectId[..128] : objectId,
        Result = result,
        ClientAddress = actor.ClientAddress,
        Detail = detail is { Length: > 1000 } ? detail[..1000] : detail,
    };
}

/// <summary>Who did something, copied from the request, for audit entries written after the request's scope.</summary>
public sealed record AuditActor(Guid? UserId, string? UserName, string? Roles, string? OrganisationUnit, string? ClientAddress)
{
    public static AuditActor Of(CurrentUser user) =>
        new(user.UserId, user.UserName, user.Roles.Count > 0 ? string.Join(",", user.Roles) : null, user.OrganisationUnit, user.ClientAddress);
}

namespace Jiceng.Web.Platform.Audit;

public enum AuditResult
{
    Success,
    Failure,
    Denied,
}

/// <summary>
/// One line of the append-only audit trail (等保2.0: time, user, action, object, result, address).
/// Never holds personal data: objects are named by type and id, details by field names, not values.
/// The database refuses UPDATE and DELETE on this table (triggers in both providers' migrations).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime OccurredUtc { get; set; }
    public Guid? UserId { get; set; }
    public string? UserName { get; set; }
    public string? Roles { get; set; }
    public string? OrganisationUnit { get; set; }
    public string Action { get; set; } = "";
    public string? ObjectType { get; set; }
    public string? ObjectId { get; set; }
    public AuditResult Result { get; set; }
    public string? ClientAddress { get; set; }
    public string? Detail { get; set; }
}

/// <summary>Action names recorded in the audit trail. Stable: auditors filter on them.</summary>
public static class AuditActions
{
    public const string LoginSucceeded = "auth.login.succeeded";
    public const string LoginFailed = "auth.login.failed";
    public const string LoginLockedOut = "auth.login.locked_out";
    public const string Logout = "auth.logout";
    public const string SessionExpired = "auth.session.expired";
    public const string TwoFactorEnabled = "auth.2fa.enabled";
    public const string TwoFactorReset = "auth.2fa.reset";
    public const string AccountUnlocked = "account.unlocked";
    public const string Created = "entity.created";
    public const string Modified = "entity.modified";
    public const string Deleted = "entity.deleted";
    public const string SensitiveRead = "personal_data.read";
    public const string AuditRead = "audit.read";
    public const string AccessDenied = "access.denied";
    public const string DivisionsImported = "divisions.imported";
}

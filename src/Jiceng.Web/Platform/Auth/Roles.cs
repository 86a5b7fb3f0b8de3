namespace Jiceng.Web.Platform.Auth;

/// <summary>The roles of PRODUCT.md. Names are stored in the database and in tokens: never rename.</summary>
public static class Roles
{
    public const string CountyAdmin = "CountyAdmin";
    public const string StreetStaff = "StreetStaff";
    public const string CommunityStaff = "CommunityStaff";
    public const string GridWorker = "GridWorker";
    public const string DepartmentHandler = "DepartmentHandler";
    public const string PartyMember = "PartyMember";
    public const string Volunteer = "Volunteer";
    public const string CoBuildingUnit = "CoBuildingUnit";
    public const string Resident = "Resident";
    public const string SystemAdmin = "SystemAdmin";
    public const string SecurityAdmin = "SecurityAdmin";
    public const string AuditAdmin = "AuditAdmin";

    public static readonly IReadOnlyList<string> All =
    [
        CountyAdmin, StreetStaff, CommunityStaff, GridWorker, DepartmentHandler, PartyMember,
        Volunteer, CoBuildingUnit, Resident, SystemAdmin, SecurityAdmin, AuditAdmin,
    ];

    /// <summary>三员分立: each of these does only its own job and sees no business data.</summary>
    public static readonly IReadOnlySet<string> Administrators = new HashSet<string> { SystemAdmin, SecurityAdmin, AuditAdmin };

    /// <summary>Roles whose scope is a subtree of the division tree.</summary>
    public static readonly IReadOnlySet<string> DivisionStaff = new HashSet<string> { CountyAdmin, StreetStaff, CommunityStaff, GridWorker };

    /// <summary>Roles that a staff account is bound to a division for (the others are bound to a department or to nothing).</summary>
    public static bool NeedsDivision(string role) => DivisionStaff.Contains(role);
}

public static class Policies
{
    public const string Staff = "staff";
    public const string OrganisationReaders = "organisation-readers";
    public const string SystemAdmin = "system-admin";
    public const string SecurityAdmin = "security-admin";
    public const string AuditAdmin = "audit-admin";
    public const string AnyAccount = "any-account";
    public const string TwoFactorEnrollment = "two-factor-enrollment";
}

/// <summary>Claim types Jiceng adds to a signed-in principal.</summary>
public static class JicengClaims
{
    public const string SessionId = "jc:sid";
    public const string DivisionCode = "jc:division";
    public const string DivisionPath = "jc:division_path";
    public const string DepartmentId = "jc:department";
    /// <summary>The co-building unit (结对共建单位) a CoBuildingUnit account acts for.</summary>
    public const string UnitId = "jc:unit";
    public const string DisplayName = "jc:display_name";
    /// <summary>Marks a principal that may only enrol in two-factor sign-in (admins outside demo mode).</summary>
    public const string EnrollmentOnly = "jc:enrollment_only";
}

using System.ComponentModel.DataAnnotations;

namespace Jiceng.Web.Platform.Auth;

/// <summary>Security policy (等保2.0 level 3 defaults). Bound from "Security".</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    [Range(10, 128)] public int MinimumPasswordLength { get; set; } = 10;
    [Range(3, 4)] public int RequiredCharacterClasses { get; set; } = 3;
    [Range(1, 20)] public int MaxFailedLogins { get; set; } = 5;
    [Range(1, 1440)] public int LockoutMinutes { get; set; } = 15;
    [Range(1, 240)] public int IdleTimeoutMinutes { get; set; } = 30;
    /// <summary>Absolute lifetime of a bearer token; idle timeout still applies through its session.</summary>
    [Range(1, 24)] public int TokenLifetimeHours { get; set; } = 8;

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);
    public TimeSpan LockoutDuration => TimeSpan.FromMinutes(LockoutMinutes);
}

/// <summary>Demo mode: seeds demo data and accounts, and lets demo admins sign in without two-factor.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";
    public const string Password = "Jiceng#2026demo";
    public bool Enabled { get; set; }

    /// <summary>
    /// Whether the demo also files cases into the closed loop (the help-on-behalf order handed to a department). Tests that
    /// count every case of the demo county arrange their own cases and switch this off.
    /// </summary>
    public bool SeedCases { get; set; } = true;
}

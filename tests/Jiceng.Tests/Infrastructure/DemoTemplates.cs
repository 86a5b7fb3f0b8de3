using System.Collections.Concurrent;
using Npgsql;

namespace Jiceng.Tests.Infrastructure;

/// <summary>
/// Migrated and seeded databases that test apps start from as copies (a file copy on SQLite, CREATE DATABASE ... TEMPLATE
/// on PostgreSQL), so the suite migrates and seeds the demo once per kind of app instead of once per app. Two apps share
/// a template when they agree on everything seeding reads: the demo switch, the Demo:* settings and the clock the demo
/// is seeded at (an app with an explicit start needs exactly that instant; an app on "now" needs the same China day).
/// The template is built by an app of its own with every background job off, so nothing runs in it before it is
/// copied: each app's own jobs find the demo as a freshly seeded app would.
/// </summary>
public static class DemoTemplates
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Built = new();
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>Background jobs of the app: all off while a template is seeded.</summary>
    private static readonly string[] JobSwitches =
    [
        "Cases:DeadlineMonitorEnabled", "Notifications:DispatcherEnabled", "Care:VisitReminderMonitorEnabled", "Wishes:ClaimExpiryEnabled",
        "CoBuilding:ChairReminderMonitorEnabled", "Centres:DutyGapMonitorEnabled", "ServiceHall:AppointmentReminderEnabled",
    ];

    static DemoTemplates() => AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveAll();

    /// <summary>The template for this app (a SQLite file path or a PostgreSQL database name), built on first use.</summary>
    /// <summary>JICENG_TEST_TEMPLATES=off makes every app migrate and seed its own database (to compare, or to rule templates out).</summary>
    public static bool Enabled { get; } = !string.Equals(Environment.GetEnvironmentVariable("JICENG_TEST_TEMPLATES"), "off", StringComparison.OrdinalIgnoreCase);

    public static string For(JicengAppFactory app)
    {
        var start = app.ExplicitStart;
        var clockKey = start is { } s ? "at " + s.UtcTicks : "day " + DateOnly.FromDateTime((app.Clock.GetUtcNow() + China).DateTime).ToString("yyyy-MM-dd");
        var key = string.Join("|", [TestEnvironment.Provider, app.DemoEnabled ? "demo" : "empty", clockKey,
            .. app.SeedingSettings.Select(kv => kv.Key + "=" + kv.Value)]);
        // Lazy: apps starting together wait for one build instead of each building their own.
        return Built.GetOrAdd(key, _ => new Lazy<string>(() => Build(app, start ?? app.Clock.GetUtcNow()))).Value;
    }

    private static string Build(JicengAppFactory like, DateTimeOffset start)
    {
        var settings = like.SeedingSettings.ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var job in JobSwitches) settings[job] = "false";
        var builder = new JicengAppFactory { Start = start, DemoEnabled = like.DemoEnabled, Settings = settings, UseTemplate = false };
        _ = builder.Server; // starting the app migrates the database and seeds the demo
        return builder.StopAndKeepDatabaseAsync().GetAwaiter().GetResult();
    }

    private static void RemoveAll()
    {
        foreach (var template in Built.Values.Where(t => t.IsValueCreated).Select(t => t.Value))
        {
            try
            {
                if (JicengAppFactory.OnPostgres)
                {
                    using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdmin);
                    admin.Open();
                    using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {template} WITH (FORCE)", admin);
                    drop.ExecuteNonQuery();
                }
                else
                {
                    Directory.Delete(Path.GetDirectoryName(template)!, recursive: true);
                }
            }
            catch (Exception ex) when (ex is IOException or NpgsqlException)
            {
                // Best effort: the test script's throwaway cluster and temp folders go anyway.
            }
        }
    }
}

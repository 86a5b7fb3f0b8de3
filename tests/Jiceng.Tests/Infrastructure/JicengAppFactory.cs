using System.Net.Http.Headers;
using System.Net.Http.Json;
using Jiceng.Web.Data;
using Jiceng.Web.Platform.Scope;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Jiceng.Tests.Infrastructure;

/// <summary>
/// The real app over HTTP, on its own fresh database. The provider comes from JICENG_TEST_PROVIDER
/// (sqlite by default, postgres with JICENG_TEST_PG pointing at a server the test script started), so the
/// same suite runs on both. The clock is a <see cref="FakeTimeProvider"/> that tests may advance.
/// </summary>
public class JicengAppFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Jiceng#2026demo";
    private readonly string _connectionString;
    private readonly string? _postgresDatabase;
    private readonly string? _sqliteFolder;

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    /// <summary>The app's clock; starts now, or at <see cref="Start"/> (a fake clock cannot go backwards).</summary>
    public FakeTimeProvider Clock => _clock;

    public DateTimeOffset Start { init { _clock = new FakeTimeProvider(value); _explicitStart = value; } }
    public bool DemoEnabled { get; init; } = true;

    /// <summary>Extra configuration for this app, e.g. turning a background service off for a deterministic test.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Replaces or adds services after the app's own registrations.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }
    public static bool OnPostgres => TestEnvironment.Provider == "postgres";

    public JicengAppFactory()
    {
        if (OnPostgres)
        {
            _postgresDatabase = "jiceng_t_" + Guid.NewGuid().ToString("N")[..12];
            _connectionString = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresAdmin) { Database = _postgresDatabase }.ConnectionString;
        }
        else
        {
            _sqliteFolder = Directory.CreateTempSubdirectory("jiceng-test-").FullName;
            _connectionString = $"Data Source={SqliteFile}";
        }
    }

    private string SqliteFile => Path.Combine(_sqliteFolder!, "jiceng.db");

    /// <summary>
    /// Whether this app starts from a copy of a database already migrated and seeded with the same demo settings and
    /// clock (see <see cref="DemoTemplates"/>). Off for the apps that build those copies.
    /// </summary>
    internal bool UseTemplate { get; init; } = true;

    /// <summary>Settings that change what the demo seeds: an app shares a template only with apps that agree on them.</summary>
    internal IEnumerable<KeyValuePair<string, string>> SeedingSettings =>
        Settings.Where(s => s.Key.StartsWith("Demo:", StringComparison.OrdinalIgnoreCase)).OrderBy(s => s.Key, StringComparer.Ordinal);

    internal DateTimeOffset? ExplicitStart => _explicitStart;
    private DateTimeOffset? _explicitStart;

    /// <summary>Creates this app's empty database, or copies it from the matching template.</summary>
    private void CreateDatabase()
    {
        var template = UseTemplate && DemoTemplates.Enabled ? DemoTemplates.For(this) : null;
        if (_postgresDatabase is not null)
        {
            using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdmin);
            admin.Open();
            using var create = new NpgsqlCommand(template is null
                ? $"CREATE DATABASE {_postgresDatabase}"
                : $"CREATE DATABASE {_postgresDatabase} TEMPLATE {template}", admin);
            create.ExecuteNonQuery();
        }
        else if (template is not null)
        {
            // The template's connections are closed, so its write-ahead log is normally folded in; copy it if it is not.
            File.Copy(template, SqliteFile);
            if (File.Exists(template + "-wal")) File.Copy(template + "-wal", SqliteFile + "-wal");
        }
    }

    /// <summary>Stops the app and hands its database over as a template instead of dropping it.</summary>
    internal async Task<string> StopAndKeepDatabaseAsync()
    {
        _keepDatabase = true;
        await DisposeAsync();
        if (_postgresDatabase is not null) return _postgresDatabase;
        return SqliteFile;
    }

    private bool _keepDatabase;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        CreateDatabase();
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Jiceng", _connectionString);
        builder.UseSetting("Database:Provider", OnPostgres ? "Postgres" : "Sqlite");
        builder.UseSetting("Demo:Enabled", DemoEnabled ? "true" : "false");
        // The case suites count every case of the demo county; only tests that look at the demo's own case turn this on.
        builder.UseSetting("Demo:SeedCases", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            TestServices?.Invoke(services);
        });
    }

    /// <summary>Runs work in a DI scope as the system (no data scope limits): for arranging and inspecting data.</summary>
    public async Task<T> AsSystemAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        return await work(scope.ServiceProvider);
    }

    public Task AsSystemAsync(Func<IServiceProvider, Task> work) => AsSystemAsync(async sp => { await work(sp); return true; });

    public async Task<AppDbContext> NewSystemContextAsync()
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        return await Task.FromResult(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Signs in through the API and returns a client carrying the bearer token.</summary>
    public async Task<HttpClient> ClientForAsync(string userName, string password = DemoPassword)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<LoginBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body!.AccessToken);
        return client;
    }

    public sealed record LoginBody(string TokenType, string AccessToken, long ExpiresIn, bool TwoFactorSetupRequired);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_keepDatabase)
        {
            NpgsqlConnection.ClearAllPools();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        else if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdmin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        else if (_sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_sqliteFolder, recursive: true); } catch (IOException) { }
        }
        GC.SuppressFinalize(this);
    }
}

/// <summary>One app with the demo data, shared by the tests that do not move the clock or change shared accounts.</summary>
public sealed class SharedApp : JicengAppFactory, IAsyncLifetime
{
    // Start the server once, before tests run in parallel: WebApplicationFactory does not guard its first start.
    public ValueTask InitializeAsync()
    {
        _ = Server;
        return ValueTask.CompletedTask;
    }
}

public static class TestEnvironment
{
    public static string Provider => (Environment.GetEnvironmentVariable("JICENG_TEST_PROVIDER") ?? "sqlite").ToLowerInvariant();

    public static string PostgresAdmin => Environment.GetEnvironmentVariable("JICENG_TEST_PG")
        ?? throw new InvalidOperationException("JICENG_TEST_PROVIDER=postgres needs JICENG_TEST_PG (a connection string to a server that may create databases); ./scripts/test.sh sets both.");
}

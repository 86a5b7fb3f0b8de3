using System.ComponentModel.DataAnnotations;
using Jiceng.Web.Platform.Scope;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Jiceng.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    [Required] public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public static class DatabaseSetup
{
    public const string ConnectionName = "Jiceng";
    public const string DefaultSqlite = "Data Source=App_Data/jiceng.db";

    public static IServiceCollection AddJicengDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var provider = configuration.GetValue(DatabaseOptions.Section + ":Provider", DatabaseProvider.Sqlite);
        var connectionString = configuration.GetConnectionString(ConnectionName);

        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Jiceng is not set.");
            }
            // Options are built once (singleton); contexts are per scope because they read the scope's CurrentUser.
            services.AddDbContext<PostgresAppDbContext>(o => o.UseNpgsql(connectionString), ServiceLifetime.Scoped, ServiceLifetime.Singleton);
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresAppDbContext>());
            services.AddScoped<IDbContextFactory<AppDbContext>>(sp => new Factory<PostgresAppDbContext>(sp));
        }
        else
        {
            var sqlite = PrepareSqlite(connectionString ?? DefaultSqlite, contentRoot);
            services.AddDbContext<SqliteAppDbContext>(o => o.UseSqlite(sqlite), ServiceLifetime.Scoped, ServiceLifetime.Singleton);
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
            services.AddScoped<IDbContextFactory<AppDbContext>>(sp => new Factory<SqliteAppDbContext>(sp));
        }
        return services;
    }

    /// <summary>Creates the database file's folder and sets a busy timeout so concurrent writers wait instead of failing.</summary>
    private static string PrepareSqlite(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        // A relative file lives under the app's content root, wherever the process was started from.
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        }
        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }
        var file = builder.DataSource;
        if (!string.IsNullOrEmpty(file) && file != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        return builder.ToString();
    }

    /// <summary>Applies pending migrations (never EnsureCreated) and, on SQLite, switches the file to WAL mode.</summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                // WAL lets readers go on while one writer writes; the setting is stored in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
                // Table statistics for the query planner (sqlite_stat1), as SQLite advises for long-running apps:
                // without them it may pick a low-selectivity index (e.g. open cases) over a selective one (a
                // department's rows). The limit keeps this to milliseconds however large the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        else
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    /// <summary>A separate context in the same scope (same CurrentUser), e.g. for audit entries that must outlive a failed unit of work.</summary>
    private sealed class Factory<T>(IServiceProvider scope) : IDbContextFactory<AppDbContext> where T : AppDbContext
    {
        public AppDbContext CreateDbContext() => ActivatorUtilities.CreateInstance<T>(scope);
    }
}

/// <summary>Design-time factories so `dotnet ef` can build each provider's migrations without a running app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db").Options, SystemUser(), TimeProvider.System);

    internal static CurrentUser SystemUser()
    {
        var user = new CurrentUser();
        user.SetSystem();
        return user;
    }
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=design").Options, SqliteDesignTimeFactory.SystemUser(), TimeProvider.System);
}

using Jiceng.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Tests.Platform;

/// <summary>CI fails when either provider's migrations miss a model change (run `dotnet ef migrations add` for both).</summary>
public sealed class MigrationTests
{
    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "SQLite migrations are missing model changes: dotnet ef migrations add <Name> --context SqliteAppDbContext -o Data/Migrations/Sqlite");
    }

    [Fact]
    public void The_postgres_migrations_match_the_model()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "PostgreSQL migrations are missing model changes: dotnet ef migrations add <Name> --context PostgresAppDbContext -o Data/Migrations/Postgres");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);

        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]);
        Assert.Equal(Names(sqlite), Names(postgres));
    }
}

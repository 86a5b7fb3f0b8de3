using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jiceng.Web.Data;

/// <summary>
/// Writes the context's pending new rows of simple entities as one multi-row INSERT per table, in the current
/// transaction. For hot paths that add many small rows nobody reads back in the same unit of work (the intake
/// writer's notifications and audit entries): EF Core inserts row by row and reads each generated key back.
/// Column names, value conversions (enums as text, encrypted personal data) and provider formats come from the
/// EF model, so the rows are exactly what SaveChanges would have written.
/// </summary>
public static class BulkInsert
{
    /// <summary>Inserts every Added entity of the given types and stops tracking them; returns the number of rows.</summary>
    public static async Task<int> PendingAsync(AppDbContext db, IReadOnlyCollection<Type> types, CancellationToken ct = default)
    {
        var written = 0;
        foreach (var group in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && types.Contains(e.Metadata.ClrType))
                     .GroupBy(e => e.Metadata).ToList())
        {
            var entries = group.ToList();
            foreach (var chunk in entries.Chunk(200))
            {
                await using var command = Command(db, group.Key, chunk);
                written += await command.ExecuteNonQueryAsync(ct);
            }
            foreach (var entry in entries) entry.State = EntityState.Detached;
        }
        return written;
    }

    private static DbCommand Command(AppDbContext db, IEntityType type, EntityEntry[] rows)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        // Every mapped column except a key the database generates.
        var columns = type.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never) && p.GetColumnName(table) is not null)
            .ToList();
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!))).Append(") VALUES ");
        for (var r = 0; r < rows.Length; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = $"@b{r}_{c}";
                var mapping = (RelationalTypeMapping)columns[c].GetRelationalTypeMapping();
                command.Parameters.Add(mapping.CreateParameter(command, name, rows[r].Property(columns[c].Name).CurrentValue, columns[c].IsNullable));
                text.Append(c == 0 ? "" : ", ").Append(name);
            }
            text.Append(')');
        }
        command.CommandText = text.ToString();
        return command;
    }
}

using System.Data.Common;
using Jiceng.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Jiceng.Web.Platform.Protection;

/// <summary>
/// Key rotation, second step: re-encrypts every sealed column value that is not sealed with the current key (the first
/// step, <see cref="PersonalDataProtector.AddKey"/>, made a new key current). Works column by column on the raw values,
/// found from the model (every property whose converter is <see cref="PersonalData.Converter"/>), in batches; values are
/// never logged. When it reports 0 left, the old key can be taken out of the ring.
/// </summary>
public static class PersonalDataResealer
{
    public sealed record SealedColumn(string Table, string KeyColumn, string Column);

    /// <summary>The sealed columns of the model.</summary>
    public static IReadOnlyList<SealedColumn> SealedColumns(AppDbContext db) =>
        db.Model.GetEntityTypes()
            .Where(t => t.GetTableName() is not null && t.FindPrimaryKey() is { Properties.Count: 1 })
            .SelectMany(t => t.GetProperties()
                .Where(p => ReferenceEquals(p.GetValueConverter(), PersonalData.Converter))
                .Select(p => new SealedColumn(t.GetTableName()!, t.FindPrimaryKey()!.Properties[0].GetColumnName(), p.GetColumnName())))
            .ToList();

    /// <returns>How many values were re-encrypted.</returns>
    public static async Task<int> ResealAsync(AppDbContext db, PersonalDataProtector protector, int batchSize = 500, CancellationToken cancellationToken = default)
    {
        var total = 0;
        var current = $"pd1:{protector.CurrentKeyId}:";
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var column in SealedColumns(db))
            {
                while (true)
                {
                    var batch = new List<(object Key, string Value)>();
                    await using (var select = connection.CreateCommand())
                    {
                        select.CommandText = $"""SELECT "{column.KeyColumn}", "{column.Column}" FROM "{column.Table}" WHERE "{column.Column}" IS NOT NULL AND "{column.Column}" NOT LIKE @current LIMIT {batchSize}""";
                        Add(select, "@current", current + "%");
                        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                        while (await reader.ReadAsync(cancellationToken)) batch.Add((reader.GetValue(0), reader.GetString(1)));
                    }
                    if (batch.Count == 0) break;
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    foreach (var (key, value) in batch)
                    {
                        await using var update = connection.CreateCommand();
                        update.Transaction = transaction;
                        update.CommandText = $"""UPDATE "{column.Table}" SET "{column.Column}" = @value WHERE "{column.KeyColumn}" = @key""";
                        Add(update, "@value", protector.Protect(protector.Unprotect(value)));
                        Add(update, "@key", key);
                        await update.ExecuteNonQueryAsync(cancellationToken);
                    }
                    await transaction.CommitAsync(cancellationToken);
                    total += batch.Count;
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return total;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

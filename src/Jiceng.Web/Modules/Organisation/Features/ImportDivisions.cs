using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Jiceng.Web.Modules.Organisation.Features;

public sealed record DivisionImportError(int Line, string Reason)
{
    public override string ToString() => $"line {Line}: {Reason}";
}

public sealed record DivisionImportResult(int Rows, int Inserted, int Updated, int Unchanged, IReadOnlyList<DivisionImportError> Errors, TimeSpan Elapsed)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Imports a division file (<c>code,name,level,parent_code</c>, UTF-8, header first) in one transaction.
/// The whole file is validated before anything is written: a bad file changes nothing and names its bad lines.
/// Re-importing the same file changes nothing; a changed name, level or parent updates the row (and, for a
/// new parent, the materialised paths of its subtree). Built for the national file (~700k rows): existing
/// rows are read once, and new rows go in through a prepared statement (SQLite) or binary COPY (PostgreSQL).
/// </summary>
public sealed class DivisionImporter(AppDbContext db, AuditTrail audit, ILogger<DivisionImporter> logger)
{
    public const int MaxReportedErrors = 50;
    private static readonly string[] Header = ["code", "name", "level", "parent_code"];

    internal sealed record Row(int Line, string Code, string Name, DivisionLevel Level, string? ParentCode);
    private sealed record Existing(string Name, string Level, string Kind, string? ParentCode, string Path);

    public async Task<DivisionImportResult> ImportAsync(TextReader reader, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var errors = new List<DivisionImportError>();
        var rows = Parse(reader, errors);
        if (errors.Count > 0)
        {
            return new DivisionImportResult(rows.Count, 0, 0, 0, errors, clock.Elapsed);
        }

        var connection = db.Database.GetDbConnection();
        ImportPlan plan;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var existing = await LoadExistingAsync(connection, cancellationToken);
            plan = Plan(rows, existing, errors);
            if (errors.Count > 0)
            {
                return new DivisionImportResult(rows.Count, 0, 0, 0, errors, clock.Elapsed);
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (connection is NpgsqlConnection npgsql)
            {
                await CopyInsertsAsync(npgsql, plan.Inserts, cancellationToken);
            }
            else
            {
                await PreparedInsertsAsync(connection, transaction, plan.Inserts, cancellationToken);
            }
            await UpdateAsync(connection, transaction, plan.Updates, cancellationToken);
            foreach (var (oldPath, newPath) in plan.MovedSubtrees)
            {
                await MoveSubtreeAsync(connection, transaction, oldPath, newPath, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var result = new DivisionImportResult(rows.Count, plan.Inserts.Count, plan.Updates.Count, rows.Count - plan.Inserts.Count - plan.Updates.Count, [], clock.Elapsed);
        Log.Imported(logger, result.Rows, result.Inserted, result.Updated, result.Elapsed.TotalMilliseconds);
        await audit.RecordAsync(AuditActions.DivisionsImported, AuditResult.Success, "Division", null,
            $"rows={result.Rows} inserted={result.Inserted} updated={result.Updated}", cancellationToken: cancellationToken);
        return result;
    }

    internal static List<Row> Parse(TextReader reader, List<DivisionImportError> errors)
    {
        var rows = new List<Row>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var line = 0;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            if (line == 1)
            {
                var header = SplitCsv(text.TrimStart('\uFEFF'));
                if (!header.Select(h => h.Trim().ToLowerInvariant()).SequenceEqual(Header))
                {
                    errors.Add(new(1, "header must be exactly: code,name,level,parent_code"));
                    return rows;
                }
                continue;
            }
            if (text.Length == 0)
            {
                continue;
            }
            var error = ParseRow(line, text, out var row);
            if (error is null && seen.TryGetValue(row!.Code, out var firstLine))
            {
                error = $"duplicate code {row.Code} (first on line {firstLine})";
            }
            if (error is not null)
            {
                if (errors.Count < MaxReportedErrors)
                {
                    errors.Add(new(line, error));
                }
                continue;
            }
            seen.Add(row!.Code, line);
            rows.Add(row);
        }
        if (line == 0)
        {
            errors.Add(new(1, "the file is empty"));
        }
        return rows;
    }

    private static string? ParseRow(int line, string text, out Row? row)
    {
        row = null;
        var fields = SplitCsv(text);
        if (fields.Count != 4)
        {
            return $"wrong column count: expected 4, found {fields.Count}";
        }
        var code = fields[0].Trim();
        var name = fields[1].Trim();
        var parent = fields[3].Trim();
        if (!TryParseLevel(fields[2].Trim(), out var level))
        {
            return $"unknown level '{fields[2].Trim()}' (expected province, city, county, township or village)";
        }
        if (code.Length != CodeLength(level) || !code.All(char.IsAsciiDigit))
        {
            return $"bad code '{code}': a {fields[2].Trim()} code has {CodeLength(level)} digits";
        }
        if (name.Length == 0 || name.Length > 100)
        {
            return "name must have 1 to 100 characters";
        }
        if (level == DivisionLevel.Province)
        {
            if (parent.Length != 0)
            {
                return "a province has no parent_code";
            }
        }
        else if (parent.Length == 0)
        {
            return "parent_code is missing";
        }
        else if (parent.Length >= code.Length || !code.StartsWith(parent, StringComparison.Ordinal))
        {
            return $"bad code '{code}': it does not start with its parent's code {parent}";
        }
        row = new Row(line, code, name, level, parent.Length == 0 ? null : parent);
        return null;
    }

    private static int CodeLength(DivisionLevel level) => level switch
    {
        DivisionLevel.Province => 2,
        DivisionLevel.City => 4,
        DivisionLevel.County => 6,
        DivisionLevel.Township => 9,
        _ => 12,
    };

    private static bool TryParseLevel(string text, out DivisionLevel level)
    {
        level = text.ToLowerInvariant() switch
        {
            "province" => DivisionLevel.Province,
            "city" => DivisionLevel.City,
            "county" => DivisionLevel.County,
            "township" => DivisionLevel.Township,
            "village" => DivisionLevel.Village,
            _ => 0,
        };
        return level != 0;
    }

    /// <summary>Splits one CSV line (RFC 4180 quoting; names never span lines).</summary>
    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>(4);
        if (line.IndexOf('"') < 0)
        {
            fields.AddRange(line.Split(','));
            return fields;
        }
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { current.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else { current.Append(c); }
        }
        fields.Add(current.ToString());
        return fields;
    }

    private sealed record ImportPlan(List<Division> Inserts, List<Division> Updates, List<(string OldPath, string NewPath)> MovedSubtrees);

    private static ImportPlan Plan(List<Row> rows, Dictionary<string, Existing> existing, List<DivisionImportError> errors)
    {
        var byCode = rows.ToDictionary(r => r.Code, StringComparer.Ordinal);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);

        string? PathOf(string code)
        {
            if (paths.TryGetValue(code, out var known)) return known;
            string? path;
            if (byCode.TryGetValue(code, out var row))
            {
                path = row.ParentCode is null ? MaterialisedPath.Child(null, code)
                    : PathOf(row.ParentCode) is { } parentPath ? MaterialisedPath.Child(parentPath, code) : null;
            }
            else
            {
                path = existing.TryGetValue(code, out var e) ? e.Path : null;
            }
            if (path is not null) paths[code] = path;
            return path;
        }

        var inserts = new List<Division>();
        var updates = new List<Division>();
        var moved = new List<(string, string)>();
        foreach (var row in rows)
        {
            if (row.ParentCode is not null)
            {
                var parentLevel = byCode.TryGetValue(row.ParentCode, out var p) ? p.Level
                    : existing.TryGetValue(row.ParentCode, out var e) ? Enum.Parse<DivisionLevel>(e.Level) : (DivisionLevel?)null;
                if (parentLevel is null)
                {
                    if (errors.Count < MaxReportedErrors) errors.Add(new(row.Line, $"unknown parent {row.ParentCode}"));
                    continue;
                }
                if (parentLevel >= row.Level)
                {
                    if (errors.Count < MaxReportedErrors) errors.Add(new(row.Line, $"parent {row.ParentCode} is a {parentLevel.ToString()!.ToLowerInvariant()}, not above a {row.Level.ToString().ToLowerInvariant()}"));
                    continue;
                }
            }
            var path = PathOf(row.Code)!;
            var division = new Division(row.Code, row.Name, row.Level, row.ParentCode, path);
            if (!existing.TryGetValue(row.Code, out var old))
            {
                inserts.Add(division);
            }
            else if (old.Name != division.Name || old.Level != division.Level.ToString() || old.Kind != division.Kind.ToString()
                     || old.ParentCode != division.ParentCode || old.Path != path)
            {
                updates.Add(division);
                if (old.Path != path)
                {
                    moved.Add((old.Path, path));
                }
            }
        }
        // Parents first, so a moved subtree's rows are rewritten top-down.
        moved.Sort((a, b) => a.Item1.Length.CompareTo(b.Item1.Length));
        return new ImportPlan(inserts, updates, moved);
    }

    private static async Task<Dictionary<string, Existing>> LoadExistingAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var existing = new Dictionary<string, Existing>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Code", "Name", "Level", "Kind", "ParentCode", "Path" FROM "Divisions" """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            existing[reader.GetString(0)] = new Existing(reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5));
        }
        return existing;
    }

    private static async Task PreparedInsertsAsync(DbConnection connection, DbTransaction transaction, List<Division> inserts, CancellationToken cancellationToken)
    {
        if (inserts.Count == 0) return;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """INSERT INTO "Divisions" ("Code", "Name", "Level", "Kind", "ParentCode", "Path", "Depth") VALUES ($c, $n, $l, $k, $p, $path, $d)""";
        var parameters = new[] { "$c", "$n", "$l", "$k", "$p", "$path", "$d" }.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await command.PrepareAsync(cancellationToken);
        foreach (var d in inserts)
        {
            parameters[0].Value = d.Code;
            parameters[1].Value = d.Name;
            parameters[2].Value = d.Level.ToString();
            parameters[3].Value = d.Kind.ToString();
            parameters[4].Value = (object?)d.ParentCode ?? DBNull.Value;
            parameters[5].Value = d.Path;
            parameters[6].Value = d.Depth;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task CopyInsertsAsync(NpgsqlConnection connection, List<Division> inserts, CancellationToken cancellationToken)
    {
        if (inserts.Count == 0) return;
        await using var writer = await connection.BeginBinaryImportAsync(
            """COPY "Divisions" ("Code", "Name", "Level", "Kind", "ParentCode", "Path", "Depth") FROM STDIN (FORMAT BINARY)""", cancellationToken);
        foreach (var d in inserts)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(d.Code, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(d.Name, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(d.Level.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(d.Kind.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            if (d.ParentCode is null) await writer.WriteNullAsync(cancellationToken);
            else await writer.WriteAsync(d.ParentCode, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(d.Path, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(d.Depth, NpgsqlDbType.Integer, cancellationToken);
        }
        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task UpdateAsync(DbConnection connection, DbTransaction transaction, List<Division> updates, CancellationToken cancellationToken)
    {
        if (updates.Count == 0) return;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """UPDATE "Divisions" SET "Name" = @n, "Level" = @l, "Kind" = @k, "ParentCode" = @p WHERE "Code" = @c""";
        var parameters = new[] { "@n", "@l", "@k", "@p", "@c" }.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = DbType.String;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        foreach (var d in updates)
        {
            parameters[0].Value = d.Name;
            parameters[1].Value = d.Level.ToString();
            parameters[2].Value = d.Kind.ToString();
            parameters[3].Value = (object?)d.ParentCode ?? DBNull.Value;
            parameters[4].Value = d.Code;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Rewrites the materialised paths of a moved node, its descendants, and everything that copies them.</summary>
    private static async Task MoveSubtreeAsync(DbConnection connection, DbTransaction transaction, string oldPath, string newPath, CancellationToken cancellationToken)
    {
        var (from, to) = MaterialisedPath.Range(oldPath);
        string[] statements =
        [
            """UPDATE "Divisions" SET "Path" = @new || substr("Path", @len + 1), "Depth" = "Depth" + @delta WHERE "Path" >= @from AND "Path" < @to""",
            """UPDATE "PartyOrganisations" SET "DivisionPath" = @new || substr("DivisionPath", @len + 1) WHERE "DivisionPath" >= @from AND "DivisionPath" < @to""",
            """UPDATE "Departments" SET "CountyPath" = @new || substr("CountyPath", @len + 1) WHERE "CountyPath" >= @from AND "CountyPath" < @to""",
        ];
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            AddParameter(command, "@new", newPath);
            AddParameter(command, "@len", oldPath.Length);
            AddParameter(command, "@delta", newPath.Count(c => c == '/') - oldPath.Count(c => c == '/'));
            AddParameter(command, "@from", from);
            AddParameter(command, "@to", to);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Imported divisions: {Rows} rows, {Inserted} inserted, {Updated} updated in {ElapsedMs} ms")]
    public static partial void Imported(ILogger logger, int rows, int inserted, int updated, double elapsedMs);
}

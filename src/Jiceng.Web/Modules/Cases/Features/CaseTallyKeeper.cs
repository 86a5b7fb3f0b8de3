using System.Data.Common;
using System.Text;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jiceng.Web.Modules.Cases.Features;

/// <summary>
/// Keeps <see cref="Domain.CaseTally"/> rows in step with the cases. Every save that adds or changes cases takes back
/// what each case counted before and adds what it counts now (docs/case-figures.md), as increments in the same
/// transaction as the change, so the figures never drift from the cases and concurrent writers never lose an update.
/// <see cref="RebuildAsync"/> recounts everything from the cases (after a bulk load, or to repair).
/// </summary>
public static class CaseTallyKeeper
{
    /// <summary>The summed columns, in the order of <see cref="Counts"/>.</summary>
    private static readonly string[] Columns =
    [
        nameof(CaseTally.Received), nameof(CaseTally.Closed), nameof(CaseTally.Dispatched), nameof(CaseTally.ClaimedInTime), nameof(CaseTally.Rated),
        nameof(CaseTally.RatedSolved), nameof(CaseTally.RatedSatisfied), nameof(CaseTally.ClosedInGrid), nameof(CaseTally.ClosedInCommunity),
        nameof(CaseTally.ClosedByDepartment), nameof(CaseTally.Escalated), nameof(CaseTally.Returns), nameof(CaseTally.Reworks), nameof(CaseTally.Overdue),
        nameof(CaseTally.HandlingSeconds),
    ];

    private const int Received = 0, Closed = 1, Dispatched = 2, ClaimedInTime = 3, Rated = 4, RatedSolved = 5, RatedSatisfied = 6, ClosedInGrid = 7,
        ClosedInCommunity = 8, ClosedByDepartment = 9, Escalated = 10, Returns = 11, Reworks = 12, Overdue = 13, HandlingSeconds = 14;

    public readonly record struct Key(CaseTallyKind Kind, string Unit, string DivisionPath, DateOnly Day) : IComparable<Key>
    {
        // A fixed order for the upserts, so two transactions never lock the same rows in opposite orders.
        public int CompareTo(Key other)
        {
            var c = Kind.CompareTo(other.Kind);
            if (c == 0) c = string.CompareOrdinal(Unit, other.Unit);
            if (c == 0) c = string.CompareOrdinal(DivisionPath, other.DivisionPath);
            return c != 0 ? c : Day.CompareTo(other.Day);
        }
    }

    /// <summary>The 15 sums of one tally row (or a change to them).</summary>
    public sealed class Counts
    {
        public readonly long[] Values = new long[Columns.Length];

        public void Add(Counts other, int sign)
        {
            for (var i = 0; i < Values.Length; i++) Values[i] += sign * other.Values[i];
        }

        public bool IsZero => Values.All(v => v == 0);
    }

    /// <summary>What the figures need to know about one case.</summary>
    public sealed record Facts(string DivisionPath, CaseStatus Status, DateTime CreatedUtc, DateTime? DispatchedUtc, DateTime? ClaimedUtc,
        DateTime? ResponseDueUtc, DateTime? ResolvedUtc, DateTime? ClosedUtc, DateTime? HandlingDueUtc, DateTime? OverdueRecordedUtc,
        Guid? LeadDepartmentId, LocalHandling? LocalHandling, Satisfaction? Satisfaction, bool? Solved, int EscalationCount, int ReturnCount,
        int ReworkCount, IReadOnlyCollection<Guid> Departments);

    public static string UnitOf(Guid departmentId) => departmentId.ToString("D");

    /// <summary>
    /// What one case adds to the tallies: its received cohort on the day it came in, its dispatched cohort on the
    /// day it was dispatched, its closed cohort on the day it closed; each for All, its lead department and every
    /// department taking part.
    /// </summary>
    public static IEnumerable<(Key Key, Counts Counts)> Contribution(Facts f)
    {
        var cohorts = new List<(DateOnly Day, Counts Counts)>(3);
        if (f.Status != CaseStatus.Merged)
        {
            var c = new Counts();
            c.Values[Received] = 1;
            c.Values[Escalated] = f.EscalationCount > 0 ? 1 : 0;
            c.Values[Returns] = f.ReturnCount;
            c.Values[Reworks] = f.ReworkCount;
            c.Values[Overdue] = IsOverdue(f) ? 1 : 0;
            cohorts.Add((WorkingCalendar.LocalDate(f.CreatedUtc), c));
        }
        if (f.DispatchedUtc is { } dispatched)
        {
            var c = new Counts();
            c.Values[Dispatched] = 1;
            c.Values[ClaimedInTime] = f.ClaimedUtc is { } claimed && f.ResponseDueUtc is { } due && claimed <= due ? 1 : 0;
            cohorts.Add((WorkingCalendar.LocalDate(dispatched), c));
        }
        if (f.Status == CaseStatus.Closed && f.ClosedUtc is { } closed)
        {
            var c = new Counts();
            c.Values[Closed] = 1;
            c.Values[Rated] = f.Satisfaction is null ? 0 : 1;
            c.Values[RatedSolved] = f.Satisfaction is not null && f.Solved == true ? 1 : 0;
            c.Values[RatedSatisfied] = f.Satisfaction is Domain.Satisfaction.Satisfied or Domain.Satisfaction.Basic ? 1 : 0;
            c.Values[ClosedInGrid] = f.LocalHandling == Domain.LocalHandling.Grid ? 1 : 0;
            c.Values[ClosedInCommunity] = f.LocalHandling == Domain.LocalHandling.Community ? 1 : 0;
            c.Values[ClosedByDepartment] = f.LeadDepartmentId is null ? 0 : 1;
            c.Values[HandlingSeconds] = WholeSeconds(closed) - WholeSeconds(f.CreatedUtc);
            cohorts.Add((WorkingCalendar.LocalDate(closed), c));
        }
        foreach (var (day, counts) in cohorts)
        {
            yield return (new Key(CaseTallyKind.All, "", f.DivisionPath, day), counts);
            if (f.LeadDepartmentId is { } lead) yield return (new Key(CaseTallyKind.Lead, UnitOf(lead), f.DivisionPath, day), counts);
            foreach (var department in f.Departments.Distinct())
                yield return (new Key(CaseTallyKind.Involved, UnitOf(department), f.DivisionPath, day), counts);
        }
    }

    /// <summary>
    /// Overdue (超期): done after the handling deadline, or not done and recorded overdue in the accountability ledger
    /// by the deadline check. Stated on stored facts only, so a tally and a recount always agree.
    /// </summary>
    public static bool IsOverdue(Facts f) =>
        f.HandlingDueUtc is { } due && (f.ResolvedUtc is { } resolved ? resolved > due : f.OverdueRecordedUtc is not null);

    private static long WholeSeconds(DateTime utc) => utc.Ticks / TimeSpan.TicksPerSecond;

    // ---- keeping the tallies in step with a save ------------------------------------------------------------

    /// <summary>
    /// The tally changes of the cases a save is about to write: minus what each changed case counted when it was
    /// read, plus what it counts now. Call before the save (original values are gone after it).
    /// </summary>
    public static Dictionary<Key, Counts>? PendingChanges(AppDbContext db)
    {
        var cases = db.ChangeTracker.Entries<Case>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (cases.Count == 0) return null;
        // The departments each case had when read: its department rows except those this save adds.
        var before = db.ChangeTracker.Entries<CaseDepartment>().Where(d => d.State is not EntityState.Added and not EntityState.Detached)
            .ToLookup(d => (long)d.OriginalValues[nameof(CaseDepartment.CaseId)]!, d => (Guid)d.OriginalValues[nameof(CaseDepartment.DepartmentId)]!);
        var changes = new Dictionary<Key, Counts>();
        foreach (var entry in cases)
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                Merge(changes, Contribution(Read(entry, before[entry.Entity.Id].ToList(), original: true)), -1);
            if (entry.State is EntityState.Added or EntityState.Modified)
                Merge(changes, Contribution(Read(entry, entry.Entity.Departments.Select(d => d.DepartmentId).ToList(), original: false)), +1);
        }
        foreach (var zero in changes.Where(c => c.Value.IsZero).Select(c => c.Key).ToList()) changes.Remove(zero);
        return changes.Count > 0 ? changes : null;
    }

    /// <summary>Loads the departments of changed cases that were read without them (the involved rows need them).</summary>
    public static async Task LoadDepartmentsAsync(AppDbContext db, CancellationToken ct)
    {
        foreach (var entry in db.ChangeTracker.Entries<Case>().Where(e => e.State is EntityState.Modified or EntityState.Deleted).ToList())
        {
            var departments = entry.Collection(c => c.Departments);
            if (!departments.IsLoaded) await departments.LoadAsync(ct);
        }
    }

    public static void LoadDepartments(AppDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<Case>().Where(e => e.State is EntityState.Modified or EntityState.Deleted).ToList())
        {
            var departments = entry.Collection(c => c.Departments);
            if (!departments.IsLoaded) departments.Load();
        }
    }

    private static void Merge(Dictionary<Key, Counts> changes, IEnumerable<(Key Key, Counts Counts)> contribution, int sign)
    {
        foreach (var (key, counts) in contribution)
        {
            if (!changes.TryGetValue(key, out var sum)) changes[key] = sum = new Counts();
            sum.Add(counts, sign);
        }
    }

    private static Facts Read(EntityEntry<Case> entry, IReadOnlyCollection<Guid> departments, bool original)
    {
        T V<T>(string name) => original ? (T)entry.OriginalValues[name]! : (T)entry.CurrentValues[name]!;
        T? N<T>(string name) => (T?)(original ? entry.OriginalValues[name] : entry.CurrentValues[name]);
        return new Facts(V<string>(nameof(Case.DivisionPath)), V<CaseStatus>(nameof(Case.Status)), V<DateTime>(nameof(Case.CreatedUtc)),
            N<DateTime?>(nameof(Case.DispatchedUtc)), N<DateTime?>(nameof(Case.ClaimedUtc)), N<DateTime?>(nameof(Case.ResponseDueUtc)),
            N<DateTime?>(nameof(Case.ResolvedUtc)), N<DateTime?>(nameof(Case.ClosedUtc)), N<DateTime?>(nameof(Case.HandlingDueUtc)),
            N<DateTime?>(nameof(Case.OverdueRecordedUtc)), N<Guid?>(nameof(Case.LeadDepartmentId)), N<LocalHandling?>(nameof(Case.LocalHandling)),
            N<Satisfaction?>(nameof(Case.Satisfaction)), N<bool?>(nameof(Case.Solved)), V<int>(nameof(Case.EscalationCount)),
            V<int>(nameof(Case.ReturnCount)), V<int>(nameof(Case.ReworkCount)), departments);
    }

    /// <summary>Adds the changes to the tally rows (insert or increment), in the caller's transaction.</summary>
    public static async Task ApplyAsync(AppDbContext db, Dictionary<Key, Counts> changes, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var batch in changes.OrderBy(c => c.Key).Chunk(50))
        {
            await using var command = UpsertCommand(connection, transaction, batch);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    public static void Apply(AppDbContext db, Dictionary<Key, Counts> changes)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var batch in changes.OrderBy(c => c.Key).Chunk(50))
        {
            using var command = UpsertCommand(connection, transaction, batch);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>One multi-row INSERT … ON CONFLICT DO UPDATE (the same SQL on SQLite and PostgreSQL); keys are distinct.</summary>
    private static DbCommand UpsertCommand(DbConnection connection, DbTransaction? transaction, KeyValuePair<Key, Counts>[] rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder("INSERT INTO \"CaseTallies\" (\"Kind\", \"Unit\", \"DivisionPath\", \"Day\"");
        foreach (var column in Columns) sql.Append(", \"").Append(column).Append('"');
        sql.Append(") VALUES ");
        for (var r = 0; r < rows.Length; r++)
        {
            var (key, counts) = (rows[r].Key, rows[r].Value);
            sql.Append(r == 0 ? "(" : ", (");
            sql.Append(Parameter(command, $"k{r}", (int)key.Kind)).Append(", ").Append(Parameter(command, $"u{r}", key.Unit)).Append(", ")
                .Append(Parameter(command, $"p{r}", key.DivisionPath)).Append(", ").Append(Parameter(command, $"d{r}", key.Day));
            for (var i = 0; i < Columns.Length; i++)
            {
                sql.Append(", ").Append(i == HandlingSeconds ? Parameter(command, $"v{r}_{i}", counts.Values[i]) : Parameter(command, $"v{r}_{i}", (int)counts.Values[i]));
            }
            sql.Append(')');
        }
        sql.Append(" ON CONFLICT (\"Kind\", \"Unit\", \"DivisionPath\", \"Day\") DO UPDATE SET ");
        sql.AppendJoin(", ", Columns.Select(c => $"\"{c}\" = \"CaseTallies\".\"{c}\" + excluded.\"{c}\""));
        command.CommandText = sql.ToString();
        return command;
    }

    private static string Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        // Dates as the providers store DateOnly: text yyyy-MM-dd in SQLite, date in PostgreSQL.
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return "@" + name;
    }

    /// <summary>Inserts rows into the emptied table with one prepared statement (hundreds of thousands after a bulk load).</summary>
    private static async Task InsertAllAsync(AppDbContext db, IEnumerable<KeyValuePair<Key, Counts>> rows, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var names = new[] { "Kind", "Unit", "DivisionPath", "Day" }.Concat(Columns).ToArray();
        command.CommandText = $"INSERT INTO \"CaseTallies\" ({string.Join(", ", names.Select(n => $"\"{n}\""))}) VALUES ({string.Join(", ", names.Select(n => "@" + n))})";
        var parameters = names.Select(n =>
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + n;
            command.Parameters.Add(p);
            return p;
        }).ToArray();
        var prepared = false;
        foreach (var (key, counts) in rows)
        {
            parameters[0].Value = (int)key.Kind;
            parameters[1].Value = key.Unit;
            parameters[2].Value = key.DivisionPath;
            parameters[3].Value = key.Day;
            for (var i = 0; i < Columns.Length; i++) parameters[4 + i].Value = i == HandlingSeconds ? counts.Values[i] : (int)counts.Values[i];
            if (!prepared)
            {
                await command.PrepareAsync(ct);
                prepared = true;
            }
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    // ---- recount ----------------------------------------------------------------------------------------------

    /// <summary>Replaces every tally row with a recount from the cases. Returns the number of cases counted.</summary>
    public static async Task<int> RebuildAsync(AppDbContext db, CancellationToken ct = default)
    {
        var departments = new Dictionary<long, List<Guid>>();
        await foreach (var d in db.Set<CaseDepartment>().AsNoTracking().Select(d => new { d.CaseId, d.DepartmentId }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!departments.TryGetValue(d.CaseId, out var list)) departments[d.CaseId] = list = [];
            list.Add(d.DepartmentId);
        }
        var sums = new Dictionary<Key, Counts>();
        var counted = 0;
        var cases = db.Cases.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Select(c => new
        {
            c.Id, c.DivisionPath, c.Status, c.CreatedUtc, c.DispatchedUtc, c.ClaimedUtc, c.ResponseDueUtc, c.ResolvedUtc, c.ClosedUtc, c.HandlingDueUtc,
            c.OverdueRecordedUtc, c.LeadDepartmentId, c.LocalHandling, c.Satisfaction, c.Solved, c.EscalationCount, c.ReturnCount, c.ReworkCount,
        });
        await foreach (var c in cases.AsAsyncEnumerable().WithCancellation(ct))
        {
            var facts = new Facts(c.DivisionPath, c.Status, c.CreatedUtc, c.DispatchedUtc, c.ClaimedUtc, c.ResponseDueUtc, c.ResolvedUtc, c.ClosedUtc,
                c.HandlingDueUtc, c.OverdueRecordedUtc, c.LeadDepartmentId, c.LocalHandling, c.Satisfaction, c.Solved, c.EscalationCount, c.ReturnCount,
                c.ReworkCount, departments.TryGetValue(c.Id, out var list) ? list : []);
            Merge(sums, Contribution(facts), +1);
            counted++;
        }
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.CaseTallies.ExecuteDeleteAsync(ct);
            await InsertAllAsync(db, sums.Where(s => !s.Value.IsZero).OrderBy(s => s.Key), ct);
            await transaction.CommitAsync(ct);
        });
        return counted;
    }
}

using System.Threading.Channels;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Modules.Notifications;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Cases.Features;

/// <summary>
/// Writes new cases with group commit: requests queue their prepared case, one writer takes whatever has queued
/// up and commits it in one transaction (the cases, their idempotency records, notifications, tallies and one
/// audit entry per case), then answers every waiting request. A durable commit (an fsync on SQLite) is shared by
/// the whole batch, and intake never competes with itself for the database's write lock. A request is answered
/// only after its commit: nothing acknowledged is lost. When a batch fails, its cases are written one by one, so
/// one bad case never fails the others. See docs/decisions/009-group-commit-for-intake.md.
/// </summary>
public sealed partial class CaseIntakeWriter : IAsyncDisposable
{
    /// <summary>Enough to share one commit among many callers; small enough to keep a transaction short.</summary>
    public const int MaxBatch = 64;

    private static readonly Type[] SmallRows = [typeof(Notification), typeof(OutboxMessage), typeof(AuditEntry)];

    private readonly Channel<Submission> _queue = Channel.CreateUnbounded<Submission>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly ILogger<CaseIntakeWriter> _logger;
    private readonly Task _loop;

    public CaseIntakeWriter(IServiceScopeFactory scopes, TimeProvider time, ILogger<CaseIntakeWriter> logger)
    {
        _scopes = scopes;
        _time = time;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>A prepared case waiting to be written, with who asked (for the audit trail and idempotency).</summary>
    public sealed record Submission(Case Case, string Caller, string? IdempotencyKey, AuditActor Actor, IReadOnlyList<string> Photos)
    {
        internal TaskCompletionSource<(Case Case, bool Created)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <returns>The case as committed, and whether it was created now (false: the idempotency key had already filed one).</returns>
    public Task<(Case Case, bool Created)> WriteAsync(Submission submission)
    {
        if (!_queue.Writer.TryWrite(submission)) throw new ObjectDisposedException(nameof(CaseIntakeWriter));
        return submission.Done.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Submission>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            try
            {
                await WriteBatchAsync(batch);
            }
            catch (SplitBatchException split)
            {
                BatchFailed(_logger, batch.Count, split.InnerException!);
                foreach (var one in batch) await WriteOneAsync(one);
            }
            catch (Exception ex)
            {
                // Failed after the cases were inserted (e.g. the commit itself): nothing of the batch was kept, and
                // every caller gets the error (and may retry with its key).
                foreach (var one in batch) await FailOrReplayAsync(one, ex);
            }
        }
    }

    private async Task WriteOneAsync(Submission submission)
    {
        try
        {
            await WriteBatchAsync([submission]);
        }
        catch (Exception ex)
        {
            await FailOrReplayAsync(submission, ex);
        }
    }

    /// <summary>A lone case that failed: if its idempotency key was taken meanwhile (another node), answer with that case.</summary>
    private async Task FailOrReplayAsync(Submission submission, Exception ex)
    {
        if (submission.IdempotencyKey is not null && ex is DbUpdateException)
        {
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                if (await FindAsync(db, [(submission.Caller, submission.IdempotencyKey)]) is { Count: 1 } found)
                {
                    submission.Done.TrySetResult((found.Values.Single(), false));
                    return;
                }
            }
            catch (Exception lookup)
            {
                ex = new AggregateException(ex, lookup);
            }
        }
        submission.Done.TrySetException(ex);
    }

    private async Task WriteBatchAsync(IReadOnlyList<Submission> batch)
    {
        await using var scope = _scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<CaseNotifier>();
        db.CaptureChangesForAudit = false; // one entry per case below, in the reporter's name
        db.ChangeTracker.AutoDetectChangesEnabled = false; // this context only adds new rows: nothing to detect
        var now = _time.GetUtcNow().UtcDateTime;

        // Retries in the same batch (same caller and key) follow the first one.
        var first = new Dictionary<(string, string), Submission>();
        var followers = new List<(Submission Follower, Submission Leader)>();
        var fresh = new List<Submission>(batch.Count);
        foreach (var s in batch)
        {
            if (s.IdempotencyKey is { } key && !first.TryAdd((s.Caller, key), s)) followers.Add((s, first[(s.Caller, key)]));
            else fresh.Add(s);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            // A key used before (a retry after a lost answer) fails the insert on the unique index; the batch is then
            // written one by one and that request is answered with the earlier case (FailOrReplayAsync). Retries are
            // rare, so the common batch pays no lookup.
            foreach (var s in fresh)
            {
                db.Cases.Add(s.Case);
                if (s.IdempotencyKey is not null)
                    db.IdempotencyRecords.Add(new IdempotencyRecord { Key = s.IdempotencyKey, Caller = s.Caller, Case = s.Case, CreatedUtc = s.Case.CreatedUtc });
            }
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException ex) when (fresh.Count > 1)
            {
                // One bad case (or a key another node just used) must not fail the others. The insert was not
                // accepted, so the cases are still new and can be written again, one by one.
                throw new SplitBatchException(ex);
            }
            // Ids are known now: notifications link to the case, photos are bound to it, the audit names it.
            foreach (var s in fresh)
            {
                await notifier.PlanAsync(s.Case, CaseActions.Submit);
                if (s.Photos.Count > 0)
                    await db.CasePhotos.Where(p => s.Photos.Contains(p.Key) && p.CaseId == null).ExecuteUpdateAsync(u => u.SetProperty(p => p.CaseId, s.Case.Id));
                db.AuditEntries.Add(AuditTrail.NewEntry(s.Actor, now, AuditActions.Created, AuditResult.Success, nameof(Case), s.Case.Id.ToString(),
                    $"case {s.Case.Number}, channel {s.Case.Channel}"));
            }
            // Nobody reads these back here: one multi-row insert per table instead of a round of single inserts.
            await BulkInsert.PendingAsync(db, SmallRows);
            await db.SaveChangesAsync(); // anything else a notifier may have added
            await transaction.CommitAsync();
        }

        foreach (var s in fresh) s.Done.TrySetResult((s.Case, true));
        foreach (var (follower, leader) in followers) follower.Done.TrySetResult((leader.Case, false));
    }

    /// <summary>The cases already filed under these (caller, key) pairs, with their timeline and departments.</summary>
    private static async Task<Dictionary<(string, string), Case>> FindAsync(AppDbContext db, IReadOnlyList<(string Caller, string Key)> pairs)
    {
        var keys = pairs.Select(p => p.Key).Distinct().ToList();
        var records = await db.IdempotencyRecords.AsNoTracking().Where(r => keys.Contains(r.Key)).Select(r => new { r.Caller, r.Key, r.CaseId }).ToListAsync();
        var wanted = pairs.ToHashSet();
        var hits = records.Where(r => wanted.Contains((r.Caller, r.Key))).ToList();
        if (hits.Count == 0) return [];
        var ids = hits.Select(h => h.CaseId).ToList();
        var cases = await db.Cases.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Include(c => c.Timeline).Include(c => c.Departments)
            .Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
        return hits.ToDictionary(h => (h.Caller, h.Key), h => cases[h.CaseId]);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop; // what was acknowledged is written already; what is queued is finished before shutdown
    }

    private sealed class SplitBatchException(Exception inner) : Exception("Write the batch one by one.", inner);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "A batch of {Count} new cases failed; writing them one by one")]
    private static partial void BatchFailed(ILogger logger, int count, Exception ex);
}

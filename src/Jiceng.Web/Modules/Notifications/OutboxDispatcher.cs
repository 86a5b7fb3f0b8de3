using Jiceng.Web.Data;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Notifications;

/// <summary>Sends one message through one gateway. Throwing means "not delivered, try again later".</summary>
public interface INotificationSender
{
    OutboxChannel Channel { get; }
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>The demo's SMS and WeChat gateways: they log that a message went out (its id, never the recipient or text).</summary>
public sealed partial class LoggingSender(OutboxChannel channel, ILogger<LoggingSender> logger) : INotificationSender
{
    public OutboxChannel Channel => channel;

    public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        Sent(logger, message.Channel, message.Id);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Delivered outbox message {Id} by {Channel} (logging sender)")]
    private static partial void Sent(ILogger logger, OutboxChannel channel, long id);
}

/// <summary>Database leases, so a job runs on one node at a time even when several share a PostgreSQL database.</summary>
public sealed class JobLeases(AppDbContext db, TimeProvider time)
{
    public static readonly string NodeId = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Takes or renews the lease if it is free, expired or already the owner's. Returns whether the owner holds it.</summary>
    public async Task<bool> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + duration;
        var taken = await db.Set<JobLease>().Where(l => l.Name == name && (l.Owner == owner || l.UntilUtc < now))
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Owner, owner).SetProperty(l => l.UntilUtc, until), cancellationToken);
        if (taken == 1) return true;
        if (await db.Set<JobLease>().AnyAsync(l => l.Name == name, cancellationToken)) return false;
        try
        {
            db.Set<JobLease>().Add(new JobLease { Name = name, Owner = owner, UntilUtc = until });
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false; // another node inserted it first
        }
    }
}

/// <summary>
/// Delivers outbox messages: due ones in id order, each attempt recorded; a failure waits 30 s, 1 min, 2 min …
/// (at most an hour) before the next try. Only the node holding the "outbox" lease sends.
/// </summary>
public sealed partial class OutboxDispatcher(IServiceScopeFactory scopes, TimeProvider time, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public const string LeaseName = "outbox";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _onePass = new(1, 1);

    /// <summary>Who this dispatcher is for the lease: the node by default (tests make a second "node").</summary>
    public string Owner { get; init; } = JobLeases.NodeId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ProcessDueAsync(100, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failed(logger, ex);
            }
            await Task.Delay(Interval, time, stoppingToken);
        }
    }

    /// <summary>One pass: returns how many messages were delivered.</summary>
    public async Task<int> ProcessDueAsync(int batchSize, CancellationToken cancellationToken)
    {
        await _onePass.WaitAsync(cancellationToken);
        try
        {
            return await ProcessAsync(batchSize, cancellationToken);
        }
        finally
        {
            _onePass.Release();
        }
    }

    private async Task<int> ProcessAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        if (!await scope.ServiceProvider.GetRequiredService<JobLeases>().TryAcquireAsync(LeaseName, Owner, TimeSpan.FromMinutes(1), cancellationToken))
        {
            return 0;
        }
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // The last sender registered for a channel wins: a deployment adds its real gateway after the logging one.
        var senders = new Dictionary<OutboxChannel, INotificationSender>();
        foreach (var sender in scope.ServiceProvider.GetServices<INotificationSender>()) senders[sender.Channel] = sender;
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Set<OutboxMessage>().Where(m => m.SentUtc == null && m.NextAttemptUtc <= now)
            .OrderBy(m => m.Id).Take(batchSize).ToListAsync(cancellationToken);
        var delivered = 0;
        foreach (var message in due)
        {
            message.Attempts++;
            try
            {
                if (!senders.TryGetValue(message.Channel, out var gateway)) throw new InvalidOperationException($"No sender for {message.Channel}.");
                await gateway.SendAsync(message, cancellationToken);
                message.SentUtc = time.GetUtcNow().UtcDateTime;
                message.LastError = null;
                delivered++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.LastError = ex.GetType().Name + ": " + (ex.Message.Length > 400 ? ex.Message[..400] : ex.Message);
                message.NextAttemptUtc = now + Backoff(message.Attempts);
            }
            // Record each attempt at once: a crash after a send repeats at most that one message.
            await db.SaveChangesAsync(cancellationToken);
        }
        return delivered;
    }

    public override void Dispose()
    {
        _onePass.Dispose();
        base.Dispose();
    }

    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempts - 1))));

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Outbox pass failed")]
    private static partial void Failed(ILogger logger, Exception ex);
}

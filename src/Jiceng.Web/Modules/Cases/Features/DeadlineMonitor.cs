using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Modules.Notifications;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Cases.Features;

/// <summary>
/// Watches time limits once a minute, on one node at a time (the "deadlines" lease): reminds the handler at 80 %
/// of the limit (催办), records late claims and overdue cases in the accountability ledger, and tells the handler.
/// Each mark is written once per case, so running it again, on any node, repeats nothing.
/// </summary>
public sealed partial class DeadlineMonitor(IServiceScopeFactory scopes, TimeProvider time, ILogger<DeadlineMonitor> logger) : BackgroundService
{
    public const string LeaseName = "deadlines";
    private readonly SemaphoreSlim _onePass = new(1, 1);

    public string Owner { get; init; } = JobLeases.NodeId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failed(logger, ex);
            }
            await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken);
        }
    }

    public sealed record Pass(int Reminded, int LateResponses, int Overdue);

    public async Task<Pass> CheckAsync(CancellationToken cancellationToken)
    {
        await _onePass.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
            if (!await scope.ServiceProvider.GetRequiredService<JobLeases>().TryAcquireAsync(LeaseName, Owner, TimeSpan.FromMinutes(2), cancellationToken))
            {
                return new Pass(0, 0, 0);
            }
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var notifier = scope.ServiceProvider.GetRequiredService<CaseNotifier>();
            var settings = scope.ServiceProvider.GetRequiredService<CaseSettings>(); // each case's county calendar, cached
            var now = time.GetUtcNow().UtcDateTime;
            int reminded = 0, late = 0, overdue = 0;

            var lateClaims = await db.Cases.Where(c => c.Status == CaseStatus.Dispatched && c.LateResponseRecordedUtc == null && c.ResponseDueUtc < now)
                .OrderBy(c => c.ResponseDueUtc).Take(500).ToListAsync(cancellationToken);
            foreach (var c in lateClaims)
            {
                c.MarkLateResponse(now);
                db.Add(Record(c, AccountabilityKind.LateResponse, c.ResponseDueUtc!.Value, now));
                await notifier.TellHandlersAsync(c, "签收已超时", cancellationToken);
                late++;
            }

            var running = await db.Cases.Where(c => Case.OpenStatuses.Contains(c.Status) && c.Status != CaseStatus.Submitted && c.HandlingDueUtc != null
                    && (c.OverdueRecordedUtc == null || c.RemindedUtc == null))
                .OrderBy(c => c.HandlingDueUtc).Take(2000).ToListAsync(cancellationToken);
            foreach (var c in running)
            {
                var due = c.HandlingDueUtc!.Value;
                if (due < now && c.OverdueRecordedUtc is null && c.Status != CaseStatus.Resolved)
                {
                    c.MarkOverdue(now);
                    db.Add(Record(c, AccountabilityKind.OverdueHandling, due, now));
                    await notifier.TellHandlersAsync(c, "办理已超时", cancellationToken);
                    overdue++;
                }
                else if (c.RemindedUtc is null && c.AcceptedUtc is { } start && due > start && due >= now
                         && (await settings.CalendarAsync(c.DivisionCode, cancellationToken)).ElapsedShare(start, due, now, c.HandlingUnit) >= 0.8)
                {
                    c.MarkReminded(now);
                    await notifier.TellHandlersAsync(c, "即将超时，请抓紧办理", cancellationToken);
                    reminded++;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            return new Pass(reminded, late, overdue);
        }
        finally
        {
            _onePass.Release();
        }
    }

    private static AccountabilityRecord Record(Case c, AccountabilityKind kind, DateTime dueUtc, DateTime nowUtc) => new()
    {
        CaseId = c.Id,
        Kind = kind,
        DepartmentId = c.LeadDepartmentId,
        DivisionCode = c.DivisionCode,
        DivisionPath = c.DivisionPath,
        DueUtc = dueUtc,
        RecordedUtc = nowUtc,
    };

    public override void Dispose()
    {
        _onePass.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Deadline check failed")]
    private static partial void Failed(ILogger logger, Exception ex);
}

using Jiceng.Web.Platform.Jobs;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Care.Domain;
using Jiceng.Web.Modules.Notifications;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiceng.Web.Modules.Care.Features;

/// <summary>
/// Reminds grid workers and helpers of due visits (走访提醒), every ten minutes on one node at a time (the
/// "care-visit-reminders" lease): for each key person whose visit is due within a day or overdue, one in-app message
/// per person and due date to the workers of the person's grid and the helpers of their plan who have accounts. The
/// <see cref="CareVisitReminder"/> row (unique per person and due date) is written with the messages, so a reminder is
/// sent once even when a second node races this one; after a visit the due date moves on and the next one is new.
/// </summary>
public sealed partial class VisitReminderMonitor(IServiceScopeFactory scopes, TimeProvider time, IOptions<CareOptions> options,
    ILogger<VisitReminderMonitor> logger) : PeriodicJob
{
    public const string LeaseName = "care-visit-reminders";
    public const string Title = "走访提醒";
    /// <summary>Reminders go out this many days before the due date, and every day after it until a visit (once per due date).</summary>
    public const int DaysAhead = 1;
    private const int Batch = 200;

    public string Owner { get; init; } = JobLeases.NodeId;

    protected override bool Enabled => options.Value.VisitReminderMonitorEnabled;
    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);
    protected override TimeProvider Clock => time;
    protected override Task RunPassAsync(CancellationToken cancellationToken) => CheckAsync(cancellationToken);
    protected override void PassFailed(Exception exception) => Failed(logger, exception);

    /// <param name="Reminders">People reminded in this pass.</param>
    /// <param name="Notifications">Messages written (one per recipient).</param>
    public sealed record Pass(int Reminders, int Notifications);

    public async Task<Pass> CheckAsync(CancellationToken cancellationToken)
    {
        using var onePass = await OnePassAtATimeAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        if (!await scope.ServiceProvider.GetRequiredService<JobLeases>().TryAcquireAsync(LeaseName, Owner, TimeSpan.FromMinutes(15), cancellationToken))
        {
            return new Pass(0, 0);
        }
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var schedule = scope.ServiceProvider.GetRequiredService<VisitSchedule>();
        var now = time.GetUtcNow().UtcDateTime;
        var today = CareQueries.LocalDate(now);
        var due = (await schedule.ComputeAsync(db.People, cancellationToken)).Where(d => d.DueDate <= today.AddDays(DaysAhead)).ToList();

        int reminded = 0, notifications = 0;
        foreach (var chunk in due.Chunk(Batch))
        {
            var ids = chunk.Select(d => d.PersonId).ToList();
            var sent = (await db.CareVisitReminders.AsNoTracking().Where(r => ids.Contains(r.PersonId)).Select(r => new { r.PersonId, r.DueDate })
                .ToListAsync(cancellationToken)).Select(r => (r.PersonId, r.DueDate)).ToHashSet();
            var pending = new List<(CareVisitReminder Reminder, List<Notification> Messages)>();
            foreach (var person in chunk.Where(d => !sent.Contains((d.PersonId, d.DueDate))))
            {
                var recipients = await CareRecipients.ForPersonAsync(db, person.PersonId, person.GridId, cancellationToken);
                if (recipients.Count == 0) continue; // nobody to tell yet: try again when someone is assigned
                var body = Body(person, today);
                pending.Add((new CareVisitReminder(person.PersonId, person.DueDate, now),
                    recipients.Select(u => new Notification { UserId = u, CreatedUtc = now, Title = Title, Body = body, Link = "/care/visit" }).ToList()));
            }
            var written = await WriteAsync(db, pending, cancellationToken);
            reminded += written.Count;
            notifications += written.Sum(w => w.Messages.Count);
        }
        return new Pass(reminded, notifications);
    }

    /// <summary>Writes a batch in one transaction; if another node wrote one of its reminders first, writes them one by one and skips that one.</summary>
    private static async Task<List<(CareVisitReminder Reminder, List<Notification> Messages)>> WriteAsync(AppDbContext db,
        List<(CareVisitReminder Reminder, List<Notification> Messages)> pending, CancellationToken cancellationToken)
    {
        if (pending.Count == 0) return [];
        try
        {
            foreach (var (reminder, messages) in pending)
            {
                db.CareVisitReminders.Add(reminder);
                db.AddRange(messages);
            }
            await db.SaveChangesAsync(cancellationToken);
            return pending;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
        var written = new List<(CareVisitReminder, List<Notification>)>();
        foreach (var (reminder, messages) in pending)
        {
            try
            {
                db.CareVisitReminders.Add(reminder);
                db.AddRange(messages);
                await db.SaveChangesAsync(cancellationToken);
                written.Add((reminder, messages));
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // sent by another node: once is enough
            }
        }
        return written;
    }

    /// <summary>The masked name only: a notification may be read on a shared screen.</summary>
    private static string Body(VisitDue person, DateOnly today)
    {
        var groups = string.Join("、", person.Groups.Select(c => Residents.Domain.KeyGroups.Find(c)?.Name ?? c));
        var when = person.DaysOverdue(today) is var late and > 0
            ? $"已逾期 {late} 天（应于 {person.DueDate:yyyy-MM-dd} 前走访）"
            : $"应于 {person.DueDate:yyyy-MM-dd} 前走访";
        return $"{Mask.Name(person.Name)}（{groups}）{when}。";
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "Visit reminder check failed")]
    private static partial void Failed(ILogger logger, Exception ex);
}

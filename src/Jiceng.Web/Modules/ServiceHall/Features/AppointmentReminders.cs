using Jiceng.Web.Data;
using Jiceng.Web.Modules.Notifications;
using Jiceng.Web.Modules.ServiceHall.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Jobs;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiceng.Web.Modules.ServiceHall.Features;

/// <summary>
/// Reminds residents of their booking <see cref="ServiceHallOptions.ReminderHoursBefore"/> hours before the slot (the day
/// before by default), once: each reminder is claimed by a conditional update of <c>ReminderSentUtc</c>, so two nodes never
/// both send it. The same pass lets help orders handed to a department follow their case's result.
/// </summary>
public sealed partial class AppointmentReminders(IServiceScopeFactory scopes, TimeProvider time, IOptions<ServiceHallOptions> options,
    ILogger<AppointmentReminders> logger) : PeriodicJob
{
    public const string Title = "预约办理提醒";

    protected override bool Enabled => options.Value.AppointmentReminderEnabled;
    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);
    protected override TimeProvider Clock => time;
    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        await CheckAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        await scope.ServiceProvider.GetRequiredService<HelpOrders>().FollowCasesAsync(cancellationToken);
    }

    protected override void PassFailed(Exception exception) => Failed(logger, exception);

    /// <returns>How many reminders this pass sent.</returns>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        using var onePass = await OnePassAtATimeAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        var now = time.GetUtcNow().UtcDateTime;
        var horizon = now.AddHours(options.Value.ReminderHoursBefore);
        var due = await db.Appointments.AsNoTracking()
            .Where(a => a.Status == AppointmentStatus.Booked && a.ReminderSentUtc == null && a.SlotStartUtc > now && a.SlotStartUtc <= horizon)
            .OrderBy(a => a.SlotStartUtc).Select(a => new { a.Id, a.UserId, a.ItemId, a.SlotStartUtc }).Take(500).ToListAsync(cancellationToken);
        var itemIds = due.Select(a => a.ItemId).Distinct().ToList();
        var items = await db.ServiceItems.AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);
        var count = 0;
        foreach (var a in due)
        {
            var claimed = await db.Appointments.Where(x => x.Id == a.Id && x.ReminderSentUtc == null && x.Status == AppointmentStatus.Booked)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.ReminderSentUtc, now), cancellationToken);
            if (claimed != 1 || a.UserId is not { } userId) continue;
            count++;
            db.Set<Notification>().Add(new Notification
            {
                UserId = userId, CreatedUtc = now, Title = Title, Link = "/me/services",
                Body = $"您预约的「{items.GetValueOrDefault(a.ItemId, "办事")}」将于 {ServiceHallContext.Local(a.SlotStartUtc)} 办理，请带齐材料按时到场；不能前来请提前取消。",
            });
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(ServiceHallAudit.Reminded, AuditResult.Success, nameof(Appointment), a.Id.ToString(), cancellationToken: cancellationToken);
        }
        if (count > 0) Reminded(logger, count);
        return count;
    }

    [LoggerMessage(EventId = 5610, Level = LogLevel.Error, Message = "Appointment reminder pass failed")]
    private static partial void Failed(ILogger logger, Exception ex);

    [LoggerMessage(EventId = 5611, Level = LogLevel.Information, Message = "{Count} appointment reminders sent")]
    private static partial void Reminded(ILogger logger, int count);
}

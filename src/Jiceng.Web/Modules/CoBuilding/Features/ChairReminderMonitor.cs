using Jiceng.Web.Platform.Time;
using Jiceng.Web.Platform.Jobs;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.CoBuilding.Domain;
using Jiceng.Web.Modules.Notifications;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiceng.Web.Modules.CoBuilding.Features;

/// <summary>
/// 轮值主席提醒: some days (CoBuilding:ChairReminderDaysAhead) before a month starts, tells the community's staff and the
/// chairing unit's accounts who chairs it. Runs hourly on one node at a time (the "cobuilding-chair-reminders" lease); each
/// month is claimed by a conditional update of ReminderSentUtc (only while it is still empty) in the same transaction as its
/// messages, so a month is announced once even when two nodes race.
/// </summary>
public sealed partial class ChairReminderMonitor(IServiceScopeFactory scopes, TimeProvider time, IOptions<CoBuildingOptions> options,
    ILogger<ChairReminderMonitor> logger) : PeriodicJob
{
    public const string LeaseName = "cobuilding-chair-reminders";
    public const string Title = "轮值主席提醒";
    public const string AuditAction = "cobuilding.chair.reminded";

    public string Owner { get; init; } = JobLeases.NodeId;

    protected override bool Enabled => options.Value.ChairReminderMonitorEnabled;
    protected override TimeSpan Interval => TimeSpan.FromHours(1);
    protected override TimeProvider Clock => time;
    protected override Task RunPassAsync(CancellationToken cancellationToken) => CheckAsync(cancellationToken);
    protected override void PassFailed(Exception exception) => Failed(logger, exception);

    /// <param name="Months">Chair months announced in this pass.</param>
    /// <param name="Notifications">Messages written.</param>
    public sealed record Pass(int Months, int Notifications);

    public async Task<Pass> CheckAsync(CancellationToken cancellationToken)
    {
        using var onePass = await OnePassAtATimeAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        if (!await scope.ServiceProvider.GetRequiredService<JobLeases>().TryAcquireAsync(LeaseName, Owner, TimeSpan.FromMinutes(30), cancellationToken))
        {
            return new Pass(0, 0);
        }
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        var now = time.GetUtcNow().UtcDateTime;
        var today = WorkingCalendar.LocalDate(now);
        // The current month (a schedule set late is still announced) and every month starting within the days ahead.
        var keys = new List<int>();
        for (var first = new DateOnly(today.Year, today.Month, 1); first <= today.AddDays(options.Value.ChairReminderDaysAhead); first = first.AddMonths(1))
        {
            keys.Add(first.Year * 100 + first.Month);
        }
        var due = await db.RotatingChairMonths.AsNoTracking().Where(m => m.ReminderSentUtc == null && m.UnitId != null && keys.Contains(m.Year * 100 + m.Month))
            .ToListAsync(cancellationToken);
        int months = 0, notifications = 0;
        foreach (var month in due)
        {
            var written = await AnnounceAsync(db, month, now, cancellationToken);
            if (written < 0) continue;
            months++;
            notifications += written;
            await audit.RecordAsync(AuditAction, AuditResult.Success, nameof(RotatingChairMonth), month.Id.ToString(), $"notifications={written}", cancellationToken: cancellationToken);
        }
        return new Pass(months, notifications);
    }

    /// <returns>Messages written, or -1 when another pass announced the month first.</returns>
    private static async Task<int> AnnounceAsync(AppDbContext db, RotatingChairMonth month, DateTime now, CancellationToken ct)
    {
        var unitName = await db.CoBuildingUnits.Where(u => u.Id == month.UnitId).Select(u => u.Name).SingleOrDefaultAsync(ct) ?? "";
        var community = await db.Divisions.Where(d => d.Code == month.DivisionCode).Select(d => d.Name).SingleOrDefaultAsync(ct) ?? month.DivisionCode;
        var staff = await Recipients.CommunityStaffAsync(db, month.DivisionCode, ct);
        var unitAccounts = await db.Users.Where(u => u.UnitId == month.UnitId && !u.IsDisabled).Select(u => u.Id).ToListAsync(ct);
        var body = $"{community} {month.Year} 年 {month.Month} 月的轮值主席单位为{unitName}" + (month.Theme is { Length: > 0 } theme ? $"，活动主题：{theme}。" : "。");

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.RotatingChairMonths.Where(m => m.Id == month.Id && m.ReminderSentUtc == null && m.UnitId == month.UnitId)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReminderSentUtc, now), ct);
            if (claimed != 1)
            {
                await transaction.RollbackAsync(ct);
                return -1;
            }
            var recipients = staff.Concat(unitAccounts).Distinct().ToList();
            db.Set<Notification>().AddRange(recipients.Select(u => new Notification { UserId = u, CreatedUtc = now, Title = Title, Body = body, Link = "/cobuilding" }));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return recipients.Count;
        });
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Error, Message = "Rotating chair reminder check failed")]
    private static partial void Failed(ILogger logger, Exception ex);
}

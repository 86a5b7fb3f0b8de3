using System.ComponentModel.DataAnnotations;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Features;
using Jiceng.Web.Modules.Centres.Domain;
using Jiceng.Web.Modules.Notifications;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Jobs;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiceng.Web.Modules.Centres.Features;

public sealed class CentresOptions
{
    public const string Section = "Centres";

    /// <summary>The daily warning about required duty shifts nobody is on.</summary>
    public bool DutyGapMonitorEnabled { get; set; } = true;

    /// <summary>How many days ahead the warning looks.</summary>
    [Range(1, 60)]
    public int DutyGapDaysAhead { get; set; } = 7;
}

/// <summary>
/// Once a day, warns the community's staff about every required duty shift in the coming days that nobody is on. Each gap
/// is warned about once: the notice row's unique key (shift, day) decides, so two nodes or two passes never both send.
/// </summary>
public sealed partial class DutyGapMonitor(IServiceScopeFactory scopes, TimeProvider time, IOptions<CentresOptions> options, ILogger<DutyGapMonitor> logger) : PeriodicJob
{
    public const string Title = "值班排班有空缺";

    protected override bool Enabled => options.Value.DutyGapMonitorEnabled;
    protected override TimeSpan Interval => TimeSpan.FromDays(1);
    protected override TimeProvider Clock => time;
    protected override Task RunPassAsync(CancellationToken cancellationToken) => CheckAsync(cancellationToken);
    protected override void PassFailed(Exception exception) => Failed(logger, exception);

    /// <returns>How many gaps were newly warned about in this pass.</returns>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        using var onePass = await OnePassAtATimeAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var caseSettings = scope.ServiceProvider.GetRequiredService<CaseSettings>();
        var now = time.GetUtcNow().UtcDateTime;
        var gaps = await DutyRota.GapsOfAsync(db, db.ServiceCentres.AsNoTracking().Where(c => c.IsActive), caseSettings.CalendarAsync, WorkingCalendar.LocalDate(now),
            options.Value.DutyGapDaysAhead, now, cancellationToken);
        var count = 0;
        var staffByCommunity = new Dictionary<string, List<Guid>>();
        foreach (var gap in gaps)
        {
            if (await db.DutyGapNotices.AnyAsync(n => n.ShiftId == gap.ShiftId && n.Date == gap.Date, cancellationToken)) continue;
            if (!staffByCommunity.TryGetValue(gap.DivisionCode, out var staff))
            {
                staff = await Recipients.CommunityStaffAsync(db, gap.DivisionCode, cancellationToken);
                staffByCommunity[gap.DivisionCode] = staff;
            }
            db.DutyGapNotices.Add(new DutyGapNotice { ShiftId = gap.ShiftId, Date = gap.Date, SentUtc = now });
            db.AddRange(staff.Select(u => new Notification
            {
                UserId = u, CreatedUtc = now, Title = Title, Link = "/centres",
                Body = $"{gap.CentreName} {gap.Date:yyyy-MM-dd} {gap.ShiftName}（{gap.Start}–{gap.End}）尚无人值班，请及时安排。",
            }));
            try
            {
                // The notice and its messages commit together; another node's notice for the same gap wins the unique key.
                await db.SaveChangesAsync(cancellationToken);
                count++;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }
        if (count > 0) Warned(logger, count);
        return count;
    }

    [LoggerMessage(EventId = 5520, Level = LogLevel.Error, Message = "Duty gap check failed")]
    private static partial void Failed(ILogger logger, Exception ex);

    [LoggerMessage(EventId = 5521, Level = LogLevel.Information, Message = "{Count} duty rota gaps warned about")]
    private static partial void Warned(ILogger logger, int count);
}

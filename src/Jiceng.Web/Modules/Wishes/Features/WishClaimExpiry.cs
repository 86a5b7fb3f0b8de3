using Jiceng.Web.Platform.Jobs;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Notifications;
using Jiceng.Web.Modules.Wishes.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiceng.Web.Modules.Wishes.Features;

/// <summary>
/// Returns wishes whose claim deadline has passed to the wall, every ten minutes. Each wish is returned by a conditional
/// update (still claimed, still the same expired deadline), so two nodes, or a new claim racing the job, never both win;
/// the community's staff get one message per expired claim.
/// </summary>
public sealed partial class WishClaimExpiry(IServiceScopeFactory scopes, TimeProvider time, IOptions<WishOptions> options, ILogger<WishClaimExpiry> logger) : PeriodicJob
{
    public const string Title = "心愿认领已过期";

    protected override bool Enabled => options.Value.ClaimExpiryEnabled;
    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);
    protected override TimeProvider Clock => time;
    protected override Task RunPassAsync(CancellationToken cancellationToken) => CheckAsync(cancellationToken);
    protected override void PassFailed(Exception exception) => Failed(logger, exception);

    /// <returns>How many claims expired in this pass.</returns>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        using var onePass = await OnePassAtATimeAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        var now = time.GetUtcNow().UtcDateTime;
        var expired = await db.Wishes.AsNoTracking().Where(w => w.Status == WishStatus.Claimed && w.ClaimDeadlineUtc < now)
            .OrderBy(w => w.ClaimDeadlineUtc).Select(w => new { w.Id, w.DivisionCode, w.Title, w.ClaimDeadlineUtc }).Take(500).ToListAsync(cancellationToken);
        var count = 0;
        foreach (var wish in expired)
        {
            var deadline = wish.ClaimDeadlineUtc;
            var returned = await db.Wishes.Where(w => w.Id == wish.Id && w.Status == WishStatus.Claimed && w.ClaimDeadlineUtc == deadline)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(w => w.Status, WishStatus.OnWall)
                    .SetProperty(w => w.ClaimantKind, (WishClaimantKind?)null)
                    .SetProperty(w => w.ClaimantUserId, (Guid?)null)
                    .SetProperty(w => w.ClaimantUnitId, (Guid?)null)
                    .SetProperty(w => w.ClaimantPersonId, (Guid?)null)
                    .SetProperty(w => w.ClaimantName, (string?)null)
                    .SetProperty(w => w.ClaimedUtc, (DateTime?)null)
                    .SetProperty(w => w.ClaimDeadlineUtc, (DateTime?)null)
                    .SetProperty(w => w.UpdatedUtc, now)
                    .SetProperty(w => w.Version, w => w.Version + 1), cancellationToken);
            if (returned != 1) continue;
            count++;
            await audit.RecordAsync("wish.claim_expired", AuditResult.Success, nameof(Wish), wish.Id.ToString(), cancellationToken: cancellationToken);
            var staff = await Recipients.CommunityStaffAsync(db, wish.DivisionCode, cancellationToken);
            db.AddRange(staff.Select(u => new Notification
            {
                UserId = u, CreatedUtc = now, Title = Title, Body = $"心愿「{wish.Title}」的认领已过期，已重新回到心愿墙。", Link = "/wishes",
            }));
            await db.SaveChangesAsync(cancellationToken);
        }
        if (count > 0) Expired(logger, count);
        return count;
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Error, Message = "Wish claim expiry check failed")]
    private static partial void Failed(ILogger logger, Exception ex);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "{Count} wish claims expired and returned to the wall")]
    private static partial void Expired(ILogger logger, int count);
}

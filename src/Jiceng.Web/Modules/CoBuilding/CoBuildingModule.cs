using Jiceng.Web.Modules.CoBuilding.Features;

namespace Jiceng.Web.Modules.CoBuilding;

public static class CoBuildingModule
{
    public static IServiceCollection AddCoBuildingModule(this IServiceCollection services)
    {
        services.AddOptions<CoBuildingOptions>().BindConfiguration(CoBuildingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<CoBuildingCaller>();
        services.AddScoped<CoBuildingUnits>();
        services.AddScoped<CoBuildingPairings>();
        services.AddScoped<CoBuildingLists>();
        services.AddScoped<CoBuildingCommunityWork>();
        services.AddScoped<CoBuildingCommunities>();
        // Registered always; it returns at once when CoBuilding:ChairReminderMonitorEnabled is false (tests drive CheckAsync themselves).
        services.AddSingleton<ChairReminderMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ChairReminderMonitor>());
        services.AddAuthorizationBuilder()
            .AddPolicy(CoBuildingRoles.ReadersPolicy, p => p.RequireRole(CoBuildingRoles.Readers))
            .AddPolicy(CoBuildingRoles.ManagersPolicy, p => p.RequireRole(CoBuildingRoles.Managers));
        return services;
    }

    public static IEndpointRouteBuilder MapCoBuildingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/cobuilding").WithTags("CoBuilding").RequireAuthorization(CoBuildingRoles.ReadersPolicy);
        CoBuildingApi.Map(api);
        return app;
    }
}

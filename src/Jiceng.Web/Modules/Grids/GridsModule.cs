using Jiceng.Web.Modules.Grids.Features;

namespace Jiceng.Web.Modules.Grids;

public static class GridsModule
{
    public static IServiceCollection AddGridsModule(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<GridLocator>();
        services.AddOptions<GridsOptions>().BindConfiguration(GridsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<GridQrCodes>();
        services.AddScoped<GridQueries>();
        services.AddScoped<GridEditor>();
        services.AddScoped<GridStaffing>();
        services.AddScoped<GridBuildings>();
        services.AddScoped<GridPairings>();
        services.AddAuthorizationBuilder()
            .AddPolicy(GridAccess.Readers, p => p.RequireRole(GridAccess.ReaderRoles))
            .AddPolicy(GridAccess.Writers, p => p.RequireRole(GridAccess.WriterRoles));
        return services;
    }

    public static IEndpointRouteBuilder MapGridsApi(this IEndpointRouteBuilder app) => app.MapGridEndpoints();
}

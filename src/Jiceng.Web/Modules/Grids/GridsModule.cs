namespace Jiceng.Web.Modules.Grids;

public static class GridsModule
{
    public static IServiceCollection AddGridsModule(this IServiceCollection services)
    {
        services.AddSingleton<Features.GridLocator>();
        return services;
    }

    public static IEndpointRouteBuilder MapGridsApi(this IEndpointRouteBuilder app)
    {
        return app;
    }
}

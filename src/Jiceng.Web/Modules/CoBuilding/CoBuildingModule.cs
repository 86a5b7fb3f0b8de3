namespace Jiceng.Web.Modules.CoBuilding;

public static class CoBuildingModule
{
    public static IServiceCollection AddCoBuildingModule(this IServiceCollection services)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapCoBuildingApi(this IEndpointRouteBuilder app)
    {
        return app;
    }
}

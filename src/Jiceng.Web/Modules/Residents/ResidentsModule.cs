namespace Jiceng.Web.Modules.Residents;

public static class ResidentsModule
{
    public static IServiceCollection AddResidentsModule(this IServiceCollection services)
    {

        return services;
    }

    public static IEndpointRouteBuilder MapResidentsApi(this IEndpointRouteBuilder app)
    {
        return app;
    }
}

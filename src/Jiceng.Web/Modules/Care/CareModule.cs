namespace Jiceng.Web.Modules.Care;

public static class CareModule
{
    public static IServiceCollection AddCareModule(this IServiceCollection services)
    {

        return services;
    }

    public static IEndpointRouteBuilder MapCareApi(this IEndpointRouteBuilder app)
    {
        return app;
    }
}

namespace Jiceng.Web.Modules.Volunteering;

public static class VolunteeringModule
{
    public static IServiceCollection AddVolunteeringModule(this IServiceCollection services)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapVolunteeringApi(this IEndpointRouteBuilder app)
    {
        return app;
    }
}

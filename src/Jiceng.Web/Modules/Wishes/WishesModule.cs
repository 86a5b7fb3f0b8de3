namespace Jiceng.Web.Modules.Wishes;

public static class WishesModule
{
    public static IServiceCollection AddWishesModule(this IServiceCollection services)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapWishesApi(this IEndpointRouteBuilder app)
    {
        return app;
    }
}

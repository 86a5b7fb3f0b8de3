namespace Jiceng.Web.Modules.PartyMembers;

public static class PartyMembersModule
{
    public static IServiceCollection AddPartyMembersModule(this IServiceCollection services)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapPartyMembersApi(this IEndpointRouteBuilder app)
    {
        return app;
    }
}

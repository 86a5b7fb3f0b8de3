using Jiceng.Web.Modules.Volunteering.Features;

namespace Jiceng.Web.Modules.Volunteering;

public static class VolunteeringModule
{
    public static IServiceCollection AddVolunteeringModule(this IServiceCollection services)
    {
        services.AddScoped<VolunteeringContext>();
        services.AddScoped<VolunteerTeams>();
        services.AddScoped<VolunteerActivities>();
        services.AddScoped<ActivitySignups>();
        services.AddScoped<VolunteerHours>();
        services.AddScoped<VolunteerRecords>();
        services.AddScoped<CurrentUserAccessor>();
        services.AddAuthorizationBuilder()
            .AddPolicy(VolunteeringRoles.StaffPolicy, p => p.RequireRole(VolunteeringRoles.Staff))
            .AddPolicy(VolunteeringRoles.ParticipantPolicy, p => p.RequireRole(VolunteeringRoles.Participants));
        return services;
    }

    public static IEndpointRouteBuilder MapVolunteeringApi(this IEndpointRouteBuilder app)
    {
        VolunteeringApi.Map(app);
        VolunteeringApi.MapPageDownloads(app);
        return app;
    }
}

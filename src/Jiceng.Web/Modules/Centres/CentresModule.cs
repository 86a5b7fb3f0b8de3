using Jiceng.Web.Modules.Centres.Features;

namespace Jiceng.Web.Modules.Centres;

/// <summary>Registration of the service centres module (issue 6): centres and stations, rooms and bookings, the duty rota.</summary>
public static class CentresModule
{
    public static IServiceCollection AddCentresModule(this IServiceCollection services)
    {
        services.AddOptions<CentresOptions>().BindConfiguration(CentresOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<CentresContext>();
        services.AddScoped<CentreRegistry>();
        services.AddScoped<RoomBookings>();
        services.AddScoped<DutyRota>();
        services.AddScoped<PublicCentres>();
        services.AddScoped<CentresExport>();
        // Registered always; it returns at once when Centres:DutyGapMonitorEnabled is false (tests drive CheckAsync themselves).
        services.AddSingleton<DutyGapMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<DutyGapMonitor>());
        services.AddAuthorizationBuilder()
            .AddPolicy(CentresRoles.StaffPolicy, p => p.RequireRole(CentresRoles.Staff))
            .AddPolicy(CentresRoles.BookerPolicy, p => p.RequireRole(CentresRoles.Bookers));
        return services;
    }

    public static IEndpointRouteBuilder MapCentresApi(this IEndpointRouteBuilder app)
    {
        CentresApi.Map(app);
        return app;
    }
}

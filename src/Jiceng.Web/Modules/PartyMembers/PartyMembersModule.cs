using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Modules.PartyMembers.Features;

namespace Jiceng.Web.Modules.PartyMembers;

public static class PartyMembersModule
{
    public static IServiceCollection AddPartyMembersModule(this IServiceCollection services)
    {
        services.AddScoped<PartyPlaces>();
        services.AddScoped<Registrations>();
        services.AddScoped<Sessions>();
        services.AddScoped<SixChecklist>();
        services.AddScoped<PartyReports>();
        services.AddAuthorizationBuilder()
            .AddPolicy(PartyRoles.StaffPolicy, p => p.RequireRole(PartyRoles.Staff))
            .AddPolicy(PartyRoles.MemberPolicy, p => p.RequireRole(Platform.Auth.Roles.PartyMember))
            .AddPolicy(PartyRoles.ReadersPolicy, p => p.RequireRole(PartyRoles.Readers));
        return services;
    }

    public static IEndpointRouteBuilder MapPartyMembersApi(this IEndpointRouteBuilder app)
    {
        var party = app.MapGroup("/api/v1/party").WithTags("PartyMembers");
        var staff = party.MapGroup("").RequireAuthorization(PartyRoles.StaffPolicy);
        var member = party.MapGroup("").RequireAuthorization(PartyRoles.MemberPolicy);
        var readers = party.MapGroup("").RequireAuthorization(PartyRoles.ReadersPolicy);

        member.MapPost("/registrations", PartyApi.RegisterAsync).WithName("RegisterPartyMember")
            .WithSummary("双报到: the caller (an in-service party member) reports to the community they live in; pending until the community confirms");
        member.MapGet("/registrations/mine", PartyApi.MineAsync).WithName("ListMyPartyRegistrations").WithSummary("The caller's registrations, the open one first");
        member.MapGet("/six", PartyApi.MySixAsync).WithName("GetMySixChecklist")
            .WithSummary("The caller's \"六个一\" for a year (China calendar), each item derived from records with its evidence");
        member.MapGet("/communities", PartyApi.CommunitiesAsync).WithName("ListPartyCommunities").WithSummary("The communities of a county (?county=code), to report to");

        staff.MapGet("/registrations", PartyApi.ListAsync).WithName("ListPartyRegistrations").WithSummary("Registrations in scope (?division=, ?status=); names masked");
        readers.MapGet("/registrations/{id:guid}", PartyApi.GetAsync).WithName("GetPartyRegistration");
        staff.MapPost("/registrations/{id:guid}/confirm", PartyApi.ConfirmAsync).WithName("ConfirmPartyRegistration")
            .WithSummary("The community confirms a pending registration (one decision wins)");
        staff.MapPost("/registrations/{id:guid}/decline", PartyApi.DeclineAsync).WithName("DeclinePartyRegistration").WithSummary("The community declines a pending registration, with a note");
        party.MapPost("/registrations/{id:guid}/end", PartyApi.EndAsync).RequireAuthorization(PartyRoles.ReadersPolicy).WithName("EndPartyRegistration")
            .WithSummary("Ends an open registration: the member or the community's staff");
        readers.MapGet("/registrations/{id:guid}/six", PartyApi.RegistrationSixAsync).WithName("GetRegistrationSixChecklist")
            .WithSummary("A registered member's \"六个一\" for a year: staff in scope, the member, the employer unit");

        staff.MapPost("/sessions", PartyApi.CreateSessionAsync).WithName("CreatePartySession")
            .WithSummary("An organisation life, discussion with cadres or survey of a community");
        staff.MapGet("/sessions", PartyApi.ListSessionsAsync).WithName("ListPartySessions").WithSummary("Sessions of a year in scope, with attendance counts");
        staff.MapGet("/sessions/{id:guid}", PartyApi.GetSessionAsync).WithName("GetPartySession").WithSummary("A session with its attendees (names masked)");
        staff.MapPost("/sessions/{id:guid}/attendance", PartyApi.AttendanceAsync).WithName("RecordPartySessionAttendance")
            .WithSummary("Who attended: confirmed registrations of the session's community; those already recorded are skipped");

        party.MapGet("/reports/employer", PartyApi.EmployerReportAsync).RequireAuthorization(p => p.RequireRole([.. PartyRoles.Staff, Platform.Auth.Roles.CoBuildingUnit]))
            .WithName("GetEmployerSixReport")
            .WithSummary("To the employer's party organisation: each registered member's six items, and who did nothing this year (a unit gets its own unit)");
        party.MapGet("/reports/employer/export", PartyApi.EmployerExportAsync).RequireAuthorization(p => p.RequireRole([.. PartyRoles.Staff, Platform.Auth.Roles.CoBuildingUnit]))
            .AllowConsoleCookieReads().WithName("ExportEmployerSixReport").WithSummary("The employer report as an Excel workbook (names masked)");
        staff.MapGet("/reports/communities", PartyApi.CommunitySummaryAsync).WithName("GetCommunitySixSummary")
            .WithSummary("Per community: registered, pending, confirmed, and completion of each item among the confirmed");
        staff.MapGet("/reports/members", PartyApi.MembersReportAsync).WithName("GetMembersSixReport")
            .WithSummary("Every open registration in scope (?division=) with its six items for the year (names masked)");
        return app;
    }
}

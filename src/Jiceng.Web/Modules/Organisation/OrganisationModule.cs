using Jiceng.Web.Modules.Organisation.Features;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiceng.Web.Modules.Organisation;

public static class OrganisationModule
{
    public static IServiceCollection AddOrganisationModule(this IServiceCollection services)
    {
        services.AddScoped<OrganisationQueries>();
        services.AddScoped<PublicDivisionDirectory>();
        services.AddScoped<DivisionImporter>();
        return services;
    }

    public static RouteGroupBuilder MapOrganisationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Organisation").RequireAuthorization(Policies.OrganisationReaders);
        group.MapGet("/divisions", ListDivisionsAsync).WithName("ListDivisions")
            .WithSummary("The caller's top divisions, or a search (?search=) by name or code within the caller's scope");
        group.MapGet("/divisions/{code}", GetDivisionAsync).WithName("GetDivision");
        group.MapGet("/divisions/{code}/children", GetDivisionChildrenAsync).WithName("GetDivisionChildren");
        group.MapGet("/party-organisations", ListPartyOrganisationsAsync).WithName("ListPartyOrganisations")
            .WithSummary("Party organisations serving a division (?division=code) or under a parent (?parent=id)");
        group.MapGet("/departments", ListDepartmentsAsync).WithName("ListDepartments");
        return group;
    }

    public static async Task<Results<Ok<List<DivisionDto>>, ProblemHttpResult>> ListDivisionsAsync(string? search, OrganisationQueries queries, CancellationToken cancellationToken)
    {
        if (search is null)
        {
            return TypedResults.Ok(await queries.GetScopeRootsAsync(cancellationToken));
        }
        var result = await queries.SearchDivisionsAsync(search, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<DivisionDto>, ProblemHttpResult>> GetDivisionAsync(string code, OrganisationQueries queries, CancellationToken cancellationToken)
    {
        var result = await queries.GetDivisionAsync(code, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<List<DivisionDto>>, ProblemHttpResult>> GetDivisionChildrenAsync(string code, OrganisationQueries queries, CancellationToken cancellationToken)
    {
        var result = await queries.GetChildrenAsync(code, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<List<PartyOrganisationDto>>, ProblemHttpResult>> ListPartyOrganisationsAsync(
        string? division, Guid? parent, OrganisationQueries queries, CancellationToken cancellationToken)
    {
        var result = await queries.GetPartyOrganisationsAsync(division, parent, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Ok<List<DepartmentDto>>> ListDepartmentsAsync(OrganisationQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.GetDepartmentsAsync(cancellationToken));
}

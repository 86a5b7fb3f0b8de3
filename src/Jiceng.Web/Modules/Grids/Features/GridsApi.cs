using System.Text;
using Jiceng.Web.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Jiceng.Web.Modules.Grids.Features;

/// <summary>The grid endpoints (/api/v1/grids, /api/v1/buildings, /api/v1/pairings): thin adapters over the use cases.</summary>
public static class GridsApi
{
    public static IEndpointRouteBuilder MapGridEndpoints(this IEndpointRouteBuilder app)
    {
        var grids = app.MapGroup("/api/v1/grids").WithTags("Grids").RequireAuthorization(GridAccess.Readers);
        grids.MapGet("/", ListAsync).WithName("ListGrids").WithSummary("A community's grids with leader, party branch, boundary (GeoJSON), workers and live counts");
        grids.MapGet("/locate", LocateAsync).AllowAnonymous().WithName("LocateGrid")
            .WithSummary("The grid of a community that holds a point (lat, lng); 404 when no grid is drawn there. Grid names are public.");
        grids.MapGet("/{id:guid}", GetAsync).WithName("GetGrid");
        grids.MapPost("/", CreateAsync).RequireAuthorization(GridAccess.Writers).WithName("CreateGrid")
            .WithSummary("Create a grid, optionally with its boundary (GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection)");
        grids.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(GridAccess.Writers).WithName("UpdateGrid")
            .WithSummary("Replace name, code, leader, party branch and merged nets; send If-Match (or version) to avoid overwriting someone else's change");
        grids.MapPut("/{id:guid}/boundary", SetBoundaryAsync).RequireAuthorization(GridAccess.Writers).WithName("SetGridBoundary")
            .Accepts<object>("application/geo+json", "application/json")
            .WithSummary("Import a boundary: the body is GeoJSON; 400 invalid_boundary with the reason, 400 boundary_overlap when it overlaps a neighbour");
        grids.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(GridAccess.Writers).WithName("DeleteGrid")
            .WithSummary("Delete a grid that has no buildings or households");
        grids.MapPost("/{id:guid}/workers", AssignWorkerAsync).RequireAuthorization(GridAccess.Writers).WithName("AssignGridWorker")
            .WithSummary("Assign a grid worker (fullTime: one grid each and one per grid; partTime: many per grid; specialist: across grids); 400 grid_worker_rule");
        grids.MapDelete("/{id:guid}/workers/{personId:guid}", RemoveWorkerAsync).RequireAuthorization(GridAccess.Writers).WithName("RemoveGridWorker");
        grids.MapGet("/{id:guid}/buildings", ListBuildingsAsync).WithName("ListGridBuildings");
        grids.MapPost("/{id:guid}/buildings", CreateBuildingAsync).RequireAuthorization(GridAccess.Writers).WithName("CreateBuilding");
        grids.MapGet("/{id:guid}/households", ListHouseholdsAsync).WithName("ListGridHouseholds")
            .WithSummary("The grid's households: building, unit, the head's masked name and the pairing each is in");
        grids.MapGet("/{id:guid}/pairings", ListPairingsAsync).WithName("ListGridPairings");
        grids.MapPost("/{id:guid}/pairings", CreatePairingAsync).RequireAuthorization(GridAccess.Writers).WithName("CreateGridPairing")
            .WithSummary("\"1+1带N\": a party member and a grid worker of the grid responsible for named households of the grid");

        var buildings = app.MapGroup("/api/v1/buildings").WithTags("Grids").RequireAuthorization(GridAccess.Readers);
        buildings.MapGet("/{id:guid}", GetBuildingAsync).WithName("GetBuilding");
        buildings.MapPut("/{id:guid}", UpdateBuildingAsync).RequireAuthorization(GridAccess.Writers).WithName("UpdateBuilding")
            .WithSummary("Correct a building; a gridId of another grid of the community moves it with its households");
        buildings.MapDelete("/{id:guid}", DeleteBuildingAsync).RequireAuthorization(GridAccess.Writers).WithName("DeleteBuilding");

        app.MapDelete("/api/v1/pairings/{id:guid}", DeletePairingAsync).WithTags("Grids").RequireAuthorization(GridAccess.Writers).WithName("DeleteGridPairing");
        return app;
    }

    public static async Task<Results<Ok<List<GridDto>>, ProblemHttpResult>> ListAsync(string? division, GridQueries queries, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(division)) return Error.Validation("请给出社区代码 ?division= / Give the community: ?division={code}.").ToProblem();
        var result = await queries.ListAsync(division.Trim(), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<GridDto>, ProblemHttpResult>> GetAsync(Guid id, GridQueries queries, HttpContext http, CancellationToken ct) =>
        WithETag(http, await queries.GetAsync(id, ct));

    public static async Task<Results<Ok<GridLocator.LocatedGrid>, ProblemHttpResult>> LocateAsync(string? division, double? lat, double? lng,
        GridLocator locator, HttpContext http, CancellationToken ct)
    {
        if (division is not { Length: 12 } || !division.All(char.IsAsciiDigit) || lat is not (>= -90 and <= 90) || lng is not (>= -180 and <= 180))
        {
            return Error.Validation("需要 division（12 位社区代码）、lat 和 lng / Give division (12 digits), lat and lng.").ToProblem();
        }
        // Public and answered from the locator's per-minute copy; clients and proxies may keep the answer as long.
        http.Response.Headers.CacheControl = "public, max-age=60";
        return await locator.FindAsync(division, lat.Value, lng.Value, ct) is { } found
            ? TypedResults.Ok(found)
            : Error.NotFound("Grid at that point").ToProblem();
    }

    public static async Task<Results<Created<GridDto>, ProblemHttpResult>> CreateAsync(CreateGridRequest request, GridEditor editor, HttpContext http, CancellationToken ct)
    {
        var result = await editor.CreateAsync(request, ct);
        if (!result.IsSuccess) return result.Error!.ToProblem();
        http.Response.Headers.ETag = $"\"{result.Value!.Version}\"";
        return TypedResults.Created($"/api/v1/grids/{result.Value.Id}", result.Value);
    }

    public static async Task<Results<Ok<GridDto>, ProblemHttpResult>> UpdateAsync(Guid id, UpdateGridRequest request, GridEditor editor, HttpContext http, CancellationToken ct)
    {
        if (!Platform.Http.IfMatchHeader.TryRead(http, out var expected)) return BadIfMatch();
        return WithETag(http, await editor.UpdateAsync(id, request, expected, ct));
    }

    public static async Task<Results<Ok<GridDto>, ProblemHttpResult>> SetBoundaryAsync(Guid id, GridEditor editor, HttpContext http, CancellationToken ct)
    {
        if (!Platform.Http.IfMatchHeader.TryRead(http, out var expected)) return BadIfMatch();
        // Read as text, not bound as JSON: broken JSON is answered with invalid_boundary and its reason like any other bad boundary.
        if (http.Request.ContentLength is > 2_000_000) return GridErrors.Boundary("边界文件过大（最多 2 MB）/ The boundary is too large (2 MB at most).").ToProblem();
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var text = new StringBuilder();
        var chunk = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(chunk, ct)) > 0)
        {
            text.Append(chunk, 0, read);
            if (text.Length > 2_000_000) return GridErrors.Boundary("边界文件过大（最多 2 MB）/ The boundary is too large (2 MB at most).").ToProblem();
        }
        return WithETag(http, await editor.SetBoundaryAsync(id, text.ToString(), expected, ct));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, GridEditor editor, HttpContext http, CancellationToken ct)
    {
        if (!Platform.Http.IfMatchHeader.TryRead(http, out var expected)) return BadIfMatch();
        return await editor.DeleteAsync(id, expected, ct) is { } error ? error.ToProblem() : TypedResults.NoContent();
    }

    public static async Task<Results<Created<GridWorkerDto>, ProblemHttpResult>> AssignWorkerAsync(Guid id, AssignGridWorkerRequest request, GridStaffing staffing, CancellationToken ct)
    {
        var result = await staffing.AssignAsync(id, request, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/grids/{id}/workers/{request.PersonId}", result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveWorkerAsync(Guid id, Guid personId, GridStaffing staffing, CancellationToken ct) =>
        await staffing.RemoveAsync(id, personId, ct) is { } error ? error.ToProblem() : TypedResults.NoContent();

    public static async Task<Results<Ok<List<BuildingDto>>, ProblemHttpResult>> ListBuildingsAsync(Guid id, GridQueries queries, CancellationToken ct)
    {
        var result = await queries.BuildingsAsync(id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<List<GridHouseholdDto>>, ProblemHttpResult>> ListHouseholdsAsync(Guid id, GridQueries queries, CancellationToken ct)
    {
        var result = await queries.HouseholdsAsync(id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<Created<BuildingDto>, ProblemHttpResult>> CreateBuildingAsync(Guid id, BuildingRequest request, GridBuildings buildings, CancellationToken ct)
    {
        var result = await buildings.CreateAsync(id, request, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/buildings/{result.Value!.Id}", result.Value) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<BuildingDto>, ProblemHttpResult>> GetBuildingAsync(Guid id, GridQueries queries, CancellationToken ct)
    {
        var result = await queries.BuildingAsync(id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<BuildingDto>, ProblemHttpResult>> UpdateBuildingAsync(Guid id, BuildingRequest request, GridBuildings buildings, CancellationToken ct)
    {
        var result = await buildings.UpdateAsync(id, request, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteBuildingAsync(Guid id, GridBuildings buildings, CancellationToken ct) =>
        await buildings.DeleteAsync(id, ct) is { } error ? error.ToProblem() : TypedResults.NoContent();

    public static async Task<Results<Ok<List<PairingDto>>, ProblemHttpResult>> ListPairingsAsync(Guid id, GridQueries queries, CancellationToken ct)
    {
        var result = await queries.PairingsAsync(id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<Created<PairingDto>, ProblemHttpResult>> CreatePairingAsync(Guid id, CreatePairingRequest request, GridPairings pairings, CancellationToken ct)
    {
        var result = await pairings.CreateAsync(id, request, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/pairings/{result.Value!.Id}", result.Value) : result.Error!.ToProblem();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeletePairingAsync(Guid id, GridPairings pairings, CancellationToken ct) =>
        await pairings.DeleteAsync(id, ct) is { } error ? error.ToProblem() : TypedResults.NoContent();

    private static Results<Ok<GridDto>, ProblemHttpResult> WithETag(HttpContext http, Result<GridDto> result)
    {
        if (!result.IsSuccess) return result.Error!.ToProblem();
        http.Response.Headers.ETag = $"\"{result.Value!.Version}\"";
        return TypedResults.Ok(result.Value);
    }

    private static ProblemHttpResult BadIfMatch() => Error.Validation("If-Match 应为网格的版本号，如 \"3\" / If-Match must be the grid's version, e.g. \"3\".").ToProblem();

}

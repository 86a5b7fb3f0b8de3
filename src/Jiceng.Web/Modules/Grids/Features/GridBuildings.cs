using System.ComponentModel.DataAnnotations;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Grids.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Geo;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Grids.Features;

/// <param name="GridId">On update: moves the building (with its households and their people) to another grid of the same community.</param>
public sealed record BuildingRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string Name,
    [property: StringLength(64)] string? Compound = null,
    [property: Range(1, 50)] int Units = 1,
    [property: Range(1, 200)] int Floors = 1,
    [property: Range(-90, 90)] double? Latitude = null,
    [property: Range(-180, 180)] double? Longitude = null,
    Guid? GridId = null);

/// <summary>Buildings (楼栋) inside grids: added, corrected, moved to another grid of the community, deleted when empty.</summary>
public sealed class GridBuildings(AppDbContext db, CurrentUser user, TimeProvider time)
{
    public async Task<Result<BuildingDto>> CreateAsync(Guid gridId, BuildingRequest request, CancellationToken ct = default)
    {
        if (!GridAccess.CanWrite(user)) return GridErrors.NotAWriter;
        var grid = await db.Grids.AsNoTracking().SingleOrDefaultAsync(g => g.Id == gridId, ct);
        if (grid is null) return Error.NotFound("Grid");
        if (Check(request, grid) is { } invalid) return invalid;
        var (name, compound) = (request.Name.Trim(), Blank(request.Compound));
        if (await db.Buildings.AnyAsync(b => b.GridId == gridId && b.Compound == compound && b.Name == name, ct)) return Taken(compound, name);
        var building = new Building(grid, name, request.Units, request.Floors, time.GetUtcNow().UtcDateTime)
        {
            Compound = compound,
            Latitude = request.Latitude,
            Longitude = request.Longitude,
        };
        db.Buildings.Add(building);
        if (await SaveAsync(Taken(compound, name), ct) is { } failed) return failed;
        return GridQueries.ToDto(building, 0);
    }

    public async Task<Result<BuildingDto>> UpdateAsync(Guid id, BuildingRequest request, CancellationToken ct = default)
    {
        if (!GridAccess.CanWrite(user)) return GridErrors.NotAWriter;
        var building = await db.Buildings.SingleOrDefaultAsync(b => b.Id == id, ct);
        if (building is null) return Error.NotFound("Building");
        var targetId = request.GridId ?? building.GridId;
        var grid = await db.Grids.AsNoTracking().SingleOrDefaultAsync(g => g.Id == targetId, ct);
        if (grid is null) return Error.NotFound("Grid");
        if (grid.DivisionCode != building.DivisionCode) return Error.Validation("楼栋只能移到本社区的网格 / A building moves only to a grid of its own community.");
        if (Check(request, grid) is { } invalid) return invalid;
        var (name, compound) = (request.Name.Trim(), Blank(request.Compound));
        if (await db.Buildings.AnyAsync(b => b.GridId == targetId && b.Compound == compound && b.Name == name && b.Id != id, ct)) return Taken(compound, name);

        if (targetId != building.GridId)
        {
            // The households and their people follow the building into its new grid.
            var households = await db.Households.Where(h => h.BuildingId == id).ToListAsync(ct);
            var householdIds = households.Select(h => h.Id).ToList();
            if (await db.GridPairings.SelectMany(p => p.Households).AnyAsync(h => householdIds.Contains(h.HouseholdId), ct))
            {
                return Error.Conflict("楼栋内有住户在“1+1带N”结对中，请先调整结对 / Households of the building are in a \"1+1带N\" pairing; change it first.");
            }
            foreach (var household in households) household.GridId = targetId;
            foreach (var person in await db.People.Where(p => p.HouseholdId != null && householdIds.Contains(p.HouseholdId.Value)).ToListAsync(ct))
            {
                person.GridId = targetId;
            }
            building.GridId = targetId;
        }
        building.Name = name;
        building.Compound = compound;
        building.Units = request.Units;
        building.Floors = request.Floors;
        building.Latitude = request.Latitude;
        building.Longitude = request.Longitude;
        if (await SaveAsync(Taken(compound, name), ct) is { } failed) return failed;
        return GridQueries.ToDto(building, await db.Households.CountAsync(h => h.BuildingId == id, ct));
    }

    public async Task<Error?> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (!GridAccess.CanWrite(user)) return GridErrors.NotAWriter;
        var building = await db.Buildings.SingleOrDefaultAsync(b => b.Id == id, ct);
        if (building is null) return Error.NotFound("Building");
        if (await db.Households.AnyAsync(h => h.BuildingId == id, ct))
        {
            return Error.Conflict("楼栋内还有住户，不能删除 / The building still has households.");
        }
        db.Buildings.Remove(building);
        await db.SaveChangesAsync(ct);
        return null;
    }

    private static Error? Check(BuildingRequest r, Grid grid)
    {
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Trim().Length > 64) return Error.Validation("请填写楼栋名称（1–64 字）/ The building needs a name of 1 to 64 characters.");
        if (r.Compound is { Length: > 64 }) return Error.Validation("小区名称最多 64 字 / The compound name has at most 64 characters.");
        if (r.Units is < 1 or > 50 || r.Floors is < 1 or > 200) return Error.Validation("单元数 1–50、层数 1–200 / Units 1–50, floors 1–200.");
        if ((r.Latitude is null) != (r.Longitude is null)) return Error.Validation("请同时填写经度和纬度 / Give both latitude and longitude, or neither.");
        if (r is { Latitude: { } lat, Longitude: { } lng })
        {
            if (lat is < -90 or > 90 || lng is < -180 or > 180) return Error.Validation("坐标超出范围 / The coordinates are out of range.");
            if (GeoPolygon.Parse(grid.BoundaryGeoJson, out _) is { } boundary && !boundary.Contains(lng, lat))
            {
                return Error.Validation("楼栋位置不在该网格内 / The building's position is outside the grid.");
            }
        }
        return null;
    }

    private async Task<Error?> SaveAsync(Error onUniqueClash, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            return onUniqueClash;
        }
    }

    private static Error Taken(string? compound, string name) =>
        Error.Conflict($"该网格已有“{compound}{name}” / The grid already has a building “{compound}{name}”.");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

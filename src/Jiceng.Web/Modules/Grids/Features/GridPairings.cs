using Jiceng.Web.Data;
using Jiceng.Web.Modules.Grids.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Grids.Features;

public sealed record CreatePairingRequest(Guid PartyMemberPersonId, Guid GridWorkerPersonId, IReadOnlyList<Guid>? HouseholdIds);

/// <summary>
/// "1+1带N": a party member and a grid worker of the grid together responsible for named households of the grid.
/// A household is in one pairing at most (checked, and held by a unique index when two pairings race).
/// </summary>
public sealed class GridPairings(AppDbContext db, CurrentUser user, TimeProvider time, GridQueries queries)
{
    public const int MaxHouseholds = 30;

    public async Task<Result<PairingDto>> CreateAsync(Guid gridId, CreatePairingRequest request, CancellationToken ct = default)
    {
        if (!GridAccess.CanWrite(user)) return GridErrors.NotAWriter;
        var grid = await db.Grids.AsNoTracking().SingleOrDefaultAsync(g => g.Id == gridId, ct);
        if (grid is null) return Error.NotFound("Grid");
        var householdIds = (request.HouseholdIds ?? []).Distinct().ToList();
        if (householdIds.Count is 0 or > MaxHouseholds)
        {
            return Error.Validation($"请选择 1–{MaxHouseholds} 户 / Choose 1 to {MaxHouseholds} households.");
        }
        if (request.PartyMemberPersonId == request.GridWorkerPersonId)
        {
            return Error.Validation("党员和网格员应为两个人 / The party member and the grid worker are two different people.");
        }
        var partyMember = await db.People.AnyAsync(p => p.Id == request.PartyMemberPersonId && p.ErasedUtc == null
            && db.PersonRoles.Any(r => r.PersonId == p.Id && r.Kind == PersonRoleKind.PartyMember), ct);
        if (!partyMember) return Error.Validation("所选人员不是党员 / The chosen party member is not recorded as a party member.");
        if (!await db.GridWorkers.AnyAsync(a => a.GridId == gridId && a.PersonId == request.GridWorkerPersonId, ct))
        {
            return Error.Validation("所选网格员不负责本网格 / The chosen grid worker does not work this grid.");
        }
        var inGrid = await db.Households.CountAsync(h => householdIds.Contains(h.Id) && h.GridId == gridId, ct);
        if (inGrid != householdIds.Count) return Error.Validation("所选住户不全在本网格 / Some of the households are not in this grid.");
        // Pairing rows are reached through their (scoped) pairing; the households are in this grid, so their pairings are in scope.
        if (await db.GridPairings.SelectMany(p => p.Households).AnyAsync(h => householdIds.Contains(h.HouseholdId), ct))
        {
            return AlreadyPaired;
        }

        var pairing = new GridPairing(grid, request.PartyMemberPersonId, request.GridWorkerPersonId, time.GetUtcNow().UtcDateTime);
        foreach (var id in householdIds) pairing.AddHousehold(id);
        db.GridPairings.Add(pairing);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return AlreadyPaired;
        }
        return await queries.PairingAsync(pairing.Id, ct);
    }

    public async Task<Error?> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (!GridAccess.CanWrite(user)) return GridErrors.NotAWriter;
        var pairing = await db.GridPairings.Include(p => p.Households).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (pairing is null) return Error.NotFound("Pairing");
        db.GridPairings.Remove(pairing);
        await db.SaveChangesAsync(ct);
        return null;
    }

    private static readonly Error AlreadyPaired =
        Error.Conflict("有住户已在其他“1+1带N”结对中 / A household is already in another \"1+1带N\" pairing.");
}

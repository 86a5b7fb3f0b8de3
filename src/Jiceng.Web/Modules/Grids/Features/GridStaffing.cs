using Jiceng.Web.Data;
using Jiceng.Web.Modules.Grids.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Grids.Features;

public sealed record AssignGridWorkerRequest(Guid PersonId, GridWorkerType Type);

/// <summary>
/// Grid workers by type (专职 one grid each, 兼职 many per grid, 专业 one person across grids): the rules of
/// <see cref="GridStaffingRules"/> are checked here, and the database's unique indexes hold 一人一格 when two
/// assignments race (the loser gets a conflict).
/// </summary>
public sealed class GridStaffing(AppDbContext db, CurrentUser user, TimeProvider time)
{
    public async Task<Result<GridWorkerDto>> AssignAsync(Guid gridId, AssignGridWorkerRequest request, CancellationToken ct = default)
    {
        if (!GridAccess.CanWrite(user)) return GridErrors.NotAWriter;
        if (!Enum.IsDefined(request.Type)) return Error.Validation("type 应为 fullTime、partTime 或 specialist / type is fullTime, partTime or specialist.");
        var grid = await db.Grids.SingleOrDefaultAsync(g => g.Id == gridId, ct);
        if (grid is null) return Error.NotFound("Grid");
        var person = await db.People.Where(p => p.Id == request.PersonId && p.ErasedUtc == null)
            .Select(p => new { p.Id, p.Name, p.DivisionCode, p.DivisionPath }).SingleOrDefaultAsync(ct);
        if (person is null) return Error.NotFound("Person");
        if (!ServesHere(request.Type, grid, person.DivisionCode, person.DivisionPath))
        {
            return GridErrors.WorkerRule(request.Type == GridWorkerType.Specialist
                ? "专业网格员应为本街道（乡镇）的人员 / A specialist grid worker must belong to this street or township."
                : "网格员应为本社区的人员 / A grid worker must belong to the grid's community.");
        }

        // The person's assignments everywhere, not only inside the caller's scope: a specialist of the street may serve
        // another community's grids, and "one type per person" holds across them. Only the rule's verdict leaves here.
        var personAssignments = await db.GridWorkers.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(a => a.PersonId == person.Id).ToListAsync(ct);
        var gridAssignments = await db.GridWorkers.AsNoTracking().Where(a => a.GridId == gridId).ToListAsync(ct);
        if (GridStaffingRules.Problem(gridId, request.Type, personAssignments, gridAssignments) is { } rule) return GridErrors.WorkerRule(rule);

        var now = time.GetUtcNow().UtcDateTime;
        db.GridWorkers.Add(new GridWorkerAssignment(grid, person.Id, request.Type, now));
        // Working a grid makes the person a grid worker (one role row per kind).
        if (!await db.PersonRoles.AnyAsync(r => r.PersonId == person.Id && r.Kind == PersonRoleKind.GridWorker, ct))
        {
            var entity = await db.People.SingleAsync(p => p.Id == person.Id, ct);
            db.PersonRoles.Add(new PersonRole(entity, PersonRoleKind.GridWorker, now) { Title = TitleOf(request.Type) });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict("网格员安排刚被他人修改，请刷新后重试 / The grid's workers were changed at the same moment; reload and try again.");
        }
        return new GridWorkerDto(person.Id, Mask.Name(person.Name)!, request.Type);
    }

    public async Task<Error?> RemoveAsync(Guid gridId, Guid personId, CancellationToken ct = default)
    {
        if (!GridAccess.CanWrite(user)) return GridErrors.NotAWriter;
        var assignment = await db.GridWorkers.SingleOrDefaultAsync(a => a.GridId == gridId && a.PersonId == personId, ct);
        if (assignment is null) return Error.NotFound("Grid worker");
        if (await db.GridPairings.AnyAsync(p => p.GridId == gridId && p.GridWorkerPersonId == personId, ct))
        {
            return Error.Conflict("此网格员还在“1+1带N”结对中，请先调整结对 / This worker is in a \"1+1带N\" pairing of the grid; change the pairing first.");
        }
        db.GridWorkers.Remove(assignment);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Full-time and part-time workers belong to the grid's community; a specialist to its street (一人多格 across communities).</summary>
    private static bool ServesHere(GridWorkerType type, Grid grid, string personDivisionCode, string personDivisionPath)
    {
        if (personDivisionCode == grid.DivisionCode) return true;
        if (type != GridWorkerType.Specialist) return false;
        var street = grid.DivisionPath[..(grid.DivisionPath.TrimEnd('/').LastIndexOf('/') + 1)];
        return street.Length > 1 && personDivisionPath.StartsWith(street, StringComparison.Ordinal);
    }

    private static string TitleOf(GridWorkerType type) => type switch
    {
        GridWorkerType.FullTime => "专职网格员",
        GridWorkerType.PartTime => "兼职网格员",
        _ => "专业网格员",
    };
}

using Jiceng.Web.Data;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Organisation.Features;

public sealed record DivisionDto(string Code, string Name, string ShortName, DivisionLevel Level, DivisionKind Kind, string? ParentCode, int ChildCount);

/// <summary>A party organisation; <see cref="Depth"/> is its depth in the party tree (the county committee is 1).</summary>
public sealed record PartyOrganisationDto(Guid Id, string Name, PartyOrganisationLevel Level, Guid? ParentId, string DivisionCode, int ChildCount, int Depth);

public sealed record DepartmentDto(Guid Id, string Name, string ShortCode, string CountyCode, string? Duties, bool IsActive);

/// <summary>
/// Reads of the organisation tree for staff. Every query goes through <see cref="AppDbContext"/>'s scope
/// filter; the only extra work here is telling "outside your scope" from "does not exist".
/// </summary>
public sealed class OrganisationQueries(AppDbContext db)
{
    public const int MaxSearchResults = 50;

    private IQueryable<DivisionDto> Project(IQueryable<Division> divisions) =>
        divisions.Select(d => new DivisionDto(d.Code, d.Name, d.Name, d.Level, d.Kind, d.ParentCode,
            db.Divisions.Count(c => c.ParentCode == d.Code)));

    public async Task<Result<DivisionDto>> GetDivisionAsync(string code, CancellationToken cancellationToken = default)
    {
        var division = await Project(db.Divisions.Where(d => d.Code == code)).SingleOrDefaultAsync(cancellationToken);
        if (division is not null)
        {
            return WithShortName(division);
        }
        return await ExistsOutsideScope(code, cancellationToken) ? Error.OutOfScope("Division " + code) : Error.NotFound("Division " + code);
    }

    public async Task<Result<List<DivisionDto>>> GetChildrenAsync(string code, CancellationToken cancellationToken = default)
    {
        if (!await db.Divisions.AnyAsync(d => d.Code == code, cancellationToken))
        {
            return await ExistsOutsideScope(code, cancellationToken) ? Error.OutOfScope("Division " + code) : Error.NotFound("Division " + code);
        }
        var children = await Project(db.Divisions.Where(d => d.ParentCode == code).OrderBy(d => d.Code)).ToListAsync(cancellationToken);
        return children.Select(WithShortName).ToList();
    }

    /// <summary>The top nodes the caller may see: their own division, or the provinces for system work.</summary>
    public async Task<List<DivisionDto>> GetScopeRootsAsync(CancellationToken cancellationToken = default)
    {
        var scope = db.CurrentUser.Scope;
        IQueryable<Division> roots = scope.Kind switch
        {
            DataScopeKind.System => db.Divisions.Where(d => d.ParentCode == null),
            DataScopeKind.DivisionSubtree => db.Divisions.Where(d => d.Path == scope.DivisionPath),
            _ => db.Divisions.Where(d => false),
        };
        var list = await Project(roots.OrderBy(d => d.Code)).ToListAsync(cancellationToken);
        return list.Select(WithShortName).ToList();
    }

    /// <summary>Communities and villages in the caller's scope (for choosing where a case belongs), at most 500.</summary>
    public async Task<List<DivisionDto>> GetGrassrootsInScopeAsync(CancellationToken cancellationToken = default)
    {
        var list = await Project(db.Divisions.Where(d => d.Level == DivisionLevel.Village).OrderBy(d => d.Path).Take(500)).ToListAsync(cancellationToken);
        return list.Select(WithShortName).ToList();
    }

    /// <summary>Finds divisions in scope whose name contains the term or whose code starts with it.</summary>
    public async Task<Result<List<DivisionDto>>> SearchDivisionsAsync(string term, CancellationToken cancellationToken = default)
    {
        term = term.Trim();
        if (term.Length is 0 or > 50)
        {
            return Error.Validation("The search term must have 1 to 50 characters.");
        }
        var query = term.All(char.IsAsciiDigit)
            ? db.Divisions.Where(d => d.Code.StartsWith(term))
            : db.Divisions.Where(d => d.Name.Contains(term));
        var list = await Project(query.OrderBy(d => d.Path).Take(MaxSearchResults)).ToListAsync(cancellationToken);
        return list.Select(WithShortName).ToList();
    }

    /// <summary>The chain of codes from the caller's scope root down to a node, for expanding the tree to a search hit.</summary>
    public async Task<List<string>> GetPathWithinScopeAsync(string code, CancellationToken cancellationToken = default)
    {
        var path = await db.Divisions.Where(d => d.Code == code).Select(d => d.Path).SingleOrDefaultAsync(cancellationToken);
        if (path is null) return [];
        var codes = path.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        var visible = await db.Divisions.Where(d => codes.Contains(d.Code)).Select(d => d.Code).ToListAsync(cancellationToken);
        return codes.Where(visible.Contains).ToList();
    }

    public async Task<Result<List<PartyOrganisationDto>>> GetPartyOrganisationsAsync(string? divisionCode, Guid? parentId, CancellationToken cancellationToken = default)
    {
        IQueryable<PartyOrganisation> query = db.PartyOrganisations;
        if (parentId is not null)
        {
            query = query.Where(p => p.ParentId == parentId);
        }
        else if (divisionCode is not null)
        {
            if (!await db.Divisions.AnyAsync(d => d.Code == divisionCode, cancellationToken))
            {
                return await ExistsOutsideScope(divisionCode, cancellationToken) ? Error.OutOfScope("Division " + divisionCode) : Error.NotFound("Division " + divisionCode);
            }
            query = query.Where(p => p.DivisionCode == divisionCode);
        }
        else
        {
            return Error.Validation("Give a division code or a parent organisation id.");
        }
        // Ordered as a tree: parents before their children, siblings by name.
        var list = await query
            .Select(p => new { p.Id, p.Name, p.Level, p.ParentId, p.DivisionCode, p.Path, Children = db.PartyOrganisations.Count(c => c.ParentId == p.Id) })
            .ToListAsync(cancellationToken);
        var byId = list.ToDictionary(p => p.Id);
        string SortKey(Guid id) => byId[id].ParentId is { } parent && byId.ContainsKey(parent) ? SortKey(parent) + "\u0001" + byId[id].Name : byId[id].Name;
        return list.OrderBy(p => SortKey(p.Id), StringComparer.Ordinal)
            .Select(p => new PartyOrganisationDto(p.Id, p.Name, p.Level, p.ParentId, p.DivisionCode, p.Children, p.Path.Count(c => c == '/') - 1))
            .ToList();
    }

    public Task<List<DepartmentDto>> GetDepartmentsAsync(CancellationToken cancellationToken = default) =>
        db.Departments.OrderBy(d => d.CountyCode).ThenBy(d => d.ShortCode)
            .Select(d => new DepartmentDto(d.Id, d.Name, d.ShortCode, d.CountyCode, d.Duties, d.IsActive))
            .ToListAsync(cancellationToken);

    private Task<bool> ExistsOutsideScope(string code, CancellationToken cancellationToken) =>
        db.Divisions.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AnyAsync(d => d.Code == code, cancellationToken);

    private static DivisionDto WithShortName(DivisionDto d) => d with { ShortName = DivisionNames.Shorten(d.Name) };
}

/// <summary>
/// Division names for the public resident portal. Names and codes of divisions are published by the
/// statistics bureau, so this is the one deliberate read outside the caller's scope; it returns nothing else.
/// </summary>
public sealed class PublicDivisionDirectory(AppDbContext db)
{
    public sealed record Entry(string Code, string Name, DivisionKind Kind, string? ParentCode);

    private IQueryable<Division> All => db.Divisions.IgnoreQueryFilters([AppDbContext.ScopeFilter]);

    public Task<List<Entry>> CountiesAsync(CancellationToken cancellationToken = default) =>
        All.Where(d => d.Level == DivisionLevel.County).OrderBy(d => d.Code)
            .Select(d => new Entry(d.Code, d.Name, d.Kind, d.ParentCode)).ToListAsync(cancellationToken);

    public async Task<List<Entry>> ChildrenAsync(string code, CancellationToken cancellationToken = default) =>
        (await All.Where(d => d.ParentCode == code).OrderBy(d => d.Code)
            .Select(d => new Entry(d.Code, d.Name, d.Kind, d.ParentCode)).ToListAsync(cancellationToken))
        .Select(e => e with { Name = DivisionNames.Shorten(e.Name) }).ToList();

    public async Task<Entry?> GetAsync(string code, CancellationToken cancellationToken = default)
    {
        var entry = await All.Where(d => d.Code == code).Select(d => new Entry(d.Code, d.Name, d.Kind, d.ParentCode)).SingleOrDefaultAsync(cancellationToken);
        return entry is null ? null : entry with { Name = DivisionNames.Shorten(entry.Name) };
    }
}

using Jiceng.Web.Data;
using Jiceng.Web.Modules.CoBuilding.Domain;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using static Jiceng.Web.Modules.CoBuilding.Features.CoBuildingLookups;

namespace Jiceng.Web.Modules.CoBuilding.Features;

/// <param name="ContactPhone">Always masked.</param>
public sealed record CoBuildingUnitDto(Guid Id, string Name, UnitKind Kind, string? PartyOrganisationName, string? ContactName, string? ContactPhone,
    bool IsActive, string DivisionCode);

public sealed record SaveUnitRequest(string? Name, UnitKind? Kind, string? PartyOrganisationName, string? ContactName, string? ContactPhone, bool? IsActive);

/// <summary>The county's co-building units: staff of the county and below read them, a unit's account reads its own, the county admin keeps them.</summary>
public sealed class CoBuildingUnits(AppDbContext db, CurrentUser user, TimeProvider time)
{
    public async Task<Result<List<CoBuildingUnitDto>>> ListAsync(CancellationToken ct)
    {
        var units = await db.CoBuildingUnits.AsNoTracking().OrderBy(u => u.Name).ToListAsync(ct);
        return units.Select(Dto).ToList();
    }

    public async Task<Result<CoBuildingUnitDto>> CreateAsync(SaveUnitRequest request, CancellationToken ct)
    {
        if (!user.Roles.Contains(Roles.CountyAdmin)) return CoBuildingErrors.Forbidden("只有县级管理员可以登记共建单位", "Only the county admin registers units.");
        var county = await db.Divisions.Where(d => d.Path == user.Scope.DivisionPath && d.Level == DivisionLevel.County).Select(d => new { d.Code, d.Path }).SingleOrDefaultAsync(ct);
        if (county is null) return CoBuildingErrors.Forbidden("只有县级管理员可以登记共建单位", "Only the county admin registers units.");
        if (Check(request, creating: true) is { } error) return error;
        if (await db.CoBuildingUnits.AnyAsync(u => u.DivisionPath == county.Path && u.Name == request.Name!.Trim(), ct))
        {
            return CoBuildingErrors.Conflict("同名单位已登记", "A unit of that name is registered.");
        }
        var unit = new CoBuildingUnit(county.Code, county.Path, request.Name!.Trim(), request.Kind!.Value, time.GetUtcNow().UtcDateTime);
        Apply(unit, request);
        db.CoBuildingUnits.Add(unit);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return CoBuildingErrors.Conflict("同名单位已登记", "A unit of that name is registered.");
        }
        return Dto(unit);
    }

    public async Task<Result<CoBuildingUnitDto>> UpdateAsync(Guid id, SaveUnitRequest request, CancellationToken ct)
    {
        if (!user.Roles.Contains(Roles.CountyAdmin)) return CoBuildingErrors.Forbidden("只有县级管理员可以修改共建单位", "Only the county admin changes units.");
        var unit = await db.CoBuildingUnits.SingleOrDefaultAsync(u => u.Id == id, ct);
        // Staff below the county read the county's units but do not own them: only a unit inside the admin's own subtree may change.
        if (unit is null || !user.Scope.Includes(unit.DivisionPath)) return CoBuildingErrors.NotFound("共建单位", "Unit");
        if (Check(request, creating: false) is { } error) return error;
        if (request.Name is not null) unit.Name = request.Name.Trim();
        if (request.Kind is { } kind) unit.Kind = kind;
        if (request.IsActive is { } active) unit.IsActive = active;
        Apply(unit, request);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return CoBuildingErrors.Conflict("同名单位已登记", "A unit of that name is registered.");
        }
        return Dto(unit);
    }

    private static void Apply(CoBuildingUnit unit, SaveUnitRequest request)
    {
        if (request.PartyOrganisationName is not null) unit.PartyOrganisationName = Clean(request.PartyOrganisationName);
        if (request.ContactName is not null) unit.ContactName = Clean(request.ContactName);
        if (request.ContactPhone is not null) unit.ContactPhone = Clean(request.ContactPhone);
    }

    private static Error? Check(SaveUnitRequest r, bool creating)
    {
        if (creating && r.Kind is null) return CoBuildingErrors.Invalid("请选择单位类型", "Kind is required.");
        if (r.Kind is { } kind && !Enum.IsDefined(kind)) return CoBuildingErrors.Invalid("单位类型无效", "Unknown kind.");
        if (r.ContactPhone is { Length: > 0 } phone && !System.Text.RegularExpressions.Regex.IsMatch(phone.Trim(), @"^[0-9\-+ ]{5,20}$"))
        {
            return CoBuildingErrors.Invalid("联系电话格式不正确", "The contact phone is not a phone number.");
        }
        return FirstError(CheckText(r.Name, 100, "单位名称", "Name", required: creating), CheckText(r.PartyOrganisationName, 100, "党组织名称", "Party organisation"),
            CheckText(r.ContactName, 50, "联系人", "Contact"));
    }

    public static CoBuildingUnitDto Dto(CoBuildingUnit u) =>
        new(u.Id, u.Name, u.Kind, u.PartyOrganisationName, u.ContactName is null ? null : Mask.Name(u.ContactName), Mask.Phone(u.ContactPhone), u.IsActive, u.DivisionCode);
}

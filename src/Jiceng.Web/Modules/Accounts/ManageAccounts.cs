using System.ComponentModel.DataAnnotations;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Audit;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Accounts;

public sealed record AccountDto(Guid Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, string? DivisionCode, string? DivisionName,
    Guid? DepartmentId, string? DepartmentName, bool IsDisabled, DateTimeOffset? LockedUntil, bool TwoFactorEnabled, Guid? UnitId = null, string? UnitName = null);

/// <summary>A co-building unit an account can act for.</summary>
public sealed record AccountUnitOption(Guid Id, string Name);

public sealed class CreateAccountRequest
{
    [Required, StringLength(64, MinimumLength = 3), RegularExpression("^[A-Za-z0-9._-]+$")] public string UserName { get; set; } = "";
    [Required, StringLength(64)] public string DisplayName { get; set; } = "";
    [Required] public string Role { get; set; } = "";
    [StringLength(12)] public string? DivisionCode { get; set; }
    public Guid? DepartmentId { get; set; }
    /// <summary>Required for a CoBuildingUnit account: the unit it acts for.</summary>
    public Guid? UnitId { get; set; }
    [Required, StringLength(128)] public string Password { get; set; } = "";
}

public sealed record ResetPasswordRequest([Required, StringLength(128)] string Password);

/// <summary>
/// Account administration, split by 三员分立: the system administrator creates, disables and resets accounts;
/// the security administrator unlocks them and resets two-factor. Neither can grant the three admin roles.
/// Reads of the organisation structure here deliberately ignore the scope filter: assigning accounts to
/// nodes is this role's job, and nodes carry no personal data.
/// </summary>
public sealed class AccountAdministration(AppDbContext db, UserManager<AppUser> users, SessionService sessions, AuditTrail audit, TimeProvider time)
{
    public async Task<PagedList<AccountDto>> ListAsync(string? search, bool lockedOnly, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, 200);
        page = Math.Max(page, 1);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(u => u.UserName!.Contains(term) || u.DisplayName.Contains(term));
        }
        var now = time.GetUtcNow();
        var candidates = await query.OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        if (lockedOnly)
        {
            // LockoutEnd is a DateTimeOffset, which SQLite cannot compare in SQL; the account list is small.
            candidates = candidates.Where(u => u.LockoutEnd > now).ToList();
        }
        var total = candidates.Count;
        var slice = candidates.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var ids = slice.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var divisionCodes = slice.Where(u => u.DivisionCode != null).Select(u => u.DivisionCode!).Distinct().ToList();
        var divisions = await db.Divisions.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(d => divisionCodes.Contains(d.Code))
            .ToDictionaryAsync(d => d.Code, d => d.Name, cancellationToken);
        var departments = await db.Departments.IgnoreQueryFilters([AppDbContext.ScopeFilter]).ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var unitIds = slice.Where(u => u.UnitId != null).Select(u => u.UnitId!.Value).Distinct().ToList();
        var units = await db.CoBuildingUnits.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(u => unitIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var items = slice.Select(u => new AccountDto(u.Id, u.UserName!, u.DisplayName,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).ToList(),
            u.DivisionCode, u.DivisionCode is null ? null : divisions.GetValueOrDefault(u.DivisionCode),
            u.DepartmentId, u.DepartmentId is null ? null : departments.GetValueOrDefault(u.DepartmentId.Value),
            u.IsDisabled, u.LockoutEnd > now ? u.LockoutEnd : null, u.TwoFactorEnabled,
            u.UnitId, u.UnitId is null ? null : units.GetValueOrDefault(u.UnitId.Value))).ToList();
        return new PagedList<AccountDto>(items, page, pageSize, total);
    }

    public async Task<Result<Guid>> CreateAsync(CreateAccountRequest request, CancellationToken cancellationToken = default)
    {
        if (!Roles.All.Contains(request.Role))
        {
            return Error.Validation($"Unknown role '{request.Role}'.");
        }
        if (Roles.Administrators.Contains(request.Role))
        {
            return Error.Forbidden("管理员账号不能在此创建 / Administrator accounts cannot be created here.");
        }
        var placement = await CheckPlacementAsync(request.Role, request.DivisionCode, request.DepartmentId, request.UnitId, cancellationToken);
        if (placement is not null)
        {
            return placement;
        }
        if (await users.FindByNameAsync(request.UserName) is not null)
        {
            return Error.Conflict($"用户名 {request.UserName} 已存在 / The user name is taken.");
        }
        var user = new AppUser
        {
            Id = Guid.NewGuid(),
            UserName = request.UserName,
            DisplayName = request.DisplayName.Trim(),
            DivisionCode = Roles.NeedsDivision(request.Role) ? request.DivisionCode : null,
            DepartmentId = request.Role == Roles.DepartmentHandler ? request.DepartmentId : null,
            UnitId = request.Role == Roles.CoBuildingUnit ? request.UnitId : null,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
        {
            return new Error(ErrorCodes.WeakPassword, 400, string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(user, request.Role);
        await transaction.CommitAsync(cancellationToken);
        return user.Id;
    }

    /// <summary>The co-building units a CoBuildingUnit account may be bound to (names only: reference data, like departments).</summary>
    public Task<List<AccountUnitOption>> UnitsAsync(CancellationToken cancellationToken = default) =>
        db.CoBuildingUnits.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(u => u.IsActive).OrderBy(u => u.Name)
            .Select(u => new AccountUnitOption(u.Id, u.Name)).ToListAsync(cancellationToken);

    private async Task<Error?> CheckPlacementAsync(string role, string? divisionCode, Guid? departmentId, Guid? unitId, CancellationToken cancellationToken)
    {
        // A unit's account acts for exactly one existing, active unit: its data scope is that unit's rows.
        if (role == Roles.CoBuildingUnit &&
            (unitId is null || !await db.CoBuildingUnits.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AnyAsync(u => u.Id == unitId && u.IsActive, cancellationToken)))
        {
            return Error.Validation("请选择该账号所代表的共建单位 / Choose the co-building unit this account acts for.");
        }
        if (Roles.NeedsDivision(role))
        {
            var level = await db.Divisions.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(d => d.Code == divisionCode)
                .Select(d => (DivisionLevel?)d.Level).SingleOrDefaultAsync(cancellationToken);
            var expected = role switch
            {
                Roles.CountyAdmin => DivisionLevel.County,
                Roles.StreetStaff => DivisionLevel.Township,
                _ => DivisionLevel.Village,
            };
            if (level is null) return Error.Validation("请选择所属区划 / Choose the division this account belongs to.");
            if (level != expected) return Error.Validation($"该角色须属于 {expected} 级区划 / This role belongs to a {expected.ToString().ToLowerInvariant()}-level division.");
        }
        if (role == Roles.DepartmentHandler &&
            !await db.Departments.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AnyAsync(d => d.Id == departmentId, cancellationToken))
        {
            return Error.Validation("请选择所属部门 / Choose the department this account belongs to.");
        }
        return null;
    }

    public Task<Result<bool>> SetDisabledAsync(Guid id, bool disabled, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, async user =>
        {
            if (await IsAdministratorAsync(user)) return Error.Forbidden("管理员账号不能在此停用 / Administrator accounts cannot be disabled here.");
            user.IsDisabled = disabled;
            await users.UpdateAsync(user);
            if (disabled) await sessions.EndAllAsync(user.Id, "disabled", cancellationToken);
            return (Error?)null;
        });

    public Task<Result<bool>> ResetPasswordAsync(Guid id, string password, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, async user =>
        {
            if (await IsAdministratorAsync(user)) return Error.Forbidden("管理员密码不能在此重置 / Administrator passwords cannot be reset here.");
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var result = await users.ResetPasswordAsync(user, token, password);
            if (!result.Succeeded) return new Error(ErrorCodes.WeakPassword, 400, string.Join("; ", result.Errors.Select(e => e.Description)));
            await sessions.EndAllAsync(user.Id, "password-reset", cancellationToken);
            return null;
        });

    public Task<Result<bool>> UnlockAsync(Guid id, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, async user =>
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            await users.UpdateAsync(user);
            await audit.RecordAsync(AuditActions.AccountUnlocked, AuditResult.Success, "User", user.Id.ToString(), cancellationToken: cancellationToken);
            return null;
        });

    public Task<Result<bool>> ResetTwoFactorAsync(Guid id, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, async user =>
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            await sessions.EndAllAsync(user.Id, "2fa-reset", cancellationToken);
            await audit.RecordAsync(AuditActions.TwoFactorReset, AuditResult.Success, "User", user.Id.ToString(), cancellationToken: cancellationToken);
            return null;
        });

    private async Task<bool> IsAdministratorAsync(AppUser user) => (await users.GetRolesAsync(user)).Any(Roles.Administrators.Contains);

    private async Task<Result<bool>> ChangeAsync(Guid id, Func<AppUser, Task<Error?>> change)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return Error.NotFound("Account");
        var error = await change(user);
        return error is null ? true : error;
    }
}

public static class AccountsModule
{
    public static IServiceCollection AddAccountsModule(this IServiceCollection services) => services.AddScoped<AccountAdministration>();

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/v1/accounts").WithTags("Accounts").RequireAuthorization(Policies.SystemAdmin);
        accounts.MapGet("/", (string? search, AccountAdministration admin, CancellationToken ct, int page = 1, int pageSize = 50) =>
            ListAsync(admin, search, false, page, pageSize, ct)).WithName("ListAccounts");
        accounts.MapPost("/", CreateAsync).WithName("CreateAccount");
        accounts.MapPost("/{id:guid}/disable", (Guid id, AccountAdministration admin, CancellationToken ct) => Done(admin.SetDisabledAsync(id, true, ct))).WithName("DisableAccount");
        accounts.MapPost("/{id:guid}/enable", (Guid id, AccountAdministration admin, CancellationToken ct) => Done(admin.SetDisabledAsync(id, false, ct))).WithName("EnableAccount");
        accounts.MapPost("/{id:guid}/reset-password", (Guid id, ResetPasswordRequest request, AccountAdministration admin, CancellationToken ct) =>
            Done(admin.ResetPasswordAsync(id, request.Password, ct))).WithName("ResetAccountPassword");

        var security = app.MapGroup("/api/v1/security").WithTags("Security").RequireAuthorization(Policies.SecurityAdmin);
        security.MapGet("/locked-accounts", (AccountAdministration admin, CancellationToken ct) => ListAsync(admin, null, true, 1, 200, ct)).WithName("ListLockedAccounts");
        security.MapPost("/accounts/{id:guid}/unlock", (Guid id, AccountAdministration admin, CancellationToken ct) => Done(admin.UnlockAsync(id, ct))).WithName("UnlockAccount");
        security.MapPost("/accounts/{id:guid}/reset-2fa", (Guid id, AccountAdministration admin, CancellationToken ct) => Done(admin.ResetTwoFactorAsync(id, ct))).WithName("ResetTwoFactor");
        return app;
    }

    private static async Task<Ok<PagedList<AccountDto>>> ListAsync(AccountAdministration admin, string? search, bool lockedOnly, int page, int pageSize, CancellationToken ct) =>
        TypedResults.Ok(await admin.ListAsync(search, lockedOnly, page, pageSize, ct));

    public static async Task<Results<Created<IdResponse>, ProblemHttpResult>> CreateAsync(CreateAccountRequest request, AccountAdministration admin, CancellationToken ct)
    {
        var result = await admin.CreateAsync(request, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/accounts/{result.Value}", new IdResponse(result.Value)) : result.Error!.ToProblem();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Done(Task<Result<bool>> work)
    {
        var result = await work;
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }
}

public sealed record IdResponse(Guid Id);

using Jiceng.Web.Data;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.ElderlyChildren.Features;

/// <summary>Who may do what in the elderly and children module.</summary>
public static class ElderlyRoles
{
    public const string StaffPolicy = "elderly-staff";
    public static readonly string[] Staff = [Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff, Roles.GridWorker];
    public static bool IsStaff(CurrentUser user) => Staff.Any(user.Principal.IsInRole);
}

/// <summary>Stable error codes of the module.</summary>
public static class ElderlyErrors
{
    public const string GuardianConsentRequired = "guardian_consent_required";
    public const string ProgrammeFull = "programme_full";
    public const string TooLateToCancel = "too_late_to_cancel";
    public const string CanteenIsInactive = "canteen_inactive";
    public const string StationIsInactive = "station_inactive";
    public const string ProgrammeIsInactive = "programme_inactive";
    public const string CapacityBelowEnrolled = "capacity_below_enrolled";

    public static Error CanteenInactive() => new(CanteenIsInactive, StatusCodes.Status409Conflict, "该食堂已停用 / The canteen is out of service.");
    public static Error StationInactive() => new(StationIsInactive, StatusCodes.Status409Conflict, "该养老驿站已停用 / The care station is out of service.");
    public static Error ProgrammeInactive() => new(ProgrammeIsInactive, StatusCodes.Status409Conflict, "该项目已停办 / The programme has been discontinued.");
    public static Error CapacityTooLow(int enrolled) => new(CapacityBelowEnrolled, StatusCodes.Status409Conflict,
        $"名额不能少于已报名人数（{enrolled}） / The capacity cannot be below the {enrolled} children enrolled.");
    /// <summary>The stale-version answer of the app (as in Care): 409 conflict.</summary>
    public static Error VersionMismatch() => Error.Conflict("记录已被他人修改，请刷新后重试 / The record was changed by someone else; reload it and try again.");

    public static Error ConsentRequired() => new(GuardianConsentRequired, StatusCodes.Status400BadRequest,
        "未满14周岁的儿童报名须有监护人同意（姓名、关系、同意时间与方式） / A child under 14 needs a guardian's consent (name, relation, when and how).");
    public static Error Full() => new(ProgrammeFull, StatusCodes.Status409Conflict, "名额已满 / The programme is full.");
    public static Error TooLate() => new(TooLateToCancel, StatusCodes.Status409Conflict, "开餐后不能取消 / A meal cannot be cancelled once it is served.");
}

/// <summary>A person found at the counter (name, phone and ID masked).</summary>
public sealed record PersonHit(Guid Id, string Name, string DivisionCode, string? Phone, int? Age, IReadOnlyList<string> Tags);

/// <summary>Lookups shared by the module's use cases; every query goes through the scoped sets.</summary>
public sealed class ElderlyCommon(AppDbContext db, TimeProvider time)
{
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;
    public DateOnly Today => Platform.Time.WorkingCalendar.LocalDate(UtcNow);

    /// <summary>
    /// Saves an edit of a versioned record (the caller has bumped its version): if someone saved it meanwhile, the
    /// version token no longer matches and the answer is the app's 409 conflict, as for a stale If-Match.
    /// </summary>
    public async Task<Result<T>> SaveEditAsync<T>(Func<T> answer, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ElderlyErrors.VersionMismatch();
        }
        return answer();
    }

    /// <summary>A community in the caller's scope (out of scope reads as not found).</summary>
    public async Task<Result<(string Code, string Path, string Name)>> CommunityAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) return Error.Validation("须指定社区 / divisionCode is required.");
        var c = code.Trim();
        var division = await db.Divisions.AsNoTracking().Where(d => d.Code == c).Select(d => new { d.Code, d.Path, d.Name }).SingleOrDefaultAsync(ct);
        return division is null ? Error.NotFound("Division") : (division.Code, division.Path, division.Name);
    }

    /// <summary>The path range of a division in scope, or null for the whole scope.</summary>
    public async Task<Result<(string From, string To)?>> RangeAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) return ((string, string)?)null;
        var community = await CommunityAsync(code, ct);
        if (!community.IsSuccess) return community.Error!;
        return MaterialisedPath.Range(community.Value.Path);
    }

    /// <summary>People of a community found by name, phone tail (4 digits) or ID number, in scope.</summary>
    public async Task<List<PersonHit>> SearchPeopleAsync(string? divisionCode, string? query, CancellationToken ct)
    {
        var people = db.People.AsNoTracking().Where(p => p.ErasedUtc == null);
        if (!string.IsNullOrWhiteSpace(divisionCode)) people = people.Where(p => p.DivisionCode == divisionCode.Trim());
        var q = query?.Trim() ?? "";
        if (q.Length == 0) return [];
        if (q.Length == 4 && q.All(char.IsAsciiDigit)) people = people.Where(p => p.PhoneTail == q);
        else if (q.Length is 15 or 18 && q.Take(14).All(char.IsAsciiDigit))
        {
            var hash = PersonalData.Protector.Hash("id:" + ChineseIdNumber.Normalise(q));
            people = people.Where(p => p.IdNumberHash == hash);
        }
        else people = people.Where(p => p.Name.Contains(q));
        var found = await people.OrderBy(p => p.Name).Take(20).ToListAsync(ct);
        var ids = found.Select(p => p.Id).ToList();
        var tags = (await db.PersonTags.AsNoTracking().Where(t => ids.Contains(t.PersonId)).ToListAsync(ct)).ToLookup(t => t.PersonId, t => t.GroupCode);
        return found.Select(p => new PersonHit(p.Id, p.Name, p.DivisionCode, Mask.Phone(p.Phone), p.AgeOn(Today), tags[p.Id].ToList())).ToList();
    }

    public static string Yuan(long fen) => (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}

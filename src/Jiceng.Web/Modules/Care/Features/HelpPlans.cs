using Jiceng.Web.Data;
using Jiceng.Web.Modules.Audit;
using Jiceng.Web.Modules.Care.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Care.Features;

public sealed record HelpPlanHelperInput(Guid PersonId, string? Duty = null);

public sealed record CreateHelpPlanRequest(Guid PersonId, string? Measures, DateOnly? ReviewDue, IReadOnlyList<HelpPlanHelperInput>? Helpers = null);

public sealed record UpdateHelpPlanRequest(string? Measures, DateOnly? ReviewDue, IReadOnlyList<HelpPlanHelperInput>? Helpers = null);

public sealed record HelpPlanHelperDto(Guid PersonId, string Name, string? Duty, string? PhoneMasked, bool HasAccount);

/// <summary>A help plan with its measures (sealed: shown to staff in scope, one plan at a time).</summary>
public sealed record HelpPlanDto(Guid Id, Guid PersonId, string PersonName, string DivisionCode, string Measures, DateOnly ReviewDue, HelpPlanStatus Status,
    bool DueForReview, int Version, DateTime CreatedUtc, DateTime UpdatedUtc, IReadOnlyList<HelpPlanHelperDto> Helpers);

/// <summary>A help plan in a list: the summary only, never the measures.</summary>
public sealed record HelpPlanItem(Guid Id, Guid PersonId, string PersonName, string DivisionCode, DateOnly ReviewDue, HelpPlanStatus Status,
    bool DueForReview, int Version, IReadOnlyList<string> HelperNames);

public sealed record LoveCardHelper(string Name, string? Duty, string? Phone);

/// <param name="PhonesInFull">Whether the helpers' phones are shown in full (staff with unmask rights; the printing is audited).</param>
public sealed record LoveCardDto(Guid PlanId, string PersonNameMasked, string? CommunityName, IReadOnlyList<LoveCardHelper> Helpers, bool PhonesInFull, DateTime PrintedUtc);

/// <summary>"一人一策": one active help plan per key person, with named helpers and a review date; and its love contact card.</summary>
public sealed class HelpPlans(CareQueries care, CurrentUser user, AuditTrail audit)
{
    public const int MaxMeasures = 2000;
    public const int MaxHelpers = 10;
    public const int MaxDuty = 32;
    public const string CardPrinted = "care.card.print";

    private AppDbContext Db => care.Db;

    public async Task<Result<HelpPlanDto>> CreateAsync(CreateHelpPlanRequest request, CancellationToken cancellationToken = default)
    {
        if (Check(request.Measures, request.ReviewDue, request.Helpers, request.PersonId) is { } invalid) return invalid;
        var person = await Db.People.AsNoTracking().Where(p => p.Id == request.PersonId)
            .Select(p => new { p.Id, p.DivisionPath, p.ErasedUtc }).SingleOrDefaultAsync(cancellationToken);
        if (person is null) return Error.NotFound("Person");
        if (person.ErasedUtc is not null) return Error.Validation("该居民的信息已按本人要求删除 / This person's data was removed on request.");
        if (await Db.HelpPlans.AnyAsync(p => p.PersonId == person.Id && p.Status == HelpPlanStatus.Active, cancellationToken))
            return Error.Conflict("该居民已有在执行的帮扶计划（一人一策）/ This person already has an active help plan.");
        if (await CheckHelpersAsync(request.Helpers, cancellationToken) is { } badHelper) return badHelper;

        var plan = new HelpPlan(person.Id, person.DivisionPath, request.Measures!.Trim(), request.ReviewDue!.Value, care.UtcNow);
        foreach (var helper in Distinct(request.Helpers)) plan.AddHelper(helper.PersonId, Blank(helper.Duty));
        Db.HelpPlans.Add(plan);
        await Db.SaveChangesAsync(cancellationToken);
        return await ToDtoAsync(plan, cancellationToken);
    }

    public async Task<Result<HelpPlanDto>> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var plan = await Db.HelpPlans.AsNoTracking().Include(p => p.Helpers).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null) return Error.NotFound("Help plan");
        // The measures speak of health and welfare: reading them is a read of personal data.
        await audit.RecordAsync(AuditActions.SensitiveRead, AuditResult.Success, nameof(HelpPlan), plan.Id.ToString(), "measures", cancellationToken: cancellationToken);
        return await ToDtoAsync(plan, cancellationToken);
    }

    /// <param name="dueBefore">Only active plans whose review date is before this day.</param>
    public async Task<Result<PagedList<HelpPlanItem>>> ListAsync(string? division, DateOnly? dueBefore, Guid? personId, string? status, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        var area = await care.AreaAsync(division, cancellationToken);
        if (!area.IsSuccess) return area.Error!;
        (page, pageSize) = CareQueries.Paging(page, pageSize);
        var plans = Db.HelpPlans.AsNoTracking();
        if (area.Value!.From is { } from && area.Value.To is { } to)
            plans = plans.Where(p => string.Compare(p.DivisionPath, from) >= 0 && string.Compare(p.DivisionPath, to) < 0);
        switch (status?.ToLowerInvariant())
        {
            case null or "" or "active": plans = plans.Where(p => p.Status == HelpPlanStatus.Active); break;
            case "closed": plans = plans.Where(p => p.Status == HelpPlanStatus.Closed); break;
            case "all": break;
            default: return Error.Validation("status 只能是 active、closed 或 all / status must be active, closed or all.");
        }
        if (dueBefore is { } before) plans = plans.Where(p => p.Status == HelpPlanStatus.Active && p.ReviewDue < before);
        if (personId is { } pid) plans = plans.Where(p => p.PersonId == pid);
        var total = await plans.CountAsync(cancellationToken);
        var rows = await (from p in plans
                          join person in Db.People on p.PersonId equals person.Id
                          orderby p.ReviewDue, p.Id
                          select new { Plan = p, person.Name, person.DivisionCode })
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var planIds = rows.Select(r => r.Plan.Id).ToList();
        var helpers = (await (from h in Db.Set<HelpPlanHelper>()
                              join p in plans on h.PlanId equals p.Id
                              join person in Db.People on h.HelperPersonId equals person.Id
                              where planIds.Contains(h.PlanId)
                              select new { h.PlanId, person.Name }).ToListAsync(cancellationToken)).ToLookup(h => h.PlanId, h => h.Name);
        var today = care.Today;
        var items = rows.Select(r => new HelpPlanItem(r.Plan.Id, r.Plan.PersonId, r.Name, r.DivisionCode, r.Plan.ReviewDue, r.Plan.Status,
            DueForReview(r.Plan, today), r.Plan.Version, helpers[r.Plan.Id].Order(StringComparer.Ordinal).ToList())).ToList();
        return new PagedList<HelpPlanItem>(items, page, pageSize, total);
    }

    /// <param name="expectedVersion">From If-Match: the version the caller read; another → 409.</param>
    public async Task<Result<HelpPlanDto>> UpdateAsync(Guid id, UpdateHelpPlanRequest request, int? expectedVersion, CancellationToken cancellationToken = default)
    {
        var plan = await Db.HelpPlans.Include(p => p.Helpers).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null) return Error.NotFound("Help plan");
        if (Check(request.Measures, request.ReviewDue, request.Helpers, plan.PersonId, allowPastReview: request.ReviewDue == plan.ReviewDue) is { } invalid) return invalid;
        if (expectedVersion is { } expected && expected != plan.Version) return CareErrors.VersionMismatch();
        if (plan.Status != HelpPlanStatus.Active) return Error.Conflict("帮扶计划已结束，不能修改 / The help plan is closed.");
        if (await CheckHelpersAsync(request.Helpers, cancellationToken) is { } badHelper) return badHelper;

        plan.Measures = request.Measures!.Trim();
        plan.ReviewDue = request.ReviewDue!.Value;
        if (request.Helpers is not null)
        {
            var wanted = Distinct(request.Helpers).ToList();
            foreach (var gone in plan.Helpers.Where(h => wanted.All(w => w.PersonId != h.HelperPersonId)).Select(h => h.HelperPersonId).ToList())
                plan.RemoveHelper(gone);
            foreach (var helper in wanted)
            {
                if (plan.Helpers.FirstOrDefault(h => h.HelperPersonId == helper.PersonId) is { } kept)
                    Db.Entry(kept).Property(h => h.Duty).CurrentValue = Blank(helper.Duty); // the duty has no public setter: the plan owns it
                else
                    plan.AddHelper(helper.PersonId, Blank(helper.Duty));
            }
        }
        return await SaveAsync(plan, cancellationToken);
    }

    public async Task<Result<HelpPlanDto>> CloseAsync(Guid id, int? expectedVersion, CancellationToken cancellationToken = default)
    {
        var plan = await Db.HelpPlans.Include(p => p.Helpers).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null) return Error.NotFound("Help plan");
        if (expectedVersion is { } expected && expected != plan.Version) return CareErrors.VersionMismatch();
        if (plan.Status == HelpPlanStatus.Closed) return Error.Conflict("帮扶计划已结束 / The help plan is already closed.");
        plan.Status = HelpPlanStatus.Closed;
        return await SaveAsync(plan, cancellationToken);
    }

    /// <summary>
    /// The love contact card (爱心联系牌) put up in the person's home: who to call, with the helper's phone in full,
    /// because reaching the helper is the card's whole purpose. Only staff who may unmask personal data (community,
    /// street and county staff) get it that way, and each such printing is audited as a read of personal data; anyone
    /// else (a grid worker) sees the card with masked phones, enough to check it, not to print it.
    /// </summary>
    public async Task<Result<LoveCardDto>> CardAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var plan = await Db.HelpPlans.AsNoTracking().Include(p => p.Helpers).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null) return Error.NotFound("Help plan");
        var person = await Db.People.AsNoTracking().Where(p => p.Id == plan.PersonId).Select(p => new { p.Name, p.DivisionCode }).SingleAsync(cancellationToken);
        var helperIds = plan.Helpers.Select(h => h.HelperPersonId).ToList();
        var people = await Db.People.AsNoTracking().Where(p => helperIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var full = CareRoles.IsManager(user);
        var helpers = plan.Helpers.Where(h => people.ContainsKey(h.HelperPersonId))
            .Select(h => people[h.HelperPersonId])
            .Select(p => (Person: p, Duty: plan.Helpers.First(h => h.HelperPersonId == p.Id).Duty))
            .OrderBy(x => x.Person.Name, StringComparer.Ordinal)
            .Select(x => new LoveCardHelper(x.Person.Name, x.Duty, full ? x.Person.Phone : Mask.Phone(x.Person.Phone))).ToList();
        var communities = await care.CommunityNamesAsync([person.DivisionCode], cancellationToken);
        if (full)
        {
            await audit.RecordAsync(CardPrinted, AuditResult.Success, nameof(HelpPlan), plan.Id.ToString(),
                $"love card with {helpers.Count} helper phone(s) in full", cancellationToken: cancellationToken);
        }
        return new LoveCardDto(plan.Id, Mask.Name(person.Name) ?? "", communities.GetValueOrDefault(person.DivisionCode), helpers, full, care.UtcNow);
    }

    public static bool DueForReview(HelpPlan plan, DateOnly today) => plan.Status == HelpPlanStatus.Active && plan.ReviewDue <= today;

    private async Task<Result<HelpPlanDto>> SaveAsync(HelpPlan plan, CancellationToken cancellationToken)
    {
        plan.UpdatedUtc = care.UtcNow;
        plan.Version++;
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CareErrors.VersionMismatch();
        }
        return await ToDtoAsync(plan, cancellationToken);
    }

    private Error? Check(string? measures, DateOnly? reviewDue, IReadOnlyList<HelpPlanHelperInput>? helpers, Guid personId, bool allowPastReview = false)
    {
        var text = measures?.Trim() ?? "";
        if (text.Length is < 2 or > MaxMeasures) return Error.Validation($"帮扶措施须为 2 到 {MaxMeasures} 字 / measures: 2 to {MaxMeasures} characters.");
        if (reviewDue is not { } review) return Error.Validation("请填写复核日期 / reviewDue is required.");
        if (!allowPastReview && review < care.Today) return Error.Validation("复核日期不能早于今天 / reviewDue must be today or later.");
        if (review > care.Today.AddYears(5)) return Error.Validation("复核日期不能超过五年 / reviewDue must be within five years.");
        if (helpers is { Count: > MaxHelpers }) return Error.Validation($"帮扶人最多 {MaxHelpers} 位 / At most {MaxHelpers} helpers.");
        if (helpers?.Any(h => h.Duty?.Trim().Length > MaxDuty) == true) return Error.Validation($"职责最多 {MaxDuty} 字 / duty: at most {MaxDuty} characters.");
        if (helpers?.Any(h => h.PersonId == personId) == true) return Error.Validation("帮扶人不能是本人 / A person cannot be their own helper.");
        return null;
    }

    /// <summary>Helpers are people in the caller's scope (a helper from elsewhere reads as unknown), not removed on request.</summary>
    private async Task<Error?> CheckHelpersAsync(IReadOnlyList<HelpPlanHelperInput>? helpers, CancellationToken cancellationToken)
    {
        if (helpers is not { Count: > 0 }) return null;
        var ids = helpers.Select(h => h.PersonId).Distinct().ToList();
        var found = await Db.People.AsNoTracking().CountAsync(p => ids.Contains(p.Id) && p.ErasedUtc == null, cancellationToken);
        return found == ids.Count ? null : Error.Validation("帮扶人不存在或不在您的范围内 / A helper is not a person in your scope.");
    }

    private async Task<HelpPlanDto> ToDtoAsync(HelpPlan plan, CancellationToken cancellationToken)
    {
        var person = await Db.People.AsNoTracking().Where(p => p.Id == plan.PersonId).Select(p => new { p.Name, p.DivisionCode }).SingleAsync(cancellationToken);
        var ids = plan.Helpers.Select(h => h.HelperPersonId).ToList();
        var helpers = await Db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var list = plan.Helpers.Where(h => helpers.ContainsKey(h.HelperPersonId))
            .Select(h => new HelpPlanHelperDto(h.HelperPersonId, helpers[h.HelperPersonId].Name, h.Duty, Mask.Phone(helpers[h.HelperPersonId].Phone),
                helpers[h.HelperPersonId].UserId is not null))
            .OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
        return new HelpPlanDto(plan.Id, plan.PersonId, person.Name, person.DivisionCode, plan.Measures, plan.ReviewDue, plan.Status,
            DueForReview(plan, care.Today), plan.Version, plan.CreatedUtc, plan.UpdatedUtc, list);
    }

    private static IEnumerable<HelpPlanHelperInput> Distinct(IReadOnlyList<HelpPlanHelperInput>? helpers) =>
        (helpers ?? []).GroupBy(h => h.PersonId).Select(g => g.First());

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

using Jiceng.Web.Data;
using Jiceng.Web.Modules.ServiceHall.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.ServiceHall.Features;

public sealed record HardRequestRequest(string? DivisionCode, string? AskerName, string? AskerPhone, string? Subject, string? Details, string? StuckReason);

public sealed record HardRequestOutcomeRequest(HardRequestOutcome? Outcome, string? Note, DateOnly? Date);

public sealed record HardRequestDto(Guid Id, string DivisionCode, string AskerName, string? AskerPhone, string Subject, string? Details, string StuckReason,
    string? TakenByName, bool TakenByMe, HardRequestOutcome Outcome, string? OutcomeNote, DateOnly? OutcomeDate, DateTime CreatedUtc, int Version);

/// <summary>
/// The "办不成事" window: what nobody else could handle is recorded with who asked, where it got stuck, who takes it and how
/// it ended (solved, explained or referred).
/// </summary>
public sealed class HardRequests(ServiceHallContext ctx)
{
    private AppDbContext Db => ctx.Db;

    public async Task<Result<HardRequestDto>> CreateAsync(HardRequestRequest r, CancellationToken ct)
    {
        var community = await ctx.CommunityInScopeAsync(r.DivisionCode, ct);
        if (community is null) return ServiceHallErrors.NoDivision();
        var name = ServiceHallContext.Blank(r.AskerName);
        if (name is null || name.Length > 50) return Error.Validation("请填写来访居民姓名（最多 50 字） / askerName is required (at most 50 characters).");
        var phone = ServiceHallContext.CheckPhone(r.AskerPhone);
        if (!phone.IsSuccess) return Error.Validation("联系电话格式不正确 / askerPhone must be a mainland mobile or a landline.");
        var subject = ServiceHallContext.Blank(r.Subject);
        if (subject is null || subject.Length > 200) return Error.Validation("请填写诉求（最多 200 字） / subject is required (at most 200 characters).");
        var reason = ServiceHallContext.Blank(r.StuckReason);
        if (reason is null || reason.Length > 500) return Error.Validation("请填写在哪个窗口或部门办不成、原因是什么（最多 500 字） / stuckReason is required (at most 500 characters).");
        if (r.Details is { Length: > 2000 }) return Error.Validation("说明最多 2000 字 / details may have at most 2000 characters.");
        var request = new HardRequest(community.Code, community.Path, subject, ctx.UtcNow)
        {
            AskerName = name, AskerPhone = phone.Value, Details = ServiceHallContext.Blank(r.Details), StuckReason = reason,
            CreatedByUserId = ctx.User.UserId, TakenByUserId = ctx.User.UserId, TakenByName = ctx.MyName(),
        };
        Db.HardRequests.Add(request);
        await Db.SaveChangesAsync(ct);
        return ToDto(request);
    }

    public async Task<Result<List<HardRequestDto>>> ListAsync(string? division, HardRequestOutcome? outcome, CancellationToken ct)
    {
        if (!ctx.IsStaff) return Error.NotFound("Division");
        var query = Db.HardRequests.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(division))
        {
            var node = await Db.Divisions.AsNoTracking().Where(d => d.Code == division.Trim()).Select(d => d.Path).SingleOrDefaultAsync(ct);
            if (node is null) return ServiceHallErrors.NoDivision();
            var (from, to) = MaterialisedPath.Range(node);
            query = query.Where(o => string.Compare(o.DivisionPath, from) >= 0 && string.Compare(o.DivisionPath, to) < 0);
        }
        if (outcome is { } o) query = query.Where(x => x.Outcome == o);
        var rows = await query.OrderByDescending(x => x.CreatedUtc).Take(500).ToListAsync(ct);
        return rows.Select(ToDto).ToList();
    }

    public async Task<Result<HardRequestDto>> GetAsync(Guid id, CancellationToken ct) =>
        ctx.IsStaff && await Db.HardRequests.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct) is { } r ? ToDto(r) : Error.NotFound("Request");

    /// <summary>A colleague takes the request over (the one who takes it answers for it).</summary>
    public Task<Result<HardRequestDto>> TakeAsync(Guid id, int? ifMatch, CancellationToken ct) => ChangeAsync(id, ifMatch, r =>
    {
        if (r.Outcome != HardRequestOutcome.Pending) return ServiceHallErrors.State("接手");
        r.TakenByUserId = ctx.User.UserId;
        r.TakenByName = ctx.MyName();
        return null;
    }, ct);

    public Task<Result<HardRequestDto>> RecordOutcomeAsync(Guid id, HardRequestOutcomeRequest o, int? ifMatch, CancellationToken ct)
    {
        var note = ServiceHallContext.Blank(o.Note);
        if (o.Outcome is not (HardRequestOutcome.Solved or HardRequestOutcome.Explained or HardRequestOutcome.Referred))
            return Task.FromResult<Result<HardRequestDto>>(Error.Validation("请选择结果：已解决、已解释或已转交 / outcome must be solved, explained or referred."));
        if (note is null || note.Length > 1000)
            return Task.FromResult<Result<HardRequestDto>>(Error.Validation("请填写结果说明（最多 1000 字） / note is required (at most 1000 characters)."));
        var date = o.Date ?? ctx.Today;
        if (date > ctx.Today) return Task.FromResult<Result<HardRequestDto>>(Error.Validation("结果日期不能晚于今天 / date cannot be in the future."));
        return ChangeAsync(id, ifMatch, r =>
        {
            if (r.Outcome != HardRequestOutcome.Pending) return ServiceHallErrors.State("登记结果");
            if (date < WorkingCalendarDate(r.CreatedUtc)) return Error.Validation("结果日期不能早于登记日期 / date cannot be before the request was recorded.");
            r.Outcome = o.Outcome.Value;
            r.OutcomeNote = note;
            r.OutcomeDate = date;
            r.TakenByUserId ??= ctx.User.UserId;
            r.TakenByName ??= ctx.MyName();
            return null;
        }, ct);
    }

    private static DateOnly WorkingCalendarDate(DateTime utc) => Platform.Time.WorkingCalendar.LocalDate(utc);

    private async Task<Result<HardRequestDto>> ChangeAsync(Guid id, int? ifMatch, Func<HardRequest, Error?> change, CancellationToken ct)
    {
        if (!ctx.IsStaff) return Error.NotFound("Request");
        var r = await Db.HardRequests.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return Error.NotFound("Request");
        if (ifMatch is { } expected && expected != r.Version) return ServiceHallErrors.Changed();
        if (change(r) is { } error) return error;
        r.Touch(ctx.UtcNow);
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ServiceHallErrors.Changed();
        }
        return ToDto(r);
    }

    private HardRequestDto ToDto(HardRequest r) => new(r.Id, r.DivisionCode, Mask.Name(r.AskerName)!, Mask.Phone(r.AskerPhone), r.Subject, r.Details, r.StuckReason,
        r.TakenByName, r.TakenByUserId == ctx.User.UserId, r.Outcome, r.OutcomeNote, r.OutcomeDate, r.CreatedUtc, r.Version);
}

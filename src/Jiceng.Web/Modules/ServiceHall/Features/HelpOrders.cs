using System.Security.Cryptography;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Modules.Cases.Features;
using Jiceng.Web.Modules.Notifications;
using Jiceng.Web.Modules.ServiceHall.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.ServiceHall.Features;

public sealed record OpenHelpOrderRequest(string? DivisionCode, Guid? ItemId, string? Title, int? TimeLimitDays, string? Details, string? ResidentName,
    string? ResidentPhone, Guid? PersonId, string? ResidentUserName);

public sealed record HelpOrderNoteRequest(string? Note);

public sealed record HandOverRequest(string? UserName, string? Note);

public sealed record HandToDepartmentRequest(string? CategoryCode, string? Note);

public sealed record HelpOrderDto(Guid Id, string Number, string DivisionCode, Guid? ItemId, string Title, string? Details, string ResidentName, string? ResidentPhone,
    bool LinkedToPerson, bool LinkedToAccount, int TimeLimitDays, DateTime OpenedUtc, DateTime DueUtc, DateTime WarnFromUtc, string OpenedByName, string ResponsibleName,
    bool IResponsible, HelpOrderStatus Status, TrafficLight? Light, long? CaseId, string? CaseNumber, string? Result, DateTime? CompletedUtc, bool? CompletedLate, int Version);

public sealed record HelpOrderCommunityFigures(string DivisionCode, string Name, int Open, int Green, int Yellow, int Red, int Done, int DoneLate, int CannotDo,
    int HardRequests, int HardRequestsSolved);

public sealed record HelpOrderFigures(int Open, int Overdue, int Done, int DoneOnTime, int DoneLate, int CannotDo, IReadOnlyList<HelpOrderCommunityFigures> Communities);

/// <summary>
/// 帮办代办: the first staff member asked opens the order and answers for it (首问负责) until they hand it over explicitly.
/// It is due after its time limit in the county's working days (holidays and weekends do not count). Light: green on
/// track, yellow once one working day or less is left, red when overdue. When a department must act, the order goes
/// into the case loop (a case is filed and accepted through the Cases module) and follows that case to its result.
/// </summary>
public sealed class HelpOrders(ServiceHallContext ctx, CaseIntake intake, CaseWorkflow caseWorkflow)
{
    private AppDbContext Db => ctx.Db;

    public static readonly Error NotResponsible = Error.Forbidden("首问负责：请由责任人办理，或由责任人先移交 / Only the responsible staff member may act on it (they may hand it over).");

    public async Task<Result<HelpOrderDto>> OpenAsync(OpenHelpOrderRequest r, CancellationToken ct)
    {
        var community = await ctx.CommunityInScopeAsync(r.DivisionCode, ct);
        if (community is null) return ServiceHallErrors.NoDivision();
        string title;
        int days;
        if (r.ItemId is { } itemId)
        {
            var item = await Db.ServiceItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId && i.DivisionCode == community.Code && i.IsActive, ct);
            if (item is null) return Error.Validation("请选择本社区的服务事项 / itemId must be an active item of the community.");
            title = item.Name;
            days = item.TimeLimitDays;
        }
        else
        {
            if (string.IsNullOrWhiteSpace(r.Title) || r.Title.Trim().Length > 100) return Error.Validation("请填写事项（最多 100 字） / title is required without an item (at most 100 characters).");
            if (r.TimeLimitDays is not (>= 1 and <= 180)) return Error.Validation("办结时限须为 1–180 个工作日 / timeLimitDays must be 1 to 180 working days.");
            title = r.Title.Trim();
            days = r.TimeLimitDays.Value;
        }
        if (r.Details is { Length: > 2000 }) return Error.Validation("说明最多 2000 字 / details may have at most 2000 characters.");
        var phone = ServiceHallContext.CheckPhone(r.ResidentPhone);
        if (!phone.IsSuccess) return Error.Validation("联系电话格式不正确 / residentPhone must be a mainland mobile or a landline.");
        string? name = ServiceHallContext.Blank(r.ResidentName);
        Guid? personId = null, userId = null;
        var residentPhone = phone.Value;
        if (r.PersonId is { } pid)
        {
            // The scope filter applies: a person outside the caller's subtree is as unknown as a wrong id.
            var person = await Db.People.AsNoTracking().Where(p => p.Id == pid && p.DivisionCode == community.Code && p.ErasedUtc == null)
                .Select(p => new { p.Id, p.Name, p.UserId, p.Phone }).SingleOrDefaultAsync(ct);
            if (person is null) return Error.Validation("未找到本社区的这位居民 / personId is not a person of the community.");
            (personId, userId) = (person.Id, person.UserId);
            name ??= person.Name;
            // Picked from the register: the record's phone serves the order (and a case filed from it) unless staff gave one.
            residentPhone ??= person.Phone;
        }
        if (ServiceHallContext.Blank(r.ResidentUserName) is { } userName)
        {
            var account = await Db.Users.AsNoTracking().Where(u => u.UserName == userName && !u.IsDisabled).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
            if (account is null) return Error.Validation("未找到该居民账号 / residentUserName is not an account.");
            userId = account;
        }
        if (name is null || name.Length > 50) return Error.Validation("请填写居民姓名（最多 50 字） / residentName is required (at most 50 characters).");

        var now = ctx.UtcNow;
        var calendar = await ctx.CalendarAsync(community.Code, ct);
        var (due, warnFrom) = Deadlines(calendar, now, days);
        var order = new HelpOrder(community.Code, community.Path, NewNumber(now), title, days, now, due, warnFrom, ctx.User.UserId, ctx.MyName())
        {
            ItemId = r.ItemId, Details = ServiceHallContext.Blank(r.Details), ResidentName = name, ResidentPhone = residentPhone, PersonId = personId, UserId = userId,
        };
        Db.HelpOrders.Add(order);
        await Db.SaveChangesAsync(ct);
        return ToDto(order, now);
    }

    /// <summary>
    /// The deadline (24:00 of the limit's last working day, China time) and the start of its last working day stretch:
    /// from the day after the previous working day, only one working day is left.
    /// </summary>
    public static (DateTime Due, DateTime WarnFrom) Deadlines(WorkingCalendar calendar, DateTime openedUtc, int days)
    {
        var due = calendar.Deadline(openedUtc, days, TimeLimitUnit.WorkingDays);
        var lastDay = WorkingCalendar.LocalDate(due).AddDays(-1);
        var previous = lastDay.AddDays(-1);
        while (!calendar.IsWorkingDay(previous)) previous = previous.AddDays(-1);
        return (due, WorkingCalendar.LocalMidnightToUtc(previous.AddDays(1)));
    }

    public static TrafficLight? LightOf(HelpOrder o, DateTime nowUtc) =>
        o.IsFinished ? null : nowUtc >= o.DueUtc ? TrafficLight.Red : nowUtc >= o.WarnFromUtc ? TrafficLight.Yellow : TrafficLight.Green;

    public async Task<Result<HelpOrderDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var order = await Db.HelpOrders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        return order is null ? Error.NotFound("Help order") : ToDto(order, ctx.UtcNow);
    }

    /// <summary>Staff: orders in scope (optionally one community), by light and status; others: their own.</summary>
    public async Task<Result<List<HelpOrderDto>>> ListAsync(string? division, TrafficLight? light, HelpOrderStatus? status, CancellationToken ct)
    {
        var query = Db.HelpOrders.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(division))
        {
            var node = await Db.Divisions.AsNoTracking().Where(d => d.Code == division.Trim()).Select(d => d.Path).SingleOrDefaultAsync(ct);
            if (node is null) return ServiceHallErrors.NoDivision();
            var (from, to) = MaterialisedPath.Range(node);
            query = query.Where(o => string.Compare(o.DivisionPath, from) >= 0 && string.Compare(o.DivisionPath, to) < 0);
        }
        if (!ctx.IsStaff)
        {
            var me = ctx.User.UserId ?? Guid.Empty;
            query = query.Where(o => o.UserId == me);
        }
        if (status is { } s) query = query.Where(o => o.Status == s);
        var now = ctx.UtcNow;
        var open = new[] { HelpOrderStatus.Open, HelpOrderStatus.InProgress, HelpOrderStatus.HandedToDepartment };
        query = light switch
        {
            TrafficLight.Red => query.Where(o => open.Contains(o.Status) && o.DueUtc <= now),
            TrafficLight.Yellow => query.Where(o => open.Contains(o.Status) && o.WarnFromUtc <= now && o.DueUtc > now),
            TrafficLight.Green => query.Where(o => open.Contains(o.Status) && o.WarnFromUtc > now),
            _ => query,
        };
        var rows = await query.OrderBy(o => o.DueUtc).Take(500).ToListAsync(ct);
        return rows.Select(o => ToDto(o, now)).ToList();
    }

    /// <summary>The caller's own orders (as the resident they were opened for), newest first.</summary>
    public async Task<List<HelpOrderDto>> MineAsync(CancellationToken ct)
    {
        var me = ctx.User.UserId ?? Guid.Empty;
        var rows = await Db.HelpOrders.AsNoTracking().Where(o => o.UserId == me).OrderByDescending(o => o.OpenedUtc).Take(100).ToListAsync(ct);
        var now = ctx.UtcNow;
        return rows.Select(o => ToDto(o, now)).ToList();
    }

    public Task<Result<HelpOrderDto>> StartAsync(Guid id, int? ifMatch, CancellationToken ct) => ActAsync(id, ifMatch, o =>
    {
        if (o.Status != HelpOrderStatus.Open) return ServiceHallErrors.State("开始办理");
        o.Status = HelpOrderStatus.InProgress;
        return null;
    }, ct);

    /// <summary>The responsible staff member hands the order to a colleague whose scope covers it; the colleague answers for it now.</summary>
    public async Task<Result<HelpOrderDto>> HandOverAsync(Guid id, HandOverRequest r, int? ifMatch, CancellationToken ct)
    {
        var userName = ServiceHallContext.Blank(r.UserName);
        if (userName is null) return Error.Validation("请填写接手人的账号 / userName is required.");
        var target = await Db.Users.AsNoTracking().Where(u => u.UserName == userName && !u.IsDisabled)
            .Select(u => new { u.Id, u.DisplayName, u.DivisionCode }).SingleOrDefaultAsync(ct);
        string? targetPath = target?.DivisionCode is { } code
            ? await Db.Divisions.AsNoTracking().IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(d => d.Code == code).Select(d => d.Path).SingleOrDefaultAsync(ct)
            : null;
        if (target is null || targetPath is null) return Error.Validation("接手人须为负责该社区的工作人员 / The new responsible must be staff whose area covers the community.");
        return await ActAsync(id, ifMatch, o =>
        {
            if (o.IsFinished) return ServiceHallErrors.State("移交");
            if (!o.DivisionPath.StartsWith(targetPath, StringComparison.Ordinal))
                return Error.Validation("接手人须为负责该社区的工作人员 / The new responsible must be staff whose area covers the community.");
            o.ResponsibleUserId = target.Id;
            o.ResponsibleName = ServiceHallContext.Cut(string.IsNullOrEmpty(target.DisplayName) ? userName : target.DisplayName, 50);
            return null;
        }, ct);
    }

    /// <summary>
    /// A department must act: a case is filed (staff entry, the resident as reporter) and accepted by the community through the
    /// Cases module, so it is dispatched, claimed, handled and verified like any other; the order keeps its number and follows it.
    /// </summary>
    public async Task<Result<HelpOrderDto>> HandToDepartmentAsync(Guid id, HandToDepartmentRequest r, int? ifMatch, CancellationToken ct)
    {
        var order = await Db.HelpOrders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return Error.NotFound("Help order");
        if (!MayAct(order)) return NotResponsible;
        if (ifMatch is { } expected && expected != order.Version) return ServiceHallErrors.Changed();
        if (order.Status is not (HelpOrderStatus.Open or HelpOrderStatus.InProgress)) return ServiceHallErrors.State("转交部门");
        var note = ServiceHallContext.Blank(r.Note);
        if (note is { Length: > 1000 }) return Error.Validation("说明最多 1000 字 / note may have at most 1000 characters.");
        var category = ServiceHallContext.Blank(r.CategoryCode) ?? "other";
        var description = $"【帮办代办 {order.Number}】{order.Title}" + (note is null ? "" : "：" + note) + (order.Details is null ? "" : "（" + order.Details + "）");
        var created = await intake.CreateAsync(new CreateCaseRequest(category, ServiceHallContext.Cut(description, 2000), order.DivisionCode,
            ReporterName: ServiceHallContext.Cut(order.ResidentName, 32), ReporterPhone: order.ResidentPhone, Channel: CaseChannel.WalkIn),
            $"help-order-{order.Id:N}", CaseChannel.WalkIn, ct);
        if (!created.IsSuccess) return created.Error!;
        var @case = created.Value.Case;
        // Accepted by the community at once: the order was already taken at the window; the case now waits for dispatch.
        await caseWorkflow.AcceptAsync(@case.Id, new AcceptCaseRequest("帮办代办转部门办理 / handed over from a help-on-behalf order"), null, ct);
        return await ActAsync(id, null, o =>
        {
            o.Status = HelpOrderStatus.HandedToDepartment;
            o.CaseId = @case.Id;
            o.CaseNumber = @case.Number;
            return null;
        }, ct);
    }

    public Task<Result<HelpOrderDto>> CompleteAsync(Guid id, HelpOrderNoteRequest r, int? ifMatch, CancellationToken ct) => FinishAsync(id, r, HelpOrderStatus.Done, ifMatch, ct);

    public Task<Result<HelpOrderDto>> CannotDoAsync(Guid id, HelpOrderNoteRequest r, int? ifMatch, CancellationToken ct) => FinishAsync(id, r, HelpOrderStatus.CannotDo, ifMatch, ct);

    private async Task<Result<HelpOrderDto>> FinishAsync(Guid id, HelpOrderNoteRequest r, HelpOrderStatus to, int? ifMatch, CancellationToken ct)
    {
        var result = ServiceHallContext.Blank(r.Note);
        if (result is null || result.Length > 1000) return Error.Validation("请填写告知居民的办理结果（最多 1000 字） / note (the result told to the resident) is required, at most 1000 characters.");
        var done = await ActAsync(id, ifMatch, o =>
        {
            if (o.IsFinished) return ServiceHallErrors.State(to == HelpOrderStatus.Done ? "办结" : "登记办不成");
            Finish(o, to, result, ctx.UtcNow);
            return null;
        }, ct);
        return done;
    }

    private void Finish(HelpOrder o, HelpOrderStatus to, string result, DateTime now)
    {
        o.Status = to;
        o.Result = result;
        o.CompletedUtc = now;
        o.CompletedLate = now > o.DueUtc;
        if (o.UserId is { } resident)
        {
            Db.Set<Notification>().Add(new Notification
            {
                UserId = resident, CreatedUtc = now, Link = "/me/services",
                Title = to == HelpOrderStatus.Done ? "帮办代办已办结" : "帮办代办办理结果",
                Body = ServiceHallContext.Cut($"您的「{o.Title}」（{o.Number}）：{result}", 500),
            });
        }
    }

    /// <summary>Orders handed to a department take the result of their case once it is verified or closed (or rejected).</summary>
    public async Task<int> FollowCasesAsync(CancellationToken ct)
    {
        var finished = new[] { CaseStatus.Verified, CaseStatus.FeedbackGiven, CaseStatus.Closed, CaseStatus.Rejected };
        // Only orders whose case is finished, so a batch is never filled by orders still waiting on their department.
        var finishedCases = Db.Cases.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(c => finished.Contains(c.Status)).Select(c => c.Id);
        var handed = await Db.HelpOrders.Where(o => o.Status == HelpOrderStatus.HandedToDepartment && o.CaseId != null && finishedCases.Contains(o.CaseId.Value))
            .OrderBy(o => o.DueUtc).Take(200).ToListAsync(ct);
        if (handed.Count == 0) return 0;
        var caseIds = handed.Select(o => o.CaseId!.Value).ToList();
        var cases = await Db.Cases.AsNoTracking().IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Status }).ToListAsync(ct);
        var doneIds = cases.Select(c => c.Id).ToList();
        var notes = (await Db.CaseEvents.AsNoTracking().Where(e => doneIds.Contains(e.CaseId) && e.Note != null)
            .Select(e => new { e.CaseId, e.OccurredUtc, e.Id, e.Note }).ToListAsync(ct))
            .GroupBy(e => e.CaseId).ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.OccurredUtc).ThenByDescending(e => e.Id).First().Note!);
        var now = ctx.UtcNow;
        foreach (var c in cases)
        {
            var order = handed.Single(o => o.CaseId == c.Id);
            var note = notes.GetValueOrDefault(c.Id) ?? "";
            var result = c.Status == CaseStatus.Rejected
                ? $"部门未受理：{note}"
                : $"已由职能部门办结（诉求 {order.CaseNumber}）：{note}";
            Finish(order, c.Status == CaseStatus.Rejected ? HelpOrderStatus.CannotDo : HelpOrderStatus.Done, ServiceHallContext.Cut(result, 1000), now);
            order.Touch(now);
        }
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return 0; // another node followed them first
        }
        return cases.Count;
    }

    /// <summary>Open orders by light, finished on time and late, per community of the subtree (staff in scope).</summary>
    public async Task<Result<HelpOrderFigures>> FiguresAsync(string? division, CancellationToken ct)
    {
        if (!ctx.IsStaff) return Error.NotFound("Division");
        var query = Db.HelpOrders.AsNoTracking();
        var hard = Db.HardRequests.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(division))
        {
            var node = await Db.Divisions.AsNoTracking().Where(d => d.Code == division.Trim()).Select(d => d.Path).SingleOrDefaultAsync(ct);
            if (node is null) return ServiceHallErrors.NoDivision();
            var (from, to) = MaterialisedPath.Range(node);
            query = query.Where(o => string.Compare(o.DivisionPath, from) >= 0 && string.Compare(o.DivisionPath, to) < 0);
            hard = hard.Where(o => string.Compare(o.DivisionPath, from) >= 0 && string.Compare(o.DivisionPath, to) < 0);
        }
        var now = ctx.UtcNow;
        var rows = await query.Select(o => new { o.DivisionCode, o.Status, o.DueUtc, o.WarnFromUtc, o.CompletedLate }).ToListAsync(ct);
        var hardRows = await hard.Select(h => new { h.DivisionCode, h.Outcome }).ToListAsync(ct);
        var codes = rows.Select(r => r.DivisionCode).Concat(hardRows.Select(h => h.DivisionCode)).Distinct().ToList();
        var names = await Db.Divisions.AsNoTracking().IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        bool IsOpen(HelpOrderStatus s) => s is HelpOrderStatus.Open or HelpOrderStatus.InProgress or HelpOrderStatus.HandedToDepartment;
        var communities = codes.Order().Select(code =>
        {
            var mine = rows.Where(r => r.DivisionCode == code).ToList();
            var open = mine.Where(r => IsOpen(r.Status)).ToList();
            var h = hardRows.Where(x => x.DivisionCode == code).ToList();
            return new HelpOrderCommunityFigures(code, names.GetValueOrDefault(code, code), open.Count,
                open.Count(r => now < r.WarnFromUtc), open.Count(r => now >= r.WarnFromUtc && now < r.DueUtc), open.Count(r => now >= r.DueUtc),
                mine.Count(r => r.Status == HelpOrderStatus.Done), mine.Count(r => r.Status == HelpOrderStatus.Done && r.CompletedLate == true),
                mine.Count(r => r.Status == HelpOrderStatus.CannotDo), h.Count, h.Count(x => x.Outcome == HardRequestOutcome.Solved));
        }).ToList();
        var done = rows.Where(r => r.Status == HelpOrderStatus.Done).ToList();
        return new HelpOrderFigures(rows.Count(r => IsOpen(r.Status)), rows.Count(r => IsOpen(r.Status) && now >= r.DueUtc), done.Count,
            done.Count(r => r.CompletedLate != true), done.Count(r => r.CompletedLate == true), rows.Count(r => r.Status == HelpOrderStatus.CannotDo), communities);
    }

    private bool MayAct(HelpOrder o) => ctx.IsStaff && (o.ResponsibleUserId == ctx.User.UserId || ctx.User.Principal.IsInRole(Platform.Auth.Roles.CountyAdmin));

    private async Task<Result<HelpOrderDto>> ActAsync(Guid id, int? ifMatch, Func<HelpOrder, Error?> change, CancellationToken ct)
    {
        var order = await Db.HelpOrders.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null || !ctx.IsStaff) return Error.NotFound("Help order");
        if (!MayAct(order)) return NotResponsible;
        if (ifMatch is { } expected && expected != order.Version) return ServiceHallErrors.Changed();
        if (change(order) is { } error) return error;
        order.Touch(ctx.UtcNow);
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ServiceHallErrors.Changed();
        }
        return ToDto(order, ctx.UtcNow);
    }

    private static string NewNumber(DateTime nowUtc) =>
        "BD" + ServiceHallContext.Local(nowUtc, "yyyyMMdd") + RandomNumberGenerator.GetString("0123456789", 6);

    private HelpOrderDto ToDto(HelpOrder o, DateTime now) => new(o.Id, o.Number, o.DivisionCode, o.ItemId, o.Title, o.Details, Mask.Name(o.ResidentName)!,
        Mask.Phone(o.ResidentPhone), o.PersonId != null, o.UserId != null, o.TimeLimitDays, o.OpenedUtc, o.DueUtc, o.WarnFromUtc, o.OpenedByName, o.ResponsibleName,
        o.ResponsibleUserId == ctx.User.UserId, o.Status, LightOf(o, now), o.CaseId, o.CaseNumber, o.Result, o.CompletedUtc, o.CompletedLate, o.Version);
}

using Jiceng.Web.Data;
using Jiceng.Web.Modules.ServiceHall.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Time;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.ServiceHall.Features;

/// <summary>An .xlsx export: the file and the name to offer it under.</summary>
public sealed record ExportFile(Stream Content, string FileName, int Rows);

/// <summary>
/// The service hall's Excel exports for staff, inside their scope: a community's catalogue with the "一次性告知" materials
/// (what the window prints and files), and the 帮办代办 ledger (台账) of a period, names and phones masked like every other
/// screen. Each export is audited with its row count, never with personal data.
/// </summary>
public sealed partial class ServiceHallExports(ServiceHallContext ctx, AuditTrail audit, ILogger<ServiceHallExports> logger)
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const int MaxLedgerDays = 366;
    public const int MaxLedgerRows = 10_000;
    public const string CatalogueSheet = "服务事项";
    public const string LedgerSheet = "帮办代办台账";
    public const string LedgerTotalsSheet = "汇总";

    public static readonly string[] CatalogueColumns =
        ["事项编码", "事项名称", "类别", "办理方式", "一次性告知材料", "办结时限（工作日）", "责任岗位", "可预约", "办理依据", "状态"];

    public static readonly string[] LedgerColumns =
        ["编号", "社区", "受理日期", "居民", "联系电话", "事项", "首问责任人", "当前责任人", "办结期限", "办结日期", "按时情况", "状态", "转交部门（诉求编号）", "办理结果"];

    /// <summary>The rows of the ledger's 汇总 sheet.</summary>
    public static class LedgerTotal
    {
        public const string Rows = "台账合计";
        public const string CarriedOver = "上期结转（期初在办）";
        public const string Opened = "本期受理";
        public const string DoneOnTime = "本期按时办结";
        public const string DoneLate = "本期超时办结";
        public const string CannotDo = "本期办不成（已告知原因）";
        public const string StillOpen = "目前办理中";
    }

    public const string OnTime = "按时";
    public const string Late = "超时";
    public const string OpenOverdue = "办理中（已超期）";
    public const string OpenInTime = "办理中";

    private AppDbContext Db => ctx.Db;

    /// <summary>A community's whole catalogue (inactive items marked), in the catalogue's order.</summary>
    public async Task<Result<ExportFile>> CatalogueAsync(string? division, CancellationToken ct)
    {
        var community = await ctx.CommunityInScopeAsync(division, ct);
        if (community is null) return ServiceHallErrors.NoDivision();
        var items = await Db.ServiceItems.AsNoTracking().Where(i => i.DivisionCode == community.Code)
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct);
        var rows = items.Select(i => new Dictionary<string, object?>
        {
            [CatalogueColumns[0]] = i.Code,
            [CatalogueColumns[1]] = i.Name,
            [CatalogueColumns[2]] = i.Category,
            [CatalogueColumns[3]] = i.Kind == ServiceItemKind.Direct ? "直接办理" : "代办",
            // Numbered lines in one cell: the checklist reads as printed.
            [CatalogueColumns[4]] = string.Join("\n", i.Materials.Select((m, n) => $"{n + 1}. {m}")),
            [CatalogueColumns[5]] = i.TimeLimitDays,
            [CatalogueColumns[6]] = i.ResponsiblePost,
            [CatalogueColumns[7]] = i.Bookable ? "是" : "否",
            [CatalogueColumns[8]] = i.LegalBasis,
            [CatalogueColumns[9]] = i.IsActive ? "在办" : "停办",
        }).ToList();
        var file = await WriteAsync(new Dictionary<string, object> { [CatalogueSheet] = rows }, ct);
        await audit.RecordAsync(ServiceHallAudit.ExportedCatalogue, AuditResult.Success, nameof(ServiceItem), null,
            $"division: {community.Code}; rows: {rows.Count}", cancellationToken: ct);
        LogExported(logger, "catalogue", rows.Count);
        return new ExportFile(file, $"服务事项清单-{community.Name}.xlsx", rows.Count);
    }

    /// <summary>
    /// The 帮办代办 ledger of a period (<paramref name="from"/> to <paramref name="to"/>, China calendar days, both included;
    /// by default this month so far), in the caller's scope or a division of it, with a totals sheet. It holds every order
    /// the office had in hand in the period: opened in it, or opened before and not finished before it started (上期结转),
    /// so an order finished this month counts in this month's ledger wherever it was opened.
    /// </summary>
    public async Task<Result<ExportFile>> LedgerAsync(DateOnly? from, DateOnly? to, string? division, CancellationToken ct)
    {
        if (!ctx.IsStaff) return Error.NotFound("Division");
        var last = to ?? ctx.Today;
        var first = from ?? new DateOnly(last.Year, last.Month, 1);
        if (first > last || last.DayNumber - first.DayNumber >= MaxLedgerDays)
            return Error.Validation($"请选择起止日期（开始不晚于结束，最多 {MaxLedgerDays} 天） / from must not be after to, at most {MaxLedgerDays} days.");
        var query = Db.HelpOrders.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(division))
        {
            var node = await Db.Divisions.AsNoTracking().Where(d => d.Code == division.Trim()).Select(d => d.Path).SingleOrDefaultAsync(ct);
            if (node is null || !ctx.User.Scope.Includes(node)) return ServiceHallErrors.NoDivision();
            var (lo, hi) = Platform.Scope.MaterialisedPath.Range(node);
            query = query.Where(o => string.Compare(o.DivisionPath, lo) >= 0 && string.Compare(o.DivisionPath, hi) < 0);
        }
        var fromUtc = WorkingCalendar.LocalMidnightToUtc(first);
        var toUtc = WorkingCalendar.LocalMidnightToUtc(last.AddDays(1));
        var orders = await query.Where(o => o.OpenedUtc < toUtc && (o.OpenedUtc >= fromUtc || o.CompletedUtc == null || o.CompletedUtc >= fromUtc))
            .OrderBy(o => o.OpenedUtc).ThenBy(o => o.Number).Take(MaxLedgerRows + 1).ToListAsync(ct);
        if (orders.Count > MaxLedgerRows)
            return Error.Validation($"台账超过 {MaxLedgerRows} 条，请缩短时间段 / More than {MaxLedgerRows} orders: choose a shorter period.");
        var codes = orders.Select(o => o.DivisionCode).Distinct().ToList();
        var names = await Db.Divisions.AsNoTracking().IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(d => codes.Contains(d.Code))
            .ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var now = ctx.UtcNow;
        var punctuality = orders.ToDictionary(o => o.Id, o => Punctuality(o, now));
        var rows = orders.Select(o => new Dictionary<string, object?>
        {
            [LedgerColumns[0]] = o.Number,
            [LedgerColumns[1]] = names.GetValueOrDefault(o.DivisionCode, o.DivisionCode),
            [LedgerColumns[2]] = ServiceHallContext.Local(o.OpenedUtc, "yyyy-MM-dd"),
            [LedgerColumns[3]] = Mask.Name(o.ResidentName),
            [LedgerColumns[4]] = Mask.Phone(o.ResidentPhone),
            [LedgerColumns[5]] = o.Title,
            [LedgerColumns[6]] = o.OpenedByName,
            [LedgerColumns[7]] = o.ResponsibleName,
            // Due at 24:00 of the last working day: the day shown is that last day.
            [LedgerColumns[8]] = ServiceHallContext.Local(o.DueUtc.AddTicks(-1), "yyyy-MM-dd"),
            [LedgerColumns[9]] = o.CompletedUtc is { } done ? ServiceHallContext.Local(done, "yyyy-MM-dd") : null,
            [LedgerColumns[10]] = punctuality[o.Id],
            [LedgerColumns[11]] = StatusName(o.Status),
            [LedgerColumns[12]] = o.CaseNumber,
            [LedgerColumns[13]] = o.Result,
        }).ToList();
        // Finished after the period (when the ledger is for an earlier month) counts as in hand, not as finished, there.
        var finishedInPeriod = orders.Where(o => o.CompletedUtc is { } c && c >= fromUtc && c < toUtc).ToList();
        var totals = new List<Dictionary<string, object?>>
        {
            Total("期间", $"{first:yyyy-MM-dd} 至 {last:yyyy-MM-dd}"),
            Total(LedgerTotal.Rows, orders.Count),
            Total(LedgerTotal.CarriedOver, orders.Count(o => o.OpenedUtc < fromUtc)),
            Total(LedgerTotal.Opened, orders.Count(o => o.OpenedUtc >= fromUtc)),
            Total(LedgerTotal.DoneOnTime, finishedInPeriod.Count(o => o.Status == HelpOrderStatus.Done && o.CompletedLate != true)),
            Total(LedgerTotal.DoneLate, finishedInPeriod.Count(o => o.Status == HelpOrderStatus.Done && o.CompletedLate == true)),
            Total(LedgerTotal.CannotDo, finishedInPeriod.Count(o => o.Status == HelpOrderStatus.CannotDo)),
            Total(LedgerTotal.StillOpen, orders.Count(o => !o.IsFinished)),
            Total("其中已超期", punctuality.Values.Count(p => p == OpenOverdue)),
            Total("转交部门", orders.Count(o => o.CaseId != null)),
        };
        var file = await WriteAsync(new Dictionary<string, object> { [LedgerSheet] = rows, [LedgerTotalsSheet] = totals }, ct);
        await audit.RecordAsync(ServiceHallAudit.ExportedLedger, AuditResult.Success, nameof(HelpOrder), null,
            $"division: {ServiceHallContext.Blank(division) ?? "(scope)"}; {first:yyyy-MM-dd}..{last:yyyy-MM-dd}; rows: {rows.Count}; masked", cancellationToken: ct);
        LogExported(logger, "ledger", rows.Count);
        return new ExportFile(file, $"帮办代办台账-{first:yyyyMMdd}-{last:yyyyMMdd}.xlsx", rows.Count);
    }

    public static string Punctuality(HelpOrder o, DateTime nowUtc) =>
        o.IsFinished ? (o.CompletedLate == true ? Late : OnTime) : nowUtc >= o.DueUtc ? OpenOverdue : OpenInTime;

    private static string StatusName(HelpOrderStatus status) => status switch
    {
        HelpOrderStatus.Open => "待办理",
        HelpOrderStatus.InProgress => "办理中",
        HelpOrderStatus.HandedToDepartment => "已转部门",
        HelpOrderStatus.Done => "已办结",
        HelpOrderStatus.CannotDo => "办不成",
        _ => status.ToString(),
    };

    private static Dictionary<string, object?> Total(string what, object value) => new() { ["项目"] = what, ["数量"] = value };

    private static async Task<Stream> WriteAsync(Dictionary<string, object> sheets, CancellationToken ct)
    {
        // A temporary file rather than memory: a county ledger can be long.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        await file.SaveAsAsync(sheets, cancellationToken: ct);
        file.Position = 0;
        return file;
    }

    [LoggerMessage(EventId = 5620, Level = LogLevel.Information, Message = "Service hall {Export} exported with {Rows} rows")]
    private static partial void LogExported(ILogger logger, string export, int rows);
}

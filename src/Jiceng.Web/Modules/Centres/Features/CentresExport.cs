using System.Globalization;
using Jiceng.Web.Modules.Centres.Domain;
using Jiceng.Web.Platform.Errors;
using MiniExcelLibs;

namespace Jiceng.Web.Modules.Centres.Features;

/// <summary>
/// Excel workbooks for the county's and the street's reports: the centres with their 十有 and activity share, and a
/// centre's month rota. Both are built from the same use cases as the API answers (same scope, same figures), so a
/// workbook never says something the console does not.
/// </summary>
public sealed class CentresExport(CentresContext ctx, CentreRegistry registry, DutyRota rota)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>How the export calls things: the workbook is for Chinese reports, whatever the reader's UI language.</summary>
    private static readonly Dictionary<CentreKind, string> KindNames = new()
    {
        [CentreKind.PartyMassServiceCentre] = "党群服务中心",
        [CentreKind.RedStation] = "红色驿站",
        [CentreKind.JiajiaStation] = "佳家驿站",
        [CentreKind.NeighbourhoodPartyStation] = "小区党群工作站",
    };

    private static readonly Dictionary<TenHave, string> ItemNames = new()
    {
        [TenHave.PartyEmblem] = "党徽", [TenHave.NationalFlag] = "国旗", [TenHave.DesksAndChairs] = "桌椅", [TenHave.Computer] = "电脑",
        [TenHave.HotWater] = "热水", [TenHave.Medicine] = "药品", [TenHave.ServiceGuide] = "办事指南", [TenHave.Workflow] = "工作流程",
        [TenHave.Reading] = "报刊读物", [TenHave.FreeWifi] = "免费网络",
    };

    private static readonly Dictionary<DayType, string> DayNames = new()
    {
        [DayType.Workday] = "工作日", [DayType.RestDay] = "休息日", [DayType.Holiday] = "节假日",
    };

    /// <summary>The words a gap is marked with in the rota workbook.</summary>
    public const string Gap = "空缺";

    public const string CentresSheet = "党群服务阵地";
    public const string RotaSheet = "值班表";

    public sealed record ExportFile(byte[] Content, string FileName);

    /// <summary>Every centre in the division's subtree (or the caller's whole scope) with its 十有 n/10, missing items and share.</summary>
    public async Task<Result<ExportFile>> CentresAsync(string? division, CancellationToken ct)
    {
        var list = await registry.ListAsync(division, CentreRegistry.ExportLimit, ct);
        if (!list.IsSuccess) return list.Error!;
        var rows = list.Value!.Select(c => new Dictionary<string, object?>
        {
            ["社区"] = c.CommunityName,
            ["阵地名称"] = c.Name,
            ["类型"] = KindNames[c.Kind],
            ["“十有”"] = $"{c.TenHaveScore}/10",
            ["“十有”达标"] = c.MeetsTenHave ? "是" : "否",
            ["缺少项目"] = string.Join("、", CentreRegistry.TenItems.Where(i => !c.Checklist.Contains(CentreRegistry.Key(i))).Select(i => ItemNames[i])),
            ["总面积（m²）"] = c.TotalAreaM2,
            ["群众活动面积（m²）"] = c.ActivityAreaM2,
            ["群众活动面积占比（%）"] = c.ActivitySharePercent,
            ["占比≥85%"] = c.MeetsActivityShare ? "达标" : "未达标",
            ["启用"] = c.IsActive ? "是" : "否",
        }).ToList();
        var file = Write(CentresSheet, rows, ["社区", "阵地名称", "类型", "“十有”", "“十有”达标", "缺少项目", "总面积（m²）", "群众活动面积（m²）",
            "群众活动面积占比（%）", "占比≥85%", "启用"]);
        await AuditAsync(nameof(ServiceCentre), Guid.Empty, $"centres export {division?.Trim()} ({rows.Count})", ct);
        return new ExportFile(file, $"党群服务阵地-{ctx.Today:yyyyMMdd}.xlsx");
    }

    /// <summary>
    /// A centre's rota for a month: one row per person on a shift, and one row marked 空缺 for a required shift nobody is on.
    /// Day types come from the county's calendar, as in the console.
    /// </summary>
    public async Task<Result<ExportFile>> RotaAsync(Guid centreId, string? month, CancellationToken ct)
    {
        DateOnly first;
        if (string.IsNullOrWhiteSpace(month)) first = new DateOnly(ctx.Today.Year, ctx.Today.Month, 1);
        else if (!DateOnly.TryParseExact(month.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first))
            return Error.Validation("月份须为 yyyy-MM / month must be yyyy-MM.");
        var result = await rota.RotaAsync(centreId, first, first.AddMonths(1).AddDays(-1), ct);
        if (!result.IsSuccess) return result.Error!;
        var r = result.Value!;
        var shifts = r.Shifts.ToDictionary(s => s.Id);
        var rows = new List<Dictionary<string, object?>>();
        foreach (var day in r.Days)
        {
            foreach (var cell in day.Cells)
            {
                var shift = shifts[cell.ShiftId];
                Dictionary<string, object?> Row(string who, string? post) => new()
                {
                    ["日期"] = day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["星期"] = day.Date.ToString("ddd", CultureInfo.GetCultureInfo("zh-CN")),
                    ["日期类型"] = DayNames[day.DayType] + (day.HolidayName is { } h ? $"（{h}）" : ""),
                    ["班次"] = shift.Name,
                    ["时间"] = $"{shift.Start}–{shift.End}",
                    ["值班人员"] = who,
                    ["岗位"] = post,
                };
                foreach (var a in cell.OnDuty) rows.Add(Row(a.StaffName, a.Post));
                if (cell.Required && cell.OnDuty.Count == 0) rows.Add(Row(Gap, null));
            }
        }
        var file = Write(RotaSheet, rows, ["日期", "星期", "日期类型", "班次", "时间", "值班人员", "岗位"]);
        await AuditAsync(nameof(ServiceCentre), centreId, $"rota export {first:yyyy-MM}", ct);
        return new ExportFile(file, $"值班表-{r.CentreName}-{first:yyyy-MM}.xlsx");
    }

    /// <summary>Writes one sheet; an empty list still gets its header row (MiniExcel needs the columns from a row).</summary>
    private static byte[] Write(string sheet, List<Dictionary<string, object?>> rows, string[] columns)
    {
        using var stream = new MemoryStream();
        if (rows.Count == 0)
        {
            // A header-only sheet: one row of the column names, read back as the header.
            stream.SaveAs(new[] { columns.ToDictionary(c => c, c => (object?)c) }, printHeader: false, sheetName: sheet);
        }
        else stream.SaveAs(rows, sheetName: sheet);
        return stream.ToArray();
    }

    private async Task AuditAsync(string type, Guid id, string detail, CancellationToken ct)
    {
        ctx.Audit(CentresAudit.Exported, type, id, detail);
        await ctx.Db.SaveChangesAsync(ct);
    }
}

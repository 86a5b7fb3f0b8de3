using Jiceng.Web.Data;
using Jiceng.Web.Modules.Centres.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Centres.Features;

public sealed record PublicCentreDto(Guid Id, CentreKind Kind, string Name, string? Address, string? ServicePhone, int TenHaveScore,
    IReadOnlyList<string> Checklist, decimal TotalAreaM2, decimal ActivitySharePercent, bool MeetsActivityShare, DateOnly Today, DayType TodayType,
    string? HolidayName, IReadOnlyList<PeriodDto> TodayHours, bool OpenNow, IReadOnlyList<OnDutyDto> OnDutyNow);

/// <summary>
/// A community's centres for the public page: an explicit read outside any scope that projects only public fields (the
/// centre's own address and service phone, today's hours, the 十有 and the share, and on-duty staff's display name and post).
/// </summary>
public sealed class PublicCentres(CentresContext ctx, DutyRota rota)
{
    public async Task<List<PublicCentreDto>> OfAsync(string communityCode, CancellationToken ct)
    {
        var code = communityCode.Trim();
        var centres = await ctx.Db.ServiceCentres.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Include(c => c.Areas).Include(c => c.OpeningPeriods).AsSplitQuery()
            .Where(c => c.DivisionCode == code && c.IsActive).OrderBy(c => c.Kind).ThenBy(c => c.Name).ToListAsync(ct);
        var today = ctx.Today;
        var calendar = await ctx.CalendarAsync(code, ct);
        var type = CentresContext.DayTypeOf(calendar, today);
        var time = TimeOnly.FromDateTime(CentresContext.Local(ctx.UtcNow));
        var onDuty = await rota.OnDutyNowAsync(code, ct);
        return centres.Select(c =>
        {
            var hours = c.OpeningPeriods.Where(p => p.DayType == type).OrderBy(p => p.Start).ToList();
            return new PublicCentreDto(c.Id, c.Kind, c.Name, c.Address, c.ServicePhone, CentreRegistry.Score(c.Checklist),
                CentreRegistry.TenItems.Where(i => c.Checklist.HasFlag(i)).Select(CentreRegistry.Key).ToList(), c.Areas.Sum(a => a.AreaM2),
                CentreRegistry.SharePercent(c.Areas), CentreRegistry.MeetsShare(c.Areas), today, type, calendar.ExceptionName(today),
                hours.Select(p => new PeriodDto(p.DayType, CentreRegistry.Hhmm(p.Start), CentreRegistry.Hhmm(p.End), p.IsExtended, p.Note)).ToList(),
                hours.Any(p => p.Start <= time && time < p.End), onDuty.Where(d => d.CentreId == c.Id).ToList());
        }).ToList();
    }
}

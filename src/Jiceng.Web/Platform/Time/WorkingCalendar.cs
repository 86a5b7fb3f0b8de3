namespace Jiceng.Web.Platform.Time;

public enum TimeLimitUnit { Hours, WorkingDays }

/// A published or county-edited exception to the Monday–Friday rule.
public sealed record CalendarException(DateOnly Date, bool IsWorkingDay, string Name);

/// The official working-day calendar used to count case handling time limits (China local time, UTC+8, no DST).
public sealed class WorkingCalendar
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    // Immutable, so one shared instance serves every caller.
    private static readonly WorkingCalendar ChinaCalendar = new(ChinaPublicHolidays.Days);

    private readonly Dictionary<DateOnly, CalendarException> exceptions = [];

    public WorkingCalendar(IEnumerable<CalendarException> exceptions)
    {
        ArgumentNullException.ThrowIfNull(exceptions);
        foreach (var exception in exceptions)
            this.exceptions[exception.Date] = exception; // a county edit listed after the published day replaces it
        YearsCovered = Array.AsReadOnly(this.exceptions.Keys.Select(d => d.Year).Distinct().Order().ToArray());
    }

    public static WorkingCalendar China() => ChinaCalendar;

    /// Years that have at least one exception; outside them only the Monday–Friday rule applies.
    public IReadOnlyCollection<int> YearsCovered { get; }

    public bool IsWorkingDay(DateOnly date) =>
        exceptions.TryGetValue(date, out var exception)
            ? exception.IsWorkingDay
            : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// The holiday or make-up day name for a date, or null on an ordinary day.
    public string? ExceptionName(DateOnly date) => exceptions.TryGetValue(date, out var exception) ? exception.Name : null;

    /// <summary>A UTC time as China's wall-clock time (for showing and for comparing with opening hours).</summary>
    public static DateTime ToLocal(DateTime utc) => AsUtc(utc) + ChinaOffset;

    public static DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(AsUtc(utc) + ChinaOffset);

    /// Deadline for a limit starting at startUtc, returned in UTC.
    /// Hours are natural time; working days start counting on the first working day after the local start date and
    /// end at 24:00 local of the amount-th working day.
    public DateTime Deadline(DateTime startUtc, int amount, TimeLimitUnit unit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, 1);
        startUtc = AsUtc(startUtc);
        if (unit == TimeLimitUnit.Hours)
            return startUtc.AddHours(amount);

        var day = LocalDate(startUtc);
        for (var counted = 0; counted < amount;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
                counted++;
        }
        return LocalMidnightToUtc(day.AddDays(1));
    }

    /// Share of the allowed time used at nowUtc: 0 at start, 1 at the deadline, above 1 when overdue.
    /// For working days only time on working days (whole local days) counts, so a holiday does not use up the limit.
    public double ElapsedShare(DateTime startUtc, DateTime dueUtc, DateTime nowUtc, TimeLimitUnit unit)
    {
        startUtc = AsUtc(startUtc);
        dueUtc = AsUtc(dueUtc);
        nowUtc = AsUtc(nowUtc);
        if (dueUtc <= startUtc)
            throw new ArgumentException("The deadline must be after the start.", nameof(dueUtc));

        if (unit == TimeLimitUnit.WorkingDays)
        {
            var allowed = WorkingTicks(startUtc, dueUtc);
            // A hand-set deadline inside one non-working stretch has no working time; natural time is then the only fair measure.
            if (allowed > 0)
                return (double)WorkingTicks(startUtc, nowUtc) / allowed;
        }
        return Math.Max(0, (double)(nowUtc - startUtc).Ticks / (dueUtc - startUtc).Ticks);
    }

    private long WorkingTicks(DateTime fromUtc, DateTime toUtc)
    {
        // Walk local wall-clock days; only the parts of working days inside [from, to) count.
        var from = fromUtc + ChinaOffset;
        var to = toUtc + ChinaOffset;
        long ticks = 0;
        for (var day = from.Date; day < to; day = day.AddDays(1))
        {
            if (!IsWorkingDay(DateOnly.FromDateTime(day)))
                continue;
            var next = day.AddDays(1);
            ticks += ((next < to ? next : to) - (day < from ? from : day)).Ticks;
        }
        return ticks;
    }

    /// <summary>Midnight at the start of a China calendar day, in UTC: the lower bound of that day in queries.</summary>
    public static DateTime LocalMidnightToUtc(DateOnly localDate) =>
        DateTime.SpecifyKind(localDate.ToDateTime(TimeOnly.MinValue) - ChinaOffset, DateTimeKind.Utc);

    // EF Core often reads stored UTC values back as Unspecified; a Local value here is a caller bug.
    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => throw new ArgumentException("Times must be UTC, not local.", nameof(value)),
    };
}

public enum TrafficLight { Green, Yellow, Red }

public static class TrafficLights
{
    /// Green below 0.8, yellow from 0.8 up to and including 1.0, red above 1.0 (overdue).
    public static TrafficLight For(double elapsedShare) => elapsedShare switch
    {
        < 0.8 => TrafficLight.Green,
        <= 1.0 => TrafficLight.Yellow,
        _ => TrafficLight.Red,
    };
}

using Jiceng.Web.Platform.Time;

namespace Jiceng.Tests.Platform;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar China = WorkingCalendar.China();

    private static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    // China wall-clock time expressed as the UTC instant.
    private static DateTime Local(int year, int month, int day, int hour = 0, int minute = 0) =>
        Utc(year, month, day, hour, minute) - WorkingCalendar.ChinaOffset;

    [Theory]
    [InlineData(10, true)] // Monday 2025-03-10
    [InlineData(11, true)]
    [InlineData(12, true)]
    [InlineData(13, true)]
    [InlineData(14, true)]
    [InlineData(15, false)] // Saturday
    [InlineData(16, false)] // Sunday
    public void Weekdays_work_and_weekends_rest_without_exceptions(int day, bool working)
    {
        var date = new DateOnly(2025, 3, day);

        Assert.Equal(working, new WorkingCalendar([]).IsWorkingDay(date));
        Assert.Equal(working, China.IsWorkingDay(date));
        Assert.Null(China.ExceptionName(date));
    }

    [Fact]
    public void An_exception_can_make_a_saturday_a_working_day_and_later_entries_win()
    {
        var saturday = new DateOnly(2027, 3, 6);
        var monday = new DateOnly(2027, 3, 8);
        var calendar = new WorkingCalendar(
        [
            new(saturday, false, "县级调整前"),
            new(saturday, true, "县级调休上班"),
            new(monday, false, "县级休息日"),
        ]);

        Assert.True(calendar.IsWorkingDay(saturday));
        Assert.Equal("县级调休上班", calendar.ExceptionName(saturday));
        Assert.False(calendar.IsWorkingDay(monday));
        Assert.Equal([2027], calendar.YearsCovered);
    }

    [Fact]
    public void The_built_in_calendar_covers_2025_and_2026()
    {
        Assert.Equal([2025, 2026], China.YearsCovered);
        // Per the notices: 2025 has 28 days off and 5 make-up days, 2026 has 33 days off and 6 make-up days.
        Assert.Equal(28, ChinaPublicHolidays.Days.Count(d => d.Date.Year == 2025 && !d.IsWorkingDay));
        Assert.Equal(5, ChinaPublicHolidays.Days.Count(d => d.Date.Year == 2025 && d.IsWorkingDay));
        Assert.Equal(33, ChinaPublicHolidays.Days.Count(d => d.Date.Year == 2026 && !d.IsWorkingDay));
        Assert.Equal(6, ChinaPublicHolidays.Days.Count(d => d.Date.Year == 2026 && d.IsWorkingDay));
    }

    [Theory]
    [InlineData(2025, 1, 1, 2025, 1, 1, "元旦")]
    [InlineData(2025, 1, 28, 2025, 2, 4, "春节")]
    [InlineData(2025, 4, 4, 2025, 4, 6, "清明节")]
    [InlineData(2025, 5, 1, 2025, 5, 5, "劳动节")]
    [InlineData(2025, 5, 31, 2025, 6, 2, "端午节")]
    [InlineData(2025, 10, 1, 2025, 10, 8, "国庆节、中秋节")]
    [InlineData(2026, 1, 1, 2026, 1, 3, "元旦")]
    [InlineData(2026, 2, 15, 2026, 2, 23, "春节")]
    [InlineData(2026, 4, 4, 2026, 4, 6, "清明节")]
    [InlineData(2026, 5, 1, 2026, 5, 5, "劳动节")]
    [InlineData(2026, 6, 19, 2026, 6, 21, "端午节")]
    [InlineData(2026, 9, 25, 2026, 9, 27, "中秋节")]
    [InlineData(2026, 10, 1, 2026, 10, 7, "国庆节")]
    public void Every_day_of_an_official_holiday_is_off(int fromYear, int fromMonth, int fromDay, int toYear, int toMonth, int toDay, string name)
    {
        var first = new DateOnly(fromYear, fromMonth, fromDay);
        var last = new DateOnly(toYear, toMonth, toDay);

        for (var date = first; date <= last; date = date.AddDays(1))
        {
            Assert.False(China.IsWorkingDay(date), date.ToString("O"));
            Assert.Equal(name, China.ExceptionName(date));
        }
        // The days either side are not part of the run.
        Assert.NotEqual(name, China.ExceptionName(first.AddDays(-1)));
        Assert.NotEqual(name, China.ExceptionName(last.AddDays(1)));
    }

    [Theory]
    [InlineData(2025, 1, 26, DayOfWeek.Sunday, "春节调休上班")]
    [InlineData(2025, 2, 8, DayOfWeek.Saturday, "春节调休上班")]
    [InlineData(2025, 4, 27, DayOfWeek.Sunday, "劳动节调休上班")]
    [InlineData(2025, 9, 28, DayOfWeek.Sunday, "国庆节、中秋节调休上班")]
    [InlineData(2025, 10, 11, DayOfWeek.Saturday, "国庆节、中秋节调休上班")]
    [InlineData(2026, 1, 4, DayOfWeek.Sunday, "元旦调休上班")]
    [InlineData(2026, 2, 14, DayOfWeek.Saturday, "春节调休上班")]
    [InlineData(2026, 2, 28, DayOfWeek.Saturday, "春节调休上班")]
    [InlineData(2026, 5, 9, DayOfWeek.Saturday, "劳动节调休上班")]
    [InlineData(2026, 9, 20, DayOfWeek.Sunday, "国庆节调休上班")]
    [InlineData(2026, 10, 10, DayOfWeek.Saturday, "国庆节调休上班")]
    public void Every_make_up_day_is_a_working_weekend_day(int year, int month, int day, DayOfWeek weekday, string name)
    {
        var date = new DateOnly(year, month, day);

        Assert.Equal(weekday, date.DayOfWeek); // the weekday printed in the notice, guarding against a typo in the data
        Assert.True(China.IsWorkingDay(date));
        Assert.Equal(name, China.ExceptionName(date));
    }

    [Fact]
    public void The_local_date_is_the_china_date()
    {
        Assert.Equal(new DateOnly(2025, 12, 31), WorkingCalendar.LocalDate(Utc(2025, 12, 31, 15, 59)));
        Assert.Equal(new DateOnly(2026, 1, 1), WorkingCalendar.LocalDate(Utc(2025, 12, 31, 16, 0)));
    }

    [Fact]
    public void An_hours_deadline_is_natural_time_even_over_a_holiday()
    {
        var start = Local(2026, 2, 16, 10, 0); // the middle of the Spring Festival

        Assert.Equal(start.AddHours(2), China.Deadline(start, 2, TimeLimitUnit.Hours));
        Assert.Equal(Local(2026, 2, 17, 10, 0), China.Deadline(start, 24, TimeLimitUnit.Hours));
        Assert.Equal(DateTimeKind.Utc, China.Deadline(start, 24, TimeLimitUnit.Hours).Kind);
    }

    [Fact]
    public void Working_days_count_from_the_next_working_day_to_the_end_of_the_last_one()
    {
        var monday = Local(2025, 3, 10, 10, 0);

        var oneDay = China.Deadline(monday, 1, TimeLimitUnit.WorkingDays);
        Assert.Equal(Local(2025, 3, 12), oneDay); // end of Tuesday 11 March = 24:00 local
        Assert.Equal(Utc(2025, 3, 11, 16, 0), oneDay);
        Assert.Equal(DateTimeKind.Utc, oneDay.Kind);
        // Tue, Wed, Thu, Fri, then the weekend is skipped: Mon 17 March.
        Assert.Equal(Local(2025, 3, 18), China.Deadline(monday, 5, TimeLimitUnit.WorkingDays));
    }

    [Fact]
    public void A_working_days_deadline_skips_the_spring_festival()
    {
        // Received Fri 13 Feb 2026, 3 working days: Sat 14 Feb is a make-up working day (1), 15–23 Feb are the
        // Spring Festival, then Tue 24 Feb (2) and Wed 25 Feb (3). Due at the end of 25 Feb local.
        var due = China.Deadline(Local(2026, 2, 13, 10, 0), 3, TimeLimitUnit.WorkingDays);

        Assert.Equal(Local(2026, 2, 26), due);
        Assert.Equal(Utc(2026, 2, 25, 16, 0), due);
    }

    [Fact]
    public void Make_up_saturdays_count_as_working_days()
    {
        // Fri 7 Feb 2025 + 1: Sat 8 Feb is a make-up day, so due at its end rather than Monday's.
        Assert.Equal(Local(2025, 2, 9), China.Deadline(Local(2025, 2, 7, 9, 0), 1, TimeLimitUnit.WorkingDays));
        // Thu 9 Oct 2025 + 2: Fri 10 Oct, then make-up Sat 11 Oct.
        Assert.Equal(Local(2025, 10, 12), China.Deadline(Local(2025, 10, 9, 9, 0), 2, TimeLimitUnit.WorkingDays));
        // Wed 31 Dec 2025 + 1: 1–3 Jan 2026 are off and Sun 4 Jan is a make-up day.
        Assert.Equal(Local(2026, 1, 5), China.Deadline(Local(2025, 12, 31, 9, 0), 1, TimeLimitUnit.WorkingDays));
    }

    [Fact]
    public void A_case_received_at_the_weekend_starts_counting_on_monday()
    {
        Assert.Equal(Local(2025, 3, 18), China.Deadline(Local(2025, 3, 15, 10, 0), 1, TimeLimitUnit.WorkingDays));
        Assert.Equal(Local(2025, 3, 18), China.Deadline(Local(2025, 3, 16, 22, 0), 1, TimeLimitUnit.WorkingDays));
    }

    [Fact]
    public void The_local_date_not_the_utc_date_decides_where_counting_starts()
    {
        // 23:30 local on Fri 14 March 2025 is still Friday: due at the end of Monday.
        Assert.Equal(Local(2025, 3, 18), China.Deadline(Local(2025, 3, 14, 23, 30), 1, TimeLimitUnit.WorkingDays));
        // 00:30 local on Sat 15 March is Friday 16:30 in UTC, but locally it is Saturday: still Monday.
        Assert.Equal(Local(2025, 3, 18), China.Deadline(Local(2025, 3, 15, 0, 30), 1, TimeLimitUnit.WorkingDays));
        // 23:30 UTC on Mon 10 March is Tue 07:30 local: counting starts Wednesday, not Tuesday.
        Assert.Equal(Local(2025, 3, 13), China.Deadline(Utc(2025, 3, 10, 23, 30), 1, TimeLimitUnit.WorkingDays));
    }

    [Theory]
    [InlineData(TimeLimitUnit.Hours, 0)]
    [InlineData(TimeLimitUnit.WorkingDays, 0)]
    [InlineData(TimeLimitUnit.WorkingDays, -1)]
    public void A_limit_must_be_at_least_one(TimeLimitUnit unit, int amount) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => China.Deadline(Utc(2025, 3, 10), amount, unit));

    [Fact]
    public void The_hours_share_is_natural_time_used()
    {
        var start = Local(2026, 2, 16, 10, 0);
        var due = China.Deadline(start, 24, TimeLimitUnit.Hours);

        Assert.Equal(0, China.ElapsedShare(start, due, start, TimeLimitUnit.Hours));
        Assert.Equal(0.5, China.ElapsedShare(start, due, start.AddHours(12), TimeLimitUnit.Hours), 9);
        Assert.Equal(1, China.ElapsedShare(start, due, due, TimeLimitUnit.Hours), 9);
        Assert.Equal(1.25, China.ElapsedShare(start, due, start.AddHours(30), TimeLimitUnit.Hours), 9);
    }

    [Fact]
    public void The_working_days_share_counts_only_working_time()
    {
        // Sat 15 March 2025 + 2 working days: due at the end of Tue 18 March; the allowed working time is Mon + Tue = 48 h.
        var start = Local(2025, 3, 15, 10, 0);
        var due = China.Deadline(start, 2, TimeLimitUnit.WorkingDays);
        Assert.Equal(Local(2025, 3, 19), due);

        Assert.Equal(0, China.ElapsedShare(start, due, start, TimeLimitUnit.WorkingDays));
        Assert.Equal(0, China.ElapsedShare(start, due, Local(2025, 3, 16, 12, 0), TimeLimitUnit.WorkingDays));
        Assert.Equal(0.25, China.ElapsedShare(start, due, Local(2025, 3, 17, 12, 0), TimeLimitUnit.WorkingDays), 9);
        Assert.Equal(0.5, China.ElapsedShare(start, due, Local(2025, 3, 18), TimeLimitUnit.WorkingDays), 9);
        Assert.Equal(1, China.ElapsedShare(start, due, due, TimeLimitUnit.WorkingDays), 9);
        Assert.Equal(1.25, China.ElapsedShare(start, due, Local(2025, 3, 19, 12, 0), TimeLimitUnit.WorkingDays), 9);
    }

    [Fact]
    public void A_holiday_in_the_middle_does_not_use_up_working_time()
    {
        // Received at 00:00 local on Tue 30 Sep 2025 with 2 working days: 1–8 Oct are off, so due at the end of
        // Fri 10 Oct. Allowed working time: 30 Sep + 9 Oct + 10 Oct = 72 h.
        var start = Local(2025, 9, 30);
        var due = China.Deadline(start, 2, TimeLimitUnit.WorkingDays);
        Assert.Equal(Local(2025, 10, 11), due);

        var beforeHoliday = China.ElapsedShare(start, due, Local(2025, 10, 1), TimeLimitUnit.WorkingDays);
        var afterHoliday = China.ElapsedShare(start, due, Local(2025, 10, 9), TimeLimitUnit.WorkingDays);

        Assert.Equal(1.0 / 3, beforeHoliday, 9);
        Assert.Equal(beforeHoliday, afterHoliday);
        Assert.Equal(2.0 / 3, China.ElapsedShare(start, due, Local(2025, 10, 10), TimeLimitUnit.WorkingDays), 9);
        Assert.Equal(TrafficLight.Green, TrafficLights.For(afterHoliday));
    }

    [Theory]
    [InlineData(0.0, TrafficLight.Green)]
    [InlineData(0.79, TrafficLight.Green)]
    [InlineData(0.8, TrafficLight.Yellow)]
    [InlineData(1.0, TrafficLight.Yellow)]
    [InlineData(1.0001, TrafficLight.Red)]
    public void Traffic_lights_turn_yellow_at_80_percent_and_red_when_overdue(double share, TrafficLight light) =>
        Assert.Equal(light, TrafficLights.For(share));
}

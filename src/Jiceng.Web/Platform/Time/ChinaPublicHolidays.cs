namespace Jiceng.Web.Platform.Time;

/// Official holidays (days off) and make-up working days (调休上班) for 2025 and 2026, from:
/// - 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12), Xinhua text as reprinted at
///   https://m.gmw.cn/2024-11/12/content_1303894933.htm
/// - 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04), Xinhua text as reprinted at
///   https://politics.gmw.cn/2025-11/04/content_38391083.htm (same text at hrbtv.net and 中山日报 2025-11-05 A01)
/// Weekend days inside a holiday run are listed too, so every day of the run carries its holiday name.
/// Add the next year here when its notice is published (usually in November).
public static class ChinaPublicHolidays
{
    public static IReadOnlyList<CalendarException> Days { get; } = Array.AsReadOnly(Build());

    private static CalendarException[] Build()
    {
        var days = new List<CalendarException>();

        void Off(string name, DateOnly first, DateOnly last)
        {
            for (var d = first; d <= last; d = d.AddDays(1))
                days.Add(new CalendarException(d, false, name));
        }

        void Work(string name, params DateOnly[] dates)
        {
            foreach (var d in dates)
                days.Add(new CalendarException(d, true, name + "调休上班"));
        }

        // 2025
        Off("元旦", new(2025, 1, 1), new(2025, 1, 1));
        Off("春节", new(2025, 1, 28), new(2025, 2, 4));
        Work("春节", new(2025, 1, 26), new(2025, 2, 8));
        Off("清明节", new(2025, 4, 4), new(2025, 4, 6));
        Off("劳动节", new(2025, 5, 1), new(2025, 5, 5));
        Work("劳动节", new DateOnly(2025, 4, 27));
        Off("端午节", new(2025, 5, 31), new(2025, 6, 2));
        Off("国庆节、中秋节", new(2025, 10, 1), new(2025, 10, 8));
        Work("国庆节、中秋节", new(2025, 9, 28), new(2025, 10, 11));

        // 2026
        Off("元旦", new(2026, 1, 1), new(2026, 1, 3));
        Work("元旦", new DateOnly(2026, 1, 4));
        Off("春节", new(2026, 2, 15), new(2026, 2, 23));
        Work("春节", new(2026, 2, 14), new(2026, 2, 28));
        Off("清明节", new(2026, 4, 4), new(2026, 4, 6));
        Off("劳动节", new(2026, 5, 1), new(2026, 5, 5));
        Work("劳动节", new DateOnly(2026, 5, 9));
        Off("端午节", new(2026, 6, 19), new(2026, 6, 21));
        Off("中秋节", new(2026, 9, 25), new(2026, 9, 27));
        Off("国庆节", new(2026, 10, 1), new(2026, 10, 7));
        Work("国庆节", new(2026, 9, 20), new(2026, 10, 10));

        return [.. days];
    }
}

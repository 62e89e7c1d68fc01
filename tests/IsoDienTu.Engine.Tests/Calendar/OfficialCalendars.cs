using IsoDienTu.Engine.Calendar;

namespace IsoDienTu.Engine.Tests.Calendar;

/// <summary>Calendar years built from the facts in DOMAIN.md §2 (Holidays), as an administrator would enter them.</summary>
internal static class OfficialCalendars
{
    /// <summary>
    /// 2025: Hùng Kings off Sat 5 – Mon 7/4; 30/4–1/5 break 30/4–4/5 made up by working Saturday 26/4/2025.
    /// Tết and National Day are the legal days only (test data; not taken from an official notice).
    /// </summary>
    public static CalendarYear Year2025 { get; } = new(
        2025,
        [
            D(2025, 1, 1),
            D(2025, 1, 28), D(2025, 1, 29), D(2025, 1, 30), D(2025, 1, 31), D(2025, 2, 1), D(2025, 2, 3),
            D(2025, 4, 5), D(2025, 4, 6), D(2025, 4, 7),
            D(2025, 4, 30), D(2025, 5, 1), D(2025, 5, 2), D(2025, 5, 3), D(2025, 5, 4),
            D(2025, 9, 1), D(2025, 9, 2),
        ],
        [D(2025, 4, 26)],
        "DOMAIN.md §2 facts for 2025 (test data)",
        Confirmed: true);

    /// <summary>
    /// 2026 (CV 9859/VPCP-KGVX, TB 9441/TB-BNV): Tết break 14–22/2; Hùng Kings Sun 26/4 → Mon 27/4;
    /// National Day 1–2/9 plus Mon 31/8 swapped with working Saturday 22/8/2026.
    /// </summary>
    public static CalendarYear Year2026 { get; } = new(
        2026,
        [
            D(2026, 1, 1),
            D(2026, 2, 14), D(2026, 2, 15), D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18),
            D(2026, 2, 19), D(2026, 2, 20), D(2026, 2, 21), D(2026, 2, 22),
            D(2026, 4, 26), D(2026, 4, 27),
            D(2026, 4, 30), D(2026, 5, 1),
            D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 2),
        ],
        [D(2026, 8, 22)],
        "CV 9859/VPCP-KGVX, TB 9441/TB-BNV",
        Confirmed: true);

    public static WorkingCalendar Calendar { get; } = new([Year2025, Year2026]);

    public static DateOnly D(int year, int month, int day) => new(year, month, day);

    /// <summary>A Vietnam wall-clock instant (+07:00).</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));
}

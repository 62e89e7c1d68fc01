using System.Collections.Immutable;

namespace IsoDienTu.Engine.Calendar;

/// <summary>
/// Proposes public holidays per Labour Code 2019 art. 112 for years with no official schedule yet. The real
/// placement (Tết break, swapped days, make-up Saturdays) is decided yearly by the government, so a proposal is
/// never <see cref="CalendarYear.Confirmed"/>.
/// </summary>
public static class VietnamHolidays
{
    public const string ProposedSource =
        "Proposed from Labour Code 2019 art. 112 and art. 111(3) (lunar dates computed for UTC+7); not an official schedule";

    private const int TetDays = 5;

    public static CalendarYear Propose(int year)
    {
        var legal = new List<DateOnly> { new(year, 1, 1) };

        // Tết: 5 days, proposed as lunar New Year's Eve plus lunar 1/1 to 1/4.
        var tet = LunarNewYear(year);
        for (var i = -1; i < TetDays - 1; i++)
        {
            legal.Add(tet.AddDays(i));
        }

        legal.Add(HungKingsDay(year));
        legal.Add(new DateOnly(year, 4, 30));
        legal.Add(new DateOnly(year, 5, 1));

        // National Day 2/9 plus one adjacent day: the day before if it is a weekday, else the day after.
        var nationalDay = new DateOnly(year, 9, 2);
        var before = nationalDay.AddDays(-1);
        legal.Add(nationalDay);
        legal.Add(IsWeekend(before) ? nationalDay.AddDays(1) : before);

        legal.Sort();
        var off = new SortedSet<DateOnly>(legal);

        // Art. 111(3): a holiday on a weekly day off gives a compensatory day on the next working day.
        foreach (var day in legal.Where(IsWeekend))
        {
            var compensatory = day.AddDays(1);
            while (IsWeekend(compensatory) || off.Contains(compensatory))
            {
                compensatory = compensatory.AddDays(1);
            }

            off.Add(compensatory);
        }

        return new CalendarYear(year, [.. off], [], ProposedSource, Confirmed: false);
    }

    /// <summary>Lunar 1/1 (Tết Nguyên Đán) in the given solar year.</summary>
    public static DateOnly LunarNewYear(int year) => FromLunar(year, 1, 1);

    /// <summary>Hùng Kings' Commemoration, lunar 10/3.</summary>
    public static DateOnly HungKingsDay(int year) => FromLunar(year, 3, 10);

    /// <summary>The solar date of a Vietnamese lunar date (computed for UTC+7).</summary>
    public static DateOnly FromLunar(int lunarYear, int lunarMonth, int lunarDay, bool leapMonth = false) =>
        LunarCalendar.ToSolar(lunarYear, lunarMonth, lunarDay, leapMonth);

    private static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}

using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace IsoDienTu.Engine.Calendar;

/// <summary>
/// Working days and office hours of an agency in Vietnam (UTC+07:00): Monday–Friday (Decision 188/1999/QĐ-TTg)
/// minus each year's days off plus its make-up working days. A year with no entry uses
/// <see cref="VietnamHolidays.Propose"/>. Immutable apart from a cache of proposals; safe to share between threads.
/// Every returned instant carries offset +07:00.
/// </summary>
public sealed partial class WorkingCalendar
{
    // No real calendar has a year without working days; this bounds the search if the data says otherwise.
    private const int MaxDaysWithoutWork = 400;

    private readonly FrozenDictionary<int, YearDays> _configured;
    private readonly ConcurrentDictionary<int, YearDays> _proposed = new();

    public WorkingCalendar(IEnumerable<CalendarYear> years, OfficeHours? hours = null)
    {
        ArgumentNullException.ThrowIfNull(years);
        var byYear = new Dictionary<int, YearDays>();
        foreach (var year in years)
        {
            if (!byYear.TryAdd(year.Year, YearDays.From(year)))
            {
                throw new ArgumentException($"Calendar year {year.Year} is given twice.", nameof(years));
            }
        }

        _configured = byYear.ToFrozenDictionary();
        Hours = hours ?? OfficeHours.Default;
    }

    public OfficeHours Hours { get; }

    /// <summary>The exceptions in force for a year: the configured entry, else the proposal.</summary>
    public CalendarYear YearFor(int year) => Days(year).Source;

    public bool IsWorkingDay(DateOnly day)
    {
        var year = Days(day.Year);
        if (year.WorkingDays.Contains(day))
        {
            return true;
        }

        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !year.Holidays.Contains(day);
    }

    public bool IsWorkingInstant(DateTimeOffset t)
    {
        var local = VietnamTime.ToLocal(t);
        var time = VietnamTime.TimeOf(local);
        return IsWorkingDay(VietnamTime.DateOf(local)) && Hours.Periods.Any(p => time >= p.Start && time < p.End);
    }

    /// <summary><paramref name="t"/> itself if it is working, else the start of the next office period.</summary>
    public DateTimeOffset NextWorkingInstant(DateTimeOffset t)
    {
        var local = VietnamTime.ToLocal(t);
        var day = VietnamTime.DateOf(local);
        if (IsWorkingDay(day))
        {
            var time = VietnamTime.TimeOf(local);
            foreach (var period in Hours.Periods)
            {
                if (time < period.Start)
                {
                    return VietnamTime.At(day, period.Start);
                }

                if (time < period.End)
                {
                    return local;
                }
            }
        }

        return StartOfWorkingDay(NextWorkingDay(day));
    }

    /// <summary>The first working day strictly after <paramref name="day"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly day) => Step(day, 1);

    /// <summary>The last working day strictly before <paramref name="day"/>.</summary>
    public DateOnly PreviousWorkingDay(DateOnly day) => Step(day, -1);

    /// <summary>The <paramref name="n"/>-th working day after (or, if negative, before) <paramref name="day"/>.</summary>
    public DateOnly AddWorkingDays(DateOnly day, int n)
    {
        for (var i = 0; i < Math.Abs(n); i++)
        {
            day = Step(day, Math.Sign(n));
        }

        return day;
    }

    public DateTimeOffset StartOfWorkingDay(DateOnly d) => VietnamTime.At(d, Hours.Opening);

    /// <summary>The close of office hours on <paramref name="d"/>.</summary>
    public DateTimeOffset EndOfWorkingDay(DateOnly d) => VietnamTime.At(d, Hours.Closing);

    /// <summary>
    /// Counts <paramref name="workingTime"/> of office hours from <paramref name="from"/> (or from the next working
    /// instant). A positive amount that ends exactly at a period end stays there (e.g. 17:00); zero gives the next
    /// working instant.
    /// </summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset from, TimeSpan workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingTime, TimeSpan.Zero);
        var current = NextWorkingInstant(from);
        var remaining = workingTime;
        while (remaining > TimeSpan.Zero)
        {
            var day = VietnamTime.DateOf(current);
            var time = VietnamTime.TimeOf(current);
            var period = Hours.Periods.First(p => time >= p.Start && time < p.End);
            var periodEnd = VietnamTime.At(day, period.End);
            var available = periodEnd - current;
            if (remaining <= available)
            {
                return current + remaining;
            }

            remaining -= available;
            current = NextWorkingInstant(periodEnd);
        }

        return current;
    }

    /// <summary>
    /// A step allotment: the working days first (the same time of day that many working days later, from the next
    /// working instant), then the time part as exact working time. A zero duration (<c>P0D</c>, "within the day")
    /// ends at the close of the working day.
    /// </summary>
    public DateTimeOffset Add(DateTimeOffset from, WorkingDuration d)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(d.Days, nameof(d));
        var start = NextWorkingInstant(from);
        if (d.IsZero)
        {
            return EndOfWorkingDay(VietnamTime.DateOf(start));
        }

        var afterDays = d.Days == 0
            ? start
            : VietnamTime.At(AddWorkingDays(VietnamTime.DateOf(start), d.Days), VietnamTime.TimeOf(start));
        if (d.Time > TimeSpan.Zero)
        {
            return AddWorkingTime(afterDays, d.Time);
        }

        // Whole days counted from the opening of a day end at the close of the day before (the same working
        // instant): a step received after hours on Friday with one day is due Monday 17:00, not Tuesday 07:30.
        var day = VietnamTime.DateOf(afterDays);
        return d.Days > 0 && VietnamTime.TimeOf(afterDays) == Hours.Opening
            ? EndOfWorkingDay(PreviousWorkingDay(day))
            : afterDays;
    }

    /// <summary>Office-hours time between two instants; zero when <paramref name="b"/> is not after <paramref name="a"/>.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset a, DateTimeOffset b)
    {
        if (b <= a)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        var last = VietnamTime.DateOf(VietnamTime.ToLocal(b));
        for (var day = VietnamTime.DateOf(VietnamTime.ToLocal(a)); day <= last; day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }

            foreach (var period in Hours.Periods)
            {
                var start = Max(VietnamTime.At(day, period.Start), a);
                var end = Min(VietnamTime.At(day, period.End), b);
                if (end > start)
                {
                    total += end - start;
                }
            }
        }

        return total;
    }

    private DateOnly Step(DateOnly day, int direction)
    {
        for (var i = 0; i < MaxDaysWithoutWork; i++)
        {
            day = day.AddDays(direction);
            if (IsWorkingDay(day))
            {
                return day;
            }
        }

        throw new InvalidOperationException($"No working day within {MaxDaysWithoutWork} days of {day}; check the calendar data.");
    }

    private YearDays Days(int year) =>
        _configured.TryGetValue(year, out var days)
            ? days
            : _proposed.GetOrAdd(year, static y => YearDays.From(VietnamHolidays.Propose(y)));

    private static DateTimeOffset Max(DateTimeOffset x, DateTimeOffset y) => x > y ? x : y;

    private static DateTimeOffset Min(DateTimeOffset x, DateTimeOffset y) => x < y ? x : y;

    private sealed record YearDays(CalendarYear Source, FrozenSet<DateOnly> Holidays, FrozenSet<DateOnly> WorkingDays)
    {
        public static YearDays From(CalendarYear year)
        {
            ArgumentNullException.ThrowIfNull(year);
            var holidays = year.Holidays.IsDefault ? [] : year.Holidays;
            var working = year.WorkingDays.IsDefault ? [] : year.WorkingDays;
            var strays = holidays.Concat(working).Where(d => d.Year != year.Year).ToList();
            if (strays.Count > 0)
            {
                throw new ArgumentException($"Calendar year {year.Year} lists {strays[0]:yyyy-MM-dd}, which belongs to another year.", nameof(year));
            }

            return new YearDays(year, holidays.ToFrozenSet(), working.ToFrozenSet());
        }
    }
}

namespace IsoDienTu.Engine.Calendar;

/// <summary>
/// A Quartz-style cron expression (sec min hour day-of-month month day-of-week [year]), evaluated in Vietnam wall
/// time (UTC+7). Day-of-week runs 1 = SUN .. 7 = SAT, as in Quartz.
/// </summary>
internal sealed class CronSchedule
{
    private const int MinYear = 1970;
    private const int MaxYear = 2199;

    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly CronField _seconds;
    private readonly CronField _minutes;
    private readonly CronField _hours;
    private readonly CronField _daysOfMonth;
    private readonly CronField _months;
    private readonly CronField _daysOfWeek;
    private readonly CronField _years;

    private CronSchedule(CronField[] fields)
    {
        (_seconds, _minutes, _hours, _daysOfMonth, _months, _daysOfWeek, _years) =
            (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6]);
    }

    public static bool TryParse(string text, out CronSchedule? schedule, out string? error)
    {
        schedule = null;
        var parts = text.ToUpperInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (6 or 7))
        {
            error = $"a cron expression needs 6 or 7 fields (sec min hour day-of-month month day-of-week [year]), got {parts.Length}";
            return false;
        }

        var specs = new (string Name, int Min, int Max, string[]? Names, bool Question)[]
        {
            ("seconds", 0, 59, null, false),
            ("minutes", 0, 59, null, false),
            ("hours", 0, 23, null, false),
            ("day-of-month", 1, 31, null, true),
            ("month", 1, 12, MonthNames, false),
            ("day-of-week", 1, 7, DayNames, true),
            ("year", MinYear, MaxYear, null, false),
        };
        var fields = new CronField[7];
        for (var i = 0; i < specs.Length; i++)
        {
            var spec = specs[i];
            if (i == 6 && parts.Length == 6)
            {
                fields[i] = CronField.All(spec.Min, spec.Max);
                continue;
            }

            if (!CronField.TryParse(parts[i], spec.Name, spec.Min, spec.Max, spec.Names, spec.Question, out var field, out error))
            {
                return false;
            }

            fields[i] = field!;
        }

        if (!fields[3].IsUnrestricted && !fields[5].IsUnrestricted)
        {
            error = "restricting both day-of-month and day-of-week is not supported; use '?' in one of them";
            return false;
        }

        error = null;
        schedule = new CronSchedule(fields);
        return true;
    }

    /// <summary>The first matching second strictly after <paramref name="after"/>, or null if none before 2200.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        var local = VietnamTime.ToLocal(after).DateTime;
        var t = new DateTime(local.Ticks - (local.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Unspecified).AddSeconds(1);
        while (t.Year <= MaxYear)
        {
            if (!_years.Contains(t.Year))
            {
                var year = _years.NextAtOrAfter(t.Year);
                if (year < 0)
                {
                    return null;
                }

                t = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
                continue;
            }

            if (!_months.Contains(t.Month))
            {
                var month = _months.NextAtOrAfter(t.Month);
                t = month < 0
                    ? new DateTime(t.Year + 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)
                    : new DateTime(t.Year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
                continue;
            }

            if (!_daysOfMonth.Contains(t.Day) || !_daysOfWeek.Contains((int)t.DayOfWeek + 1))
            {
                t = t.Date.AddDays(1);
                continue;
            }

            if (!_hours.Contains(t.Hour))
            {
                var hour = _hours.NextAtOrAfter(t.Hour);
                t = hour < 0 ? t.Date.AddDays(1) : t.Date.AddHours(hour);
                continue;
            }

            if (!_minutes.Contains(t.Minute))
            {
                var minute = _minutes.NextAtOrAfter(t.Minute);
                var hourStart = t.Date.AddHours(t.Hour);
                t = minute < 0 ? hourStart.AddHours(1) : hourStart.AddMinutes(minute);
                continue;
            }

            if (!_seconds.Contains(t.Second))
            {
                var second = _seconds.NextAtOrAfter(t.Second);
                var minuteStart = t.Date.AddHours(t.Hour).AddMinutes(t.Minute);
                t = second < 0 ? minuteStart.AddMinutes(1) : minuteStart.AddSeconds(second);
                continue;
            }

            return new DateTimeOffset(t, VietnamTime.Offset);
        }

        return null;
    }
}

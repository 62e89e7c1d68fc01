using System.Globalization;

namespace IsoDienTu.Engine.Calendar;

/// <summary>Reads and writes the <c>PnYnMnWnDTnHnMnS</c> form shared by working and calendar durations.</summary>
internal static class DurationText
{
    private const int MaxIntegerDigits = 9;
    private const int MaxFractionDigits = 7;

    // Designator order: Y M W D, then after T: H M S. Each may appear once, in this order.
    private const int Year = 0, Month = 1, Week = 2, Day = 3, Hour = 4, Minute = 5, Second = 6;

    public static bool TryParse(string? text, out DurationParts parts, out string? error)
    {
        parts = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a duration is required (e.g. P3D, PT4H)";
            return false;
        }

        var s = text.Trim().ToUpperInvariant();
        if (s[0] != 'P')
        {
            error = $"'{text}' is not an ISO-8601 duration: it must start with 'P' (e.g. P3D, PT4H)";
            return false;
        }

        long years = 0, months = 0, weeks = 0, days = 0;
        long ticks = 0;
        var inTime = false;
        var last = -1;
        var components = 0;
        var timeComponents = 0;
        var i = 1;
        while (i < s.Length)
        {
            if (s[i] == 'T')
            {
                if (inTime)
                {
                    error = $"'{text}': 'T' appears twice";
                    return false;
                }

                inTime = true;
                i++;
                continue;
            }

            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            var integerDigits = i - start;
            var fraction = 0m;
            var hasFraction = false;
            if (i < s.Length && (s[i] == '.' || s[i] == ','))
            {
                var fracStart = ++i;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    i++;
                }

                var fracDigits = i - fracStart;
                if (fracDigits == 0 || fracDigits > MaxFractionDigits)
                {
                    error = $"'{text}': a decimal fraction needs 1 to {MaxFractionDigits} digits";
                    return false;
                }

                hasFraction = true;
                fraction = decimal.Parse("0." + s[fracStart..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            }

            if (integerDigits == 0 || integerDigits > MaxIntegerDigits || i >= s.Length)
            {
                error = $"'{text}' is not an ISO-8601 duration: expected a number of at most {MaxIntegerDigits} digits followed by a designator";
                return false;
            }

            var number = long.Parse(s.AsSpan(start, integerDigits), NumberStyles.None, CultureInfo.InvariantCulture);
            var designator = s[i++];
            var slot = Slot(designator, inTime);
            if (slot < 0)
            {
                error = $"'{text}': unexpected designator '{designator}'" + (inTime ? " in the time part" : " in the date part (put hours, minutes and seconds after 'T')");
                return false;
            }

            if (slot <= last)
            {
                error = $"'{text}': designators must appear once each, in the order Y M W D T H M S";
                return false;
            }

            if (hasFraction && slot < Hour)
            {
                error = $"'{text}': only hours, minutes and seconds may have a fraction";
                return false;
            }

            last = slot;
            components++;
            var value = number + fraction;
            switch (slot)
            {
                case Year: years = number; break;
                case Month: months = number; break;
                case Week: weeks = number; break;
                case Day: days = number; break;
                case Hour: ticks += (long)(value * TimeSpan.TicksPerHour); timeComponents++; break;
                case Minute: ticks += (long)(value * TimeSpan.TicksPerMinute); timeComponents++; break;
                default: ticks += (long)(value * TimeSpan.TicksPerSecond); timeComponents++; break;
            }
        }

        if (components == 0 || (inTime && timeComponents == 0))
        {
            error = $"'{text}' is not an ISO-8601 duration: no amount after '{(inTime ? "T" : "P")}'";
            return false;
        }

        parts = new DurationParts((int)years, (int)months, (int)weeks, (int)days, TimeSpan.FromTicks(ticks));
        return true;
    }

    /// <summary>Writes a time span as the part after 'T' (e.g. "2H30M", "10.5S"); empty for zero.</summary>
    public static string FormatTime(TimeSpan time)
    {
        if (time <= TimeSpan.Zero)
        {
            return string.Empty;
        }

        var hours = (long)Math.Floor(time.TotalHours);
        var minutes = time.Minutes;
        var seconds = (decimal)(time.Ticks % TimeSpan.TicksPerMinute) / TimeSpan.TicksPerSecond;
        var text = "T";
        if (hours > 0)
        {
            text += hours.ToString(CultureInfo.InvariantCulture) + "H";
        }

        if (minutes > 0)
        {
            text += minutes.ToString(CultureInfo.InvariantCulture) + "M";
        }

        if (seconds > 0)
        {
            text += seconds.ToString("0.#######", CultureInfo.InvariantCulture) + "S";
        }

        return text;
    }

    private static int Slot(char designator, bool inTime) => (designator, inTime) switch
    {
        ('Y', false) => Year,
        ('M', false) => Month,
        ('W', false) => Week,
        ('D', false) => Day,
        ('H', true) => Hour,
        ('M', true) => Minute,
        ('S', true) => Second,
        _ => -1,
    };
}

using System.Collections.Immutable;
using System.Globalization;

namespace IsoDienTu.Engine.Calendar;

/// <summary>The allowed values of one cron field.</summary>
internal sealed class CronField
{
    private readonly ImmutableArray<bool> _allowed;

    private CronField(int min, int max, ImmutableArray<bool> allowed, bool unrestricted)
    {
        Min = min;
        Max = max;
        _allowed = allowed;
        IsUnrestricted = unrestricted;
    }

    public int Min { get; }

    public int Max { get; }

    public bool IsUnrestricted { get; }

    public bool Contains(int value) => value >= Min && value <= Max && _allowed[value - Min];

    /// <summary>The smallest allowed value at or above <paramref name="value"/>, or -1.</summary>
    public int NextAtOrAfter(int value)
    {
        for (var v = Math.Max(value, Min); v <= Max; v++)
        {
            if (_allowed[v - Min])
            {
                return v;
            }
        }

        return -1;
    }

    public static CronField All(int min, int max) =>
        new(min, max, Enumerable.Repeat(true, max - min + 1).ToImmutableArray(), unrestricted: true);

    /// <summary>Parses <c>*</c>, <c>?</c> (when allowed), lists, ranges (wrapping past the maximum) and steps.</summary>
    public static bool TryParse(string text, string name, int min, int max, IReadOnlyList<string>? names, bool allowQuestion, out CronField? field, out string? error)
    {
        field = null;
        error = null;
        if (text == "?")
        {
            if (!allowQuestion)
            {
                error = $"'?' is only allowed in day-of-month and day-of-week, not in {name}";
                return false;
            }

            field = All(min, max);
            return true;
        }

        var allowed = new bool[max - min + 1];
        foreach (var item in text.Split(','))
        {
            if (item.IndexOfAny(['L', 'W', '#']) >= 0 && !IsName(item, names))
            {
                error = $"'{item}' in {name}: the cron features L, W and # are not supported";
                return false;
            }

            var slash = item.Split('/');
            if (slash.Length > 2)
            {
                error = $"'{item}' in {name}: more than one '/'";
                return false;
            }

            var step = 1;
            if (slash.Length == 2 && (!int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1))
            {
                error = $"'{item}' in {name}: the step after '/' must be a positive number";
                return false;
            }

            int from, to;
            var range = slash[0];
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else if (range.Split('-') is [var a, var b])
            {
                if (!TryValue(a, min, max, names, out from) || !TryValue(b, min, max, names, out to))
                {
                    error = $"'{item}' in {name}: values must be between {min} and {max}";
                    return false;
                }
            }
            else if (TryValue(range, min, max, names, out from))
            {
                // "a/n" runs from a to the maximum; a lone value is just itself.
                to = slash.Length == 2 ? max : from;
            }
            else
            {
                error = $"'{item}' in {name}: expected a value between {min} and {max}" + (names is null ? string.Empty : " or a name");
                return false;
            }

            var span = to >= from ? to - from : to - from + (max - min + 1);
            for (var offset = 0; offset <= span; offset += step)
            {
                var value = from + offset;
                if (value > max)
                {
                    value -= max - min + 1;
                }

                allowed[value - min] = true;
            }
        }

        field = new CronField(min, max, [.. allowed], unrestricted: text == "*");
        return true;
    }

    private static bool IsName(string item, IReadOnlyList<string>? names) =>
        names is not null && item.Split(',', '-', '/').All(part => names.Contains(part) || part.All(char.IsAsciiDigit) || part == "*");

    private static bool TryValue(string text, int min, int max, IReadOnlyList<string>? names, out int value)
    {
        if (names is not null)
        {
            var index = IndexOf(names, text);
            if (index >= 0)
            {
                value = min + index;
                return true;
            }
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    private static int IndexOf(IReadOnlyList<string> names, string text)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == text)
            {
                return i;
            }
        }

        return -1;
    }
}

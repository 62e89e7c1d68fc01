using System.Globalization;

namespace IsoDienTu.Engine.Calendar;

/// <summary>A plain calendar ISO-8601 duration, as used by BPMN timers (<c>PT1H</c>, <c>P1Y2M</c>, <c>PT10.5S</c>).</summary>
public readonly record struct IsoDuration(int Years, int Months, int Days, TimeSpan Time)
{
    private const int DaysPerWeek = 7;

    public bool IsZero => Years == 0 && Months == 0 && Days == 0 && Time == TimeSpan.Zero;

    public static bool TryParse(string? text, out IsoDuration value) => TryParse(text, out value, out _);

    public static bool TryParse(string? text, out IsoDuration value, out string? error)
    {
        value = default;
        if (!DurationText.TryParse(text, out var parts, out error))
        {
            return false;
        }

        var days = ((long)parts.Weeks * DaysPerWeek) + parts.Days;
        if (days > int.MaxValue)
        {
            error = $"'{text}': too many days";
            return false;
        }

        value = new IsoDuration(parts.Years, parts.Months, (int)days, parts.Time);
        return true;
    }

    public static IsoDuration Parse(string text) =>
        TryParse(text, out var value, out var error)
            ? value
            : throw new FormatException($"Invalid ISO-8601 duration: {error}.");

    /// <summary>Adds the duration in the instant's own wall time: years, then months, then days, then the time.</summary>
    public DateTimeOffset AddTo(DateTimeOffset instant) =>
        instant.AddYears(Years).AddMonths(Months).AddDays(Days).Add(Time);

    /// <summary>The duration <paramref name="times"/> times over, added in one step so month-end days do not drift.</summary>
    internal DateTimeOffset AddTo(DateTimeOffset instant, long times) =>
        instant.AddYears(checked((int)(Years * times)))
            .AddMonths(checked((int)(Months * times)))
            .AddTicks(checked(((Days * TimeSpan.TicksPerDay) + Time.Ticks) * times));

    /// <summary>A rough length, for estimating how many repetitions fit in a span.</summary>
    internal TimeSpan ApproximateLength =>
        TimeSpan.FromDays((Years * 365.2425) + (Months * 30.436875) + Days) + Time;

    public override string ToString()
    {
        if (IsZero)
        {
            return "PT0S";
        }

        var text = "P";
        if (Years > 0)
        {
            text += Years.ToString(CultureInfo.InvariantCulture) + "Y";
        }

        if (Months > 0)
        {
            text += Months.ToString(CultureInfo.InvariantCulture) + "M";
        }

        if (Days > 0)
        {
            text += Days.ToString(CultureInfo.InvariantCulture) + "D";
        }

        return text + DurationText.FormatTime(Time);
    }
}

using System.Globalization;

namespace IsoDienTu.Engine.Calendar;

/// <summary>
/// An ISO-8601 duration read in working time: <c>P3D</c> = 3 working days, <c>PT4H</c> = 4 working hours,
/// <c>P2W</c> = 10 working days (a 5-day working week, Decision 188/1999/QĐ-TTg), <c>P0D</c> = within the day.
/// </summary>
public readonly record struct WorkingDuration(int Days, TimeSpan Time)
{
    private const int WorkingDaysPerWeek = 5;

    public bool IsZero => Days == 0 && Time == TimeSpan.Zero;

    public static WorkingDuration Zero => default;

    public static bool TryParse(string? text, out WorkingDuration value) => TryParse(text, out value, out _);

    public static bool TryParse(string? text, out WorkingDuration value, out string? error)
    {
        value = default;
        if (!DurationText.TryParse(text, out var parts, out error))
        {
            return false;
        }

        if (parts.Years != 0 || parts.Months != 0)
        {
            error = $"'{text}': years and months are not working-time units; use working days (D), weeks (W) or hours (T..H)";
            return false;
        }

        var days = ((long)parts.Weeks * WorkingDaysPerWeek) + parts.Days;
        if (days > int.MaxValue)
        {
            error = $"'{text}': too many working days";
            return false;
        }

        value = new WorkingDuration((int)days, parts.Time);
        return true;
    }

    public static WorkingDuration Parse(string text) =>
        TryParse(text, out var value, out var error)
            ? value
            : throw new FormatException($"Invalid working duration: {error}.");

    public double TotalWorkingHours(double hoursPerDay) => (Days * hoursPerDay) + Time.TotalHours;

    public static WorkingDuration operator +(WorkingDuration left, WorkingDuration right) => Add(left, right);

    public static WorkingDuration Add(WorkingDuration left, WorkingDuration right) =>
        new(checked(left.Days + right.Days), left.Time + right.Time);

    public override string ToString()
    {
        if (IsZero)
        {
            return "P0D";
        }

        var days = Days > 0 ? Days.ToString(CultureInfo.InvariantCulture) + "D" : string.Empty;
        var text = "P" + days + DurationText.FormatTime(Time);
        return text.Length > 1 ? text : "P0D";
    }
}

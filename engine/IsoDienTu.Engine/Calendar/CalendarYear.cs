using System.Collections.Immutable;

namespace IsoDienTu.Engine.Calendar;

/// <summary>
/// One year's exceptions to the Monday–Friday working week, entered by an administrator from the government's
/// yearly notice: days off (holidays, compensatory and swapped days; weekend dates may be listed and are simply
/// non-working) and make-up working days (Saturdays declared working).
/// </summary>
public sealed record CalendarYear(
    int Year,
    ImmutableArray<DateOnly> Holidays,
    ImmutableArray<DateOnly> WorkingDays,
    string Source,
    bool Confirmed)
{
    // ImmutableArray compares by reference; two entries with the same dates are the same year.
    public bool Equals(CalendarYear? other) =>
        other is not null
        && Year == other.Year
        && Source == other.Source
        && Confirmed == other.Confirmed
        && Holidays.AsSpan().SequenceEqual(other.Holidays.AsSpan())
        && WorkingDays.AsSpan().SequenceEqual(other.WorkingDays.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Year, Source, Confirmed, Holidays.Length, WorkingDays.Length);
}

// TEMPORARY: stands in for the calendar branch until it is merged.
#pragma warning disable
using System.Collections.Immutable;
namespace IsoDienTu.Engine.Calendar;
public readonly record struct WorkingDuration(int Days, TimeSpan Time)
{
    public static bool TryParse(string? text, out WorkingDuration value) { value = default; return false; }
    public static WorkingDuration Parse(string text) => default;
    public bool IsZero => Days == 0 && Time == TimeSpan.Zero;
    public double TotalWorkingHours(double hoursPerDay) => Days * hoursPerDay + Time.TotalHours;
}
public readonly record struct IsoDuration(int Years, int Months, int Days, TimeSpan Time)
{
    public static bool TryParse(string? text, out IsoDuration value) { value = default; return false; }
    public DateTimeOffset AddTo(DateTimeOffset t) => t;
}
public sealed record TimerCycle
{
    public static bool TryParse(string text, out TimerCycle? cycle, out string? error) { cycle = null; error = null; return false; }
    public int? Repetitions => null;
    public DateTimeOffset? NextAfter(DateTimeOffset previousOrStart, int firedCount) => null;
}
public enum ReceptionChannel { Direct, Post, Online }
public sealed record CalendarYear(int Year, ImmutableArray<DateOnly> Holidays, ImmutableArray<DateOnly> WorkingDays, string Source, bool Confirmed);
public sealed class WorkingCalendar
{
    public WorkingCalendar(IEnumerable<CalendarYear> years) { }
    public bool IsWorkingInstant(DateTimeOffset t) => true;
    public DateTimeOffset Add(DateTimeOffset from, WorkingDuration d) => from;
    public DateTimeOffset AddWorkingTime(DateTimeOffset from, TimeSpan t) => from + t;
    public TimeSpan WorkingTimeBetween(DateTimeOffset a, DateTimeOffset b) => b - a;
    public DateTimeOffset StatutoryDueTime(DateTimeOffset receivedAt, WorkingDuration deadline, ReceptionChannel channel, TimeOnly? sameDayCutoff) => receivedAt;
}

using System.Collections.Immutable;

namespace IsoDienTu.Engine.Calendar;

/// <summary>An agency's office hours on every working day: ordered, non-overlapping periods.</summary>
public sealed record OfficeHours
{
    public OfficeHours(ImmutableArray<OfficePeriod> periods)
    {
        if (periods.IsDefaultOrEmpty)
        {
            throw new ArgumentException("Office hours need at least one period.", nameof(periods));
        }

        for (var i = 0; i < periods.Length; i++)
        {
            if (periods[i].End <= periods[i].Start)
            {
                throw new ArgumentException($"Office period {periods[i].Start}–{periods[i].End} must end after it starts.", nameof(periods));
            }

            if (i > 0 && periods[i].Start < periods[i - 1].End)
            {
                throw new ArgumentException("Office periods must be in order and must not overlap.", nameof(periods));
            }
        }

        Periods = periods;
    }

    public OfficeHours(params OfficePeriod[] periods)
        : this(ImmutableArray.Create(periods))
    {
    }

    /// <summary>07:30–11:30 and 13:30–17:00; agencies set their own (DOMAIN.md §2, [S R33, R41]).</summary>
    public static OfficeHours Default { get; } = new(
        new OfficePeriod(new TimeOnly(7, 30), new TimeOnly(11, 30)),
        new OfficePeriod(new TimeOnly(13, 30), new TimeOnly(17, 0)));

    public ImmutableArray<OfficePeriod> Periods { get; }

    public TimeOnly Opening => Periods[0].Start;

    public TimeOnly Closing => Periods[^1].End;

    /// <summary>Working time in one full working day.</summary>
    public TimeSpan DailyWorkingTime => Periods.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Length);

    public bool Equals(OfficeHours? other) =>
        other is not null && Periods.SequenceEqual(other.Periods);

    public override int GetHashCode() =>
        Periods.Aggregate(0, (hash, p) => HashCode.Combine(hash, p));
}

namespace IsoDienTu.Engine.Tests.Calendar;

/// <summary>A tiny seeded generator, so property tests see the same cases on every run and runtime.</summary>
internal sealed class SplitMix(ulong seed)
{
    private ulong _state = seed;

    public int Next(int maxExclusive)
    {
        _state += 0x9E3779B97F4A7C15;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        z ^= z >> 31;
        return (int)(z % (ulong)maxExclusive);
    }

    /// <summary>A Vietnam wall-clock instant in 2025–2027, to the minute, some of them on period boundaries.</summary>
    public DateTimeOffset Instant()
    {
        var day = new DateOnly(2025, 1, 1).AddDays(Next(3 * 365));
        var minute = Next(4) == 0 ? BoundaryMinutes[Next(BoundaryMinutes.Length)] : Next(24 * 60);
        return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue).AddMinutes(minute), TimeSpan.FromHours(7));
    }

    private static readonly int[] BoundaryMinutes = [0, 450, 690, 810, 1020, 900, 960];
}

namespace IsoDienTu.Engine.Calendar;

/// <summary>One stretch of office hours within a working day, start inclusive, end exclusive.</summary>
public readonly record struct OfficePeriod(TimeOnly Start, TimeOnly End)
{
    public TimeSpan Length => End - Start;
}

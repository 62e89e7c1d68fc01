namespace IsoDienTu.Engine.Postgres;

/// <summary>
/// Early / on time / late (trước hạn / đúng hạn / quá hạn), domain notes §2: early = finished on a day before the
/// due day; on time = on the due day, at or before the due moment; late = after it. Days are Vietnam's (UTC+7).
/// </summary>
public static class StepResult
{
    public const string Early = "early";
    public const string OnTime = "onTime";
    public const string Late = "late";

    public static string? Of(DateTimeOffset? done, DateTimeOffset? due)
    {
        if (done is not { } d || due is not { } u)
        {
            return null;
        }

        if (d > u)
        {
            return Late;
        }

        return LocalDay(d) < LocalDay(u) ? Early : OnTime;
    }

    private static DateOnly LocalDay(DateTimeOffset t) => DateOnly.FromDateTime(t.ToOffset(TimeSpan.FromHours(7)).DateTime);
}

namespace IsoDienTu.Engine.Calendar;

/// <summary>Asia/Ho_Chi_Minh: a fixed UTC+07:00 with no daylight saving, so no tz database is needed.</summary>
internal static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => instant.ToOffset(Offset);

    public static DateTimeOffset At(DateOnly day, TimeOnly time) => new(day.ToDateTime(time), Offset);

    public static DateOnly DateOf(DateTimeOffset local) => DateOnly.FromDateTime(local.DateTime);

    public static TimeOnly TimeOf(DateTimeOffset local) => TimeOnly.FromDateTime(local.DateTime);
}

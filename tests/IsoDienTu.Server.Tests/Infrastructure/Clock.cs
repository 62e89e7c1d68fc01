using System.Net;

namespace IsoDienTu.Server.Tests.Infrastructure;

public static class Clock
{
    public static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    /// <summary>The day <paramref name="days"/> after <paramref name="start"/>'s date, at <paramref name="hour"/>:00 UTC+7.</summary>
    public static DateTimeOffset Day(DateTimeOffset start, int days, int hour) =>
        new(start.ToOffset(Vn).Date.AddDays(days).AddHours(hour), Vn);

    public static async Task<DateTimeOffset> NowAsync(IApiHost server)
    {
        using var admin = await server.Client().LoginAsync("admin", ServerFixture.AdminPassword);
        return (await admin.GetJsonAsync("/api/admin/clock")).GetProperty("now").GetDateTimeOffset();
    }

    /// <summary>Moves the shared simulated clock forward (never back) to <paramref name="to"/>.</summary>
    public static async Task SetAsync(IApiHost server, DateTimeOffset to)
    {
        using var admin = await server.Client().LoginAsync("admin", ServerFixture.AdminPassword);
        await admin.PostJsonAsync("/api/admin/clock", new { now = to }, HttpStatusCode.OK);
    }

    /// <summary>The next Monday 08:00 (UTC+7) after the current simulated time: a clean start for a scenario.</summary>
    public static async Task<DateTimeOffset> NextMondayAsync(IApiHost server)
    {
        var now = (await NowAsync(server)).ToOffset(Vn);
        var day = now.Date.AddDays(1);
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(1);
        }

        var monday = new DateTimeOffset(day.Year, day.Month, day.Day, 8, 0, 0, Vn);
        await SetAsync(server, monday);
        return monday;
    }
}

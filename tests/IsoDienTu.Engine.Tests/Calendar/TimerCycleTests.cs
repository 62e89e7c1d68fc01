using IsoDienTu.Engine.Calendar;

namespace IsoDienTu.Engine.Tests.Calendar;

public class TimerCycleTests
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 9, 17, 23, Vn);

    private static TimerCycle Cycle(string text)
    {
        TimerCycle.TryParse(text, out var cycle, out var error).ShouldBeTrue(error);
        return cycle!;
    }

    [Fact]
    public void Unbounded_RepeatsFromEachFiring()
    {
        var cycle = Cycle("R/PT1H");
        cycle.Repetitions.ShouldBeNull();
        cycle.NextAfter(T0, 0).ShouldBe(T0.AddHours(1));
        cycle.NextAfter(T0.AddHours(1), 1).ShouldBe(T0.AddHours(2));
        cycle.NextAfter(T0, 1_000_000).ShouldBe(T0.AddHours(1));
    }

    [Fact]
    public void Bounded_StopsAfterRepetitions()
    {
        var cycle = Cycle("R3/PT10M");
        cycle.Repetitions.ShouldBe(3);
        cycle.NextAfter(T0, 0).ShouldBe(T0.AddMinutes(10));
        cycle.NextAfter(T0.AddMinutes(20), 2).ShouldBe(T0.AddMinutes(30));
        cycle.NextAfter(T0.AddMinutes(30), 3).ShouldBeNull();
    }

    [Fact]
    public void StartDated_FirstOccurrenceIsStartWhenInFuture()
    {
        var cycle = Cycle("R/2025-01-01T08:00:00+07:00/P1D");
        var start = new DateTimeOffset(2025, 1, 1, 8, 0, 0, Vn);
        cycle.Start.ShouldBe(start);
        cycle.NextAfter(new DateTimeOffset(2024, 12, 31, 12, 0, 0, Vn), 0).ShouldBe(start);
        cycle.NextAfter(start, 1).ShouldBe(start.AddDays(1));
        cycle.NextAfter(new DateTimeOffset(2025, 3, 10, 7, 59, 0, Vn), 5).ShouldBe(new DateTimeOffset(2025, 3, 10, 8, 0, 0, Vn));
        cycle.NextAfter(new DateTimeOffset(2025, 3, 10, 8, 0, 0, Vn), 5).ShouldBe(new DateTimeOffset(2025, 3, 11, 8, 0, 0, Vn));
    }

    [Fact]
    public void StartDated_UtcStartAndRepetitions()
    {
        var cycle = Cycle("R2/2025-01-01T08:00:00Z/PT1H");
        var start = new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero);
        cycle.NextAfter(start.AddHours(-5), 0).ShouldBe(start);
        cycle.NextAfter(start, 1).ShouldBe(start.AddHours(1));
        cycle.NextAfter(start.AddHours(1), 2).ShouldBeNull();
        cycle.NextAfter(start, 1)!.Value.Offset.ShouldBe(Vn);
    }

    [Fact]
    public void StartDated_Monthly_DoesNotDriftAtMonthEnd()
    {
        var cycle = Cycle("R/2025-01-31T09:00:00/P1M"); // no offset: Vietnam wall time
        cycle.NextAfter(new DateTimeOffset(2025, 2, 28, 9, 0, 0, Vn), 1).ShouldBe(new DateTimeOffset(2025, 3, 31, 9, 0, 0, Vn));
        cycle.NextAfter(new DateTimeOffset(2030, 6, 1, 0, 0, 0, Vn), 1).ShouldBe(new DateTimeOffset(2030, 6, 30, 9, 0, 0, Vn));
    }

    [Fact]
    public void Cron_EveryFiveMinutes()
    {
        var cycle = Cycle("0 0/5 * * * ?");
        cycle.IsCron.ShouldBeTrue();
        cycle.Repetitions.ShouldBeNull();
        cycle.NextAfter(T0, 0).ShouldBe(new DateTimeOffset(2025, 3, 10, 9, 20, 0, Vn));
        cycle.NextAfter(new DateTimeOffset(2025, 3, 10, 9, 20, 0, Vn), 1).ShouldBe(new DateTimeOffset(2025, 3, 10, 9, 25, 0, Vn));
        cycle.NextAfter(new DateTimeOffset(2025, 12, 31, 23, 59, 0, Vn), 1).ShouldBe(new DateTimeOffset(2026, 1, 1, 0, 0, 0, Vn));
    }

    [Fact]
    public void Cron_EvaluatesInVietnamWallTime()
    {
        // 08:00 on weekdays, Vietnam time; the previous firing is given in UTC.
        var cycle = Cycle("0 0 8 ? * MON-FRI");
        var fridayEvening = new DateTimeOffset(2025, 3, 14, 12, 0, 0, TimeSpan.Zero); // 19:00 in Hà Nội
        cycle.NextAfter(fridayEvening, 0).ShouldBe(new DateTimeOffset(2025, 3, 17, 8, 0, 0, Vn));
    }

    [Fact]
    public void Cron_QuartzDayNumbers_OneIsSunday()
    {
        var cycle = Cycle("0 30 7 ? * 1,7");
        cycle.NextAfter(T0, 0).ShouldBe(new DateTimeOffset(2025, 3, 15, 7, 30, 0, Vn)); // Saturday
        cycle.NextAfter(new DateTimeOffset(2025, 3, 15, 7, 30, 0, Vn), 1).ShouldBe(new DateTimeOffset(2025, 3, 16, 7, 30, 0, Vn));
    }

    [Fact]
    public void Cron_MonthNamesRangesAndYear()
    {
        Cycle("0 0 9 1 JAN,JUL ? 2026").NextAfter(T0, 0).ShouldBe(new DateTimeOffset(2026, 1, 1, 9, 0, 0, Vn));
        Cycle("0 0 9 1 JAN,JUL ? 2026").NextAfter(new DateTimeOffset(2026, 7, 1, 9, 0, 0, Vn), 1).ShouldBeNull();
        Cycle("0 0 12 31 * ?").NextAfter(T0, 0).ShouldBe(new DateTimeOffset(2025, 3, 31, 12, 0, 0, Vn));
        Cycle("0 0 12 29 FEB ?").NextAfter(T0, 0).ShouldBe(new DateTimeOffset(2028, 2, 29, 12, 0, 0, Vn));
        var wrapped = Cycle("15,45 10-12/2 22-2 * * ?"); // minutes 10 and 12; hours 22, 23, 0, 1, 2
        wrapped.NextAfter(new DateTimeOffset(2025, 3, 10, 23, 0, 0, Vn), 0).ShouldBe(new DateTimeOffset(2025, 3, 10, 23, 10, 15, Vn));
        wrapped.NextAfter(new DateTimeOffset(2025, 3, 10, 23, 12, 45, Vn), 0).ShouldBe(new DateTimeOffset(2025, 3, 11, 0, 10, 15, Vn));
        wrapped.NextAfter(new DateTimeOffset(2025, 3, 11, 2, 12, 45, Vn), 0).ShouldBe(new DateTimeOffset(2025, 3, 11, 22, 10, 15, Vn));
        Cycle("0 0 6 ? * FRI-MON").NextAfter(T0, 0).ShouldBe(new DateTimeOffset(2025, 3, 14, 6, 0, 0, Vn));
    }

    [Theory]
    [InlineData("")]
    [InlineData("R/")]
    [InlineData("R/PT0S")]
    [InlineData("Rx/PT1H")]
    [InlineData("R/PT1H/2025-01-01T00:00:00Z")]
    [InlineData("R/not-a-date/PT1H")]
    [InlineData("0 0 12 * *")]
    [InlineData("0 0 12 L * ?")]
    [InlineData("0 0 12 ? * 6#3")]
    [InlineData("0 0 12 15W * ?")]
    [InlineData("0 0 12 1 * MON")]
    [InlineData("0 60 * * * ?")]
    [InlineData("? * * * * *")]
    [InlineData("0 0/0 * * * ?")]
    public void TryParse_RejectsInvalidOrUnsupported(string text)
    {
        TimerCycle.TryParse(text, out var cycle, out var error).ShouldBeFalse();
        cycle.ShouldBeNull();
        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void TryParse_UnsupportedCronFeature_SaysSo()
    {
        TimerCycle.TryParse("0 0 12 L * ?", out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull().ShouldContain("not supported");
    }

    [Fact]
    public void Cron_NextAfter_IsStrictlyLaterAndMatches()
    {
        var cycle = Cycle("*/7 3/11 * * * ?");
        var t = T0;
        for (var i = 0; i < 500; i++)
        {
            var next = cycle.NextAfter(t, i)!.Value;
            next.ShouldBeGreaterThan(t);
            (next.Second % 7).ShouldBe(0);
            ((next.Minute - 3) % 11).ShouldBe(0);
            t = next;
        }
    }
}

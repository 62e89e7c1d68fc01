using IsoDienTu.Engine.Calendar;
using static IsoDienTu.Engine.Tests.Calendar.OfficialCalendars;

namespace IsoDienTu.Engine.Tests.Calendar;

public class WorkingCalendarPropertyTests
{
    private const int Cases = 3000;
    private static readonly WorkingCalendar Cal = OfficialCalendars.Calendar;

    /// <summary>Working, or exactly the end of an office period on a working day.</summary>
    private static bool IsAcceptableDueTime(WorkingCalendar cal, DateTimeOffset t)
    {
        if (cal.IsWorkingInstant(t))
        {
            return true;
        }

        var local = t.ToOffset(TimeSpan.FromHours(7));
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return cal.IsWorkingDay(day) && cal.Hours.Periods.Any(p => p.End == time);
    }

    [Fact]
    public void AddWorkingTime_ThenWorkingTimeBetween_ReturnsTheAmount()
    {
        var rng = new SplitMix(1);
        for (var i = 0; i < Cases; i++)
        {
            var from = rng.Instant();
            var amount = TimeSpan.FromMinutes(rng.Next(60 * 8 * 40));
            var to = Cal.AddWorkingTime(from, amount);
            Cal.WorkingTimeBetween(from, to).ShouldBe(amount, $"{from:O} + {amount}");
            to.ShouldBeGreaterThanOrEqualTo(from);
            to.Offset.ShouldBe(TimeSpan.FromHours(7));
        }
    }

    [Fact]
    public void AddWorkingTime_IsMonotonicInTheAmount()
    {
        var rng = new SplitMix(2);
        for (var i = 0; i < Cases; i++)
        {
            var from = rng.Instant();
            var a = TimeSpan.FromMinutes(rng.Next(3000));
            var b = a + TimeSpan.FromMinutes(rng.Next(3000));
            Cal.AddWorkingTime(from, a).ShouldBeLessThanOrEqualTo(Cal.AddWorkingTime(from, b));
        }
    }

    [Fact]
    public void DueTimes_NeverLandOnNonWorkingInstants()
    {
        var rng = new SplitMix(3);
        var channels = Enum.GetValues<ReceptionChannel>();
        for (var i = 0; i < Cases; i++)
        {
            var received = rng.Instant();
            var deadline = new WorkingDuration(rng.Next(3) == 0 ? 0 : rng.Next(30), TimeSpan.FromMinutes(rng.Next(3) == 0 ? 0 : rng.Next(60 * 20)));
            var channel = channels[rng.Next(channels.Length)];
            TimeOnly? cutoff = rng.Next(2) == 0 ? new TimeOnly(15, 0) : null;

            var due = Cal.StatutoryDueTime(received, deadline, channel, cutoff);
            IsAcceptableDueTime(Cal, due).ShouldBeTrue($"statutory {received:O} {deadline} {channel} → {due:O}");
            due.ShouldBeGreaterThan(received);

            var step = Cal.Add(received, deadline);
            IsAcceptableDueTime(Cal, step).ShouldBeTrue($"step {received:O} {deadline} → {step:O}");

            var exact = Cal.AddWorkingTime(received, deadline.Time);
            IsAcceptableDueTime(Cal, exact).ShouldBeTrue($"exact {received:O} {deadline.Time} → {exact:O}");
        }
    }

    [Fact]
    public void StatutoryDueTime_DaysDeadline_IsCloseOfADayWithExactlyNWorkingDaysInBetween()
    {
        var rng = new SplitMix(4);
        for (var i = 0; i < Cases; i++)
        {
            var received = rng.Instant();
            var n = 1 + rng.Next(25);
            var due = Cal.StatutoryDueTime(received, new WorkingDuration(n, TimeSpan.Zero), ReceptionChannel.Direct, null);
            var effective = Cal.EffectiveReceipt(received, ReceptionChannel.Direct, null);
            var dueDay = DateOnly.FromDateTime(due.DateTime);
            due.ShouldBe(Cal.EndOfWorkingDay(dueDay));
            var counted = 0;
            for (var d = DateOnly.FromDateTime(effective.DateTime).AddDays(1); d <= dueDay; d = d.AddDays(1))
            {
                counted += Cal.IsWorkingDay(d) ? 1 : 0;
            }

            counted.ShouldBe(n);
        }
    }

    [Theory]
    [InlineData(2025)]
    [InlineData(2026)]
    [InlineData(2027)]
    public void Tet_IsSkippedByEveryCount(int year)
    {
        foreach (var cal in new[] { Cal, new WorkingCalendar([]) })
        {
            var tet = VietnamHolidays.LunarNewYear(year);
            var tetDays = Enumerable.Range(-1, 5).Select(tet.AddDays).ToArray();
            tetDays.ShouldAllBe(d => !cal.IsWorkingDay(d));

            var before = cal.AddWorkingDays(tetDays[0], -1);
            var after = cal.NextWorkingDay(tetDays[^1]);
            cal.AddWorkingDays(before, 1).ShouldBe(after);
            cal.NextWorkingInstant(cal.EndOfWorkingDay(before)).ShouldBe(cal.StartOfWorkingDay(after));
            cal.WorkingTimeBetween(cal.EndOfWorkingDay(before), cal.StartOfWorkingDay(after)).ShouldBe(TimeSpan.Zero);

            var rng = new SplitMix((ulong)year);
            for (var i = 0; i < 200; i++)
            {
                var received = new DateTimeOffset(before.AddDays(-rng.Next(5)).ToDateTime(TimeOnly.MinValue).AddMinutes(rng.Next(1440)), TimeSpan.FromHours(7));
                var due = cal.StatutoryDueTime(received, new WorkingDuration(rng.Next(4), TimeSpan.FromMinutes(rng.Next(900))), ReceptionChannel.Direct, null);
                tetDays.ShouldNotContain(DateOnly.FromDateTime(due.DateTime));
            }
        }
    }

    [Fact]
    public void OfficialAndProposed2026_AgreeOnTetLegalDays()
    {
        var proposed = VietnamHolidays.Propose(2026).Holidays;
        foreach (var day in proposed.Where(d => d.Month == 2))
        {
            Year2026.Holidays.ShouldContain(day);
        }
    }
}

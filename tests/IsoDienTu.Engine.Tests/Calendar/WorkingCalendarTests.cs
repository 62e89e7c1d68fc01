using IsoDienTu.Engine.Calendar;
using static IsoDienTu.Engine.Tests.Calendar.OfficialCalendars;

namespace IsoDienTu.Engine.Tests.Calendar;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Cal = OfficialCalendars.Calendar;

    [Fact]
    public void IsWorkingDay_FollowsWeekAndYearExceptions()
    {
        Cal.IsWorkingDay(D(2026, 2, 13)).ShouldBeTrue(); // Friday before Tết
        Cal.IsWorkingDay(D(2026, 2, 16)).ShouldBeFalse(); // Tết
        Cal.IsWorkingDay(D(2026, 2, 21)).ShouldBeFalse(); // Saturday in the break
        Cal.IsWorkingDay(D(2026, 8, 22)).ShouldBeTrue(); // make-up Saturday
        Cal.IsWorkingDay(D(2026, 8, 29)).ShouldBeFalse(); // ordinary Saturday
        Cal.IsWorkingDay(D(2026, 8, 31)).ShouldBeFalse(); // swapped Monday
        Cal.IsWorkingDay(D(2025, 4, 26)).ShouldBeTrue(); // make-up Saturday 2025
        Cal.IsWorkingDay(D(2025, 5, 2)).ShouldBeFalse();
    }

    [Fact]
    public void IsWorkingInstant_StartInclusiveEndExclusive()
    {
        Cal.IsWorkingInstant(At(2026, 3, 2, 7, 30)).ShouldBeTrue();
        Cal.IsWorkingInstant(At(2026, 3, 2, 7, 29)).ShouldBeFalse();
        Cal.IsWorkingInstant(At(2026, 3, 2, 11, 30)).ShouldBeFalse();
        Cal.IsWorkingInstant(At(2026, 3, 2, 13, 30)).ShouldBeTrue();
        Cal.IsWorkingInstant(At(2026, 3, 2, 17, 0)).ShouldBeFalse();
        Cal.IsWorkingInstant(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero)).ShouldBeTrue(); // 10:00 in Hà Nội
    }

    [Fact]
    public void NextWorkingInstant_MovesToNextOfficePeriod()
    {
        Cal.NextWorkingInstant(At(2026, 3, 2, 9, 15)).ShouldBe(At(2026, 3, 2, 9, 15));
        Cal.NextWorkingInstant(At(2026, 3, 2, 6, 0)).ShouldBe(At(2026, 3, 2, 7, 30));
        Cal.NextWorkingInstant(At(2026, 3, 2, 12, 0)).ShouldBe(At(2026, 3, 2, 13, 30));
        Cal.NextWorkingInstant(At(2026, 3, 2, 17, 0)).ShouldBe(At(2026, 3, 3, 7, 30));
        Cal.NextWorkingInstant(At(2026, 2, 13, 17, 0)).ShouldBe(At(2026, 2, 23, 7, 30));
    }

    [Fact]
    public void ReturnedInstants_CarryVietnamOffset()
    {
        var utc = new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero);
        Cal.NextWorkingInstant(utc).Offset.ShouldBe(TimeSpan.FromHours(7));
        Cal.AddWorkingTime(utc, TimeSpan.FromHours(1)).ShouldBe(At(2026, 3, 2, 11, 0));
        Cal.AddWorkingTime(utc, TimeSpan.FromHours(1)).Offset.ShouldBe(TimeSpan.FromHours(7));
    }

    [Fact]
    public void AddWorkingDays_SpanningTet_SkipsHolidays()
    {
        Cal.NextWorkingDay(D(2026, 2, 13)).ShouldBe(D(2026, 2, 23));
        Cal.AddWorkingDays(D(2026, 2, 12), 3).ShouldBe(D(2026, 2, 24));
        Cal.AddWorkingDays(D(2026, 2, 23), -1).ShouldBe(D(2026, 2, 13));
        Cal.AddWorkingDays(D(2026, 2, 14), 0).ShouldBe(D(2026, 2, 14));
    }

    [Fact]
    public void AddWorkingDays_OverMakeUpSaturday_CountsIt()
    {
        Cal.AddWorkingDays(D(2026, 8, 21), 1).ShouldBe(D(2026, 8, 22));
        Cal.AddWorkingDays(D(2026, 8, 21), 2).ShouldBe(D(2026, 8, 24));
        Cal.AddWorkingDays(D(2026, 8, 28), 1).ShouldBe(D(2026, 9, 3));
    }

    [Fact]
    public void StartAndEndOfWorkingDay_AreOfficeOpeningAndClose()
    {
        Cal.StartOfWorkingDay(D(2026, 3, 2)).ShouldBe(At(2026, 3, 2, 7, 30));
        Cal.EndOfWorkingDay(D(2026, 3, 2)).ShouldBe(At(2026, 3, 2, 17, 0));
    }

    [Fact]
    public void AddWorkingTime_CrossesLunchAndNights()
    {
        Cal.AddWorkingTime(At(2026, 3, 2, 10, 0), TimeSpan.FromHours(4)).ShouldBe(At(2026, 3, 2, 16, 0));
        Cal.AddWorkingTime(At(2026, 3, 2, 14, 0), TimeSpan.FromHours(4)).ShouldBe(At(2026, 3, 3, 8, 30));
        Cal.AddWorkingTime(At(2026, 3, 7, 10, 0), TimeSpan.FromHours(1)).ShouldBe(At(2026, 3, 9, 8, 30)); // from Saturday
    }

    [Fact]
    public void AddWorkingTime_EndingAtPeriodEnd_StaysThere()
    {
        Cal.AddWorkingTime(At(2026, 3, 2, 13, 30), TimeSpan.FromHours(3.5)).ShouldBe(At(2026, 3, 2, 17, 0));
        Cal.AddWorkingTime(At(2026, 3, 2, 6, 0), TimeSpan.FromHours(4)).ShouldBe(At(2026, 3, 2, 11, 30));
        Cal.AddWorkingTime(At(2026, 2, 13, 7, 30), TimeSpan.FromHours(7.5)).ShouldBe(At(2026, 2, 13, 17, 0));
    }

    [Fact]
    public void AddWorkingTime_Zero_IsNextWorkingInstant() =>
        Cal.AddWorkingTime(At(2026, 3, 2, 12, 0), TimeSpan.Zero).ShouldBe(At(2026, 3, 2, 13, 30));

    [Fact]
    public void AddWorkingTime_Negative_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Cal.AddWorkingTime(At(2026, 3, 2, 9, 0), TimeSpan.FromMinutes(-1)));

    [Fact]
    public void Add_DaysThenTime()
    {
        Cal.Add(At(2026, 2, 13, 10, 0), WorkingDuration.Parse("P1D")).ShouldBe(At(2026, 2, 23, 10, 0));
        // Received on a day off: the one working day is Monday 23/2, due at its close (not Tuesday's opening).
        Cal.Add(At(2026, 2, 14, 10, 0), WorkingDuration.Parse("P1D")).ShouldBe(At(2026, 2, 23, 17, 0));
        Cal.Add(At(2026, 2, 23, 10, 0), WorkingDuration.Parse("P1DT2H30M")).ShouldBe(At(2026, 2, 24, 14, 30));
        Cal.Add(At(2026, 2, 23, 10, 0), WorkingDuration.Parse("PT8H")).ShouldBe(At(2026, 2, 24, 10, 30));
        Cal.Add(At(2026, 2, 23, 10, 0), WorkingDuration.Parse("P1W")).ShouldBe(At(2026, 3, 2, 10, 0));
    }

    [Fact]
    public void Add_P0D_IsCloseOfTheWorkingDay()
    {
        Cal.Add(At(2026, 2, 23, 10, 0), WorkingDuration.Parse("P0D")).ShouldBe(At(2026, 2, 23, 17, 0));
        Cal.Add(At(2026, 2, 13, 17, 30), WorkingDuration.Parse("P0D")).ShouldBe(At(2026, 2, 23, 17, 0));
    }

    [Fact]
    public void WorkingTimeBetween_CountsOfficeHoursOnly()
    {
        Cal.WorkingTimeBetween(At(2026, 3, 2, 0, 0), At(2026, 3, 3, 0, 0)).ShouldBe(TimeSpan.FromHours(7.5));
        Cal.WorkingTimeBetween(At(2026, 3, 2, 11, 0), At(2026, 3, 2, 14, 0)).ShouldBe(TimeSpan.FromHours(1));
        Cal.WorkingTimeBetween(At(2026, 2, 13, 17, 0), At(2026, 2, 23, 7, 30)).ShouldBe(TimeSpan.Zero);
        Cal.WorkingTimeBetween(At(2026, 3, 3, 9, 0), At(2026, 3, 2, 9, 0)).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Constructor_RejectsDuplicateYearAndForeignDates()
    {
        Should.Throw<ArgumentException>(() => new WorkingCalendar([Year2026, Year2026]));
        var stray = new CalendarYear(2026, [D(2027, 1, 1)], [], "x", true);
        Should.Throw<ArgumentException>(() => new WorkingCalendar([stray]));
    }

    [Fact]
    public void YearWithoutEntry_UsesProposal()
    {
        var cal = new WorkingCalendar([]);
        cal.YearFor(2027).Confirmed.ShouldBeFalse();
        cal.IsWorkingDay(D(2027, 2, 8)).ShouldBeFalse(); // lunar 1/3, Tết 2027
        cal.AddWorkingDays(D(2027, 2, 4), 1).ShouldBe(D(2027, 2, 12));
        Cal.YearFor(2026).ShouldBeSameAs(Year2026);
    }

    [Fact]
    public void CustomOfficeHours_AreUsed()
    {
        var hours = new OfficeHours(new OfficePeriod(new TimeOnly(8, 0), new TimeOnly(12, 0)), new OfficePeriod(new TimeOnly(13, 0), new TimeOnly(17, 0)));
        var cal = new WorkingCalendar([Year2026], hours);
        cal.AddWorkingTime(At(2026, 3, 2, 8, 0), TimeSpan.FromHours(8)).ShouldBe(At(2026, 3, 2, 17, 0));
        hours.DailyWorkingTime.ShouldBe(TimeSpan.FromHours(8));
        Should.Throw<ArgumentException>(() => new OfficeHours(new OfficePeriod(new TimeOnly(9, 0), new TimeOnly(8, 0))));
    }

    [Fact]
    public void Lookups_AreThreadSafeAndDeterministic()
    {
        var cal = new WorkingCalendar([]);
        var days = Enumerable.Range(0, 20 * 366).Select(i => D(2030, 1, 1).AddDays(i)).ToArray();
        var parallel = new bool[days.Length];
        Parallel.For(0, days.Length, i => parallel[i] = cal.IsWorkingDay(days[i]));
        var fresh = new WorkingCalendar([]);
        parallel.ShouldBe(days.Select(fresh.IsWorkingDay).ToArray());
    }
}

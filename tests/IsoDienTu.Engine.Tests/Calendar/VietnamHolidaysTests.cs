using IsoDienTu.Engine.Calendar;

namespace IsoDienTu.Engine.Tests.Calendar;

public class VietnamHolidaysTests
{
    [Theory]
    [InlineData(2020, "2020-01-25")]
    [InlineData(2021, "2021-02-12")]
    [InlineData(2022, "2022-02-01")]
    [InlineData(2023, "2023-01-22")]
    [InlineData(2024, "2024-02-10")]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    [InlineData(2028, "2028-01-26")]
    [InlineData(1985, "1985-01-21")] // China (UTC+8) had 1985-02-20
    [InlineData(2007, "2007-02-17")] // China (UTC+8) had 2007-02-18
    public void LunarNewYear_MatchesVietnameseCalendar(int year, string expected) =>
        VietnamHolidays.LunarNewYear(year).ShouldBe(DateOnly.Parse(expected, CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(2024, "2024-04-18")]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    [InlineData(2027, "2027-04-16")]
    [InlineData(2028, "2028-04-04")]
    public void HungKingsDay_IsLunarTenthOfThirdMonth(int year, string expected) =>
        VietnamHolidays.HungKingsDay(year).ShouldBe(DateOnly.Parse(expected, CultureInfo.InvariantCulture));

    [Fact]
    public void LunarNewYear_2020To2035_FallsOnANewMoonBetween21JanAnd20Feb()
    {
        for (var year = 2020; year <= 2035; year++)
        {
            var tet = VietnamHolidays.LunarNewYear(year);
            tet.ShouldBeInRange(new DateOnly(year, 1, 21), new DateOnly(year, 2, 20), $"Tết {year}");
            var jd = LunarCalendar.ToJulianDay(tet);
            LunarCalendar.NewMoonDay(LunarCalendar.NearestNewMoonIndex(jd)).ShouldBe(jd, $"Tết {year} is a new moon day");
        }
    }

    [Fact]
    public void FromLunar_1900To2100_MonthsAreNewMoonDaysOf29Or30Days()
    {
        for (var year = 1900; year <= 2100; year++)
        {
            var tet = VietnamHolidays.LunarNewYear(year);
            var next = VietnamHolidays.LunarNewYear(year + 1);
            ((next.DayNumber - tet.DayNumber) is >= 353 and <= 385).ShouldBeTrue($"lunar year {year}");
            for (var month = 1; month <= 12; month++)
            {
                var start = VietnamHolidays.FromLunar(year, month, 1);
                var jd = LunarCalendar.ToJulianDay(start);
                LunarCalendar.NewMoonDay(LunarCalendar.NearestNewMoonIndex(jd)).ShouldBe(jd);
            }
        }
    }

    [Fact]
    public void FromLunar_LeapMonth_FollowsItsRegularMonth()
    {
        // 2023 (Quý Mão) had a leap 2nd month: regular 2/1 on 20 Feb, leap 2/1 on 22 Mar 2023.
        VietnamHolidays.FromLunar(2023, 2, 1).ShouldBe(new DateOnly(2023, 2, 20));
        VietnamHolidays.FromLunar(2023, 2, 1, leapMonth: true).ShouldBe(new DateOnly(2023, 3, 22));
        VietnamHolidays.FromLunar(2023, 3, 1).ShouldBe(new DateOnly(2023, 4, 20));
        Should.Throw<ArgumentException>(() => VietnamHolidays.FromLunar(2024, 2, 1, leapMonth: true));
    }

    [Fact]
    public void Propose_2026_PlacesLegalDaysAndCompensatoryMonday()
    {
        var year = VietnamHolidays.Propose(2026);

        year.Confirmed.ShouldBeFalse();
        year.Source.ShouldContain("Labour Code 2019 art. 112");
        year.WorkingDays.ShouldBeEmpty();
        year.Holidays.ShouldBe(
        [
            new(2026, 1, 1),
            new(2026, 2, 16), new(2026, 2, 17), new(2026, 2, 18), new(2026, 2, 19), new(2026, 2, 20),
            new(2026, 4, 26), new(2026, 4, 27), // Hùng Kings on Sunday → Monday off (art. 111(3))
            new(2026, 4, 30), new(2026, 5, 1),
            new(2026, 9, 1), new(2026, 9, 2),
        ]);
    }

    [Fact]
    public void Propose_2027_TetOverWeekendGivesTwoCompensatoryDays()
    {
        // Tết 2027 is Sat 6/2: legal days Fri 5/2 – Tue 9/2 include Sat and Sun → Wed 10/2 and Thu 11/2 off.
        var holidays = VietnamHolidays.Propose(2027).Holidays;
        holidays.ShouldContain(new DateOnly(2027, 2, 10));
        holidays.ShouldContain(new DateOnly(2027, 2, 11));
        holidays.ShouldNotContain(new DateOnly(2027, 2, 12));
    }

    [Fact]
    public void Propose_NationalDayOnSunday_TakesTheDayAfterAndACompensatoryDay()
    {
        // 2/9/2029 is a Sunday: 1/9 is Saturday, so the adjacent day is Mon 3/9, and 2/9 gives Tue 4/9 off.
        var holidays = VietnamHolidays.Propose(2029).Holidays;
        holidays.ShouldContain(new DateOnly(2029, 9, 3));
        holidays.ShouldContain(new DateOnly(2029, 9, 4));
    }

    [Fact]
    public void Propose_IsDeterministic() =>
        VietnamHolidays.Propose(2031).Holidays.ShouldBe(VietnamHolidays.Propose(2031).Holidays);

    [Fact]
    public void CalendarYear_ComparesByContent() =>
        VietnamHolidays.Propose(2030).ShouldBe(VietnamHolidays.Propose(2030));
}

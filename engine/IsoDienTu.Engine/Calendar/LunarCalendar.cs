namespace IsoDienTu.Engine.Calendar;

/// <summary>
/// The Vietnamese lunisolar calendar, computed astronomically for UTC+7: a month starts on the local day of a new
/// moon, month 11 contains the December solstice, and in a 13-month year the first month without a major solar
/// term (a 30° step of the sun's longitude) is the leap month. The zone matters: Vietnam's calendar differs from
/// China's (UTC+8) in some years, e.g. Tết 1985 and 2007.
/// </summary>
/// <remarks>
/// New moons use the truncated lunar-phase series of Meeus, <i>Astronomical Algorithms</i> ch. 49 (epoch
/// 1900-01-01), and the sun's longitude the low-precision formula of ch. 25; both are accurate to well under the
/// hour needed to place a day.
/// </remarks>
internal static class LunarCalendar
{
    public const double TimeZoneHours = 7;

    private const double SynodicMonth = 29.530588853;
    private const double NewMoonEpoch = 2415021.076998695; // JD of the new moon of 1900-01-01
    private const double Radians = Math.PI / 180;

    /// <summary>The solar date of a lunar date (lunar year counted as the solar year its month 1 falls in).</summary>
    public static DateOnly ToSolar(int lunarYear, int lunarMonth, int lunarDay, bool leapMonth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lunarMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lunarMonth, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(lunarDay, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lunarDay, 30);

        var (a11, b11) = lunarMonth < 11
            ? (Month11(lunarYear - 1), Month11(lunarYear))
            : (Month11(lunarYear), Month11(lunarYear + 1));
        var k = (int)Math.Floor(0.5 + ((a11 - NewMoonEpoch) / SynodicMonth));
        var offset = lunarMonth - 11;
        if (offset < 0)
        {
            offset += 12;
        }

        if (b11 - a11 > 365)
        {
            var leapOffset = LeapMonthOffset(a11);
            var leap = leapOffset - 2;
            if (leap <= 0)
            {
                leap += 12;
            }

            if (leapMonth && lunarMonth != leap)
            {
                throw new ArgumentException($"Lunar year {lunarYear} has no leap month {lunarMonth} (its leap month is {leap}).", nameof(leapMonth));
            }

            if (leapMonth || offset >= leapOffset)
            {
                offset++;
            }
        }
        else if (leapMonth)
        {
            throw new ArgumentException($"Lunar year {lunarYear} has no leap month.", nameof(leapMonth));
        }

        var monthStart = NewMoonDay(k + offset);
        if (lunarDay == 30 && NewMoonDay(k + offset + 1) - monthStart < 30)
        {
            throw new ArgumentOutOfRangeException(nameof(lunarDay), "This lunar month has only 29 days.");
        }

        return FromJulianDay(monthStart + lunarDay - 1);
    }

    /// <summary>The Julian day number of the local (UTC+7) day containing the k-th new moon after 1900-01-01.</summary>
    public static int NewMoonDay(int k) => (int)Math.Floor(NewMoon(k) + 0.5 + (TimeZoneHours / 24));

    /// <summary>The index k of the new moon nearest to a Julian day.</summary>
    public static int NearestNewMoonIndex(int julianDay) => (int)Math.Round((julianDay - NewMoonEpoch) / SynodicMonth);

    public static int ToJulianDay(DateOnly date) => date.DayNumber + 1721426;

    public static DateOnly FromJulianDay(int julianDay) => DateOnly.FromDayNumber(julianDay - 1721426);

    /// <summary>Julian ephemeris day of the k-th mean new moon, corrected by the main periodic terms.</summary>
    private static double NewMoon(int k)
    {
        var t = k / 1236.85; // Julian centuries from 1900-01-01
        var t2 = t * t;
        var t3 = t2 * t;
        var jd = 2415020.75933 + (29.53058868 * k) + (0.0001178 * t2) - (0.000000155 * t3);
        jd += 0.00033 * Sin(166.56 + (132.87 * t) - (0.009173 * t2));
        var m = 359.2242 + (29.10535608 * k) - (0.0000333 * t2) - (0.00000347 * t3); // sun's mean anomaly
        var mp = 306.0253 + (385.81691806 * k) + (0.0107306 * t2) + (0.00001236 * t3); // moon's mean anomaly
        var f = 21.2964 + (390.67050646 * k) - (0.0016528 * t2) - (0.00000239 * t3); // moon's argument of latitude
        var c = ((0.1734 - (0.000393 * t)) * Sin(m)) + (0.0021 * Sin(2 * m))
            - (0.4068 * Sin(mp)) + (0.0161 * Sin(2 * mp)) - (0.0004 * Sin(3 * mp))
            + (0.0104 * Sin(2 * f)) - (0.0051 * Sin(m + mp)) - (0.0074 * Sin(m - mp))
            + (0.0004 * Sin((2 * f) + m)) - (0.0004 * Sin((2 * f) - m)) - (0.0006 * Sin((2 * f) + mp))
            + (0.0010 * Sin((2 * f) - mp)) + (0.0005 * Sin((2 * mp) + m));
        var deltaT = t < -11
            ? 0.001 + (0.000839 * t) + (0.0002261 * t2) - (0.00000845 * t3) - (0.000000081 * t * t3)
            : -0.000278 + (0.000265 * t) + (0.000262 * t2);
        return jd + c - deltaT;
    }

    /// <summary>The sun's apparent longitude in degrees [0, 360) at a Julian day (UT).</summary>
    private static double SunLongitude(double julianDay)
    {
        var t = (julianDay - 2451545.0) / 36525; // Julian centuries from J2000
        var t2 = t * t;
        var m = 357.52910 + (35999.05030 * t) - (0.0001559 * t2) - (0.00000048 * t * t2);
        var l0 = 280.46645 + (36000.76983 * t) + (0.0003032 * t2);
        var center = ((1.914600 - (0.004817 * t) - (0.000014 * t2)) * Sin(m))
            + ((0.019993 - (0.000101 * t)) * Sin(2 * m)) + (0.000290 * Sin(3 * m));
        var longitude = (l0 + center) % 360;
        return longitude < 0 ? longitude + 360 : longitude;
    }

    /// <summary>Which 30° sector (0..11) the sun is in at the start of a local day; sector 9 begins at the winter solstice.</summary>
    private static int SunSector(int julianDay) =>
        (int)Math.Floor(SunLongitude(julianDay - 0.5 - (TimeZoneHours / 24)) / 30);

    /// <summary>The Julian day on which lunar month 11 (the month containing the December solstice) of a year begins.</summary>
    private static int Month11(int year)
    {
        var offset = ToJulianDay(new DateOnly(year, 12, 31)) - 2415021;
        var k = (int)Math.Floor(offset / SynodicMonth);
        var day = NewMoonDay(k);
        return SunSector(day) >= 9 ? NewMoonDay(k - 1) : day;
    }

    /// <summary>How many months after month 11 the leap month comes: the first month with no new major solar term.</summary>
    private static int LeapMonthOffset(int month11Start)
    {
        var k = (int)Math.Floor(((month11Start - NewMoonEpoch) / SynodicMonth) + 0.5);
        var i = 1;
        var sector = SunSector(NewMoonDay(k + i));
        int previous;
        do
        {
            previous = sector;
            i++;
            sector = SunSector(NewMoonDay(k + i));
        }
        while (sector != previous && i < 14);

        return i - 1;
    }

    private static double Sin(double degrees) => Math.Sin(degrees * Radians);
}

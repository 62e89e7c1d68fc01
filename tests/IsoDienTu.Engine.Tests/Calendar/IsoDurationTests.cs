using IsoDienTu.Engine.Calendar;

namespace IsoDienTu.Engine.Tests.Calendar;

public class IsoDurationTests
{
    private static readonly DateTimeOffset Jan31 = new(2025, 1, 31, 8, 0, 0, TimeSpan.FromHours(7));

    [Theory]
    [InlineData("PT1H", 0, 0, 0, 3600)]
    [InlineData("P1D", 0, 0, 1, 0)]
    [InlineData("P1Y2M", 1, 2, 0, 0)]
    [InlineData("PT0S", 0, 0, 0, 0)]
    [InlineData("P1W", 0, 0, 7, 0)]
    [InlineData("PT10.5S", 0, 0, 0, 10.5)]
    [InlineData("P1Y2M3DT4H5M6S", 1, 2, 3, 14706)]
    public void Parse_ReadsCalendarUnits(string text, int years, int months, int days, double seconds) =>
        IsoDuration.Parse(text).ShouldBe(new IsoDuration(years, months, days, TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("1H")]
    [InlineData("PT1Y")]
    [InlineData("P1S")]
    [InlineData("PT1H1H")]
    [InlineData("PT1.12345678S")]
    public void TryParse_RejectsInvalid(string text) => IsoDuration.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void Parse_Invalid_Throws() => Should.Throw<FormatException>(() => IsoDuration.Parse("xyz"));

    [Theory]
    [InlineData("PT1H")]
    [InlineData("P1Y2M")]
    [InlineData("PT0S")]
    [InlineData("PT10.5S")]
    [InlineData("P1Y2M3DT4H5M6S")]
    public void ToString_RoundTrips(string text) => IsoDuration.Parse(text).ToString().ShouldBe(text);

    [Fact]
    public void AddTo_AddsCalendarTime()
    {
        IsoDuration.Parse("P1M").AddTo(Jan31).ShouldBe(new DateTimeOffset(2025, 2, 28, 8, 0, 0, TimeSpan.FromHours(7)));
        IsoDuration.Parse("P1Y2M").AddTo(Jan31).ShouldBe(new DateTimeOffset(2026, 3, 31, 8, 0, 0, TimeSpan.FromHours(7)));
        IsoDuration.Parse("PT10.5S").AddTo(Jan31).ShouldBe(Jan31.AddSeconds(10.5));
        IsoDuration.Parse("P1W").AddTo(Jan31).ShouldBe(Jan31.AddDays(7));
    }
}

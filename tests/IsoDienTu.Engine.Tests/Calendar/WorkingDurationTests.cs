using IsoDienTu.Engine.Calendar;

namespace IsoDienTu.Engine.Tests.Calendar;

public class WorkingDurationTests
{
    [Theory]
    [InlineData("P3D", 3, 0)]
    [InlineData("PT4H", 0, 240)]
    [InlineData("P0D", 0, 0)]
    [InlineData("P1DT2H30M", 1, 150)]
    [InlineData("P2W", 10, 0)]
    [InlineData("pt90m", 0, 90)]
    [InlineData(" PT0.5H ", 0, 30)]
    public void Parse_ReadsWorkingUnits(string text, int days, int minutes) =>
        WorkingDuration.Parse(text).ShouldBe(new WorkingDuration(days, TimeSpan.FromMinutes(minutes)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3D")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1Y")]
    [InlineData("P1M")]
    [InlineData("P1H")]
    [InlineData("PT1D")]
    [InlineData("P1D2W")]
    [InlineData("P1.5D")]
    [InlineData("P-1D")]
    [InlineData("P1DT")]
    [InlineData("P9999999999D")]
    public void TryParse_RejectsInvalid(string? text) =>
        WorkingDuration.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void Parse_Invalid_ThrowsFormatExceptionNamingTheText() =>
        Should.Throw<FormatException>(() => WorkingDuration.Parse("P1M")).Message.ShouldContain("'P1M'");

    [Theory]
    [InlineData("P3D")]
    [InlineData("PT4H")]
    [InlineData("P0D")]
    [InlineData("P1DT2H30M")]
    [InlineData("PT10.5S")]
    [InlineData("PT26H")]
    public void ToString_RoundTrips(string text) => WorkingDuration.Parse(text).ToString().ShouldBe(text);

    [Fact]
    public void ToString_WeeksBecomeDays() => WorkingDuration.Parse("P2W").ToString().ShouldBe("P10D");

    [Fact]
    public void IsZero_TotalHours_AndAddition()
    {
        WorkingDuration.Parse("P0D").IsZero.ShouldBeTrue();
        WorkingDuration.Parse("PT0S").IsZero.ShouldBeTrue();
        WorkingDuration.Parse("P1D").IsZero.ShouldBeFalse();
        WorkingDuration.Parse("P1DT2H").TotalWorkingHours(8).ShouldBe(10);
        (WorkingDuration.Parse("P1DT2H") + WorkingDuration.Parse("P2DT30M")).ShouldBe(WorkingDuration.Parse("P3DT2H30M"));
    }
}

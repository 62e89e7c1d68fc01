namespace IsoDienTu.Engine.Postgres.Tests;

/// <summary>The lists' cursor: what we issue parses back to the same key; anything else is refused on the field named.</summary>
public sealed class PageCursorTests
{
    [Fact]
    public void IssuedCursor_ParsesBackToTheSameKey_WithOrWithoutDueTime()
    {
        var due = new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.FromHours(7)).AddTicks(1230);
        PageCursor.Parse(new PageCursor(due, 42).ToString()).ShouldBe(new PageCursor(due.ToUniversalTime(), 42));
        PageCursor.Parse(new PageCursor(null, 7).ToString()).ShouldBe(new PageCursor(null, 7));
        PageCursor.Parse(null).ShouldBe(PageCursor.Start);
    }

    [Theory]
    [InlineData("not a cursor!")]
    [InlineData("MTIz")]          // "123": no id
    [InlineData("eC4x")]          // "x.1": not a time
    [InlineData("MS4tMQ")]        // "1.-1": negative id
    [InlineData("OTk5OTk5OTk5OTk5OTk5OTk5OS4x")] // past the last representable instant
    public void ForeignCursor_IsInvalid_OnTheFieldNamed(string cursor)
    {
        var e = Should.Throw<StoreException>(() => PageCursor.Parse(cursor, "stepsAfter"));
        e.Kind.ShouldBe(StoreError.Invalid);
        e.Field.ShouldBe("stepsAfter");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public void Limit_OutsideOneTo500_IsInvalid(int limit) =>
        Should.Throw<StoreException>(() => PageCursor.Limit(limit)).Field.ShouldBe("limit");

    [Fact]
    public void Limit_Absent_IsTheDefaultPage() => PageCursor.Limit(null).ShouldBe(50);
}

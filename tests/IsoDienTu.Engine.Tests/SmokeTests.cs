namespace IsoDienTu.Engine.Tests;

public class SmokeTests
{
    [Fact]
    public void Build_Works() => (1 + 1).ShouldBe(2);
}

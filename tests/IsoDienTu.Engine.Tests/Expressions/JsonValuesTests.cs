using System.Text.Json;
using IsoDienTu.Engine.Expressions;

namespace IsoDienTu.Engine.Tests.Expressions;

public class JsonValuesTests
{
    [Fact]
    public void From_Scalars()
    {
        JsonValues.From(null).ValueKind.ShouldBe(JsonValueKind.Null);
        JsonValues.From(true).ValueKind.ShouldBe(JsonValueKind.True);
        JsonValues.From(false).ValueKind.ShouldBe(JsonValueKind.False);
        JsonValues.From("Hà Nội").GetString().ShouldBe("Hà Nội");
        JsonValues.From('x').GetString().ShouldBe("x");
        JsonValues.From(42).GetInt32().ShouldBe(42);
        JsonValues.From(42L).GetInt64().ShouldBe(42L);
        JsonValues.From(0.6m).GetDecimal().ShouldBe(0.6m);
        JsonValues.From(2.5d).GetDouble().ShouldBe(2.5d);
        JsonValues.From(1.5f).GetDouble().ShouldBe(1.5d);
    }

    [Fact]
    public void From_Collections()
    {
        JsonValues.From(new List<int> { 1, 2 }).GetRawText().ShouldBe("[1,2]");
        JsonValues.From(new List<object?> { "a", null, true }).GetRawText().ShouldBe("[\"a\",null,true]");
        JsonValues.From(new Dictionary<string, object?> { ["a"] = 1, ["b"] = new List<string> { "x" } }).GetRawText()
            .ShouldBe("{\"a\":1,\"b\":[\"x\"]}");
        JsonValues.From(new Dictionary<string, int> { ["n"] = 3 }).GetRawText().ShouldBe("{\"n\":3}");
    }

    [Fact]
    public void From_JsonElement_IsReturnedAsIs()
    {
        var element = TestVariables.Json("{\"a\":[1]}");

        JsonValues.From(element).GetRawText().ShouldBe(element.GetRawText());
        JsonValues.From(default(JsonElement)).ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void From_Unsupported_Throws()
    {
        Should.Throw<ArgumentException>(() => JsonValues.From(new object()));
        Should.Throw<ArgumentException>(() => JsonValues.From(double.NaN));
        Should.Throw<ArgumentException>(() => JsonValues.From(new Dictionary<int, string> { [1] = "a" }));
        Should.Throw<ArgumentOutOfRangeException>(() => JsonValues.Number(double.PositiveInfinity));
    }

    [Fact]
    public void Builders_ProduceExpectedKinds()
    {
        JsonValues.Number(7L).GetInt64().ShouldBe(7L);
        JsonValues.Number(0.25m).GetDecimal().ShouldBe(0.25m);
        JsonValues.Number(0.5d).GetDouble().ShouldBe(0.5d);
        JsonValues.Text("x").GetString().ShouldBe("x");
        JsonValues.Boolean(true).ValueKind.ShouldBe(JsonValueKind.True);
        JsonValues.Array([JsonValues.Number(1L), JsonValues.Null]).GetRawText().ShouldBe("[1,null]");
    }
}

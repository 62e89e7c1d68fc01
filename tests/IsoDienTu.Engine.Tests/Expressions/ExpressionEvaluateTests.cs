using System.Text.Json;
using IsoDienTu.Engine.Expressions;

namespace IsoDienTu.Engine.Tests.Expressions;

public class ExpressionEvaluateTests
{
    private static readonly Func<string, JsonElement?> Variables = TestVariables.From(TestVariables.Default);

    [Theory]
    [InlineData("1 + 2", "3")]
    [InlineData("7 - 10", "-3")]
    [InlineData("2 * 3.5", "7")]
    [InlineData("10 / 4", "2.5")]
    [InlineData("10 % 4", "2")]
    [InlineData("-7 % 4", "-3")]
    [InlineData("10 div 4", "2.5")]
    [InlineData("10 mod 4", "2")]
    [InlineData("8 - 3 - 2", "3")]
    [InlineData("16 / 4 / 2", "2")]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("-input", "-1")]
    [InlineData("-(1 + 2)", "-3")]
    [InlineData("- -2", "2")]
    [InlineData("2 - -2", "4")]
    [InlineData("1e2", "100")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("nrOfCompletedInstances / nrOfInstances", "0.6")]
    [InlineData("'Ng' + 'uyễn'", "\"Nguyễn\"")]
    [InlineData("name + '!'", "\"Lan!\"")]
    public void Evaluate_Arithmetic(string text, string expected) => AssertEvaluates(text, expected);

    [Theory]
    [InlineData("input == 1", true)]
    [InlineData("input == 1.0", true)]
    [InlineData("input != 1", false)]
    [InlineData("0.1 + 0.2 == 0.3", true)]
    [InlineData("1e-50 > 0", true)]
    [InlineData("tiny > 0", true)]
    [InlineData("79228162514264337593543950335 * 10 > 7.9e29", true)]
    [InlineData("1e300 > 79228162514264337593543950335", true)]
    [InlineData("two > input", true)]
    [InlineData("two >= 2", true)]
    [InlineData("two <= 1", false)]
    [InlineData("two < 2.5", true)]
    [InlineData("-1 < 0", true)]
    [InlineData("'a' < 'b'", true)]
    [InlineData("'B' < 'a'", true)]
    [InlineData("'abc' >= 'abd'", false)]
    [InlineData("name == 'Lan'", true)]
    [InlineData("name == \"Lan\"", true)]
    [InlineData("name == 'lan'", false)]
    [InlineData("flag == true", true)]
    [InlineData("off != false", false)]
    [InlineData("nothing == null", true)]
    [InlineData("missing == null", true)]
    [InlineData("missing == nothing", true)]
    [InlineData("null != 0", true)]
    [InlineData("null == false", false)]
    [InlineData("input == '1'", false)]
    [InlineData("emptyText == null", false)]
    [InlineData("list == [1, 'a', true]", true)]
    [InlineData("list == [1, 'a']", false)]
    [InlineData("applicant.address == applicant.address", true)]
    [InlineData("applicant == applicant.address", false)]
    [InlineData("input eq 1", true)]
    [InlineData("input ne 1", false)]
    [InlineData("1 lt 2", true)]
    [InlineData("2 gt 1", true)]
    [InlineData("1 le 1", true)]
    [InlineData("1 ge 2", false)]
    public void Evaluate_Comparison(string text, bool expected) => Expression.Parse(text).EvaluateCondition(Variables).ShouldBe(expected);

    [Theory]
    [InlineData("flag and not off", true)]
    [InlineData("flag && !off", true)]
    [InlineData("off or flag", true)]
    [InlineData("off || off", false)]
    [InlineData("not flag", false)]
    [InlineData("!flag", false)]
    [InlineData("not not flag", true)]
    [InlineData("true and false or true", true)]
    [InlineData("true or false and false", true)]
    [InlineData("(true or false) and false", false)]
    [InlineData("not input == 2", true)]
    [InlineData("not input == 1 or flag", true)]
    [InlineData("input == 1 and two == 2", true)]
    public void Evaluate_Logical(string text, bool expected) => Expression.Parse(text).EvaluateCondition(Variables).ShouldBe(expected);

    [Theory]
    [InlineData("empty nothing", true)]
    [InlineData("empty missing", true)]
    [InlineData("empty emptyText", true)]
    [InlineData("empty emptyList", true)]
    [InlineData("empty emptyObject", true)]
    [InlineData("empty name", false)]
    [InlineData("empty list", false)]
    [InlineData("empty input", false)]
    [InlineData("empty off", false)]
    [InlineData("empty applicant.missing", true)]
    [InlineData("!empty list", true)]
    [InlineData("not empty list", true)]
    [InlineData("empty [] and empty ''", true)]
    public void Evaluate_Empty(string text, bool expected) => Expression.Parse(text).EvaluateCondition(Variables).ShouldBe(expected);

    [Theory]
    [InlineData("1 in list", true)]
    [InlineData("1.0 in list", true)]
    [InlineData("'a' in list", true)]
    [InlineData("'b' in list", false)]
    [InlineData("'b' not in list", true)]
    [InlineData("'a' not in list", false)]
    [InlineData("name in ['Lan', 'Mai']", true)]
    [InlineData("name in ['lan']", false)]
    [InlineData("input + 1 in [two]", true)]
    [InlineData("null in [null]", true)]
    [InlineData("missing in [1, null]", true)]
    [InlineData("1 in emptyList", false)]
    [InlineData("[1] in [[1], [2]]", true)]
    [InlineData("'lan' in assigneeList and flag", true)]
    public void Evaluate_Membership(string text, bool expected) => Expression.Parse(text).EvaluateCondition(Variables).ShouldBe(expected);

    [Theory]
    [InlineData("applicant.address.province", "\"HN\"")]
    [InlineData("applicant.age", "30")]
    [InlineData("applicant.address.ward", "null")]
    [InlineData("applicant.missing.deeper", "null")]
    [InlineData("missing", "null")]
    [InlineData("missing.deeper.still", "null")]
    [InlineData("nothing.x", "null")]
    [InlineData("list[1]", "\"a\"")]
    [InlineData("list[input + 1]", "true")]
    [InlineData("list[5]", "null")]
    [InlineData("list[-1]", "null")]
    [InlineData("applicant['age']", "30")]
    [InlineData("applicant['address'].province", "\"HN\"")]
    [InlineData("missing[0]", "null")]
    [InlineData("${assigneeList}", "[\"lan\", \"mai\"]")]
    public void Evaluate_Path(string text, string expected) => AssertEvaluates(text, expected);

    [Theory]
    [InlineData("[1, 'a', null, [true]]", "[1, \"a\", null, [true]]")]
    [InlineData("[]", "[]")]
    [InlineData("[input, name]", "[1, \"Lan\"]")]
    [InlineData("'it\\'s'", "\"it's\"")]
    [InlineData("\"say \\\"hi\\\"\"", "\"say \\\"hi\\\"\"")]
    [InlineData("'a\\tb\\nc\\\\'", "\"a\\tb\\nc\\\\\"")]
    [InlineData("'\\u0041\\u1EA1'", "\"Aạ\"")]
    [InlineData("'Hà Nội'", "\"Hà Nội\"")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("null", "null")]
    [InlineData("0.6", "0.6")]
    [InlineData("-0.25", "-0.25")]
    public void Evaluate_Literal(string text, string expected) => AssertEvaluates(text, expected);

    [Theory]
    [InlineData("name < 1", "cannot order a string (\"Lan\") and a number (1)")]
    [InlineData("input > name", "cannot order a number (1) and a string")]
    [InlineData("nothing < 1", "cannot order null and a number")]
    [InlineData("missing >= 0", "cannot order null")]
    [InlineData("flag < off", "cannot order a boolean")]
    [InlineData("list > 1", "cannot order a list (3 items)")]
    [InlineData("flag and input", "Operator 'and' needs boolean operands, but got a number (1)")]
    [InlineData("off or name", "Operator 'or' needs boolean operands")]
    [InlineData("missing && flag", "needs boolean operands, but got null")]
    [InlineData("not name", "Operator 'not' needs boolean operands")]
    [InlineData("!input", "Operator 'not' needs boolean operands")]
    [InlineData("input + 'a'", "Operator '+' cannot be applied to a number (1) and a string (\"a\"); it needs two numbers or two strings")]
    [InlineData("name * 2", "Operator '*' cannot be applied")]
    [InlineData("missing - 1", "cannot be applied to null")]
    [InlineData("-name", "Cannot negate a string")]
    [InlineData("1 / 0", "Division by zero")]
    [InlineData("1 % 0.0", "Division by zero")]
    [InlineData("1 in name", "The right side of 'in' must be a list, but is a string")]
    [InlineData("1 not in missing", "The right side of 'not in' must be a list, but is null")]
    [InlineData("input.x", "Cannot read property 'x' of a number (1)")]
    [InlineData("list.length", "Cannot read property 'length' of a list")]
    [InlineData("list['a']", "Cannot index a list (3 items) with a string")]
    [InlineData("list[0.5]", "whole number")]
    [InlineData("name[0]", "Cannot index a string")]
    [InlineData("1e300 * 1e300", "too large")]
    public void Evaluate_TypeError_Throws(string text, string message)
    {
        var expression = Expression.Parse(text);

        var exception = Should.Throw<ExpressionEvaluationException>(() => expression.Evaluate(Variables));

        exception.Message.ShouldContain(message, Case.Sensitive);
    }

    [Fact]
    public void Evaluate_TypeError_ReportsOperatorPosition()
    {
        var exception = Should.Throw<ExpressionEvaluationException>(() => Expression.Parse("${name < 1}").Evaluate(Variables));

        exception.Position.ShouldBe(7);
        exception.Message.ShouldContain("(at position 7)");
    }

    [Theory]
    [InlineData("off and name < 1", false)]
    [InlineData("flag or name < 1", true)]
    [InlineData("off && missing.x", false)]
    [InlineData("flag || 1 / 0 == 1", true)]
    public void Evaluate_ShortCircuit_SkipsRightOperand(string text, bool expected) =>
        Expression.Parse(text).EvaluateCondition(Variables).ShouldBe(expected);

    [Fact]
    public void Evaluate_ShortCircuit_DoesNotLookUpRightOperand()
    {
        var looked = new List<string>();
        var expression = Expression.Parse("off and input == 1");

        expression.EvaluateCondition(name =>
        {
            looked.Add(name);
            return Variables(name);
        }).ShouldBeFalse();

        string.Join(',', looked).ShouldBe("off");
    }

    [Fact]
    public void Evaluate_ListLiteralAtNestingLimitAroundDeepVariable_Succeeds()
    {
        var deep = new string('[', 60) + new string(']', 60);
        using var document = JsonDocument.Parse(deep);
        var variable = document.RootElement.Clone();
        var text = new string('[', Expression.MaxDepth) + "v" + new string(']', Expression.MaxDepth);

        var result = Expression.Parse(text).Evaluate(_ => variable);

        result.GetRawText().Length.ShouldBe((Expression.MaxDepth + 60) * 2);
    }

    [Fact]
    public void Evaluate_UndefinedElement_IsNull()
    {
        Expression.Parse("x == null").EvaluateCondition(_ => default(JsonElement)).ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_ResultOutlivesLookupDocument()
    {
        JsonElement result;
        using (var document = JsonDocument.Parse("{\"a\": 2}"))
        {
            var root = document.RootElement;
            result = Expression.Parse("a * 3").Evaluate(name => root.GetProperty(name));
        }

        result.GetDecimal().ShouldBe(6m);
    }

    [Fact]
    public void Evaluate_NullLookup_Throws() =>
        Should.Throw<ArgumentNullException>(() => Expression.Parse("a").Evaluate(null!));

    private static void AssertEvaluates(string text, string expectedJson)
    {
        var actual = Expression.Parse(text).Evaluate(Variables);
        var expected = TestVariables.Json(expectedJson);

        actual.ValueKind.ShouldBe(expected.ValueKind == JsonValueKind.False ? JsonValueKind.False : expected.ValueKind);
        JsonEquality.AreEqual(actual, expected).ShouldBeTrue($"{text} evaluated to {actual.GetRawText()}, expected {expectedJson}");
    }
}

using System.Text.Json;
using IsoDienTu.Engine.Expressions;

namespace IsoDienTu.Engine.Tests.Expressions;

public class ExpressionConditionTests
{
    [Theory]
    [InlineData("${input == 1}", 1, true)]
    [InlineData("${input == 1}", 2, false)]
    [InlineData("${input > 1}", 2, true)]
    [InlineData("${input > 1}", 1, false)]
    [InlineData("#{input == 1}", 1, true)]
    [InlineData("= input = 1", 1, true)]
    [InlineData("= input == 1", 1, true)]
    [InlineData("input == 1", 1, true)]
    public void EvaluateCondition_CorpusInputConditions(string text, int input, bool expected)
    {
        var expression = Expression.Parse(text);

        expression.EvaluateCondition(Lookup(("input", input))).ShouldBe(expected);
        string.Join(',', expression.Variables).ShouldBe("input");
    }

    [Theory]
    [InlineData(3, 5, true)]
    [InlineData(2, 5, false)]
    [InlineData(2, 3, true)]
    [InlineData(5, 5, true)]
    [InlineData(0, 4, false)]
    public void EvaluateCondition_CamundaCompletionCondition(int completed, int instances, bool expected)
    {
        var expression = Expression.Parse("${nrOfCompletedInstances/nrOfInstances >= 0.6}");

        expression.EvaluateCondition(Lookup(("nrOfCompletedInstances", completed), ("nrOfInstances", instances)))
            .ShouldBe(expected);
    }

    [Theory]
    [InlineData("approve", true)]
    [InlineData("reject", false)]
    public void EvaluateCondition_FeelSingleEqualsIsEquality(string status, bool expected) =>
        Expression.Parse("= status = \"approve\"").EvaluateCondition(Lookup(("status", status))).ShouldBe(expected);

    [Fact]
    public void EvaluateCondition_DottedPath()
    {
        var applicant = new Dictionary<string, object?>
        {
            ["address"] = new Dictionary<string, object?> { ["province"] = "Hà Nội" },
        };
        var lookup = Lookup(("applicant", applicant));

        Expression.Parse("${applicant.address.province == 'Hà Nội'}").EvaluateCondition(lookup).ShouldBeTrue();
        Expression.Parse("${applicant.address.ward == null}").EvaluateCondition(lookup).ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_CollectionReference_ReturnsList()
    {
        var result = Expression.Parse("${assigneeList}").Evaluate(Lookup(("assigneeList", new List<string> { "lan", "mai" })));

        result.ValueKind.ShouldBe(JsonValueKind.Array);
        string.Join(',', result.EnumerateArray().Select(item => item.GetString())).ShouldBe("lan,mai");
    }

    [Theory]
    [InlineData("${input}", "a number (1)")]
    [InlineData("${missing}", "null")]
    [InlineData("'yes'", "a string (\"yes\")")]
    [InlineData("[true]", "a list (1 items)")]
    public void EvaluateCondition_NonBoolean_Throws(string text, string described)
    {
        var exception = Should.Throw<ExpressionEvaluationException>(
            () => Expression.Parse(text).EvaluateCondition(Lookup(("input", 1))));

        exception.Message.ShouldBe($"Condition '{text}' must evaluate to a boolean, but evaluated to {described}.");
    }

    [Fact]
    public void EvaluateCondition_MissingVariableInComparison_ThrowsClearly()
    {
        var exception = Should.Throw<ExpressionEvaluationException>(
            () => Expression.Parse("${amount > 100}").EvaluateCondition(Lookup()));

        exception.Message.ShouldContain("cannot order null and a number (100)");
    }

    [Fact]
    public void Expression_IsReusableAcrossEvaluations()
    {
        var expression = Expression.Parse("${loopCounter < 3}");

        expression.EvaluateCondition(Lookup(("loopCounter", 2))).ShouldBeTrue();
        expression.EvaluateCondition(Lookup(("loopCounter", 3))).ShouldBeFalse();
        expression.ToString().ShouldBe("${loopCounter < 3}");
    }

    private static Func<string, JsonElement?> Lookup(params (string Name, object? Value)[] variables)
    {
        var values = variables.ToDictionary(v => v.Name, v => JsonValues.From(v.Value), StringComparer.Ordinal);
        return name => values.TryGetValue(name, out var value) ? value : null;
    }
}

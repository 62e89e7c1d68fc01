using System.Text;
using System.Text.Json;
using IsoDienTu.Engine.Expressions;

namespace IsoDienTu.Engine.Tests.Expressions;

public class ExpressionRobustnessTests
{
    private static readonly string[] Fragments =
    [
        "a", "list", "name", "input", "nothing", ".", "x", "[", "]", "(", ")", ",", " ", "1", "0", "-", "+", "*", "/", "%",
        "==", "=", "!=", "<", ">=", "!", "and", "or", "not", "in", "empty", "'s'", "\"", "'", "\\", "${", "#{", "}",
        "1.5", "1e", "true", "null", "&&", "||", "&", "eq", "é", "\t",
    ];

    [Fact]
    public void TryParseAndEvaluate_RandomInput_OnlyReportDocumentedErrors()
    {
        var random = new Random(20240601);
        var lookup = TestVariables.From(TestVariables.Default);
        for (var i = 0; i < 20_000; i++)
        {
            var builder = new StringBuilder();
            var count = random.Next(1, 16);
            for (var j = 0; j < count; j++)
            {
                builder.Append(Fragments[random.Next(Fragments.Length)]);
            }

            var text = builder.ToString();
            if (!Expression.TryParse(text, out var expression, out var error))
            {
                error.Position.ShouldBeInRange(0, text.Length, text);
                continue;
            }

            try
            {
                var result = expression.Evaluate(lookup);
                result.ValueKind.ShouldNotBe(JsonValueKind.Undefined, text);
            }
            catch (ExpressionEvaluationException)
            {
                // A documented outcome for well-formed but ill-typed input.
            }
        }
    }
}

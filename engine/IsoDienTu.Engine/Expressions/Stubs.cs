// TEMPORARY: stands in for the expressions branch until it is merged.
#pragma warning disable
using System.Collections.Immutable;
using System.Text.Json;
namespace IsoDienTu.Engine.Expressions;
public sealed class Expression
{
    public static bool TryParse(string text, out Expression? expression, out ExpressionError? error) { expression = null; error = null; return false; }
    public static Expression Parse(string text) => new();
    public string Text { get; } = "";
    public ImmutableArray<string> Variables { get; } = [];
    public JsonElement Evaluate(Func<string, JsonElement?> lookup) => default;
    public bool EvaluateCondition(Func<string, JsonElement?> lookup) => false;
}
public sealed record ExpressionError(int Position, string Message);
public sealed class ExpressionEvaluationException : Exception { public ExpressionEvaluationException(string m) : base(m) { } }

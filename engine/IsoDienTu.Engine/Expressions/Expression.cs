using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace IsoDienTu.Engine.Expressions;

/// <summary>
/// A parsed condition or value expression (sequence-flow conditions, multi-instance collections and
/// completion conditions, assignments). Immutable and safe to share between threads.
/// </summary>
public sealed class Expression
{
    /// <summary>Longest accepted text, in characters.</summary>
    public const int MaxLength = 4000;

    /// <summary>Deepest accepted nesting of brackets and prefix operators.</summary>
    public const int MaxDepth = 64;

    /// <summary>Tallest accepted syntax tree; keeps evaluation recursion far from the stack limit.</summary>
    public const int MaxHeight = 256;

    private readonly ExpressionNode _root;

    private Expression(string text, ExpressionNode root, ImmutableArray<string> variables)
    {
        Text = text;
        _root = root;
        Variables = variables;
    }

    /// <summary>The original text, wrapper included.</summary>
    public string Text { get; }

    /// <summary>Distinct root variable names referenced, in order of first appearance.</summary>
    public ImmutableArray<string> Variables { get; }

    /// <summary>Parses <paramref name="text"/>; never throws for bad input.</summary>
    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out Expression? expression,
        [NotNullWhen(false)] out ExpressionError? error)
    {
        expression = null;
        error = null;
        if (text is null)
        {
            error = new ExpressionError(0, "Expression text is missing.");
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = new ExpressionError(MaxLength, string.Create(CultureInfo.InvariantCulture, $"Expression is longer than {MaxLength} characters."));
            return false;
        }

        try
        {
            var body = ExpressionBody.Locate(text);
            var tokens = Lexer.Tokenize(text, body.Start, body.End);
            var (root, variables) = Parser.Parse(tokens, body.Feel);
            expression = new Expression(text, root, variables);
            return true;
        }
        catch (ExpressionSyntaxException exception)
        {
            error = exception.Error;
            return false;
        }
    }

    /// <exception cref="ExpressionSyntaxException">When <paramref name="text"/> is not a valid expression.</exception>
    public static Expression Parse(string text) =>
        TryParse(text, out var expression, out var error) ? expression : throw new ExpressionSyntaxException(error);

    /// <param name="lookup">Value of a root variable, or null when it is undefined (read as JSON null).</param>
    /// <exception cref="ExpressionEvaluationException">On a type mismatch, division by zero and the like.</exception>
    public JsonElement Evaluate(Func<string, JsonElement?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return new Evaluator(lookup).Evaluate(_root);
    }

    /// <exception cref="ExpressionEvaluationException">When the result is not a boolean, or evaluation fails.</exception>
    public bool EvaluateCondition(Func<string, JsonElement?> lookup)
    {
        var result = Evaluate(lookup);
        return result.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ExpressionEvaluationException(
                $"Condition '{Text}' must evaluate to a boolean, but evaluated to {Evaluator.Describe(result)}."),
        };
    }

    public override string ToString() => Text;
}

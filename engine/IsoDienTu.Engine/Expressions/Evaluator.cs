using System.Globalization;
using System.Text.Json;

namespace IsoDienTu.Engine.Expressions;

/// <summary>Walks a parsed tree; operands are strictly typed (no JUEL-style coercion between strings and numbers).</summary>
internal sealed class Evaluator(Func<string, JsonElement?> lookup)
{
    public JsonElement Evaluate(ExpressionNode node) => node switch
    {
        LiteralNode literal => literal.Value,
        VariableNode variable => Defined(lookup(variable.Name)),
        MemberNode member => Member(member),
        IndexNode index => Index(index),
        ListNode list => JsonValues.Array(list.Items.Select(Evaluate).ToList()),
        UnaryNode unary => Unary(unary),
        BinaryNode binary => Binary(binary),
        _ => throw new InvalidOperationException($"Unknown expression node {node.GetType().Name}."),
    };

    private static JsonElement Defined(JsonElement? value) =>
        value is { ValueKind: not JsonValueKind.Undefined } defined ? defined : JsonValues.Null;

    private JsonElement Member(MemberNode node)
    {
        var target = Evaluate(node.Target);
        return target.ValueKind switch
        {
            JsonValueKind.Null => JsonValues.Null,
            JsonValueKind.Object => target.TryGetProperty(node.Name, out var value) ? value : JsonValues.Null,
            _ => throw Error(node, $"Cannot read property '{node.Name}' of {Describe(target)}."),
        };
    }

    private JsonElement Index(IndexNode node)
    {
        var target = Evaluate(node.Target);
        var index = Evaluate(node.Index);
        switch (target.ValueKind)
        {
            case JsonValueKind.Null:
                return JsonValues.Null;
            case JsonValueKind.Object when index.ValueKind == JsonValueKind.String:
                return target.TryGetProperty(index.GetString()!, out var value) ? value : JsonValues.Null;
            case JsonValueKind.Array when index.ValueKind == JsonValueKind.Number:
                var number = Numeric.Read(index);
                if (!number.IsDecimal || number.Decimal != decimal.Truncate(number.Decimal))
                {
                    throw Error(node, $"List index must be a whole number, but is {Describe(index)}.");
                }

                return number.Decimal >= 0 && number.Decimal < target.GetArrayLength()
                    ? target[(int)number.Decimal]
                    : JsonValues.Null;
            default:
                throw Error(node, $"Cannot index {Describe(target)} with {Describe(index)}.");
        }
    }

    private JsonElement Unary(UnaryNode node)
    {
        var operand = Evaluate(node.Operand);
        switch (node.Operator)
        {
            case UnaryOperator.Not:
                return JsonValues.Boolean(!Boolean(node, operand, "'not'"));
            case UnaryOperator.Empty:
                return JsonValues.Boolean(IsEmpty(operand));
            default:
                if (operand.ValueKind != JsonValueKind.Number)
                {
                    throw Error(node, $"Cannot negate {Describe(operand)}.");
                }

                return Numeric.Negate(operand);
        }
    }

    private JsonElement Binary(BinaryNode node)
    {
        switch (node.Operator)
        {
            case BinaryOperator.And:
                return JsonValues.Boolean(Boolean(node, Evaluate(node.Left), "'and'") && Boolean(node, Evaluate(node.Right), "'and'"));
            case BinaryOperator.Or:
                return JsonValues.Boolean(Boolean(node, Evaluate(node.Left), "'or'") || Boolean(node, Evaluate(node.Right), "'or'"));
        }

        var left = Evaluate(node.Left);
        var right = Evaluate(node.Right);
        return node.Operator switch
        {
            BinaryOperator.Equal => JsonValues.Boolean(JsonEquality.AreEqual(left, right)),
            BinaryOperator.NotEqual => JsonValues.Boolean(!JsonEquality.AreEqual(left, right)),
            BinaryOperator.Less => JsonValues.Boolean(Order(node, left, right) < 0),
            BinaryOperator.LessOrEqual => JsonValues.Boolean(Order(node, left, right) <= 0),
            BinaryOperator.Greater => JsonValues.Boolean(Order(node, left, right) > 0),
            BinaryOperator.GreaterOrEqual => JsonValues.Boolean(Order(node, left, right) >= 0),
            BinaryOperator.In => JsonValues.Boolean(Contains(node, left, right)),
            BinaryOperator.NotIn => JsonValues.Boolean(!Contains(node, left, right)),
            BinaryOperator.Add when left.ValueKind == JsonValueKind.String && right.ValueKind == JsonValueKind.String =>
                JsonValues.Text(left.GetString() + right.GetString()),
            _ => Arithmetic(node, left, right),
        };
    }

    private static int Order(BinaryNode node, JsonElement left, JsonElement right)
    {
        if (left.ValueKind == JsonValueKind.Number && right.ValueKind == JsonValueKind.Number)
        {
            return Numeric.Compare(Numeric.Read(left), Numeric.Read(right));
        }

        if (left.ValueKind == JsonValueKind.String && right.ValueKind == JsonValueKind.String)
        {
            return string.CompareOrdinal(left.GetString(), right.GetString());
        }

        throw Error(node, $"Operator '{node.Symbol}' cannot order {Describe(left)} and {Describe(right)}; only two numbers or two strings can be ordered.");
    }

    private static bool Contains(BinaryNode node, JsonElement item, JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw Error(node, $"The right side of '{node.Symbol}' must be a list, but is {Describe(list)}.");
        }

        foreach (var element in list.EnumerateArray())
        {
            if (JsonEquality.AreEqual(item, element))
            {
                return true;
            }
        }

        return false;
    }

    private static JsonElement Arithmetic(BinaryNode node, JsonElement left, JsonElement right)
    {
        if (left.ValueKind != JsonValueKind.Number || right.ValueKind != JsonValueKind.Number)
        {
            var allowed = node.Operator == BinaryOperator.Add ? "two numbers or two strings" : "numbers";
            throw Error(node, $"Operator '{node.Symbol}' cannot be applied to {Describe(left)} and {Describe(right)}; it needs {allowed}.");
        }

        var divisor = Numeric.Read(right);
        if (node.Operator is BinaryOperator.Divide or BinaryOperator.Remainder && divisor.IsZero)
        {
            throw Error(node, "Division by zero.");
        }

        var result = Numeric.ToJson(Numeric.Apply(node.Operator, Numeric.Read(left), divisor));
        return result ?? throw Error(node, $"The result of '{node.Symbol}' is too large to represent.");
    }

    private static bool Boolean(ExpressionNode node, JsonElement value, string context) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error(node, $"Operator {context} needs boolean operands, but got {Describe(value)}."),
    };

    private static bool IsEmpty(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => true,
        JsonValueKind.String => value.GetString()!.Length == 0,
        JsonValueKind.Array => value.GetArrayLength() == 0,
        JsonValueKind.Object => !value.EnumerateObject().Any(),
        _ => false,
    };

    /// <summary>Short human description with the value, e.g. <c>a string ("abc")</c>.</summary>
    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "null",
        JsonValueKind.True or JsonValueKind.False => $"a boolean ({value.GetRawText()})",
        JsonValueKind.Number => $"a number ({value.GetRawText()})",
        JsonValueKind.String => $"a string ({Shorten(value.GetRawText())})",
        JsonValueKind.Array => string.Create(CultureInfo.InvariantCulture, $"a list ({value.GetArrayLength()} items)"),
        _ => "an object",
    };

    private static string Shorten(string raw) => raw.Length <= 40 ? raw : string.Concat(raw.AsSpan(0, 37), "...");

    private static ExpressionEvaluationException Error(ExpressionNode node, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{message} (at position {node.Position})"), node.Position);
}

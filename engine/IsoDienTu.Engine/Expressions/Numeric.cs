using System.Globalization;
using System.Text.Json;

namespace IsoDienTu.Engine.Expressions;

/// <summary>Number arithmetic and comparison: decimal first, falling back to double on overflow.</summary>
internal static class Numeric
{
    public static JsonElement ParseLiteral(string text)
    {
        var approximate = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) && !Underflowed(exact, approximate)
            ? JsonValues.Number(exact)
            : JsonValues.Number(approximate);
    }

    public static NumericValue Read(JsonElement element)
    {
        if (element.TryGetDecimal(out var exact) && !Underflowed(exact, element.GetDouble()))
        {
            return NumericValue.Of(exact);
        }

        return NumericValue.Of(element.GetDouble());
    }

    // decimal parsing silently rounds tiny values such as 1e-50 to zero.
    private static bool Underflowed(decimal exact, double approximate) => exact == 0m && approximate != 0d;

    /// <returns>Null when the result is not a finite number.</returns>
    public static JsonElement? ToJson(NumericValue value)
    {
        if (value.IsDecimal)
        {
            return JsonValues.Number(value.Decimal);
        }

        return double.IsFinite(value.Double) ? JsonValues.Number(value.Double) : null;
    }

    public static JsonElement Negate(JsonElement element)
    {
        var value = Read(element);
        return value.IsDecimal ? JsonValues.Number(-value.Decimal) : JsonValues.Number(-value.Double);
    }

    public static int Compare(NumericValue left, NumericValue right) =>
        left.IsDecimal && right.IsDecimal
            ? left.Decimal.CompareTo(right.Decimal)
            : left.Double.CompareTo(right.Double);

    /// <remarks>The caller rejects a zero divisor for division and remainder.</remarks>
    public static NumericValue Apply(BinaryOperator op, NumericValue left, NumericValue right)
    {
        if (left.IsDecimal && right.IsDecimal)
        {
            try
            {
                return NumericValue.Of(op switch
                {
                    BinaryOperator.Add => left.Decimal + right.Decimal,
                    BinaryOperator.Subtract => left.Decimal - right.Decimal,
                    BinaryOperator.Multiply => left.Decimal * right.Decimal,
                    BinaryOperator.Divide => left.Decimal / right.Decimal,
                    BinaryOperator.Remainder => left.Decimal % right.Decimal,
                    _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
                });
            }
            catch (OverflowException)
            {
                // Too large for decimal: continue with double precision below.
            }
        }

        return NumericValue.Of(op switch
        {
            BinaryOperator.Add => left.Double + right.Double,
            BinaryOperator.Subtract => left.Double - right.Double,
            BinaryOperator.Multiply => left.Double * right.Double,
            BinaryOperator.Divide => left.Double / right.Double,
            BinaryOperator.Remainder => left.Double % right.Double,
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
        });
    }
}

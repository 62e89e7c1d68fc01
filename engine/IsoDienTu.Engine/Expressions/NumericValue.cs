namespace IsoDienTu.Engine.Expressions;

/// <summary>
/// A number as the evaluator sees it: exact decimal when the JSON text fits, double otherwise,
/// so that <c>0.1 + 0.2 == 0.3</c> holds as a reader of a procedure would expect.
/// </summary>
internal readonly record struct NumericValue(decimal Decimal, double Double, bool IsDecimal)
{
    public static NumericValue Of(decimal value) => new(value, (double)value, true);

    public static NumericValue Of(double value) => new(0m, value, false);

    public bool IsZero => IsDecimal ? Decimal == 0m : Double == 0d;
}

namespace IsoDienTu.Engine.Expressions;

/// <summary>A syntax error: 0-based position in the original text and an English message.</summary>
public sealed record ExpressionError(int Position, string Message)
{
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Message} (at position {Position})");
}

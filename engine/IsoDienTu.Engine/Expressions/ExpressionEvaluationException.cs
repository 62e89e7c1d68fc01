namespace IsoDienTu.Engine.Expressions;

/// <summary>Thrown when a well-formed expression cannot be evaluated (type mismatch, division by zero…).</summary>
public sealed class ExpressionEvaluationException : Exception
{
    public ExpressionEvaluationException()
    {
    }

    public ExpressionEvaluationException(string message)
        : base(message)
    {
    }

    public ExpressionEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ExpressionEvaluationException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    /// <summary>0-based position in the original text of the operator that failed, when known.</summary>
    public int? Position { get; }
}

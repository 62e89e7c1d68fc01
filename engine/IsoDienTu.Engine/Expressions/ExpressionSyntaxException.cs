namespace IsoDienTu.Engine.Expressions;

public sealed class ExpressionSyntaxException : Exception
{
    public ExpressionSyntaxException(ExpressionError error)
        : base(error?.ToString())
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    public ExpressionSyntaxException()
        : this(new ExpressionError(0, "Invalid expression."))
    {
    }

    public ExpressionSyntaxException(string message)
        : this(new ExpressionError(0, message))
    {
    }

    public ExpressionSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new ExpressionError(0, message);
    }

    public ExpressionError Error { get; }
}

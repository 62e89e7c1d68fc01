namespace IsoDienTu.Engine.Expressions;

/// <param name="Position">Position of the operator token.</param>
internal sealed record BinaryNode(int Position, BinaryOperator Operator, string Symbol, ExpressionNode Left, ExpressionNode Right)
    : ExpressionNode(Position, Math.Max(Left.Height, Right.Height) + 1);

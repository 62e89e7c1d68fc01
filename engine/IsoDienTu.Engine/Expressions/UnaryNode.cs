namespace IsoDienTu.Engine.Expressions;

internal sealed record UnaryNode(int Position, UnaryOperator Operator, ExpressionNode Operand)
    : ExpressionNode(Position, Operand.Height + 1);

namespace IsoDienTu.Engine.Expressions;

internal sealed record VariableNode(int Position, string Name) : ExpressionNode(Position, 1);

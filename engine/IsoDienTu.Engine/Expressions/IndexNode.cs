namespace IsoDienTu.Engine.Expressions;

/// <summary><c>target[index]</c>: a list element by number or an object property by string.</summary>
internal sealed record IndexNode(int Position, ExpressionNode Target, ExpressionNode Index)
    : ExpressionNode(Position, Math.Max(Target.Height, Index.Height) + 1);

namespace IsoDienTu.Engine.Expressions;

/// <summary><c>target.name</c>: navigates into a JSON object.</summary>
internal sealed record MemberNode(int Position, ExpressionNode Target, string Name)
    : ExpressionNode(Position, Target.Height + 1);

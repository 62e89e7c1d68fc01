using System.Collections.Immutable;

namespace IsoDienTu.Engine.Expressions;

internal sealed record ListNode(int Position, ImmutableArray<ExpressionNode> Items)
    : ExpressionNode(Position, Items.IsEmpty ? 1 : Items.Max(item => item.Height) + 1);

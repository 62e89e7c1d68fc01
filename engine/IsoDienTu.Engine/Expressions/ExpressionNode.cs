namespace IsoDienTu.Engine.Expressions;

/// <param name="Position">0-based position in the original text, used in evaluation errors.</param>
/// <param name="Height">Height of the tree below this node; bounded so evaluation cannot overflow the stack.</param>
internal abstract record ExpressionNode(int Position, int Height);

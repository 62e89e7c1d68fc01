using System.Text.Json;

namespace IsoDienTu.Engine.Expressions;

internal sealed record LiteralNode(int Position, JsonElement Value) : ExpressionNode(Position, 1);

namespace IsoDienTu.Engine.Expressions;

internal enum UnaryOperator
{
    Not,
    Negate,
    Empty,
}

using System.Collections.Immutable;
using System.Globalization;

namespace IsoDienTu.Engine.Expressions;

/// <summary>
/// Recursive-descent parser. Precedence, loosest first:
/// <c>or</c> &lt; <c>and</c> &lt; <c>not</c> &lt; comparison/<c>in</c> &lt; additive &lt; multiplicative &lt; unary (<c>- ! empty</c>).
/// </summary>
internal sealed class Parser
{
    private readonly List<Token> _tokens;
    private readonly bool _feel;
    private readonly List<string> _variables = [];
    private int _index;
    private int _depth;

    private Parser(List<Token> tokens, bool feel)
    {
        _tokens = tokens;
        _feel = feel;
    }

    /// <exception cref="ExpressionSyntaxException">On any syntax error.</exception>
    public static (ExpressionNode Root, ImmutableArray<string> Variables) Parse(List<Token> tokens, bool feel)
    {
        var parser = new Parser(tokens, feel);
        if (parser.Current.Kind == TokenKind.End)
        {
            throw Error(parser.Current.Position, "Expression is empty.");
        }

        var root = parser.ParseOr();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw parser.Current.Kind == TokenKind.SingleEquals
                ? AssignmentError(parser.Current)
                : Error(parser.Current.Position, $"Unexpected {parser.Current.Describe()} after the end of the expression.");
        }

        return (root, [.. parser._variables.Distinct(StringComparer.Ordinal)]);
    }

    private Token Current => _tokens[_index];

    private Token Advance() => _tokens[_index++];

    private bool Match(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        _index++;
        return true;
    }

    private ExpressionNode ParseOr()
    {
        var left = ParseAnd();
        while (Current.Kind == TokenKind.Or)
        {
            var op = Advance();
            left = Binary(op, BinaryOperator.Or, left, ParseAnd());
        }

        return left;
    }

    private ExpressionNode ParseAnd()
    {
        var left = ParseNot();
        while (Current.Kind == TokenKind.And)
        {
            var op = Advance();
            left = Binary(op, BinaryOperator.And, left, ParseNot());
        }

        return left;
    }

    private ExpressionNode ParseNot()
    {
        if (Current.Kind != TokenKind.Not)
        {
            return ParseComparison();
        }

        var op = Advance();
        Enter(op);
        var operand = ParseNot();
        _depth--;
        return Checked(new UnaryNode(op.Position, UnaryOperator.Not, operand), op);
    }

    private ExpressionNode ParseComparison()
    {
        var left = ParseAdditive();
        var op = Current;
        var kind = ComparisonOperator(op);
        if (kind is null)
        {
            return left;
        }

        Advance();
        var symbol = op.Lexeme;
        if (kind == BinaryOperator.NotIn)
        {
            Advance();
            symbol = "not in";
        }

        var node = Binary(op, kind.Value, left, ParseAdditive(), symbol);
        if (ComparisonOperator(Current) is not null)
        {
            throw Error(Current.Position, $"Comparisons cannot be chained: {Current.Describe()} follows another comparison; use 'and' or parentheses.");
        }

        return node;
    }

    private BinaryOperator? ComparisonOperator(Token token) => token.Kind switch
    {
        TokenKind.Equal => BinaryOperator.Equal,
        TokenKind.SingleEquals when _feel => BinaryOperator.Equal,
        TokenKind.SingleEquals => throw AssignmentError(token),
        TokenKind.NotEqual => BinaryOperator.NotEqual,
        TokenKind.Less => BinaryOperator.Less,
        TokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
        TokenKind.Greater => BinaryOperator.Greater,
        TokenKind.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
        TokenKind.In => BinaryOperator.In,
        TokenKind.Not when _tokens[_index + 1].Kind == TokenKind.In => BinaryOperator.NotIn,
        _ => null,
    };

    private ExpressionNode ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Advance();
            var kind = op.Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            left = Binary(op, kind, left, ParseMultiplicative());
        }

        return left;
    }

    private ExpressionNode ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var op = Advance();
            var kind = op.Kind switch
            {
                TokenKind.Star => BinaryOperator.Multiply,
                TokenKind.Slash => BinaryOperator.Divide,
                _ => BinaryOperator.Remainder,
            };
            left = Binary(op, kind, left, ParseUnary());
        }

        return left;
    }

    private ExpressionNode ParseUnary()
    {
        UnaryOperator? kind = Current.Kind switch
        {
            TokenKind.Minus => UnaryOperator.Negate,
            TokenKind.Bang => UnaryOperator.Not,
            TokenKind.Empty => UnaryOperator.Empty,
            _ => null,
        };
        if (kind is null)
        {
            return ParsePostfix();
        }

        var op = Advance();
        Enter(op);
        var operand = ParseUnary();
        _depth--;
        if (kind == UnaryOperator.Negate && operand is LiteralNode { Value.ValueKind: System.Text.Json.JsonValueKind.Number } literal)
        {
            return new LiteralNode(op.Position, Numeric.Negate(literal.Value));
        }

        return Checked(new UnaryNode(op.Position, kind.Value, operand), op);
    }

    private ExpressionNode ParsePostfix()
    {
        var node = ParsePrimary();
        while (true)
        {
            if (Current.Kind == TokenKind.Dot)
            {
                Advance();
                var name = Current;
                if (!name.IsName)
                {
                    throw Error(name.Position, $"Expected a property name after '.', found {name.Describe()}.");
                }

                Advance();
                RejectCall(name);
                node = Checked(new MemberNode(name.Position, node, name.Value), name);
            }
            else if (Current.Kind == TokenKind.LeftBracket)
            {
                var open = Advance();
                Enter(open);
                var index = ParseOr();
                Expect(TokenKind.RightBracket, "']'", open);
                _depth--;
                node = Checked(new IndexNode(open.Position, node, index), open);
            }
            else if (Current.Kind == TokenKind.LeftParen)
            {
                throw Error(Current.Position, "Function and method calls are not supported.");
            }
            else
            {
                return node;
            }
        }
    }

    private ExpressionNode ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new LiteralNode(token.Position, Numeric.ParseLiteral(token.Value));
            case TokenKind.String:
                Advance();
                return new LiteralNode(token.Position, JsonValues.Text(token.Value));
            case TokenKind.True:
                Advance();
                return new LiteralNode(token.Position, JsonValues.True);
            case TokenKind.False:
                Advance();
                return new LiteralNode(token.Position, JsonValues.False);
            case TokenKind.Null:
                Advance();
                return new LiteralNode(token.Position, JsonValues.Null);
            case TokenKind.Identifier:
                Advance();
                RejectCall(token);
                _variables.Add(token.Value);
                return new VariableNode(token.Position, token.Value);
            case TokenKind.LeftParen:
                Advance();
                Enter(token);
                var inner = ParseOr();
                Expect(TokenKind.RightParen, "')'", token);
                _depth--;
                return inner;
            case TokenKind.LeftBracket:
                return ParseList();
            case TokenKind.End:
                throw Error(token.Position, "Unexpected end of expression: expected a value.");
            case TokenKind.SingleEquals when !_feel:
                throw AssignmentError(token);
            default:
                throw Error(token.Position, $"Expected a value, found {token.Describe()}.");
        }
    }

    private ListNode ParseList()
    {
        var open = Advance();
        Enter(open);
        var items = ImmutableArray.CreateBuilder<ExpressionNode>();
        if (!Match(TokenKind.RightBracket))
        {
            do
            {
                items.Add(ParseOr());
            }
            while (Match(TokenKind.Comma));

            Expect(TokenKind.RightBracket, "',' or ']'", open);
        }

        _depth--;
        return Checked(new ListNode(open.Position, items.ToImmutable()), open);
    }

    private void RejectCall(Token name)
    {
        if (Current.Kind == TokenKind.LeftParen)
        {
            throw Error(name.Position, $"Function and method calls are not supported: '{name.Value}(...)'.");
        }
    }

    private void Expect(TokenKind kind, string expected, Token opener)
    {
        if (Match(kind))
        {
            return;
        }

        var message = Current.Kind == TokenKind.End
            ? string.Create(CultureInfo.InvariantCulture, $"Expected {expected} to close {opener.Describe()} at position {opener.Position}, but the expression ended.")
            : $"Expected {expected}, found {Current.Describe()}.";
        throw Error(Current.Position, message);
    }

    private void Enter(Token token)
    {
        if (++_depth > Expression.MaxDepth)
        {
            throw Error(token.Position, string.Create(CultureInfo.InvariantCulture, $"Expression is nested too deeply (more than {Expression.MaxDepth} levels)."));
        }
    }

    private static BinaryNode Binary(Token op, BinaryOperator kind, ExpressionNode left, ExpressionNode right, string? symbol = null) =>
        Checked(new BinaryNode(op.Position, kind, symbol ?? op.Lexeme, left, right), op);

    private static T Checked<T>(T node, Token token)
        where T : ExpressionNode
    {
        if (node.Height > Expression.MaxHeight)
        {
            throw Error(token.Position, string.Create(CultureInfo.InvariantCulture, $"Expression is too complex (more than {Expression.MaxHeight} nested operations)."));
        }

        return node;
    }

    private static ExpressionSyntaxException AssignmentError(Token token) =>
        Error(token.Position, "Assignment is not supported; use '==' to compare.");

    private static ExpressionSyntaxException Error(int position, string message) =>
        new(new ExpressionError(position, message));
}

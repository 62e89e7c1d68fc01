using System.Globalization;
using System.Text;

namespace IsoDienTu.Engine.Expressions;

/// <summary>Turns the body of an expression into tokens. Positions refer to the original text.</summary>
internal sealed class Lexer
{
    private static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.Ordinal)
    {
        ["true"] = TokenKind.True,
        ["false"] = TokenKind.False,
        ["null"] = TokenKind.Null,
        ["and"] = TokenKind.And,
        ["or"] = TokenKind.Or,
        ["not"] = TokenKind.Not,
        ["empty"] = TokenKind.Empty,
        ["in"] = TokenKind.In,
        ["eq"] = TokenKind.Equal,
        ["ne"] = TokenKind.NotEqual,
        ["lt"] = TokenKind.Less,
        ["le"] = TokenKind.LessOrEqual,
        ["gt"] = TokenKind.Greater,
        ["ge"] = TokenKind.GreaterOrEqual,
        ["div"] = TokenKind.Slash,
        ["mod"] = TokenKind.Percent,
    };

    private readonly string _text;
    private readonly int _end;
    private int _pos;

    private Lexer(string text, int start, int end)
    {
        _text = text;
        _pos = start;
        _end = end;
    }

    /// <exception cref="ExpressionSyntaxException">On an unknown character or malformed literal.</exception>
    public static List<Token> Tokenize(string text, int start, int end)
    {
        var lexer = new Lexer(text, start, end);
        var tokens = new List<Token>();
        while (true)
        {
            var token = lexer.Next();
            tokens.Add(token);
            if (token.Kind == TokenKind.End)
            {
                return tokens;
            }
        }
    }

    private Token Next()
    {
        while (_pos < _end && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }

        if (_pos >= _end)
        {
            return new Token(TokenKind.End, _end, string.Empty, string.Empty);
        }

        var c = _text[_pos];
        if (char.IsAsciiDigit(c))
        {
            return ReadNumber();
        }

        if (c is '\'' or '"')
        {
            return ReadString(c);
        }

        if (char.IsLetter(c) || c == '_')
        {
            return ReadWord();
        }

        return ReadSymbol(c);
    }

    private Token ReadNumber()
    {
        var start = _pos;
        SkipDigits();
        if (Peek(0) == '.')
        {
            if (!char.IsAsciiDigit(Peek(1)))
            {
                throw Error(_pos + 1, "Expected a digit after the decimal point.");
            }

            _pos++;
            SkipDigits();
        }

        if (Peek(0) is 'e' or 'E')
        {
            var offset = Peek(1) is '+' or '-' ? 2 : 1;
            if (!char.IsAsciiDigit(Peek(offset)))
            {
                throw Error(_pos + offset, "Expected a digit in the number's exponent.");
            }

            _pos += offset;
            SkipDigits();
        }

        if (char.IsLetter(Peek(0)) || Peek(0) == '_')
        {
            throw Error(_pos, "Unexpected letter after a number.");
        }

        var lexeme = _text[start.._pos];
        if (!double.TryParse(lexeme, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            throw Error(start, $"Number '{lexeme}' is out of range.");
        }

        return new Token(TokenKind.Number, start, lexeme, lexeme);
    }

    private Token ReadString(char quote)
    {
        var start = _pos;
        _pos++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_pos >= _end)
            {
                throw Error(start, "Unterminated string literal.");
            }

            var c = _text[_pos];
            if (c == quote)
            {
                _pos++;
                return new Token(TokenKind.String, start, builder.ToString(), _text[start.._pos]);
            }

            if (c == '\\')
            {
                ReadEscape(builder);
            }
            else
            {
                builder.Append(c);
                _pos++;
            }
        }
    }

    private void ReadEscape(StringBuilder builder)
    {
        var escapeStart = _pos;
        var c = Peek(1);
        _pos += 2;
        switch (c)
        {
            case '\\': builder.Append('\\'); break;
            case '\'': builder.Append('\''); break;
            case '"': builder.Append('"'); break;
            case '/': builder.Append('/'); break;
            case 'n': builder.Append('\n'); break;
            case 'r': builder.Append('\r'); break;
            case 't': builder.Append('\t'); break;
            case 'b': builder.Append('\b'); break;
            case 'f': builder.Append('\f'); break;
            case 'u':
                if (_pos + 4 > _end
                    || !int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    throw Error(escapeStart, "Invalid \\u escape: expected four hexadecimal digits.");
                }

                builder.Append((char)code);
                _pos += 4;
                break;
            case '\0' when escapeStart + 1 >= _end:
                throw Error(escapeStart, "Unterminated string literal.");
            default:
                throw Error(escapeStart, $"Unknown escape sequence '\\{c}'.");
        }
    }

    private Token ReadWord()
    {
        var start = _pos;
        while (_pos < _end && IsWordPart(_text[_pos]))
        {
            _pos++;
        }

        var word = _text[start.._pos];
        var kind = Keywords.TryGetValue(word, out var keyword) ? keyword : TokenKind.Identifier;
        return new Token(kind, start, word, word);
    }

    private Token ReadSymbol(char c)
    {
        var start = _pos;
        var next = Peek(1);
        (TokenKind Kind, int Length) symbol = c switch
        {
            '=' when next == '=' => (TokenKind.Equal, 2),
            '=' => (TokenKind.SingleEquals, 1),
            '!' when next == '=' => (TokenKind.NotEqual, 2),
            '!' => (TokenKind.Bang, 1),
            '<' when next == '=' => (TokenKind.LessOrEqual, 2),
            '<' => (TokenKind.Less, 1),
            '>' when next == '=' => (TokenKind.GreaterOrEqual, 2),
            '>' => (TokenKind.Greater, 1),
            '&' when next == '&' => (TokenKind.And, 2),
            '|' when next == '|' => (TokenKind.Or, 2),
            '+' => (TokenKind.Plus, 1),
            '-' => (TokenKind.Minus, 1),
            '*' => (TokenKind.Star, 1),
            '/' => (TokenKind.Slash, 1),
            '%' => (TokenKind.Percent, 1),
            '(' => (TokenKind.LeftParen, 1),
            ')' => (TokenKind.RightParen, 1),
            '[' => (TokenKind.LeftBracket, 1),
            ']' => (TokenKind.RightBracket, 1),
            ',' => (TokenKind.Comma, 1),
            '.' => (TokenKind.Dot, 1),
            '&' or '|' => throw Error(start, $"Unexpected character '{c}'; use '{c}{c}' for the logical operator."),
            _ => throw Error(start, $"Unexpected character '{c}'."),
        };

        _pos += symbol.Length;
        var lexeme = _text.Substring(start, symbol.Length);
        return new Token(symbol.Kind, start, lexeme, lexeme);
    }

    // Combining marks let Vietnamese names written in decomposed form (NFD) stay one identifier.
    private static bool IsWordPart(char c) =>
        char.IsLetterOrDigit(c) || c == '_'
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private void SkipDigits()
    {
        while (_pos < _end && char.IsAsciiDigit(_text[_pos]))
        {
            _pos++;
        }
    }

    private char Peek(int offset) => _pos + offset < _end ? _text[_pos + offset] : '\0';

    private static ExpressionSyntaxException Error(int position, string message) =>
        new(new ExpressionError(position, message));
}

namespace IsoDienTu.Engine.Expressions;

/// <param name="Value">Identifier name, unescaped string content, or number text.</param>
/// <param name="Lexeme">The token as written, for error messages.</param>
internal readonly record struct Token(TokenKind Kind, int Position, string Value, string Lexeme)
{
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of expression",
        TokenKind.String => $"string {Lexeme}",
        _ => $"'{Lexeme}'",
    };

    /// <summary>Keywords may still be used as property names after a dot (e.g. <c>form.empty</c>).</summary>
    public bool IsName => Kind == TokenKind.Identifier || char.IsLetter(Lexeme.Length > 0 ? Lexeme[0] : ' ');
}

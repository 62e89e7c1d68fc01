namespace IsoDienTu.Engine.Expressions;

/// <summary>
/// Locates the expression inside its wrapper: <c>${…}</c> or <c>#{…}</c> (Camunda/JUEL),
/// a leading <c>=</c> (FEEL, where a single <c>=</c> then means equality), or none.
/// </summary>
internal readonly record struct ExpressionBody(int Start, int End, bool Feel)
{
    /// <exception cref="ExpressionSyntaxException">When a JUEL wrapper is not closed.</exception>
    public static ExpressionBody Locate(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end - start >= 2 && text[start] is '$' or '#' && text[start + 1] == '{')
        {
            if (text[end - 1] != '}' || end - start < 3)
            {
                throw new ExpressionSyntaxException(new ExpressionError(end, $"Missing '}}' to close '{text[start]}{{' at position {start}."));
            }

            return new ExpressionBody(start + 2, end - 1, Feel: false);
        }

        if (start < end && text[start] == '=' && (start + 1 == end || text[start + 1] != '='))
        {
            return new ExpressionBody(start + 1, end, Feel: true);
        }

        return new ExpressionBody(start, end, Feel: false);
    }
}

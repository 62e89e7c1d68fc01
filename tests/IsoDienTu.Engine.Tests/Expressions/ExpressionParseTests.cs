using IsoDienTu.Engine.Expressions;

namespace IsoDienTu.Engine.Tests.Expressions;

public class ExpressionParseTests
{
    [Theory]
    [InlineData("a", "a")]
    [InlineData("${assigneeList}", "assigneeList")]
    [InlineData("#{ a }", "a")]
    [InlineData("  ${ a }  ", "a")]
    [InlineData("= status = \"approve\"", "status")]
    [InlineData("=status", "status")]
    [InlineData("applicant.address.province == 'HN'", "applicant")]
    [InlineData("a + b * a", "a,b")]
    [InlineData("x in [y, 'z']", "x,y")]
    [InlineData("x not in list", "x,list")]
    [InlineData("form.empty and form.in", "form")]
    [InlineData("a eq 1 && b ne 2 || c lt 3 and d gt 4 or e le 5 and f ge 6", "a,b,c,d,e,f")]
    [InlineData("a[0].b", "a")]
    [InlineData("m[key]", "m,key")]
    [InlineData("(((a)))", "a")]
    [InlineData("ngườiNộp.tỉnh == 'Hà Nội'", "ngườiNộp")]
    [InlineData("_x1", "_x1")]
    [InlineData("true and not false", "")]
    [InlineData("1", "")]
    [InlineData("-1.5e3", "")]
    [InlineData("- -1", "")]
    [InlineData("!!true", "")]
    [InlineData("!empty x", "x")]
    [InlineData("[]", "")]
    [InlineData("[1, 'a', [true, null]]", "")]
    [InlineData("'it\\'s' + \"say \\\"hi\\\"\\n\" + '\\u00e9\\t\\\\\\/'", "")]
    [InlineData("${nrOfCompletedInstances/nrOfInstances >= 0.6}", "nrOfCompletedInstances,nrOfInstances")]
    [InlineData("10 div 4 mod 3 % 2", "")]
    public void Parse_Valid_ReportsVariables(string text, string variables)
    {
        Expression.TryParse(text, out var expression, out var error).ShouldBeTrue(error?.ToString());
        expression.Text.ShouldBe(text);
        string.Join(',', expression.Variables).ShouldBe(variables);
    }

    [Theory]
    [InlineData("", 0, "empty")]
    [InlineData("${}", 2, "empty")]
    [InlineData("#{ }", 3, "empty")]
    [InlineData("=", 1, "empty")]
    [InlineData("${a", 3, "Missing '}'")]
    [InlineData("${", 2, "Missing '}'")]
    [InlineData("${a} and ${b}", 3, "Unexpected character '}'")]
    [InlineData("a = 1", 2, "Assignment")]
    [InlineData("${a = 1}", 4, "Assignment")]
    [InlineData("= a = 1 = 2", 8, "chained")]
    [InlineData("a == 1 )", 7, "Unexpected ')'")]
    [InlineData("(a == 1", 7, "Expected ')' to close '(' at position 0")]
    [InlineData("[1, 2", 5, "Expected ',' or ']'")]
    [InlineData("[1 2]", 3, "Expected ',' or ']', found '2'")]
    [InlineData("[1,]", 3, "Expected a value, found ']'")]
    [InlineData("x[1", 3, "Expected ']'")]
    [InlineData("a b", 2, "Unexpected 'b' after the end")]
    [InlineData("a == 1 b", 7, "after the end")]
    [InlineData("a # b", 2, "Unexpected character '#'")]
    [InlineData("a & b", 2, "'&&'")]
    [InlineData("a | b", 2, "'||'")]
    [InlineData("a ; b", 2, "Unexpected character ';'")]
    [InlineData("'abc", 0, "Unterminated string")]
    [InlineData("a == \"abc", 5, "Unterminated string")]
    [InlineData("'abc\\", 4, "Unterminated string")]
    [InlineData("'a\\qb'", 2, "Unknown escape sequence '\\q'")]
    [InlineData("'\\u12'", 1, "\\u escape")]
    [InlineData("1.", 2, "decimal point")]
    [InlineData("1.x", 2, "decimal point")]
    [InlineData("1e", 2, "exponent")]
    [InlineData("1e+", 3, "exponent")]
    [InlineData("12abc", 2, "letter after a number")]
    [InlineData("1e999", 0, "out of range")]
    [InlineData(".5", 0, "Expected a value, found '.'")]
    [InlineData("a < b < c", 6, "chained")]
    [InlineData("a == b != c", 7, "chained")]
    [InlineData("a ==", 4, "Unexpected end of expression")]
    [InlineData("a in", 4, "Unexpected end of expression")]
    [InlineData("a not b", 2, "Unexpected 'not'")]
    [InlineData("a.", 2, "property name")]
    [InlineData("a.(b)", 2, "property name")]
    [InlineData("a.'b'", 2, "property name after '.', found string 'b'")]
    [InlineData("a \"b\"", 2, "Unexpected string \"b\" after the end")]
    [InlineData("and", 0, "Expected a value, found 'and'")]
    [InlineData("a and", 5, "Unexpected end")]
    [InlineData("not", 3, "Unexpected end")]
    [InlineData("()", 1, "Expected a value, found ')'")]
    [InlineData("foo()", 0, "calls are not supported: 'foo(...)'")]
    [InlineData("list[0](1)", 7, "calls are not supported")]
    [InlineData("(a)(b)", 3, "calls are not supported")]
    public void Parse_Invalid_ReportsPositionAndMessage(string text, int position, string message)
    {
        Expression.TryParse(text, out var expression, out var error).ShouldBeFalse();
        expression.ShouldBeNull();
        error.ShouldNotBeNull();
        error.Message.ShouldContain(message, Case.Sensitive);
        error.Position.ShouldBe(position, error.Message);
    }

    [Theory]
    [InlineData("execution.getVariable('x')", 10)]
    [InlineData("${execution.getVariable('x')}", 12)]
    [InlineData("#{bean.method()}", 7)]
    public void Parse_MethodCall_ReportsPosition(string text, int position)
    {
        Expression.TryParse(text, out _, out var error).ShouldBeFalse();
        error!.Position.ShouldBe(position);
        error.Message.ShouldContain("not supported");
    }

    [Fact]
    public void Parse_Invalid_ThrowsSyntaxExceptionWithError()
    {
        var exception = Should.Throw<ExpressionSyntaxException>(() => Expression.Parse("${a == }"));

        exception.Error.Position.ShouldBe(7);
        exception.Message.ShouldContain("position 7");
    }

    [Fact]
    public void Parse_Null_ReportsErrorWithoutThrowing()
    {
        Expression.TryParse(null!, out _, out var error).ShouldBeFalse();
        error!.Position.ShouldBe(0);
    }

    [Fact]
    public void Parse_NestingAtLimit_Succeeds()
    {
        var text = new string('(', Expression.MaxDepth) + "a" + new string(')', Expression.MaxDepth);

        Expression.TryParse(text, out _, out var error).ShouldBeTrue(error?.ToString());
    }

    [Theory]
    [InlineData("(", ")", 64)]
    [InlineData("[", "]", 64)]
    [InlineData("!", "", 64)]
    [InlineData("-", "", 64)]
    [InlineData("empty ", "", 384)]
    [InlineData("a[", "]", 129)]
    public void Parse_DeepNesting_Rejected(string open, string close, int position)
    {
        const int levels = 10_000;
        var text = string.Concat(Enumerable.Repeat(open, levels)) + "1" + string.Concat(Enumerable.Repeat(close, levels));
        text = text[..Expression.MaxLength];

        Expression.TryParse(text, out _, out var error).ShouldBeFalse();
        error!.Message.ShouldContain("nested too deeply");
        error.Position.ShouldBe(position);
    }

    [Fact]
    public void Parse_DeepNotChain_Rejected()
    {
        var text = string.Concat(Enumerable.Repeat("not ", 100)) + "true";

        Expression.TryParse(text, out _, out var error).ShouldBeFalse();
        error!.Message.ShouldContain("nested too deeply");
        error.Position.ShouldBe(Expression.MaxDepth * 4);
    }

    [Fact]
    public void Parse_LongOperatorChain_RejectedAsTooComplex()
    {
        var text = "a" + string.Concat(Enumerable.Repeat(" + a", 300));

        Expression.TryParse(text, out _, out var error).ShouldBeFalse();
        error!.Message.ShouldContain("too complex");
        error.Position.ShouldBe(2 + (4 * (Expression.MaxHeight - 1)));
    }

    [Fact]
    public void Parse_TooLong_Rejected()
    {
        var text = new string('a', Expression.MaxLength + 1);

        Expression.TryParse(text, out _, out var error).ShouldBeFalse();
        error!.Position.ShouldBe(Expression.MaxLength);
        error.Message.ShouldContain("longer than");
    }

    [Fact]
    public void Parse_AtMaxLength_Succeeds()
    {
        var text = new string('a', Expression.MaxLength);

        Expression.Parse(text).Variables.ShouldBe(new[] { text });
    }
}

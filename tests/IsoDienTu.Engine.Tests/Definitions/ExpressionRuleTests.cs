using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Tests.Definitions;

/// <summary>While the expression and calendar stubs parse nothing, these check that the rule fires on bad input;
/// the position-in-message and valid-input cases run once the real parsers are merged.</summary>
public class ExpressionRuleTests
{
    private static string Split(string condition, string gatewayAttributes = "") => BpmnText.Process($"""
        <startEvent id="start" />
        <sequenceFlow id="f0" sourceRef="start" targetRef="gw" />
        <exclusiveGateway id="gw" name="Hồ sơ hợp lệ?" {gatewayAttributes} />
        <sequenceFlow id="yes" sourceRef="gw" targetRef="end"><conditionExpression>{condition}</conditionExpression></sequenceFlow>
        <sequenceFlow id="no" sourceRef="gw" targetRef="end" />
        <endEvent id="end" />
        """);

    [Fact]
    public void ConditionThatDoesNotParse_ErrorOnTheFlow()
    {
        var model = BpmnImporter.Import(Split("${hopLe == }", """default="no" """));

        Expect.Single(model, DiagnosticCodes.InvalidExpression, "yes").MessageVi.ShouldContain("biểu thức điều kiện");
    }

    [NeedsParsersFact]
    public void ConditionThatDoesNotParse_MessageGivesPosition()
    {
        var model = BpmnImporter.Import(Split("${hopLe == }", """default="no" """));

        Expect.Single(model, DiagnosticCodes.InvalidExpression, "yes").Message.ShouldContain("at position");
    }

    [NeedsParsersFact]
    public void ValidConditions_NoExpressionErrors()
    {
        Expect.None(BpmnImporter.Import(Split("${hopLe == true}", """default="no" """)), DiagnosticCodes.InvalidExpression);
    }

    [Fact]
    public void MultiInstanceExpressions_Checked()
    {
        var model = BpmnImporter.Import(BpmnText.Linear("""
            <task id="t"><multiInstanceLoopCharacteristics><loopCardinality>${n +}</loopCardinality></multiInstanceLoopCharacteristics></task>
            """));

        Expect.Single(model, DiagnosticCodes.InvalidExpression, "t").Message.ShouldContain("loop cardinality");
    }

    [Fact]
    public void LiteralCardinalityAndAssignee_NotParsedAsExpressions()
    {
        var model = BpmnImporter.Import(BpmnText.Linear("""
            <userTask id="t" camunda:assignee="nguyenvana"><multiInstanceLoopCharacteristics><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics></userTask>
            """));

        Expect.None(model, DiagnosticCodes.InvalidExpression);
    }

    [Fact]
    public void AssigneeExpressionThatDoesNotParse_Error()
    {
        var model = BpmnImporter.Import(BpmnText.Linear("""<userTask id="t" camunda:assignee="${nguoi(}" />"""));

        Expect.Single(model, DiagnosticCodes.InvalidExpression, "t").MessageVi.ShouldContain("người thực hiện");
    }

    [Theory]
    [InlineData("timeDuration", "hai giờ")]
    [InlineData("timeDate", "ngày mai")]
    [InlineData("timeDate", "1/2/2026")]
    [InlineData("timeCycle", "mỗi ngày")]
    public void TimerThatDoesNotParse_Error(string kind, string text)
    {
        var model = BpmnImporter.Import(BpmnText.Linear($"""
            <intermediateCatchEvent id="t" name="Chờ"><timerEventDefinition><{kind}>{text}</{kind}></timerEventDefinition></intermediateCatchEvent>
            """));

        Expect.Single(model, DiagnosticCodes.InvalidTimer, "t").MessageVi.ShouldContain($"“{text}” không đúng định dạng ISO 8601");
    }

    [Fact]
    public void TimerWithoutExpression_Error()
    {
        var model = BpmnImporter.Import(BpmnText.Linear("""<intermediateCatchEvent id="t"><timerEventDefinition /></intermediateCatchEvent>"""));

        Expect.Single(model, DiagnosticCodes.InvalidTimer, "t");
    }

    [Fact]
    public void TimerWithIsoDate_Accepted()
    {
        var model = BpmnImporter.Import(BpmnText.Linear("""
            <intermediateCatchEvent id="t"><timerEventDefinition><timeDate>2026-01-31T08:00:00+07:00</timeDate></timerEventDefinition></intermediateCatchEvent>
            """));

        Expect.None(model, DiagnosticCodes.InvalidTimer);
    }

    [NeedsParsersFact]
    public void TimerWithDurationAndCycle_Accepted()
    {
        var model = BpmnImporter.Import(BpmnText.Linear("""
            <intermediateCatchEvent id="t"><timerEventDefinition><timeDuration>PT4H</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <boundaryEvent id="b" attachedToRef="t" cancelActivity="false"><timerEventDefinition><timeCycle>R3/PT1H</timeCycle></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="fb" sourceRef="b" targetRef="end" />
            """));

        Expect.None(model, DiagnosticCodes.InvalidTimer);
    }
}

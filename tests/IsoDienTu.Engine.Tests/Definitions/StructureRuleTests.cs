using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Tests.Definitions;

public class StructureRuleTests
{
    private const string Task = """<userTask id="t" name="Thẩm định" iso:unit="phong-tnmt" iso:role="chuyen-vien" />""";

    [Fact]
    public void WellFormedLinearProcess_HasNoStructuralFindings()
    {
        var model = BpmnImporter.Import(BpmnText.Linear(Task));

        model.Diagnostics.ShouldBeEmpty();
        model.Executable!.Key.ShouldBe("p");
    }

    [Fact]
    public void DuplicateId_Error()
    {
        var model = BpmnImporter.Import(BpmnText.Linear(Task + """<task id="t" name="Trùng" />"""));

        var d = Expect.Single(model, DiagnosticCodes.DuplicateId, "t");
        d.Severity.ShouldBe(DiagnosticSeverity.Error);
        d.MessageVi.ShouldContain("Mã “t” bị trùng");
    }

    [Fact]
    public void FlowFromMissingSource_ErrorNamesTheFlow()
    {
        var model = BpmnImporter.Import(BpmnText.Linear(Task + """<sequenceFlow id="stray" sourceRef="ghost" targetRef="end" />"""));

        Expect.Single(model, DiagnosticCodes.FlowEndpointMissing, "stray").MessageVi.ShouldContain("“ghost”");
    }

    [Fact]
    public void BoundaryOnMissingActivity_Error()
    {
        var model = BpmnImporter.Import(BpmnText.Linear(Task + """
            <boundaryEvent id="b" attachedToRef="ghost"><timerEventDefinition><timeDate>2026-01-31T08:00:00+07:00</timeDate></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="fb" sourceRef="b" targetRef="end" />
            """));

        Expect.Single(model, DiagnosticCodes.BoundaryHostMissing, "b").MessageVi.ShouldContain("Sự kiện biên");
    }

    [Fact]
    public void NoStartEvent_ErrorOnTheProcess()
    {
        var model = BpmnImporter.Import(BpmnText.Process("""<endEvent id="end" />"""));

        Expect.Single(model, DiagnosticCodes.NoStartEvent, "p").MessageVi.ShouldContain("chưa có sự kiện bắt đầu");
    }

    [Fact]
    public void StartEventWithIncoming_And_EndEventWithOutgoing_Errors()
    {
        var model = BpmnImporter.Import(BpmnText.Linear(Task + """<sequenceFlow id="back" sourceRef="end" targetRef="start" />"""));

        Expect.Single(model, DiagnosticCodes.StartWithIncoming, "start");
        Expect.Single(model, DiagnosticCodes.EndWithOutgoing, "end");
    }

    [Fact]
    public void NodeWithoutOutgoing_Warning()
    {
        var model = BpmnImporter.Import(BpmnText.Process("""
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="t" />
            <task id="t" name="Lưu hồ sơ" />
            """));

        var d = Expect.Single(model, DiagnosticCodes.NoOutgoing, "t");
        d.Severity.ShouldBe(DiagnosticSeverity.Warning);
        d.MessageVi.ShouldContain("“Lưu hồ sơ” chưa có luồng đi ra");
    }

    [Fact]
    public void UnreachableNode_Warning_ButEventSubProcessAndBoundaryAreReachable()
    {
        var model = BpmnImporter.Import(BpmnText.Linear(Task + """
            <task id="orphan" name="Bước lạc" />
            <sequenceFlow id="fo" sourceRef="orphan" targetRef="end" />
            <boundaryEvent id="b" attachedToRef="t"><messageEventDefinition /></boundaryEvent>
            <sequenceFlow id="fb" sourceRef="b" targetRef="end" />
            <subProcess id="esp" triggeredByEvent="true">
              <startEvent id="espStart"><signalEventDefinition /></startEvent>
              <sequenceFlow id="fe" sourceRef="espStart" targetRef="espEnd" />
              <endEvent id="espEnd" />
            </subProcess>
            """));

        var d = Expect.Single(model, DiagnosticCodes.Unreachable, "orphan");
        d.Severity.ShouldBe(DiagnosticSeverity.Warning);
        d.MessageVi.ShouldContain("“Bước lạc”");
    }

    [Fact]
    public void ElementWithoutId_Error()
    {
        var model = BpmnImporter.Import(BpmnText.Linear(Task + """<task name="không mã" />"""));

        var d = model.Diagnostics.ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCodes.MissingId);
        d.Line.ShouldNotBeNull();
    }

    [Fact]
    public void UnsupportedElement_ErrorWhenExecutable_WarningOtherwise()
    {
        var body = """
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="cg" />
            <complexGateway id="cg" />
            <sequenceFlow id="f2" sourceRef="cg" targetRef="end" />
            <endEvent id="end" />
            """;

        var executable = BpmnImporter.Import(BpmnText.Process(body));
        var documentation = BpmnImporter.Import(BpmnText.Process(body).Replace("isExecutable=\"true\"", "isExecutable=\"false\"", StringComparison.Ordinal));

        var error = Expect.Single(executable, DiagnosticCodes.Unsupported, "cg");
        error.Severity.ShouldBe(DiagnosticSeverity.Error);
        error.Message.ShouldContain("complexGateway");
        Expect.None(executable, DiagnosticCodes.FlowEndpointMissing);
        Expect.Single(documentation, DiagnosticCodes.Unsupported, "cg").Severity.ShouldBe(DiagnosticSeverity.Warning);
    }

    [Fact]
    public void UnsupportedEventDefinition_NamedInTheDiagnostic()
    {
        var model = BpmnImporter.Import(BpmnText.Linear("""
            <intermediateCatchEvent id="t"><conditionalEventDefinition><condition>${x}</condition></conditionalEventDefinition></intermediateCatchEvent>
            """));

        model.Executable!.Node("t").ShouldBeOfType<IntermediateCatchEvent>().Trigger.ShouldBe(new UnsupportedTrigger("conditional"));
        Expect.Single(model, DiagnosticCodes.Unsupported, "t").Message.ShouldContain("conditional");
    }

    [Fact]
    public void NonExecutableProcess_ErrorsBecomeWarnings()
    {
        var model = BpmnImporter.Import(BpmnText.Linear("""<userTask id="t" />""").Replace("isExecutable=\"true\"", "isExecutable=\"false\"", StringComparison.Ordinal));

        Expect.Single(model, DiagnosticCodes.NoAssignment, "t").Severity.ShouldBe(DiagnosticSeverity.Warning);
        model.HasErrors.ShouldBeFalse();
    }
}

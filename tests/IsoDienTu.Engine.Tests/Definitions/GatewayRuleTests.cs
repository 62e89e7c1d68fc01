using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Tests.Definitions;

public class GatewayRuleTests
{
    [Fact]
    public void ConditionalSplitWithoutDefault_Warning()
    {
        var model = BpmnImporter.Import(BpmnText.Process("""
            <startEvent id="start" />
            <sequenceFlow id="f0" sourceRef="start" targetRef="gw" />
            <inclusiveGateway id="gw" name="Cần lấy ý kiến?" />
            <sequenceFlow id="a" sourceRef="gw" targetRef="end"><conditionExpression>${a}</conditionExpression></sequenceFlow>
            <sequenceFlow id="b" sourceRef="gw" targetRef="end"><conditionExpression>${b}</conditionExpression></sequenceFlow>
            <endEvent id="end" />
            """));

        var d = Expect.Single(model, DiagnosticCodes.SplitWithoutDefault, "gw");
        d.Severity.ShouldBe(DiagnosticSeverity.Warning);
        d.MessageVi.ShouldContain("chưa có luồng mặc định");
    }

    [Fact]
    public void DefaultFlowThatIsNotOutgoing_Error()
    {
        var model = BpmnImporter.Import(BpmnText.Process("""
            <startEvent id="start" />
            <sequenceFlow id="f0" sourceRef="start" targetRef="gw" />
            <exclusiveGateway id="gw" default="f0" />
            <sequenceFlow id="a" sourceRef="gw" targetRef="end" />
            <endEvent id="end" />
            """));

        Expect.Single(model, DiagnosticCodes.DefaultFlowInvalid, "gw");
    }

    [Fact]
    public void EventBasedGatewayToUserTask_Error()
    {
        var model = BpmnImporter.Import(BpmnText.Process("""
            <startEvent id="start" />
            <sequenceFlow id="f0" sourceRef="start" targetRef="gw" />
            <eventBasedGateway id="gw" />
            <sequenceFlow id="f1" sourceRef="gw" targetRef="wait" />
            <sequenceFlow id="f2" sourceRef="gw" targetRef="t" />
            <intermediateCatchEvent id="wait" iso:waitsFor="supplement"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
            <userTask id="t" name="Xử lý" iso:role="chuyen-vien" />
            <sequenceFlow id="f3" sourceRef="wait" targetRef="end" />
            <sequenceFlow id="f4" sourceRef="t" targetRef="end" />
            <endEvent id="end" />
            """, definitionsBody: """<message id="m" name="bo-sung" />"""));

        Expect.Single(model, DiagnosticCodes.EventGatewayTarget, "gw").MessageVi.ShouldContain("“Xử lý”");
        var wait = model.Executable!.Node("wait").ShouldBeOfType<IntermediateCatchEvent>();
        wait.IsSupplementWait.ShouldBeTrue();
        wait.Trigger.ShouldBe(new MessageTrigger("bo-sung"));
    }
}

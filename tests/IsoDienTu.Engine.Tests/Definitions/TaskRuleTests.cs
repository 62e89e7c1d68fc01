using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Tests.Definitions;

public class TaskRuleTests
{
    [Fact]
    public void UserTaskWithoutAnyAssignment_InAProcedure_Error()
    {
        var model = BpmnImporter.Import(BpmnText.Linear("""<userTask id="t" name="Thẩm định" />""", processAttributes: """iso:procedureCode="1.001" """));

        var d = Expect.Single(model, DiagnosticCodes.NoAssignment, "t");
        d.Severity.ShouldBe(DiagnosticSeverity.Error);
        d.MessageVi.ShouldStartWith("Bước “Thẩm định” chưa có vai trò (iso:role)");
    }

    [Fact]
    public void UserTaskWithoutAnyAssignment_InAnotherEnginesModel_Warning()
    {
        var model = BpmnImporter.Import(BpmnText.Linear("""<userTask id="t" name="Thẩm định" />"""));

        Expect.Single(model, DiagnosticCodes.NoAssignment, "t").Severity.ShouldBe(DiagnosticSeverity.Warning);
    }

    [Theory]
    [InlineData("""iso:role="chuyen-vien" """)]
    [InlineData("""camunda:candidateGroups="mot-cua" """)]
    [InlineData("""camunda:candidateUsers="an" """)]
    [InlineData("""camunda:assignee="binh" """)]
    public void UserTaskWithAnyAssignment_NoError(string attributes)
    {
        var model = BpmnImporter.Import(BpmnText.Linear($"""<userTask id="t" {attributes} />"""));

        Expect.None(model, DiagnosticCodes.NoAssignment);
    }

    [Fact]
    public void UnitWithoutRole_Error()
    {
        var model = BpmnImporter.Import(BpmnText.Linear("""<userTask id="t" name="Phê duyệt" iso:unit="ubnd-xa" />"""));

        Expect.Single(model, DiagnosticCodes.UnitWithoutRole, "t").MessageVi.ShouldContain("chưa có vai trò (iso:role)");
        Expect.None(model, DiagnosticCodes.NoAssignment);
    }

    [Fact]
    public void InvalidAllotment_Error()
    {
        var model = BpmnImporter.Import(BpmnText.Linear("""<userTask id="t" iso:role="chuyen-vien" iso:allotment="hai ngày" />"""));

        Expect.Single(model, DiagnosticCodes.InvalidAllotment, "t").MessageVi.ShouldContain("“hai ngày” không hợp lệ");
    }

    [NeedsParsersFact]
    public void ValidAllotment_Parsed()
    {
        var model = BpmnImporter.Import(BpmnText.Linear("""<userTask id="t" iso:role="chuyen-vien" iso:allotment="P2D" />"""));

        Expect.None(model, DiagnosticCodes.InvalidAllotment);
        model.Executable!.Node("t").ShouldBeOfType<UserTask>().Allotment.ShouldNotBeNull();
    }

    [Fact]
    public void CallActivityWithoutCalledElement_Error()
    {
        var model = BpmnImporter.Import(BpmnText.Linear("""<callActivity id="t" name="Liên thông thuế" />"""));

        Expect.Single(model, DiagnosticCodes.CalledElementMissing, "t").MessageVi.ShouldContain("“Liên thông thuế”");
    }

    [Fact]
    public void CallActivityWithBadVersion_Error()
    {
        var model = BpmnImporter.Import(BpmnText.Linear("""<callActivity id="t" calledElement="thue" iso:version="mới nhất" />"""));

        Expect.Single(model, DiagnosticCodes.InvalidVersion, "t");
    }

    [Fact]
    public void MultiInstanceWithoutCardinalityOrCollection_Error()
    {
        var model = BpmnImporter.Import(BpmnText.Linear("""
            <task id="t" name="Lấy ý kiến"><multiInstanceLoopCharacteristics isSequential="true" /></task>
            """));

        Expect.Single(model, DiagnosticCodes.MultiInstanceUnbounded, "t").MessageVi.ShouldContain("“Lấy ý kiến”");
    }
}

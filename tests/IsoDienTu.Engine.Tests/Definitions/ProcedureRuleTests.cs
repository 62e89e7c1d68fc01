using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Tests.Definitions;

public class ProcedureRuleTests
{
    private static BpmnModel Import(string processAttributes) =>
        BpmnImporter.Import(BpmnText.Linear("""<userTask id="t" iso:role="chuyen-vien" />""", processAttributes: processAttributes));

    [Fact]
    public void ProcedureAttributes_Mapped()
    {
        var procedure = Import("""iso:procedureCode="1.004227" iso:cutoff="15:00" iso:supplementClock="pause" iso:level="4" iso:legalBasis="Nghị định 118/2025" iso:owner="so-tnmt" """)
            .Executable!.Procedure;

        procedure.ProcedureCode.ShouldBe("1.004227");
        procedure.Cutoff.ShouldBe(new TimeOnly(15, 0));
        procedure.SupplementClock.ShouldBe(SupplementClock.Pause);
        procedure.Level.ShouldBe("4");
        procedure.LegalBasis.ShouldBe("Nghị định 118/2025");
        procedure.Attributes["owner"].ShouldBe("so-tnmt");
        procedure.Attributes.Count.ShouldBe(6);
    }

    [Fact]
    public void InvalidDeadline_Error()
    {
        var d = Expect.Single(Import("""iso:deadline="mười lăm ngày" """), DiagnosticCodes.InvalidDeadline, "p");

        d.Severity.ShouldBe(DiagnosticSeverity.Error);
        d.MessageVi.ShouldContain("thời hạn giải quyết iso:deadline “mười lăm ngày” không hợp lệ");
    }

    [Fact]
    public void InvalidCutoff_Error()
    {
        Expect.Single(Import("""iso:cutoff="3 giờ chiều" """), DiagnosticCodes.InvalidCutoff, "p").MessageVi.ShouldContain("15:00");
    }

    [Fact]
    public void InvalidSupplementClock_Error()
    {
        Expect.Single(Import("""iso:supplementClock="stop" """), DiagnosticCodes.InvalidSupplementClock, "p").MessageVi.ShouldContain("“stop”");
    }

    [NeedsParsersFact]
    public void AllotmentsOverDeadline_WarningGivesBothFigures()
    {
        var model = BpmnImporter.Import(BpmnText.Process("""
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="a" />
            <userTask id="a" iso:role="mot-cua" iso:allotment="P1D" />
            <sequenceFlow id="f2" sourceRef="a" targetRef="b" />
            <userTask id="b" iso:role="chuyen-vien" iso:allotment="P2D" />
            <sequenceFlow id="f3" sourceRef="b" targetRef="end" />
            <endEvent id="end" />
            """, """iso:deadline="P2D" """));

        var d = Expect.Single(model, DiagnosticCodes.BudgetExceedsDeadline, "p");
        d.Severity.ShouldBe(DiagnosticSeverity.Warning);
        d.Message.ShouldContain("24");
        d.Message.ShouldContain("16");
    }
}

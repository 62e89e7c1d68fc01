using System.Text.Json;
using System.Xml.Linq;
using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Tests.Definitions;

public class RoundTripTests
{
    private static readonly XNamespace Di = "http://www.omg.org/spec/BPMN/20100524/DI";

    public static TheoryData<string> Files => Fixtures.Files("miwg");

    [Theory]
    [MemberData(nameof(Files))]
    public void ImportExportImport_MiwgFile_SameModelAndDiagram(string file)
    {
        var first = BpmnImporter.Import(Fixtures.Read("miwg", file));

        var exported = BpmnExporter.Export(first);
        var second = BpmnImporter.Import(exported);

        Json(second).ShouldBe(Json(first));
        DiCount(exported).ShouldBe(DiCount(first.SourceXml));
    }

    [Fact]
    public void Export_ChangedProcedureAttributes_AreWrittenAndReadBack()
    {
        var model = BpmnImporter.Import(BpmnText.Linear(
            """<userTask id="t" iso:role="chuyen-vien" />""", processAttributes: """iso:procedureCode="1.001" iso:level="3" """));
        var process = model.Processes[0];
        var attributes = process.Procedure.Attributes.SetItem("procedureCode", "2.002").Remove("level").Add("legalBasis", "Nghị định 61/2018");
        var changed = model with { Processes = [process with { Procedure = process.Procedure with { Attributes = attributes } }] };

        var reread = BpmnImporter.Import(BpmnExporter.Export(changed)).Processes[0].Procedure;

        reread.ProcedureCode.ShouldBe("2.002");
        reread.Level.ShouldBeNull();
        reread.LegalBasis.ShouldBe("Nghị định 61/2018");
    }

    [Fact]
    public void Export_DocumentWithoutIsoNamespace_DeclaresIt()
    {
        var xml = BpmnText.Linear("""<userTask id="t" camunda:assignee="demo" />""").Replace("xmlns:iso=\"urn:isodientu:bpmn:1\"", "", StringComparison.Ordinal);
        var model = BpmnImporter.Import(xml);
        var process = model.Processes[0];
        var changed = model with
        {
            Processes = [process with { Procedure = process.Procedure with { Attributes = process.Procedure.Attributes.Add("procedureCode", "1.1") } }],
        };

        var exported = BpmnExporter.Export(changed);

        exported.ShouldContain("xmlns:iso=\"urn:isodientu:bpmn:1\"");
        BpmnImporter.Import(exported).Processes[0].Procedure.ProcedureCode.ShouldBe("1.1");
    }

    private static string Json(BpmnModel model) => JsonSerializer.Serialize(model.Processes);

    private static int DiCount(string xml)
    {
        var document = XDocument.Parse(xml);
        return document.Descendants(Di + "BPMNShape").Count() + document.Descendants(Di + "BPMNEdge").Count();
    }
}

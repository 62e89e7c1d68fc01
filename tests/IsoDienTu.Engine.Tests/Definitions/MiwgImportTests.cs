using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Tests.Definitions;

public class MiwgImportTests
{
    private static readonly string[] Executable = ["C.1.0", "C.1.1", "C.3.0", "C.8.1", "C.9.0", "C.9.1", "C.9.2"];

    public static TheoryData<string> Files => Fixtures.Files("miwg");

    [Theory]
    [MemberData(nameof(Files))]
    public void Import_MiwgFile_ReadsEveryProcessWithoutXmlErrors(string file)
    {
        var xml = Fixtures.Read("miwg", file);

        var model = BpmnImporter.Import(xml);

        var processCount = System.Xml.Linq.XDocument.Parse(xml).Root!
            .Elements(System.Xml.Linq.XName.Get("process", "http://www.omg.org/spec/BPMN/20100524/MODEL")).Count();
        model.Processes.Length.ShouldBe(processCount);
        processCount.ShouldBeGreaterThan(0);
        model.Diagnostics.ShouldNotContain(d => d.Code == DiagnosticCodes.NotXml || d.Code == DiagnosticCodes.InternalError);
        model.Processes.ShouldAllBe(p => !p.Nodes.IsEmpty);
    }

    public static TheoryData<string> ExecutableFiles => new(Executable.Select(name => name + ".bpmn"));

    [Theory]
    [MemberData(nameof(ExecutableFiles))]
    public void Import_ExecutableMiwgFile_ValidatesAndLocatesEveryDiagnostic(string file)
    {
        var model = BpmnImporter.Import(Fixtures.Read("miwg", file));

        var executable = model.Executable.ShouldNotBeNull();
        executable.IsExecutable.ShouldBeTrue();
        executable.Nodes.Values.OfType<StartEvent>().ShouldNotBeEmpty();
        model.Diagnostics.ShouldAllBe(d => d.ElementId != null || d.Line != null);
        model.Diagnostics.ShouldAllBe(d => d.MessageVi.Length > 0 && d.Message.Length > 0);
        model.Diagnostics.ShouldNotContain(d => d.Code == DiagnosticCodes.FlowEndpointMissing);
    }
}

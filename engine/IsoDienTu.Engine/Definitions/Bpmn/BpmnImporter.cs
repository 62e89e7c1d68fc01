using System.Collections.Immutable;
using System.Xml.Linq;

namespace IsoDienTu.Engine.Definitions;

/// <summary>Reads BPMN 2.0 XML into process definitions. Never throws for bad input: problems become diagnostics.</summary>
public static class BpmnImporter
{
    public static BpmnModel Import(string xml, BpmnImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        options ??= BpmnImportOptions.Default;
        return xml.Length > options.MaxBytes ? Failed("", SecureXmlLoader.TooLarge(options.MaxBytes)) : Guarded(xml, options);
    }

    public static BpmnModel Import(Stream stream, BpmnImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= BpmnImportOptions.Default;
        try
        {
            var (text, error) = SecureXmlLoader.ReadText(stream, options.MaxBytes);
            return text is null ? Failed("", error!) : Guarded(text, options);
        }
        catch (IOException ex)
        {
            return Failed("", Internal(ex));
        }
    }

    private static BpmnModel Guarded(string xml, BpmnImportOptions options)
    {
        try
        {
            return Read(xml, options);
        }
#pragma warning disable CA1031 // The contract is "never throws for bad input"; an importer bug must not take the caller down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Failed(xml, Internal(ex));
        }
    }

    private static BpmnModel Read(string xml, BpmnImportOptions options)
    {
        var (document, error) = SecureXmlLoader.Parse(xml, options.MaxBytes, LoadOptions.SetLineInfo);
        if (document?.Root is not { } root)
        {
            return Failed(xml, error!);
        }
        if (root.Name != BpmnXml.Model + "definitions")
        {
            var (line, column) = BpmnXml.Location(root);
            return Failed(xml, new Diagnostic(
                DiagnosticSeverity.Error, DiagnosticCodes.NotBpmn, null, line, column,
                $"The root element is '{root.Name.LocalName}', not BPMN 2.0 'definitions'.",
                $"Phần tử gốc là “{root.Name.LocalName}”, không phải “definitions” của BPMN 2.0."));
        }

        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        diagnostics.AddRange(DocumentChecks.DuplicateIds(document));
        var index = DefinitionsIndex.From(root);
        var elements = root.Elements(BpmnXml.Model + "process").ToList();
        var processes = ImmutableArray.CreateBuilder<ProcessDefinition>();
        foreach (var element in elements)
        {
            var key = IsoValues.NullIfBlank(BpmnXml.Attr(element, "id"));
            if (key is null)
            {
                var (line, column) = BpmnXml.Location(element);
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.MissingId, null, line, column,
                    "A process has no id.", "Một quy trình (process) chưa có mã định danh (id)."));
                continue;
            }
            var executable = BpmnXml.Attr(element, "isExecutable") is { } flag ? IsoValues.IsTrue(flag) : elements.Count == 1;
            var (process, source, found) = ProcessReader.Read(element, key, index, executable);
            processes.Add(process);
            diagnostics.AddRange(found);
            diagnostics.AddRange(BpmnValidator.Validate(process, source, options.HoursPerWorkingDay));
        }
        if (elements.Count == 0)
        {
            var (line, column) = BpmnXml.Location(root);
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Warning, DiagnosticCodes.NotBpmn, null, line, column,
                "The file contains no process.", "Tệp không chứa quy trình (process) nào."));
        }
        return new BpmnModel(xml, processes.ToImmutable(), diagnostics.ToImmutable());
    }

    private static BpmnModel Failed(string xml, Diagnostic diagnostic) => new(xml, [], [diagnostic]);

    private static Diagnostic Internal(Exception ex) => new(
        DiagnosticSeverity.Error, DiagnosticCodes.InternalError, null, null, null,
        $"The file could not be read: {ex.GetType().Name}: {ex.Message}",
        $"Không đọc được tệp quy trình: {ex.GetType().Name}: {ex.Message}");
}

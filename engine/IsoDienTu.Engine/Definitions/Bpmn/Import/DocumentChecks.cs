using System.Xml.Linq;

namespace IsoDienTu.Engine.Definitions;

/// <summary>Checks over the whole document, before it is split into processes.</summary>
internal static class DocumentChecks
{
    public static IEnumerable<Diagnostic> DuplicateIds(XDocument document)
    {
        var seen = new Dictionary<string, (int Line, int Column)>(StringComparer.Ordinal);
        foreach (var element in document.Descendants())
        {
            // Vendor extension elements may reuse ids for their own purposes; only BPMN model and diagram ids must be unique.
            if ((element.Name.Namespace != BpmnXml.Model && element.Name.Namespace != BpmnXml.Di)
                || BpmnXml.Attr(element, "id") is not { } id)
            {
                continue;
            }
            var at = BpmnXml.Location(element);
            if (seen.TryAdd(id, at))
            {
                continue;
            }
            var first = seen[id];
            yield return new Diagnostic(
                DiagnosticSeverity.Error, DiagnosticCodes.DuplicateId, id, at.Line, at.Column,
                $"The id '{id}' is used again (first at line {first.Line}); ids must be unique in the file.",
                $"Mã “{id}” bị trùng (đã dùng ở dòng {first.Line}); mỗi phần tử phải có mã riêng trong tệp.");
        }
    }
}

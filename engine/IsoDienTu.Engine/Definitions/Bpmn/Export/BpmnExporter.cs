using System.Xml.Linq;

namespace IsoDienTu.Engine.Definitions;

/// <summary>Writes a model back as BPMN XML: the source document as it was (diagram included), with each process's
/// <c>iso:</c> attributes taken from its <see cref="ProcedureInfo.Attributes"/>, so the designer reopens what it saved.</summary>
public static class BpmnExporter
{
    public static string Export(BpmnModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (document, error) = SecureXmlLoader.Parse(model.SourceXml, long.MaxValue, LoadOptions.PreserveWhitespace);
        if (document?.Root is not { } root)
        {
            throw new ArgumentException($"The model's source is not a readable document: {error}", nameof(model));
        }

        var byKey = model.Processes.GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var element in root.Elements(BpmnXml.Model + "process"))
        {
            if (BpmnXml.Attr(element, "id") is { } id && byKey.TryGetValue(id.Trim(), out var process))
            {
                Rewrite(element, process.Procedure.Attributes);
            }
        }
        if (root.Descendants().Any(e => e.Attributes().Any(a => a.Name.Namespace == BpmnXml.Iso))
            && root.GetPrefixOfNamespace(BpmnXml.Iso) is null)
        {
            root.Add(new XAttribute(XNamespace.Xmlns + "iso", BpmnXml.Iso.NamespaceName));
        }

        var declaration = document.Declaration is { } d ? new XDeclaration(
            d.Version ?? "1.0", string.Equals(d.Encoding, "utf-8", StringComparison.OrdinalIgnoreCase) ? d.Encoding : "UTF-8", d.Standalone) : null;
        var body = document.ToString(SaveOptions.DisableFormatting);
        // Whitespace kept after the declaration already separates it from the root element.
        return declaration is null ? body
            : body.StartsWith('\n') || body.StartsWith('\r') ? $"{declaration}{body}"
            : $"{declaration}\n{body}";
    }

    /// <summary>Keeps the attributes' original order where they survive, so a diff shows only what changed.</summary>
    private static void Rewrite(XElement process, System.Collections.Immutable.ImmutableDictionary<string, string> attributes)
    {
        foreach (var existing in process.Attributes().Where(a => a.Name.Namespace == BpmnXml.Iso).ToList())
        {
            if (attributes.TryGetValue(existing.Name.LocalName, out var value))
            {
                existing.Value = value;
            }
            else
            {
                existing.Remove();
            }
        }
        foreach (var (name, value) in attributes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (process.Attribute(BpmnXml.Iso + name) is null)
            {
                process.Add(new XAttribute(BpmnXml.Iso + name, value));
            }
        }
    }
}

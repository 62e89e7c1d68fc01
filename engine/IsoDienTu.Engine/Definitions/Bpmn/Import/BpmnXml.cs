using System.Collections.Immutable;
using System.Xml;
using System.Xml.Linq;

namespace IsoDienTu.Engine.Definitions;

/// <summary>The namespaces a BPMN file may use, and reading of vendor attributes that share one name.</summary>
internal static class BpmnXml
{
    public static readonly XNamespace Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public static readonly XNamespace Iso = "urn:isodientu:bpmn:1";
    public static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";
    public static readonly XNamespace Operaton = "http://operaton.org/schema/1.0/bpmn";
    public static readonly XNamespace Flowable = "http://flowable.org/bpmn";
    public static readonly XNamespace Activiti = "http://activiti.org/bpmn";
    public static readonly XNamespace Di = "http://www.omg.org/spec/BPMN/20100524/DI";
    public static readonly XNamespace ZeebeNs = "http://camunda.org/schema/zeebe/1.0";

    private static readonly XNamespace[] Vendors = [Camunda, Operaton, Flowable, Activiti];

    /// <summary>A Camunda/Operaton/Flowable/Activiti extension attribute; they all use the same local names.</summary>
    public static string? Vendor(XElement element, string name)
    {
        foreach (var ns in Vendors)
        {
            var value = (string?)element.Attribute(ns + name);
            if (value is not null)
            {
                return value;
            }
        }
        return null;
    }

    /// <summary>An attribute of a Camunda 8 (Zeebe) extension element, e.g. <c>zeebe:loopCharacteristics/@inputCollection</c>.</summary>
    public static string? Zeebe(XElement element, string extension, string name) =>
        (string?)element.Element(Model + "extensionElements")?.Element(ZeebeNs + extension)?.Attribute(name);

    public static string? Attr(XElement element, string name) => (string?)element.Attribute(name);

    public static string? IsoAttr(XElement element, string name) => (string?)element.Attribute(Iso + name);

    public static XElement? Child(XElement element, string localName) => element.Element(Model + localName);

    public static IEnumerable<XElement> Children(XElement element, string localName) => element.Elements(Model + localName);

    /// <summary>Trimmed text of a child element; null when absent or blank.</summary>
    public static string? ChildText(XElement element, string localName) => Text(Child(element, localName));

    public static string? Text(XElement? element)
    {
        var text = element?.Value.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    public static (int Line, int Column) Location(XObject node) =>
        node is IXmlLineInfo info && info.HasLineInfo() ? (info.LineNumber, info.LinePosition) : (0, 0);

    /// <summary>Every <c>iso:</c> attribute by local name, as written.</summary>
    public static ImmutableDictionary<string, string> IsoAttributes(XElement element)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var attribute in element.Attributes().Where(a => a.Name.Namespace == Iso))
        {
            builder[attribute.Name.LocalName] = attribute.Value;
        }
        return builder.ToImmutable();
    }
}

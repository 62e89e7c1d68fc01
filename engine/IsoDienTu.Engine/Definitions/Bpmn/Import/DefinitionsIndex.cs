using System.Collections.Immutable;
using System.Xml.Linq;

namespace IsoDienTu.Engine.Definitions;

/// <summary>Root-level messages, signals, escalations and errors: what event definitions refer to by id.</summary>
internal sealed class DefinitionsIndex
{
    private readonly ImmutableDictionary<string, string?> _names;

    private DefinitionsIndex(ImmutableDictionary<string, string?> names) => _names = names;

    public static DefinitionsIndex From(XElement definitions)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string?>(StringComparer.Ordinal);
        foreach (var element in definitions.Elements().Where(e => e.Name.Namespace == BpmnXml.Model))
        {
            var nameAttribute = element.Name.LocalName switch
            {
                "message" or "signal" => "name",
                "escalation" => "escalationCode",
                "error" => "errorCode",
                _ => null,
            };
            if (nameAttribute is not null && BpmnXml.Attr(element, "id") is { } id)
            {
                builder.TryAdd(id, IsoValues.NullIfBlank(BpmnXml.Attr(element, nameAttribute)));
            }
        }
        return new DefinitionsIndex(builder.ToImmutable());
    }

    /// <summary>Name or code of a referenced definition; a QName prefix ("tns:msg") is ignored when needed.</summary>
    public bool TryResolve(string? reference, out string? name)
    {
        name = null;
        if (string.IsNullOrWhiteSpace(reference))
        {
            return false;
        }
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        return _names.TryGetValue(reference, out name)
            || (colon >= 0 && _names.TryGetValue(reference[(colon + 1)..], out name));
    }

    /// <summary>The referenced name, else the reference itself, else the fallback.</summary>
    public string NameOr(string? reference, string fallback) =>
        TryResolve(reference, out var name) && name is not null ? name : reference ?? fallback;

    /// <summary>Id → name or code, for <see cref="ProcessDefinition.Messages"/>.</summary>
    public ImmutableDictionary<string, string> Names() =>
        _names.Where(p => p.Value is not null)
            .ToImmutableDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
}

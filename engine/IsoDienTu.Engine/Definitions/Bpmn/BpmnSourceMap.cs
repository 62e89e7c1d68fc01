using System.Collections.Immutable;

namespace IsoDienTu.Engine.Definitions;

/// <summary>Where each element of a process sits in its file, and which ids belong to elements the engine does not
/// execute (already reported, so rules do not report flows touching them a second time).</summary>
public sealed class BpmnSourceMap
{
    public static readonly BpmnSourceMap Empty = new(ImmutableDictionary<string, (int, int)>.Empty, []);

    private readonly ImmutableDictionary<string, (int Line, int Column)> _locations;
    private readonly ImmutableHashSet<string> _unsupported;

    public BpmnSourceMap(ImmutableDictionary<string, (int Line, int Column)> locations, ImmutableHashSet<string> unsupportedIds)
    {
        _locations = locations;
        _unsupported = unsupportedIds;
    }

    public (int? Line, int? Column) Locate(string? id) =>
        id is not null && _locations.TryGetValue(id, out var at) ? (at.Line, at.Column) : (null, null);

    public bool IsUnsupported(string id) => _unsupported.Contains(id);
}

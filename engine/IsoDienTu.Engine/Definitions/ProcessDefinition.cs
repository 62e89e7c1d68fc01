using System.Collections.Immutable;
using IsoDienTu.Engine.Calendar;

namespace IsoDienTu.Engine.Definitions;

/// <summary>
/// One executable BPMN process, immutable once imported. Nodes of every nesting level live in one flat map;
/// <see cref="FlowNode.ScopeId"/> says which sub-process (or the process itself, null) contains a node.
/// </summary>
public sealed record ProcessDefinition
{
    public required string Key { get; init; }
    public string? Name { get; init; }
    public bool IsExecutable { get; init; } = true;
    public ProcedureInfo Procedure { get; init; } = ProcedureInfo.Empty;
    public required ImmutableDictionary<string, FlowNode> Nodes { get; init; }
    public required ImmutableDictionary<string, SequenceFlow> Flows { get; init; }
    /// <summary>Message and escalation names by their BPMN ids (messageRef / escalationRef resolve through these).</summary>
    public ImmutableDictionary<string, string> Messages { get; init; } = ImmutableDictionary<string, string>.Empty;

    public FlowNode Node(string id) =>
        Nodes.TryGetValue(id, out var node) ? node : throw new KeyNotFoundException($"No flow node '{id}' in process '{Key}'.");

    public SequenceFlow Flow(string id) =>
        Flows.TryGetValue(id, out var flow) ? flow : throw new KeyNotFoundException($"No sequence flow '{id}' in process '{Key}'.");

    /// <summary>Nodes directly inside a scope (null = the process level), in document order.</summary>
    public IEnumerable<FlowNode> NodesIn(string? scopeId) =>
        Nodes.Values.Where(n => n.ScopeId == scopeId).OrderBy(n => n.Order);

    public IEnumerable<BoundaryEvent> BoundariesOf(string activityId) =>
        Nodes.Values.OfType<BoundaryEvent>().Where(b => b.AttachedToId == activityId).OrderBy(b => b.Order);

    public IEnumerable<SequenceFlow> Outgoing(FlowNode node) => node.Outgoing.Select(Flow);
}

/// <summary>The <c>iso:</c> attributes on a process: what makes a BPMN process an administrative procedure.</summary>
public sealed record ProcedureInfo
{
    public static readonly ProcedureInfo Empty = new();

    public string? ProcedureCode { get; init; }
    /// <summary>Statutory deadline in working time (<c>iso:deadline</c>); null when the process sets none.</summary>
    public WorkingDuration? Deadline { get; init; }
    /// <summary>Same-day cut-off (<c>iso:cutoff</c>): received later counts from the next working day.</summary>
    public TimeOnly? Cutoff { get; init; }
    public SupplementClock SupplementClock { get; init; } = SupplementClock.Restart;
    public string? Level { get; init; }
    public string? LegalBasis { get; init; }
    /// <summary>Every <c>iso:</c> attribute as written, so later features read what earlier ones did not model.</summary>
    public ImmutableDictionary<string, string> Attributes { get; init; } = ImmutableDictionary<string, string>.Empty;
}

/// <summary>How the statutory clock treats the wait for an applicant's supplement.</summary>
public enum SupplementClock
{
    /// <summary>Decree 297/2025 art. 6(4): the processing time counts afresh from the complete supplement.</summary>
    Restart,
    /// <summary>The clock stops while waiting and resumes with the time that was left.</summary>
    Pause,
}

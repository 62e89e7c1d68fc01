using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace IsoDienTu.Engine.Definitions;

/// <summary>A BPMN flow node. <see cref="ScopeId"/> is the id of the containing sub-process, null at process level.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(StartEvent), "startEvent")]
[JsonDerivedType(typeof(EndEvent), "endEvent")]
[JsonDerivedType(typeof(IntermediateCatchEvent), "intermediateCatchEvent")]
[JsonDerivedType(typeof(IntermediateThrowEvent), "intermediateThrowEvent")]
[JsonDerivedType(typeof(BoundaryEvent), "boundaryEvent")]
[JsonDerivedType(typeof(UserTask), "userTask")]
[JsonDerivedType(typeof(AutomaticTask), "automaticTask")]
[JsonDerivedType(typeof(ReceiveTask), "receiveTask")]
[JsonDerivedType(typeof(SubProcess), "subProcess")]
[JsonDerivedType(typeof(CallActivity), "callActivity")]
[JsonDerivedType(typeof(Gateway), "gateway")]
public abstract record FlowNode
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public string? ScopeId { get; init; }
    /// <summary>Position in the document, so iteration is deterministic and follows the modeller's order.</summary>
    public int Order { get; init; }
    public ImmutableArray<string> Incoming { get; init; } = [];
    public ImmutableArray<string> Outgoing { get; init; } = [];
    /// <summary><c>iso:clock="excluded"</c>: the dossier's statutory clock does not run while a token is inside.</summary>
    public bool ClockExcluded { get; init; }
    public ImmutableDictionary<string, string> IsoAttributes { get; init; } = ImmutableDictionary<string, string>.Empty;

    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : Name!;
}

/// <summary>Tasks, sub-processes and call activities: what can carry boundary events and loop characteristics.</summary>
public abstract record Activity : FlowNode
{
    public MultiInstance? MultiInstance { get; init; }
    /// <summary>Outgoing flow taken when no conditional outgoing flow matches.</summary>
    public string? DefaultFlowId { get; init; }
}

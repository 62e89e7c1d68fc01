using System.Text.Json.Serialization;

namespace IsoDienTu.Engine.Definitions;

public sealed record StartEvent : FlowNode
{
    public EventTrigger Trigger { get; init; } = EventTrigger.None;
    /// <summary>Only meaningful for the start event of an event sub-process.</summary>
    public bool IsInterrupting { get; init; } = true;
}

public sealed record EndEvent : FlowNode
{
    public EventTrigger Trigger { get; init; } = EventTrigger.None;
}

public sealed record IntermediateCatchEvent : FlowNode
{
    public required EventTrigger Trigger { get; init; }
    /// <summary><c>iso:waitsFor</c>, e.g. "supplement": the wait for the applicant's supplement.</summary>
    public string? WaitsFor { get; init; }
    public bool IsSupplementWait => string.Equals(WaitsFor, "supplement", StringComparison.Ordinal);
}

public sealed record IntermediateThrowEvent : FlowNode
{
    public EventTrigger Trigger { get; init; } = EventTrigger.None;
}

public sealed record BoundaryEvent : FlowNode
{
    public required string AttachedToId { get; init; }
    public required EventTrigger Trigger { get; init; }
    public bool CancelActivity { get; init; } = true;
}

/// <summary>What an event waits for or throws.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(NoneTrigger), "none")]
[JsonDerivedType(typeof(MessageTrigger), "message")]
[JsonDerivedType(typeof(SignalTrigger), "signal")]
[JsonDerivedType(typeof(TimerTrigger), "timer")]
[JsonDerivedType(typeof(EscalationTrigger), "escalation")]
[JsonDerivedType(typeof(ErrorTrigger), "error")]
[JsonDerivedType(typeof(TerminateTrigger), "terminate")]
[JsonDerivedType(typeof(UnsupportedTrigger), "unsupported")]
public abstract record EventTrigger
{
    public static readonly EventTrigger None = new NoneTrigger();
}

public sealed record NoneTrigger : EventTrigger;

public sealed record MessageTrigger(string MessageName) : EventTrigger;

public sealed record SignalTrigger(string SignalName) : EventTrigger;

/// <summary>An escalation; a null code on a catching event catches every escalation.</summary>
public sealed record EscalationTrigger(string? Code) : EventTrigger;

public sealed record ErrorTrigger(string? Code) : EventTrigger;

public sealed record TerminateTrigger : EventTrigger;

/// <summary>An event definition outside the executable subset (conditional, link, compensation…), kept by name.</summary>
public sealed record UnsupportedTrigger(string Definition) : EventTrigger;

public sealed record TimerTrigger(TimerKind Kind, string Expression, bool WorkingTime) : EventTrigger;

public enum TimerKind
{
    Duration,
    Date,
    Cycle,
}

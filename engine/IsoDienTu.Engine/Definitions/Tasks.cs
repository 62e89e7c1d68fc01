using System.Collections.Immutable;
using IsoDienTu.Engine.Calendar;

namespace IsoDienTu.Engine.Definitions;

/// <summary>A step done by a person: assigned by unit + role (ISO "rõ người"), timed by its allotment.</summary>
public sealed record UserTask : Activity
{
    public Assignment Assignment { get; init; } = Assignment.None;
    /// <summary><c>iso:allotment</c>: the step's working-time budget; its due time is counted from activation.</summary>
    public WorkingDuration? Allotment { get; init; }
    /// <summary>Camunda/Flowable <c>dueDate</c>: an ISO date, duration, or expression; used when no allotment.</summary>
    public string? DueDate { get; init; }
    /// <summary><c>iso:outcomes</c>: the outcomes an officer may choose; empty = any (or none).</summary>
    public ImmutableArray<string> Outcomes { get; init; } = [];
}

/// <summary>Who may do a user task. <c>iso:unit</c> + <c>iso:role</c> first; Camunda/Flowable attributes too.</summary>
public sealed record Assignment
{
    public static readonly Assignment None = new();

    public string? Unit { get; init; }
    public string? Role { get; init; }
    /// <summary>An expression or literal naming one user.</summary>
    public string? Assignee { get; init; }
    public ImmutableArray<string> CandidateGroups { get; init; } = [];
    public ImmutableArray<string> CandidateUsers { get; init; } = [];

    public bool IsEmpty => Unit is null && Role is null && Assignee is null && CandidateGroups.IsEmpty && CandidateUsers.IsEmpty;
}

/// <summary>Service, script, manual, send, business-rule or abstract task: passes through, optionally running a
/// named built-in action (<c>iso:action</c>).</summary>
public sealed record AutomaticTask : Activity
{
    public required string TaskType { get; init; }
    public string? Action { get; init; }
}

/// <summary>A receive task waits for a message, like a message catch event.</summary>
public sealed record ReceiveTask : Activity
{
    public required string MessageName { get; init; }
}

public sealed record SubProcess : Activity
{
    /// <summary>An event sub-process: started by its start event's trigger, not by a sequence flow.</summary>
    public bool TriggeredByEvent { get; init; }
}

public sealed record CallActivity : Activity
{
    public required string CalledElement { get; init; }
    /// <summary>Version binding: null = latest published, otherwise the pinned version.</summary>
    public int? CalledVersion { get; init; }
}

/// <summary>Multi-instance loop characteristics of an activity.</summary>
public sealed record MultiInstance
{
    public bool IsSequential { get; init; }
    public string? LoopCardinality { get; init; }
    /// <summary>Expression yielding a list (Camunda <c>collection</c> or the BPMN loopDataInputRef variable).</summary>
    public string? Collection { get; init; }
    public string? ElementVariable { get; init; }
    public string? CompletionCondition { get; init; }
}

public enum GatewayKind
{
    Exclusive,
    Parallel,
    Inclusive,
    EventBased,
}

public sealed record Gateway : FlowNode
{
    public required GatewayKind Kind { get; init; }
    public string? DefaultFlowId { get; init; }
}

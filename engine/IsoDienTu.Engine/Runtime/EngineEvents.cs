using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IsoDienTu.Engine.Runtime;

/// <summary>What happened, in order: the journal (and from it the process control sheet) is made of these.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "event")]
[JsonDerivedType(typeof(InstanceStarted), "instanceStarted")]
[JsonDerivedType(typeof(NodeEntered), "nodeEntered")]
[JsonDerivedType(typeof(NodeCompleted), "nodeCompleted")]
[JsonDerivedType(typeof(NodeCancelled), "nodeCancelled")]
[JsonDerivedType(typeof(FlowTaken), "flowTaken")]
[JsonDerivedType(typeof(TaskCreated), "taskCreated")]
[JsonDerivedType(typeof(TaskCompleted), "taskCompleted")]
[JsonDerivedType(typeof(TaskCancelled), "taskCancelled")]
[JsonDerivedType(typeof(TimerScheduled), "timerScheduled")]
[JsonDerivedType(typeof(TimerFired), "timerFired")]
[JsonDerivedType(typeof(TimerCancelled), "timerCancelled")]
[JsonDerivedType(typeof(WaitStarted), "waitStarted")]
[JsonDerivedType(typeof(WaitEnded), "waitEnded")]
[JsonDerivedType(typeof(CallStarted), "callStarted")]
[JsonDerivedType(typeof(CallEnded), "callEnded")]
[JsonDerivedType(typeof(EscalationRaised), "escalationRaised")]
[JsonDerivedType(typeof(ActionInvoked), "actionInvoked")]
[JsonDerivedType(typeof(VariablesSet), "variablesSet")]
[JsonDerivedType(typeof(ClockStopped), "clockStopped")]
[JsonDerivedType(typeof(ClockResumed), "clockResumed")]
[JsonDerivedType(typeof(InstanceEnded), "instanceEnded")]
public abstract record EngineEvent;

public sealed record InstanceStarted(string DefinitionKey, int DefinitionVersion, string StartEventId, DateTimeOffset ReceivedAt, DateTimeOffset? DueAt) : EngineEvent;

public sealed record NodeEntered(long TokenId, string ElementId, long ScopeId) : EngineEvent;

public sealed record NodeCompleted(long TokenId, string ElementId) : EngineEvent;

public sealed record NodeCancelled(long TokenId, string ElementId, string Reason) : EngineEvent;

public sealed record FlowTaken(string FlowId, string SourceId, string TargetId) : EngineEvent;

public sealed record TaskCreated(OpenTask Task) : EngineEvent;

public sealed record TaskCompleted(long TaskId, string ElementId, string? Outcome, string? CompletedBy, string? Comment) : EngineEvent;

public sealed record TaskCancelled(long TaskId, string ElementId, string Reason) : EngineEvent;

public sealed record TimerScheduled(long TimerId, string ElementId, DateTimeOffset DueAt) : EngineEvent;

public sealed record TimerFired(long TimerId, string ElementId) : EngineEvent;

public sealed record TimerCancelled(long TimerId, string ElementId) : EngineEvent;

public sealed record WaitStarted(long SubscriptionId, SubscriptionKind Kind, string Name, string ElementId) : EngineEvent;

public sealed record WaitEnded(long SubscriptionId, string Name, string ElementId, bool Delivered) : EngineEvent;

public sealed record CallStarted(long CallId, string ElementId, string CalledElement, int? CalledVersion) : EngineEvent;

public sealed record CallEnded(long CallId, string ElementId, bool Completed) : EngineEvent;

/// <param name="CaughtBy">The boundary or event sub-process start that caught it; null when nothing did.</param>
public sealed record EscalationRaised(string? Code, string ElementId, string? CaughtBy) : EngineEvent;

public sealed record ActionInvoked(string ElementId, string Action) : EngineEvent;

public sealed record VariablesSet(long ScopeId, ImmutableDictionary<string, JsonElement> Values) : EngineEvent;

public sealed record ClockStopped(DateTimeOffset? DueAt) : EngineEvent;

/// <param name="Restarted">True when the time counts afresh (complete supplement); false when it resumes.</param>
public sealed record ClockResumed(DateTimeOffset DueAt, bool Restarted) : EngineEvent;

public sealed record InstanceEnded(InstanceStatus Status, string? Reason) : EngineEvent;

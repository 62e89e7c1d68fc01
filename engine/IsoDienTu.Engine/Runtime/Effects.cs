using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IsoDienTu.Engine.Runtime;

/// <summary>What the adapter must do after it has stored the new state: effects are data, never performed here.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "effect")]
[JsonDerivedType(typeof(CreateTaskEffect), "createTask")]
[JsonDerivedType(typeof(CancelTaskEffect), "cancelTask")]
[JsonDerivedType(typeof(ScheduleTimerEffect), "scheduleTimer")]
[JsonDerivedType(typeof(CancelTimerEffect), "cancelTimer")]
[JsonDerivedType(typeof(StartCallEffect), "startCall")]
[JsonDerivedType(typeof(CancelCallEffect), "cancelCall")]
[JsonDerivedType(typeof(NotifyEffect), "notify")]
[JsonDerivedType(typeof(PublishSignalEffect), "publishSignal")]
[JsonDerivedType(typeof(SendMessageEffect), "sendMessage")]
[JsonDerivedType(typeof(InstanceEndedEffect), "instanceEnded")]
public abstract record Effect;

public sealed record CreateTaskEffect(OpenTask Task) : Effect;

public sealed record CancelTaskEffect(long TaskId, string Reason) : Effect;

public sealed record ScheduleTimerEffect(long TimerId, string ElementId, DateTimeOffset DueAt) : Effect;

public sealed record CancelTimerEffect(long TimerId) : Effect;

public sealed record StartCallEffect(long CallId, string CalledElement, int? CalledVersion, ImmutableDictionary<string, JsonElement> Variables) : Effect;

public sealed record CancelCallEffect(long CallId) : Effect;

/// <param name="Kind">"escalation", "action" or another notification kind the adapter routes.</param>
public sealed record NotifyEffect(string Kind, string ElementId, string? Code) : Effect;

public sealed record PublishSignalEffect(string SignalName) : Effect;

public sealed record SendMessageEffect(string MessageName, string ElementId) : Effect;

public sealed record InstanceEndedEffect(InstanceStatus Status) : Effect;

using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using IsoDienTu.Engine.Calendar;

namespace IsoDienTu.Engine.Runtime;

/// <summary>What can happen to an instance from outside. Every command is journaled with the time it was decided at.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "command")]
[JsonDerivedType(typeof(StartInstance), "start")]
[JsonDerivedType(typeof(CompleteTask), "completeTask")]
[JsonDerivedType(typeof(FireTimer), "fireTimer")]
[JsonDerivedType(typeof(DeliverMessage), "message")]
[JsonDerivedType(typeof(DeliverSignal), "signal")]
[JsonDerivedType(typeof(CompleteCall), "completeCall")]
[JsonDerivedType(typeof(CancelInstance), "cancel")]
[JsonDerivedType(typeof(ReturnTask), "returnTask")]
public abstract record Command;

/// <param name="ReceivedAt">When the dossier was received (defaults to now); the statutory clock counts from it.</param>
/// <param name="StartEventId">A message or timer start event; null = the process's none start event.</param>
public sealed record StartInstance(
    ImmutableDictionary<string, JsonElement>? Variables = null,
    DateTimeOffset? ReceivedAt = null,
    ReceptionChannel Channel = ReceptionChannel.Direct,
    string? StartEventId = null) : Command;

public sealed record CompleteTask(
    long TaskId,
    string? Outcome = null,
    ImmutableDictionary<string, JsonElement>? Variables = null,
    string? CompletedBy = null,
    string? Comment = null) : Command;

public sealed record FireTimer(long TimerId) : Command;

/// <summary>Correlates to the oldest wait for this message name.</summary>
public sealed record DeliverMessage(string MessageName, ImmutableDictionary<string, JsonElement>? Variables = null) : Command;

/// <summary>Reaches every wait for this signal name; none waiting is not an error.</summary>
public sealed record DeliverSignal(string SignalName) : Command;

public sealed record CompleteCall(long CallId, ImmutableDictionary<string, JsonElement>? Variables = null) : Command;

public sealed record CancelInstance(string Reason) : Command;

/// <summary>
/// Sends a step back (ISO: disagreement returns the dossier one step): the open task is cancelled and its token
/// re-enters <paramref name="TargetElementId"/>, a user task in the same scope, which gets a fresh task.
/// </summary>
public sealed record ReturnTask(long TaskId, string TargetElementId, string? Reason = null) : Command;

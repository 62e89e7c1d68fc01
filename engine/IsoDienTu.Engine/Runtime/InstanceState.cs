using System.Collections.Immutable;
using System.Text.Json;

namespace IsoDienTu.Engine.Runtime;

/// <summary>
/// Everything the interpreter knows about one process instance (a dossier's run of its procedure). Immutable and
/// JSON-serialisable: the adapter stores it whole and hands it back for the next command.
/// </summary>
public sealed record InstanceState
{
    public required string InstanceId { get; init; }
    public required string DefinitionKey { get; init; }
    public int DefinitionVersion { get; init; }
    public InstanceStatus Status { get; init; } = InstanceStatus.NotStarted;
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public ImmutableArray<ScopeInstance> Scopes { get; init; } = [];
    public ImmutableArray<Token> Tokens { get; init; } = [];
    public ImmutableArray<OpenTask> Tasks { get; init; } = [];
    public ImmutableArray<PendingTimer> Timers { get; init; } = [];
    public ImmutableArray<Subscription> Subscriptions { get; init; } = [];
    public ImmutableArray<PendingCall> Calls { get; init; } = [];
    public DossierClock Clock { get; init; } = DossierClock.None;
    /// <summary>Source of every id inside the instance, so ids are derived, never random.</summary>
    public long NextId { get; init; } = 1;
    /// <summary>Number of commands applied; the adapter's optimistic-concurrency version follows it.</summary>
    public int Revision { get; init; }

    public static InstanceState New(string instanceId, string definitionKey, int definitionVersion) =>
        new() { InstanceId = instanceId, DefinitionKey = definitionKey, DefinitionVersion = definitionVersion };

    public ImmutableDictionary<string, JsonElement> Variables =>
        Scopes.FirstOrDefault(s => s.ParentId is null)?.Variables ?? ImmutableDictionary<string, JsonElement>.Empty;

    /// <summary>Elements a token currently rests on (for highlighting the diagram and for status).</summary>
    public IEnumerable<string> ActiveElementIds => Tokens.Select(t => t.ElementId).Distinct(StringComparer.Ordinal);

    public bool IsEnded => Status is InstanceStatus.Completed or InstanceStatus.Terminated or InstanceStatus.Cancelled;
}

public enum InstanceStatus
{
    NotStarted,
    Active,
    Completed,
    Terminated,
    Cancelled,
}

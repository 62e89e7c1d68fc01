using System.Collections.Immutable;
using System.Text.Json;
using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Runtime;

/// <summary>An open user task. Its assignment is resolved (expressions evaluated) when it is created.</summary>
public sealed record OpenTask
{
    public required long Id { get; init; }
    public required long TokenId { get; init; }
    public required string ElementId { get; init; }
    public required string Name { get; init; }
    public required ResolvedAssignment Assignment { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public ImmutableArray<string> Outcomes { get; init; } = [];
    /// <summary>Index of the multi-instance iteration this task belongs to, if any.</summary>
    public int? LoopCounter { get; init; }
}

public sealed record ResolvedAssignment
{
    public string? Unit { get; init; }
    public string? Role { get; init; }
    public string? Assignee { get; init; }
    public ImmutableArray<string> CandidateGroups { get; init; } = [];
    public ImmutableArray<string> CandidateUsers { get; init; } = [];
}

/// <summary>A timer waiting to fire. Owned by a token (catch event, boundary, event gateway) or by a scope
/// (event sub-process start).</summary>
public sealed record PendingTimer(long Id, string ElementId, long? OwnerTokenId, long? OwnerScopeId, DateTimeOffset DueAt)
{
    /// <summary>How many times a cycle timer has fired before this occurrence.</summary>
    public int Fired { get; init; }
    /// <summary>When the cycle started, so repetitions are counted from it.</summary>
    public DateTimeOffset? CycleStart { get; init; }
}

/// <summary>A wait for a message or signal, owned like a timer.</summary>
public sealed record Subscription(long Id, SubscriptionKind Kind, string Name, string ElementId, long? OwnerTokenId, long? OwnerScopeId);

public enum SubscriptionKind
{
    Message,
    Signal,
}

/// <summary>A call activity waiting for its child instance.</summary>
public sealed record PendingCall(long Id, long TokenId, string ElementId, string CalledElement, int? CalledVersion);

/// <summary>Variables as the engine stores them.</summary>
public static class VariableMap
{
    public static readonly ImmutableDictionary<string, JsonElement> Empty = ImmutableDictionary.Create<string, JsonElement>(StringComparer.Ordinal);
}

using System.Collections.Immutable;
using System.Text.Json;

namespace IsoDienTu.Engine.Runtime;

/// <summary>
/// A running scope: the process itself, an embedded or event sub-process, a multi-instance body or one of its
/// instances. Variables are looked up from the innermost scope outwards.
/// </summary>
/// <param name="ElementId">The sub-process or multi-instance activity; the process key for the root.</param>
/// <param name="ParentTokenId">The token in the parent scope that waits for this scope to finish, if any.</param>
public sealed record ScopeInstance(
    long Id,
    ScopeKind Kind,
    string ElementId,
    long? ParentId,
    long? ParentTokenId,
    ImmutableDictionary<string, JsonElement> Variables)
{
    /// <summary>Multi-instance bookkeeping; only on a <see cref="ScopeKind.MultiInstanceBody"/>.</summary>
    public MultiInstanceProgress? Loop { get; init; }
}

public enum ScopeKind
{
    Process,
    SubProcess,
    EventSubProcess,
    MultiInstanceBody,
    MultiInstance,
}

/// <param name="Items">The collection iterated, if the loop runs over one.</param>
public sealed record MultiInstanceProgress(int Total, int Started, int Completed, ImmutableArray<JsonElement> Items);

using System.Collections.Immutable;

namespace IsoDienTu.Engine.Runtime;

/// <summary>The result of deciding one command: the state to store, the events to journal, the effects to run.</summary>
public sealed record Decision(InstanceState State, ImmutableArray<EngineEvent> Events, ImmutableArray<Effect> Effects);

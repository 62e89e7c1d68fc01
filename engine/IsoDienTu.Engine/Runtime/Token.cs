namespace IsoDienTu.Engine.Runtime;

/// <summary>A BPMN token resting on a flow node inside a scope instance.</summary>
/// <param name="ArrivedVia">The sequence flow it came by; joins count tokens per incoming flow.</param>
public sealed record Token(long Id, string ElementId, long ScopeId, string? ArrivedVia, DateTimeOffset EnteredAt);

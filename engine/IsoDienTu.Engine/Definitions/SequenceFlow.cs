namespace IsoDienTu.Engine.Definitions;

/// <param name="Condition">Condition expression text as written (wrappers included); null = unconditional.</param>
public sealed record SequenceFlow(string Id, string SourceId, string TargetId, string? Condition = null, string? Name = null);

namespace IsoDienTu.Engine.Postgres;

/// <summary>One page of a list read in (due time, id) order, and the cursor of the next page (null on the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

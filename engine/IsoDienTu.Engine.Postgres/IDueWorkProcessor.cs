namespace IsoDienTu.Engine.Postgres;

/// <summary>
/// Fires what has fallen due (BPMN timers, step and dossier deadlines) by claiming due rows with
/// <c>FOR UPDATE SKIP LOCKED</c>, so any number of nodes may call it at once and each row's effect happens once.
/// </summary>
public interface IDueWorkProcessor
{
    /// <returns>How many due rows were processed.</returns>
    Task<int> ProcessDueAsync(CancellationToken cancellationToken);
}

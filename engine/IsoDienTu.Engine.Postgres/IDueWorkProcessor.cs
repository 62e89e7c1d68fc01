namespace IsoDienTu.Engine.Postgres;

/// <summary>
/// Fires what has fallen due (BPMN timers, step and dossier deadlines) by claiming due rows with
/// <c>FOR UPDATE SKIP LOCKED</c>, so any number of nodes may call it at once and each row's effect happens once.
/// </summary>
public interface IDueWorkProcessor
{
    /// <returns>How many due rows were processed.</returns>
    Task<int> ProcessDueAsync(CancellationToken cancellationToken);

    /// <summary>
    /// How long until the earliest pending row falls due on the cluster's clock (zero or less: something is due
    /// now); <c>null</c> when nothing is pending or the processor cannot tell, and the caller only polls.
    /// </summary>
    Task<TimeSpan?> TimeUntilNextDueAsync(CancellationToken cancellationToken) => Task.FromResult<TimeSpan?>(null);

    /// <summary>
    /// Housekeeping after a tick's sweep: folds the count changes the engine appends (dossier_count_events) into the
    /// dashboard's counts, so that they never pile up while nobody reads the dashboard.
    /// </summary>
    Task FoldCountsAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

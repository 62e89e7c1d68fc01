using System.Diagnostics;
using IsoDienTu.Engine.Postgres;
using Microsoft.Extensions.Logging;
using Quartz;

namespace IsoDienTu.Scheduling;

/// <summary>
/// One tick: drains what has fallen due, in rounds, until a round finds nothing or the budget is spent. The clustered
/// store gives each tick to one node, and ticks never overlap. They were allowed to once (the processor claims rows
/// with SKIP LOCKED, so overlapping sweeps only share the work), but a concurrent job leaves Quartz's trigger row
/// unguarded while it runs: a node storing its fired trigger set the row back to waiting under another node's pending
/// acquisition, and from then on two nodes fired every tick, on two schedules, indefinitely (seen in a three-node
/// start, about one run in thirty). Non-concurrent, the firing node blocks the trigger and a stale acquisition fails.
/// The price: a node killed in a sweep leaves the trigger blocked until the cluster recovers it (check-in interval +
/// threshold, about 15 s); every node's <see cref="DueWorkWaker"/> keeps firing due rows meanwhile.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class DueWorkJob(IDueWorkProcessor processor, ILogger<DueWorkJob> logger, IJobRunLog? runs = null) : IJob
{
    public static readonly JobKey Key = new("due-work");
    public static readonly TriggerKey TriggerKey = new("due-work");

    // Bounded so that one tick never holds the job for long: the rest is picked up by the next tick.
    internal const int MaxRounds = 50;
    internal static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var elapsed = Stopwatch.StartNew();
        var total = 0;
        string? error = null;
        for (var round = 0; round < MaxRounds && elapsed.Elapsed < Budget; round++)
        {
            int processed;
            try
            {
                processed = await processor.ProcessDueAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await RecordAsync(elapsed.Elapsed, total, "cancelled (node stopping)");
                return;
            }
#pragma warning disable CA1031 // A failing round must not fault the trigger: the next tick retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogRoundFailed(ex, round);
                error = $"{ex.GetType().Name}: {ex.Message}";
                break;
            }

            if (processed == 0)
            {
                break;
            }

            total += processed;
        }

        if (total > 0)
        {
            LogProcessed(total, elapsed.ElapsedMilliseconds);
        }

        try
        {
            await processor.FoldCountsAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Housekeeping: the next tick folds what this one could not (reads add what is not folded).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFoldFailed(ex);
        }

        await RecordAsync(elapsed.Elapsed, total, error);
    }

    /// <summary>Records the sweep for the operations page; a failure to record never faults the trigger.</summary>
    private async Task RecordAsync(TimeSpan duration, int processed, string? error)
    {
        if (runs is null)
        {
            return;
        }

        try
        {
            // Not the job's token: a sweep cut short by shutdown is still worth its row.
            await runs.RecordAsync(DueWorkJob.Key.Name, duration, processed, error, CancellationToken.None);
        }
#pragma warning disable CA1031 // Bookkeeping only: the due work itself is done or retried by the next tick.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRecordFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record a due-work sweep")]
    private partial void LogRecordFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Due work round {Round} failed; the next tick retries")]
    private partial void LogRoundFailed(Exception exception, int round);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fold the dashboard's count changes; the next tick retries")]
    private partial void LogFoldFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Processed {Count} due rows in {ElapsedMs} ms")]
    private partial void LogProcessed(int count, long elapsedMs);
}

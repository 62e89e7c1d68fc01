using IsoDienTu.Engine.Postgres;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IsoDienTu.Scheduling;

/// <summary>
/// On every node: sleeps until the earliest pending row falls due (an indexed <c>min(due_at)</c>, looked at least
/// every <see cref="MaxIdle"/>), then sweeps — so a timer fires milliseconds after its due time instead of at the
/// next one-second tick, where the tick alone made the lag average half a second. A sweep goes on while more rows
/// fall due within <see cref="Linger"/>, so a burst is one sweep (one job_runs row), bounded by the job's budget.
/// Every node wakes at the same due time and the nodes share the rows through SKIP LOCKED. The clustered tick of
/// <see cref="DueWorkJob"/> stays: it is the backstop, and the run requested when the simulated clock moves.
/// </summary>
internal sealed partial class DueWorkWaker(IDueWorkProcessor processor, TimeProvider time, ILogger<DueWorkWaker> logger, IJobRunLog? runs = null)
    : BackgroundService
{
    /// <summary>The longest sleep: a row created already due, or due before the node's planned wake-up, waits at most this.</summary>
    internal static readonly TimeSpan MaxIdle = TimeSpan.FromMilliseconds(500);

    /// <summary>A sweep waits for rows falling due this soon rather than ending and recording itself.</summary>
    internal static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(250);

    private bool _failing;

    /// <summary>How long to sleep before looking again, given how long until the earliest pending row falls due.</summary>
    internal static TimeSpan SleepFor(TimeSpan? untilDue) =>
        untilDue is { } due && due < MaxIdle ? (due > TimeSpan.Zero ? due : TimeSpan.Zero) : MaxIdle;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var untilDue = await LookAsync(stoppingToken);
                if (untilDue <= TimeSpan.Zero)
                {
                    if (await SweepAsync(stoppingToken) > 0)
                    {
                        continue;
                    }

                    // Due rows it could not fire now (their dossiers busy, or failing): look again after the idle time.
                    untilDue = null;
                }

                await Task.Delay(SleepFor(untilDue), time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping; an interrupted firing rolled back and its row is still pending.
        }
    }

    private async Task<TimeSpan?> LookAsync(CancellationToken cancellationToken)
    {
        try
        {
            var untilDue = await processor.TimeUntilNextDueAsync(cancellationToken);
            _failing = false;
            return untilDue;
        }
#pragma warning disable CA1031 // The database may be away for a while: keep looking, and log the first failure only.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            if (!_failing)
            {
                LogLookFailed(ex);
            }

            _failing = true;
            return null;
        }
    }

    /// <returns>How many rows the sweep fired.</returns>
    private async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var total = 0;
        string? error = null;
        try
        {
            while (true)
            {
                var fired = await processor.ProcessDueAsync(cancellationToken);
                total += fired;
                if (fired == 0 || time.GetElapsedTime(started) >= DueWorkJob.Budget)
                {
                    break;
                }

                if (await processor.TimeUntilNextDueAsync(cancellationToken) is not { } next || next > Linger)
                {
                    break;
                }

                if (next > TimeSpan.Zero)
                {
                    await Task.Delay(next, time, cancellationToken);
                }
            }
        }
#pragma warning disable CA1031 // A failing sweep must not stop the waker: the next look retries, the tick is the backstop.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogSweepFailed(ex);
            error = $"{ex.GetType().Name}: {ex.Message}";
        }

        if (total > 0 || error is not null)
        {
            await RecordAsync(time.GetElapsedTime(started), total, error);
        }

        return total;
    }

    private async Task RecordAsync(TimeSpan duration, int processed, string? error)
    {
        if (runs is null)
        {
            return;
        }

        try
        {
            await runs.RecordAsync(DueWorkJob.Key.Name, duration, processed, error, CancellationToken.None);
        }
#pragma warning disable CA1031 // Bookkeeping only.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRecordFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for the next due row; polling until the database answers")]
    private partial void LogLookFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A due-work sweep on waking failed; the next look retries")]
    private partial void LogSweepFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record a due-work sweep")]
    private partial void LogRecordFailed(Exception exception);
}

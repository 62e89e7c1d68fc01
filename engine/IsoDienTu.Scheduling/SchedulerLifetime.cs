using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace IsoDienTu.Scheduling;

/// <summary>
/// Starts the clustered scheduler once the application has started (the database is migrated by then) and shuts it
/// down with the host — within a bounded time. Quartz's shutdown hands what this node holds in the job store back to
/// the cluster and retries that for as long as PostgreSQL is down, so a node told to stop during an outage stayed up
/// until the database came back (issue #7). Leaving without that hand-back loses nothing: a sweep is interrupted
/// between two timer transactions, and what the node held is recovered by the others once its check-in lapses.
/// </summary>
internal sealed partial class SchedulerLifetime(ISchedulerFactory schedulers, IHostApplicationLifetime lifetime, ILogger<SchedulerLifetime> logger)
    : IHostedService
{
    /// <summary>Long enough for a sweep to finish its current timer and Quartz to check out on a live database.</summary>
    internal static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private IScheduler? _scheduler;
    private CancellationTokenRegistration _onStarted;
    private Task _starting = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        _scheduler = scheduler;
        _onStarted = lifetime.ApplicationStarted.Register(() => Volatile.Write(ref _starting, StartSchedulerAsync(scheduler)));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _onStarted.DisposeAsync();
        if (_scheduler is not { } scheduler)
        {
            return;
        }

        // A shutdown while the start is still under way failed in Quartz's cluster manager (a NullReferenceException
        // in ClusterManager.Shutdown: it is set up by the start), seen when a node stopped right after starting
        // (ClusterTests). The start observes ApplicationStopping, already signalled here, so it ends soon.
        await Task.WhenAny(Volatile.Read(ref _starting), Task.Delay(StopGrace, cancellationToken));
        var shutdown = scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken).AsTask();
        await Task.WhenAny(shutdown, Task.Delay(StopGrace, cancellationToken));

        if (!shutdown.IsCompleted)
        {
            LogLeftEarly(StopGrace.TotalSeconds);
            _ = shutdown.ContinueWith(t => LogShutdownFailed(t.Exception), CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return;
        }

        await shutdown;
    }

    private async Task StartSchedulerAsync(IScheduler scheduler)
    {
        try
        {
            await scheduler.Start(lifetime.ApplicationStopping);
        }
#pragma warning disable CA1031 // Nothing awaits this start: a failure is logged, and readiness reports the database.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogStartFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The scheduler had not shut down after {Seconds} s (is the database down?); leaving it to the cluster's recovery")]
    private partial void LogLeftEarly(double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The scheduler's shutdown failed after the node left")]
    private partial void LogShutdownFailed(Exception? exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The scheduler did not start")]
    private partial void LogStartFailed(Exception exception);
}

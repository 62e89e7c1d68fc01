using Quartz;

namespace IsoDienTu.Scheduling;

/// <summary>
/// Asks the cluster to run the due-work job now, e.g. after an administrator moves the simulated clock, instead of
/// waiting for the next tick. The job stays non-concurrent: a request during a run executes right after it.
/// </summary>
public sealed class DueWorkTrigger(ISchedulerFactory schedulerFactory)
{
    public async Task TriggerNowAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(DueWorkJob.Key, cancellationToken);
    }
}

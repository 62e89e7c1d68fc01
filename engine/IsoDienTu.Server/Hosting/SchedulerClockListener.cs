using IsoDienTu.Scheduling;
using IsoDienTu.Server.Api;

namespace IsoDienTu.Server.Hosting;

/// <summary>When an admin moves the simulated clock, the cluster runs due work at once instead of at the next tick.</summary>
internal sealed class SchedulerClockListener(DueWorkTrigger trigger) : IClockMovedListener
{
    public Task ClockMovedAsync(CancellationToken cancellationToken) => trigger.TriggerNowAsync(cancellationToken);
}

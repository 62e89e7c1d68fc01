using IsoDienTu.Engine.Postgres;

namespace IsoDienTu.Scheduling.Tests;

/// <summary>Stands for the real processor: takes a little while, so that overlapping runs would be visible.</summary>
public sealed class FakeDueWorkProcessor(string node, ExecutionLog log, TimeSpan duration, Func<int>? outcome = null) : IDueWorkProcessor
{
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        var started = ExecutionLog.Begin();
        try
        {
            await Task.Delay(duration, cancellationToken);
            return outcome?.Invoke() ?? 0;
        }
        finally
        {
            log.End(node, started);
        }
    }
}

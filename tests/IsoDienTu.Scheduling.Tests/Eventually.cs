namespace IsoDienTu.Scheduling.Tests;

/// <summary>Polls a condition against a deadline: the scheduler is real, so the tests wait for it, never a fixed time.</summary>
public static class Eventually
{
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds:0} s: {what}");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }
}

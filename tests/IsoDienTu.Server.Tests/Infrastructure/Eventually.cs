namespace IsoDienTu.Server.Tests.Infrastructure;

/// <summary>Polls a condition until it holds or the deadline passes: for work real server processes do on their own.</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in {timeout}.\n{diagnostics()}");
            }

            await Task.Delay(200);
        }
    }
}

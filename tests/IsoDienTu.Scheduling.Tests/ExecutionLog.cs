using System.Diagnostics;

namespace IsoDienTu.Scheduling.Tests;

/// <summary>What every node of one test cluster ran, on one monotonic clock, shared by all nodes of the process.</summary>
public sealed class ExecutionLog
{
    private readonly Lock gate = new();
    private readonly List<Execution> executions = [];
    private int active;
    private int maxActive;

    public int Count
    {
        get
        {
            lock (gate)
            {
                return executions.Count;
            }
        }
    }

    /// <summary>The most executions seen in progress at the same moment.</summary>
    public int MaxConcurrent => Volatile.Read(ref maxActive);

    public IReadOnlyList<Execution> Snapshot()
    {
        lock (gate)
        {
            return [.. executions];
        }
    }

    /// <summary>One line per run: node, start and end in milliseconds since the first run, for failure messages.</summary>
    public string Describe()
    {
        var runs = Snapshot().OrderBy(e => e.Started).ToList();
        var origin = runs.Count == 0 ? 0 : runs[0].Started;
        return string.Join(Environment.NewLine, runs.Select(e =>
            $"{e.Node} {Stopwatch.GetElapsedTime(origin, e.Started).TotalMilliseconds:0}-{Stopwatch.GetElapsedTime(origin, e.Ended).TotalMilliseconds:0} ms"));
    }

    public long Begin()
    {
        var now = Interlocked.Increment(ref active);
        var seen = Volatile.Read(ref maxActive);
        while (now > seen && Interlocked.CompareExchange(ref maxActive, now, seen) != seen)
        {
            seen = Volatile.Read(ref maxActive);
        }

        return Stopwatch.GetTimestamp();
    }

    public void End(string node, long started)
    {
        var ended = Stopwatch.GetTimestamp();
        lock (gate)
        {
            executions.Add(new Execution(node, started, ended));
        }

        Interlocked.Decrement(ref active);
    }

    public sealed record Execution(string Node, long Started, long Ended);
}

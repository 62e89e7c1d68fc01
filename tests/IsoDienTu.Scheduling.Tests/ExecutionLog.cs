using System.Diagnostics;

namespace IsoDienTu.Scheduling.Tests;

/// <summary>What every node of one test cluster ran, on one monotonic clock, shared by all nodes of the process.</summary>
public sealed class ExecutionLog
{
    private readonly Lock gate = new();
    private readonly List<Execution> executions = [];

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

    public static long Begin() => Stopwatch.GetTimestamp();

    public void End(string node, long started)
    {
        var ended = Stopwatch.GetTimestamp();
        lock (gate)
        {
            executions.Add(new Execution(node, started, ended));
        }
    }

    /// <summary>
    /// Whether every tick ran on one node only: after the first <paramref name="warmUp"/> runs (nodes registering the
    /// shared trigger), the runs may not outnumber the ticks of <paramref name="interval"/> in the span they cover.
    /// A tick executed by each node would multiply the count by the number of nodes.
    /// </summary>
    public (int Runs, int Ticks) RunsAndTicksAfter(int warmUp, TimeSpan interval)
    {
        var runs = Snapshot().OrderBy(e => e.Started).Skip(warmUp).ToList();
        if (runs.Count < 2)
        {
            return (runs.Count, runs.Count);
        }

        var span = Stopwatch.GetElapsedTime(runs[0].Started, runs[^1].Started);
        return (runs.Count, (int)(span / interval) + 2);
    }

    public sealed record Execution(string Node, long Started, long Ended);
}

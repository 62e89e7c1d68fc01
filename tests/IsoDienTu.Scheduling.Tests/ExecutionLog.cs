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
    /// Runs that overlap a later-starting run, ignoring the first <paramref name="warmUp"/> runs. While nodes are
    /// first registering the shared job, two of them may each fire the very first tick (seen about once in ten
    /// cold starts); that is harmless because due work is claimed row by row with SKIP LOCKED, so what we hold the
    /// cluster to is one run at a time once it has formed.
    /// </summary>
    public IReadOnlyList<(Execution First, Execution Second)> OverlapsAfter(int warmUp)
    {
        var runs = Snapshot().OrderBy(e => e.Started).Skip(warmUp).ToList();
        return [.. runs.Zip(runs.Skip(1)).Where(p => p.Second.Started < p.First.Ended)];
    }

    public sealed record Execution(string Node, long Started, long Ended);
}

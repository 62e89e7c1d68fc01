using System.Diagnostics;
using System.Globalization;

namespace IsoDienTu.Bench;

/// <summary>
/// CPU time spent by the server, by PostgreSQL (the postmaster given and its children, or else every process named
/// postgres — other clusters on the machine included) and by this driver over a phase, per
/// operation. Unlike throughput it barely moves when other work shares the machine, so it is the figure to compare
/// before and after a change.
/// </summary>
internal sealed class CpuMeter(int? serverPid, int? postmasterPid)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public Snapshot Take() => new(
        serverPid is { } pid ? ProcessTicks(pid) : 0,
        PostgresTicks(),
        Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds);

    public static string Per(Snapshot before, Snapshot after, int operations)
    {
        double Ms(long ticks) => ticks * 1000 / TicksPerSecond / operations;
        return string.Create(CultureInfo.InvariantCulture,
            $"CPU per op: server {Ms(after.Server - before.Server):0.00} ms, PostgreSQL {Ms(after.Postgres - before.Postgres):0.00} ms, driver {(after.DriverMs - before.DriverMs) / operations:0.00} ms");
    }

    private long PostgresTicks()
    {
        long total = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText($"{dir}/comm").Trim() == "postgres"
                    && (postmasterPid is not { } postmaster || pid == postmaster || ParentOf(pid) == postmaster))
                {
                    total += ProcessTicks(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return total;
    }

    private static int ParentOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
    }

    /// <summary>utime + stime of a process (fields 14 and 15 of /proc/pid/stat, counted after the command name).</summary>
    private static long ProcessTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    internal readonly record struct Snapshot(long Server, long Postgres, double DriverMs);
}

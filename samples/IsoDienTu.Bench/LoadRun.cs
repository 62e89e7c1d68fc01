using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace IsoDienTu.Bench;

/// <summary>Sets up a one-step procedure, starts dossiers, then completes their tasks, all with concurrent clients.</summary>
internal static class LoadRun
{
    private const string Password = "bench123456";
    private static readonly string[] DesignerRoles = ["designer", "receiver"];
    private static readonly string[] OfficerRoles = ["specialist"];

    public static async Task<string> RunAsync(BenchOptions o)
    {
        var admin = await Api.LoginAsync(o.Url, "admin", o.AdminPassword);
        var suffix = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture)[^6..];
        var unit = $"BENCH{suffix}";
        await admin.PostOkAsync("/api/admin/units", new { code = unit, name = "Bench unit" });
        await admin.PostOkAsync("/api/admin/users", new { username = $"bd{suffix}", password = Password, fullName = "Bench designer", unitCode = unit, roles = DesignerRoles });
        var officers = Enumerable.Range(0, o.Clients).Select(i => $"bo{suffix}x{i}").ToList();
        foreach (var officer in officers)
        {
            await admin.PostOkAsync("/api/admin/users", new { username = officer, password = Password, fullName = officer, unitCode = unit, roles = OfficerRoles });
        }

        var designer = await Api.LoginAsync(o.Url, $"bd{suffix}", Password);
        var key = $"bench{suffix}";
        var draft = await designer.PostXmlAsync("/api/definitions", Procedure(key, unit));
        await designer.PostOkAsync($"/api/definitions/{key}/versions/{draft.GetProperty("version").GetInt32()}/publish", new { });

        var cpu = new CpuMeter(o.ServerPid, o.PostmasterPid);
        // Warm-up, not measured: the first requests pay for JIT compilation and for filling the connection pool.
        var warmUp = Math.Min(500, o.Dossiers);
        await TimeAsync(cpu, warmUp, o.Clients, _ => designer.PostAsync("/api/dossiers", new { procedureKey = key, applicant = new { name = "Warm-up" } }));
        var warmClients = await Task.WhenAll(officers.Select(u => Api.LoginAsync(o.Url, u, Password)));
        var warmTasks = new ConcurrentQueue<long>((await warmClients[0].GetAsync("/api/tasks?scope=available&limit=500")).EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));
        await TimeAsync(cpu, warmTasks.Count, o.Clients, worker =>
            warmTasks.TryDequeue(out var id) ? warmClients[worker].PostAsync($"/api/tasks/{id}/complete", new { comment = "warm-up" }) : throw new InvalidOperationException("warm-up queue ran dry"));

        var starts = await TimeAsync(cpu, o.Dossiers, o.Clients, _ => designer.PostAsync("/api/dossiers", new { procedureKey = key, applicant = new { name = "Bench" } }));

        var clients = await Task.WhenAll(officers.Select(u => Api.LoginAsync(o.Url, u, Password)));
        var tasks = new ConcurrentQueue<long>();
        foreach (var t in (await clients[0].GetAsync("/api/tasks?scope=available&limit=500")).EnumerateArray())
        {
            tasks.Enqueue(t.GetProperty("id").GetInt64());
        }

        // The inbox lists 500 at a time; refill until every task of the run is queued.
        var seen = new HashSet<long>(tasks);
        var rss = new List<long>();
        var completions = await TimeAsync(cpu, o.Dossiers, o.Clients, async worker =>
        {
            long id;
            while (!tasks.TryDequeue(out id))
            {
                foreach (var t in (await clients[worker].GetAsync("/api/tasks?scope=available&limit=500")).EnumerateArray())
                {
                    var next = t.GetProperty("id").GetInt64();
                    lock (seen)
                    {
                        if (seen.Add(next))
                        {
                            tasks.Enqueue(next);
                        }
                    }
                }
            }

            if (o.ServerPid is { } pid && id % 200 == 0)
            {
                lock (rss)
                {
                    rss.Add(Rss(pid));
                }
            }

            return await clients[worker].PostAsync($"/api/tasks/{id}/complete", new { comment = "bench" });
        });

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"dossiers started: {starts}");
        report.AppendLine(CultureInfo.InvariantCulture, $"task completions: {completions}");
        if (rss.Count > 0)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"server RSS: max {rss.Max() / 1024 / 1024} MB over {rss.Count} samples");
        }

        return report.ToString();
    }

    /// <summary>Runs <paramref name="count"/> requests with <paramref name="clients"/> workers; throughput and percentiles.</summary>
    private static async Task<string> TimeAsync(CpuMeter cpu, int count, int clients, Func<int, Task<HttpResponseMessage>> request)
    {
        var before = cpu.Take();
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var next = -1;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                var watch = Stopwatch.StartNew();
                using var response = await request(worker);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        total.Stop();
        var after = cpu.Take();
        var sorted = latencies.Order().ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        return string.Create(CultureInfo.InvariantCulture,
            $"{count} in {total.Elapsed.TotalSeconds:0.0} s = {count / total.Elapsed.TotalSeconds:0}/s, p50 {P(0.5):0.0} ms, p99 {P(0.99):0.0} ms, failures {failures}; {CpuMeter.Per(before, after, count)}");
    }

    private static long Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static string Procedure(string key, string unit) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:iso="urn:isodientu:bpmn:1" id="d" targetNamespace="urn:bench">
          <process id="{key}" name="Bench" isExecutable="true" iso:procedureCode="BENCH" iso:deadline="P3D">
            <startEvent id="s" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="work" />
            <userTask id="work" name="Xử lý" iso:unit="{unit}" iso:role="specialist" iso:allotment="P1D" />
            <sequenceFlow id="f2" sourceRef="work" targetRef="e" />
            <endEvent id="e" />
          </process>
        </definitions>
        """;
}

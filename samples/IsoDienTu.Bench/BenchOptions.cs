using System.Globalization;

namespace IsoDienTu.Bench;

/// <param name="Mode"><c>load</c> (dossiers started and completed over HTTP) or <c>timers</c> (a burst of due timers).</param>
/// <param name="Db">Npgsql connection string of the server's database (the timer stage loads and reads rows there).</param>
/// <param name="Timers">Pending timers wanted in the database when the burst falls due.</param>
/// <param name="Burst">Timers falling due together.</param>
/// <param name="SpreadMs">The burst's due times are spread evenly over this many milliseconds (0: one instant).</param>
/// <param name="LeadSeconds">How far in the future the burst starts once it is loaded.</param>
/// <param name="Queries">Read-query latencies on a loaded database instead (<c>--queries</c>).</param>
/// <param name="Warmup">Timers of an uncounted burst fired first (the server's firing path compiled and warm).</param>
/// <param name="LoadWarmup">Dossiers started and completed, uncounted, before the load is measured.</param>
internal sealed record BenchOptions(
    Uri Url, int Dossiers, int Clients, int? ServerPid, string AdminPassword,
    string Mode, string? Db, int Timers, int Burst, int SpreadMs, int LeadSeconds, int Warmup, string Label, int? PostmasterPid,
    bool Queries, int Requests, string? Only, int LoadWarmup)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions(
            new Uri(Value("--url") ?? "http://127.0.0.1:5080"),
            Int("--dossiers", 3000),
            Int("--clients", 16),
            Value("--pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            Value("--admin-password") ?? "admin123",
            Value("--mode") ?? "load",
            Value("--db"),
            Int("--timers", 100_000),
            Int("--burst", 1000),
            Int("--spread-ms", 1000),
            Int("--lead", 10),
            Int("--warmup", 300),
            Value("--label") ?? "",
            Value("--pg-pid") is { } pg ? int.Parse(pg, CultureInfo.InvariantCulture) : null,
            args.Contains("--queries") || Value("--mode") == "queries",
            Int("--requests", 200),
            Value("--only"),
            Int("--load-warmup", 2000));
    }
}

using IsoDienTu.Bench;

// Load driver for the HTTP API. Usage:
//   dotnet run --project samples/IsoDienTu.Bench -c Release -- --url http://127.0.0.1:5080 --dossiers 3000 --clients 16 [--pid N]
//     dossiers started per second and task completions per second with durable commits, latency percentiles, server RSS;
//   ... -- --mode timers --url … --db "<npgsql connection string>" [--timers 100000] [--burst 1000] [--spread-ms 1000]
//     pending timers loaded, a burst falling due in one second of real time, its firing lag and drain time;
//   ... -- --queries --url … [--requests 200] [--db "Host=…"] [--only text]
//     read-query latencies (inbox, overdue, dashboard, notifications) on a loaded database: tests/bench/million.sh.
var options = BenchOptions.Parse(args);
var report = options.Queries ? await QueryRun.RunAsync(options) : options.Mode switch
{
    "load" => await LoadRun.RunAsync(options),
    "timers" => await TimerRun.RunAsync(options),
    _ => throw new ArgumentException($"Unknown --mode {options.Mode} (load, timers or queries)."),
};
Console.WriteLine(report);

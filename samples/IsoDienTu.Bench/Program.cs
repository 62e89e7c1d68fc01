using IsoDienTu.Bench;

// Load driver for the HTTP API. Usage:
//   dotnet run --project samples/IsoDienTu.Bench -c Release -- --url http://127.0.0.1:5080 --dossiers 3000 --clients 16 [--pid N]
//     dossiers started per second and task completions per second with durable commits, latency percentiles, RSS.
//   dotnet run --project samples/IsoDienTu.Bench -c Release -- --queries --url … [--requests 200] [--db "Host=…"] [--only text]
//     read-query latencies (inbox, overdue, dashboard, notifications) on a loaded database: tests/bench/million.sh.
var options = BenchOptions.Parse(args);
var report = options.Queries ? await QueryRun.RunAsync(options) : await LoadRun.RunAsync(options);
Console.WriteLine(report);

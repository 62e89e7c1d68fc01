using IsoDienTu.Bench;

// Load driver for the HTTP API: dossiers started per second and task completions per second with durable commits,
// with latency percentiles and the server's memory. Usage:
//   dotnet run --project samples/IsoDienTu.Bench -c Release -- --url http://127.0.0.1:5080 --dossiers 3000 --clients 16 [--pid N]
var options = BenchOptions.Parse(args);
var report = await LoadRun.RunAsync(options);
Console.WriteLine(report);

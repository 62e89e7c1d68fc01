using System.Globalization;

namespace IsoDienTu.Bench;

internal sealed record BenchOptions(Uri Url, int Dossiers, int Clients, int? ServerPid, string AdminPassword,
    bool Queries, int Requests, string? Db, string? Only)
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
            args.Contains("--queries"),
            Int("--requests", 200),
            Value("--db"),
            Value("--only"));
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IsoDienTu.Engine.Postgres;
using Npgsql;

namespace IsoDienTu.Bench;

/// <summary>
/// The reads officers and supervisors wait on — inbox scopes, overdue list, dashboard, notifications, worklists —
/// timed one request at a time against a loaded database (tests/bench/load-million.sh): through the HTTP API as users
/// see them, and, with <c>--db</c>, the same store calls in process (SQL + mapping, no HTTP, JSON or auth).
/// Each case draws its caller from a pool (busy and quiet units, several officers) with a fixed seed.
/// </summary>
internal static class QueryRun
{
    private const string OfficerPassword = "matkhau123";
    // Uncounted requests of each query first (BENCH_WARMUP, default 200): .NET runs a method's first calls as quickly
    // compiled, instrumented code and compiles it again, optimised, in the background, on the same two cores as the
    // measured requests. A server that has been up a few minutes runs the optimised code; five warm-up requests measured
    // part of its start instead (the dashboard alone: p95 10–12 ms after 50, 8–9 after 400, 6–8 after the other reads).
    private static readonly int Warmup = int.TryParse(Environment.GetEnvironmentVariable("BENCH_WARMUP"), out var w) && w >= 0 ? w : 200;
    private static readonly string[] OfficerRoles = ["receiver", "specialist", "head", "leader", "clerk"];

    private sealed record User(string Username, string? Unit, string[] Roles)
    {
        public Actor Actor => new(Username, Unit, Roles);
    }

    private sealed record Case(string Name, IReadOnlyList<User> Users, Func<User, string> Path, Func<User, Task<int>>? Store);

    public static async Task<string> RunAsync(BenchOptions o)
    {
        var admin = await Api.LoginAsync(o.Url, "admin", o.AdminPassword);
        var users = (await admin.GetAsync("/api/admin/users")).EnumerateArray()
            .Select(u => new User(u.GetProperty("username").GetString()!, u.GetProperty("unitCode").GetString(),
                [.. u.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!)]))
            .OrderBy(u => u.Username, StringComparer.Ordinal).ToList();
        var now = (await admin.GetAsync("/api/clock")).GetProperty("now").GetDateTimeOffset();
        var local = now.ToOffset(TimeSpan.FromHours(7));
        // The dashboard page's default period: 1 January of this year to the end of today; the report: this month.
        var yearStart = new DateTimeOffset(local.Year, 1, 1, 0, 0, 0, TimeSpan.FromHours(7));
        var tomorrow = new DateTimeOffset(local.Date.AddDays(1), TimeSpan.FromHours(7));
        var monthStart = new DateTimeOffset(local.Year, local.Month, 1, 0, 0, 0, TimeSpan.FromHours(7));
        string Q(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O", CultureInfo.InvariantCulture));

        var random = new Random(42);
        var officers = users.Where(u => u.Unit is not null && u.Roles.Any(OfficerRoles.Contains)).ToArray();
        random.Shuffle(officers);
        var sample = officers.Take(60).ToList();
        var heads = users.Where(u => u.Unit is not null && u.Roles.Contains("head")).ToList();
        var receivers = users.Where(u => u.Roles.Contains("receiver")).ToList();
        var supervisor = users.Where(u => u.Roles.Contains("supervisor")).Take(1).ToList();
        var adminUser = new User("admin", null, ["admin"]);

        // The server's pools: the engine's prepared, the list reads and the dashboard prepared and planned once, the
        // reports unprepared.
        NpgsqlDataSource? engineData = o.Db is null ? null : EngineDataSource.Create(o.Db);
        NpgsqlDataSource? data = o.Db is null ? null : EngineDataSource.Create(o.Db, genericPlans: true);
        NpgsqlDataSource? reportData = o.Db is null ? null : EngineDataSource.Create(o.Db, prepare: false);
        NpgsqlDataSource? dashboardData = o.Db is null ? null : EngineDataSource.Create(o.Db, genericPlans: true);
        TaskInbox? tasks = null;
        SupervisionQueries? supervision = null;
        DashboardQueries? dashboard = null;
        DossierEngine? engine = null;
        if (data is not null)
        {
            var clock = new ClusterClock(data, TimeProvider.System, simulated: false);
            var engineOptions = new EngineOptions();
            engine = new DossierEngine(engineData!, new DefinitionStore(engineData!), clock, engineOptions);
            tasks = new TaskInbox(data);
            supervision = new SupervisionQueries(data, clock, reportData);
            dashboard = new DashboardQueries(dashboardData!, clock);
        }

        async Task<int> Overdue(User u, int limit)
        {
            var (steps, dossiers) = await supervision!.OverdueAsync(u.Actor, limit);
            return steps.Items.Count + dossiers.Items.Count;
        }

        async Task<int> Inbox(User u, string scope, int limit) => tasks is null ? 0 : (await tasks.ListAsync(u.Actor, scope, limit)).Items.Count;

        async Task<int> Dashboard(User u, string? unit)
        {
            var d = await dashboard!.BuildAsync(u.Actor, yearStart, tomorrow, unit);
            return d.Steps.Items.Count + d.LateDossiers.Items.Count;
        }

        var cases = new List<Case>
        {
            // The first page (the default 50 rows) as the pages ask for it, then 500 rows, the most a page may hold
            // (and what the lists returned before paging; the overdue lists returned up to 1,000 + 1,000).
            new("inbox available, first page (officers)", sample, _ => "/api/tasks?scope=available", u => Inbox(u, "available", PageCursor.DefaultLimit)),
            new("inbox assigned, first page (officers)", sample, _ => "/api/tasks?scope=assigned", u => Inbox(u, "assigned", PageCursor.DefaultLimit)),
            new("inbox unit, first page (heads of unit)", heads, _ => "/api/tasks?scope=unit", u => Inbox(u, "unit", PageCursor.DefaultLimit)),
            new("inbox unit, first page (province supervisor)", supervisor, _ => "/api/tasks?scope=unit", u => Inbox(u, "unit", PageCursor.DefaultLimit)),
            new("overdue steps + dossiers, first pages (heads)", heads, _ => "/api/supervision/overdue", u => Overdue(u, PageCursor.DefaultLimit)),
            new("overdue steps + dossiers, first pages (province supervisor)", supervisor, _ => "/api/supervision/overdue", u => Overdue(u, PageCursor.DefaultLimit)),
            new("overdue steps + dossiers, first pages (admin, everything)", [adminUser], _ => "/api/supervision/overdue", u => Overdue(u, PageCursor.DefaultLimit)),
            new("inbox available, 500 rows (officers)", sample, _ => "/api/tasks?scope=available&limit=500", u => Inbox(u, "available", 500)),
            new("inbox assigned, 500 rows (officers)", sample, _ => "/api/tasks?scope=assigned&limit=500", u => Inbox(u, "assigned", 500)),
            new("inbox unit, 500 rows (heads of unit)", heads, _ => "/api/tasks?scope=unit&limit=500", u => Inbox(u, "unit", 500)),
            new("inbox unit, 500 rows (province supervisor)", supervisor, _ => "/api/tasks?scope=unit&limit=500", u => Inbox(u, "unit", 500)),
            new("overdue steps + dossiers, 500 + 500 (heads)", heads, _ => "/api/supervision/overdue?limit=500", u => Overdue(u, 500)),
            new("overdue steps + dossiers, 500 + 500 (province supervisor)", supervisor, _ => "/api/supervision/overdue?limit=500", u => Overdue(u, 500)),
            new("overdue steps + dossiers, 500 + 500 (admin, everything)", [adminUser], _ => "/api/supervision/overdue?limit=500", u => Overdue(u, 500)),
            new("dashboard year to date (heads)", heads, _ => $"/api/dashboard?from={Q(yearStart)}&to={Q(tomorrow)}", u => Dashboard(u, null)),
            new("dashboard year to date (province supervisor)", supervisor, _ => $"/api/dashboard?from={Q(yearStart)}&to={Q(tomorrow)}", u => Dashboard(u, null)),
            new("dashboard year to date (admin, one unit)", heads, u => $"/api/dashboard?from={Q(yearStart)}&to={Q(tomorrow)}&unit={u.Unit}", u => Dashboard(adminUser, u.Unit)),
            new("notifications (officers)", sample, _ => "/api/notifications", u => Count(supervision?.NotificationsAsync(u.Actor))),
            new("notifications (province supervisor)", supervisor, _ => "/api/notifications", u => Count(supervision?.NotificationsAsync(u.Actor))),
            new("supplement worklist (receivers)", receivers, _ => "/api/dossiers?status=waitingForSupplement",
                _ => Count(engine?.ListByStatusAsync("waitingForSupplement", 200))),
            new("Biểu 06 report, this month (province)", [adminUser], _ => $"/api/reports/processing?from={Q(monthStart)}&to={Q(tomorrow)}",
                _ => Count(supervision?.ProcessingReportAsync(monthStart, tomorrow, null))),
            new("Biểu 06 report, year to date (each unit)", heads, u => $"/api/reports/processing?from={Q(yearStart)}&to={Q(tomorrow)}&unit={u.Unit}",
                u => Count(supervision?.ProcessingReportAsync(yearStart, tomorrow, u.Unit))),
        };

        var logins = new Dictionary<string, Api>(StringComparer.Ordinal) { ["admin"] = admin };
        async Task<Api> As(User u) => logins.TryGetValue(u.Username, out var api) ? api
            : logins[u.Username] = await Api.LoginAsync(o.Url, u.Username, OfficerPassword);

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{o.Requests} requests per query, one at a time, after {Warmup} warm-up; now = {local:yyyy-MM-dd HH:mm} (+07)");
        report.AppendLine("| query (callers) | HTTP p50 | HTTP p95 | HTTP max | store p50 | store p95 | store max | rows | KB |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var c in cases.Where(c => c.Users.Count > 0 && (o.Only is null || c.Name.Contains(o.Only, StringComparison.OrdinalIgnoreCase))))
        {
            var callers = Enumerable.Range(0, o.Requests + Warmup).Select(_ => c.Users[random.Next(c.Users.Count)]).ToList();
            foreach (var u in callers.Distinct())
            {
                await As(u);
            }

            var http = new List<double>();
            long bytes = 0;
            var slowest = (Ms: 0.0, User: "");
            for (var i = 0; i < callers.Count; i++)
            {
                var api = await As(callers[i]);
                var watch = Stopwatch.StartNew();
                var body = await api.GetBytesAsync(c.Path(callers[i]));
                var ms = watch.Elapsed.TotalMilliseconds;
                if (i >= Warmup)
                {
                    http.Add(ms);
                    bytes += body.Length;
                    slowest = ms > slowest.Ms ? (ms, callers[i].Username) : slowest;
                }
            }

            var store = new List<double>();
            long rows = 0;
            if (c.Store is not null && data is not null)
            {
                for (var i = 0; i < callers.Count; i++)
                {
                    var watch = Stopwatch.StartNew();
                    var n = await c.Store(callers[i]);
                    if (i >= Warmup)
                    {
                        store.Add(watch.Elapsed.TotalMilliseconds);
                        rows += n;
                    }
                }
            }

            report.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {c.Name} | {P(http, 0.5):0.0} | {P(http, 0.95):0.0} | {http.Max():0.0} | {P(store, 0.5):0.0} | {P(store, 0.95):0.0} | {(store.Count > 0 ? store.Max() : double.NaN):0.0} | {(store.Count > 0 ? (double)rows / store.Count : double.NaN):0} | {bytes / 1024.0 / http.Count:0.0} |"));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Name}: HTTP p95 {P(http, 0.95):0.0} ms, slowest {slowest.Ms:0.0} ms as {slowest.User}"));
        }

        if (data is not null)
        {
            await data.DisposeAsync();
            await dashboardData!.DisposeAsync();
            await reportData!.DisposeAsync();
            await engineData!.DisposeAsync();
        }

        return report.ToString();
    }

    private static async Task<int> Count<T>(Task<IReadOnlyList<T>>? query) => query is null ? 0 : (await query).Count;

    /// <summary>Nearest-rank percentile; NaN for no samples.</summary>
    private static double P(List<double> samples, double q)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

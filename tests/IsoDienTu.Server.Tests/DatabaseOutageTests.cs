using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Dapper;
using IsoDienTu.Server.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace IsoDienTu.Server.Tests;

/// <summary>
/// PostgreSQL restarted under a running server (issue #7): requests during the outage fail cleanly with a 503
/// problem, the server carries on after the restart without being restarted itself, its scheduler fires what fell
/// due meanwhile, nothing acknowledged is lost — and a node told to stop while the database is down stops promptly.
/// Each test runs its own PostgreSQL cluster, so stopping it disturbs no other suite.
/// </summary>
[Collection(ServerProcesses.Name)]
public sealed class DatabaseOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int TimedDossiers = 20;
    private const int Examinations = 100;
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(10);
    private PostgresCluster? _postgres;

    private PostgresCluster Postgres => _postgres ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _postgres = await PostgresCluster.StartNewAsync();
        await using var connection = new NpgsqlConnection(Postgres.AdminConnectionString);
        await connection.ExecuteAsync("create database isodientu");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private string Database => Postgres.ConnectionStringFor("isodientu");

    [Fact]
    public async Task RestartUnderLoad_OutageGets503Problems_ServerRecovers_TimersFire_AcknowledgedWorkIsKept()
    {
        await using var server = await ServerProcess.StartAsync(Database, "solo");
        await Seed.OrganisationAsync(server);
        var monday = new DateTimeOffset(2026, 3, 2, 8, 0, 0, Clock.Vn);
        await Clock.SetAsync(server, monday);
        var licence = await Seed.LicenceAsync(server);
        var timed = await Seed.PublishAsync(server, TestProcedures.Timed());
        using (var recv = await Seed.As(server, "recv"))
        {
            for (var i = 0; i < TimedDossiers; i++)
            {
                await recv.PostJsonAsync("/api/dossiers", new { procedureKey = timed, applicant = new { name = $"Người chờ {i}" } }, HttpStatusCode.Created);
            }

            for (var i = 0; i < Examinations; i++)
            {
                await recv.PostJsonAsync("/api/dossiers", new { procedureKey = licence, applicant = new { name = $"Người nộp {i}" } }, HttpStatusCode.Created);
            }
        }

        using var cv1 = await Seed.As(server, "cv1");
        var examinations = new ConcurrentQueue<long>((await cv1.GetJsonAsync("/api/tasks?scope=available&limit=500")).EnumerateArray()
            .Where(t => t.GetProperty("stepId").GetString() == "examine").Select(t => t.GetProperty("id").GetInt64()));
        examinations.Count.ShouldBe(Examinations);

        using var load = new Load(server);
        await load.StartAsync(licence, examinations);
        await load.UntilAsync(r => r.Ok && r.Kind == "receive", 10, "writes before the outage");

        // The timed dossiers' timers fall due now, but the test holds their rows, so no sweep can fire them before
        // the outage: only the scheduler recovering afterwards can.
        await using var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database) { Pooling = false }.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("select id from dossiers where definition_key = @timed for update", new { timed }, hold);
        await Clock.SetAsync(server, monday.AddHours(2));
        (await holder.ExecuteScalarAsync<long>("select count(*) from timers where kind = 'bpmn' and status = 'pending'", transaction: hold))
            .ShouldBe(TimedDossiers);

        await Postgres.StopAsync(); // fast shutdown: every session is terminated, the holder's too
        var outage = load.Mark();
        await load.UntilAsync(r => r.Started > outage, 20, "requests during the outage");
        var ready = await ReadyAsync(server);
        ready.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, "readiness reports the database down");
        ready.Elapsed.ShouldBeLessThan(Bounded);
        using (var anonymous = new HttpClient { BaseAddress = server.BaseAddress })
        {
            (await anonymous.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK, "the process itself is alive");
        }

        await Postgres.StartAsync();
        var restarted = load.Mark();
        await Eventually.UntilAsync(async () => (await ReadyAsync(server)).Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30), () => server.Output);
        var readyAgain = load.Mark();
        await load.UntilAsync(r => r.Ok && r.Kind == "receive" && r.Started > restarted, 10, "writes after the restart");
        await load.UntilAsync(r => r.Ok && r.Kind == "complete" && r.Started > restarted, 3, "completions after the restart");
        var responses = await load.StopAsync();
        server.HasExited.ShouldBeFalse("the server carried on without being restarted");
        output.WriteLine($"{responses.Count} responses: {responses.Count(r => r.Ok)} ok, {responses.Count(r => !r.Ok)} refused " +
            $"(503: {responses.Count(r => r.Status == HttpStatusCode.ServiceUnavailable)}); slowest {responses.Max(r => r.Elapsed).TotalMilliseconds:0} ms; " +
            $"ready again {Load.Seconds(readyAgain - restarted):0.0} s after PostgreSQL restarted");

        // During the outage: a 503 problem in Vietnamese and English, at once, never a 500, a hang or a stack trace.
        var failures = responses.Where(r => !r.Ok).ToList();
        failures.ShouldContain(r => r.Started > outage && r.Started < restarted, "the load met the outage");
        failures.ShouldAllBe(r => r.Status == HttpStatusCode.ServiceUnavailable, Describe(failures.Where(r => r.Status != HttpStatusCode.ServiceUnavailable)));
        failures.ShouldAllBe(r => r.ContentType == "application/problem+json" && r.RetryAfter, Describe(failures));
        failures.ShouldAllBe(r => r.Title.Contains("Cơ sở dữ liệu", StringComparison.Ordinal) && r.Title.Contains("Database", StringComparison.Ordinal), Describe(failures));
        failures.ShouldAllBe(r => !r.Body.Contains("   at ", StringComparison.Ordinal) && !r.Body.Contains("Exception", StringComparison.Ordinal), Describe(failures));
        responses.ShouldAllBe(r => r.Elapsed < Bounded, Describe(responses.Where(r => r.Elapsed >= Bounded)));

        // Every acknowledged write is in the database.
        await using var connection = new NpgsqlConnection(Database);
        var codes = (await connection.QueryAsync<string>("select code from dossiers")).ToHashSet(StringComparer.Ordinal);
        var received = responses.Where(r => r.Ok && r.Kind == "receive").Select(r => r.Key).ToList();
        received.ShouldAllBe(code => codes.Contains(code));
        var journaled = (await connection.QueryAsync<long>("""
            select t.id from tasks t
            where t.status = 'completed' and exists (
                select 1 from journal j, jsonb_array_elements(j.events) e
                where j.dossier_id = t.dossier_id and e->>'event' = 'taskCompleted' and (e->>'taskId')::bigint = t.local_id)
            """)).Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        responses.Where(r => r.Ok && r.Kind == "complete").ShouldAllBe(r => journaled.Contains(r.Key));

        // The scheduler recovered by itself: the timers that fell due before the outage fire, once each.
        await Eventually.UntilAsync(
            async () => await connection.ExecuteScalarAsync<long>("select count(*) from timers where kind = 'bpmn' and status = 'fired'") == TimedDossiers,
            TimeSpan.FromSeconds(60), () => server.Output);
        (await connection.ExecuteScalarAsync<long>("select count(*) from tasks where element_id = 'escalated'")).ShouldBe(TimedDossiers);
        output.WriteLine($"timers due during the outage fired {Load.Seconds(load.Mark() - restarted):0.0} s after PostgreSQL restarted");
    }

    [Fact]
    public async Task DatabaseDown_SigTerm_ServerStopsPromptly()
    {
        await using var server = await ServerProcess.StartAsync(Database, "doomed");
        await Seed.OrganisationAsync(server);
        await Postgres.StopAsync();
        // The scheduler has met the outage (a tick fails every second) before the node is told to stop.
        (await ReadyAsync(server)).Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        await Eventually.UntilAsync(() => Task.FromResult(server.Output.Contains("Npgsql", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), () => server.Output);

        var stopped = await server.TerminateAsync(TimeSpan.FromSeconds(30));

        output.WriteLine($"stopped {stopped.TotalSeconds:0.0} s after SIGTERM");
        stopped.ShouldBeLessThan(Bounded, server.Output);
    }

    private static async Task<(HttpStatusCode Status, TimeSpan Elapsed)> ReadyAsync(ServerProcess server)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        var response = await http.GetAsync("/health/ready");
        return (response.StatusCode, clock.Elapsed);
    }

    private static string Describe(IEnumerable<Response> responses) =>
        string.Join('\n', responses.Take(5).Select(r => $"{r.Kind} {(int)r.Status} {r.ContentType} {r.Elapsed.TotalMilliseconds:0} ms {r.Body}"));

    private sealed record Response(string Kind, string Key, long Started, TimeSpan Elapsed, HttpStatusCode Status, string? ContentType, string Title,
        string Body, bool RetryAfter)
    {
        public bool Ok => (int)Status is >= 200 and < 300;
    }

    /// <summary>
    /// A steady mix against one server — receptions and reads of the inbox by the one-stop officer, completions of
    /// examinations by a specialist — recording every answer with when it was sent and how long it took.
    /// </summary>
    private sealed class Load(ServerProcess server) : IDisposable
    {
        private readonly List<ApiClient> _clients = [];
        private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(50);
        private readonly ConcurrentQueue<Response> _responses = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private Task _workers = Task.CompletedTask;

        public long Mark() => _clock.ElapsedTicks;

        public static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

        public async Task StartAsync(string procedureKey, ConcurrentQueue<long> examinations)
        {
            var receivers = new[] { await Seed.As(server, "recv"), await Seed.As(server, "recv") };
            var specialist = await Seed.As(server, "cv1");
            _clients.AddRange([.. receivers, specialist]);
            var n = 0;
            _workers = Task.WhenAll(
                receivers.Select(recv => RunAsync("receive", Pace, async () =>
                    (await recv.PostAsync("/api/dossiers", new { procedureKey, applicant = new { name = $"Người nộp lúc sự cố {Interlocked.Increment(ref n)}" } }), "")))
                .Append(RunAsync("read", Pace, async () => (await receivers[0].GetAsync("/api/tasks?scope=available&limit=500"), "")))
                .Append(RunAsync("complete", Pace * 5, async () => examinations.TryDequeue(out var id)
                    ? (await specialist.PostAsync($"/api/tasks/{id}/complete", new { outcome = "approve" }), id.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    : (null, ""))));
        }

        /// <summary>Waits until at least <paramref name="count"/> recorded answers match.</summary>
        public Task UntilAsync(Func<Response, bool> match, int count, string what) =>
            Eventually.UntilAsync(() => Task.FromResult(_responses.Count(match) >= count), TimeSpan.FromSeconds(60),
                () => $"{what}: {_responses.Count(match)} of {count}\n{Describe(_responses.TakeLast(5))}\n{server.Output}");

        public async Task<IReadOnlyList<Response>> StopAsync()
        {
            await _stop.CancelAsync();
            await _workers;
            return [.. _responses];
        }

        public void Dispose()
        {
            _stop.Dispose();
            _clients.ForEach(c => c.Dispose());
        }

        private async Task RunAsync(string kind, TimeSpan pace, Func<Task<(HttpResponseMessage? Response, string Key)>> send)
        {
            while (!_stop.IsCancellationRequested)
            {
                var started = _clock.ElapsedTicks;
                var elapsed = Stopwatch.StartNew();
                var (response, key) = await send();
                if (response is not null)
                {
                    using (response)
                    {
                        var body = await response.Content.ReadAsStringAsync();
                        var json = body.StartsWith('{') ? JsonDocument.Parse(body).RootElement : default;
                        if (kind == "receive" && response.IsSuccessStatusCode)
                        {
                            key = json.GetProperty("code").GetString() ?? "";
                        }

                        var title = !response.IsSuccessStatusCode && json.ValueKind == JsonValueKind.Object && json.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "";
                        _responses.Enqueue(new Response(kind, key, started, elapsed.Elapsed, response.StatusCode,
                            response.Content.Headers.ContentType?.MediaType, title, body, response.Headers.RetryAfter is not null));
                    }
                }

                // A steady pace rather than a flood: the outage is met by a few dozen requests, not thousands.
                await Task.Delay(pace);
            }
        }
    }
}

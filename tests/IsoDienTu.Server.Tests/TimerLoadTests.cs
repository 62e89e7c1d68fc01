using System.Diagnostics;
using System.Net;
using Dapper;
using IsoDienTu.Server.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace IsoDienTu.Server.Tests;

/// <summary>
/// Issue #7: three server processes on one database with 10,000 timers due. Each timer's effect happens exactly
/// once; the node doing the work is killed (SIGKILL) mid-way, the next one is stopped (SIGTERM) later, and the
/// survivor finishes all of it.
/// </summary>
[Collection(ServerProcesses.Name)]
public sealed class TimerLoadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Timers = 10_000;
    private const int Received = 25;
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task ThreeNodes_TenThousandTimersDue_EachFiresOnce_SurvivorsFinishAfterKillAndStop()
    {
        var clock = Stopwatch.StartNew();
        var started = await StartNodesAsync("node-a", "node-b", "node-c");
        await using var a = started[0];
        await using var b = started[1];
        await using var c = started[2];
        var nodes = new Dictionary<string, ServerProcess> { ["node-a"] = a, ["node-b"] = b, ["node-c"] = c };
        await Seed.OrganisationAsync(a);
        var monday = new DateTimeOffset(2026, 3, 2, 8, 0, 0, Clock.Vn);
        await Clock.SetAsync(a, monday);
        var key = await Seed.PublishAsync(b, TestProcedures.Timed());

        // A few receptions through the API on every node, then set-based copies of them: 10,000 receptions over
        // HTTP would take minutes on a two-core CI machine, and the copies are exactly the rows a reception writes.
        await Parallel.ForEachAsync(Enumerable.Range(0, Received), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, _) =>
        {
            using var recv = await Seed.As(nodes.Values.ElementAt(i % 3), "recv");
            await recv.PostJsonAsync("/api/dossiers", new { procedureKey = key, applicant = new { name = $"Người nộp {i}" } }, HttpStatusCode.Created);
        });
        var copying = clock.Elapsed;
        await CopyDossiersAsync(key, Timers / Received - 1);
        output.WriteLine($"copies written in {(clock.Elapsed - copying).TotalSeconds:0.0} s");
        (await CountAsync("select count(*) from timers where kind = 'bpmn' and status = 'pending'")).ShouldBe(Timers);
        output.WriteLine($"{Timers} timers pending after {clock.Elapsed.TotalSeconds:0.0} s");

        // Every boundary timer (PT1H) falls due at once.
        var due = clock.Elapsed;
        await Clock.SetAsync(c, monday.AddHours(2));

        // SIGKILL the node that has fired the most once a tenth is done: the others must take over its share.
        await UntilFiredAsync(Timers / 10, nodes);
        var killed = await BusiestAsync(nodes.Keys);
        nodes[killed].Kill();
        var killedFired = await FiredByAsync(killed);
        output.WriteLine($"{killed} killed at {await FiredAsync()} fired ({killedFired} by it), {(clock.Elapsed - due).TotalSeconds:0.0} s after due");
        nodes.Remove(killed);

        // Half done: stop the busiest survivor as a service manager would. It leaves promptly, mid-sweep.
        await UntilFiredAsync(Timers / 2, nodes);
        var stopped = await BusiestAsync(nodes.Keys);
        var stopTook = await nodes[stopped].TerminateAsync(TimeSpan.FromSeconds(30));
        output.WriteLine($"{stopped} stopped (SIGTERM) in {stopTook.TotalSeconds:0.0} s at {await FiredAsync()} fired, {(clock.Elapsed - due).TotalSeconds:0.0} s after due");
        stopTook.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        nodes.Remove(stopped);

        await UntilFiredAsync(Timers, nodes);
        output.WriteLine($"all {Timers} fired {(clock.Elapsed - due).TotalSeconds:0.0} s after due; by node: " +
            string.Join(", ", (await QueryAsync<(string, long)>("select fired_by, count(*) from timers where kind = 'bpmn' group by 1 order by 1"))
                .Select(r => $"{r.Item1} {r.Item2}")));

        // Exactly once: one firing, one journal event and one escalated task per timer; nothing pending or parked.
        (await CountAsync("select count(*) from timers where kind = 'bpmn' and status <> 'fired'")).ShouldBe(0);
        (await CountAsync("select count(*) from tasks where element_id = 'escalated'")).ShouldBe(Timers);
        (await CountAsync("select count(*) from (select dossier_id from tasks where element_id = 'escalated' group by dossier_id having count(*) > 1) d")).ShouldBe(0);
        (await CountAsync("select count(*) from tasks where element_id = 'wait' and status = 'open'")).ShouldBe(0);
        (await CountAsync("""
            select count(*) from (
                select j.dossier_id from journal j, jsonb_array_elements(j.events) e
                where e->>'event' = 'timerFired' group by j.dossier_id having count(*) = 1) once
            """)).ShouldBe(Timers);

        // The work was shared: the killed node had fired some, and the survivors did the rest.
        killedFired.ShouldBeGreaterThan(0);
        (await CountAsync("select count(distinct fired_by) from timers where kind = 'bpmn'")).ShouldBeGreaterThanOrEqualTo(2);
        (await FiredByAsync(nodes.Keys.Single())).ShouldBeGreaterThan(0, "the last survivor finished the work");
    }

    /// <summary>Starts the nodes side by side (they migrate under an advisory lock); none is left running on a failure.</summary>
    private async Task<ServerProcess[]> StartNodesAsync(params string[] names)
    {
        var starting = names.Select(name => ServerProcess.StartAsync(_database.ConnectionString, name)).ToArray();
        try
        {
            return await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var node in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await node.Result.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// Copies every dossier of the procedure <paramref name="copies"/> times with its tasks, timers and journal —
    /// whatever columns those tables have — under new ids and codes.
    /// </summary>
    private async Task CopyDossiersAsync(string key, int copies)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        // Row copies through temporary tables (select t.*, then set the new keys): generic over the tables'
        // columns, and far cheaper than a round trip of every row through jsonb.
        await connection.ExecuteAsync(new CommandDefinition("""
            create temp table copies on commit drop as
            select d.id as source_id, nextval(pg_get_serial_sequence('dossiers', 'id')) as new_id, d.code || '-' || g.n as new_code
            from dossiers d cross join generate_series(1, @copies) g(n) where d.definition_key = @key;

            create temp table dossier_copies on commit drop as
            select d.*, m.new_id, m.new_code from dossiers d join copies m on m.source_id = d.id;
            update dossier_copies set id = new_id, code = new_code, state = jsonb_set(state, '{instanceId}', to_jsonb(new_code));
            alter table dossier_copies drop column new_id, drop column new_code;
            insert into dossiers select * from dossier_copies;

            create temp table task_copies on commit drop as
            select t.*, t.id as source_id, m.new_id as new_dossier_id
            from tasks t join copies m on m.source_id = t.dossier_id;
            update task_copies set id = nextval(pg_get_serial_sequence('tasks', 'id')), dossier_id = new_dossier_id;
            create temp table task_ids on commit drop as select source_id, id, dossier_id from task_copies;
            alter table task_copies drop column source_id, drop column new_dossier_id;
            insert into tasks select * from task_copies;

            create temp table timer_copies on commit drop as
            select x.*, m.new_id as new_dossier_id from timers x join copies m on m.source_id = x.dossier_id;
            update timer_copies c set task_id = t.id from task_ids t where t.source_id = c.task_id and t.dossier_id = c.new_dossier_id;
            update timer_copies set id = nextval(pg_get_serial_sequence('timers', 'id')), dossier_id = new_dossier_id;
            alter table timer_copies drop column new_dossier_id;
            insert into timers select * from timer_copies;

            create temp table journal_copies on commit drop as
            select j.*, m.new_id as new_dossier_id from journal j join copies m on m.source_id = j.dossier_id;
            update journal_copies set id = nextval(pg_get_serial_sequence('journal', 'id')), dossier_id = new_dossier_id;
            alter table journal_copies drop column new_dossier_id;
            insert into journal select * from journal_copies;
            """, new { key, copies }, tx, commandTimeout: 300));
        await tx.CommitAsync();
        // Fresh statistics, as autovacuum would soon give a live database: the sweeps' plans assume them.
        await connection.ExecuteAsync("analyze dossiers, tasks, timers, journal");
    }

    /// <summary>
    /// Waits until <paramref name="count"/> timers have fired, failing only when the count stops growing: a slow
    /// machine is not a failure, a cluster that no longer fires anything is. A failover takes about 10 s.
    /// </summary>
    private async Task UntilFiredAsync(long count, Dictionary<string, ServerProcess> nodes)
    {
        var stalled = TimeSpan.FromSeconds(45);
        var (fired, progress) = (await FiredAsync(), Stopwatch.StartNew());
        while (fired < count)
        {
            if (progress.Elapsed > stalled)
            {
                throw new TimeoutException($"No timer fired for {stalled.TotalSeconds} s at {fired} of {count}.\n" +
                    string.Join("\n---\n", nodes.Values.Select(n => n.Output)));
            }

            await Task.Delay(200);
            var now = await FiredAsync();
            if (now > fired)
            {
                (fired, progress) = (now, Stopwatch.StartNew());
            }
        }
    }

    private Task<long> FiredAsync() => CountAsync("select count(*) from timers where kind = 'bpmn' and status = 'fired'");

    private async Task<long> FiredByAsync(string node) =>
        (await QueryAsync<long>("select count(*) from timers where kind = 'bpmn' and fired_by = @node", new { node })).Single();

    private async Task<string> BusiestAsync(IEnumerable<string> among) =>
        (await QueryAsync<string>("""
            select fired_by from timers where kind = 'bpmn' and fired_by = any(@among)
            group by fired_by order by count(*) desc, fired_by limit 1
            """, new { among = among.ToArray() })).SingleOrDefault() ?? among.First();

    private async Task<long> CountAsync(string sql) => (await QueryAsync<long>(sql)).Single();

    private async Task<IEnumerable<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        return await connection.QueryAsync<T>(sql, parameters);
    }
}

using System.Net;
using Dapper;
using IsoDienTu.Server.Tests.Infrastructure;
using Npgsql;

namespace IsoDienTu.Server.Tests;

/// <summary>
/// Several real server processes on one database: every timer's effect happens exactly once, and a node killed
/// with SIGKILL mid-way loses nothing — the others carry on with its share.
/// </summary>
[Collection(ServerProcesses.Name)]
public sealed class ClusterTests : IAsyncLifetime
{
    private const int Dossiers = 120;
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task ThreeNodes_TimersFallDue_EachFiresOnce_EvenWhenANodeIsKilled()
    {
        await using var a = await ServerProcess.StartAsync(_database.ConnectionString, "node-a");
        await using var b = await ServerProcess.StartAsync(_database.ConnectionString, "node-b");
        await using var c = await ServerProcess.StartAsync(_database.ConnectionString, "node-c");
        await Seed.OrganisationAsync(a);
        var monday = new DateTimeOffset(2026, 3, 2, 8, 0, 0, Clock.Vn);
        await Clock.SetAsync(a, monday);
        var key = await Seed.PublishAsync(b, TestProcedures.Timed());

        var nodes = new IApiHost[] { a, b, c };
        await Parallel.ForEachAsync(Enumerable.Range(0, Dossiers), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, _) =>
        {
            using var recv = await Seed.As(nodes[i % 3], "recv");
            await recv.PostJsonAsync("/api/dossiers", new { procedureKey = key, applicant = new { name = $"Người nộp {i}" } }, HttpStatusCode.Created);
        });
        (await CountAsync("select count(*) from timers where kind = 'bpmn' and status = 'pending'")).ShouldBe(Dossiers);

        // Every boundary timer (PT1H) falls due at once; node B dies while the cluster works through them.
        await Clock.SetAsync(c, monday.AddHours(2));
        await Eventually.UntilAsync(async () => await CountAsync("select count(*) from timers where kind = 'bpmn' and status = 'fired'") > 0,
            TimeSpan.FromSeconds(30), () => b.Output);
        b.Kill();
        await Eventually.UntilAsync(async () => await CountAsync("select count(*) from timers where kind = 'bpmn' and status = 'pending'") == 0,
            TimeSpan.FromSeconds(90), () => a.Output + "\n---\n" + c.Output);

        (await CountAsync("select count(*) from timers where kind = 'bpmn' and status = 'fired'")).ShouldBe(Dossiers);
        (await CountAsync("select count(*) from tasks where element_id = 'escalated' and status = 'open'")).ShouldBe(Dossiers);
        (await CountAsync("select count(*) from (select dossier_id from tasks where element_id = 'escalated' group by dossier_id having count(*) > 1) d")).ShouldBe(0);
        (await CountAsync("""
            select count(*) from journal j, jsonb_array_elements(j.events) e where e->>'event' = 'timerFired'
            """)).ShouldBe(Dossiers);
        (await CountAsync("select count(*) from tasks where element_id = 'wait' and status = 'open'")).ShouldBe(0);

        // The killed node restarts on the same database and serves at once: nothing was left half-done for it.
        await using var restarted = await ServerProcess.StartAsync(_database.ConnectionString, "node-b2");
        using var head = await Seed.As(restarted, "head1");
        (await head.GetJsonAsync("/api/tasks?scope=available&limit=500")).GetArrayLength().ShouldBe(Dossiers);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}

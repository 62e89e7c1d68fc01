using System.Collections.Concurrent;
using System.Net;
using Dapper;
using IsoDienTu.Server.Tests.Infrastructure;
using Npgsql;

namespace IsoDienTu.Server.Tests;

/// <summary>
/// SIGKILL a server in the middle of a completion load: every completion it acknowledged is in the journal, and
/// no dossier is left without an open task, a pending timer or an end.
/// </summary>
[Collection(ServerProcesses.Name)]
public sealed class CrashTests : IAsyncLifetime
{
    private const int Dossiers = 150;
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task KillDuringCompletions_AcknowledgedWorkIsKept_NothingIsStuck()
    {
        await using var survivor = await ServerProcess.StartAsync(_database.ConnectionString, "survivor");
        await using var victim = await ServerProcess.StartAsync(_database.ConnectionString, "victim");
        await Seed.OrganisationAsync(survivor);
        await Clock.SetAsync(survivor, new DateTimeOffset(2026, 3, 2, 8, 0, 0, Clock.Vn));
        var key = await Seed.LicenceAsync(survivor);
        using (var recv = await Seed.As(survivor, "recv"))
        {
            for (var i = 0; i < Dossiers; i++)
            {
                await recv.PostJsonAsync("/api/dossiers", new { procedureKey = key, applicant = new { name = $"Người nộp {i}" } }, HttpStatusCode.Created);
            }
        }

        using var cv1 = await Seed.As(victim, "cv1");
        var ids = (await cv1.GetJsonAsync("/api/tasks?scope=available&limit=500")).EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ToList();
        ids.Count.ShouldBe(Dossiers);

        var acknowledged = new ConcurrentBag<long>();
        var load = Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
        {
            try
            {
                var response = await cv1.PostAsync($"/api/tasks/{id}/complete", new { outcome = "approve" });
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged.Add(id);
                }
            }
            catch (HttpRequestException)
            {
                // The server died under this request: it was never acknowledged.
            }
            catch (TaskCanceledException)
            {
            }
        });
        while (acknowledged.Count < Dossiers / 3)
        {
            await Task.Delay(10);
        }

        victim.Kill();
        await load;

        acknowledged.Count.ShouldBeGreaterThan(0);
        acknowledged.Count.ShouldBeLessThan(Dossiers, "the kill came before the load finished");
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        var journaled = (await connection.QueryAsync<long>("""
            select t.id from tasks t
            where t.status = 'completed' and exists (
                select 1 from journal j, jsonb_array_elements(j.events) e
                where j.dossier_id = t.dossier_id and e->>'event' = 'taskCompleted' and (e->>'taskId')::bigint = t.local_id)
            """)).ToHashSet();
        acknowledged.ShouldAllBe(id => journaled.Contains(id));
        (await connection.ExecuteScalarAsync<long>("""
            select count(*) from dossiers d
            where d.finished_at is null
              and not exists (select 1 from tasks t where t.dossier_id = d.id and t.status = 'open')
              and not exists (select 1 from timers m where m.dossier_id = d.id and m.status = 'pending' and m.kind = 'bpmn')
            """)).ShouldBe(0);

        // The survivor carries on with what the victim left: the rest of the examinations can be completed.
        using var cv1b = await Seed.As(survivor, "cv1b");
        var left = (await cv1b.GetJsonAsync("/api/tasks?scope=available&limit=500")).EnumerateArray()
            .Where(t => t.GetProperty("stepId").GetString() == "examine").ToList();
        left.Count.ShouldBe(Dossiers - journaled.Count);
        foreach (var task in left.Take(5))
        {
            await cv1b.PostJsonAsync($"/api/tasks/{task.GetProperty("id").GetInt64()}/complete", new { outcome = "approve" });
        }

    }
}

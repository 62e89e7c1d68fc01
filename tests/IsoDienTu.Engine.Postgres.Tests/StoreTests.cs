using Dapper;
using IsoDienTu.Engine.Runtime;
using Npgsql;

namespace IsoDienTu.Engine.Postgres.Tests;

public sealed class StoreTests(EngineFixture f) : IClassFixture<EngineFixture>
{
    private const string Timed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:iso="urn:isodientu:bpmn:1" id="d" targetNamespace="urn:t">
          <process id="timed" isExecutable="true" iso:procedureCode="T.1" iso:deadline="P2D">
            <startEvent id="s" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
            <userTask id="wait" iso:unit="U" iso:role="specialist" iso:allotment="PT2H" />
            <boundaryEvent id="late" attachedToRef="wait">
              <timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <sequenceFlow id="f2" sourceRef="wait" targetRef="e" />
            <sequenceFlow id="f3" sourceRef="late" targetRef="escalated" />
            <userTask id="escalated" iso:unit="U" iso:role="head" />
            <sequenceFlow id="f4" sourceRef="escalated" targetRef="e" />
            <endEvent id="e" />
          </process>
        </definitions>
        """;

    [Fact]
    public async Task ScopeRow_TakesItsDossiersOpenDueTime_ReadByPrimaryKey()
    {
        // Migration 0026: the scope trigger's lookup matched the running-dossiers index's predicates, and the planner
        // could walk that whole index (led by due_at) for one id. A fresh session, with sequential scans off as on a
        // table too big for them, plans the trigger's lookup anew: only the primary key may serve it.
        var key = await f.PublishAsync(Timed.Replace("id=\"timed\"", "id=\"scopes1\"", StringComparison.Ordinal));
        var (dossier, _) = await f.StartAsync(key);
        var fresh = new NpgsqlConnectionStringBuilder(f.Database.ConnectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(fresh);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("set local enable_seqscan = off", transaction: tx);

        var openDue = await connection.ExecuteScalarAsync<DateTimeOffset?>(
            "insert into dossier_scopes (dossier_id, unit_code) values (@Id, 'SCOPE-TEST') returning open_due_at", new { dossier.Id }, tx);
        var (running, primary) = await connection.QuerySingleAsync<(long, long)>(
            "select pg_stat_get_xact_numscans('dossiers_running_due_unit'::regclass), pg_stat_get_xact_numscans('dossiers_pkey'::regclass)",
            transaction: tx);

        openDue.ShouldNotBeNull().ShouldBe(dossier.DueAt.ShouldNotBeNull());
        running.ShouldBe(0);
        primary.ShouldBeGreaterThan(0);
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task Journal_IsAppendOnly_InTheDatabase()
    {
        var key = await f.PublishAsync(Timed.Replace("id=\"timed\"", "id=\"journal1\"", StringComparison.Ordinal));
        var (dossier, _) = await f.StartAsync(key);
        await using var connection = await f.DataSource.OpenConnectionAsync();

        (await connection.ExecuteScalarAsync<int>("select count(*) from journal where dossier_id = @Id", new { dossier.Id })).ShouldBe(1);
        var update = await Should.ThrowAsync<PostgresException>(() => connection.ExecuteAsync("update journal set actor = 'x' where dossier_id = @Id", new { dossier.Id }));
        update.MessageText.ShouldContain("append-only");
        await Should.ThrowAsync<PostgresException>(() => connection.ExecuteAsync("delete from journal where dossier_id = @Id", new { dossier.Id }));
        await Should.ThrowAsync<PostgresException>(() => connection.ExecuteAsync("truncate journal cascade"));
    }

    [Fact]
    public async Task PublishedDefinition_CannotChangeOrBeDeletedWhileUsed()
    {
        var key = await f.PublishAsync(Timed.Replace("id=\"timed\"", "id=\"immutable1\"", StringComparison.Ordinal));
        await f.StartAsync(key);
        await using var connection = await f.DataSource.OpenConnectionAsync();

        await Should.ThrowAsync<PostgresException>(() => connection.ExecuteAsync("update definitions set bpmn = 'x' where key = @key", new { key }));
        await Should.ThrowAsync<PostgresException>(() => connection.ExecuteAsync("delete from definitions where key = @key", new { key }));
    }

    [Fact]
    public async Task DossierCodes_FollowTheOfficialFormat_AndCountPerDay()
    {
        var key = await f.PublishAsync(Timed.Replace("id=\"timed\"", "id=\"codes1\"", StringComparison.Ordinal));
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await f.StartAsync(key)).Dossier.Code);
        }

        codes.ShouldAllBe(c => System.Text.RegularExpressions.Regex.IsMatch(c, @"^000\.00\.20\.H42-\d{6}-\d{4}$"));
        codes.Distinct().Count().ShouldBe(3);
        var sequence = codes.Select(c => int.Parse(c[^4..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        sequence.ShouldBe(sequence.Order().ToList());
    }

    [Fact]
    public async Task DossierCodes_IssuedToConcurrentReceptions_HaveNoGapsAndMatchTheState()
    {
        var key = await f.PublishAsync(Timed.Replace("id=\"timed\"", "id=\"codes2\"", StringComparison.Ordinal));
        const string agency = "999.00.00.T01";
        var started = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ =>
            f.Engine.StartAsync(new StartDossierRequest(key, new Applicant("Nguyễn Văn A"), AgencyCode: agency), "receiver")));

        var numbers = started.Select(s => int.Parse(s.Dossier.Code[^4..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        numbers.ShouldBe(Enumerable.Range(1, 24).ToList());
        started.ShouldAllBe(s => s.Dossier.Code.StartsWith(agency + "-", StringComparison.Ordinal));
        started.ShouldAllBe(s => EngineJson.Deserialize<InstanceState>(s.Dossier.State).InstanceId == s.Dossier.Code);
    }

    [Fact]
    public async Task SameDayProcedure_ArmsItsDueWatch_ButNoApologyBeforeItsReception()
    {
        var sameDay = Timed.Replace("id=\"timed\"", "id=\"sameday1\"", StringComparison.Ordinal)
            .Replace("iso:deadline=\"P2D\"", "iso:deadline=\"P0D\"", StringComparison.Ordinal);
        var key = await f.PublishAsync(sameDay);
        var (dossier, _) = await f.StartAsync(key);
        await using var connection = await f.DataSource.OpenConnectionAsync();

        var watches = (await connection.QueryAsync<(string Kind, DateTimeOffset DueAt)>(
            "select kind, due_at from timers where dossier_id = @Id and kind in ('dossier_due', 'apology') and status = 'pending'", new { dossier.Id })).ToList();
        watches.ShouldContain(w => w.Kind == "dossier_due");
        watches.ShouldNotContain(w => w.Kind == "apology" && w.DueAt <= dossier.ReceivedAt);
    }

    [Fact]
    public async Task Migrations_RunTwiceAndConcurrently_AreANoOp()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => MigrationRunner.MigrateAsync(f.DataSource)));
        results.ShouldAllBe(n => n == 0);
    }

    [Fact]
    public async Task Migrations_OfNodesStartingTogetherOnAnEmptyDatabase_RunOnceWithoutDeadlock()
    {
        // A node waiting for the migration lock must not hold a snapshot: an index built concurrently (0015) waits for
        // every older snapshot, and the node building it holds the lock the others wait for.
        var empty = new PostgresDatabase { Migrate = false };
        await empty.InitializeAsync();
        var nodes = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(empty.ConnectionString)).ToList();
        try
        {
            var results = await Task.WhenAll(nodes.Select(n => MigrationRunner.MigrateAsync(n)));
            results.Sum().ShouldBe(MigrationRunner.Scripts().Count());
            results.Count(n => n > 0).ShouldBe(1);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            await empty.DisposeAsync();
        }
    }

    [Fact]
    public async Task NoTransactionMigration_RanStatementByStatement_DroppedItsIndexConcurrently()
    {
        // 0013 drops an index concurrently, which PostgreSQL refuses inside a transaction or a multi-statement message.
        await using var connection = await f.DataSource.OpenConnectionAsync();
        (await connection.ExecuteScalarAsync<int>("select count(*) from schema_migrations where id = '0013_task_write_indexes'")).ShouldBe(1);
        (await connection.ExecuteScalarAsync<int>("select count(*) from pg_indexes where indexname = 'tasks_dossier'")).ShouldBe(0);
        (await connection.ExecuteScalarAsync<int>("select count(*) from pg_indexes where indexname = 'tasks_dossier_id_local_id_key'")).ShouldBe(1);
    }

    [Fact]
    public void NoTransactionMigration_Statements_SplitAtLineEndSemicolonsWithoutComments() =>
        MigrationRunner.Statements("""
            -- migration: no transaction
            -- a comment; with a semicolon
            drop index concurrently if exists a;
            create index concurrently if not exists b
                on t (x) where y = 'p;q';

            """).ShouldBe(["drop index concurrently if exists a;", "create index concurrently if not exists b\n    on t (x) where y = 'p;q';"]);

    [Fact]
    public async Task DueTimers_SweptByFourNodesAtOnce_EachFiresExactlyOnce()
    {
        var key = await f.PublishAsync(Timed.Replace("id=\"timed\"", "id=\"sweep1\"", StringComparison.Ordinal));
        var dossiers = new List<long>();
        for (var i = 0; i < 40; i++)
        {
            dossiers.Add((await f.StartAsync(key)).Dossier.Id);
        }

        await f.Clock.SetAsync((await f.Clock.NowAsync()).AddHours(3));
        var nodes = Enumerable.Range(0, 4).Select(i => f.Processor($"node-{i}")).ToList();
        var processed = await Task.WhenAll(nodes.Select(async n =>
        {
            var total = 0;
            int count;
            while ((count = await n.ProcessDueAsync(CancellationToken.None)) > 0)
            {
                total += count;
            }

            return total;
        }));

        await using var connection = await f.DataSource.OpenConnectionAsync();
        var ids = dossiers.ToArray();
        (await connection.ExecuteScalarAsync<int>("select count(*) from timers where dossier_id = any(@ids) and kind = 'bpmn' and status = 'fired'", new { ids })).ShouldBe(40);
        (await connection.ExecuteScalarAsync<int>("select count(*) from tasks where dossier_id = any(@ids) and element_id = 'escalated'", new { ids })).ShouldBe(40);
        (await connection.ExecuteScalarAsync<int>("""
            select count(*) from journal j, jsonb_array_elements(j.events) e where j.dossier_id = any(@ids) and e->>'event' = 'timerFired'
            """, new { ids })).ShouldBe(40);
        processed.Sum().ShouldBeGreaterThanOrEqualTo(40);
        (await connection.ExecuteScalarAsync<double>("select max(lag_ms) from timers where dossier_id = any(@ids) and kind = 'bpmn'", new { ids })).ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task StaleVersion_IsAConflict_NotALostUpdate()
    {
        var key = await f.PublishAsync(Timed.Replace("id=\"timed\"", "id=\"stale1\"", StringComparison.Ordinal));
        var (dossier, _) = await f.StartAsync(key);

        var error = await Should.ThrowAsync<StoreException>(() =>
            f.Engine.ExecuteAsync(dossier.Id, _ => new CancelInstance("test"), "admin", expectedVersion: dossier.Version - 1));

        error.Kind.ShouldBe(StoreError.Conflict);
        (await f.Engine.GetAsync(dossier.Id)).Status.ShouldBe(dossier.Status);
    }
}

using Dapper;

namespace IsoDienTu.Engine.Postgres.Tests;

/// <summary>How the processor claims and fires due rows: concurrently, once each, passing over busy dossiers.</summary>
public sealed class DueWorkTests(EngineFixture f) : IClassFixture<EngineFixture>
{
    private const string Timed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:iso="urn:isodientu:bpmn:1" id="d" targetNamespace="urn:t">
          <process id="KEY" isExecutable="true" iso:procedureCode="T.2" iso:deadline="P5D">
            <startEvent id="s" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
            <userTask id="wait" iso:unit="U" iso:role="specialist" />
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

    private static readonly TimeSpan NoWaiting = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Burst_OneCall_FiresEveryDueTimerOnce()
    {
        var ids = await StartAsync("burst1", 60);
        await f.Clock.SetAsync((await f.Clock.NowAsync()).AddHours(2));

        var processed = 0;
        int round;
        while ((round = await f.Processor("node").ProcessDueAsync(CancellationToken.None)) > 0)
        {
            processed += round;
        }

        processed.ShouldBeGreaterThanOrEqualTo(ids.Length);
        await using var connection = await f.DataSource.OpenConnectionAsync();
        (await connection.ExecuteScalarAsync<int>(
            "select count(*) from timers where dossier_id = any(@ids) and kind = 'bpmn' and status = 'fired' and attempts = 1 and lag_ms >= 0 and fired_by = 'node'",
            new { ids })).ShouldBe(ids.Length);
        (await connection.ExecuteScalarAsync<int>(
            "select count(*) from tasks where dossier_id = any(@ids) and element_id = 'escalated'", new { ids })).ShouldBe(ids.Length);
        (await connection.ExecuteScalarAsync<int>(
            "select count(*) from dossiers where id = any(@ids) and version = 2", new { ids })).ShouldBe(ids.Length);
    }

    [Fact]
    public async Task FoldCounts_MovesTheAppendedCountChanges_IntoTheCounts_KeepingEveryTotal()
    {
        await StartAsync("fold1", 3);
        await using var connection = await f.DataSource.OpenConnectionAsync();
        const string Totals = """
            select (select coalesce(sum(received), 0) from dossier_counts)::int, (select coalesce(sum(received), 0) from dossier_count_events)::int
            """;
        var (counted, appended) = await connection.QuerySingleAsync<(int, int)>(Totals);
        appended.ShouldBeGreaterThanOrEqualTo(3); // each reception counts at least in the whole service ('')

        await f.Processor("node").FoldCountsAsync(CancellationToken.None);

        (await connection.QuerySingleAsync<(int, int)>(Totals)).ShouldBe((counted + appended, 0));
    }

    [Fact]
    public async Task DueTimer_OfALockedDossier_IsPassedOverWithoutWaiting_AndFiresOnceReleased()
    {
        var ids = await StartAsync("locked1", 2);
        await f.Clock.SetAsync((await f.Clock.NowAsync()).AddHours(2));
        await using var connection = await f.DataSource.OpenConnectionAsync();

        await using (var holder = await f.DataSource.OpenConnectionAsync())
        await using (var tx = await holder.BeginTransactionAsync())
        {
            // An officer's step on the first dossier, in progress on another connection.
            await holder.ExecuteAsync("select id from dossiers where id = @id for update", new { id = ids[0] }, tx);

            await f.Processor("node").ProcessDueAsync(CancellationToken.None).WaitAsync(NoWaiting);

            (await FiredAsync(connection, ids[0])).ShouldBe(0);
            (await FiredAsync(connection, ids[1])).ShouldBe(1);
        }

        await f.Processor("node").ProcessDueAsync(CancellationToken.None);

        (await FiredAsync(connection, ids[0])).ShouldBe(1);
        (await connection.ExecuteScalarAsync<int>(
            "select count(*) from tasks where dossier_id = any(@ids) and element_id = 'escalated'", new { ids })).ShouldBe(2);
    }

    [Fact]
    public async Task FailingTimer_IsCountedAndLeftPending_TheOthersStillFire()
    {
        var ids = await StartAsync("failing1", 5);
        await f.Clock.SetAsync((await f.Clock.NowAsync()).AddHours(2));
        await using var connection = await f.DataSource.OpenConnectionAsync();
        await RefusingEscalationOfAsync(connection, ids[2], () => f.Processor("node").ProcessDueAsync(CancellationToken.None));

        foreach (var id in ids.Where(id => id != ids[2]))
        {
            (await FiredAsync(connection, id)).ShouldBe(1);
        }

        // Attempted once by the call, although its other workers kept claiming while the firing failed.
        var failed = await connection.QuerySingleAsync<(string Status, int Attempts, string LastError, DateTimeOffset? FiredAt)>(
            "select status, attempts, last_error, fired_at from timers where dossier_id = @id and kind = 'bpmn'", new { id = ids[2] });
        failed.Status.ShouldBe("pending");
        failed.Attempts.ShouldBe(1);
        failed.LastError.ShouldContain("refused for the test");
        failed.FiredAt.ShouldBeNull();
        (await connection.ExecuteScalarAsync<int>("select version from dossiers where id = @id", new { id = ids[2] })).ShouldBe(1);

        await f.Processor("node").ProcessDueAsync(CancellationToken.None);

        (await FiredAsync(connection, ids[2])).ShouldBe(1);
        (await connection.ExecuteScalarAsync<int>(
            "select attempts from timers where dossier_id = @id and kind = 'bpmn'", new { id = ids[2] })).ShouldBe(2);
    }

    [Fact]
    public async Task FailingTimer_OnItsLastAttempt_IsParkedAsFailed()
    {
        var ids = await StartAsync("parked1", 1);
        await f.Clock.SetAsync((await f.Clock.NowAsync()).AddHours(2));
        await using var connection = await f.DataSource.OpenConnectionAsync();
        using var processor = new DueWorkProcessor(f.DataSource, f.Engine, f.Options with { NodeName = "node", MaxTimerAttempts = 2 });

        await RefusingEscalationOfAsync(connection, ids[0], async () =>
        {
            await processor.ProcessDueAsync(CancellationToken.None);
            await processor.ProcessDueAsync(CancellationToken.None);
            await processor.ProcessDueAsync(CancellationToken.None);
        });

        var parked = await connection.QuerySingleAsync<(string Status, int Attempts)>(
            "select status, attempts from timers where dossier_id = @id and kind = 'bpmn'", new { id = ids[0] });
        parked.ShouldBe(("failed", 2));
        (await connection.ExecuteScalarAsync<int>(
            "select count(*) from tasks where dossier_id = @id and element_id = 'escalated'", new { id = ids[0] })).ShouldBe(0);
    }

    [Fact]
    public async Task TimeUntilNextDue_IsTheEarliestPendingDueTime_OnTheClusterClock()
    {
        await using var connection = await f.DataSource.OpenConnectionAsync();
        var now = await f.Clock.NowAsync();
        var earliest = await connection.ExecuteScalarAsync<DateTimeOffset?>("select min(due_at) from timers where status = 'pending'");
        var ids = await StartAsync("next1", 1);
        var due = await connection.ExecuteScalarAsync<DateTimeOffset>(
            "select due_at from timers where dossier_id = @id and kind = 'bpmn'", new { id = ids[0] });

        var untilDue = await f.Processor("node").TimeUntilNextDueAsync(CancellationToken.None);

        untilDue.ShouldBe((earliest is { } e && e < due ? e : due) - now);
        untilDue!.Value.ShouldBeLessThanOrEqualTo(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task WorkersPerCall_AreTheNodesShare_OfTheLiveNodesCheckedIn()
    {
        await using var connection = await f.DataSource.OpenConnectionAsync();
        using var processor = new DueWorkProcessor(f.DataSource, f.Engine, f.Options, workers: 8);
        await processor.TimeUntilNextDueAsync(CancellationToken.None);
        processor.Share.ShouldBe(8);

        // Three nodes checked in just now (Quartz stores .NET ticks and milliseconds); one stopped a minute ago.
        await connection.ExecuteAsync("""
            insert into qrtz_scheduler_state (sched_name, instance_name, last_checkin_time, checkin_interval)
            select 'IsoDienTu', n.name, (extract(epoch from clock_timestamp() - n.ago) * 10000000)::bigint + 621355968000000000, 5000
            from (values ('a', interval '0'), ('b', interval '2 s'), ('c', interval '4 s'), ('gone', interval '60 s')) as n (name, ago)
            """);
        try
        {
            await processor.TimeUntilNextDueAsync(CancellationToken.None);
            processor.Share.ShouldBe(3);
        }
        finally
        {
            await connection.ExecuteAsync("delete from qrtz_scheduler_state");
        }
    }

    [Theory]
    [InlineData(8, 0, 8)]
    [InlineData(8, 1, 8)]
    [InlineData(8, 2, 4)]
    [InlineData(8, 3, 3)]
    [InlineData(8, 6, 2)]
    [InlineData(1, 3, 1)]
    public void SharePerNode_IsAnEqualPart_AtLeastTwo_AtMostAll(int workers, int nodes, int share) =>
        DueWorkProcessor.SharePerNode(workers, nodes).ShouldBe(share);

    private async Task<long[]> StartAsync(string key, int count)
    {
        var published = await f.PublishAsync(Timed.Replace("KEY", key, StringComparison.Ordinal));
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = (await f.StartAsync(published)).Dossier.Id;
        }

        return ids;
    }

    /// <summary>Runs <paramref name="sweep"/> while the escalation step of one dossier cannot be written: its firing fails and is undone.</summary>
    private static async Task RefusingEscalationOfAsync(Npgsql.NpgsqlConnection connection, long dossierId, Func<Task> sweep)
    {
        await connection.ExecuteAsync($$"""
            create function refuse_escalation() returns trigger language plpgsql as $$
            begin
                if new.dossier_id = {{dossierId}} and new.element_id = 'escalated' then
                    raise exception 'refused for the test';
                end if;
                return new;
            end $$;
            create trigger refuse_escalation before insert on tasks for each row execute function refuse_escalation();
            """);
        try
        {
            await sweep();
        }
        finally
        {
            await connection.ExecuteAsync("drop trigger refuse_escalation on tasks; drop function refuse_escalation()");
        }
    }

    private static Task<int> FiredAsync(Npgsql.NpgsqlConnection connection, long dossierId) =>
        connection.ExecuteScalarAsync<int>(
            "select count(*) from timers where dossier_id = @dossierId and kind = 'bpmn' and status = 'fired'", new { dossierId });
}

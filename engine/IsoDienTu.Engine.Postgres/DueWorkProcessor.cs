using Dapper;
using IsoDienTu.Engine.Definitions;
using IsoDienTu.Engine.Runtime;
using Npgsql;

namespace IsoDienTu.Engine.Postgres;

/// <summary>
/// Fires due timers. Each firing is its own transaction that claims the earliest due row whose dossier it can lock at
/// once (<c>FOR UPDATE ... SKIP LOCKED</c> on the dossier: a dossier busy elsewhere is passed over, not waited for),
/// marks the row fired only if it is still pending, runs the step and commits — so the effect of a timer happens
/// exactly once however many workers and nodes sweep, and a crash before commit leaves the row pending. Several
/// workers fire at once (a burst of timers due together is not drained one step after another), and each row is
/// claimed once by one worker instead of being attempted by every overlapping sweep.
/// </summary>
/// <param name="dataSource">Where firings run: the server gives the processor its own small pool with automatic statement
/// preparation, as every firing sends the same dozen statements (parsing and planning them was about half of PostgreSQL's
/// work per timer).</param>
/// <param name="workers">Firing transactions at once across the cluster, shared by its live nodes (see
/// <see cref="Share"/>), and on this node at most, whoever calls (the tick and the waker share them).</param>
public sealed class DueWorkProcessor(NpgsqlDataSource dataSource, DossierEngine engine, EngineOptions options, int workers = DueWorkProcessor.DefaultWorkers)
    : IDueWorkProcessor, IDisposable
{
    /// <summary>
    /// Enough concurrent firings to overlap the round trips of the firings (claim, lock, writes, commit) with each other's work; a
    /// burst on a 2-core node is CPU-bound beyond this. Each worker holds one pooled connection while it fires.
    /// </summary>
    public const int DefaultWorkers = 8;

    /// <summary>Rows fired by one call at most, so that a call (a round of the due-work job) ends.</summary>
    private const int Batch = 200;

    /// <summary>Workers a node starts per call however many nodes share the work: two overlap each other's round trips.</summary>
    internal const int MinShare = 2;

    /// <summary>
    /// Live nodes: the clustered scheduler's check-ins (<c>qrtz_scheduler_state</c>, one row per node, its time in .NET
    /// ticks, its interval in ms) no older than three intervals. None (no scheduler, as in the adapter's tests) is one node.
    /// </summary>
    private const string NextDueSql = """
        select (select min(due_at) from timers where status = 'pending') as next,
               (select count(*)::int from qrtz_scheduler_state
                where (last_checkin_time - 621355968000000000) / 10000 + 3 * checkin_interval
                      >= extract(epoch from clock_timestamp()) * 1000) as nodes
        """;

    private readonly int _max = workers;
    private volatile int _share = workers;

    private readonly SemaphoreSlim _workers = new(workers > 0 ? workers : throw new ArgumentOutOfRangeException(nameof(workers)));

    /// <summary>
    /// Locks the dossier of the earliest due row (skipping locked dossiers and the rows that failed in this call) and
    /// marks the row fired in the same statement. The update re-checks <c>status = 'pending'</c> against the row's
    /// latest version, so a row fired by another worker after this statement's snapshot is reported as not fired.
    /// Firing transactions do not wait for the WAL flush (<c>synchronous_commit = off</c>): a database crash may lose
    /// the last few firings, and then their rows are still pending and fire again — no effect is lost or doubled,
    /// because a firing's effects are rows in the same transaction, and a later durable commit that saw them flushes
    /// them first (the WAL is written in order). It saves a disk flush per timer when a burst falls due. The savepoint
    /// after the claim lets a failed firing be undone while the claim (and the dossier's lock) stays.
    /// </summary>
    private const string ClaimSql = """
        set local synchronous_commit = off;
        with claimed as (
            select t.id, t.dossier_id, t.kind, t.local_id, t.task_id, t.element_id, t.due_at,
                   d.code, d.unit_code, d.apology_count, d.state::text as state
            from timers t join dossiers d on d.id = t.dossier_id
            where t.status = 'pending' and t.due_at <= @now and t.id <> all(@skip)
            order by t.due_at
            limit 1
            for update of d skip locked),
        fired as (
            update timers t set status = 'fired', fired_at = @now, fired_by = @NodeName, attempts = t.attempts + 1,
                lag_ms = extract(epoch from (@now - t.due_at)) * 1000
            from claimed c where t.id = c.id and t.status = 'pending'
            returning t.id)
        select c.*, exists (select 1 from fired) as fired from claimed c;
        savepoint firing;
        """;

    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        // The node's workers are shared by every call: a call while another sweeps here (the tick during the waker's
        // sweep, or overlapping ticks) waits for one worker and takes only those free, so a node never runs more.
        // It starts only its share of the cluster's workers: every node wakes when a row falls due, and 3 nodes of
        // 8 workers put 24 firing transactions on the database at once, where 8 already keep 2 cores busy
        // (BENCHMARKS.md, "3 nodes slower than 1").
        var sweep = new Sweep();
        await _workers.WaitAsync(cancellationToken);
        var running = new List<Task<int>> { WorkAsync(sweep, cancellationToken) };
        while (running.Count < _share && _workers.Wait(0, cancellationToken))
        {
            running.Add(WorkAsync(sweep, cancellationToken));
        }

        return (await Task.WhenAll(running)).Sum();
    }

    public async Task FoldCountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await DossierCounts.FoldAsync(connection);
    }

    public void Dispose() => _workers.Dispose();

    /// <summary>Workers a call starts on this node: its share of <c>workers</c> among the live nodes seen at the last look.</summary>
    internal int Share => _share;

    /// <summary>
    /// Also counts the live nodes, in the same round trip: the waker looks before every sweep, so a node's share
    /// follows nodes joining and leaving within seconds.
    /// </summary>
    public async Task<TimeSpan?> TimeUntilNextDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (next, nodes) = await connection.QuerySingleAsync<(DateTimeOffset? Next, int Nodes)>(NextDueSql);
        _share = SharePerNode(_max, nodes);
        return next is { } due ? due - await engine.Clock.NowAsync(connection) : null;
    }

    /// <summary>A node's share of the cluster's workers: an equal part, at least <see cref="MinShare"/>, at most all.</summary>
    internal static int SharePerNode(int workers, int nodes) =>
        nodes <= 1 ? workers : Math.Min(workers, Math.Max(MinShare, (workers + nodes - 1) / nodes));

    /// <summary>One worker: claims and fires rows one transaction each until nothing is due or the call's batch is used.</summary>
    private async Task<int> WorkAsync(Sweep sweep, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            return await FireUntilDoneAsync(sweep, cancellationToken);
        }
        finally
        {
            _workers.Release();
        }
    }

    private async Task<int> FireUntilDoneAsync(Sweep sweep, CancellationToken cancellationToken)
    {
        var fired = 0;
        // One connection for the worker's whole run: no trip through the pool and no session reset per firing.
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            while (sweep.TakeSlot())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var outcome = await FireNextAsync(connection, sweep, cancellationToken);
                if (outcome == Outcome.NothingDue)
                {
                    break;
                }

                if (outcome == Outcome.Failed)
                {
                    // The failure may have broken the connection: go on with a fresh one.
                    await connection.DisposeAsync();
                    connection = await dataSource.OpenConnectionAsync(cancellationToken);
                }

                fired += outcome == Outcome.Fired ? 1 : 0;
            }
        }
        finally
        {
            await connection.DisposeAsync();
        }

        return fired;
    }

    /// <summary>
    /// Claims and fires one due row in its own transaction. A failed firing is undone back to the claim's savepoint and
    /// the row is released in the same transaction: still pending, its attempt counted, its error kept. The dossier
    /// stays locked until that commit, and the row joins the call's skipped rows before it — so no other worker of
    /// the call can attempt it again. (An error inside a statement makes PostgreSQL abort the transaction and release
    /// its locks at once, before the client has even seen the error: a firing left to roll back as a whole let
    /// another worker claim and fail the same row while this one was still unwinding, counting two attempts.)
    /// </summary>
    private async Task<Outcome> FireNextAsync(NpgsqlConnection connection, Sweep sweep, CancellationToken cancellationToken)
    {
        long? claimed = null;
        try
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            var now = await engine.Clock.NowAsync(connection);
            var timer = await connection.QuerySingleOrDefaultAsync<ClaimedTimer>(ClaimSql, new { now, skip = sweep.Skipped, options.NodeName }, tx);
            if (timer is null)
            {
                return Outcome.NothingDue;
            }

            // A row that failed in this call is claimed again when this worker read the skipped rows before that
            // failure was committed: roll back, do not try it twice.
            if (sweep.IsSkipped(timer.Id))
            {
                return Outcome.AlreadyDone;
            }

            if (!timer.Fired)
            {
                await tx.CommitAsync(cancellationToken);
                return Outcome.AlreadyDone;
            }

            claimed = timer.Id;
            try
            {
                await HandleAsync(connection, tx, timer, now);
            }
            catch (Exception e) when (IsFiringFailure(e) && connection.FullState == System.Data.ConnectionState.Open)
            {
                sweep.Skip(timer.Id);
                await ReleaseFailedAsync(connection, timer.Id, e);
                await tx.CommitAsync(cancellationToken);
                return Outcome.Failed;
            }

            await tx.CommitAsync(cancellationToken);
            return Outcome.Fired;
        }
        catch (Exception e) when (claimed is { } id && IsFiringFailure(e))
        {
            // The connection broke (or releasing the row failed): the transaction is gone with its claim, so the
            // attempt is counted on a fresh connection.
            sweep.Skip(id);
            await RecordFailureAsync(id, e, cancellationToken);
            return Outcome.Failed;
        }
    }

    private static bool IsFiringFailure(Exception e) => e is StoreException or PostgresException or NpgsqlException;

    private static string FailureMessage(Exception e) => (e is PostgresException pg ? StoreException.Translate(pg) : e).Message;

    /// <summary>
    /// Undoes the firing's work (back to the savepoint the claim set) and puts the row back to pending, keeping the
    /// attempt the claim counted; a row out of attempts is parked as failed.
    /// </summary>
    private async Task ReleaseFailedAsync(NpgsqlConnection connection, long id, Exception error) =>
        await connection.ExecuteAsync("""
            rollback to savepoint firing;
            update timers set status = case when attempts >= @MaxTimerAttempts then 'failed' else 'pending' end,
                fired_at = null, fired_by = null, lag_ms = null, last_error = @message
            where id = @id
            """, new { id, message = FailureMessage(error), options.MaxTimerAttempts });

    private async Task HandleAsync(NpgsqlConnection connection, NpgsqlTransaction tx, ClaimedTimer timer, DateTimeOffset now)
    {
        InstanceState State() => EngineJson.Deserialize<InstanceState>(timer.State);
        switch (timer.Kind)
        {
            case "bpmn":
                if (State().Timers.Any(t => t.Id == timer.LocalId))
                {
                    await engine.StepAsync(connection, tx, timer.DossierId, _ => new FireTimer(timer.LocalId!.Value), "timer", now);
                }

                break;
            case "step_reminder":
                await StepNoticeAsync(connection, tx, timer, now, overdue: false);
                break;
            case "step_due":
                await StepNoticeAsync(connection, tx, timer, now, overdue: true);
                break;
            case "dossier_due":
                if (!State().IsEnded)
                {
                    // The dossier's apology step, due with it, is overdue with it.
                    await connection.ExecuteAsync("""
                        update dossiers set late = true where id = @DossierId;
                        update tasks set overdue = true where dossier_id = @DossierId and kind = 'apology' and status = 'open';
                        """, new { timer.DossierId }, tx);
                    await DossierEngine.NotifyAsync(connection, tx, timer.DossierId, now, "dossierOverdue",
                        $"Hồ sơ {timer.Code} đã quá hạn giải quyết / Dossier {timer.Code} is overdue", role: "supervisor");
                }

                break;
            case "apology":
                if (State() is { IsEnded: false } state && timer.ApologyCount == 0)
                {
                    await CreateApologyTaskAsync(connection, tx, timer, state, now);
                }

                break;
        }
    }

    /// <summary>
    /// A step falling due: overdue steps are marked and escalated — through the model's own boundary timer when it
    /// has one (that fires as a BPMN timer), otherwise by notifying the unit head and the supervisors.
    /// </summary>
    private static async Task StepNoticeAsync(NpgsqlConnection connection, NpgsqlTransaction tx, ClaimedTimer timer, DateTimeOffset now, bool overdue)
    {
        // By id alone, the status checked here: "and status = 'open'" would match the open-step indexes' predicate, and
        // the planner may walk one of them (led by due_at) whole for one id while it is small but full of dead entries.
        var task = await connection.QuerySingleOrDefaultAsync<(long Id, string Name, string? UnitCode, string? Assignee, string? Role, string Status)>(
            "select id, name, unit_code, assignee, role, status from tasks where id = @TaskId", new { timer.TaskId }, tx);
        if (task.Id == 0 || task.Status != "open")
        {
            return;
        }

        if (!overdue)
        {
            await connection.ExecuteAsync("update tasks set due_soon = true where id = @Id", new { task.Id }, tx);
            await DossierEngine.NotifyAsync(connection, tx, timer.DossierId, now, "dueSoon",
                $"Sắp đến hạn: {task.Name} ({timer.Code}) / Due soon", username: task.Assignee, unit: task.Assignee is null ? task.UnitCode : null,
                role: task.Assignee is null ? task.Role : null, taskId: task.Id);
            return;
        }

        await connection.ExecuteAsync("update tasks set overdue = true where id = @Id", new { task.Id }, tx);
        var message = $"Quá hạn: {task.Name} ({timer.Code}) / Step overdue";
        await DossierEngine.NotifyAsync(connection, tx, timer.DossierId, now, "stepOverdue", message, unit: task.UnitCode, role: "head", taskId: task.Id);
        await DossierEngine.NotifyAsync(connection, tx, timer.DossierId, now, "stepOverdue", message, role: "supervisor", taskId: task.Id);
    }

    /// <summary>
    /// The agency that holds a late dossier apologises and sets a new date no later than one working day before the
    /// due date (domain notes §1.10): the task goes to the head of the unit where the dossier is now.
    /// </summary>
    private static async Task CreateApologyTaskAsync(NpgsqlConnection connection, NpgsqlTransaction tx, ClaimedTimer timer, InstanceState state, DateTimeOffset now)
    {
        var unit = await connection.ExecuteScalarAsync<string?>(
            "select unit_code from tasks where dossier_id = @Id and status = 'open' and kind = 'step' order by id desc limit 1", new { Id = timer.DossierId }, tx)
            ?? timer.UnitCode;
        var exists = await connection.ExecuteScalarAsync<bool>(
            "select exists (select 1 from tasks where dossier_id = @Id and kind = 'apology')", new { Id = timer.DossierId }, tx);
        if (exists)
        {
            return;
        }

        var taskId = await connection.ExecuteScalarAsync<long>("""
            insert into tasks (dossier_id, kind, element_id, name, unit_code, role, status, created_at, due_at, due_soon)
            values (@Id, 'apology', 'apology', 'Văn bản xin lỗi và hẹn lại ngày trả kết quả', @unit, 'head', 'open', @now, @DueAt, @dueSoon)
            returning id
            """, new { Id = timer.DossierId, unit, now, state.Clock.DueAt, dueSoon = state.Clock.DueAt is not null }, tx);
        await DossierEngine.NotifyAsync(connection, tx, timer.DossierId, now, "apologyRequired",
            $"Hồ sơ {timer.Code} sắp quá hạn: cần văn bản xin lỗi và hẹn lại / apology needed", unit: unit, role: "head", taskId: taskId);
    }

    private async Task RecordFailureAsync(long id, Exception error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("""
            update timers set attempts = attempts + 1, last_error = @message,
                status = case when attempts + 1 >= @MaxTimerAttempts then 'failed' else status end
            where id = @id and status = 'pending'
            """, new { id, message = FailureMessage(error), options.MaxTimerAttempts });
    }

    private enum Outcome
    {
        NothingDue,
        AlreadyDone,
        Fired,
        Failed,
    }

    /// <summary>What the workers of one call share: the remaining batch, and the rows that failed in this call.</summary>
    private sealed class Sweep
    {
        private readonly HashSet<long> _skipped = [];
        private int _slots = Batch;

        public long[] Skipped
        {
            get
            {
                lock (_skipped)
                {
                    return [.. _skipped];
                }
            }
        }

        public bool TakeSlot() => Interlocked.Decrement(ref _slots) >= 0;

        public bool IsSkipped(long id)
        {
            lock (_skipped)
            {
                return _skipped.Contains(id);
            }
        }

        public void Skip(long id)
        {
            lock (_skipped)
            {
                _skipped.Add(id);
            }
        }
    }

    /// <summary>A claimed row with what its handling needs of the dossier (locked by the claim).</summary>
    private sealed record ClaimedTimer
    {
        public long Id { get; init; }
        public long DossierId { get; init; }
        public string Kind { get; init; } = "";
        public long? LocalId { get; init; }
        public long? TaskId { get; init; }
        public string? ElementId { get; init; }
        public DateTimeOffset DueAt { get; init; }
        public string Code { get; init; } = "";
        public string? UnitCode { get; init; }
        public int ApologyCount { get; init; }
        public string State { get; init; } = "";
        public bool Fired { get; init; }
    }
}

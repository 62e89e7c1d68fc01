using Dapper;
using IsoDienTu.Engine.Definitions;
using IsoDienTu.Engine.Runtime;
using Npgsql;

namespace IsoDienTu.Engine.Postgres;

/// <summary>
/// Fires due timers. Each due row is handled in its own transaction that first locks its dossier with
/// <c>SKIP LOCKED</c> (a dossier busy on another node is simply left for the next round), re-checks that the row is
/// still pending, runs the step and marks the row fired — so the effect of a timer happens exactly once however
/// many nodes sweep, and a crash before commit leaves the row pending for the next sweep.
/// </summary>
public sealed class DueWorkProcessor(NpgsqlDataSource dataSource, DossierEngine engine, EngineOptions options) : IDueWorkProcessor
{
    private const int Batch = 200;

    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        List<(long Id, long DossierId)> due;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            var now = await engine.Clock.NowAsync(connection);
            due = [.. await connection.QueryAsync<(long, long)>("""
                select id, dossier_id from timers where status = 'pending' and due_at <= @now
                order by due_at, id limit @Batch
                """, new { now, Batch })];
        }

        var processed = 0;
        foreach (var (id, dossierId) in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (await FireAsync(id, dossierId, cancellationToken))
                {
                    processed++;
                }
            }
            catch (Exception e) when (e is StoreException or PostgresException or NpgsqlException)
            {
                await RecordFailureAsync(id, e, cancellationToken);
            }
        }

        return processed;
    }

    private Task<bool> FireAsync(long id, long dossierId, CancellationToken cancellationToken) =>
        engine.InTransactionAsync(async (connection, tx) =>
        {
            var locked = await connection.ExecuteScalarAsync<long?>(
                "select id from dossiers where id = @dossierId for update skip locked", new { dossierId }, tx);
            if (locked is null)
            {
                return false;
            }

            var timer = await connection.QuerySingleOrDefaultAsync<TimerRow>(
                "select id, kind, local_id, task_id, element_id, due_at from timers where id = @id and status = 'pending' for update",
                new { id }, tx);
            if (timer is null)
            {
                return false;
            }

            var now = await engine.Clock.NowAsync(connection);
            await connection.ExecuteAsync("""
                update timers set status = 'fired', fired_at = @now, fired_by = @NodeName, attempts = attempts + 1,
                    lag_ms = extract(epoch from (@now - due_at)) * 1000
                where id = @id
                """, new { now, options.NodeName, id }, tx);
            await HandleAsync(connection, tx, timer, dossierId, now);
            return true;
        }, cancellationToken);

    private async Task HandleAsync(NpgsqlConnection connection, NpgsqlTransaction tx, TimerRow timer, long dossierId, DateTimeOffset now)
    {
        var dossier = await DossierEngine.GetAsync(connection, dossierId, tx);
        var state = EngineJson.Deserialize<InstanceState>(dossier.State);
        switch (timer.Kind)
        {
            case "bpmn":
                if (state.Timers.Any(t => t.Id == timer.LocalId))
                {
                    await engine.StepAsync(connection, tx, dossierId, _ => new FireTimer(timer.LocalId!.Value), "timer", now);
                }

                break;
            case "step_reminder":
                await StepNoticeAsync(connection, tx, timer, dossier, now, overdue: false);
                break;
            case "step_due":
                await StepNoticeAsync(connection, tx, timer, dossier, now, overdue: true);
                break;
            case "dossier_due":
                if (!state.IsEnded)
                {
                    await connection.ExecuteAsync("update dossiers set late = true where id = @dossierId", new { dossierId }, tx);
                    await DossierEngine.NotifyAsync(connection, tx, dossierId, now, "dossierOverdue",
                        $"Hồ sơ {dossier.Code} đã quá hạn giải quyết / Dossier {dossier.Code} is overdue", role: "supervisor");
                }

                break;
            case "apology":
                if (!state.IsEnded && dossier.ApologyCount == 0)
                {
                    await CreateApologyTaskAsync(connection, tx, dossier, state, now);
                }

                break;
        }
    }

    /// <summary>
    /// A step falling due: overdue steps are marked and escalated — through the model's own boundary timer when it
    /// has one (that fires as a BPMN timer), otherwise by notifying the unit head and the supervisors.
    /// </summary>
    private static async Task StepNoticeAsync(NpgsqlConnection connection, NpgsqlTransaction tx, TimerRow timer, DossierRow dossier, DateTimeOffset now, bool overdue)
    {
        var task = await connection.QuerySingleOrDefaultAsync<(long Id, string Name, string? UnitCode, string? Assignee, string? Role)>(
            "select id, name, unit_code, assignee, role from tasks where id = @TaskId and status = 'open'", new { timer.TaskId }, tx);
        if (task.Id == 0)
        {
            return;
        }

        if (!overdue)
        {
            await DossierEngine.NotifyAsync(connection, tx, dossier.Id, now, "dueSoon",
                $"Sắp đến hạn: {task.Name} ({dossier.Code}) / Due soon", username: task.Assignee, unit: task.Assignee is null ? task.UnitCode : null,
                role: task.Assignee is null ? task.Role : null, taskId: task.Id);
            return;
        }

        await connection.ExecuteAsync("update tasks set overdue = true where id = @Id", new { task.Id }, tx);
        var message = $"Quá hạn: {task.Name} ({dossier.Code}) / Step overdue";
        await DossierEngine.NotifyAsync(connection, tx, dossier.Id, now, "stepOverdue", message, unit: task.UnitCode, role: "head", taskId: task.Id);
        await DossierEngine.NotifyAsync(connection, tx, dossier.Id, now, "stepOverdue", message, role: "supervisor", taskId: task.Id);
    }

    /// <summary>
    /// The agency that holds a late dossier apologises and sets a new date no later than one working day before the
    /// due date (domain notes §1.10): the task goes to the head of the unit where the dossier is now.
    /// </summary>
    private static async Task CreateApologyTaskAsync(NpgsqlConnection connection, NpgsqlTransaction tx, DossierRow dossier, InstanceState state, DateTimeOffset now)
    {
        var unit = await connection.ExecuteScalarAsync<string?>(
            "select unit_code from tasks where dossier_id = @Id and status = 'open' and kind = 'step' order by id desc limit 1", new { dossier.Id }, tx)
            ?? dossier.UnitCode;
        var exists = await connection.ExecuteScalarAsync<bool>(
            "select exists (select 1 from tasks where dossier_id = @Id and kind = 'apology')", new { dossier.Id }, tx);
        if (exists)
        {
            return;
        }

        var taskId = await connection.ExecuteScalarAsync<long>("""
            insert into tasks (dossier_id, kind, element_id, name, unit_code, role, status, created_at, due_at)
            values (@Id, 'apology', 'apology', 'Văn bản xin lỗi và hẹn lại ngày trả kết quả', @unit, 'head', 'open', @now, @DueAt)
            returning id
            """, new { dossier.Id, unit, now, state.Clock.DueAt }, tx);
        await DossierEngine.NotifyAsync(connection, tx, dossier.Id, now, "apologyRequired",
            $"Hồ sơ {dossier.Code} sắp quá hạn: cần văn bản xin lỗi và hẹn lại / apology needed", unit: unit, role: "head", taskId: taskId);
    }

    private async Task RecordFailureAsync(long id, Exception error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("""
            update timers set attempts = attempts + 1, last_error = @message,
                status = case when attempts + 1 >= @MaxTimerAttempts then 'failed' else status end
            where id = @id and status = 'pending'
            """, new { id, message = error.Message, options.MaxTimerAttempts });
    }

    private sealed record TimerRow
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public long? LocalId { get; init; }
    public long? TaskId { get; init; }
    public string? ElementId { get; init; }
    public DateTimeOffset DueAt { get; init; }
}
}

using System.Collections.Immutable;
using System.Text.Json;
using Dapper;
using IsoDienTu.Engine.Runtime;
using Npgsql;

namespace IsoDienTu.Engine.Postgres;

/// <summary>Who is acting: the user, their unit and roles (from the token).</summary>
public sealed record Actor(string Username, string? UnitCode, IReadOnlyList<string> Roles)
{
    public bool Has(string role) => Roles.Contains(role, StringComparer.Ordinal);

    public bool IsOversight => Has("head") || Has("supervisor") || Has("admin");
}

/// <summary>
/// The officer inbox: claim, release, reassign, complete, return. Every change checks who may act and bumps the
/// task's version; completing runs the engine step in the same transaction, so two officers completing one task
/// get one success and one conflict.
/// </summary>
public sealed class TaskService(NpgsqlDataSource dataSource, DossierEngine engine)
{
    internal const string TaskColumns = """
        t.id, t.dossier_id, d.code as dossier_code, t.kind, t.local_id, t.element_id, t.name, t.unit_code, t.role, t.assignee,
        t.candidate_groups, t.candidate_users, t.status, t.created_at, t.due_at, t.overdue, t.completed_at, t.completed_by,
        t.outcome, t.comment, t.version
        """;

    public async Task<TaskRow> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, id, null, lockRow: false);
    }

    public Task<TaskRow> ClaimAsync(long id, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, actor, async (connection, tx, task) =>
        {
            if (task.Assignee is not null && task.Assignee != actor.Username)
            {
                throw new StoreException(StoreError.Conflict, $"Task {id} is already claimed by {task.Assignee}.");
            }

            EnsureCandidate(task, actor);
            await connection.ExecuteAsync("update tasks set assignee = @Username, version = version + 1 where id = @id", new { actor.Username, id }, tx);
        }, cancellationToken);

    public Task<TaskRow> ReleaseAsync(long id, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, actor, async (connection, tx, task) =>
        {
            if (task.Assignee != actor.Username && !actor.IsOversight)
            {
                throw new StoreException(StoreError.Forbidden, "Only the assignee, a head of unit or a supervisor can release a task.");
            }

            await connection.ExecuteAsync("update tasks set assignee = null, version = version + 1 where id = @id", new { id }, tx);
        }, cancellationToken);

    public Task<TaskRow> ReassignAsync(long id, string username, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, actor, async (connection, tx, task) =>
        {
            if (!actor.IsOversight)
            {
                throw new StoreException(StoreError.Forbidden, "Only a head of unit or a supervisor can reassign a task.");
            }

            var target = await OrganisationStore.FindUserAsync(connection, username)
                ?? throw new StoreException(StoreError.Invalid, $"User '{username}' does not exist.", "username");
            await connection.ExecuteAsync("update tasks set assignee = @username, version = version + 1 where id = @id", new { target.Username, username, id }, tx);
            await DossierEngine.NotifyAsync(connection, tx, task.DossierId, await engine.Clock.NowAsync(connection),
                "reassigned", $"Được giao xử lý: {task.Name} ({task.DossierCode})", username: target.Username, taskId: id);
        }, cancellationToken);

    /// <summary>Completes a step. An unclaimed task is claimed for the caller in the same transaction.</summary>
    public Task<TaskRow> CompleteAsync(long id, Actor actor, string? outcome, string? comment,
        ImmutableDictionary<string, JsonElement>? variables, CancellationToken cancellationToken = default) =>
        engine.InTransactionAsync(async (connection, tx) =>
        {
            var (dossier, task) = await LockForStepAsync(connection, tx, id);
            EnsureOpen(task);
            if (task.Assignee is not null && task.Assignee != actor.Username)
            {
                throw new StoreException(StoreError.Conflict, $"Task {id} is claimed by {task.Assignee}.");
            }

            EnsureCandidate(task, actor);
            if (task.Kind != "step")
            {
                throw new StoreException(StoreError.Invalid, "An apology task is completed by recording the apology.", "id");
            }

            RequireReasons(outcome, comment, variables);
            var now = await engine.Clock.NowAsync(connection);
            // The task's own writes go in the step's batch: one round trip for everything the completion changes.
            var writes = new StepWrites(connection, tx);
            var completed = writes.AddSingle<TaskRow>($"""
                with timers_cancelled as (delete from timers where task_id = @id and status = 'pending')
                update tasks t set status = 'completed', assignee = @Username, completed_at = @now, completed_by = @Username,
                    outcome = @outcome, comment = @comment, version = t.version + 1
                from dossiers d
                where t.id = @id and d.id = t.dossier_id
                returning {TaskColumns}
                """, new { actor.Username, now, outcome, comment, id });
            if (outcome == "supplement")
            {
                var missing = string.Join("; ", variables!["missingDocuments"].EnumerateArray().Select(m => m.GetString()));
                DossierEngine.Notify(writes, task.DossierId, now, "supplementRequested",
                    $"Hồ sơ {task.DossierCode} cần bổ sung: {missing} / Supplement requested", role: "receiver");
            }

            await engine.StepAsync(writes, dossier, _ => new CompleteTask(task.LocalId!.Value, outcome, variables, actor.Username, comment), actor.Username, now);

            // The step leaves a completed task as it is (it only cancels open ones), so the row returned above stands.
            return completed.Value;
        }, cancellationToken);

    /// <summary>Sends the dossier back to the step before this one (the last step completed before this task began).</summary>
    public Task<TaskRow> ReturnAsync(long id, Actor actor, string? reason, CancellationToken cancellationToken = default) =>
        engine.InTransactionAsync(async (connection, tx) =>
        {
            var (dossier, task) = await LockForStepAsync(connection, tx, id);
            EnsureOpen(task);
            if (!IsCandidate(task, actor) && !actor.IsOversight)
            {
                throw new StoreException(StoreError.Forbidden, $"Task {id} belongs to another unit or role.");
            }

            var previous = await connection.ExecuteScalarAsync<string?>("""
                select element_id from tasks
                where dossier_id = @DossierId and kind = 'step' and status = 'completed' and id < @id and element_id <> @ElementId
                order by completed_at desc, id desc limit 1
                """, new { task.DossierId, id, task.ElementId }, tx)
                ?? throw new StoreException(StoreError.Conflict, $"Task {id} is the first step: there is no step to return it to.");
            var now = await engine.Clock.NowAsync(connection);
            var writes = new StepWrites(connection, tx);
            writes.Add("""
                update tasks set status = 'cancelled', completed_at = @now, completed_by = @Username, outcome = 'returned', comment = @reason, version = version + 1
                where id = @id
                """, new { now, actor.Username, reason, id });
            await engine.StepAsync(writes, dossier, _ => new ReturnTask(task.LocalId!.Value, previous, reason), actor.Username, now);
            return await GetAsync(connection, id, tx, lockRow: false);
        }, cancellationToken);

    /// <summary>
    /// One round trip locks a task's dossier (lock order everywhere: dossier first, then its rows), reads what the
    /// dossier's step needs and locks the task.
    /// </summary>
    private static async Task<(LockedDossier Dossier, TaskRow Task)> LockForStepAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long id)
    {
        TaskRow? task = null;
        var dossier = await DossierEngine.LockAsync(connection, tx, "(select dossier_id from tasks where id = @id)", new { id },
            $"Task {id} does not exist.",
            $"select {TaskColumns} from tasks t join dossiers d on d.id = t.dossier_id where t.id = @id for update of t",
            async grid => task = await grid.ReadSingleAsync<TaskRow>());
        return (dossier, task!);
    }

    private Task<TaskRow> ChangeAsync(long id, Actor actor, Func<NpgsqlConnection, NpgsqlTransaction, TaskRow, Task> change, CancellationToken cancellationToken) =>
        engine.InTransactionAsync(async (connection, tx) =>
        {
            var task = await GetAsync(connection, id, tx, lockRow: true);
            EnsureOpen(task);
            if (!CanSee(task, actor))
            {
                throw new StoreException(StoreError.Forbidden, $"Task {id} belongs to another unit or role.");
            }

            await change(connection, tx, task);
            return await GetAsync(connection, id, tx, lockRow: false);
        }, cancellationToken);

    /// <summary>
    /// A request for supplement lists everything missing in one go (TT 03/2025 Mẫu 02; domain notes §1.2, §1.7);
    /// a refusal states its reasons in writing (§1.9).
    /// </summary>
    private static void RequireReasons(string? outcome, string? comment, ImmutableDictionary<string, JsonElement>? variables)
    {
        if (outcome == "supplement"
            && (variables is null || !variables.TryGetValue("missingDocuments", out var missing)
                || missing.ValueKind != JsonValueKind.Array || missing.GetArrayLength() == 0
                || missing.EnumerateArray().Any(m => m.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(m.GetString()))))
        {
            throw new StoreException(StoreError.Invalid,
                "A request for supplement lists every missing document at once: variables.missingDocuments = [\"…\"].", "variables.missingDocuments");
        }

        if (outcome == "refuse" && string.IsNullOrWhiteSpace(comment))
        {
            throw new StoreException(StoreError.Invalid, "A refusal states its reasons (comment).", "comment");
        }
    }

    private static void EnsureOpen(TaskRow task)
    {
        if (task.Status != "open")
        {
            throw new StoreException(StoreError.Conflict, $"Task {task.Id} is already {task.Status}.");
        }
    }

    private static void EnsureCandidate(TaskRow task, Actor actor)
    {
        if (!IsCandidate(task, actor))
        {
            throw new StoreException(StoreError.Forbidden, $"Task {task.Id} is for role '{task.Role}' of unit '{task.UnitCode}'.");
        }
    }

    internal static bool IsCandidate(TaskRow task, Actor actor) =>
        task.Assignee == actor.Username
        || task.CandidateUsers.Contains(actor.Username, StringComparer.Ordinal)
        || task.CandidateGroups.Any(actor.Has)
        || (task.Role is not null && actor.Has(task.Role) && (task.UnitCode is null || task.UnitCode == actor.UnitCode))
        || (task.Role is null && task.UnitCode is null && task.CandidateGroups.Length == 0 && task.CandidateUsers.Length == 0 && task.Assignee is null);

    private static bool CanSee(TaskRow task, Actor actor) => IsCandidate(task, actor) || actor.IsOversight;

    private static async Task<TaskRow> GetAsync(NpgsqlConnection connection, long id, NpgsqlTransaction? tx, bool lockRow) =>
        await connection.QuerySingleOrDefaultAsync<TaskRow>(
            $"select {TaskColumns} from tasks t join dossiers d on d.id = t.dossier_id where t.id = @id {(lockRow ? "for update of t" : "")}", new { id }, tx)
        ?? throw new StoreException(StoreError.NotFound, $"Task {id} does not exist.");
}

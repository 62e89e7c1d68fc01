using Dapper;
using IsoDienTu.Engine.Calendar;
using IsoDienTu.Engine.Definitions;
using IsoDienTu.Engine.Runtime;
using Npgsql;

namespace IsoDienTu.Engine.Postgres;

internal sealed record StepContext(
    StepWrites Writes,
    DossierRow Dossier,
    ProcessDefinition Definition,
    WorkingCalendar Calendar,
    DateTimeOffset Now,
    string? Actor)
{
    public NpgsqlConnection Connection => Writes.Connection;

    public NpgsqlTransaction Tx => Writes.Transaction;
}

public sealed partial class DossierEngine
{
    private async Task ApplyEffectsAsync(StepContext c, Decision decision)
    {
        foreach (var effect in decision.Effects)
        {
            switch (effect)
            {
                case CreateTaskEffect create:
                    CreateTask(c, create.Task);
                    break;
                case CancelTaskEffect cancel:
                    // The task and its watches; a cancelled watch is deleted (only pending, fired and failed ones are kept).
                    c.Writes.Add("""
                        with task as (
                            update tasks set status = 'cancelled', completed_at = @Now, comment = @Reason, version = version + 1
                            where dossier_id = @Id and local_id = @TaskId and status = 'open')
                        delete from timers
                        where status = 'pending' and task_id = (select id from tasks where dossier_id = @Id and local_id = @TaskId)
                        """, new { c.Now, cancel.Reason, c.Dossier.Id, cancel.TaskId });
                    break;
                case ScheduleTimerEffect schedule:
                    c.Writes.Add("""
                        insert into timers (dossier_id, kind, local_id, element_id, due_at, status, created_at)
                        values (@Id, 'bpmn', @TimerId, @ElementId, @DueAt, 'pending', @Now)
                        """, new { c.Dossier.Id, schedule.TimerId, schedule.ElementId, schedule.DueAt, c.Now });
                    break;
                case CancelTimerEffect cancelTimer:
                    c.Writes.Add(
                        "delete from timers where dossier_id = @Id and kind = 'bpmn' and local_id = @TimerId and status = 'pending'",
                        new { c.Dossier.Id, cancelTimer.TimerId });
                    break;
                case StartCallEffect call:
                    await c.Writes.FlushAsync();
                    await StartChildAsync(c, call);
                    break;
                case CancelCallEffect cancelCall:
                    await c.Writes.FlushAsync();
                    await CancelChildAsync(c, cancelCall.CallId);
                    break;
                case NotifyEffect notify:
                    Notify(c.Writes, c.Dossier.Id, c.Now, notify.Kind, $"{notify.Kind}: {notify.Code} ({notify.ElementId})", unit: c.Dossier.UnitCode, role: "supervisor");
                    break;
                case InstanceEndedEffect ended:
                    await EndedAsync(c, ended.Status);
                    break;
            }
        }
    }

    /// <summary>A step task row, plus the service's own watches on it: a reminder when it is due soon, and its due time.</summary>
    private void CreateTask(StepContext c, OpenTask task)
    {
        // The task and its two watches in one statement, queued with the step's other writes; a task already due gets no
        // watches and is overdue from the start.
        var watched = task.DueAt is { } due && due > c.Now;
        var remindAt = watched ? c.Now + ((task.DueAt!.Value - c.Now) * options.DueSoonShare) : (DateTimeOffset?)null;
        // A reception (version 0) is counted as a whole at its end, an inter-agency child through its parent: their
        // statement leaves the counts out (a flag in one statement kept PostgreSQL from reusing its plan).
        var counting = c.Dossier.Version > 0 && c.Dossier.ParentDossierId is null;
        c.Writes.Add($"""
            with task as (
                insert into tasks (dossier_id, kind, local_id, element_id, name, unit_code, role, assignee, candidate_groups,
                                   candidate_users, status, created_at, due_at, overdue)
                values (@DossierId, 'step', @Id, @ElementId, @Name, @Unit, @Role, @Assignee, @Groups, @Users, 'open', @CreatedAt, @DueAt, @overdue)
                returning id){(counting ? "," + DossierCounts.EnterStepUnitCtes : "")}
            insert into timers (dossier_id, kind, task_id, element_id, due_at, status, created_at)
            select @DossierId, w.kind, task.id, @ElementId, w.due_at, 'pending', @Now
            from task, (values ('step_reminder', @remindAt::timestamptz), ('step_due', @DueAt::timestamptz)) as w (kind, due_at)
            where @watched
            """, new
        {
            DossierId = c.Dossier.Id,
            task.Id,
            task.ElementId,
            task.Name,
            task.Assignment.Unit,
            task.Assignment.Role,
            task.Assignment.Assignee,
            Groups = task.Assignment.CandidateGroups.ToArray(),
            Users = task.Assignment.CandidateUsers.ToArray(),
            task.CreatedAt,
            task.DueAt,
            c.Now,
            remindAt,
            watched,
            overdue = task.DueAt is not null && !watched,
        });
    }

    /// <summary>
    /// Keeps the dossier-level watches in step with the statutory due time: the overdue mark at the due time and
    /// the apology task one working day before it (domain notes §1.10). Re-armed whenever the due time moves.
    /// </summary>
    private static void WatchDossierDue(StepContext c, Decision decision, IReadOnlyList<(string Kind, DateTimeOffset DueAt)> current)
    {
        var state = decision.State;
        if (decision.Effects.Any(e => e is InstanceEndedEffect))
        {
            return; // The end cancelled every pending timer of the dossier.
        }

        var due = DossierDue(c.Dossier, state.Clock);
        var running = !state.IsEnded && state.Clock.PausedSince is null;
        var wanted = new List<(string Kind, DateTimeOffset DueAt)>();
        if (running && due is { } d)
        {
            wanted.Add(("dossier_due", d));
            // A same-day procedure has no working day before its due day after the reception: no advance apology
            // can be due then, and a watch armed in the past would open an apology task at once.
            if (c.Dossier.ApologyCount == 0 && ApologyTime(c.Calendar, d) is var apology && apology > c.Dossier.ReceivedAt)
            {
                wanted.Add(("apology", apology));
            }
        }

        if (current.OrderBy(x => x.Kind, StringComparer.Ordinal).SequenceEqual(wanted.OrderBy(x => x.Kind, StringComparer.Ordinal)))
        {
            return;
        }

        c.Writes.Add("""
            with cancelled as (
                delete from timers where dossier_id = @Id and kind in ('dossier_due', 'apology') and status = 'pending')
            insert into timers (dossier_id, kind, due_at, status, created_at)
            select @Id, kind, due_at, 'pending', @Now from unnest(@kinds, @dues) as w (kind, due_at)
            """, new { c.Dossier.Id, c.Now, kinds = wanted.Select(w => w.Kind).ToArray(), dues = wanted.Select(w => w.DueAt.ToUniversalTime()).ToArray() });
    }

    /// <summary>The start of the working day before the due day: the latest moment an apology may still go out.</summary>
    internal static DateTimeOffset ApologyTime(WorkingCalendar calendar, DateTimeOffset due)
    {
        var day = DateOnly.FromDateTime(due.ToOffset(TimeSpan.FromHours(7)).DateTime).AddDays(-1);
        while (!calendar.IsWorkingDay(day))
        {
            day = day.AddDays(-1);
        }

        return calendar.StartOfWorkingDay(day);
    }

    private const string NotifySql = """
        insert into notifications (username, unit_code, role, kind, dossier_id, task_id, message, created_at)
        values (@username, @unit, @role, @kind, @dossierId, @taskId, @message, @now)
        """;

    /// <summary>Notifications are rows the pages read (no mail server is assumed): to a user, or to a role in a unit.</summary>
    internal static Task<int> NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long? dossierId, DateTimeOffset now, string kind,
        string message, string? username = null, string? unit = null, string? role = null, long? taskId = null) =>
        connection.ExecuteAsync(NotifySql, new { username, unit, role, kind, dossierId, taskId, message, now }, tx);

    /// <summary>A notification queued with a step's writes.</summary>
    internal static void Notify(StepWrites writes, long? dossierId, DateTimeOffset now, string kind,
        string message, string? username = null, string? unit = null, string? role = null, long? taskId = null) =>
        writes.Add(NotifySql, new { username, unit, role, kind, dossierId, taskId, message, now });

    /// <summary>A call activity (an inter-agency leg) becomes a child dossier on the called procedure, started now.</summary>
    private async Task StartChildAsync(StepContext c, StartCallEffect call)
    {
        var version = call.CalledVersion ?? await DefinitionStore.LatestPublishedAsync(c.Connection, call.CalledElement, c.Tx);
        var applicant = System.Text.Json.JsonSerializer.Deserialize<Applicant>(c.Dossier.Applicant, EngineJson.Options) ?? new Applicant("");
        var request = new StartDossierRequest(call.CalledElement, applicant, Variables: call.Variables);
        var childId = await InsertDossierAsync(c.Connection, c.Tx, request, version, c.Now, NewSecret(), c.Dossier.Id, call.CallId);
        await StepAsync(c.Connection, c.Tx, childId, _ => new StartInstance(call.Variables, c.Now), c.Actor, c.Now);
        IssueCode(c.Writes, childId, options.AgencyCode, c.Now);
        await c.Writes.FlushAsync();
    }

    private async Task CancelChildAsync(StepContext c, long callId)
    {
        var childId = await c.Connection.ExecuteScalarAsync<long?>(
            "select id from dossiers where parent_dossier_id = @Id and parent_call_id = @callId", new { c.Dossier.Id, callId }, c.Tx);
        if (childId is { } id)
        {
            var child = EngineJson.Deserialize<InstanceState>((await GetAsync(c.Connection, id, c.Tx)).State);
            if (!child.IsEnded)
            {
                await StepAsync(c.Connection, c.Tx, id, _ => new CancelInstance("cancelled by the calling procedure"), c.Actor, c.Now);
            }
        }
    }

    /// <summary>A finished child hands its variables back to the waiting call activity of its parent.</summary>
    private async Task EndedAsync(StepContext c, InstanceStatus status)
    {
        c.Writes.Add($"""
            with timers_cancelled as (delete from timers where dossier_id = @Id and status = 'pending'),
            {DossierCounts.FinishedCte}
            update tasks set status = 'cancelled', completed_at = @Now where dossier_id = @Id and status = 'open' and kind = 'apology'
            """, new { c.Now, c.Dossier.Id });
        if (status == InstanceStatus.Completed && c.Dossier.ParentDossierId is { } parentId && c.Dossier.ParentCallId is { } callId)
        {
            await c.Writes.FlushAsync();
            var child = EngineJson.Deserialize<InstanceState>((await GetAsync(c.Connection, c.Dossier.Id, c.Tx)).State);
            await StepAsync(c.Connection, c.Tx, parentId, _ => new CompleteCall(callId, child.Variables), c.Actor, c.Now);
        }
    }
}

using Dapper;
using Npgsql;

namespace IsoDienTu.Engine.Postgres;

public sealed record OverdueStep
{
    public long TaskId { get; init; }
    public string DossierCode { get; init; } = "";
    public string Name { get; init; } = "";
    public string ElementId { get; init; } = "";
    public string? UnitCode { get; init; }
    public string? Role { get; init; }
    public string? Assignee { get; init; }
    public DateTimeOffset? DueAt { get; init; }
}

public sealed record OverdueDossier
{
    public long Id { get; init; }
    public string Code { get; init; } = "";
    public string DefinitionKey { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public DateTimeOffset? OriginalDueAt { get; init; }
    public int ApologyCount { get; init; }
    public bool ApologyNeeded { get; init; }
}

public sealed record NotificationRow
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string Message { get; init; } = "";
    public string? DossierCode { get; init; }
    public long? TaskId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ReadAt { get; init; }
}

/// <summary>
/// One line of Biểu 06/VPCP/KSTT (Circular 01/2020/TT-VPCP): columns (3)–(13) for one field (procedure).
/// Identities: 3 = 4 + 5 + 6; 7 = 8 + 9 + 10; 11 = 12 + 13; 3 = 7 + 11.
/// </summary>
public sealed record ProcessingReportRow(
    string Field, int Total, int ReceivedOnline, int ReceivedDirect, int CarriedOver,
    int Resolved, int ResolvedEarly, int ResolvedOnTime, int ResolvedLate,
    int InProgress, int InProgressWithinDeadline, int InProgressOverdue);

/// <summary>
/// Read-side queries for supervisors, reports and notifications. Everything is scoped to the caller's unit subtree.
/// The lists read from <paramref name="dataSource"/>; the Biểu 06 report from <paramref name="reportSource"/> when
/// given (the server's lists run generic plans, the report a plan for its period: see ServiceRegistration).
/// </summary>
public sealed class SupervisionQueries(NpgsqlDataSource dataSource, ClusterClock clock, NpgsqlDataSource? reportSource = null)
{
    /// <summary>The cluster's now, and the caller's scope: everything (admins, a supervisor without a unit) or a unit subtree.</summary>
    private async Task<(DateTimeOffset Now, bool All, string[] Units)> ScopeAsync(NpgsqlConnection connection, Actor actor) =>
        (await clock.NowAsync(connection),
         actor.Has("admin") || (actor.Has("supervisor") && actor.UnitCode is null),
         await OrganisationStore.SubtreeAsync(connection, actor.UnitCode));

    /// <summary>The first page of both overdue lists.</summary>
    public async Task<(Page<OverdueStep> Steps, Page<OverdueDossier> Dossiers)> OverdueAsync(Actor actor, int limit = PageCursor.DefaultLimit,
        CancellationToken cancellationToken = default) =>
        (await OverdueStepsAsync(actor, limit, null, cancellationToken), await OverdueDossiersAsync(actor, limit, null, cancellationToken));

    /// <summary>Open steps of the caller's scope past their due time, a page at a time in (due time, id) order.</summary>
    public async Task<Page<OverdueStep>> OverdueStepsAsync(Actor actor, int limit = PageCursor.DefaultLimit, PageCursor? after = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (now, all, units) = await ScopeAsync(connection, actor);
        var cursor = after ?? PageCursor.Start;
        // Shaped on a million dossiers (tests/bench/million.sh) like TaskInbox's unit inbox: everything, or a wide
        // scope, walks the open steps in due order from the cursor (tasks_open_due_unit, index only); a narrow scope
        // reads each unit's own overdue steps in due order (tasks_open_unit_due_id). Both give the scope's next page.
        var rows = (await connection.QueryAsync<OverdueStep>("""
            with walk as materialized (
                select id from (
                    select id, due_at, unit_code from tasks where status = 'open' and due_at < @now and (due_at, id) > (@d0, @i0)
                    order by due_at, id limit 4 * @take) w
                where @all or unit_code = any(@units) order by due_at, id limit @take),
            per_unit as materialized (
                select l.id from unnest(@units) u(code) cross join lateral (
                    select id, due_at from tasks where status = 'open' and unit_code = u.code and due_at < @now and (due_at, id) > (@d0, @i0)
                    order by due_at, id limit @take) l
                where not @all and (select count(*) from walk) < @take
                order by l.due_at, l.id limit @take)
            select t.id as task_id, d.code as dossier_code, t.name, t.element_id, t.unit_code, t.role, t.assignee, t.due_at
            from (select id from walk where @all or (select count(*) from walk) = @take union all select id from per_unit) ids
            join tasks t on t.id = ids.id join dossiers d on d.id = t.dossier_id
            order by t.due_at, t.id
            """, new { now, all, units, take = limit + 1, d0 = cursor.DueAt, i0 = cursor.Id })).ToList();
        return PageCursor.PageOf(rows, limit, r => new PageCursor(r.DueAt, r.TaskId));
    }

    /// <summary>
    /// Open dossiers of the caller's scope past their due time, a page at a time in (due time, id) order. A dossier
    /// whose statutory clock is stopped (waiting for the applicant's supplement, for tax) is not late while it waits.
    /// </summary>
    public async Task<Page<OverdueDossier>> OverdueDossiersAsync(Actor actor, int limit = PageCursor.DefaultLimit, PageCursor? after = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (now, all, units) = await ScopeAsync(connection, actor);
        var cursor = after ?? PageCursor.Start;
        // Overdue open dossiers are few (a few percent of the open ones): walk them in due order in
        // dossiers_running_due_unit (migration 0021: open, clock running) from the cursor and probe each for an open
        // step in scope (tasks_open_dossier_unit), then read only the rows kept. The lateral keeps the probe per dossier (as a plain EXISTS the planner hashed
        // every open step of the scope) and is off when everything is in scope.
        var rows = (await connection.QueryAsync<OverdueDossier>("""
            with overdue as materialized (
                select o.id from dossiers o
                left join lateral (
                    select true as held from tasks t
                    where not @all and t.dossier_id = o.id and t.status = 'open' and t.unit_code = any(@units) limit 1) h on true
                where o.finished_at is null and o.clock_stopped_at is null and o.due_at < @now and (o.due_at, o.id) > (@d0, @i0) and (@all or o.unit_code = any(@units) or h.held)
                order by o.due_at, o.id limit @take)
            select d.id, d.code, d.definition_key, d.status, d.received_at, d.due_at, d.original_due_at, d.apology_count,
                   (d.apology_count = 0) as apology_needed
            from overdue join dossiers d on d.id = overdue.id
            order by d.due_at, d.id
            """, new { now, all, units, take = limit + 1, d0 = cursor.DueAt, i0 = cursor.Id })).ToList();
        return PageCursor.PageOf(rows, limit, r => new PageCursor(r.DueAt, r.Id));
    }

    public async Task<IReadOnlyList<NotificationRow>> NotificationsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var units = await OrganisationStore.SubtreeAsync(connection, actor.UnitCode);
        // A union of index-ordered branches (shaped on a million dossiers): the user's own notifications, then for each
        // of their roles those to every unit and those to each unit of their subtree (notifications_role), 200 each.
        return [.. await connection.QueryAsync<NotificationRow>("""
            select n.id, n.kind, n.message, d.code as dossier_code, n.task_id, n.created_at, n.read_at
            from (
                (select id from notifications where username = @Username order by created_at desc, id desc limit 200)
                union
                (select l.id from unnest(@Roles) r(role) cross join lateral (
                    select id from notifications where username is null and role = r.role and unit_code is null
                    order by created_at desc, id desc limit 200) l)
                union
                (select l.id from unnest(@Roles) r(role) cross join unnest(@units) u(code) cross join lateral (
                    select id from notifications where username is null and role = r.role and unit_code = u.code
                    order by created_at desc, id desc limit 200) l)
            ) ids join notifications n on n.id = ids.id left join dossiers d on d.id = n.dossier_id
            order by n.created_at desc, n.id desc limit 200
            """, new { actor.Username, Roles = actor.Roles.ToArray(), units })];
    }

    /// <summary>
    /// Biểu 06 for [from, to): dossiers to resolve = received in the period (online / in person or by post) plus
    /// those carried over; resolved in the period split by early / on time / late against the ORIGINAL due time
    /// (an apology does not make a late dossier on time); the rest in progress at the end of the period.
    /// </summary>
    public async Task<IReadOnlyList<ProcessingReportRow>> ProcessingReportAsync(DateTimeOffset from, DateTimeOffset to, string? unit, CancellationToken cancellationToken = default)
    {
        if (to <= from)
        {
            throw new StoreException(StoreError.Invalid, "'to' must be after 'from'.", "to");
        }

        await using var connection = await (reportSource ?? dataSource).OpenConnectionAsync(cancellationToken);
        var (fromDay, toDay) = DossierCounts.Days(from, to);
        // From the counts kept per scope, day and procedure version (DossierCounts): received before the period's end
        // less finished before its start are the dossiers to resolve; received less finished before the end, those in
        // progress at the end; among them, past due by then: those whose later of reception and due day has passed
        // less those whose later of finishing and due day has. The unfolded changes are added; the due-work job folds them.
        var rows = await connection.QueryAsync<ProcessingReportRow>($"""
            select field, received_online + received_direct + carried_over as total, received_online, received_direct, carried_over,
                   resolved, resolved_early, resolved_on_time, resolved_late,
                   in_progress, in_progress - in_progress_overdue as in_progress_within_deadline, in_progress_overdue
            from (
                select coalesce(df.name, c.definition_key) as field,
                       coalesce(sum(c.received_online) filter (where c.day >= @fromDay::date), 0)::int as received_online,
                       coalesce(sum(c.received - c.received_online) filter (where c.day >= @fromDay::date), 0)::int as received_direct,
                       coalesce(sum(c.received - c.finished) filter (where c.day < @fromDay::date), 0)::int as carried_over,
                       coalesce(sum(c.finished) filter (where c.day >= @fromDay::date), 0)::int as resolved,
                       coalesce(sum(c.finished_early) filter (where c.day >= @fromDay::date), 0)::int as resolved_early,
                       coalesce(sum(c.finished_on_time) filter (where c.day >= @fromDay::date), 0)::int as resolved_on_time,
                       coalesce(sum(c.finished_late) filter (where c.day >= @fromDay::date), 0)::int as resolved_late,
                       sum(c.received - c.finished)::int as in_progress,
                       sum(c.due_passed_received - c.due_passed_finished)::int as in_progress_overdue
                from {DossierCounts.Counts} c join definitions df on df.key = c.definition_key and df.version = c.definition_version
                where c.unit_code = @scope and c.day < @toDay::date
                group by 1) f
            where received_online + received_direct + carried_over > 0
            """, new { scope = unit ?? "", fromDay, toDay });
        return [.. rows.OrderBy(r => r.Field, StringComparer.Ordinal)];
    }
}

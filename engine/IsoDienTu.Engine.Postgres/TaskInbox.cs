using Dapper;
using Npgsql;

namespace IsoDienTu.Engine.Postgres;

/// <summary>
/// The officer inbox lists, a page at a time in (due time, id) order, nulls last. Shaped on a million dossiers
/// (tests/bench/million.sh, BENCHMARKS.md): each branch reads the index of migration 0007 that holds its filter and
/// due order, from the page's cursor on, so a page costs the rows it returns. Left to itself the planner walked every
/// open step in due order for most of them, misjudging how many open steps an officer or a unit holds.
/// </summary>
public sealed class TaskInbox(NpgsqlDataSource dataSource)
{
    // After the cursor in (due_at, id) order, nulls last, as two index ranges: the steps with a due time after it (none
    // when the cursor is in the nulls), then those without one. The second is ordered "by due_at, id", not "by id": the
    // same order there, but PostgreSQL does not take "due_at is null" as fixing due_at, so only the index's own order
    // spares it sorting every open step without a due time (4,551 of them, 6 ms, on an aged million-dossier database).
    private static string AfterCursor(string columns, string filter, string limit) => $"""
        (select {columns} from tasks where {filter} and (due_at, id) > (@d0, @i0) order by due_at, id limit {limit})
        union all
        (select {columns} from tasks where {filter} and due_at is null and id > @nullsAfter order by due_at, id limit {limit})
        """;

    // The same as a filter, for branches whose own index (a GIN on the candidates) is more selective than any due order:
    // there the two ranges would each walk every unclaimed step without a due time. Applied above an "offset 0" fence,
    // because the server's prepared (generic) plan otherwise read the cursor's range of every unclaimed step (0.3 s)
    // rather than the GIN index, not knowing how few steps the roles select.
    private const string AfterCursorFilter = "((due_at, id) > (@d0, @i0) or (due_at is null and id > @nullsAfter))";

    private const string ReadRows = """
        join tasks t on t.id = ids.id join dossiers d on d.id = t.dossier_id
        order by t.due_at nulls last, t.id
        """;

    // Materialised: this officer's open steps come from tasks_open_assignee_due (ids and due times only), the page is
    // picked, and only its rows are read.
    private static readonly string AssignedSql = $"""
        with mine as materialized (select id, due_at from tasks where status = 'open' and assignee = @Username)
        select {TaskService.TaskColumns} from (
            select id from mine where {AfterCursorFilter}
            order by due_at nulls last, id limit @take) ids
        {ReadRows}
        """;

    // A union of branches that each read their own index in due order: unit + role and role anywhere (ordered reads of
    // tasks_open_available per role), named candidate, candidate group (migration 0019's indexes hold only the steps
    // that name candidates, hence the cardinality test).
    private static readonly string AvailableSql = $"""
        select {TaskService.TaskColumns} from (
            (select l.id, l.due_at from unnest(@Roles) r(role) cross join lateral (
                {AfterCursor("id, due_at", "status = 'open' and assignee is null and unit_code = @UnitCode and role = r.role", "@take")}) l)
            union
            (select l.id, l.due_at from unnest(@Roles) r(role) cross join lateral (
                {AfterCursor("id, due_at", "status = 'open' and assignee is null and unit_code is null and role = r.role", "@take")}) l)
            union
            (select id, due_at from (
                select id, due_at from tasks where status = 'open' and assignee is null and cardinality(candidate_users) > 0 and candidate_users @> array[@Username] offset 0) c
             where {AfterCursorFilter} order by due_at nulls last, id limit @take)
            union
            (select id, due_at from (
                select id, due_at from tasks where status = 'open' and assignee is null and cardinality(candidate_groups) > 0 and candidate_groups && @Roles offset 0) c
             where {AfterCursorFilter} order by due_at nulls last, id limit @take)
            order by due_at nulls last, id limit @take
        ) ids
        {ReadRows}
        """;

    // A wide scope (a province's supervisor) holds most open steps: the first 4 × page open steps in due order, read
    // from tasks_open_due_unit alone, already contain its page. A narrower scope reads each of its units' own steps in
    // due order instead (at most a page per unit). Both give the scope's page by (due_at, id).
    private static readonly string UnitSql = $"""
        with walk as materialized (
            select id from ({AfterCursor("id, due_at, unit_code", "status = 'open'", "4 * @take")}) w
            where unit_code = any(@units) order by due_at nulls last, id limit @take),
        per_unit as materialized (
            select l.id from unnest(@units) u(code) cross join lateral (
                {AfterCursor("id, due_at", "status = 'open' and unit_code = u.code", "@take")}) l
            where (select count(*) from walk) < @take
            order by l.due_at nulls last, l.id limit @take)
        select {TaskService.TaskColumns} from (select id from walk where (select count(*) from walk) = @take union all select id from per_unit) ids
        {ReadRows}
        """;

    /// <summary>
    /// Tasks the actor sees: assigned to them, claimable by them, or (heads, supervisors) their unit subtree's; the
    /// page after <paramref name="after"/> (null: the first) of <paramref name="limit"/> rows.
    /// </summary>
    public async Task<Page<TaskRow>> ListAsync(Actor actor, string scope, int limit = PageCursor.DefaultLimit, PageCursor? after = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var sql = scope switch
        {
            "assigned" => AssignedSql,
            "available" => AvailableSql,
            "unit" => UnitSql,
            _ => throw new StoreException(StoreError.Invalid, $"Unknown scope '{scope}': use assigned, available or unit.", "scope"),
        };
        if (scope == "unit" && !actor.IsOversight)
        {
            throw new StoreException(StoreError.Forbidden, "Only heads of unit and supervisors see the whole unit's tasks.", "scope");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var units = await OrganisationStore.SubtreeAsync(connection, actor.UnitCode);
        var cursor = after ?? PageCursor.Start;
        var rows = (await connection.QueryAsync<TaskRow>(sql, new
        {
            actor.Username,
            actor.UnitCode,
            Roles = actor.Roles.ToArray(),
            units,
            take = limit + 1,
            d0 = cursor.DueAt,
            i0 = cursor.Id,
            nullsAfter = cursor.DueAt is null ? cursor.Id : 0,
        })).ToList();
        return PageCursor.PageOf(rows, limit, t => new PageCursor(t.DueAt, t.Id));
    }
}

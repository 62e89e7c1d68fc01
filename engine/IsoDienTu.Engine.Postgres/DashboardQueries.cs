using Dapper;
using Npgsql;

namespace IsoDienTu.Engine.Postgres;

/// <summary>The service index of the domain notes (§1.13, §3) for a period and a unit subtree.</summary>
public sealed record ServiceIndex
{
    public int Received { get; init; }
    public int ReceivedOnline { get; init; }
    public int Digitised { get; init; }
    public int Resolved { get; init; }
    public int ResolvedOnTime { get; init; }
    public int ResolvedLate { get; init; }
    public int LateWithApology { get; init; }
    public int Ratings { get; init; }
    public double? SatisfactionAverage { get; init; }
    public double? OnTimeShare => Resolved == 0 ? null : (double)ResolvedOnTime / Resolved;
    public double? OnlineShare => Received == 0 ? null : (double)ReceivedOnline / Received;
    public double? DigitisedShare => Received == 0 ? null : (double)Digitised / Received;
}

/// <summary>Open steps past or near their due time, grouped by one key (unit, officer or procedure).</summary>
public sealed record DueGroup
{
    public string Key { get; init; } = "";
    public int Overdue { get; init; }
    public int DueSoon { get; init; }
    public int Open { get; init; }
}

public sealed record DueStep
{
    public long TaskId { get; init; }
    public string DossierCode { get; init; } = "";
    public string Procedure { get; init; } = "";
    public string Name { get; init; } = "";
    public string? UnitCode { get; init; }
    public string? Assignee { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public bool Overdue { get; init; }
}

public sealed record WeekRate
{
    public DateTime Week { get; init; }
    public int Resolved { get; init; }
    public int OnTime { get; init; }
}

public sealed record LateDossier
{
    public string Code { get; init; } = "";
    public string Procedure { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset? DueAt { get; init; }
    public DateTimeOffset? OriginalDueAt { get; init; }
    public int ApologyCount { get; init; }
}

public sealed record Dashboard(ServiceIndex Index, IReadOnlyList<DueGroup> ByUnit, IReadOnlyList<DueGroup> ByOfficer,
    IReadOnlyList<DueGroup> ByProcedure, IReadOnlyList<DueStep> Steps, IReadOnlyList<LateDossier> LateDossiers, IReadOnlyList<WeekRate> Weeks);

/// <summary>
/// Reads of the supervisor dashboard. A dossier is "of" a unit subtree when it was received by it or passed through it (as
/// the Biểu 06 report counts): its scopes (dossier_scopes, migration 0010).
/// </summary>
public sealed class DashboardQueries(NpgsqlDataSource dataSource, ClusterClock clock, EngineOptions options)
{
    public async Task<Dashboard> BuildAsync(Actor actor, DateTimeOffset from, DateTimeOffset to, string? unit, CancellationToken cancellationToken = default)
    {
        if (to <= from)
        {
            throw new StoreException(StoreError.Invalid, "'to' must be after 'from'.", "to");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var now = await clock.NowAsync(connection);
        var everything = actor.Has("admin") || (actor.Has("supervisor") && actor.UnitCode is null);
        var root = unit ?? (everything ? null : actor.UnitCode);
        if (unit is not null && !everything)
        {
            var mine = await OrganisationStore.SubtreeAsync(connection, actor.UnitCode);
            if (!mine.Contains(unit, StringComparer.Ordinal))
            {
                throw new StoreException(StoreError.Forbidden, $"Unit {unit} is outside your unit.", "unit");
            }
        }

        var all = root is null;
        var units = all ? [] : await OrganisationStore.SubtreeAsync(connection, root);
        var (fromDay, toDay) = DossierCounts.Days(from, to);
        (from, to) = (DossierCounts.StartOf(fromDay), DossierCounts.StartOf(toDay));
        var p = new { from, to, now, all, units, share = options.DueSoonShare, scope = root ?? "", fromDay, toDay };

        // From the counts kept per scope and day (DossierCounts): "in the period" figures sum the period's days; the
        // dossiers alive during the period (apologised, rated) are those received before its end less those finished
        // before its start.
        await DossierCounts.FoldAsync(connection);
        var index = await connection.QuerySingleAsync<ServiceIndex>($"""
            select
              coalesce(sum(received) filter (where day >= @fromDay::date), 0)::int as received,
              coalesce(sum(received_online) filter (where day >= @fromDay::date), 0)::int as received_online,
              coalesce(sum(digitised) filter (where day >= @fromDay::date), 0)::int as digitised,
              coalesce(sum(finished) filter (where day >= @fromDay::date), 0)::int as resolved,
              coalesce(sum(finished_early + finished_on_time) filter (where day >= @fromDay::date), 0)::int as resolved_on_time,
              coalesce(sum(finished_late) filter (where day >= @fromDay::date), 0)::int as resolved_late,
              (coalesce(sum(apologised_received), 0) - coalesce(sum(apologised_finished) filter (where day < @fromDay::date), 0))::int as late_with_apology,
              (coalesce(sum(rated_received), 0) - coalesce(sum(rated_finished) filter (where day < @fromDay::date), 0))::int as ratings,
              ((sum(score_received) - coalesce(sum(score_finished) filter (where day < @fromDay::date), 0))::float8
                / nullif(sum(rated_received) - coalesce(sum(rated_finished) filter (where day < @fromDay::date), 0), 0)) as satisfaction_average
            from {DossierCounts.Counts} c where unit_code = @scope and day < @toDay::date
            """, p);

        // Open steps that are overdue or due soon (past the configured share of their allotment), the first 2,000 in
        // due order. As for the overdue lists: everything, or a wide scope, walks the open steps in due order
        // (tasks_open_due_unit); a narrow one reads each of its units' steps in due order (tasks_open_unit_due_id) —
        // walking every open step for a commune's few cost up to a second on a million dossiers.
        var steps = (await connection.QueryAsync<DueStep>("""
            with walk as materialized (
                select w.id from (
                    select id, due_at, unit_code from tasks where status = 'open' and due_at is not null order by due_at, id limit 8000) w
                join tasks t on t.id = w.id
                where (@all or w.unit_code = any(@units))
                  and (t.due_at < @now or t.overdue or t.created_at + (t.due_at - t.created_at) * @share <= @now)
                order by w.due_at, w.id limit 2000),
            per_unit as materialized (
                select l.id from unnest(@units) u(code) cross join lateral (
                    select id, due_at from tasks t
                    where status = 'open' and unit_code = u.code and due_at is not null
                      and (t.due_at < @now or t.overdue or t.created_at + (t.due_at - t.created_at) * @share <= @now)
                    order by due_at, id limit 2000) l
                where not @all and (select count(*) from walk) < 2000
                order by l.due_at, l.id limit 2000),
            everything as materialized (
                select id from tasks t
                where @all and (select count(*) from walk) < 2000 and status = 'open' and due_at is not null
                  and (t.due_at < @now or t.overdue or t.created_at + (t.due_at - t.created_at) * @share <= @now)
                order by due_at, id limit 2000)
            select t.id as task_id, d.code as dossier_code, d.definition_key as procedure, t.name, t.unit_code, t.assignee, t.due_at,
                   (t.due_at < @now or t.overdue) as overdue
            from (select id from walk where (select count(*) from walk) = 2000 union all select id from per_unit union all select id from everything) ids
            join tasks t on t.id = ids.id join dossiers d on d.id = t.dossier_id
            order by t.due_at, t.id
            """, p)).ToList();

        static List<DueGroup> Group(IEnumerable<DueStep> rows, Func<DueStep, string> key) =>
        [
            .. rows.GroupBy(key).Select(g => new DueGroup { Key = g.Key, Overdue = g.Count(s => s.Overdue), DueSoon = g.Count(s => !s.Overdue), Open = g.Count() })
                .OrderByDescending(g => g.Overdue).ThenByDescending(g => g.DueSoon).ThenBy(g => g.Key, StringComparer.Ordinal),
        ];

        // Late dossiers of the scope: open and past due (few: walked in dossiers_open_due_unit, each probed in
        // dossier_scopes — a lateral, as an EXISTS the planner scanned every dossier's scopes for a commune: 0.3–0.8 s),
        // and finished late in the period (the scope's range of dossier_late), merged in due order.
        var late = await connection.QueryAsync<LateDossier>("""
            with open_late as materialized (
                select o.id, o.due_at from dossiers o
                cross join lateral (select 1 from dossier_scopes s where s.dossier_id = o.id and s.unit_code = @scope limit 1) held
                where o.finished_at is null and o.due_at < @now and o.parent_dossier_id is null
                order by o.due_at, o.id limit 500),
            finished_late as materialized (
                select l.dossier_id as id, l.due_at from dossier_late l
                where l.unit_code = @scope and l.finished_at >= @from and l.finished_at < @to
                order by l.due_at, l.dossier_id limit 500)
            select d.code, d.definition_key as procedure, d.status, d.due_at, d.original_due_at, d.apology_count
            from (select id, due_at from open_late union all select id, due_at from finished_late order by due_at, id limit 500) ids
            join dossiers d on d.id = ids.id
            order by d.due_at, d.id
            """, p);

        var weeks = await connection.QueryAsync<WeekRate>($"""
            select date_trunc('week', day::timestamp) as week, sum(finished)::int as resolved, sum(finished_early + finished_on_time)::int as on_time
            from {DossierCounts.Counts} c
            where unit_code = @scope and day >= @fromDay::date and day < @toDay::date and finished > 0
            group by 1 order by 1
            """, p);

        return new Dashboard(index, Group(steps, s => s.UnitCode ?? "—"), Group(steps, s => s.Assignee ?? "(chưa nhận)"),
            Group(steps, s => s.Procedure), steps, [.. late], [.. weeks]);
    }
}

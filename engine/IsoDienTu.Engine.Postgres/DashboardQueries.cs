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

/// <summary>
/// Open steps overdue or due soon, counted by one key: a unit code, an officer's username or a procedure key ("" for
/// a step without a unit, or one nobody has claimed).
/// </summary>
public sealed record DueGroup
{
    public string Key { get; init; } = "";
    public int Overdue { get; init; }
    public int DueSoon { get; init; }
    public int Open => Overdue + DueSoon;
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

/// <summary>Which group of the dashboard a list of due steps is narrowed to: <c>unit</c>, <c>officer</c> or <c>procedure</c>, and its key.</summary>
public sealed record DueStepGroup(string Kind, string Key)
{
    public static DueStepGroup? Parse(string? kind, string? key) => (kind, key) switch
    {
        (null or "", null) => null,
        ("unit" or "officer" or "procedure", not null) => new DueStepGroup(kind, key),
        (null or "", _) => throw new StoreException(StoreError.Invalid, "'key' needs 'group' (unit, officer or procedure).", "group"),
        (_, null) => throw new StoreException(StoreError.Invalid, "'group' needs its 'key'.", "key"),
        _ => throw new StoreException(StoreError.Invalid, "'group' is unit, officer or procedure.", "group"),
    };
}

public sealed record WeekRate
{
    public DateTime Week { get; init; }
    public int Resolved { get; init; }
    public int OnTime { get; init; }
}

public sealed record LateDossier
{
    public long Id { get; init; }
    public string Code { get; init; } = "";
    public string Procedure { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset? DueAt { get; init; }
    public DateTimeOffset? OriginalDueAt { get; init; }
    public int ApologyCount { get; init; }
}

/// <summary>The dashboard of a period and scope: its figures, the counts of its due steps by group, and the first page of each list.</summary>
public sealed record Dashboard(ServiceIndex Index, IReadOnlyList<DueGroup> ByUnit, IReadOnlyList<DueGroup> ByOfficer,
    IReadOnlyList<DueGroup> ByProcedure, Page<DueStep> Steps, Page<LateDossier> LateDossiers, IReadOnlyList<WeekRate> Weeks);

/// <summary>
/// Reads of the supervisor dashboard. A dossier is "of" a unit subtree when it was received by it or passed through it (as
/// the Biểu 06 report counts): its scopes (dossier_scopes, migration 0010). A step is "of" the subtree holding it.
/// </summary>
public sealed class DashboardQueries(NpgsqlDataSource dataSource, ClusterClock clock)
{
    /// <summary>
    /// The steps whose watches fell due but have not fired yet (the due-work backlog, normally empty or a few rows). The
    /// lower bound, the earliest pending due time, is there for the planner: its statistics of due_at are those of every
    /// timer, nearly all fired and past, so "pending and due_at &lt;= now" alone was estimated at every pending timer and
    /// planned as a scan of them all (0.12–0.15 s on a million dossiers); a closed range walks timers_pending_due.
    /// </summary>
    private const string Backlog = """
        select task_id, bool_or(kind = 'step_reminder') as soon, bool_or(kind = 'step_due') as due
        from timers where status = 'pending' and kind in ('step_reminder', 'step_due')
          and due_at <= @now and due_at >= (select min(due_at) from timers where status = 'pending')
        group by task_id
        """;

    public async Task<Dashboard> BuildAsync(Actor actor, DateTimeOffset from, DateTimeOffset to, string? unit, int limit = PageCursor.DefaultLimit,
        CancellationToken cancellationToken = default)
    {
        var (fromDay, toDay) = Period(from, to);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var scope = await ScopeAsync(connection, actor, unit);

        // Each read sums the kept counts and their unfolded changes, which the due-work job folds
        // (DueWorkProcessor.FoldCountsAsync). One connection, one read after the other: run at once, each on a
        // connection of its own, the page took as long on two cores (the reads compete for the same CPUs) and held
        // four connections.
        var (index, weeks) = await FiguresAsync(connection, scope, fromDay, toDay);
        var counts = await DueCountsAsync(connection, scope);
        var steps = await DueStepsAsync(connection, scope, null, limit, PageCursor.Start);
        var late = await LateDossiersAsync(connection, scope, DossierCounts.StartOf(fromDay), DossierCounts.StartOf(toDay), limit, PageCursor.Start);
        return new Dashboard(index, Group(counts, r => r.Unit), Group(counts, r => r.Assignee), Group(counts, r => r.Procedure),
            steps, late, weeks);

        static List<DueGroup> Group(IEnumerable<DueCount> rows, Func<DueCount, string> key) =>
        [
            .. rows.GroupBy(key, StringComparer.Ordinal)
                .Select(g => new DueGroup { Key = g.Key, Overdue = g.Sum(r => r.Overdue), DueSoon = g.Sum(r => r.DueSoon) })
                .Where(g => g.Open != 0)
                .OrderByDescending(g => g.Overdue).ThenByDescending(g => g.DueSoon).ThenBy(g => g.Key, StringComparer.Ordinal),
        ];
    }

    /// <summary>One week's sums of the kept counts; the period's figures are the sums of its weeks.</summary>
    private sealed record WeekCounts
    {
        public DateTime Week { get; init; }
        public int Received { get; init; }
        public int ReceivedOnline { get; init; }
        public int Digitised { get; init; }
        public int Resolved { get; init; }
        public int ResolvedOnTime { get; init; }
        public int ResolvedLate { get; init; }
        public int ApologisedReceived { get; init; }
        public int ApologisedFinishedBefore { get; init; }
        public int RatedReceived { get; init; }
        public int RatedFinishedBefore { get; init; }
        public long ScoreReceived { get; init; }
        public long ScoreFinishedBefore { get; init; }
    }

    /// <summary>
    /// The service index and the on-time rate by week, from the counts kept per scope and day (DossierCounts, all
    /// procedures together), in one pass over the scope's days: "in the period" figures sum the period's days; the
    /// dossiers alive during the period (apologised, rated) are those received before its end less those finished
    /// before its start.
    /// </summary>
    private static async Task<(ServiceIndex Index, IReadOnlyList<WeekRate> Weeks)> FiguresAsync(NpgsqlConnection connection, Scope scope,
        DateTime fromDay, DateTime toDay)
    {
        var weeks = (await connection.QueryAsync<WeekCounts>($"""
            select date_trunc('week', day::timestamp) as week,
              coalesce(sum(received) filter (where day >= @fromDay::date), 0)::int as received,
              coalesce(sum(received_online) filter (where day >= @fromDay::date), 0)::int as received_online,
              coalesce(sum(digitised) filter (where day >= @fromDay::date), 0)::int as digitised,
              coalesce(sum(finished) filter (where day >= @fromDay::date), 0)::int as resolved,
              coalesce(sum(finished_early + finished_on_time) filter (where day >= @fromDay::date), 0)::int as resolved_on_time,
              coalesce(sum(finished_late) filter (where day >= @fromDay::date), 0)::int as resolved_late,
              coalesce(sum(apologised_received), 0)::int as apologised_received,
              coalesce(sum(apologised_finished) filter (where day < @fromDay::date), 0)::int as apologised_finished_before,
              coalesce(sum(rated_received), 0)::int as rated_received,
              coalesce(sum(rated_finished) filter (where day < @fromDay::date), 0)::int as rated_finished_before,
              coalesce(sum(score_received), 0)::bigint as score_received,
              coalesce(sum(score_finished) filter (where day < @fromDay::date), 0)::bigint as score_finished_before
            from {DossierCounts.DayCounts} c where unit_code = @scope and day < @toDay::date
            group by 1 order by 1
            """, new { scope = scope.Root ?? "", fromDay, toDay })).ToList();

        var ratings = weeks.Sum(w => w.RatedReceived - w.RatedFinishedBefore);
        var index = new ServiceIndex
        {
            Received = weeks.Sum(w => w.Received),
            ReceivedOnline = weeks.Sum(w => w.ReceivedOnline),
            Digitised = weeks.Sum(w => w.Digitised),
            Resolved = weeks.Sum(w => w.Resolved),
            ResolvedOnTime = weeks.Sum(w => w.ResolvedOnTime),
            ResolvedLate = weeks.Sum(w => w.ResolvedLate),
            LateWithApology = weeks.Sum(w => w.ApologisedReceived - w.ApologisedFinishedBefore),
            Ratings = ratings,
            SatisfactionAverage = ratings == 0 ? null : (double)weeks.Sum(w => w.ScoreReceived - w.ScoreFinishedBefore) / ratings,
        };
        return (index, [.. weeks.Where(w => w.Resolved > 0).Select(w => new WeekRate { Week = w.Week, Resolved = w.Resolved, OnTime = w.ResolvedOnTime })]);
    }

    private sealed record DueCount(string Unit, string Assignee, string Procedure, int DueSoon, int Overdue);

    /// <summary>
    /// The open steps overdue or due soon by unit, officer and procedure: the counts kept as their watches fire
    /// (migration 0014) and their unfolded changes, plus the steps whose watches are due but not fired yet. Summed by
    /// the caller, once per grouping.
    /// </summary>
    private static async Task<List<DueCount>> DueCountsAsync(NpgsqlConnection connection, Scope scope) =>
        [
            .. await connection.QueryAsync<DueCount>($"""
                select unit_code as unit, assignee, procedure, due_soon, overdue from step_due_counts where @all or unit_code = any(@units)
                union all
                select unit_code, assignee, procedure, due_soon, overdue from step_due_events where @all or unit_code = any(@units)
                union all
                select coalesce(t.unit_code, ''), coalesce(t.assignee, ''), d.definition_key,
                       ((b.soon or t.due_soon) and not (b.due or t.overdue))::int - (t.due_soon and not t.overdue)::int,
                       (b.due or t.overdue)::int - (t.overdue)::int
                from ({Backlog}) b
                join tasks t on t.id = b.task_id and t.status = 'open' join dossiers d on d.id = t.dossier_id
                where @all or t.unit_code = any(@units)
                """, new { scope.Now, scope.All, scope.Units }),
        ];

    /// <summary>The open steps of the scope overdue or due soon, a page at a time in (due time, id) order, optionally one group's.</summary>
    public async Task<Page<DueStep>> DueStepsAsync(Actor actor, string? unit, DueStepGroup? group, int limit = PageCursor.DefaultLimit,
        PageCursor? after = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var scope = await ScopeAsync(connection, actor, unit);
        if (group is { Kind: "unit", Key: not "" } && !scope.All && !scope.Units.Contains(group.Key, StringComparer.Ordinal))
        {
            throw new StoreException(StoreError.Forbidden, $"Unit {group.Key} is outside the dashboard's scope.", "key");
        }

        return await DueStepsAsync(connection, scope, group, limit, after ?? PageCursor.Start);
    }

    /// <summary>The scope's dossiers open past their due time or finished late in the period, a page at a time in (due time, id) order.</summary>
    public async Task<Page<LateDossier>> LateDossiersAsync(Actor actor, DateTimeOffset from, DateTimeOffset to, string? unit,
        int limit = PageCursor.DefaultLimit, PageCursor? after = null, CancellationToken cancellationToken = default)
    {
        var (fromDay, toDay) = Period(from, to);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var scope = await ScopeAsync(connection, actor, unit);
        return await LateDossiersAsync(connection, scope, DossierCounts.StartOf(fromDay), DossierCounts.StartOf(toDay), limit, after ?? PageCursor.Start);
    }

    /// <summary>The cluster's now and the dashboard's scope: everything (<c>All</c>, root null), or the subtree of <c>Root</c>.</summary>
    private sealed record Scope(DateTimeOffset Now, bool All, string? Root, string[] Units);

    private static (DateTime From, DateTime To) Period(DateTimeOffset from, DateTimeOffset to) =>
        to > from ? DossierCounts.Days(from, to) : throw new StoreException(StoreError.Invalid, "'to' must be after 'from'.", "to");

    private async Task<Scope> ScopeAsync(NpgsqlConnection connection, Actor actor, string? unit)
    {
        ArgumentNullException.ThrowIfNull(actor);
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

        return new Scope(now, root is null, root, root is null ? [] : await OrganisationStore.SubtreeAsync(connection, root));
    }

    private static async Task<Page<DueStep>> DueStepsAsync(NpgsqlConnection connection, Scope scope, DueStepGroup? group, int limit, PageCursor after)
    {
        // A unit's group narrows the scope to that unit ("" to the steps without a unit, which only "everything" holds).
        var (all, units, noUnit) = group is { Kind: "unit" } g
            ? (g.Key == "" && scope.All, g.Key == "" ? [] : new[] { g.Key }, g.Key == "")
            : (scope.All, scope.Units, false);
        var p = new
        {
            scope.Now, all, units, noUnit, take = limit + 1, d0 = after.DueAt, i0 = after.Id,
            officer = group is { Kind: "officer" } ? group.Key : null,
            procedure = group is { Kind: "procedure" } ? group.Key : null,
        };

        // The flagged open steps (their reminder or due time fired) in due order: everything walks all of them
        // (tasks_flagged_due), a subtree each of its units' (tasks_flagged_unit_due); then the backlog's steps, merged.
        const string Narrow = """
            and (@officer::text is null or coalesce(t.assignee, '') = @officer)
            and (@procedure::text is null or exists (select 1 from dossiers pd where pd.id = t.dossier_id and pd.definition_key = @procedure))
            """;
        var rows = (await connection.QueryAsync<DueStep>($"""
            with everything as materialized (
                select t.id, t.due_at from tasks t
                where @all and t.status = 'open' and (t.overdue or t.due_soon) and (t.due_at, t.id) > (@d0, @i0)
                  and (not @noUnit or t.unit_code is null) {Narrow}
                order by t.due_at, t.id limit @take),
            per_unit as materialized (
                select l.id, l.due_at from unnest(@units) u(code) cross join lateral (
                    select t.id, t.due_at from tasks t
                    where t.status = 'open' and (t.overdue or t.due_soon) and t.unit_code = u.code and (t.due_at, t.id) > (@d0, @i0) {Narrow}
                    order by t.due_at, t.id limit @take) l
                where not @all),
            backlog as materialized (
                select t.id, t.due_at from ({Backlog}) b join tasks t on t.id = b.task_id
                where t.status = 'open' and not (t.overdue or t.due_soon) and (t.due_at, t.id) > (@d0, @i0)
                  and (@all or t.unit_code = any(@units)) and (not @noUnit or t.unit_code is null) {Narrow})
            select t.id as task_id, d.code as dossier_code, d.definition_key as procedure, t.name, t.unit_code, t.assignee, t.due_at,
                   (t.due_at <= @now or t.overdue) as overdue
            from (select * from everything union all select * from per_unit union all select * from backlog order by due_at, id limit @take) ids
            join tasks t on t.id = ids.id join dossiers d on d.id = t.dossier_id
            order by t.due_at, t.id
            """, p)).ToList();
        return PageCursor.PageOf(rows, limit, r => new PageCursor(r.DueAt, r.TaskId));
    }

    private static async Task<Page<LateDossier>> LateDossiersAsync(NpgsqlConnection connection, Scope scope, DateTimeOffset from, DateTimeOffset to,
        int limit, PageCursor after)
    {
        // Open and past due (the scope's range of dossier_scopes_open_due, migration 0016), and finished late in the
        // period (each month of the period walked in dossier_late_by_month, migration 0015), merged in due order.
        var rows = (await connection.QueryAsync<LateDossier>("""
            with open_late as materialized (
                select s.dossier_id as id, s.open_due_at as due_at from dossier_scopes s
                where s.unit_code = @scope and s.open_due_at < @now and (s.open_due_at, s.dossier_id) > (@d0, @i0)
                order by s.open_due_at, s.dossier_id limit @take),
            finished_late as materialized (
                select l.id, l.due_at
                from generate_series(date_trunc('month', @from at time zone 'UTC'), @to at time zone 'UTC', interval '1 month') m (month)
                cross join lateral (
                    select x.dossier_id as id, x.due_at from dossier_late x
                    where x.unit_code = @scope and date_trunc('month', x.finished_at at time zone 'UTC') = m.month
                      and x.finished_at >= @from and x.finished_at < @to and (x.due_at, x.dossier_id) > (@d0, @i0)
                    order by x.due_at, x.dossier_id limit @take) l
                order by l.due_at, l.id limit @take)
            select d.id, d.code, d.definition_key as procedure, d.status, d.due_at, d.original_due_at, d.apology_count
            from (select id, due_at from open_late union all select id, due_at from finished_late order by due_at, id limit @take) ids
            join dossiers d on d.id = ids.id
            order by d.due_at, d.id
            """, new { scope.Now, scope = scope.Root ?? "", from, to, take = limit + 1, d0 = after.DueAt, i0 = after.Id })).ToList();
        return PageCursor.PageOf(rows, limit, r => new PageCursor(r.DueAt, r.Id));
    }
}

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
/// <param name="walkFirst">
/// How many flagged steps of the whole cluster the steps list reads first, in due order, before it walks unit by unit
/// (see DueStepsSql); tests make it small to run every path on little data.
/// </param>
public sealed class DashboardQueries(NpgsqlDataSource dataSource, ClusterClock clock, int walkFirst = DashboardQueries.DefaultWalkFirst)
{
    public const int DefaultWalkFirst = 500;

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

        // The figures and the counts by group sum the kept counts and their unfolded changes, which the due-work job
        // folds (DueWorkProcessor.FoldCountsAsync). They run on a second connection while the lists run on this one,
        // each pair in one round trip (Npgsql sends the statements as one batch, each prepared on its own): one after
        // the other, the round trips between them were a fifth of the page, and PostgreSQL had one core for it.
        var figures = FiguresAndCountsAsync(scope, fromDay, toDay, cancellationToken);
        try
        {
            var p = new DynamicParameters(DueStepsParameters(scope, group: null, limit, PageCursor.Start, walkFirst));
            p.AddDynamicParams(new { scope = scope.Root ?? "", from = DossierCounts.StartOf(fromDay), to = DossierCounts.StartOf(toDay) });
            await using var reads = await connection.QueryMultipleAsync(string.Join(";\n", DueStepsSql, LateDossiersSql), p);
            var steps = PageOfSteps([.. await reads.ReadAsync<DueStep>()], limit);
            var late = PageOfLateDossiers([.. await reads.ReadAsync<LateDossier>()], limit);
            var (index, weeks, counts) = await figures;
            return new Dashboard(index, Group(counts, ByUnit), Group(counts, ByOfficer), Group(counts, ByProcedure), steps, late, weeks);
        }
        catch
        {
            // The first error is the caller's; the other read is let finish (and its connection go back) unobserved.
            await ((Task)figures).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        static List<DueGroup> Group(IEnumerable<DueCount> rows, int set) =>
        [
            .. rows.Where(r => r.Set == set && r.Overdue + r.DueSoon != 0)
                .Select(r => new DueGroup { Key = r.Key, Overdue = r.Overdue, DueSoon = r.DueSoon })
                .OrderByDescending(g => g.Overdue).ThenByDescending(g => g.DueSoon).ThenBy(g => g.Key, StringComparer.Ordinal),
        ];
    }

    /// <summary>
    /// One week's sums of the kept counts, or (Week null) the sums of every day before the period; the period's figures
    /// are the sums of both.
    /// </summary>
    private sealed record WeekCounts
    {
        public DateTime? Week { get; init; }
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
    /// procedures together): "in the period" figures sum the period's days, by week; the dossiers alive during the
    /// period (apologised, rated) are those received before its end less those finished before its start, so the days
    /// before the period are summed too, in one row (no sort: only the period's few weeks are grouped and ordered).
    /// </summary>
    private const string FiguresSql = $"""
        select date_trunc('week', day::timestamp) as week, sum(received)::int as received, sum(received_online)::int as received_online,
          sum(digitised)::int as digitised, sum(finished)::int as resolved, sum(finished_early + finished_on_time)::int as resolved_on_time,
          sum(finished_late)::int as resolved_late, sum(apologised_received)::int as apologised_received, 0 as apologised_finished_before,
          sum(rated_received)::int as rated_received, 0 as rated_finished_before, sum(score_received)::bigint as score_received,
          0::bigint as score_finished_before
        from {DossierCounts.DayCounts} c where unit_code = @scope and day >= @fromDay::date and day < @toDay::date
        group by 1
        union all
        select null, 0, 0, 0, 0, 0, 0, coalesce(sum(apologised_received), 0)::int, coalesce(sum(apologised_finished), 0)::int,
          coalesce(sum(rated_received), 0)::int, coalesce(sum(rated_finished), 0)::int, coalesce(sum(score_received), 0)::bigint,
          coalesce(sum(score_finished), 0)::bigint
        from {DossierCounts.DayCounts} c where unit_code = @scope and day < @fromDay::date
        order by 1
        """;

    private static (ServiceIndex Index, IReadOnlyList<WeekRate> Weeks) Figures(List<WeekCounts> weeks)
    {
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
        return (index,
        [
            .. weeks.Where(w => w is { Week: not null, Resolved: > 0 })
                .Select(w => new WeekRate { Week = w.Week!.Value, Resolved = w.Resolved, OnTime = w.ResolvedOnTime }),
        ]);
    }

    private async Task<(ServiceIndex Index, IReadOnlyList<WeekRate> Weeks, List<DueCount> Counts)> FiguresAndCountsAsync(Scope scope,
        DateTime fromDay, DateTime toDay, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var reads = await connection.QueryMultipleAsync(string.Join(";\n", FiguresSql, DueCountsSql),
            new { scope = scope.Root ?? "", fromDay, toDay, scope.Now, scope.All, scope.Units });
        var (index, weeks) = Figures([.. await reads.ReadAsync<WeekCounts>()]);
        return (index, weeks, (await reads.ReadAsync<DueCount>()).AsList());
    }

    /// <summary>One group's counts: <c>Set</c> says which grouping (<see cref="ByUnit"/>, <see cref="ByOfficer"/>, <see cref="ByProcedure"/>).</summary>
    private sealed record DueCount(int Set, string Key, int DueSoon, int Overdue);

    // What grouping(unit, assignee, procedure) gives each grouping set: a bit for each column left out (3, 5, 6 in the SQL).
    private const int ByUnit = 0b011, ByOfficer = 0b101, ByProcedure = 0b110;

    /// <summary>
    /// The open steps overdue or due soon by unit, by officer and by procedure (one grouping set each): the counts kept
    /// as their watches fire (migration 0014) and their unfolded changes, plus the steps whose watches are due but not
    /// fired yet. The subtree's units are a set (hashed), not an array compared one by one. Summed here, not by the
    /// caller: the province's 1,600 rows took 3 ms more to read and sum in .NET than their 360 sums.
    /// </summary>
    private const string DueCountsSql = $"""
        select grouping(unit, assignee, procedure) as set,
               case grouping(unit, assignee, procedure) when 3 then unit when 5 then assignee else procedure end as key,
               sum(due_soon)::int as due_soon, sum(overdue)::int as overdue
        from (
            select unit_code as unit, assignee, procedure, due_soon, overdue from step_due_counts where @all or unit_code in (select unnest(@units))
            union all
            select unit_code, assignee, procedure, due_soon, overdue from step_due_events where @all or unit_code in (select unnest(@units))
            union all
            select coalesce(t.unit_code, ''), coalesce(t.assignee, ''), d.definition_key,
                   ((b.soon or t.due_soon) and not (b.due or t.overdue))::int - (t.due_soon and not t.overdue)::int,
                   (b.due or t.overdue)::int - (t.overdue)::int
            from ({Backlog}) b
            join tasks t on t.id = b.task_id and t.status = 'open' join dossiers d on d.id = t.dossier_id
            where @all or t.unit_code = any(@units)) c
        group by grouping sets ((unit), (assignee), (procedure))
        """;

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

    private async Task<Page<DueStep>> DueStepsAsync(NpgsqlConnection connection, Scope scope, DueStepGroup? group, int limit, PageCursor after) =>
        PageOfSteps([.. await connection.QueryAsync<DueStep>(DueStepsSql, DueStepsParameters(scope, group, limit, after, walkFirst))], limit);

    private static Page<DueStep> PageOfSteps(List<DueStep> rows, int limit) => PageCursor.PageOf(rows, limit, r => new PageCursor(r.DueAt, r.TaskId));

    private static object DueStepsParameters(Scope scope, DueStepGroup? group, int limit, PageCursor after, int walkFirst)
    {
        // A unit's group narrows the scope to that unit ("" to the steps without a unit, which only "everything" holds).
        var (all, units, noUnit) = group is { Kind: "unit" } g
            ? (g.Key == "" && scope.All, g.Key == "" ? [] : new[] { g.Key }, g.Key == "")
            : (scope.All, scope.Units, false);
        return new
        {
            scope.Now, all, units, noUnit, take = limit + 1, d0 = after.DueAt, i0 = after.Id,
            officer = group is { Kind: "officer" } ? group.Key : null,
            procedure = group is { Kind: "procedure" } ? group.Key : null,
            // A subtree of a few units reads a page of each at once; a wider one tries the cluster's first steps.
            walk = all || units.Length > 4 ? walkFirst : 0,
        };
    }

    private const string NarrowSteps = """
        and (@officer::text is null or coalesce(t.assignee, '') = @officer)
        and (@procedure::text is null or exists (select 1 from dossiers pd where pd.id = t.dossier_id and pd.definition_key = @procedure))
        """;

    /// <summary>
    /// The flagged open steps (their reminder or due time fired) in due order, then the backlog's steps, merged. First
    /// the first walkFirst flagged steps of the whole cluster are read in due order (tasks_flagged_due)
    /// and kept when in scope: for everything, or a subtree holding most units (the province's), the page is there.
    /// When it is not ("settled" false: fewer than a page kept, and more flagged steps beyond those read), everything
    /// walks all flagged steps, a subtree each of its units' (tasks_flagged_unit_due) a page each, merged; a subtree of
    /// a few units goes there directly (walk 0).
    /// </summary>
    private const string DueStepsSql = $"""
        with head as materialized (
            select t.id, t.due_at from (
                select t.id, t.due_at, t.unit_code, t.assignee, t.dossier_id from tasks t
                where t.status = 'open' and (t.overdue or t.due_soon) and (t.due_at, t.id) > (@d0, @i0)
                order by t.due_at, t.id limit @walk) t
            where (@all or t.unit_code in (select unnest(@units))) and (not @noUnit or t.unit_code is null) {NarrowSteps}
            order by t.due_at, t.id limit @take),
        settled as materialized (
            select (select count(*) from head) >= @take or (select count(*) from (
                select 1 from tasks t where t.status = 'open' and (t.overdue or t.due_soon) and (t.due_at, t.id) > (@d0, @i0)
                limit @walk) w) < @walk as yes),
        everything as materialized (
            select t.id, t.due_at from tasks t
            where @all and not (select yes from settled) and t.status = 'open' and (t.overdue or t.due_soon) and (t.due_at, t.id) > (@d0, @i0)
              and (not @noUnit or t.unit_code is null) {NarrowSteps}
            order by t.due_at, t.id limit @take),
        per_unit as materialized (
            select l.id, l.due_at from unnest(@units) u(code) cross join lateral (
                select t.id, t.due_at from tasks t
                where t.status = 'open' and (t.overdue or t.due_soon) and t.unit_code = u.code and (t.due_at, t.id) > (@d0, @i0) {NarrowSteps}
                order by t.due_at, t.id limit @take) l
            where not @all and not (select yes from settled)),
        backlog as materialized (
            select t.id, t.due_at from ({Backlog}) b join tasks t on t.id = b.task_id
            where t.status = 'open' and not (t.overdue or t.due_soon) and (t.due_at, t.id) > (@d0, @i0)
              and (@all or t.unit_code = any(@units)) and (not @noUnit or t.unit_code is null) {NarrowSteps})
        select t.id as task_id, d.code as dossier_code, d.definition_key as procedure, t.name, t.unit_code, t.assignee, t.due_at,
               (t.due_at <= @now or t.overdue) as overdue
        from (select * from head where (select yes from settled) union all select * from everything union all select * from per_unit
              union all select * from backlog order by due_at, id limit @take) ids
        join tasks t on t.id = ids.id join dossiers d on d.id = t.dossier_id
        order by t.due_at, t.id
        """;

    private static async Task<Page<LateDossier>> LateDossiersAsync(NpgsqlConnection connection, Scope scope, DateTimeOffset from, DateTimeOffset to,
        int limit, PageCursor after) =>
        PageOfLateDossiers([.. await connection.QueryAsync<LateDossier>(LateDossiersSql,
            new { scope.Now, scope = scope.Root ?? "", from, to, take = limit + 1, d0 = after.DueAt, i0 = after.Id })], limit);

    private static Page<LateDossier> PageOfLateDossiers(List<LateDossier> rows, int limit) => PageCursor.PageOf(rows, limit, r => new PageCursor(r.DueAt, r.Id));

    /// <summary>
    /// Open and past due (the scope's range of dossier_scopes_open_due, migration 0016), and finished late in the
    /// period (each month of the period, in Vietnam, walked in dossier_late_by_local_month, migration 0018; a period
    /// ending at a month's start does not walk that month), merged in due order.
    /// </summary>
    private const string LateDossiersSql = """
        with open_late as materialized (
            select s.dossier_id as id, s.open_due_at as due_at from dossier_scopes s
            where s.unit_code = @scope and s.open_due_at < @now and (s.open_due_at, s.dossier_id) > (@d0, @i0)
            order by s.open_due_at, s.dossier_id limit @take),
        finished_late as materialized (
            select l.id, l.due_at
            from generate_series(date_trunc('month', @from at time zone 'Asia/Ho_Chi_Minh'), @to at time zone 'Asia/Ho_Chi_Minh', interval '1 month') m (month)
            cross join lateral (
                select x.dossier_id as id, x.due_at from dossier_late x
                where m.month < @to at time zone 'Asia/Ho_Chi_Minh'
                  and x.unit_code = @scope and date_trunc('month', x.finished_at at time zone 'Asia/Ho_Chi_Minh') = m.month
                  and x.finished_at >= @from and x.finished_at < @to and (x.due_at, x.dossier_id) > (@d0, @i0)
                order by x.due_at, x.dossier_id limit @take) l
            order by l.due_at, l.id limit @take)
        select d.id, d.code, d.definition_key as procedure, d.status, d.due_at, d.original_due_at, d.apology_count
        from (select id, due_at from open_late union all select id, due_at from finished_late order by due_at, id limit @take) ids
        join dossiers d on d.id = ids.id
        order by d.due_at, d.id
        """;
}

using Dapper;
using Npgsql;

namespace IsoDienTu.Engine.Postgres;

/// <summary>
/// Keeps <c>dossier_counts</c> (migration 0010) as dossiers are received, enter a unit, finish, are apologised, rated
/// and digitised: one statement per event appends a row per scope of the dossier to <c>dossier_count_events</c>
/// (insert-only: updating the day's shared rows in the step's transaction held them to commit and halved completions
/// on one procedure), which the due-work job folds into the counts every tick (the reads add what is not folded yet);
/// so the dashboard and the Biểu 06 report sum a few hundred rows instead of aggregating every dossier of the period.
/// Only top-level dossiers have scopes; an inter-agency child dossier is counted through its parent, as the aggregates
/// always did.
/// </summary>
public static class DossierCounts
{
    private const string Columns = """
        received, received_online, digitised, apologised_received, rated_received, score_received, due_passed_received,
        finished, finished_early, finished_on_time, finished_late, apologised_finished, rated_finished, score_finished, due_passed_finished
        """;

    private const string Sums = """
        sum(c.received), sum(c.received_online), sum(c.digitised), sum(c.apologised_received), sum(c.rated_received),
        sum(c.score_received), sum(c.due_passed_received), sum(c.finished), sum(c.finished_early), sum(c.finished_on_time),
        sum(c.finished_late), sum(c.apologised_finished), sum(c.rated_finished), sum(c.score_finished), sum(c.due_passed_finished)
        """;

    /// <summary>The counts as of now: the folded rows and the appended changes not folded yet (sum both).</summary>
    internal const string Counts = "(select * from dossier_counts union all select * from dossier_count_events)";

    /// <summary>The same per scope and day, all procedures together (dossier_day_counts, migration 0017).</summary>
    internal const string DayCounts = $"(select * from dossier_day_counts union all select unit_code, day, {Columns} from dossier_count_events)";

    /// <summary>
    /// Folds the appended changes into dossier_counts, dossier_day_counts and step_due_counts (skipped while another
    /// connection folds).
    /// </summary>
    internal static Task<int> FoldAsync(NpgsqlConnection connection) => connection.ExecuteAsync("select fold_dossier_counts(), fold_step_due_counts()");

    private const string ReceivedDay = "(d.received_at at time zone 'Asia/Ho_Chi_Minh')::date";
    private const string FinishedDay = "(d.finished_at at time zone 'Asia/Ho_Chi_Minh')::date";

    /// <summary>The whole of the dossier <c>@DossierId</c> so far, added to the scopes the CTE <c>entered</c> returns.</summary>
    private const string CountEntered = $"""
        insert into dossier_count_events (unit_code, day, definition_key, definition_version, {Columns})
        select e.unit_code, c.day, c.definition_key, c.definition_version, {Sums}
        from entered e join dossier_contributions c on c.dossier_id = @DossierId
        group by 1, 2, 3, 4
        order by 1, 2, 3, 4
        """;

    /// <summary>
    /// CTEs for the statement that opens a step (<c>@DossierId</c>, <c>@Unit</c>): a step in a unit the dossier has not
    /// been in counts it in that unit and those of its ancestors it was not yet counted in. One primary key probe when
    /// the unit is known, which is almost always. Left out while the dossier is being received: <see cref="Received"/>
    /// counts it then, as the last write but the code.
    /// </summary>
    internal const string EnterStepUnitCtes = $"""
        entered as (
            insert into dossier_scopes (dossier_id, unit_code)
            select @DossierId, a.code from unit_ancestors(@Unit) a (code)
            where not exists (select 1 from dossier_scopes where dossier_id = @DossierId and unit_code = @Unit)
            on conflict do nothing
            returning unit_code),
        counted as (
            {CountEntered})
        """;

    /// <summary>
    /// Counts a dossier just received in the whole service, its own unit and the units of the steps it opened (with their
    /// ancestors). Late in the receiving transaction on purpose: the rows of today are shared by every reception of the
    /// procedure and stay locked until commit.
    /// </summary>
    internal static void Received(StepWrites writes, long dossierId) =>
        writes.Add($"""
            with entered as (
                insert into dossier_scopes (dossier_id, unit_code)
                select @DossierId, ''
                union
                select @DossierId, a.code from (
                    select unit_code from tasks where dossier_id = @DossierId and unit_code is not null
                    union select unit_code from dossiers where id = @DossierId and unit_code is not null) v
                cross join unit_ancestors(v.unit_code) a (code)
                on conflict do nothing
                returning unit_code)
            {CountEntered}
            """, new { DossierId = dossierId });

    /// <summary>
    /// The finishing side (finished early / on time / late, apologised, past due) of a dossier that has just ended;
    /// finished late, it joins its scopes' late lists (dossier_late, migration 0011).
    /// </summary>
    internal const string FinishedCte = $"""
        late as (
            insert into dossier_late (unit_code, due_at, dossier_id, finished_at)
            select s.unit_code, d.due_at, d.id, d.finished_at
            from dossier_scopes s join dossiers d on d.id = s.dossier_id
            where s.dossier_id = @Id and d.finished_at > coalesce(d.original_due_at, d.due_at)),
        counted as (
            insert into dossier_count_events (unit_code, day, definition_key, definition_version, {Columns})
            select s.unit_code, c.day, c.definition_key, c.definition_version, {Sums}
            from dossier_scopes s join dossier_contributions c on c.dossier_id = s.dossier_id and c.side = 'f'
            where s.dossier_id = @Id
            group by 1, 2, 3, 4
            order by 1, 2, 3, 4)
        """;

    /// <summary>
    /// A re-appointment (already written to the dossier row): apologised on the reception day. (A dossier without a due
    /// time before has the new one as its due time from now on: trigger dossiers_judged_due, migration 0025, counts it.)
    /// </summary>
    internal static Task<int> ApologisedAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long dossierId) =>
        connection.ExecuteAsync($"""
            insert into dossier_count_events (unit_code, day, definition_key, definition_version, apologised_received)
            select s.unit_code, {ReceivedDay}, d.definition_key, d.definition_version, 1
            from dossier_scopes s join dossiers d on d.id = s.dossier_id
            where s.dossier_id = @DossierId
            order by 1
            """, new { DossierId = dossierId }, tx);

    /// <summary>Stores a citizen's rating (once per dossier) and counts it on both sides; false when already rated.</summary>
    public static async Task<bool> RateAsync(NpgsqlConnection connection, long dossierId, int score, string? comment, DateTimeOffset now) =>
        await connection.ExecuteScalarAsync<int>($"""
            with rated as (
                insert into dossier_ratings (dossier_id, score, comment, rated_at) values (@DossierId, @score, @comment, @now)
                on conflict (dossier_id) do nothing
                returning dossier_id, score),
            counted as (
                insert into dossier_count_events (unit_code, day, definition_key, definition_version,
                                            rated_received, score_received, rated_finished, score_finished)
                select s.unit_code, x.day, d.definition_key, d.definition_version, sum(x.rr), sum(x.sr), sum(x.rf), sum(x.sf)
                from rated join dossier_scopes s on s.dossier_id = rated.dossier_id join dossiers d on d.id = rated.dossier_id
                cross join lateral (values ({ReceivedDay}, 1, rated.score, 0, 0), ({FinishedDay}, 0, 0, 1, rated.score)) x (day, rr, sr, rf, sf)
                where x.day is not null
                group by 1, 2, 3, 4
                order by 1, 2, 3, 4)
            select count(*)::int from rated
            """, new { DossierId = dossierId, score, comment, now }) == 1;

    /// <summary>
    /// CTE for the statement that stores a scanned document (<c>@DossierId</c>): the dossier's first one makes it
    /// digitised. The caller holds the dossier's row lock, so two first documents cannot both count.
    /// </summary>
    internal const string DigitisedCte = $"""
        counted as (
            insert into dossier_count_events (unit_code, day, definition_key, definition_version, digitised)
            select s.unit_code, {ReceivedDay}, d.definition_key, d.definition_version, 1
            from dossier_scopes s join dossiers d on d.id = s.dossier_id
            where s.dossier_id = @DossierId and not exists (select 1 from dossier_documents where dossier_id = @DossierId)
            order by 1)
        """;

    /// <summary>
    /// The local days [From, To) a period covers: the counts are by day, so a bound inside a day widens to the whole
    /// day (the pages always ask for whole days: 00:00 of the first, 00:00 after the last).
    /// </summary>
    internal static (DateTime From, DateTime To) Days(DateTimeOffset from, DateTimeOffset to)
    {
        var f = from.ToOffset(VietnamOffset);
        var t = to.ToOffset(VietnamOffset);
        var toDay = t.TimeOfDay == TimeSpan.Zero ? t.Date : t.Date.AddDays(1);
        return (f.Date, toDay);
    }

    /// <summary>The instant a local day starts.</summary>
    internal static DateTimeOffset StartOf(DateTime day) => new(day, VietnamOffset);

    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);
}

using Dapper;
using Npgsql;

namespace IsoDienTu.Engine.Postgres.Tests;

/// <summary>
/// The dashboard index, weekly rates and Biểu 06 report as they were computed before the counts (migration 0010):
/// straight aggregates over every dossier of the period. Kept as the definition the maintained counts must equal.
/// </summary>
internal static class AggregateOracle
{
    private const string InScope = """
        (@all or d.unit_code = any(@units) or exists (select 1 from tasks tu where tu.dossier_id = d.id and tu.unit_code = any(@units)))
        """;

    public static async Task<(ServiceIndex Index, List<WeekRate> Weeks, List<string> Late)> DashboardAsync(NpgsqlConnection connection, DateTimeOffset from, DateTimeOffset to, string? root, DateTimeOffset now)
    {
        var all = root is null;
        var units = all ? [] : await OrganisationStore.SubtreeAsync(connection, root);
        var p = new { from, to, all, units, now };
        var index = await connection.QuerySingleAsync<ServiceIndex>($"""
            with scoped as materialized (
              select d.id, d.received_at, d.channel, d.finished_at, d.original_due_at, d.due_at, d.apology_count from dossiers d
              where d.parent_dossier_id is null and d.received_at < @to and (d.finished_at is null or d.finished_at >= @from) and {InScope}),
            rated as (
              select count(*) as ratings, avg(score)::float8 as satisfaction_average
              from dossier_ratings r where r.dossier_id in (select id from scoped))
            select
              count(*) filter (where received_at >= @from) as received,
              count(*) filter (where received_at >= @from and channel = 'online') as received_online,
              count(*) filter (where received_at >= @from and exists (select 1 from dossier_documents dd where dd.dossier_id = scoped.id)) as digitised,
              count(*) filter (where finished_at < @to) as resolved,
              count(*) filter (where finished_at < @to and finished_at <= coalesce(original_due_at, due_at, finished_at)) as resolved_on_time,
              count(*) filter (where finished_at < @to and finished_at > coalesce(original_due_at, due_at, finished_at)) as resolved_late,
              count(*) filter (where apology_count > 0) as late_with_apology,
              (select ratings from rated) as ratings,
              (select satisfaction_average from rated) as satisfaction_average
            from scoped
            """, p);
        var weeks = await connection.QueryAsync<WeekRate>($"""
            select date_trunc('week', d.finished_at at time zone 'Asia/Ho_Chi_Minh') as week, count(*)::int as resolved,
                   (count(*) filter (where d.finished_at <= coalesce(d.original_due_at, d.due_at, d.finished_at)))::int as on_time
            from dossiers d
            where d.finished_at >= @from and d.finished_at < @to and d.parent_dossier_id is null and {InScope}
            group by 1 order by 1
            """, p);
        var late = await connection.QueryAsync<string>($"""
            select d.code
            from dossiers d
            where d.parent_dossier_id is null and {InScope}
              and ((d.finished_at is null and d.clock_stopped_at is null and d.due_at < @now)
                   or (d.finished_at >= @from and d.finished_at < @to and d.finished_at > coalesce(d.original_due_at, d.due_at)))
            order by d.due_at, d.id limit 500
            """, p);
        return (index, [.. weeks], [.. late]);
    }

    public static async Task<List<ProcessingReportRow>> ReportAsync(NpgsqlConnection connection, DateTimeOffset from, DateTimeOffset to, string? unit)
    {
        var units = unit is null ? null : await OrganisationStore.SubtreeAsync(connection, unit);
        // A dossier waiting with its clock stopped is judged against no due time (not late) until the clock runs again.
        var rows = await connection.QueryAsync<(string Field, string Channel, DateTimeOffset ReceivedAt, DateTimeOffset? FinishedAt, DateTimeOffset? Due)>("""
            select coalesce(df.name, d.definition_key) as field, d.channel, d.received_at, d.finished_at,
                   case when d.clock_stopped_at is null then coalesce(d.original_due_at, d.due_at) end as due
            from dossiers d join definitions df on df.key = d.definition_key and df.version = d.definition_version
            where d.received_at < @to and (d.finished_at is null or d.finished_at >= @from) and d.parent_dossier_id is null
              and (@units::text[] is null or d.unit_code = any(@units)
                   or exists (select 1 from tasks t where t.dossier_id = d.id and t.unit_code = any(@units)))
            """, new { from, to, units });
        return [.. rows.GroupBy(r => r.Field).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var online = g.Count(r => r.ReceivedAt >= from && r.Channel == "online");
            var direct = g.Count(r => r.ReceivedAt >= from && r.Channel != "online");
            var carried = g.Count(r => r.ReceivedAt < from);
            var resolved = g.Where(r => r.FinishedAt is { } f && f < to).ToList();
            var results = resolved.Select(r => StepResult.Of(r.FinishedAt, r.Due) ?? StepResult.OnTime).ToList();
            var open = g.Where(r => r.FinishedAt is null || r.FinishedAt >= to).ToList();
            var overdue = open.Count(r => r.Due is { } due && due < to);
            return new ProcessingReportRow(g.Key, online + direct + carried, online, direct, carried,
                resolved.Count, results.Count(r => r == StepResult.Early), results.Count(r => r == StepResult.OnTime), results.Count(r => r == StepResult.Late),
                open.Count, open.Count - overdue, overdue);
        })];
    }
}

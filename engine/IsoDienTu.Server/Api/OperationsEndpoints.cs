using Dapper;
using IsoDienTu.Engine.Postgres;
using Npgsql;

namespace IsoDienTu.Server.Api;

/// <summary>What an operator checks: live nodes, background jobs, recent timer runs and failures, and the firing lag.</summary>
public static class OperationsEndpoints
{
    public sealed record NodeRow
    {
        public string InstanceName { get; init; } = "";
        public long LastCheckinTime { get; init; }
        public long CheckinInterval { get; init; }
    }

    public sealed record JobRow
    {
        public string TriggerName { get; init; } = "";
        public string JobName { get; init; } = "";
        public string TriggerState { get; init; } = "";
        public long? NextFireTime { get; init; }
        public long? PrevFireTime { get; init; }
    }

    public sealed record RunRow
    {
        public long Id { get; init; }
        public string DossierCode { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? ElementId { get; init; }
        public DateTimeOffset DueAt { get; init; }
        public DateTimeOffset? FiredAt { get; init; }
        public string? FiredBy { get; init; }
        public double? LagMs { get; init; }
        public int Attempts { get; init; }
    }

    private static DateTimeOffset Ticks(long ticks) => new(Math.Clamp(ticks, DateTimeOffset.MinValue.Ticks, DateTimeOffset.MaxValue.Ticks), TimeSpan.Zero);

    public static void MapOperations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/operations", async (OperationsQueries ops, JobRunStore jobRuns, NpgsqlDataSource db, ClusterClock clock, CancellationToken ct) =>
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            var now = await clock.NowAsync(connection);
            var nodes = await connection.QueryAsync<NodeRow>(
                "select instance_name, last_checkin_time, checkin_interval from qrtz_scheduler_state order by instance_name");
            var jobs = await connection.QueryAsync<JobRow>(
                "select trigger_name, job_name, trigger_state, next_fire_time, prev_fire_time from qrtz_triggers order by trigger_name");
            var runs = await connection.QueryAsync<RunRow>("""
                select t.id, d.code as dossier_code, t.kind, t.element_id, t.due_at, t.fired_at, t.fired_by, t.lag_ms, t.attempts
                from timers t join dossiers d on d.id = t.dossier_id
                where t.status = 'fired' order by t.fired_at desc limit 50
                """);
            var pending = await connection.QueryAsync<RunRow>("""
                select t.id, d.code as dossier_code, t.kind, t.element_id, t.due_at, t.fired_at, t.fired_by, t.lag_ms, t.attempts
                from timers t join dossiers d on d.id = t.dossier_id
                where t.status = 'pending' order by t.due_at limit 50
                """);
            // Quartz keeps times as UTC ticks; check-ins are real time (not the simulated clock).
            var wallNow = DateTimeOffset.UtcNow;
            return TypedResults.Ok(new
            {
                now,
                nodes = nodes.Select(n => new
                {
                    n.InstanceName,
                    lastCheckin = Ticks(n.LastCheckinTime),
                    alive = wallNow - Ticks(n.LastCheckinTime) < TimeSpan.FromMilliseconds(Math.Max(n.CheckinInterval * 3, 30_000)),
                }),
                jobs = jobs.Select(j => new
                {
                    j.TriggerName, j.JobName, j.TriggerState,
                    nextFire = j.NextFireTime is > 0 ? Ticks(j.NextFireTime.Value) : (DateTimeOffset?)null,
                    prevFire = j.PrevFireTime is > 0 ? Ticks(j.PrevFireTime.Value) : (DateTimeOffset?)null,
                }),
                health = await ops.TimersAsync(ct),
                failed = await ops.FailedAsync(ct),
                runs,
                pending,
                sweeps = await jobRuns.RecentWorkAsync(30, ct),
                sweepSummary = await jobRuns.SummaryAsync(ct),
            });
        }).RequireAuthorization("admin").WithTags("Admin");
    }
}

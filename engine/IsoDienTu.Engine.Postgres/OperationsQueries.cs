using Dapper;
using Npgsql;

namespace IsoDienTu.Engine.Postgres;

public sealed record TimerHealth
{
    public long Pending { get; init; }
    public long PendingOverdue { get; init; }
    public long Failed { get; init; }
    public long FiredLastHour { get; init; }
    public double? LagP50Ms { get; init; }
    public double? LagP99Ms { get; init; }
    public double? LagMaxMs { get; init; }
}

public sealed record FailedTimer
{
    public long Id { get; init; }
    public string DossierCode { get; init; } = "";
    public string Kind { get; init; } = "";
    public string? ElementId { get; init; }
    public DateTimeOffset DueAt { get; init; }
    public int Attempts { get; init; }
    public string? LastError { get; init; }
}

/// <summary>What an operator checks: pending and failed timers, and the measured firing lag of the last hour.</summary>
public sealed class OperationsQueries(NpgsqlDataSource dataSource, ClusterClock clock)
{
    public async Task<TimerHealth> TimersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var now = await clock.NowAsync(connection);
        return await connection.QuerySingleAsync<TimerHealth>("""
            select
              (select count(*) from timers where status = 'pending') as pending,
              (select count(*) from timers where status = 'pending' and due_at <= @now) as pending_overdue,
              (select count(*) from timers where status = 'failed') as failed,
              count(*) as fired_last_hour,
              percentile_cont(0.5) within group (order by lag_ms) as lag_p50_ms,
              percentile_cont(0.99) within group (order by lag_ms) as lag_p99_ms,
              max(lag_ms) as lag_max_ms
            from timers where status = 'fired' and fired_at > @now - interval '1 hour'
            """, new { now });
    }

    public async Task<IReadOnlyList<FailedTimer>> FailedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<FailedTimer>("""
            select t.id, d.code as dossier_code, t.kind, t.element_id, t.due_at, t.attempts, t.last_error
            from timers t join dossiers d on d.id = t.dossier_id
            where t.status = 'failed' or (t.status = 'pending' and t.last_error is not null)
            order by t.due_at desc limit 100
            """)];
    }

    /// <summary>Puts a failed timer back in the queue; it fires at the next sweep.</summary>
    public async Task RetryAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(
            "update timers set status = 'pending', attempts = 0, last_error = null where id = @id and status = 'failed'", new { id });
        if (updated == 0)
        {
            throw new StoreException(StoreError.Conflict, $"Timer {id} is not a failed timer.");
        }
    }
}

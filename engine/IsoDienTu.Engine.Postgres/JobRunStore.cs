using Dapper;
using Npgsql;

namespace IsoDienTu.Engine.Postgres;

/// <summary>One sweep of a background job on one node.</summary>
public sealed record JobRun
{
    public long Id { get; init; }
    public string Job { get; init; } = "";
    public string Node { get; init; } = "";
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset FinishedAt { get; init; }
    public int Processed { get; init; }
    public string? Error { get; init; }
}

/// <summary>How many sweeps ran lately and the last one.</summary>
public sealed record JobRunSummary
{
    public long SweepsLastHour { get; init; }
    public long FailedLastHour { get; init; }
    public DateTimeOffset? LastFinishedAt { get; init; }
}

/// <summary>Where a background job records its sweeps (the scheduler works without one).</summary>
public interface IJobRunLog
{
    /// <summary>Records a sweep that has just finished after <paramref name="duration"/> (the database stamps the times).</summary>
    Task RecordAsync(string job, TimeSpan duration, int processed, string? error, CancellationToken cancellationToken = default);
}

/// <summary>The <c>job_runs</c> table: every sweep is a row; only the latest <see cref="Keep"/> rows are kept.</summary>
public sealed class JobRunStore(NpgsqlDataSource dataSource, EngineOptions options) : IJobRunLog
{
    public const int Keep = 5000;

    public async Task RecordAsync(string job, TimeSpan duration, int processed, string? error, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>("""
            insert into job_runs (job, node, started_at, finished_at, processed, error)
            values (@job, @NodeName, clock_timestamp() - @duration, clock_timestamp(), @processed, @error) returning id
            """, new { job, options.NodeName, duration, processed, error = error is { Length: > 2000 } ? error[..2000] : error });
        // Ids grow by one per sweep, so everything below id - Keep is older than the rows we keep (a PK range delete).
        if (id % 100 == 0)
        {
            await connection.ExecuteAsync("delete from job_runs where id <= @limit", new { limit = id - Keep });
        }
    }

    /// <summary>The latest sweeps that processed something or failed, newest first.</summary>
    public async Task<IReadOnlyList<JobRun>> RecentWorkAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<JobRun>("""
            select id, job, node, started_at, finished_at, processed, error from job_runs
            where processed > 0 or error is not null order by id desc limit @limit
            """, new { limit })];
    }

    public async Task<JobRunSummary> SummaryAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<JobRunSummary>("""
            select count(*) filter (where started_at > now() - interval '1 hour') as sweeps_last_hour,
                   count(*) filter (where started_at > now() - interval '1 hour' and error is not null) as failed_last_hour,
                   max(finished_at) as last_finished_at
            from job_runs
            """);
    }
}

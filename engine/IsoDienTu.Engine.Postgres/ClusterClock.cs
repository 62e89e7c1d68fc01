using Dapper;
using Npgsql;

namespace IsoDienTu.Engine.Postgres;

/// <summary>
/// The time every node agrees on. Real time comes from the injected <see cref="TimeProvider"/>; in simulated mode
/// (ISODIENTU_CLOCK=simulated) the instant set by an admin is stored in the database, so all nodes share it.
/// </summary>
public sealed class ClusterClock(NpgsqlDataSource dataSource, TimeProvider timeProvider, bool simulated)
{
    private const string Key = "clock.now";

    public bool IsSimulated => simulated;

    public async Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken = default)
    {
        if (!simulated)
        {
            return timeProvider.GetUtcNow();
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await NowAsync(connection);
    }

    public async Task<DateTimeOffset> NowAsync(NpgsqlConnection connection)
    {
        if (!simulated)
        {
            return timeProvider.GetUtcNow();
        }

        var stored = await connection.ExecuteScalarAsync<string?>("select value from settings where key = @Key", new { Key });
        return stored is null ? timeProvider.GetUtcNow() : DateTimeOffset.Parse(stored, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Moves the simulated clock. Once set, time only moves forward, so nothing is ever recorded "before" an event
    /// already journaled; the first setting may pick any instant (a demo starting on a chosen date).
    /// </summary>
    public async Task<DateTimeOffset> SetAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!simulated)
        {
            throw new StoreException(StoreError.NotFound, "The clock is real time; set ISODIENTU_CLOCK=simulated to move it.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var stored = await connection.ExecuteScalarAsync<string?>("select value from settings where key = @Key", new { Key });
        var current = stored is null ? now : DateTimeOffset.Parse(stored, System.Globalization.CultureInfo.InvariantCulture);
        if (now < current)
        {
            throw new StoreException(StoreError.Conflict, $"The simulated clock only moves forward (it is {current:O}).", "now");
        }

        await connection.ExecuteAsync("""
            insert into settings (key, value) values (@Key, @Value)
            on conflict (key) do update set value = excluded.value
            """, new { Key, Value = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture) });
        return now;
    }
}

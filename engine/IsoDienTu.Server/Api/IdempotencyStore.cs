using Dapper;
using Npgsql;

namespace IsoDienTu.Server.Api;

/// <summary>Remembers the response to a state-changing request by (user, Idempotency-Key) so a retry does not act twice.</summary>
public sealed class IdempotencyStore(NpgsqlDataSource dataSource)
{
    public sealed record Stored(int StatusCode, string? ContentType, string? Body);

    /// <summary>
    /// How long a reservation without a response holds its key. A node that died (or lost its database) between
    /// reserving a key and storing the response leaves the reservation behind; after this it may be taken again,
    /// rather than answering "still running" for ever. Longer than any request runs.
    /// </summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(1);

    /// <summary>Reserves the key; returns the stored response when the request was already handled.</summary>
    public async Task<(bool Reserved, Stored? Previous)> ReserveAsync(string username, string key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync("""
            insert into idempotency_keys (key, username, status_code, created_at) values (@key, @username, 0, now())
            on conflict (username, key) do update set created_at = now()
            where idempotency_keys.status_code = 0 and idempotency_keys.created_at < now() - @AbandonedAfter
            """, new { key, username, AbandonedAfter });
        if (inserted == 1)
        {
            return (true, null);
        }

        var previous = await connection.QuerySingleAsync<Stored>(
            "select status_code, content_type, body from idempotency_keys where username = @username and key = @key", new { username, key });
        return (false, previous);
    }

    public async Task CompleteAsync(string username, string key, Stored response, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("""
            update idempotency_keys set status_code = @StatusCode, content_type = @ContentType, body = @Body
            where username = @username and key = @key
            """, new { response.StatusCode, response.ContentType, response.Body, username, key });
    }

    /// <summary>A failed attempt frees the key, so the client may retry it.</summary>
    public async Task ForgetAsync(string username, string key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("delete from idempotency_keys where username = @username and key = @key and status_code = 0", new { username, key });
    }
}

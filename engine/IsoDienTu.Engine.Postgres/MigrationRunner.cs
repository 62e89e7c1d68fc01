using System.Reflection;
using Dapper;
using Npgsql;

namespace IsoDienTu.Engine.Postgres;

/// <summary>
/// Applies the numbered SQL files embedded in this assembly, in order, each once, under an advisory lock so that
/// several nodes starting together migrate exactly once. Files are never edited after they land.
/// A file whose first line is <c>-- migration: no transaction</c> runs statement by statement outside a transaction,
/// so that it can build or drop indexes <c>concurrently</c> on a live database without blocking writes; its
/// statements must be safe to run again (<c>if not exists</c>, <c>if exists</c>), as a failure part-way leaves the
/// file unrecorded and the next start runs it from the top.
/// </summary>
public static class MigrationRunner
{
    private const long LockKey = 0x150D1E17;
    private const string NoTransaction = "-- migration: no transaction";
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(100);

    public static async Task<int> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Polled, not waited for: a session waiting in pg_advisory_lock holds a snapshot, and an index built
        // concurrently waits for every older snapshot, so the node building one and the nodes waiting for its lock
        // deadlocked (three servers starting together on an empty database).
        while (!await connection.ExecuteScalarAsync<bool>("select pg_try_advisory_lock(@LockKey)", new { LockKey }))
        {
            await Task.Delay(LockPoll, cancellationToken);
        }

        try
        {
            await connection.ExecuteAsync("""
                create table if not exists schema_migrations (
                    id text primary key,
                    applied_at timestamptz not null default now())
                """);
            var applied = (await connection.QueryAsync<string>("select id from schema_migrations")).ToHashSet(StringComparer.Ordinal);
            var count = 0;
            foreach (var (id, sql) in Scripts())
            {
                if (applied.Contains(id))
                {
                    continue;
                }

                // No command timeout: on a big database a migration that rebuilds derived data or an index takes
                // minutes (0010 counts a million dossiers), and a timeout would only roll it back to start again.
                if (sql.StartsWith(NoTransaction, StringComparison.Ordinal))
                {
                    foreach (var statement in Statements(sql))
                    {
                        await connection.ExecuteAsync(statement, commandTimeout: 0);
                    }

                    await connection.ExecuteAsync("insert into schema_migrations (id) values (@id)", new { id });
                }
                else
                {
                    await using var tx = await connection.BeginTransactionAsync(cancellationToken);
                    await connection.ExecuteAsync(sql, transaction: tx, commandTimeout: 0);
                    await connection.ExecuteAsync("insert into schema_migrations (id) values (@id)", new { id }, tx);
                    await tx.CommitAsync(cancellationToken);
                }

                count++;
            }

            return count;
        }
        finally
        {
            await connection.ExecuteAsync("select pg_advisory_unlock(@LockKey)", new { LockKey });
        }
    }

    /// <summary>
    /// The statements of a no-transaction file: each ends with a semicolon at the end of a line (such files hold
    /// plain DDL — no functions or string literals spanning lines). Each is sent alone, as PostgreSQL runs the
    /// statements of one message in an implicit transaction.
    /// </summary>
    internal static IEnumerable<string> Statements(string sql) =>
        sql.Split('\n')
            .Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal))
            .Aggregate(new List<string> { "" }, (statements, line) =>
            {
                statements[^1] += line + "\n";
                if (line.TrimEnd().EndsWith(';'))
                {
                    statements.Add("");
                }

                return statements;
            })
            .Select(statement => statement.Trim())
            .Where(statement => statement.Length > 0);

    internal static IEnumerable<(string Id, string Sql)> Scripts()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        const string prefix = "IsoDienTu.Engine.Postgres.Migrations.";
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (name[prefix.Length..^".sql".Length], reader.ReadToEnd());
        }
    }
}

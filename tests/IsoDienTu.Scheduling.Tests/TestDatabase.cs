using Dapper;
using IsoDienTu.Engine.Postgres;
using Npgsql;

namespace IsoDienTu.Scheduling.Tests;

/// <summary>A fresh, migrated database per test, so that clusters of different tests never share a scheduler.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string serverConnectionString;

    private TestDatabase(string serverConnectionString, string name, NpgsqlDataSource dataSource)
    {
        this.serverConnectionString = serverConnectionString;
        Name = name;
        DataSource = dataSource;
    }

    public string Name { get; }

    public NpgsqlDataSource DataSource { get; }

    public string ConnectionString => DataSource.ConnectionString;

    public static async Task<TestDatabase> CreateAsync()
    {
        // On CI the database is provisioned by tests/run.sh: its absence is a failure, never a skip.
        var server = Environment.GetEnvironmentVariable("ISODIENTU_TEST_DB");
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException("ISODIENTU_TEST_DB is not set: run the suite through tests/run.sh or point it at a PostgreSQL server.");
        }

        var name = $"isodientu_quartz_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync($"create database {name}");
        }

        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
        await MigrationRunner.MigrateAsync(dataSource);
        return new TestDatabase(server, name, dataSource);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(serverConnectionString);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"drop database if exists {Name} with (force)");
    }
}

using Npgsql;

namespace IsoDienTu.Engine.Postgres.Tests;

/// <summary>A fresh, migrated database per test class on the PostgreSQL the test script provides (ISODIENTU_TEST_DB).</summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private static string Admin =>
        Environment.GetEnvironmentVariable("ISODIENTU_TEST_DB") ?? "Host=127.0.0.1;Port=55439;Username=postgres;Database=postgres";

    private readonly string _name = $"isodientu_pg_{Guid.NewGuid():N}"[..36];

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>False leaves the database empty (for tests of the migrations themselves).</summary>
    public bool Migrate { get; init; } = true;

    public string ConnectionString => new NpgsqlConnectionStringBuilder(Admin) { Database = _name }.ConnectionString;

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(Admin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database \"{_name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        DataSource = NpgsqlDataSource.Create(ConnectionString);
        if (Migrate)
        {
            await MigrationRunner.MigrateAsync(DataSource);
        }
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Admin);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists \"{_name}\" with (force)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

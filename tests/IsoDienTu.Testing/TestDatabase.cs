using Npgsql;

namespace IsoDienTu.Testing;

/// <summary>
/// A fresh, empty database per test class on the PostgreSQL the test script provisions (ISODIENTU_TEST_DB).
/// On CI a missing database fails the tests; it never skips them.
/// </summary>
public sealed class TestDatabase(string prefix = "isodientu_test") : IAsyncLifetime
{
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("ISODIENTU_TEST_DB") ?? "Host=127.0.0.1;Port=55439;Username=postgres;Database=postgres";

    public string Name { get; } = $"{prefix}_{Guid.NewGuid():N}"[..40];

    public string ConnectionString => new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = Name, Pooling = true }.ConnectionString;

    public async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"create database \"{Name}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists \"{Name}\" with (force)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

using Dapper;
using IsoDienTu.Engine.Postgres;

namespace IsoDienTu.Scheduling.Tests;

public sealed class QuartzMigrationTests
{
    [Fact]
    public async Task Applying_the_migrations_again_is_a_no_op()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var connection = await db.DataSource.OpenConnectionAsync();
        var tables = await connection.QuerySingleAsync<int>("select count(*) from pg_tables where tablename like 'qrtz\\_%'");

        (await MigrationRunner.MigrateAsync(db.DataSource)).ShouldBe(0);

        (await connection.QuerySingleAsync<int>("select count(*) from schema_migrations where id = '0002_quartz'")).ShouldBe(1);
        (await connection.QuerySingleAsync<int>("select count(*) from pg_tables where tablename like 'qrtz\\_%'")).ShouldBe(tables);
        tables.ShouldBe(15);
    }
}

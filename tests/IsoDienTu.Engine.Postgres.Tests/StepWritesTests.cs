using System.Globalization;
using Npgsql;
using Shouldly;

namespace IsoDienTu.Engine.Postgres.Tests;

/// <summary>The batch a step's writes go out in: order, rows returned, row counts checked, errors surfaced.</summary>
public sealed class StepWritesTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task QueuedStatements_RunInOrderInOneBatch_ReturningRowsAndCounts()
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var writes = new StepWrites(connection, tx);
        writes.Add("create temporary table w (n int, at timestamptz, note text)", new { });
        writes.Add("insert into w values (@n, @at, @note), (@n + 1, @at, @note)", new { n = 1, at = DateTimeOffset.Parse("2026-11-23T10:00:00+07:00", CultureInfo.InvariantCulture), note = (string?)null });
        int? inserted = null;
        writes.Add("update w set n = n * 10 where note is null", new { }, rows => inserted = rows);
        var sum = writes.AddSingle<long>("select sum(n) from w", new { });
        var at = writes.AddSingle<DateTimeOffset>("select min(at) from w", new { });

        sum.HasValue.ShouldBeFalse();
        await writes.FlushAsync();

        inserted.ShouldBe(2);
        sum.Value.ShouldBe(30);
        at.Value.ShouldBe(DateTimeOffset.Parse("2026-11-23T03:00:00Z", CultureInfo.InvariantCulture));
        await writes.FlushAsync(); // nothing queued: no round trip, no error
    }

    [Fact]
    public async Task AFailingStatement_SurfacesFromTheFlush_AndItsCheckNeverRuns()
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var writes = new StepWrites(connection, tx);
        var checkedRows = false;
        writes.Add("select 1", new { }, _ => checkedRows = true);
        writes.Add("insert into dossiers (id) values (@id)", new { id = 1 });

        var error = await Should.ThrowAsync<PostgresException>(writes.FlushAsync());

        error.SqlState.ShouldBe(PostgresErrorCodes.NotNullViolation);
        checkedRows.ShouldBeFalse();
    }

    [Fact]
    public async Task ACheck_SeesTheRowsItsStatementAffected_AndMayRefuse()
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var writes = new StepWrites(connection, tx);
        writes.Add("update dossiers set version = version + 1 where id = @id", new { id = -1L }, rows =>
        {
            if (rows != 1)
            {
                throw new StoreException(StoreError.Conflict, "changed concurrently");
            }
        });

        (await Should.ThrowAsync<StoreException>(writes.FlushAsync())).Kind.ShouldBe(StoreError.Conflict);
    }
}

using Npgsql;
using Shouldly;

namespace IsoDienTu.Engine.Postgres.Tests;

public sealed class EngineDataSourceTests
{
    private const string Given = "Host=127.0.0.1;Port=5432;Username=postgres;Database=x";

    [Fact]
    public void StepPools_PrepareTheirStatements_ReadPools_DoNot_AndTheConnectionStringWins()
    {
        Settings(EngineDataSource.Create(Given)).MaxAutoPrepare.ShouldBe(128);
        Settings(EngineDataSource.Create(Given, prepare: false)).MaxAutoPrepare.ShouldBe(0);
        Settings(EngineDataSource.Create(Given + ";Max Auto Prepare=7", prepare: false)).MaxAutoPrepare.ShouldBe(7);

        var reads = Settings(EngineDataSource.Create(Given, maxPoolSize: 20, applicationName: "isodientu reads", prepare: false));
        reads.MaxPoolSize.ShouldBe(20);
        reads.ApplicationName.ShouldBe("isodientu reads");
    }

    private static NpgsqlConnectionStringBuilder Settings(NpgsqlDataSource source)
    {
        using (source)
        {
            return new NpgsqlConnectionStringBuilder(source.ConnectionString);
        }
    }
}

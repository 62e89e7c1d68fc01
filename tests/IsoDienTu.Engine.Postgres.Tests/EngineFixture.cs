using IsoDienTu.Engine.Calendar;
using Npgsql;

namespace IsoDienTu.Engine.Postgres.Tests;

/// <summary>The adapter wired by hand over a fresh database, with the simulated clock.</summary>
public sealed class EngineFixture : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();

    public NpgsqlDataSource DataSource => Database.DataSource;
    public ClusterClock Clock { get; private set; } = null!;
    public DefinitionStore Definitions { get; private set; } = null!;
    public DossierEngine Engine { get; private set; } = null!;
    public TaskService Tasks { get; private set; } = null!;
    public EngineOptions Options { get; } = new() { NodeName = "test" };

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Clock = new ClusterClock(DataSource, TimeProvider.System, simulated: true);
        Definitions = new DefinitionStore(DataSource);
        Engine = new DossierEngine(DataSource, Definitions, Clock, Options);
        Tasks = new TaskService(DataSource, Engine);
        await Clock.SetAsync(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7)));
    }

    public DueWorkProcessor Processor(string node) => new(DataSource, Engine, Options with { NodeName = node });

    public async Task<string> PublishAsync(string bpmn)
    {
        var now = await Clock.NowAsync();
        var (row, _) = await Definitions.AddDraftAsync(bpmn, "designer", now);
        await Definitions.PublishAsync(row.Key, row.Version, "designer", now);
        return row.Key;
    }

    public Task<(DossierRow Dossier, string Secret)> StartAsync(string key, ReceptionChannel channel = ReceptionChannel.Direct) =>
        Engine.StartAsync(new StartDossierRequest(key, new Applicant("Nguyễn Văn A"), channel), "recv");

    public Task DisposeAsync() => Database.DisposeAsync();
}

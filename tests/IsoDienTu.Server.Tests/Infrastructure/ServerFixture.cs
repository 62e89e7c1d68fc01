using IsoDienTu.Engine.Postgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IsoDienTu.Server.Tests.Infrastructure;

/// <summary>The real server in-process (test host) on its own database, with the simulated clock on.</summary>
public sealed class ServerFixture : IAsyncLifetime, IApiHost
{
    public const string AdminPassword = "admin-secret";

    private readonly TestDatabase _database = new();
    private WebApplicationFactory<Program>? _factory;

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ISODIENTU_DB", _database.ConnectionString);
            builder.UseSetting("ISODIENTU_CLOCK", "simulated");
            builder.UseSetting("ISODIENTU_ADMIN_PASSWORD", AdminPassword);
            builder.UseSetting("ISODIENTU_SCHEDULER", "off");
        });
        using var client = _factory.CreateClient();
        (await client.GetAsync("/health/ready")).EnsureSuccessStatusCode();
        // A fixed start (Sunday 1 March 2026) keeps hand-computed due dates clear of holidays.
        await Clock.SetAsync(this, new DateTimeOffset(2026, 3, 1, 8, 0, 0, Clock.Vn));
    }

    public ApiClient Client() => new(Factory.CreateClient());

    /// <summary>Runs the due-work sweep the scheduler would run (tests drive it instead of waiting for a tick).</summary>
    public async Task<int> RunDueWorkAsync()
    {
        var processor = Factory.Services.GetRequiredService<IDueWorkProcessor>();
        var total = 0;
        int n;
        while ((n = await processor.ProcessDueAsync(CancellationToken.None)) > 0)
        {
            total += n;
        }

        return total;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}

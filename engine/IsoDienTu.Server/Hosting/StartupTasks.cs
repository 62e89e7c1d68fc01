using IsoDienTu.Engine.Postgres;
using IsoDienTu.Server.Auth;
using Npgsql;

namespace IsoDienTu.Server.Hosting;

/// <summary>Migrates the database, loads the shared signing key and creates the admin on first start.</summary>
internal sealed partial class StartupTasks(
    NpgsqlDataSource dataSource,
    OrganisationStore organisation,
    SigningKeyProvider signingKey,
    ServerOptions options,
    Readiness readiness,
    DemoSeeder demo,
    ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await MigrationRunner.MigrateAsync(dataSource, cancellationToken);
        LogMigrated(logger, applied);
        await signingKey.LoadAsync(cancellationToken);
        if (!await organisation.AnyUserAsync(cancellationToken))
        {
            var password = options.AdminPassword ?? "admin123";
            try
            {
                await organisation.AddUserAsync("admin", password, "Quản trị hệ thống", null, ["admin"], cancellationToken);
                LogAdminCreated(logger);
            }
            catch (StoreException e) when (e.Kind == StoreError.Conflict)
            {
                // Another node created it first.
            }
        }

        if (options.SeedDemo)
        {
            await demo.SeedAsync(options.DefinitionsFolder, cancellationToken);
        }

        readiness.MarkReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated ({Applied} new migrations)")]
    private static partial void LogMigrated(ILogger logger, int applied);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created user 'admin' (first start)")]
    private static partial void LogAdminCreated(ILogger logger);
}

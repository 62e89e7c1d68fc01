using IsoDienTu.Engine.Postgres;
using IsoDienTu.Scheduling;
using IsoDienTu.Server.Auth;
using Npgsql;

namespace IsoDienTu.Server.Hosting;

public static class ServiceRegistration
{
    public static IServiceCollection AddIsoDienTu(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ServerOptions.From(configuration);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => EngineDataSource.Create(options.ConnectionString));
        services.AddSingleton(sp => new ClusterClock(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>(), options.SimulatedClock));
        services.AddSingleton(new EngineOptions
        {
            AgencyCode = options.AgencyCode,
            NodeName = options.NodeName ?? $"{Environment.MachineName}:{Environment.ProcessId}",
        });
        services.AddSingleton<DefinitionStore>();
        services.AddSingleton<CalendarStore>();
        services.AddSingleton<OrganisationStore>();
        services.AddSingleton<DossierEngine>();
        services.AddSingleton<DossierService>();
        services.AddSingleton<TaskService>();
        services.AddSingleton<SupervisionQueries>();
        services.AddSingleton<OperationsQueries>();
        services.AddSingleton<JobRunStore>();
        services.AddSingleton<IJobRunLog>(sp => sp.GetRequiredService<JobRunStore>());
        services.AddSingleton<Api.IdempotencyStore>();
        services.AddSingleton<IDueWorkProcessor, DueWorkProcessor>();
        services.AddSingleton<Readiness>();
        services.AddSingleton<DemoSeeder>();
        // Migrations run before the scheduler starts: Quartz validates its tables, which migration 0002 creates.
        services.AddHostedService<StartupTasks>();
        if (options.SchedulerEnabled)
        {
            services.AddIsoDienTuScheduling(options.ConnectionString);
            services.AddSingleton<Api.IClockMovedListener, SchedulerClockListener>();
        }

        services.AddProblemDetails();
        services.AddExceptionHandler<Api.ProblemExceptionHandler>();
        services.AddOpenApi();
        services.AddIsoDienTuAuth();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        return services;
    }
}

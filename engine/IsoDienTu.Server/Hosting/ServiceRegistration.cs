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
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(options.ConnectionString).Build());
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
            // An unknown field is refused (400 naming it), never silently dropped: a misspelt "outcome" must not
            // complete a step with the default outcome. Free-form maps (variables) still take any key.
            json.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        });
        // A body that does not bind throws (in every environment), so ProblemExceptionHandler can name the field.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }
}

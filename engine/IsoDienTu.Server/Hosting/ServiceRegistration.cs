using IsoDienTu.Engine.Postgres;
using IsoDienTu.Scheduling;
using IsoDienTu.Server.Auth;
using Npgsql;

namespace IsoDienTu.Server.Hosting;

public static class ServiceRegistration
{
    private const string DueWorkPool = "due-work";

    /// <summary>
    /// The pool of the officers' and supervisors' list reads (inbox, overdue lists, notifications): prepared, each
    /// statement planned once (EngineDataSource.Create, genericPlans). Each list reads its own indexes in due order
    /// whatever the officer or unit, so one plan serves every caller, and planning was half of a first page's time
    /// (BENCHMARKS.md, "Inbox and overdue lists, fifth session").
    /// </summary>
    internal const string ReadPool = "reads";

    /// <summary>The reports' pool: never prepared, so each report is planned for its period and scope.</summary>
    internal const string ReportPool = "reports";

    /// <summary>The dashboard's pool: prepared, each statement planned once (EngineDataSource.Create, genericPlans).</summary>
    internal const string DashboardPool = "dashboard";

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
        services.AddKeyedSingleton(ReadPool, (_, _) =>
            EngineDataSource.Create(options.ConnectionString, maxPoolSize: options.ReadPoolSize, applicationName: "isodientu reads", genericPlans: true));
        services.AddKeyedSingleton(ReportPool, (_, _) =>
            EngineDataSource.Create(options.ConnectionString, maxPoolSize: options.ReportPoolSize, applicationName: "isodientu reports", prepare: false));
        services.AddSingleton(sp => new TaskInbox(sp.GetRequiredKeyedService<NpgsqlDataSource>(ReadPool)));
        services.AddSingleton(sp => new SupervisionQueries(sp.GetRequiredKeyedService<NpgsqlDataSource>(ReadPool), sp.GetRequiredService<ClusterClock>(),
            sp.GetRequiredKeyedService<NpgsqlDataSource>(ReportPool)));
        services.AddSingleton<OperationsQueries>();
        services.AddSingleton<JobRunStore>();
        services.AddSingleton<IJobRunLog>(sp => sp.GetRequiredService<JobRunStore>());
        services.AddSingleton<Api.IdempotencyStore>();
        services.AddKeyedSingleton(DueWorkPool, (_, _) => DueWorkDataSource(options));
        services.AddSingleton<IDueWorkProcessor>(sp => ActivatorUtilities.CreateInstance<DueWorkProcessor>(
            sp, sp.GetRequiredKeyedService<NpgsqlDataSource>(DueWorkPool), options.DueWorkers));
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

    /// <summary>
    /// The due-work processor's own pool: one connection per worker (and one to look and record), statements prepared
    /// automatically unless the connection string says otherwise (a firing repeats the same dozen statements, and
    /// parsing and planning them was about half of PostgreSQL's work per timer), named in pg_stat_activity.
    /// </summary>
    private static NpgsqlDataSource DueWorkDataSource(ServerOptions options) =>
        EngineDataSource.Create(options.ConnectionString, maxPoolSize: options.DueWorkers + 2, applicationName: "isodientu due work");
}

using IsoDienTu.Engine.Postgres;

namespace IsoDienTu.Server.Hosting;

/// <summary>Configuration read from the environment (ISODIENTU_*).</summary>
public sealed record ServerOptions
{
    public required string ConnectionString { get; init; }
    public string? AdminPassword { get; init; }
    public bool SimulatedClock { get; init; }
    public string AgencyCode { get; init; } = "000.00.20.H42";
    public string? NodeName { get; init; }
    public bool SeedDemo { get; init; }
    public string? DefinitionsFolder { get; init; }
    /// <summary>"off" disables the background scheduler (tests that drive due work themselves).</summary>
    public bool SchedulerEnabled { get; init; } = true;
    /// <summary>Due timers fired at once across the cluster, a node taking its share (ISODIENTU_DUE_WORKERS).</summary>
    public int DueWorkers { get; init; } = DueWorkProcessor.DefaultWorkers;
    /// <summary>Connections of the list reads' own pool (ISODIENTU_READ_POOL, default 20): prepared, planned once.</summary>
    public int ReadPoolSize { get; init; } = 20;
    /// <summary>Connections of the reports' pool (ISODIENTU_REPORT_POOL, default 5): never prepared, planned per period.</summary>
    public int ReportPoolSize { get; init; } = 5;
    /// <summary>Connections of the dashboard's pool (ISODIENTU_DASHBOARD_POOL, default 10): prepared, planned once.</summary>
    public int DashboardPoolSize { get; init; } = 10;

    public static ServerOptions From(IConfiguration configuration)
    {
        var options = new ServerOptions
        {
            ConnectionString = configuration["ISODIENTU_DB"]
                ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=isodientu",
            AdminPassword = configuration["ISODIENTU_ADMIN_PASSWORD"],
            SimulatedClock = string.Equals(configuration["ISODIENTU_CLOCK"], "simulated", StringComparison.OrdinalIgnoreCase),
            AgencyCode = configuration["ISODIENTU_AGENCY_CODE"] ?? "000.00.20.H42",
            NodeName = configuration["ISODIENTU_NODE"],
            SeedDemo = configuration["ISODIENTU_SEED_DEMO"] is "1" or "true",
            DefinitionsFolder = configuration["ISODIENTU_DEFINITIONS"],
            SchedulerEnabled = !string.Equals(configuration["ISODIENTU_SCHEDULER"], "off", StringComparison.OrdinalIgnoreCase),
        };
        // Counts: a positive whole number, else the property's default.
        return options with
        {
            DueWorkers = Positive(configuration["ISODIENTU_DUE_WORKERS"], options.DueWorkers),
            ReadPoolSize = Positive(configuration["ISODIENTU_READ_POOL"], options.ReadPoolSize),
            ReportPoolSize = Positive(configuration["ISODIENTU_REPORT_POOL"], options.ReportPoolSize),
            DashboardPoolSize = Positive(configuration["ISODIENTU_DASHBOARD_POOL"], options.DashboardPoolSize),
        };
    }

    private static int Positive(string? value, int fallback) =>
        int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
}

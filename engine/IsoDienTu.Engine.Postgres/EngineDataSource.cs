using Npgsql;

namespace IsoDienTu.Engine.Postgres;

/// <summary>The data source every node uses, with the settings the step's round trips are tuned for.</summary>
public static class EngineDataSource
{
    /// <summary>
    /// Builds the data source. Unless the connection string says otherwise, statements are prepared once per
    /// connection after their second use (a step sends the same dozen statements every time: parsing and planning
    /// them again was a large share of PostgreSQL's CPU per step) and kept across uses of a pooled connection.
    /// </summary>
    /// <param name="maxPoolSize">Caps the pool (a node's due-work workers have a pool of their own).</param>
    /// <param name="applicationName">Shown in <c>pg_stat_activity</c> unless the connection string names one.</param>
    /// <param name="prepare">
    /// False for the pool of the inbox and overdue-list reads: a prepared statement runs a generic plan, which
    /// cannot see how many open steps this officer or unit holds; on a million dossiers it doubled those reads' p95
    /// (17.6 against 9.2 ms for the available inbox). Their planning costs less than a bad plan.
    /// </param>
    /// <param name="genericPlans">
    /// True for the dashboard's pool: its sessions plan each prepared statement once (plan_cache_mode
    /// force_generic_plan). Its statements switch the scope's branches by parameters, so one plan serves every scope,
    /// but PostgreSQL kept planning them for each call (a custom plan looked cheaper than the generic one), which was
    /// more than half their time on a million dossiers (the steps list: 1.4 ms planning, 0.6 ms running).
    /// </param>
    public static NpgsqlDataSource Create(string connectionString, int? maxPoolSize = null, string? applicationName = null, bool prepare = true,
        bool genericPlans = false)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (maxPoolSize is { } max)
        {
            builder.MaxPoolSize = max;
            builder.MinPoolSize = 0;
        }

        builder.ApplicationName ??= applicationName;
        // NpgsqlConnectionStringBuilder.ContainsKey answers for every keyword it knows; what the string itself sets is
        // read from a plain builder.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!given.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = prepare ? 128 : 0;
        }

        if (!given.Contains("AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = 2;
        }

        if (genericPlans)
        {
            builder.Options = $"{builder.Options} -c plan_cache_mode=force_generic_plan".TrimStart();
        }

        // Nothing in the engine leaves session state on a pooled connection (no SET, temp tables or LISTEN; the one
        // session advisory lock, the migrations', is released explicitly), so the reset on return is skipped: it
        // would also throw the prepared statements away.
        if (!given.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }
}

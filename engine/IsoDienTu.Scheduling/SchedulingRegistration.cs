using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace IsoDienTu.Scheduling;

/// <summary>
/// Wires the clustered Quartz scheduler that polls <see cref="IsoDienTu.Engine.Postgres.IDueWorkProcessor"/> —
/// every node runs the same scheduler over the same database and Quartz picks one node per tick — and, on every
/// node, the <see cref="DueWorkWaker"/> that sweeps the moment the earliest pending row falls due. Needs a
/// <see cref="TimeProvider"/> in the container.
/// </summary>
public static class SchedulingRegistration
{
    /// <summary>Shared by every node: clustering groups nodes by this name in the qrtz_ tables.</summary>
    public const string SchedulerName = "IsoDienTu";

    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);

    /// <param name="connectionString">Npgsql connection string of the database migrated by
    /// <see cref="IsoDienTu.Engine.Postgres.MigrationRunner"/>: migration 0002_quartz creates the job store tables,
    /// Quartz only validates them at start-up and never creates them.</param>
    /// <param name="pollInterval">How often the due-work job runs (the backstop of the waker); one second by default.</param>
    public static IServiceCollection AddIsoDienTuScheduling(this IServiceCollection services, string connectionString, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var interval = pollInterval ?? DefaultPollInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero, nameof(pollInterval));

        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = SchedulerName;
                // Each node checks in under an id of its own (host name + start time). The literal "AUTO" set here
                // before was taken as the id itself by Quartz 4: every node was "AUTO", so none ever saw another
                // fail, and a trigger held by a killed node was never recovered (issue #7's fault test).
                o.GenerateInstanceId = true;
                // A node being stopped asks its running sweep to stop after the timer in hand (DueWorkJob honours
                // its token), then waits for it: see SchedulerLifetime.
                o.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs;
            });
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                store.UseClustering(c =>
                {
                    // A dead node's claimed work is recovered after roughly check-in + threshold.
                    c.CheckinInterval = TimeSpan.FromSeconds(5);
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(5);
                });
                store.ConfigureStore(o =>
                {
                    o.TablePrefix = "qrtz_";
                    // The schema belongs to our migrations; Quartz checks it and refuses to start on a mismatch.
                    o.SchemaProvisioning = SchemaProvisioning.Validate;
                    // A tick later than this counts as misfired and is handled by the trigger's instruction.
                    o.MisfireThreshold = TimeSpan.FromSeconds(5);
                    // Row locks in qrtz_locks around acquisition and firing: the non-concurrent job must be
                    // serialised across nodes, not only within one process. One trigger, so the cost is nil.
                    o.UseDbLocks = true;
                    o.AcquireTriggersWithinLock = true;
                    o.LockFreeFiringRounds = false;
                    // After PostgreSQL comes back, ticks resume within seconds rather than Quartz's default 15 s
                    // back-off; a retry against a database that is down is a refused connection, cheap.
                    o.DbRetryInterval = TimeSpan.FromSeconds(2);
                    // The misfire handler and cluster manager are real threads; as foreground threads they kept a
                    // stopped node's process alive until their own shutdown reached the database (SchedulerLifetime).
                    o.UseBackgroundThreads = true;
                });
            });

            q.AddJob<DueWorkJob>(j => j.WithIdentity(DueWorkJob.Key).StoreDurably().WithDescription("Fires due timers and deadlines"));
            q.AddTrigger<DueWorkJob>(t => t
                .WithIdentity(DueWorkJob.TriggerKey)
                .ForJob(DueWorkJob.Key)
                .StartNow()
                .WithSchedule(SimpleScheduleBuilder.Create()
                    .WithInterval(interval)
                    .RepeatForever()
                    // A late tick fires once, now, and the schedule continues from there: no catch-up burst.
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithRemainingCount)));
        });

        // Every node declares the same job and trigger. The first store wins and the others keep it: a node that
        // lost the race ignores "already exists" instead of failing to start. Overwriting was tried and rejected:
        // replacing the trigger while another node runs the job resets it to WAITING and lets a second run overlap.
        services.Configure<QuartzOptions>(o =>
        {
            o.Scheduling.OverwriteExistingData = false;
            o.Scheduling.IgnoreDuplicates = true;
        });
        // Not AddQuartzHostedService: its stop waits for Quartz's shutdown, which never ends while the database is down.
        services.AddHostedService<SchedulerLifetime>();
        services.AddHostedService<DueWorkWaker>();
        services.AddSingleton<DueWorkTrigger>();
        return services;
    }
}

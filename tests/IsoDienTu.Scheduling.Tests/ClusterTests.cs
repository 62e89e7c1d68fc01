using Dapper;

namespace IsoDienTu.Scheduling.Tests;

public sealed class ClusterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RunTime = TimeSpan.FromMilliseconds(150);
    private static readonly string[] NodeNames = ["a", "b", "c"];

    [Fact]
    public async Task Three_nodes_starting_together_run_each_tick_once()
    {
        await using var db = await TestDatabase.CreateAsync();
        var log = new ExecutionLog();
        ClusterNode[] nodes = [.. NodeNames.Select(n => new ClusterNode(n, db.ConnectionString, new FakeDueWorkProcessor(n, log, RunTime)))];
        try
        {
            // Together, so that all three store the same job and trigger at once.
            await Task.WhenAll(nodes.Select(n => n.StartAsync()));

            await Eventually.WaitUntilAsync(() => log.Count >= 8, Deadline, "eight due-work runs");

            var (runs, ticks) = log.RunsAndTicksAfter(warmUp: NodeNames.Length, TimeSpan.FromSeconds(1));
            runs.ShouldBeLessThanOrEqualTo(ticks, log.Describe());

            // Three members, not one: nodes sharing an instance id never see each other fail, so a crashed node's
            // trigger would never be recovered.
            await using var connection = await db.DataSource.OpenConnectionAsync();
            (await connection.ExecuteScalarAsync<long>("select count(distinct instance_name) from qrtz_scheduler_state")).ShouldBe(NodeNames.Length);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }

        nodes.SelectMany(n => n.Errors).ShouldBeEmpty();
    }

    [Fact]
    public async Task Stopping_a_node_leaves_the_others_running_the_job()
    {
        await using var db = await TestDatabase.CreateAsync();
        var log = new ExecutionLog();
        await using var first = new ClusterNode("first", db.ConnectionString, new FakeDueWorkProcessor("first", log, RunTime));
        await using var second = new ClusterNode("second", db.ConnectionString, new FakeDueWorkProcessor("second", log, RunTime));
        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        await Eventually.WaitUntilAsync(() => log.Count >= 2, Deadline, "two runs with both nodes up");

        await first.StopAsync();
        var before = log.Count;
        await Eventually.WaitUntilAsync(() => log.Count >= before + 3, Deadline, "three more runs after a node stopped");

        log.Snapshot().Skip(before).ShouldAllBe(e => e.Node == "second", log.Describe());
        var (runs, ticks) = log.RunsAndTicksAfter(warmUp: 2, TimeSpan.FromSeconds(1));
        runs.ShouldBeLessThanOrEqualTo(ticks, log.Describe());
        first.Errors.Concat(second.Errors).ShouldBeEmpty();
    }

    [Fact]
    public async Task TriggerNow_runs_the_job_without_waiting_for_the_next_tick()
    {
        await using var db = await TestDatabase.CreateAsync();
        var log = new ExecutionLog();
        // An hour between ticks: only the start-up tick and the explicit request can run the job.
        await using var node = new ClusterNode("only", db.ConnectionString, new FakeDueWorkProcessor("only", log, TimeSpan.Zero), TimeSpan.FromHours(1));
        await using var other = new ClusterNode("other", db.ConnectionString, new FakeDueWorkProcessor("other", log, TimeSpan.Zero), TimeSpan.FromHours(1));
        await Task.WhenAll(node.StartAsync(), other.StartAsync());
        await Eventually.WaitUntilAsync(() => log.Count >= 1, Deadline, "the start-up tick");
        var before = log.Count;

        await node.Trigger.TriggerNowAsync(CancellationToken.None);

        await Eventually.WaitUntilAsync(() => log.Count > before, TimeSpan.FromSeconds(10), "a run after TriggerNowAsync");
        node.Errors.Concat(other.Errors).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_failing_processor_does_not_stop_the_ticks()
    {
        await using var db = await TestDatabase.CreateAsync();
        var log = new ExecutionLog();
        await using var node = new ClusterNode("node", db.ConnectionString, new FakeDueWorkProcessor("node", log, TimeSpan.Zero, () => throw new InvalidOperationException("boom")));
        await node.StartAsync();

        await Eventually.WaitUntilAsync(() => log.Count >= 3, Deadline, "three failing runs");

        // Logged by the job, not surfaced as a Quartz job failure.
        node.Errors.ShouldNotBeEmpty();
        node.Errors.ShouldAllBe(e => e.Contains("boom", StringComparison.Ordinal) && e.Contains("Due work round", StringComparison.Ordinal));
    }
}

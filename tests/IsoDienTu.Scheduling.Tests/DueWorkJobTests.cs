using IsoDienTu.Engine.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace IsoDienTu.Scheduling.Tests;

public sealed class DueWorkJobTests
{
    [Fact]
    public async Task Drains_in_rounds_until_a_round_finds_nothing()
    {
        var processor = new CountingProcessor(remaining: 3);
        var job = new DueWorkJob(processor, NullLogger<DueWorkJob>.Instance);

        await job.Execute(null!, CancellationToken.None);

        processor.Calls.ShouldBe(4);
    }

    [Fact]
    public async Task Stops_after_the_round_budget()
    {
        var processor = new CountingProcessor(remaining: int.MaxValue);
        var job = new DueWorkJob(processor, NullLogger<DueWorkJob>.Instance);

        await job.Execute(null!, CancellationToken.None);

        processor.Calls.ShouldBe(DueWorkJob.MaxRounds);
    }

    [Fact]
    public async Task Folds_the_count_changes_once_after_the_sweep_even_when_a_round_failed()
    {
        var processor = new CountingProcessor(remaining: 2);
        await new DueWorkJob(processor, NullLogger<DueWorkJob>.Instance).Execute(null!, CancellationToken.None);
        processor.Folds.ShouldBe(1);

        var failing = new CountingProcessor(remaining: int.MaxValue, failAt: 2);
        await new DueWorkJob(failing, NullLogger<DueWorkJob>.Instance).Execute(null!, CancellationToken.None);
        failing.Calls.ShouldBe(2);
        failing.Folds.ShouldBe(1);
    }

    private sealed class CountingProcessor(int remaining, int failAt = 0) : IDueWorkProcessor
    {
        public int Calls { get; private set; }

        public int Folds { get; private set; }

        public Task FoldCountsAsync(CancellationToken cancellationToken)
        {
            Folds++;
            return Task.CompletedTask;
        }

        public Task<int> ProcessDueAsync(CancellationToken cancellationToken)
        {
            Calls++;
            if (Calls == failAt)
            {
                throw new InvalidOperationException("the database went away");
            }

            return Task.FromResult(Calls <= remaining ? 1 : 0);
        }
    }
}

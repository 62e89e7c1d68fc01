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

    private sealed class CountingProcessor(int remaining) : IDueWorkProcessor
    {
        public int Calls { get; private set; }

        public Task<int> ProcessDueAsync(CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(Calls <= remaining ? 1 : 0);
        }
    }
}

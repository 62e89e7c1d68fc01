using System.Collections.Concurrent;
using IsoDienTu.Engine.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IsoDienTu.Scheduling.Tests;

/// <summary>The waker on a fake clock: it sleeps until the earliest row falls due, sweeps a burst once, never spins.</summary>
public sealed class DueWorkWakerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7));
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public void SleepFor_IsTheTimeUntilDue_CappedByTheIdleTime()
    {
        DueWorkWaker.SleepFor(null).ShouldBe(DueWorkWaker.MaxIdle);
        DueWorkWaker.SleepFor(TimeSpan.FromMilliseconds(120)).ShouldBe(TimeSpan.FromMilliseconds(120));
        DueWorkWaker.SleepFor(TimeSpan.FromHours(2)).ShouldBe(DueWorkWaker.MaxIdle);
        DueWorkWaker.SleepFor(TimeSpan.FromSeconds(-1)).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public async Task Wakes_AtTheDueTime_NotAtTheNextPoll()
    {
        var time = new SleepCountingTime(Start);
        var processor = new ScriptedProcessor(time, Start.AddMilliseconds(300), rows: 3);
        using var waker = new DueWorkWaker(processor, time, NullLogger<DueWorkWaker>.Instance);
        await waker.StartAsync(CancellationToken.None);
        await Eventually.WaitUntilAsync(() => time.Sleeps >= 1, Deadline, "the first sleep");

        time.Advance(TimeSpan.FromMilliseconds(300));

        await Eventually.WaitUntilAsync(() => !processor.Sweeps.IsEmpty, Deadline, "a sweep at the due time");
        processor.Sweeps.First().ShouldBe(Start.AddMilliseconds(300));
        processor.Fired.ShouldBe(3);
        await waker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Burst_IsOneSweep_RecordedOnce()
    {
        var time = new FakeTimeProvider(Start);
        var processor = new ScriptedProcessor(time, Start, rows: 450, perCall: 200);
        var runs = new RunLog();
        using var waker = new DueWorkWaker(processor, time, NullLogger<DueWorkWaker>.Instance, runs);

        await waker.StartAsync(CancellationToken.None);

        await Eventually.WaitUntilAsync(() => !runs.Runs.IsEmpty, Deadline, "a recorded sweep");
        runs.Runs.Single().ShouldBe(450);
        processor.Fired.ShouldBe(450);
        await waker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task DueRowsItCannotFire_AreLookedAtAgainAfterTheIdleTime_NotInALoop()
    {
        var time = new SleepCountingTime(Start);
        // Due, but every sweep fires nothing (say, its dossier stays locked by a long transaction).
        var processor = new ScriptedProcessor(time, Start.AddSeconds(-1), rows: 0);
        using var waker = new DueWorkWaker(processor, time, NullLogger<DueWorkWaker>.Instance);
        await waker.StartAsync(CancellationToken.None);
        await Eventually.WaitUntilAsync(() => !processor.Sweeps.IsEmpty && time.Sleeps >= 1, Deadline, "the first sweep, then a sleep");

        time.Advance(DueWorkWaker.MaxIdle);

        await Eventually.WaitUntilAsync(() => processor.Sweeps.Count >= 2, Deadline, "a second sweep after the idle time");
        var sweeps = processor.Sweeps.ToArray();
        (sweeps[1] - sweeps[0]).ShouldBe(DueWorkWaker.MaxIdle);
        await waker.StopAsync(CancellationToken.None);
    }

    /// <summary>Counts the sleeps begun, so a test moves the clock only once the waker is waiting on it.</summary>
    private sealed class SleepCountingTime(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private int _sleeps;

        public int Sleeps => Volatile.Read(ref _sleeps);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _sleeps);
            return timer;
        }
    }

    /// <summary>Rows all due at one time; each call fires up to <paramref name="perCall"/> of those left.</summary>
    private sealed class ScriptedProcessor(TimeProvider time, DateTimeOffset due, int rows, int perCall = int.MaxValue) : IDueWorkProcessor
    {
        private readonly int _rows = rows;
        private int _left = rows;

        public ConcurrentQueue<DateTimeOffset> Looks { get; } = new();

        /// <summary>The fake time of each call to fire rows.</summary>
        public ConcurrentQueue<DateTimeOffset> Sweeps { get; } = new();

        public int Fired => _rows - _left;

        public Task<int> ProcessDueAsync(CancellationToken cancellationToken)
        {
            Sweeps.Enqueue(time.GetUtcNow());
            var fired = time.GetUtcNow() >= due ? Math.Min(_left, perCall) : 0;
            _left -= fired;
            return Task.FromResult(fired);
        }

        public Task<TimeSpan?> TimeUntilNextDueAsync(CancellationToken cancellationToken)
        {
            Looks.Enqueue(time.GetUtcNow());
            return Task.FromResult<TimeSpan?>(_left > 0 || _rows == 0 ? due - time.GetUtcNow() : null);
        }
    }

    private sealed class RunLog : IJobRunLog
    {
        public ConcurrentQueue<int> Runs { get; } = new();

        public Task RecordAsync(string job, TimeSpan duration, int processed, string? error, CancellationToken cancellationToken = default)
        {
            Runs.Enqueue(processed);
            return Task.CompletedTask;
        }
    }
}

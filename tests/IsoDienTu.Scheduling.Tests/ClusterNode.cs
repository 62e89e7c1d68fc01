using System.Collections.Concurrent;
using IsoDienTu.Engine.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IsoDienTu.Scheduling.Tests;

/// <summary>One service node: its own container and host, wired exactly as the server wires itself.</summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly IHost host;
    private bool stopped;

    public ClusterNode(string name, string connectionString, IDueWorkProcessor processor, TimeSpan? pollInterval = null)
    {
        Name = name;
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddProvider(new ErrorCollector(Errors)).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(processor);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddIsoDienTuScheduling(connectionString, pollInterval);
        host = builder.Build();
    }

    public string Name { get; }

    /// <summary>Errors logged by the node (Quartz's own included).</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    public DueWorkTrigger Trigger => host.Services.GetRequiredService<DueWorkTrigger>();

    public Task StartAsync() => host.StartAsync();

    public async Task StopAsync()
    {
        if (!stopped)
        {
            stopped = true;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await host.StopAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        host.Dispose();
    }

    private sealed class ErrorCollector(ConcurrentQueue<string> errors) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                errors.Enqueue($"{formatter(state, exception)} {exception}");
            }
        }

        public void Dispose()
        {
        }
    }
}

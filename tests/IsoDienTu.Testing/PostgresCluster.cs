using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IsoDienTu.Testing;

/// <summary>
/// A PostgreSQL cluster of the test's own (tests/scripts/postgres.sh in a temporary folder, on a free port), for
/// fault tests that stop and restart the database under a running server without disturbing other suites.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _dataDir;

    private PostgresCluster(string dataDir, int port)
    {
        _dataDir = dataDir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The maintenance database (<c>postgres</c>) of this cluster.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    public string ConnectionStringFor(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";

    /// <summary>initdb into a fresh temporary folder and start the cluster (about two seconds).</summary>
    public static async Task<PostgresCluster> StartNewAsync()
    {
        var dataDir = Directory.CreateTempSubdirectory("isodientu-fault-pg.").FullName;
        var cluster = new PostgresCluster(dataDir, FreePort());
        await cluster.StartAsync();
        return cluster;
    }

    public Task StartAsync() => ScriptAsync("start");

    /// <summary>A fast shutdown (<c>pg_ctl -m fast</c>): open sessions are terminated, as in a restart for maintenance.</summary>
    public Task StopAsync() => ScriptAsync("stop");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is not worth failing a test for.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task ScriptAsync(string action)
    {
        var script = Path.Combine(RepositoryPaths.Root, "tests", "scripts", "postgres.sh");
        var info = new ProcessStartInfo("bash", [script, action, _dataDir, Port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not run postgres.sh.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"postgres.sh {action} failed ({process.ExitCode}): {await stdout}{await stderr}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IsoDienTu.Testing;

/// <summary>
/// A real server process (the built IsoDienTu.Server.dll) on a loopback port: what several cluster nodes are.
/// Killed with SIGKILL to test crashes; output kept for diagnosis.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable, IApiHost
{
    public const string DefaultAdminPassword = "admin-secret";

    private readonly Process _process;
    private readonly List<string> _output = [];

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output.TakeLast(80));
            }
        }
    }

    /// <param name="serveFrontEnds">Run from the server project's folder, so the built designer and pages in its
    /// wwwroot are served (browser suites).</param>
    /// <param name="environment">Further environment variables, e.g. <c>ISODIENTU_SCHEDULER=off</c>.</param>
    public static async Task<ServerProcess> StartAsync(string connectionString, string node,
        string adminPassword = DefaultAdminPassword, bool serveFrontEnds = false, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var serverDir = Path.Combine(RepositoryPaths.Root, "engine", "IsoDienTu.Server");
        string[] arguments = serveFrontEnds
            ? [ServerDll(), "--urls", $"http://127.0.0.1:{port}", "--contentRoot", serverDir]
            : [ServerDll(), "--urls", $"http://127.0.0.1:{port}"];
        var info = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = serveFrontEnds ? serverDir : AppContext.BaseDirectory,
        };
        info.Environment["ISODIENTU_DB"] = connectionString;
        info.Environment["ISODIENTU_CLOCK"] = "simulated";
        info.Environment["ISODIENTU_ADMIN_PASSWORD"] = adminPassword;
        info.Environment["ISODIENTU_NODE"] = node;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Keep the output to what explains a failure: the engine's and the scheduler's own messages.
        info.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the server.");
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitReadyAsync();
        return server;
    }

    public ApiClient Client() => new(new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) });

    /// <summary>A raw HTTP client signed in as <paramref name="username"/>.</summary>
    public async Task<HttpClient> SignInAsync(string username, string password) => (await Client().LoginAsync(username, password)).Http;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// SIGTERM, as a service manager stops a node: the host shuts down gracefully. Returns how long the process took
    /// to exit; after <paramref name="timeout"/> it is killed and a <see cref="TimeoutException"/> says so.
    /// </summary>
    public async Task<TimeSpan> TerminateAsync(TimeSpan timeout)
    {
        var started = Stopwatch.StartNew();
        using (var signal = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not run kill."))
        {
            await signal.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"The server did not stop within {timeout} of SIGTERM; killed.\n{Output}");
        }

        return started.Elapsed;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — a crash.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        await Task.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited: {Output}");
            }

            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The server did not become ready: {Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ServerDll()
    {
        // The server is built next to the tests in the same configuration (the test project references it).
        var path = Path.Combine(AppContext.BaseDirectory, "IsoDienTu.Server.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("IsoDienTu.Server.dll not found beside the tests.", path);
    }
}

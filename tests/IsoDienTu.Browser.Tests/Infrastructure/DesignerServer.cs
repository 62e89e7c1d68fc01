using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;

namespace IsoDienTu.Browser.Tests.Infrastructure;

/// <summary>
/// A fresh database on the test PostgreSQL (ISODIENTU_TEST_DB), the real server (IsoDienTu.Server.dll beside the
/// tests) on a loopback port serving the built designer, and a small organisation seeded through the API.
/// </summary>
public sealed class DesignerServer : IAsyncLifetime
{
    public const string AdminPassword = "admin-test-123";
    public const string Password = "matkhau123";

    private readonly List<string> _output = [];
    private readonly string _database = $"isodientu_browser_{Guid.NewGuid():N}"[..40];
    private Process? _process;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IsoDienTu.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new DirectoryNotFoundException("IsoDienTu.sln not found above the test directory.");
        }
    }

    public static string ScreenshotDirectory
    {
        get
        {
            var path = Path.Combine(RepositoryRoot, "TestResults", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    private static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("ISODIENTU_TEST_DB") ?? "Host=127.0.0.1;Port=55439;Username=postgres;Database=postgres";

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output.TakeLast(60));
            }
        }
    }

    public async Task InitializeAsync()
    {
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database \"{_database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var serverDir = Path.Combine(RepositoryRoot, "engine", "IsoDienTu.Server");
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "IsoDienTu.Server.dll"), "--urls", BaseAddress.ToString().TrimEnd('/'), "--contentRoot", serverDir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = serverDir,
        };
        info.Environment["ISODIENTU_DB"] = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = _database }.ConnectionString;
        info.Environment["ISODIENTU_ADMIN_PASSWORD"] = AdminPassword;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the server.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitReadyAsync();
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists \"{_database}\" with (force)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>An HTTP client signed in as <paramref name="username"/>.</summary>
    public async Task<HttpClient> ClientAsync(string username, string? password = null)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var response = await http.PostAsJsonAsync("/api/auth/token", new { username, password = password ?? Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private async Task SeedAsync()
    {
        using var admin = await ClientAsync("admin", AdminPassword);
        foreach (var (code, name, parent) in new[]
        {
            ("UBND", "UBND xã Thử Nghiệm", (string?)null),
            ("MC", "Bộ phận Một cửa", "UBND"),
            ("PQL", "Phòng Quản lý đô thị", "UBND"),
            ("LD", "Lãnh đạo UBND", "UBND"),
        })
        {
            (await admin.PostAsJsonAsync("/api/admin/units", new { code, name, parentCode = parent })).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        foreach (var (username, fullName, unit, role) in new[]
        {
            ("thietke", "Vũ Văn Thiết Kế", "UBND", "designer"),
            ("motcua", "Nguyễn Thị Một Cửa", "MC", "receiver"),
            ("chuyenvien", "Trần Văn Chuyên Viên", "PQL", "specialist"),
            ("lanhdao", "Lê Văn Lãnh Đạo", "LD", "leader"),
        })
        {
            (await admin.PostAsJsonAsync("/api/admin/users", new { username, password = Password, fullName, unitCode = unit, roles = new[] { role } }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        }
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
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The server exited: {Output}");
            }

            try
            {
                if ((await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
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
}

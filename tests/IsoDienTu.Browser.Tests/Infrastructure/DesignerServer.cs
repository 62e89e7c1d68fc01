using System.Net;
using System.Net.Http.Json;

namespace IsoDienTu.Browser.Tests.Infrastructure;

/// <summary>
/// A fresh database on the test PostgreSQL (ISODIENTU_TEST_DB), the real server (IsoDienTu.Server.dll beside the
/// tests) on a loopback port serving the built designer, and a small organisation seeded through the API.
/// </summary>
public sealed class DesignerServer : IAsyncLifetime
{
    public const string AdminPassword = "admin-test-123";
    public const string Password = "matkhau123";

    private readonly TestDatabase _database = new("isodientu_browser");
    private ServerProcess? _server;

    public Uri BaseAddress => Server.BaseAddress;

    public static string RepositoryRoot => RepositoryPaths.Root;

    public static string ScreenshotDirectory => RepositoryPaths.Screenshots;

    public string Output => Server.Output;

    private ServerProcess Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await ServerProcess.StartAsync(_database.ConnectionString, "designer", AdminPassword, serveFrontEnds: true);
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    /// <summary>An HTTP client signed in as <paramref name="username"/>.</summary>
    public Task<HttpClient> ClientAsync(string username, string? password = null) => Server.SignInAsync(username, password ?? Password);

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
}

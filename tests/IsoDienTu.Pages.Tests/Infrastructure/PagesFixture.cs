using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace IsoDienTu.Pages.Tests.Infrastructure;

/// <summary>
/// One real server on a fresh database with a small commune organisation and a licence procedure, the simulated
/// clock, and Debian's Chromium driven by Playwright (never a downloaded browser).
/// </summary>
public sealed class PagesFixture : IAsyncLifetime
{
    public const string Password = TestOrganisation.Password;
    public static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    private readonly TestDatabase _database = new();
    private ServerProcess? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The test database itself, for tests that break something on purpose.</summary>
    public string DatabaseConnectionString => _database.ConnectionString;

    public ServerProcess Server => _server ?? throw new InvalidOperationException("Not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await ServerProcess.StartAsync(_database.ConnectionString, "pages", serveFrontEnds: true);
        await SetClockAsync(new DateTimeOffset(2026, 3, 2, 8, 0, 0, Vn)); // Monday 2 March 2026
        await SeedAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    public string Url(string path) => new Uri(Server.BaseAddress, path).ToString();

    /// <summary>A fresh browser (own storage) signed in through the login page as <paramref name="username"/>.</summary>
    public async Task<IPage> SignInAsync(string username, string password = Password)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 1360, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/app/"));
        await page.GetByLabel("Tên đăng nhập").FillAsync(username);
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).WaitForAsync();
        return page;
    }

    public async Task<IPage> AnonymousPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, $"{name}.png"), FullPage = true });

    public async Task SetClockAsync(DateTimeOffset now)
    {
        using var admin = await Server.SignInAsync("admin", ServerProcess.DefaultAdminPassword);
        await admin.PostJsonAsync("/api/admin/clock", new { now });
    }

    public async Task<DateTimeOffset> NowAsync()
    {
        using var admin = await Server.SignInAsync("admin", ServerProcess.DefaultAdminPassword);
        var json = JsonDocument.Parse(await admin.GetStringAsync("/api/admin/clock")).RootElement;
        return json.GetProperty("now").GetDateTimeOffset();
    }

    /// <summary>Receives a dossier through the API (for scenarios that start later in the lifecycle).</summary>
    public async Task<(string Code, string Secret, DateTimeOffset DueAt)> ReceiveAsync(string applicant)
    {
        using var recv = await Server.SignInAsync("recv", Password);
        var r = await recv.PostJsonAsync("/api/dossiers", new { procedureKey = "licence", applicant = new { name = applicant }, documents = new[] { "Đơn đề nghị" } }, HttpStatusCode.Created);
        return (r.GetProperty("code").GetString()!, r.GetProperty("lookupSecret").GetString()!, r.GetProperty("dueAt").GetDateTimeOffset());
    }

    private async Task SeedAsync()
    {
        using (var admin = await Server.Client().LoginAsync("admin", ServerProcess.DefaultAdminPassword))
        {
            await TestOrganisation.SeedAsync(admin);
        }

        using var designer = await Server.SignInAsync("designer", Password);
        var draft = await designer.PostXmlAsync("/api/definitions", Licence, HttpStatusCode.Created);
        await designer.PostJsonAsync($"/api/definitions/licence/versions/{draft.GetProperty("version").GetInt32()}/publish", new { });
    }

    /// <summary>A 3-working-day licence: examine (PQL specialist) → sign (LD leader) → hand over (one-stop), with supplement and refusal.</summary>
    public static readonly string Licence = TestProcedures.Licence();
}

[CollectionDefinition("pages")]
public sealed class PagesGroup : ICollectionFixture<PagesFixture>;

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
    public const string Password = "matkhau123";
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
        using var admin = await Server.SignInAsync("admin", ServerProcess.DefaultAdminPassword);
        foreach (var (code, name, parent) in new[]
        {
            ("UBND", "UBND xã Thử Nghiệm", (string?)null),
            ("MC", "Bộ phận Một cửa", "UBND"),
            ("PQL", "Phòng Quản lý đô thị", "UBND"),
            ("PTC", "Phòng Tài chính", "UBND"),
            ("LD", "Lãnh đạo UBND", "UBND"),
        })
        {
            await admin.PostJsonAsync("/api/admin/units", new { code, name, parentCode = parent }, HttpStatusCode.Created);
        }

        foreach (var (username, fullName, unit, roles) in new[]
        {
            ("recv", "Nguyễn Thị Tiếp Nhận", "MC", new[] { "receiver" }),
            ("cv1", "Trần Văn Thụ Lý", "PQL", ["specialist"]),
            ("cv2", "Lê Thị Tài Chính", "PTC", ["specialist"]),
            ("head1", "Phạm Trưởng Phòng", "PQL", ["head"]),
            ("ld1", "Hoàng Lãnh Đạo", "LD", ["leader"]),
            ("sup", "Đỗ Giám Sát", "UBND", ["supervisor"]),
            ("designer", "Thiết Kế", "UBND", ["designer"]),
        })
        {
            await admin.PostJsonAsync("/api/admin/users", new { username, password = Password, fullName, unitCode = unit, roles }, HttpStatusCode.Created);
        }

        using var designer = await Server.SignInAsync("designer", Password);
        var draft = await designer.PostXmlAsync("/api/definitions", Licence, HttpStatusCode.Created);
        await designer.PostJsonAsync($"/api/definitions/licence/versions/{draft.GetProperty("version").GetInt32()}/publish", new { });
    }

    /// <summary>A 3-working-day licence: examine (PQL specialist) → sign (LD leader) → hand over (one-stop), with supplement and refusal.</summary>
    public const string Licence = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:iso="urn:isodientu:bpmn:1"
                     xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                     xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="defs" targetNamespace="urn:test">
          <message id="msgSupplement" name="supplement" />
          <process id="licence" name="Cấp giấy phép xây dựng" isExecutable="true" iso:procedureCode="1.000001"
                   iso:deadline="P3D" iso:supplementClock="restart" iso:level="commune" iso:legalBasis="Test"
                   iso:fee="Lệ phí 75.000 đồng"
                   iso:documents="Đơn đề nghị (theo mẫu);Bản sao Căn cước công dân;Giấy tờ chứng minh quyền sử dụng đất [M];Bản vẽ thiết kế">
            <startEvent id="received" name="Tiếp nhận" />
            <sequenceFlow id="f1" sourceRef="received" targetRef="examine" />
            <userTask id="examine" name="Thẩm định hồ sơ" iso:unit="PQL" iso:role="specialist" iso:allotment="P1D"
                      iso:outcomes="approve,supplement,refuse" />
            <sequenceFlow id="f3" sourceRef="examine" targetRef="decide" />
            <exclusiveGateway id="decide" default="fApprove" />
            <sequenceFlow id="fSupplement" sourceRef="decide" targetRef="waitSupplement">
              <conditionExpression>outcome == 'supplement'</conditionExpression>
            </sequenceFlow>
            <sequenceFlow id="fRefuse" sourceRef="decide" targetRef="refused">
              <conditionExpression>outcome == 'refuse'</conditionExpression>
            </sequenceFlow>
            <sequenceFlow id="fApprove" sourceRef="decide" targetRef="sign" />
            <intermediateCatchEvent id="waitSupplement" name="Chờ bổ sung" iso:waitsFor="supplement">
              <messageEventDefinition messageRef="msgSupplement" />
            </intermediateCatchEvent>
            <sequenceFlow id="fBack" sourceRef="waitSupplement" targetRef="examine" />
            <endEvent id="refused" name="Từ chối" iso:status="refused" />
            <userTask id="sign" name="Ký duyệt" iso:unit="LD" iso:role="leader" iso:allotment="PT4H" iso:outcomes="approve" />
            <sequenceFlow id="f4" sourceRef="sign" targetRef="handOver" />
            <userTask id="handOver" name="Trả kết quả" iso:unit="MC" iso:role="receiver" iso:allotment="PT4H" iso:status="resultIssued" />
            <sequenceFlow id="f6" sourceRef="handOver" targetRef="done" />
            <endEvent id="done" name="Hoàn thành" />
          </process>
          <bpmndi:BPMNDiagram id="d1">
            <bpmndi:BPMNPlane id="p1" bpmnElement="licence">
              <bpmndi:BPMNShape id="s_received" bpmnElement="received"><dc:Bounds x="40" y="102" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_examine" bpmnElement="examine"><dc:Bounds x="120" y="80" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_decide" bpmnElement="decide" isMarkerVisible="true"><dc:Bounds x="260" y="95" width="50" height="50" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_wait" bpmnElement="waitSupplement"><dc:Bounds x="267" y="222" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_refused" bpmnElement="refused"><dc:Bounds x="267" y="12" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_sign" bpmnElement="sign"><dc:Bounds x="350" y="80" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_handOver" bpmnElement="handOver"><dc:Bounds x="490" y="80" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_done" bpmnElement="done"><dc:Bounds x="630" y="102" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNEdge id="e_f1" bpmnElement="f1"><di:waypoint x="76" y="120" /><di:waypoint x="120" y="120" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="e_f3" bpmnElement="f3"><di:waypoint x="220" y="120" /><di:waypoint x="260" y="120" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="e_fS" bpmnElement="fSupplement"><di:waypoint x="285" y="145" /><di:waypoint x="285" y="222" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="e_fR" bpmnElement="fRefuse"><di:waypoint x="285" y="95" /><di:waypoint x="285" y="48" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="e_fA" bpmnElement="fApprove"><di:waypoint x="310" y="120" /><di:waypoint x="350" y="120" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="e_fB" bpmnElement="fBack"><di:waypoint x="267" y="240" /><di:waypoint x="170" y="240" /><di:waypoint x="170" y="160" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="e_f4" bpmnElement="f4"><di:waypoint x="450" y="120" /><di:waypoint x="490" y="120" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="e_f6" bpmnElement="f6"><di:waypoint x="590" y="120" /><di:waypoint x="630" y="120" /></bpmndi:BPMNEdge>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </definitions>
        """;
}

[CollectionDefinition("pages")]
public sealed class PagesGroup : ICollectionFixture<PagesFixture>;

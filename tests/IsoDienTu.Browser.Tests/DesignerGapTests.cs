using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using IsoDienTu.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IsoDienTu.Browser.Tests;

/// <summary>
/// Import and export, the supplement wait, the Vietnamese bpmn-js UI, the docked simulation panel and new versions
/// of a published procedure — each in a real browser against the real server.
/// </summary>
public sealed partial class DesignerTests
{
    private static readonly XNamespace Iso = "urn:isodientu:bpmn:1";
    private static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task Import_a_real_procedure_validate_save_and_export_bpmn_and_svg()
    {
        await WithPageAsync("designer-import", async page =>
        {
            await SignInAsync(page);
            var file = Path.Combine(DesignerServer.RepositoryRoot, "definitions", "HKD-DKTL", "v1.bpmn");
            var validations = await page.EvaluateAsync<int>("() => window.__designer.validations");
            await page.GetByLabel("Nhập tệp .bpmn").SetInputFilesAsync(file);
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã nhập tệp v1.bpmn");
            await page.WaitForFunctionAsync($"() => window.__designer.validations > {validations}");
            await Assertions.Expect(page.Locator("#problems li.error")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator(".djs-element.iso-has-error")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator(".djs-shape[data-element-id='waitSupplement_examine']")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByLabel("Mã thủ tục")).Not.ToHaveValueAsync("");

            // Saved as a draft of its own key.
            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu bản nháp" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu bản nháp HKD");
            await Assertions.Expect(page.Locator("nav.list li.current .badge.draft")).ToHaveCountAsync(1);
            await page.ScreenshotAsync(new() { Path = Shot("designer-imported.png") });

            // Export .bpmn: the iso: attributes and the diagram come back.
            var bpmn = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Xuất .bpmn" }).ClickAsync());
            bpmn.SuggestedFilename.ShouldEndWith(".bpmn");
            var xml = XDocument.Load(await bpmn.PathAsync());
            var process = xml.Root!.Element(Bpmn + "process")!;
            process.Attribute(Iso + "procedureCode").ShouldNotBeNull();
            xml.Descendants().Count(e => e.Attribute(Iso + "waitsFor")?.Value == "supplement").ShouldBeGreaterThan(0);
            xml.Descendants().Count(e => e.Attribute(Iso + "role") is not null).ShouldBeGreaterThan(2);
            var diagram = xml.Root.Element(BpmnDi + "BPMNDiagram").ShouldNotBeNull();
            diagram.Descendants(BpmnDi + "BPMNShape").Count().ShouldBeGreaterThan(5);
            diagram.Descendants(BpmnDi + "BPMNEdge").Count().ShouldBeGreaterThan(5);

            // Export SVG: an SVG document of the diagram.
            var svg = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Xuất SVG" }).ClickAsync());
            svg.SuggestedFilename.ShouldEndWith(".svg");
            var image = XDocument.Load(await svg.PathAsync());
            image.Root!.Name.ShouldBe(Svg + "svg");
            image.Descendants(Svg + "text").Select(e => e.Value).ShouldContain(v => v.Contains("bổ sung", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task A_supplement_wait_drawn_in_the_designer_links_the_supplement_message_and_publishes()
    {
        await WithPageAsync("designer-supplement", async page =>
        {
            await SignInAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Quy trình mới" }).ClickAsync();
            await page.GetByLabel("Mã thủ tục").FillAsync("1.008888");
            await page.GetByLabel("Tên thủ tục").FillAsync("Thủ tục có bổ sung hồ sơ");
            await page.GetByLabel("Thời hạn giải quyết", new() { Exact = true }).FillAsync("5");

            var canvas = await page.Locator("#canvas").BoundingBoxAsync();
            await page.Locator(".djs-palette").GetByRole(AriaRole.Button, new() { Name = "Sự kiện bắt đầu (tiếp nhận hồ sơ)" }).ClickAsync();
            await page.Mouse.MoveAsync(canvas!.X + 150, canvas.Y + 200);
            await page.Mouse.ClickAsync(canvas.X + 150, canvas.Y + 200);
            await page.Keyboard.PressAsync("Escape");

            await AppendStepAsync(page, "Thẩm định hồ sơ", "PQL", "specialist", "2", hours: false);
            var examine = await SelectedIdAsync(page);
            await page.GetByLabel("Được yêu cầu bổ sung hồ sơ").CheckAsync();
            await Append(page, "Thêm cổng rẽ nhánh");
            var gateway = await SelectedIdAsync(page);
            await page.GetByLabel("Tên", new() { Exact = true }).FillAsync("Cần bổ sung?");
            await Append(page, "Thêm sự kiện kết thúc");
            await page.GetByLabel("Tên", new() { Exact = true }).FillAsync("Trả kết quả");

            // The wait: an intermediate event turned into a message catch in the (Vietnamese) replace menu.
            await SelectByIdAsync(page, gateway);
            await Append(page, "Thêm sự kiện trung gian");
            await page.Keyboard.PressAsync("Escape");
            await page.Locator(".djs-context-pad").GetByTitle("Đổi loại", new() { Exact = true }).ClickAsync();
            var menu = page.Locator(".djs-popup");
            await Assertions.Expect(menu.GetByText("Chờ tin nhắn", new() { Exact = true })).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Shot("designer-replace-menu-vi.png") });
            await menu.GetByText("Chờ tin nhắn", new() { Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByLabel("Chờ công dân bổ sung hồ sơ")).ToBeVisibleAsync();
            var wait = await SelectedIdAsync(page);
            await page.GetByLabel("Tên", new() { Exact = true }).FillAsync("Chờ bổ sung");
            await page.GetByLabel("Chờ công dân bổ sung hồ sơ").CheckAsync();

            // Back to the examination once the supplement arrives.
            var connect = (await page.Locator(".djs-context-pad").GetByTitle("Nối luồng", new() { Exact = true }).BoundingBoxAsync())!;
            var target = (await page.Locator($".djs-shape[data-element-id='{examine}']").BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(connect.X + (connect.Width / 2), connect.Y + (connect.Height / 2));
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(target.X + (target.Width / 2), target.Y + (target.Height / 2) + 10, new() { Steps = 12 });
            await page.Mouse.UpAsync();
            (await page.EvaluateAsync<int>(
                "id => window.__designer.modeler.get('elementRegistry').get(id).outgoing.length", wait)).ShouldBe(1);

            await SelectByIdAsync(page, gateway);
            await page.GetByLabel("Theo kết quả → Chờ bổ sung").SelectOptionAsync("supplement");
            await page.GetByLabel("Luồng mặc định → Trả kết quả").CheckAsync();
            await Assertions.Expect(page.Locator("#problems li.error")).ToHaveCountAsync(0);
            (await page.EvaluateAsync<string>(
                "id => { const bo = window.__designer.modeler.get('elementRegistry').get(id).businessObject; return bo.eventDefinitions[0].messageRef?.name + '/' + bo.get('iso:waitsFor'); }",
                wait)).ShouldBe("supplement/supplement");

            // The simulation panel sits above the problem list, never on it.
            await page.GetByRole(AriaRole.Button, new() { Name = "Mô phỏng" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu mô phỏng" }).ClickAsync();
            var simulation = page.GetByRole(AriaRole.Dialog, new() { Name = "Mô phỏng xử lý hồ sơ" });
            await Assertions.Expect(simulation.GetByRole(AriaRole.Cell, new() { Name = "Thẩm định hồ sơ" })).ToBeVisibleAsync();
            await simulation.GetByLabel("Kết quả — Thẩm định hồ sơ").SelectOptionAsync("supplement");
            await simulation.GetByRole(AriaRole.Button, new() { Name = "Hoàn thành bước" }).ClickAsync();
            await Assertions.Expect(simulation.GetByRole(AriaRole.Button, new() { Name = "Nhận hồ sơ bổ sung" })).ToBeVisibleAsync();
            await Assertions.Expect(simulation).ToContainTextAsync("(supplement)");
            var panel = (await simulation.BoundingBoxAsync())!;
            var problems = (await page.GetByRole(AriaRole.Region, new() { Name = "Vấn đề" }).BoundingBoxAsync())!;
            var budget = (await page.GetByRole(AriaRole.Region, new() { Name = "Quỹ thời gian" }).BoundingBoxAsync())!;
            Overlaps(panel, problems).ShouldBeFalse();
            Overlaps(panel, budget).ShouldBeFalse();
            await page.ScreenshotAsync(new() { Path = Shot("designer-simulation-docked.png") });
            await simulation.GetByRole(AriaRole.Button, new() { Name = "Đóng" }).ClickAsync();

            // Published: the server's validator accepted it, and the stored model waits on the "supplement" message.
            await page.GetByRole(AriaRole.Button, new() { Name = "Ban hành" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã ban hành");
            using var designer = await server.ClientAsync("thietke");
            var definitions = await designer.GetFromJsonAsync<JsonElement>("/api/definitions");
            var published = definitions.EnumerateArray().Single(d => d.GetProperty("procedureCode").GetString() == "1.008888");
            published.GetProperty("status").GetString().ShouldBe("published");
            var stored = XDocument.Parse(await designer.GetStringAsync(
                $"/api/definitions/{published.GetProperty("key").GetString()}/versions/{published.GetProperty("version").GetInt32()}/bpmn"));
            var message = stored.Root!.Elements(Bpmn + "message").Single(m => m.Attribute("name")?.Value == "supplement");
            var catchEvent = stored.Descendants(Bpmn + "intermediateCatchEvent").Single(e => e.Attribute("id")!.Value == wait);
            catchEvent.Attribute(Iso + "waitsFor")!.Value.ShouldBe("supplement");
            catchEvent.Element(Bpmn + "messageEventDefinition")!.Attribute("messageRef")!.Value.ShouldBe(message.Attribute("id")!.Value);
        });
    }

    [Fact]
    public async Task The_bpmn_js_ui_speaks_Vietnamese_and_switches_to_English()
    {
        await WithPageAsync("designer-translate", async page =>
        {
            await SignInAsync(page);
            await page.GetByLabel("Nhập tệp .bpmn").SetInputFilesAsync(Path.Combine(DesignerServer.RepositoryRoot, "definitions", "HKD-DKTL", "v1.bpmn"));
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã nhập tệp");
            var english = new Regex(@"\b(event|gateway|task|tool|append|create|connect|delete|change|element|search|sub-process)\b", RegexOptions.IgnoreCase);

            var palette = page.Locator(".djs-palette");
            await Assertions.Expect(palette.GetByRole(AriaRole.Button, new() { Name = "Công cụ kéo màn hình" })).ToBeVisibleAsync();
            var paletteTitles = await palette.Locator(".entry").EvaluateAllAsync<string[]>("els => els.map(e => e.title || e.getAttribute('aria-label') || '')");
            paletteTitles.ShouldContain("Công cụ kéo màn hình");
            paletteTitles.ShouldContain("Bước xử lý");
            foreach (var title in paletteTitles)
            {
                title.ShouldNotMatch(english.ToString());
            }

            await SelectByIdAsync(page, "waitSupplement_examine");
            var pad = page.Locator(".djs-context-pad");
            await Assertions.Expect(pad.GetByTitle("Đổi loại", new() { Exact = true })).ToBeVisibleAsync();
            foreach (var title in await pad.Locator(".entry[title]").EvaluateAllAsync<string[]>("els => els.map(e => e.title)"))
            {
                title.ShouldNotMatch(english.ToString());
            }

            await pad.GetByTitle("Đổi loại", new() { Exact = true }).ClickAsync();
            var menu = page.Locator(".djs-popup");
            await Assertions.Expect(menu.GetByText("Hẹn giờ", new() { Exact = true })).ToBeVisibleAsync();
            var entries = await menu.Locator(".entry").AllInnerTextsAsync();
            entries.Count.ShouldBeGreaterThan(3);
            foreach (var entry in entries)
            {
                entry.ShouldNotMatch(english.ToString());
            }

            await page.ScreenshotAsync(new() { Path = Shot("designer-popup-vi.png") });
            await page.Keyboard.PressAsync("Escape");

            // The English switch: bpmn-js' own labels come back in English.
            await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save draft" })).ToBeVisibleAsync();
            await page.WaitForFunctionAsync("() => window.__designer.ready");
            await Assertions.Expect(page.Locator(".djs-palette").GetByRole(AriaRole.Button, new() { Name = "Activate hand tool" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".djs-palette").GetByRole(AriaRole.Button, new() { Name = "Step", Exact = true })).ToBeVisibleAsync();
            await SelectByIdAsync(page, "waitSupplement_examine");
            await page.Locator(".djs-context-pad").GetByTitle("Change type", new() { Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator(".djs-popup").GetByText("Timer intermediate catch event", new() { Exact = true })).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Shot("designer-popup-en.png") });
            await page.Keyboard.PressAsync("Escape");
            await page.GetByRole(AriaRole.Button, new() { Name = "Tiếng Việt" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Lưu bản nháp" })).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task A_published_version_opens_read_only_and_a_new_version_is_saved_beside_it()
    {
        await WithPageAsync("designer-versions", async page =>
        {
            await SignInAsync(page);
            await page.GetByLabel("Nhập tệp .bpmn").SetInputFilesAsync(Path.Combine(DesignerServer.RepositoryRoot, "definitions", "LLTP-01", "v1.bpmn"));
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã nhập tệp");
            await page.GetByRole(AriaRole.Button, new() { Name = "Ban hành" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã ban hành");
            var key = await page.EvaluateAsync<string>("() => window.__designer.doc.key");
            var version = await page.EvaluateAsync<int>("() => window.__designer.doc.version");

            // A fresh session opens the published version from the list: read-only.
            await page.ReloadAsync();
            await page.WaitForFunctionAsync("() => window.__designer && window.__designer.ready");
            var published = page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"— Phiên bản {version}$") });
            await published.ClickAsync();
            await Assertions.Expect(page.Locator("#doc-title")).ToContainTextAsync("chỉ đọc");
            await Assertions.Expect(page.GetByText("Phiên bản đã ban hành chỉ được xem.", new() { Exact = false })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Lưu bản nháp" })).ToBeDisabledAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ban hành" })).ToBeDisabledAsync();
            await Assertions.Expect(page.GetByLabel("Căn cứ pháp lý")).ToBeDisabledAsync();
            await Assertions.Expect(page.Locator(".djs-palette")).ToBeHiddenAsync();
            await page.ScreenshotAsync(new() { Path = Shot("designer-read-only.png") });

            // "Phiên bản mới từ bản này" → edit → "Lưu bản nháp" stores the next version as a draft.
            await page.GetByRole(AriaRole.Button, new() { Name = "Phiên bản mới từ bản này" }).ClickAsync();
            await Assertions.Expect(page.GetByLabel("Căn cứ pháp lý")).ToBeEnabledAsync();
            await page.GetByLabel("Căn cứ pháp lý").FillAsync("Luật Lý lịch tư pháp 2009 (sửa đổi)");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu bản nháp" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Đã lưu bản nháp {key} phiên bản {version + 1}");

            var draft = page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"— Phiên bản {version + 1}$") });
            await Assertions.Expect(draft).ToContainTextAsync("Bản nháp");
            await Assertions.Expect(published).ToContainTextAsync("Đã ban hành");
            await Assertions.Expect(page.Locator("#doc-title")).Not.ToContainTextAsync("chỉ đọc");
            await page.ScreenshotAsync(new() { Path = Shot("designer-new-version.png") });

            using var designer = await server.ClientAsync("thietke");
            var rows = (await designer.GetFromJsonAsync<JsonElement>("/api/definitions")).EnumerateArray()
                .Where(d => d.GetProperty("key").GetString() == key).ToDictionary(d => d.GetProperty("version").GetInt32(), d => d.GetProperty("status").GetString());
            rows[version].ShouldBe("published");
            rows[version + 1].ShouldBe("draft");
        });
    }

    private static bool Overlaps(LocatorBoundingBoxResult a, LocatorBoundingBoxResult b) =>
        a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;

    private static async Task SelectByIdAsync(IPage page, string id)
    {
        // Overlays and labels cover small shapes when a whole procedure is fitted; select as a click would. A redraw
        // still settling (after the language switch re-imports the diagram) can drop the selection: select until it holds.
        var shown = page.Locator("aside.properties .elid");
        var expected = new Regex($": {Regex.Escape(id)}$");
        for (var attempt = 0; attempt < 20 && !expected.IsMatch(await shown.TextContentAsync() ?? ""); attempt++)
        {
            await page.EvaluateAsync("id => { const m = window.__designer.modeler; const e = m.get('elementRegistry').get(id); if (e) m.get('selection').select(e); }", id);
            await page.WaitForTimeoutAsync(100);
        }

        await Assertions.Expect(shown).ToHaveTextAsync(expected);
    }

    private static string Shot(string name) => Path.Combine(DesignerServer.ScreenshotDirectory, name);

    private async Task SignInAsync(IPage page)
    {
        await page.GotoAsync(new Uri(server.BaseAddress, "/designer").ToString());
        await page.GetByLabel("Tên đăng nhập").FillAsync("thietke");
        await page.GetByLabel("Mật khẩu").FillAsync(DesignerServer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForFunctionAsync("() => window.__designer && window.__designer.ready");
    }

    private static async Task WithPageAsync(string name, Func<IPage, Task> scenario)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1800, Height = 1000 }, Locale = "vi-VN", AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        try
        {
            await scenario(page);
        }
        finally
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot($"{name}-final.png") });
            await context.CloseAsync();
        }

        errors.ShouldBeEmpty();
    }
}

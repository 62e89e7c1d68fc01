using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using IsoDienTu.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IsoDienTu.Browser.Tests;

/// <summary>
/// The designer in a real browser: a designer draws a procedure on an empty canvas, fixes what validation reports,
/// publishes it, and a dossier started on it reaches the first officer's inbox.
/// </summary>
public sealed partial class DesignerTests(DesignerServer server) : IClassFixture<DesignerServer>
{
    [Fact]
    public async Task Designer_draws_validates_publishes_and_the_first_task_reaches_the_inbox()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1800, Height = 1000 }, Locale = "vi-VN" });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        try
        {
            await Scenario(page);
        }
        finally
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DesignerServer.ScreenshotDirectory, "designer-final.png") });
        }

        errors.ShouldBeEmpty();
    }

    private async Task Scenario(IPage page)
    {
        // Sign in as the agency's process designer.
        await page.GotoAsync(new Uri(server.BaseAddress, "/designer").ToString());
        await page.GetByLabel("Tên đăng nhập").FillAsync("thietke");
        await page.GetByLabel("Mật khẩu").FillAsync(DesignerServer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thiết kế quy trình" })).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => window.__designer && window.__designer.ready");

        // A new procedure from an empty canvas; the procedure's own properties first.
        await page.GetByRole(AriaRole.Button, new() { Name = "Quy trình mới" }).ClickAsync();
        await page.GetByLabel("Mã thủ tục").FillAsync("1.009999");
        await page.GetByLabel("Tên thủ tục").FillAsync("Cấp giấy phép thử nghiệm");
        await page.GetByLabel("Cấp thực hiện").SelectOptionAsync("commune");
        await page.GetByLabel("Thời hạn giải quyết", new() { Exact = true }).FillAsync("3");
        await page.GetByLabel("Căn cứ pháp lý").FillAsync("Nghị định 61/2018/NĐ-CP");

        // Start event from the palette, dropped on the canvas.
        var canvas = await page.Locator("#canvas").BoundingBoxAsync();
        await page.Locator(".djs-palette").GetByRole(AriaRole.Button, new() { Name = "Sự kiện bắt đầu (tiếp nhận hồ sơ)" }).ClickAsync();
        await page.Mouse.MoveAsync(canvas!.X + 200, canvas.Y + 250);
        await page.Mouse.ClickAsync(canvas.X + 200, canvas.Y + 250);
        await page.Keyboard.PressAsync("Escape"); // leave the label editor bpmn-js opens on a new element

        // Three steps, a gateway and the ends, appended from the context pad.
        await AppendStepAsync(page, "Tiếp nhận hồ sơ", "MC", "receiver", "4", hours: true);
        await AppendStepAsync(page, "Thẩm định hồ sơ", "PQL", "specialist", "1", hours: false);
        await page.GetByLabel("Được từ chối giải quyết").CheckAsync();
        await Append(page, "Thêm cổng rẽ nhánh");
        var gateway = await SelectedIdAsync(page);
        await page.GetByLabel("Tên", new() { Exact = true }).FillAsync("Đủ điều kiện?");
        await AppendStepAsync(page, "Ký duyệt", unit: null, role: null, allotment: "1", hours: false);
        var sign = await SelectedIdAsync(page);
        await Append(page, "Thêm sự kiện kết thúc");
        await page.GetByLabel("Tên", new() { Exact = true }).FillAsync("Trả kết quả");
        await SelectAsync(page, gateway);
        await Append(page, "Thêm sự kiện kết thúc");
        await page.GetByLabel("Tên", new() { Exact = true }).FillAsync("Từ chối");
        await page.GetByLabel("Trạng thái hồ sơ khi tới bước này").SelectOptionAsync("refused");

        // The gateway's branches: refuse goes to the refusal end, everything else to signing.
        await SelectAsync(page, gateway);
        await page.GetByLabel("Theo kết quả → Từ chối").SelectOptionAsync("refuse");
        await page.GetByLabel("Luồng mặc định → Ký duyệt").CheckAsync();

        // Validation marks the step without a role; the problem list leads to it.
        var problem = page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Ký duyệt.*chưa có vai trò") });
        await Assertions.Expect(problem).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($".djs-element.iso-has-error[data-element-id='{sign}']")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DesignerServer.ScreenshotDirectory, "designer-validation-error.png") });
        await problem.ClickAsync();
        (await SelectedIdAsync(page)).ShouldBe(sign);
        await page.GetByLabel("Đơn vị").SelectOptionAsync("LD");
        await page.GetByLabel("Vai trò").SelectOptionAsync("leader");
        await Assertions.Expect(problem).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".djs-element.iso-has-error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#budget")).ToContainTextAsync("20 giờ làm việc / thời hạn giải quyết: 24 giờ làm việc");

        // Simulate before publishing: due times per step, nothing stored.
        await page.GetByRole(AriaRole.Button, new() { Name = "Mô phỏng" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu mô phỏng" }).ClickAsync();
        var simulation = page.GetByRole(AriaRole.Dialog, new() { Name = "Mô phỏng xử lý hồ sơ" });
        await Assertions.Expect(simulation.GetByRole(AriaRole.Cell, new() { Name = "Tiếp nhận hồ sơ" })).ToBeVisibleAsync();
        await simulation.GetByRole(AriaRole.Button, new() { Name = "Hoàn thành bước" }).ClickAsync();
        await Assertions.Expect(simulation.GetByRole(AriaRole.Cell, new() { Name = "Thẩm định hồ sơ" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DesignerServer.ScreenshotDirectory, "designer-simulation.png") });
        await simulation.GetByRole(AriaRole.Button, new() { Name = "Đóng" }).ClickAsync();

        // Publish (saves the draft first).
        await page.GetByRole(AriaRole.Button, new() { Name = "Ban hành" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã ban hành");
        await Assertions.Expect(page.Locator("nav.list li.current .badge.published")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DesignerServer.ScreenshotDirectory, "designer-published.png") });

        // A dossier on the published procedure: its first task is in the one-stop officer's inbox.
        using var designer = await server.ClientAsync("thietke");
        var definitions = await designer.GetFromJsonAsync<JsonElement>("/api/definitions");
        var published = definitions.EnumerateArray().Single(d => d.GetProperty("procedureCode").GetString() == "1.009999");
        published.GetProperty("status").GetString().ShouldBe("published");
        published.GetProperty("publishedBy").GetString().ShouldBe("thietke");
        var key = published.GetProperty("key").GetString();

        using var receiver = await server.ClientAsync("motcua");
        var created = await receiver.PostAsJsonAsync("/api/dossiers", new { procedureKey = key, applicant = new { name = "Phạm Văn Công Dân" } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var tasks = await receiver.GetFromJsonAsync<JsonElement>("/api/tasks?scope=available&limit=500");
        tasks.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldContain("Tiếp nhận hồ sơ");
    }

    private static async Task AppendStepAsync(IPage page, string name, string? unit, string? role, string allotment, bool hours)
    {
        await Append(page, "Thêm bước");
        await page.Keyboard.PressAsync("Escape"); // leave the label editor bpmn-js opens on a new task
        await page.GetByLabel("Tên", new() { Exact = true }).FillAsync(name);
        if (unit is not null)
        {
            await page.GetByLabel("Đơn vị").SelectOptionAsync(unit);
        }

        if (role is not null)
        {
            await page.GetByLabel("Vai trò").SelectOptionAsync(role);
        }

        await page.GetByLabel("Thời hạn xử lý", new() { Exact = true }).FillAsync(allotment);
        if (hours)
        {
            await page.GetByLabel(new Regex("^Thời hạn xử lý — ")).SelectOptionAsync("H");
        }
    }

    private static async Task Append(IPage page, string title)
    {
        var before = await SelectedIdAsync(page);
        await page.Locator(".djs-context-pad").GetByTitle(title, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("aside.properties .elid")).Not.ToHaveTextAsync($"Mã phần tử: {before}");
    }

    private static async Task SelectAsync(IPage page, string id)
    {
        await page.Locator($".djs-shape[data-element-id='{id}']").ClickAsync();
        await Assertions.Expect(page.Locator("aside.properties .elid")).ToHaveTextAsync($"Mã phần tử: {id}");
    }

    private static async Task<string> SelectedIdAsync(IPage page)
    {
        var text = await page.Locator("aside.properties .elid").First.InnerTextAsync();
        return text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}

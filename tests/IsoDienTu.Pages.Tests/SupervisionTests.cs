using System.Net.Http.Json;
using System.Text.Json;
using IsoDienTu.Pages.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IsoDienTu.Pages.Tests;

[Collection("pages")]
public sealed class SupervisionTests(PagesFixture f)
{
    [Fact]
    public async Task A_late_dossier_shows_on_the_dashboard_after_the_clock_passes_its_due_time()
    {
        var (code, _, due) = await f.ReceiveAsync("Lê Văn Chậm");
        var now = await f.NowAsync();
        await f.SetClockAsync((now > due ? now : due) + TimeSpan.FromDays(1));

        var sup = await f.SignInAsync("sup");
        await sup.GetByRole(AriaRole.Heading, new() { Name = "Bảng giám sát" }).WaitForAsync();
        var row = sup.Locator("#late-dossiers tr").Filter(new() { HasText = code });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.GetByText("Quá hạn")).ToBeVisibleAsync();
        // Drill down by unit: the examine step of PQL is overdue.
        await sup.Locator("a[data-drill=unit]", new() { HasText = "PQL" }).ClickAsync();
        await Assertions.Expect(sup.Locator("#steps tr").Filter(new() { HasText = code }).Filter(new() { HasText = "Thẩm định hồ sơ" })).ToBeVisibleAsync();
        await PagesFixture.ScreenshotAsync(sup, "08-giam-sat-qua-han");

        // The officer's inbox marks it overdue.
        var cv1 = await f.SignInAsync("cv1");
        var task = cv1.Locator("tr").Filter(new() { HasText = code });
        await Assertions.Expect(task.GetByText("Quá hạn")).ToBeVisibleAsync();
        await PagesFixture.ScreenshotAsync(cv1, "09-hop-viec-qua-han");
    }

    [Fact]
    public async Task The_report_shows_Bieu_06_and_exports_CSV()
    {
        await f.ReceiveAsync("Vũ Thị Báo Cáo");
        var sup = await f.SignInAsync("sup");
        await sup.GetByRole(AriaRole.Link, new() { Name = "Báo cáo" }).ClickAsync();
        var row = sup.Locator("table.report tbody tr").Filter(new() { HasText = "Cấp giấy phép xây dựng" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        var download = await sup.RunAndWaitForDownloadAsync(() => sup.GetByRole(AriaRole.Button, new() { Name = "Xuất CSV" }).ClickAsync());
        var path = Path.Combine(RepositoryPaths.Screenshots, "bieu06.csv");
        await download.SaveAsAsync(path);
        var csv = await File.ReadAllTextAsync(path);
        csv.ShouldContain("Cấp giấy phép xây dựng");
        csv.ShouldContain("(13) Quá hạn");
        await PagesFixture.ScreenshotAsync(sup, "10-bao-cao-bieu-06");
    }

    [Fact]
    public async Task An_officer_of_another_unit_does_not_see_the_task()
    {
        var (code, _, _) = await f.ReceiveAsync("Đặng Văn Khác");
        var cv2 = await f.SignInAsync("cv2");
        await cv2.GetByRole(AriaRole.Heading, new() { Name = "Hộp việc" }).WaitForAsync();
        (await cv2.Locator("main").InnerTextAsync()).ShouldNotContain(code);

        using var cv1Api = await f.Server.SignInAsync("cv1", PagesFixture.Password);
        var tasks = await cv1Api.GetFromJsonAsync<JsonElement>("/api/tasks?scope=available&limit=500");
        var id = tasks.EnumerateArray().First(t => t.GetProperty("dossierCode").GetString() == code).GetProperty("id").GetInt64();
        await cv2.GotoAsync(f.Url($"/app/viec/{id}"));
        await Assertions.Expect(cv2.GetByRole(AriaRole.Alert)).ToContainTextAsync("Không có quyền");
        await PagesFixture.ScreenshotAsync(cv2, "11-don-vi-khac");

        var cv1 = await f.SignInAsync("cv1");
        await Assertions.Expect(cv1.GetByRole(AriaRole.Link, new() { Name = $"Mở Thẩm định hồ sơ {code}" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Admins_see_operations_and_menus_follow_roles()
    {
        var admin = await f.SignInAsync("admin", ServerProcess.DefaultAdminPassword);
        await admin.GetByRole(AriaRole.Heading, new() { Name = "Vận hành" }).WaitForAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Các nút trong cụm" })).ToBeVisibleAsync();
        await PagesFixture.ScreenshotAsync(admin, "12-van-hanh");

        var cv1 = await f.SignInAsync("cv1");
        var nav = cv1.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Hộp việc" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Bảng giám sát" })).ToHaveCountAsync(0);
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Tiếp nhận hồ sơ" })).ToHaveCountAsync(0);

        await cv1.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(cv1.GetByRole(AriaRole.Heading, new() { Name = "Inbox" })).ToBeVisibleAsync();
    }
}

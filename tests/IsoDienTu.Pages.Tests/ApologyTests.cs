using System.Net.Http.Json;
using System.Text.Json;
using IsoDienTu.Pages.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IsoDienTu.Pages.Tests;

/// <summary>One working day before a dossier is due the head is told to apologise: notification, reassign, apology, its slip.</summary>
[Collection("pages")]
public sealed class ApologyTests(PagesFixture f)
{
    [Fact]
    public async Task Past_the_apology_point_the_head_is_notified_reassigns_and_records_the_apology_with_its_slip()
    {
        var (code, _, due) = await f.ReceiveAsync("Phan Thị Xin Lỗi");
        // The step (1 working day) is overdue and the dossier is within its last working day: the apology timer fires.
        await f.SetClockAsync(due - TimeSpan.FromHours(2));
        using (var headApi = await f.Server.SignInAsync("head1", PagesFixture.Password))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (true)
            {
                var rows = await headApi.GetFromJsonAsync<JsonElement>("/api/notifications");
                if (rows.EnumerateArray().Any(n => n.TryGetProperty("dossierCode", out var c) && c.GetString() == code
                    && n.GetProperty("message").GetString()!.Contains("xin lỗi", StringComparison.Ordinal)))
                {
                    break;
                }

                DateTime.UtcNow.ShouldBeLessThan(deadline, "the apology notification did not arrive");
                await Task.Delay(250);
            }
        }

        // The header's notifications panel lists it.
        var head = await f.SignInAsync("head1");
        await head.GetByRole(AriaRole.Button, new() { Name = "Thông báo" }).ClickAsync();
        var panel = head.Locator("#notifications");
        await Assertions.Expect(panel.GetByRole(AriaRole.Link, new() { Name = code }).First).ToBeVisibleAsync();
        await Assertions.Expect(panel).ToContainTextAsync("cần văn bản xin lỗi và hẹn lại");
        await PagesFixture.ScreenshotAsync(head, "30-thong-bao-xin-loi");

        // Reassign the overdue step from the dashboard.
        await head.GetByRole(AriaRole.Link, new() { Name = "Bảng giám sát" }).ClickAsync();
        var row = head.Locator("#steps tr").Filter(new() { HasText = code }).Filter(new() { HasText = "Thẩm định hồ sơ" });
        await row.GetByRole(AriaRole.Textbox).FillAsync("cv1");
        await row.GetByRole(AriaRole.Button, new() { Name = "Chuyển người xử lý" }).ClickAsync();
        await Assertions.Expect(head.Locator("#steps tr").Filter(new() { HasText = code }).Filter(new() { HasText = "Thẩm định hồ sơ" })).ToContainTextAsync("cv1");
        await PagesFixture.ScreenshotAsync(head, "31-chuyen-nguoi-xu-ly");

        // The apology on the dossier page, then its printable slip with the new appointment.
        await head.GotoAsync(f.Url($"/app/ho-so/{code}"));
        var newDue = due.ToOffset(PagesFixture.Vn).Date.AddDays(2);
        while (newDue.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            newDue = newDue.AddDays(1); // the new appointment must be a working day
        }

        await head.GetByLabel("Lý do").FillAsync("Hồ sơ cần lấy ý kiến thêm của cơ quan liên quan.");
        await head.GetByLabel("Ngày hẹn mới").FillAsync($"{newDue:yyyy-MM-dd}T17:00");
        await PagesFixture.ScreenshotAsync(head, "32-xin-loi");
        await head.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận xin lỗi" }).ClickAsync();
        await head.GetByRole(AriaRole.Heading, new() { Name = "VĂN BẢN XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" }).WaitForAsync();
        await Assertions.Expect(head.Locator("#apology-to")).ToHaveTextAsync("Phan Thị Xin Lỗi");
        await Assertions.Expect(head.Locator("#apology-new-due")).ToHaveTextAsync($"17 giờ 00 phút, ngày {newDue:dd} tháng {newDue:MM} năm {newDue:yyyy}");
        await head.EmulateMediaAsync(new() { Media = Media.Print });
        await PagesFixture.ScreenshotAsync(head, "33-van-ban-xin-loi");
        await head.EmulateMediaAsync(new() { Media = Media.Screen });

        // The dossier page now links the slip and offers no second apology.
        await head.GotoAsync(f.Url($"/app/ho-so/{code}"));
        await Assertions.Expect(head.GetByRole(AriaRole.Link, new() { Name = "Văn bản xin lỗi và hẹn lại ngày trả kết quả" })).ToBeVisibleAsync();
        await Assertions.Expect(head.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận xin lỗi" })).ToHaveCountAsync(0);
    }
}

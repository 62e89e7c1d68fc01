using System.Net.Http.Json;
using System.Text.Json;
using IsoDienTu.Pages.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IsoDienTu.Pages.Tests;

/// <summary>The task page's other actions: supplement (and its reception), refusal, return to the previous step.</summary>
[Collection("pages")]
public sealed class TaskActionTests(PagesFixture f)
{
    [Fact]
    public async Task A_supplement_request_waits_at_reception_and_its_receipt_gives_the_task_back_with_a_new_appointment()
    {
        var (code, _, due) = await f.ReceiveAsync("Bùi Thị Bổ Sung");

        // The officer asks for the missing documents.
        var cv1 = await f.SignInAsync("cv1");
        await cv1.GetByRole(AriaRole.Link, new() { Name = $"Mở Thẩm định hồ sơ {code}" }).ClickAsync();
        await cv1.GetByRole(AriaRole.Button, new() { Name = "Nhận việc" }).ClickAsync();
        await Assertions.Expect(cv1.GetByRole(AriaRole.Button, new() { Name = "Nhận việc" })).ToHaveCountAsync(0); // re-rendered as claimed
        await cv1.GetByLabel("Kết quả xử lý").SelectOptionAsync(new SelectOptionValue { Label = "Yêu cầu bổ sung" });
        await cv1.GetByLabel("Hồ sơ cần bổ sung").FillAsync("Bản vẽ mặt bằng; Giấy chứng nhận quyền sử dụng đất");
        await cv1.GetByLabel("Ý kiến").FillAsync("Thiếu bản vẽ và giấy tờ đất.");
        await PagesFixture.ScreenshotAsync(cv1, "20-yeu-cau-bo-sung");
        await cv1.GetByRole(AriaRole.Button, new() { Name = "Hoàn thành" }).ClickAsync();
        await cv1.GetByRole(AriaRole.Heading, new() { Name = "Hộp việc" }).WaitForAsync();
        await cv1.GotoAsync(f.Url($"/app/ho-so/{code}"));
        await Assertions.Expect(cv1.GetByText("Chờ bổ sung")).ToBeVisibleAsync();
        await Assertions.Expect(cv1.Locator("#missing-documents li")).ToHaveTextAsync(["Bản vẽ mặt bằng", "Giấy chứng nhận quyền sử dụng đất"]);
        // The statutory clock stands still while the applicant completes the dossier.
        await Assertions.Expect(cv1.Locator("#clock-stopped")).ToContainTextAsync("Tạm dừng tính thời gian từ");

        // A working day later the applicant brings them: reception picks the dossier from the waiting list.
        var now = await f.NowAsync();
        await f.SetClockAsync(now + TimeSpan.FromDays(1));
        var recv = await f.SignInAsync("recv");
        var waiting = recv.Locator("#waiting-table tr").Filter(new() { HasText = code });
        await Assertions.Expect(waiting).ToContainTextAsync("Bản vẽ mặt bằng");
        await Assertions.Expect(waiting).ToContainTextAsync("Cấp giấy phép xây dựng");
        await recv.GetByRole(AriaRole.Button, new() { Name = $"Nhận bổ sung hồ sơ này {code}" }).ClickAsync();
        await Assertions.Expect(recv.GetByLabel("Mã hồ sơ", new() { Exact = true })).ToHaveValueAsync(code);
        await Assertions.Expect(recv.GetByLabel("Tài liệu bổ sung")).ToHaveValueAsync("Bản vẽ mặt bằng; Giấy chứng nhận quyền sử dụng đất");
        await PagesFixture.ScreenshotAsync(recv, "21-nhan-bo-sung");
        await recv.GetByRole(AriaRole.Button, new() { Name = "Nhận bổ sung", Exact = true }).ClickAsync();
        await Assertions.Expect(recv.Locator("#supplement-due")).Not.ToBeEmptyAsync();
        await Assertions.Expect(recv.Locator("#waiting-table tr").Filter(new() { HasText = code })).ToHaveCountAsync(0);

        // The appointment moved (the clock restarts from the complete supplement) and the task is back with the officer.
        using var api = await f.Server.SignInAsync("recv", PagesFixture.Password);
        var dossier = await api.GetFromJsonAsync<JsonElement>($"/api/dossiers/{code}");
        dossier.GetProperty("status").GetString().ShouldBe("processing");
        dossier.GetProperty("clockStoppedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        dossier.GetProperty("dueAt").GetDateTimeOffset().ShouldBeGreaterThan(due);
        await cv1.GotoAsync(f.Url("/app/hop-viec"));
        await cv1.GetByRole(AriaRole.Link, new() { Name = $"Mở Thẩm định hồ sơ {code}" }).ClickAsync();
        await Assertions.Expect(cv1.GetByText("Bản vẽ mặt bằng")).ToBeVisibleAsync();
        await PagesFixture.ScreenshotAsync(cv1, "22-viec-tro-lai");
    }

    [Fact]
    public async Task The_officer_refuses_with_a_reason()
    {
        var (code, _, _) = await f.ReceiveAsync("Cao Văn Từ Chối");
        var cv1 = await f.SignInAsync("cv1");
        await cv1.GetByRole(AriaRole.Link, new() { Name = $"Mở Thẩm định hồ sơ {code}" }).ClickAsync();
        await cv1.GetByRole(AriaRole.Button, new() { Name = "Nhận việc" }).ClickAsync();
        await Assertions.Expect(cv1.GetByRole(AriaRole.Button, new() { Name = "Nhận việc" })).ToHaveCountAsync(0); // re-rendered as claimed
        await cv1.GetByLabel("Kết quả xử lý").SelectOptionAsync(new SelectOptionValue { Label = "Từ chối" });
        await Assertions.Expect(cv1.GetByLabel("Hồ sơ cần bổ sung")).ToBeHiddenAsync();
        await cv1.GetByLabel("Ý kiến").FillAsync("Không phù hợp quy hoạch.");
        await cv1.GetByRole(AriaRole.Button, new() { Name = "Hoàn thành" }).ClickAsync();
        await cv1.GetByRole(AriaRole.Heading, new() { Name = "Hộp việc" }).WaitForAsync();
        await cv1.GotoAsync(f.Url($"/app/ho-so/{code}"));
        await Assertions.Expect(cv1.GetByText("Từ chối giải quyết")).ToBeVisibleAsync();
        await Assertions.Expect(cv1.Locator("table.sheet").GetByText("Không phù hợp quy hoạch.")).ToBeVisibleAsync();
        await PagesFixture.ScreenshotAsync(cv1, "23-tu-choi");
    }

    [Fact]
    public async Task The_leader_returns_the_dossier_to_the_previous_step()
    {
        var (code, _, _) = await f.ReceiveAsync("Đinh Văn Trả Lại");
        using (var api = await f.Server.SignInAsync("cv1", PagesFixture.Password))
        {
            var tasks = await api.GetFromJsonAsync<JsonElement>("/api/tasks?scope=available&limit=500");
            var id = tasks.EnumerateArray().First(t => t.GetProperty("dossierCode").GetString() == code).GetProperty("id").GetInt64();
            await api.PostJsonAsync($"/api/tasks/{id}/claim", new { });
            await api.PostJsonAsync($"/api/tasks/{id}/complete", new { outcome = "approve" });
        }

        var ld1 = await f.SignInAsync("ld1");
        await ld1.GetByRole(AriaRole.Link, new() { Name = $"Mở Ký duyệt {code}" }).ClickAsync();
        await ld1.GetByLabel("Lý do").FillAsync("Cần thẩm định lại chỉ giới xây dựng.");
        await PagesFixture.ScreenshotAsync(ld1, "24-tra-lai");
        await ld1.GetByRole(AriaRole.Button, new() { Name = "Trả lại bước trước" }).ClickAsync();
        await ld1.GetByRole(AriaRole.Heading, new() { Name = "Hộp việc" }).WaitForAsync();
        await Assertions.Expect(ld1.GetByRole(AriaRole.Link, new() { Name = $"Mở Ký duyệt {code}" })).ToHaveCountAsync(0);

        var cv1 = await f.SignInAsync("cv1");
        await cv1.GetByRole(AriaRole.Link, new() { Name = $"Mở Thẩm định hồ sơ {code}" }).ClickAsync();
        await Assertions.Expect(cv1.Locator("table.sheet").GetByText("Cần thẩm định lại chỉ giới xây dựng.")).ToBeVisibleAsync();
    }
}

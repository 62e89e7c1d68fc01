using System.Text.RegularExpressions;
using IsoDienTu.Pages.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IsoDienTu.Pages.Tests;

/// <summary>Each user's main path through the pages, in a real browser: reception → officer → leader → return → citizen.</summary>
[Collection("pages")]
public sealed partial class MainPathTests(PagesFixture f)
{
    // The smallest valid PNG (1×1): a "scanned" document.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Receive_examine_sign_return_then_the_citizen_looks_up_and_rates()
    {
        // Reception: pick the procedure, enter the applicant, tick the documents, receive.
        var recv = await f.SignInAsync("recv");
        await recv.GetByRole(AriaRole.Heading, new() { Name = "Tiếp nhận hồ sơ" }).WaitForAsync();
        await recv.GetByLabel("Thủ tục").SelectOptionAsync(new SelectOptionValue { Label = "Cấp giấy phép xây dựng (1.000001)" });
        await recv.GetByLabel("Họ và tên").FillAsync("Nguyễn Văn Ấn");
        await recv.GetByLabel("Số CCCD").FillAsync("001099000123");
        await recv.GetByLabel("Địa chỉ").FillAsync("Thôn Đông, xã Thử Nghiệm");
        // The checklist is the procedure's iso:documents (provenance tags such as [M] dropped), with its deadline and fee.
        await Assertions.Expect(recv.Locator("#required-docs label")).ToHaveTextAsync(
            ["Đơn đề nghị (theo mẫu)", "Bản sao Căn cước công dân", "Giấy tờ chứng minh quyền sử dụng đất", "Bản vẽ thiết kế"]);
        await Assertions.Expect(recv.Locator("#procedure-facts")).ToHaveTextAsync("Thời hạn giải quyết: 3 ngày làm việc — Phí, lệ phí: Lệ phí 75.000 đồng");
        await recv.GetByLabel("Đơn đề nghị (theo mẫu)").CheckAsync();
        await recv.GetByLabel("Bản vẽ thiết kế").CheckAsync();
        await recv.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận", Exact = true }).ClickAsync();
        var code = await recv.Locator("#dossier-code").InnerTextAsync();
        var secret = await recv.Locator("#lookup-secret").InnerTextAsync();
        var appointment = await recv.Locator("#appointment").InnerTextAsync();
        AppointmentPattern().IsMatch(appointment).ShouldBeTrue(appointment);
        CodePattern().IsMatch(code).ShouldBeTrue(code);
        await PagesFixture.ScreenshotAsync(recv, "01-tiep-nhan");

        // The receipt-and-appointment slip, printable, with the code and the appointment (close of office hours).
        await recv.GetByRole(AriaRole.Link, new() { Name = "In: Giấy tiếp nhận hồ sơ và hẹn trả kết quả" }).ClickAsync();
        await recv.GetByRole(AriaRole.Heading, new() { Name = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" }).WaitForAsync();
        (await recv.Locator("#print-code").InnerTextAsync()).ShouldBe(code);
        (await recv.Locator("#print-appointment").InnerTextAsync()).ShouldBe(appointment);
        await Assertions.Expect(recv.Locator(".print-procedure")).ToHaveTextAsync("Cấp giấy phép xây dựng");
        await recv.EmulateMediaAsync(new() { Media = Media.Print });
        await PagesFixture.ScreenshotAsync(recv, "02-giay-tiep-nhan-hen-tra");
        await recv.EmulateMediaAsync(new() { Media = Media.Screen });

        // A scanned document on the dossier page; a text file is refused (415).
        await recv.GetByRole(AriaRole.Link, new() { Name = $"Hồ sơ {code}" }).ClickAsync();
        await recv.GetByLabel("Tệp (PDF, JPEG, PNG ≤ 10 MB)").SetInputFilesAsync(new FilePayload { Name = "don-de-nghi.txt", MimeType = "text/plain", Buffer = "xin chào"u8.ToArray() });
        await recv.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await Assertions.Expect(recv.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Unsupported media type" })).ToBeVisibleAsync();
        await recv.GetByLabel("Tệp (PDF, JPEG, PNG ≤ 10 MB)").SetInputFilesAsync(new FilePayload { Name = "don-de-nghi.png", MimeType = "image/png", Buffer = Png });
        await recv.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await Assertions.Expect(recv.GetByRole(AriaRole.Link, new() { Name = "don-de-nghi.png" })).ToBeVisibleAsync();

        // The case officer: the task is claimable in the inbox; open it, see the dossier and the diagram, claim, approve.
        var cv1 = await f.SignInAsync("cv1");
        await cv1.GetByRole(AriaRole.Heading, new() { Name = "Hộp việc" }).WaitForAsync();
        await cv1.GetByRole(AriaRole.Link, new() { Name = $"Mở Thẩm định hồ sơ {code}" }).ClickAsync();
        await Assertions.Expect(cv1.Locator("#diagram[data-ready=true]")).ToBeVisibleAsync();
        await Assertions.Expect(cv1.Locator(".djs-element.step-current[data-element-id=examine]")).ToHaveCountAsync(1);
        await Assertions.Expect(cv1.GetByText("Nguyễn Văn Ấn")).ToBeVisibleAsync();
        await cv1.GetByRole(AriaRole.Button, new() { Name = "Nhận việc" }).ClickAsync();
        await cv1.GetByLabel("Kết quả xử lý").SelectOptionAsync(new SelectOptionValue { Label = "Đồng ý" });
        await cv1.GetByLabel("Ý kiến").FillAsync("Hồ sơ đủ điều kiện, trình ký.");
        await PagesFixture.ScreenshotAsync(cv1, "03-chuyen-vien-tham-dinh");
        await cv1.GetByRole(AriaRole.Button, new() { Name = "Hoàn thành" }).ClickAsync();
        await cv1.GetByRole(AriaRole.Heading, new() { Name = "Hộp việc" }).WaitForAsync();

        // The leader signs: examine is marked done on the diagram, sign is current.
        var ld1 = await f.SignInAsync("ld1");
        await ld1.GetByRole(AriaRole.Link, new() { Name = $"Mở Ký duyệt {code}" }).ClickAsync();
        await Assertions.Expect(ld1.Locator(".djs-element.step-done[data-element-id=examine]")).ToHaveCountAsync(1);
        await Assertions.Expect(ld1.Locator(".djs-element.step-current[data-element-id=sign]")).ToHaveCountAsync(1);
        await PagesFixture.ScreenshotAsync(ld1, "04-lanh-dao-ky");
        await ld1.GetByRole(AriaRole.Button, new() { Name = "Hoàn thành" }).ClickAsync();
        await ld1.GetByRole(AriaRole.Heading, new() { Name = "Hộp việc" }).WaitForAsync();

        // The one-stop officer returns the result.
        await recv.GotoAsync(f.Url("/app/hop-viec"));
        await recv.GetByRole(AriaRole.Link, new() { Name = $"Mở Trả kết quả {code}" }).ClickAsync();
        await recv.GetByRole(AriaRole.Button, new() { Name = "Hoàn thành" }).ClickAsync();
        await recv.GetByRole(AriaRole.Heading, new() { Name = "Hộp việc" }).WaitForAsync();

        // The control sheet shows each hand-over with its result; its printable form too.
        await recv.GotoAsync(f.Url($"/app/ho-so/{code}"));
        await Assertions.Expect(recv.Locator("table.sheet tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(recv.Locator("table.sheet").GetByText("Trước hạn").First).ToBeVisibleAsync();
        await recv.GetByRole(AriaRole.Link, new() { Name = "Bản in: Phiếu kiểm soát quá trình giải quyết hồ sơ" }).ClickAsync();
        await recv.GetByRole(AriaRole.Heading, new() { Name = "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" }).WaitForAsync();
        await PagesFixture.ScreenshotAsync(recv, "05-phieu-kiem-soat");

        // The citizen: code + secret → status and steps without officer names; rates once.
        var citizen = await f.AnonymousPageAsync();
        await citizen.GotoAsync(f.Url("/tra-cuu"));
        await citizen.GetByLabel("Mã hồ sơ").FillAsync(code);
        await citizen.GetByLabel("Mã tra cứu").FillAsync(secret);
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Tra cứu", Exact = true }).ClickAsync();
        await Assertions.Expect(citizen.Locator("#lookup-status")).ToHaveTextAsync("Đã trả kết quả");
        var text = await citizen.Locator("main").InnerTextAsync();
        text.ShouldNotContain("cv1");
        text.ShouldNotContain("Hoàng Lãnh Đạo");
        await citizen.GetByLabel("★★★★ (4)").CheckAsync();
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Gửi đánh giá" }).ClickAsync();
        await Assertions.Expect(citizen.GetByRole(AriaRole.Status)).ToContainTextAsync("Cảm ơn đánh giá của ông/bà");
        await PagesFixture.ScreenshotAsync(citizen, "06-tra-cuu-danh-gia");

        // The supervisor sees the rating and the digitised share in the service index.
        var sup = await f.SignInAsync("sup");
        await sup.GetByRole(AriaRole.Heading, new() { Name = "Bảng giám sát" }).WaitForAsync();
        await Assertions.Expect(sup.Locator("#kpi-satisfaction")).ToContainTextAsync("/ 5");
        await Assertions.Expect(sup.Locator("#kpi-digitised")).Not.ToHaveTextAsync("—");
        await PagesFixture.ScreenshotAsync(sup, "07-bang-giam-sat");
    }

    [Fact]
    public async Task A_wrong_secret_finds_nothing()
    {
        var (code, _, _) = await f.ReceiveAsync("Trần Thị Bình");
        var citizen = await f.AnonymousPageAsync();
        await citizen.GotoAsync(f.Url($"/tra-cuu"));
        await citizen.GetByLabel("Mã hồ sơ").FillAsync(code);
        await citizen.GetByLabel("Mã tra cứu").FillAsync("sai-ma");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Tra cứu", Exact = true }).ClickAsync();
        await Assertions.Expect(citizen.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Không tìm thấy hồ sơ");
    }

    [GeneratedRegex(@"^17 giờ 00 phút, ngày \d\d tháng \d\d năm 20\d\d$")]
    private static partial Regex AppointmentPattern();

    [GeneratedRegex(@"^000\.00\.20\.H42-\d{6}-\d{4,}$")]
    private static partial Regex CodePattern();
}

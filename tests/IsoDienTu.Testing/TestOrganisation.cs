using System.Net;

namespace IsoDienTu.Testing;

/// <summary>The small commune the API and browser suites work in, created through the admin API.</summary>
public static class TestOrganisation
{
    public const string Password = "matkhau123";

    private static readonly (string Code, string Name, string? Parent)[] Units =
    [
        ("UBND", "UBND xã Thử Nghiệm", null),
        ("MC", "Bộ phận Một cửa", "UBND"),
        ("PQL", "Phòng Quản lý đô thị", "UBND"),
        ("PTC", "Phòng Tài chính", "UBND"),
        ("LD", "Lãnh đạo UBND", "UBND"),
    ];

    private static readonly (string User, string FullName, string Unit, string Role)[] Users =
    [
        ("recv", "Nguyễn Thị Tiếp Nhận", "MC", "receiver"),
        ("cv1", "Trần Văn Thụ Lý", "PQL", "specialist"),
        ("cv1b", "Ngô Văn Thụ Lý", "PQL", "specialist"),
        ("cv2", "Lê Thị Tài Chính", "PTC", "specialist"),
        ("head1", "Phạm Trưởng Phòng", "PQL", "head"),
        ("ld1", "Hoàng Lãnh Đạo", "LD", "leader"),
        ("sup", "Đỗ Giám Sát", "UBND", "supervisor"),
        ("designer", "Vũ Thiết Kế", "UBND", "designer"),
    ];

    /// <summary>Creates the units and users unless the server already has units (several test classes share one).</summary>
    public static async Task SeedAsync(ApiClient admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        if ((await admin.GetJsonAsync("/api/admin/units")).GetArrayLength() > 0)
        {
            return;
        }

        foreach (var (code, name, parent) in Units)
        {
            await admin.PostJsonAsync("/api/admin/units", new { code, name, parentCode = parent }, HttpStatusCode.Created);
        }

        foreach (var (username, fullName, unit, role) in Users)
        {
            await admin.PostJsonAsync("/api/admin/users", new { username, password = Password, fullName, unitCode = unit, roles = new[] { role } },
                HttpStatusCode.Created);
        }
    }
}

using System.Text.Json;
using IsoDienTu.Engine.Definitions;
using IsoDienTu.Engine.Postgres;

namespace IsoDienTu.Server.Hosting;

/// <summary>
/// For the README's first command: a demo organisation (units and a user for each role, printed with their
/// passwords), the working calendars under definitions/calendars (only years without a row: an admin's data wins),
/// and every procedure found under the definitions folder, published — called processes before their callers.
/// Idempotent: safe on every start.
/// </summary>
internal sealed partial class DemoSeeder(
    OrganisationStore organisation,
    DefinitionStore definitions,
    CalendarStore calendars,
    ClusterClock clock,
    ILogger<DemoSeeder> logger)
{
    private static readonly JsonSerializerOptions CalendarJson = new(JsonSerializerDefaults.Web);

    public const string DemoPassword = "matkhau123";

    private static readonly (string Code, string Name, string? Parent)[] Units =
    [
        ("UBND", "UBND tỉnh (demo)", null),
        ("TTHCC", "Trung tâm Phục vụ hành chính công", "UBND"),
        ("SXD", "Sở Xây dựng", "UBND"),
        ("STNMT", "Sở Nông nghiệp và Môi trường", "UBND"),
        ("SVHTT", "Sở Văn hóa, Thể thao và Du lịch", "UBND"),
        ("CA", "Công an tỉnh", "UBND"),
        ("UBNDXA", "UBND xã (demo)", "UBND"),
        ("VPDK", "Văn phòng đăng ký đất đai", "STNMT"),
        ("THUE", "Cơ quan thuế", "UBND"),
        ("SYT", "Sở Y tế", "UBND"),
        ("STC", "Sở Tài chính (Phòng Đăng ký kinh doanh)", "UBND"),
        ("CAXA", "Công an xã (demo)", "CA"),
    ];

    private static readonly (string User, string Name, string Unit, string[] Roles)[] Users =
    [
        ("motcua", "Nguyễn Văn Một Cửa", "TTHCC", ["receiver"]),
        ("chuyenvien", "Trần Thị Chuyên Viên", "SXD", ["specialist"]),
        ("truongphong", "Lê Văn Trưởng Phòng", "SXD", ["head"]),
        ("lanhdao", "Phạm Thị Lãnh Đạo", "UBND", ["leader"]),
        ("vanthu", "Hoàng Văn Văn Thư", "UBND", ["clerk"]),
        ("giamsat", "Đỗ Thị Giám Sát", "UBND", ["supervisor"]),
        ("thietke", "Vũ Văn Thiết Kế", "UBND", ["designer"]),
        // One officer per unit and role the shipped procedures assign (definitions/README.md).
        ("motcua2", "Bùi Thị Một Cửa", "TTHCC", ["receiver"]),
        ("cv.xa", "Ngô Văn Tư Pháp", "UBNDXA", ["specialist"]),
        ("tp.xa", "Đặng Thị Trưởng Phòng Xã", "UBNDXA", ["head"]),
        ("ld.xa", "Lý Văn Chủ Tịch Xã", "UBNDXA", ["leader"]),
        ("vt.xa", "Mai Thị Văn Thư Xã", "UBNDXA", ["clerk"]),
        ("cv.ca", "Trịnh Văn Cảnh Sát", "CA", ["specialist"]),
        ("tp.ca", "Hồ Thị Đội Trưởng", "CA", ["head"]),
        ("ld.ca", "Dương Văn Giám Đốc CA", "CA", ["leader"]),
        ("vt.ca", "Tạ Thị Văn Thư CA", "CA", ["clerk"]),
        ("cv.caxa", "Lương Văn Công An Xã", "CAXA", ["specialist"]),
        ("ld.caxa", "Phan Thị Trưởng CA Xã", "CAXA", ["leader"]),
        ("vt.caxa", "Vương Văn Cư Trú", "CAXA", ["clerk"]),
        ("cv.vpdk", "Cao Thị Địa Chính", "VPDK", ["specialist"]),
        ("cb.thue", "Kiều Văn Thuế", "THUE", ["specialist"]),
        ("cv.svhtt", "Lã Thị Văn Hóa", "SVHTT", ["specialist"]),
        ("ld.svhtt", "Quách Văn Giám Đốc Sở VH", "SVHTT", ["leader"]),
        ("cv.syt", "Đinh Thị Bảo Trợ", "SYT", ["specialist"]),
        ("tp.syt", "Văn Thị Trưởng Phòng BTXH", "SYT", ["head"]),
        ("ld.syt", "Hà Văn Giám Đốc Sở YT", "SYT", ["leader"]),
        ("vt.syt", "Tăng Thị Văn Thư Sở YT", "SYT", ["clerk"]),
        ("cv.stc", "Châu Văn Đăng Ký KD", "STC", ["specialist"]),
        ("tp.stc", "Lò Thị Trưởng Phòng ĐKKD", "STC", ["head"]),
    ];

    public async Task SeedAsync(string? definitionsFolder, CancellationToken cancellationToken)
    {
        var existingUnits = (await organisation.UnitsAsync(cancellationToken)).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var (code, name, parent) in Units.Where(u => !existingUnits.Contains(u.Code)))
        {
            await organisation.AddUnitAsync(code, name, parent, cancellationToken);
        }

        var existingUsers = (await organisation.UsersAsync(cancellationToken)).Select(u => u.Username).ToHashSet(StringComparer.Ordinal);
        foreach (var (user, name, unit, roles) in Users.Where(u => !existingUsers.Contains(u.User)))
        {
            await organisation.AddUserAsync(user, DemoPassword, name, unit, roles, cancellationToken);
        }

        foreach (var (user, _, unit, roles) in Users)
        {
            LogDemoUser(logger, user, DemoPassword, string.Join(",", roles), unit);
        }

        if (definitionsFolder is null || !Directory.Exists(definitionsFolder))
        {
            return;
        }

        await SeedCalendarsAsync(Path.Combine(definitionsFolder, "calendars"), cancellationToken);

        var published = (await definitions.ListAsync(cancellationToken)).Select(d => d.ContentHash).ToHashSet(StringComparer.Ordinal);
        var files = new List<(string File, string Xml, BpmnModel Model)>();
        foreach (var file in Directory.EnumerateFiles(definitionsFolder, "*.bpmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var xml = await File.ReadAllTextAsync(file, cancellationToken);
            files.Add((file, xml, BpmnImporter.Import(xml)));
        }

        foreach (var (file, xml, model) in CalledFirst(files))
        {
            if (published.Contains(DefinitionStore.Hash(model.SourceXml)))
            {
                continue;
            }

            try
            {
                var now = await clock.NowAsync(cancellationToken);
                var (row, _) = await definitions.AddDraftAsync(xml, "thietke", now, cancellationToken);
                await definitions.PublishAsync(row.Key, row.Version, "thietke", now, cancellationToken);
                LogPublished(logger, row.Key, row.Version, file);
            }
            catch (StoreException e)
            {
                LogSkipped(logger, file, e.Message);
            }
        }
    }

    /// <summary>File order, except that a process called by another (an inter-agency leg) comes before its caller.</summary>
    private static List<(string File, string Xml, BpmnModel Model)> CalledFirst(List<(string File, string Xml, BpmnModel Model)> files)
    {
        var byKey = files.Where(f => f.Model.Executable is not null)
            .GroupBy(f => f.Model.Executable!.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var ordered = new List<(string File, string Xml, BpmnModel Model)>();
        var visited = new HashSet<string>(StringComparer.Ordinal);

        void Visit((string File, string Xml, BpmnModel Model) f)
        {
            if (!visited.Add(f.File))
            {
                return;
            }

            var called = f.Model.Executable?.Nodes.Values.OfType<CallActivity>().Select(c => c.CalledElement) ?? [];
            foreach (var key in called)
            {
                if (byKey.TryGetValue(key, out var callee))
                {
                    Visit(callee);
                }
            }

            ordered.Add(f);
        }

        foreach (var f in files)
        {
            Visit(f);
        }

        return ordered;
    }

    private sealed record CalendarFile(int Year, DateOnly[]? Holidays, DateOnly[]? WorkingDays, string? Source, bool Confirmed);

    /// <summary>definitions/calendars/YYYY.json → calendar rows, only for years that have none (an admin's data wins).</summary>
    private async Task SeedCalendarsAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        var stored = (await calendars.StoredYearsAsync(cancellationToken)).ToHashSet();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var year = JsonSerializer.Deserialize<CalendarFile>(await File.ReadAllTextAsync(file, cancellationToken), CalendarJson);
            if (year is null || stored.Contains(year.Year))
            {
                continue;
            }

            try
            {
                await calendars.PutAsync(year.Year, year.Holidays ?? [], year.WorkingDays ?? [], year.Source ?? file, year.Confirmed, cancellationToken);
                LogCalendar(logger, year.Year, year.Confirmed, file);
            }
            catch (StoreException e)
            {
                LogSkipped(logger, file, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded working calendar {Year} (confirmed: {Confirmed}) from {File}")]
    private static partial void LogCalendar(ILogger logger, int year, bool confirmed, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo user {User} / {Password} (roles {Roles}, unit {Unit})")]
    private static partial void LogDemoUser(ILogger logger, string user, string password, string roles, string unit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published procedure {Key} v{Version} from {File}")]
    private static partial void LogPublished(ILogger logger, string key, int version, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped {File}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string file, string reason);
}

using IsoDienTu.Engine.Definitions;
using IsoDienTu.Engine.Postgres;

namespace IsoDienTu.Server.Hosting;

/// <summary>
/// For the README's first command: a demo organisation (units and a user for each role, printed with their
/// passwords) and every procedure found under the definitions folder, published. Idempotent: safe on every start.
/// </summary>
internal sealed partial class DemoSeeder(OrganisationStore organisation, DefinitionStore definitions, ClusterClock clock, ILogger<DemoSeeder> logger)
{
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

        var published = (await definitions.ListAsync(cancellationToken)).Select(d => d.ContentHash).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(definitionsFolder, "*.bpmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var xml = await File.ReadAllTextAsync(file, cancellationToken);
            if (published.Contains(DefinitionStore.Hash(BpmnImporter.Import(xml).SourceXml)))
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo user {User} / {Password} (roles {Roles}, unit {Unit})")]
    private static partial void LogDemoUser(ILogger logger, string user, string password, string roles, string unit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published procedure {Key} v{Version} from {File}")]
    private static partial void LogPublished(ILogger logger, string key, int version, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped {File}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string file, string reason);
}

using System.Security.Cryptography;
using Dapper;
using Npgsql;

namespace IsoDienTu.Engine.Postgres;

public sealed record DocumentInfo
{
    public long Id { get; init; }
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public int SizeBytes { get; init; }
    public string Sha256 { get; init; } = "";
    public string UploadedBy { get; init; } = "";
    public DateTimeOffset UploadedAt { get; init; }
}

public sealed record DocumentContent
{
    public long Id { get; init; }
    public long DossierId { get; init; }
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public string Sha256 { get; init; } = "";
    public byte[] Content { get; init; } = [];
}

/// <summary>Scanned documents of a dossier, stored in PostgreSQL with their SHA-256; only PDF, JPEG and PNG.</summary>
public sealed class DocumentStore(NpgsqlDataSource dataSource, ClusterClock clock)
{
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>The type the bytes really are (magic numbers), or null when not an allowed type.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("%PDF-"u8) ? "application/pdf"
        : bytes.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }) ? "image/jpeg"
        : bytes.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) ? "image/png"
        : null;

    public async Task<DocumentInfo> AddAsync(long dossierId, string fileName, byte[] content, string username, CancellationToken cancellationToken = default)
    {
        if (content.Length > MaxBytes)
        {
            throw new StoreException(StoreError.Invalid, $"A document may be at most {MaxBytes / 1024 / 1024} MB.", "file");
        }

        var type = Sniff(content) ?? throw new StoreException(StoreError.Invalid, "Only PDF, JPEG and PNG documents are accepted.", "file");
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var now = await clock.NowAsync(connection);
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        // The dossier's row lock orders uploads, so only the first document of a dossier counts it as digitised.
        await connection.ExecuteAsync("select 1 from dossiers where id = @DossierId for update", new { DossierId = dossierId }, tx);
        var info = await connection.QuerySingleAsync<DocumentInfo>($"""
            with {DossierCounts.DigitisedCte}
            insert into dossier_documents (dossier_id, file_name, content_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
            values (@DossierId, @name, @type, @size, @sha, @content, @username, @now)
            returning id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at
            """, new { DossierId = dossierId, name = name.Length == 0 ? "document" : name, type, size = content.Length, sha, content, username, now }, tx);
        await tx.CommitAsync(cancellationToken);
        return info;
    }

    public async Task<IReadOnlyList<DocumentInfo>> ListAsync(long dossierId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<DocumentInfo>("""
            select id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at
            from dossier_documents where dossier_id = @dossierId order by id
            """, new { dossierId })];
    }

    public async Task<DocumentContent> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DocumentContent>(
                   "select id, dossier_id, file_name, content_type, sha256, content from dossier_documents where id = @id", new { id })
               ?? throw new StoreException(StoreError.NotFound, $"No document {id}.", "id");
    }
}

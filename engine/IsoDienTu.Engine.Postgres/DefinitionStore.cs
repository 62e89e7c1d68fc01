using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using IsoDienTu.Engine.Definitions;
using Npgsql;

namespace IsoDienTu.Engine.Postgres;

public sealed record DefinitionRow
{
    public string Key { get; init; } = "";
    public int Version { get; init; }
    public string Status { get; init; } = "";
    public string? Name { get; init; }
    public string? ProcedureCode { get; init; }
    public string ContentHash { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public string? PublishedBy { get; init; }
}

/// <summary>A model with errors cannot be stored; the diagnostics say where.</summary>
public sealed class InvalidModelException(IReadOnlyList<Diagnostic> diagnostics)
    : StoreException(StoreError.Invalid, "The BPMN model has errors.", diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error)?.ElementId)
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}

/// <summary>
/// Versioned procedure definitions: an upload is a draft; publishing freezes it (content hash) and makes it the
/// version new dossiers start on. Parsed published versions are cached: they never change, so any node may cache.
/// </summary>
public sealed class DefinitionStore(NpgsqlDataSource dataSource)
{
    private readonly ConcurrentDictionary<(string Key, int Version), ProcessDefinition> _published = new();

    public static string Hash(string bpmn) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(bpmn)));

    /// <summary>Stores a new draft version of the executable process in <paramref name="bpmn"/>.</summary>
    public Task<(DefinitionRow Row, IReadOnlyList<Diagnostic> Warnings)> AddDraftAsync(string bpmn, string? username, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        AddDraftAsync(BpmnImporter.Import(bpmn), username, now, cancellationToken);

    /// <summary>Stores a new draft version of the model's executable process; a model with errors is refused whole.</summary>
    public async Task<(DefinitionRow Row, IReadOnlyList<Diagnostic> Warnings)> AddDraftAsync(BpmnModel model, string? username, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var bpmn = model.SourceXml;
        var errors = model.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidModelException(errors);
        }

        var process = model.Executable ?? throw new InvalidModelException(
            [new Diagnostic(DiagnosticSeverity.Error, "BPMN000", null, null, null, "The file has no executable process.", "Tệp không có quy trình thực thi được.")]);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // Serialise version numbering per key across nodes.
        await connection.ExecuteAsync("select pg_advisory_xact_lock(hashtext(@Key))", new { process.Key }, tx);
        var version = await connection.ExecuteScalarAsync<int>("select coalesce(max(version), 0) + 1 from definitions where key = @Key", new { process.Key }, tx);
        var row = await connection.QuerySingleAsync<DefinitionRow>("""
            insert into definitions (key, version, status, name, procedure_code, bpmn, content_hash, created_at, created_by)
            values (@Key, @version, 'draft', @Name, @ProcedureCode, @bpmn, @hash, @now, @username)
            returning key, version, status, name, procedure_code, content_hash, created_at, created_by, published_at, published_by
            """, new { process.Key, version, process.Name, process.Procedure.ProcedureCode, bpmn, hash = Hash(bpmn), now, username }, tx);
        await tx.CommitAsync(cancellationToken);
        return (row, model.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).ToList());
    }

    public async Task<DefinitionRow> PublishAsync(string key, int version, string? username, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DefinitionRow>("""
            update definitions set status = 'published', published_at = @now, published_by = @username
            where key = @key and version = @version and status = 'draft'
            returning key, version, status, name, procedure_code, content_hash, created_at, created_by, published_at, published_by
            """, new { key, version, now, username });
        if (row is not null)
        {
            return row;
        }

        var existing = await GetRowAsync(connection, key, version);
        throw existing is null
            ? new StoreException(StoreError.NotFound, $"No definition {key} version {version}.")
            : new StoreException(StoreError.Conflict, $"Definition {key} version {version} is {existing.Status}, not a draft.");
    }

    /// <summary>A retired version takes no new dossiers; those already running finish on it.</summary>
    public async Task<DefinitionRow> RetireAsync(string key, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DefinitionRow>("""
            update definitions set status = 'retired' where key = @key and version = @version and status = 'published'
            returning key, version, status, name, procedure_code, content_hash, created_at, created_by, published_at, published_by
            """, new { key, version })
            ?? throw new StoreException(StoreError.Conflict, $"Definition {key} version {version} is not a published version.");
    }

    /// <summary>Only a draft can be deleted; a published version is kept (and referenced ones are guarded by a trigger).</summary>
    public async Task DeleteDraftAsync(string key, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync("delete from definitions where key = @key and version = @version and status = 'draft'", new { key, version });
        if (deleted == 0)
        {
            throw await GetRowAsync(connection, key, version) is null
                ? new StoreException(StoreError.NotFound, $"No definition {key} version {version}.")
                : new StoreException(StoreError.Conflict, $"Definition {key} version {version} is not a draft; retire it instead.");
        }
    }

    public async Task<IReadOnlyList<DefinitionRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<DefinitionRow>("""
            select key, version, status, name, procedure_code, content_hash, created_at, created_by, published_at, published_by
            from definitions order by key, version
            """)];
    }

    public async Task<string> GetBpmnAsync(string key, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>("select bpmn from definitions where key = @key and version = @version", new { key, version })
            ?? throw new StoreException(StoreError.NotFound, $"No definition {key} version {version}.");
    }

    /// <summary>The version new dossiers of <paramref name="key"/> start on: the latest published.</summary>
    public static async Task<int> LatestPublishedAsync(NpgsqlConnection connection, string key, NpgsqlTransaction? tx = null) =>
        await connection.ExecuteScalarAsync<int?>(
            "select max(version) from definitions where key = @key and status = 'published'", new { key }, tx)
        ?? throw new StoreException(StoreError.NotFound, $"Procedure '{key}' has no published version.", "procedureKey");

    public async Task<ProcessDefinition> LoadAsync(NpgsqlConnection connection, string key, int version, NpgsqlTransaction? tx = null)
    {
        if (_published.TryGetValue((key, version), out var cached))
        {
            return cached;
        }

        var (bpmn, status) = await connection.QuerySingleOrDefaultAsync<(string Bpmn, string Status)>(
            "select bpmn, status from definitions where key = @key and version = @version", new { key, version }, tx);
        if (bpmn is null)
        {
            throw new StoreException(StoreError.NotFound, $"No definition {key} version {version}.");
        }

        var model = BpmnImporter.Import(bpmn);
        var definition = model.Processes.FirstOrDefault(p => p.Key == key) ?? model.Executable
            ?? throw new StoreException(StoreError.Invalid, $"Definition {key} version {version} has no executable process.");
        if (status != "draft")
        {
            _published[(key, version)] = definition;
        }

        return definition;
    }

    private static Task<DefinitionRow?> GetRowAsync(NpgsqlConnection connection, string key, int version) =>
        connection.QuerySingleOrDefaultAsync<DefinitionRow>("""
            select key, version, status, name, procedure_code, content_hash, created_at, created_by, published_at, published_by
            from definitions where key = @key and version = @version
            """, new { key, version });
}

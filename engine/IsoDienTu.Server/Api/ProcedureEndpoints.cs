using IsoDienTu.Engine.Postgres;
using Npgsql;

namespace IsoDienTu.Server.Api;

/// <summary>The procedures a one-stop officer may receive: the latest published version of each, with its <c>iso:</c> facts.</summary>
public static class ProcedureEndpoints
{
    public sealed record ProcedureDto(string Key, int Version, string Name, string? ProcedureCode, string? Level, string? Deadline,
        IReadOnlyList<string> Documents, string? Fee);

    public static void MapProcedures(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/procedures", async (DefinitionStore store, NpgsqlDataSource db, CancellationToken ct) =>
        {
            var latest = (await store.ListAsync(ct)).Where(d => d.Status == "published")
                .GroupBy(d => d.Key).Select(g => g.MaxBy(d => d.Version)!).OrderBy(d => d.Name ?? d.Key, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false));
            await using var connection = await db.OpenConnectionAsync(ct);
            var result = new List<ProcedureDto>();
            foreach (var row in latest)
            {
                var definition = await store.LoadAsync(connection, row.Key, row.Version);
                var attributes = definition.Procedure.Attributes;
                result.Add(new ProcedureDto(row.Key, row.Version, definition.Name ?? row.Name ?? row.Key,
                    definition.Procedure.ProcedureCode ?? row.ProcedureCode, definition.Procedure.Level,
                    attributes.GetValueOrDefault("deadline"), Documents(attributes.GetValueOrDefault("documents")), attributes.GetValueOrDefault("fee")));
            }

            return TypedResults.Ok(result);
        }).RequireAuthorization().WithTags("Definitions");
    }

    /// <summary><c>iso:documents</c> is semicolon-separated; a trailing provenance tag ([M] from memory, [I] inferred) is not part of the name.</summary>
    public static IReadOnlyList<string> Documents(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] :
        [.. value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.EndsWith(" [M]", StringComparison.Ordinal) || d.EndsWith(" [I]", StringComparison.Ordinal) ? d[..^4].TrimEnd() : d)
            .Where(d => d.Length > 0)];
}

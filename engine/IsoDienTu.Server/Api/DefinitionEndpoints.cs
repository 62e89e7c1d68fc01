using System.Security.Claims;
using IsoDienTu.Engine.Definitions;
using IsoDienTu.Engine.Postgres;

namespace IsoDienTu.Server.Api;

public static class DefinitionEndpoints
{
    /// <summary>Larger bodies are refused before parsing (hostile input, domain of issue "fault tests").</summary>
    public const int MaxBpmnBytes = 10 * 1024 * 1024;

    public sealed record DiagnosticDto(string? ElementId, int? Line, int? Column, string Code, string Message, string MessageVi);

    public static void MapDefinitions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/definitions").WithTags("Definitions").RequireAuthorization();
        group.MapPost("/validate", async (HttpRequest request, CancellationToken ct) =>
        {
            var model = await ReadBpmnAsync(request, ct);
            return TypedResults.Ok(new
            {
                errors = model.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Dto),
                warnings = model.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(Dto),
                budget = model.Executable is { } p ? new { hours = DeadlineBudget.Compute(p), deadlineHours = p.Procedure.Deadline?.TotalWorkingHours(8) } : null,
            });
        }).Accepts<string>("application/xml", "text/xml");

        group.MapPost("/", async (HttpRequest request, ClaimsPrincipal user, DefinitionStore store, ClusterClock clock, CancellationToken ct) =>
        {
            var (row, warnings) = await store.AddDraftAsync(await ReadBpmnAsync(request, ct), user.FindFirst("sub")?.Value, await clock.NowAsync(ct), ct);
            return TypedResults.Created($"/api/definitions/{row.Key}/versions/{row.Version}/bpmn",
                new { row.Key, row.Version, row.Status, warnings = warnings.Select(Dto) });
        }).RequireAuthorization("designer").Accepts<string>("application/xml", "text/xml");

        group.MapPost("/{key}/versions/{version:int}/publish", async (string key, int version, ClaimsPrincipal user, DefinitionStore store, ClusterClock clock, CancellationToken ct) =>
            TypedResults.Ok(await store.PublishAsync(key, version, user.FindFirst("sub")?.Value, await clock.NowAsync(ct), ct)))
            .RequireAuthorization("designer").Idempotent();

        group.MapPost("/{key}/versions/{version:int}/retire", async (string key, int version, DefinitionStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.RetireAsync(key, version, ct))).RequireAuthorization("designer").Idempotent();

        group.MapDelete("/{key}/versions/{version:int}", async (string key, int version, DefinitionStore store, CancellationToken ct) =>
        {
            await store.DeleteDraftAsync(key, version, ct);
            return Results.NoContent();
        }).RequireAuthorization("designer");

        group.MapGet("/", async (DefinitionStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)));

        group.MapGet("/{key}/versions/{version:int}/bpmn", async (string key, int version, DefinitionStore store, CancellationToken ct) =>
            Results.Text(await store.GetBpmnAsync(key, version, ct), "application/xml", System.Text.Encoding.UTF8));
    }

    private static DiagnosticDto Dto(Diagnostic d) => new(d.ElementId, d.Line, d.Column, d.Code, d.Message, d.MessageVi);

    private static async Task<BpmnModel> ReadBpmnAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBpmnBytes)
        {
            throw new BadHttpRequestException($"The BPMN file is larger than {MaxBpmnBytes / 1024 / 1024} MB.", 413);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBpmnBytes)
            {
                throw new BadHttpRequestException($"The BPMN file is larger than {MaxBpmnBytes / 1024 / 1024} MB.", 413);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw new StoreException(StoreError.Invalid, "The request body must be a BPMN 2.0 XML document.", "body");
        }

        // Decoding is left to the importer, which reports invalid UTF-8 with its position.
        buffer.Position = 0;
        return BpmnImporter.Import(buffer);
    }
}

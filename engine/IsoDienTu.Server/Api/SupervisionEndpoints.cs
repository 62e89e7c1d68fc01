using System.Security.Claims;
using System.Text.Json;
using IsoDienTu.Engine.Postgres;
using IsoDienTu.Engine.Runtime;
using IsoDienTu.Server.Auth;
using Npgsql;

namespace IsoDienTu.Server.Api;

public static class SupervisionEndpoints
{
    public static void MapSupervision(this IEndpointRouteBuilder app)
    {
        // The first page of both lists, with the cursors of the next ones; each list pages on by itself below.
        app.MapGet("/api/supervision/overdue", async (int? limit, ClaimsPrincipal user, SupervisionQueries queries, CancellationToken ct) =>
        {
            var (steps, dossiers) = await queries.OverdueAsync(user.ToActor(), PageCursor.Limit(limit), ct);
            return TypedResults.Ok(new { steps = steps.Items, dossiers = dossiers.Items, stepsNext = steps.Next, dossiersNext = dossiers.Next });
        }).RequireAuthorization("oversight").WithTags("Supervision");
        app.MapGet("/api/supervision/overdue/steps", async (int? limit, string? after, HttpResponse response, ClaimsPrincipal user, SupervisionQueries queries, CancellationToken ct) =>
            TypedResults.Ok(Paging.Items(response, await queries.OverdueStepsAsync(user.ToActor(), PageCursor.Limit(limit), PageCursor.Parse(after), ct))))
            .RequireAuthorization("oversight").WithTags("Supervision");
        app.MapGet("/api/supervision/overdue/dossiers", async (int? limit, string? after, HttpResponse response, ClaimsPrincipal user, SupervisionQueries queries, CancellationToken ct) =>
            TypedResults.Ok(Paging.Items(response, await queries.OverdueDossiersAsync(user.ToActor(), PageCursor.Limit(limit), PageCursor.Parse(after), ct))))
            .RequireAuthorization("oversight").WithTags("Supervision");

        app.MapGet("/api/notifications", async (ClaimsPrincipal user, SupervisionQueries queries, CancellationToken ct) =>
            TypedResults.Ok(await queries.NotificationsAsync(user.ToActor(), ct))).RequireAuthorization().WithTags("Supervision");

        app.MapGet("/api/reports/processing", async (DateTimeOffset? from, DateTimeOffset? to, string? unit, SupervisionQueries queries, CancellationToken ct) =>
        {
            var rows = await queries.ProcessingReportAsync(
                from ?? throw new StoreException(StoreError.Invalid, "'from' is required.", "from"),
                to ?? throw new StoreException(StoreError.Invalid, "'to' is required.", "to"), unit, ct);
            return TypedResults.Ok(rows);
        }).RequireAuthorization("oversight").WithTags("Reports");

        // Citizens: dossier code + the secret printed on the receipt; no officer names.
        app.MapGet("/api/public/dossiers/{code}", async (string code, string? secret, DossierEngine engine, NpgsqlDataSource db, CancellationToken ct) =>
        {
            var dossier = await engine.FindByCodeAsync(code, ct);
            if (dossier is null || !DossierEngine.SecretMatches(dossier, secret))
            {
                return Results.Problem(statusCode: 404, title: "Không tìm thấy hồ sơ / Dossier not found",
                    detail: "Check the dossier code and the lookup secret on the receipt.");
            }

            await using var connection = await db.OpenConnectionAsync(ct);
            var sheet = await ControlSheet.BuildAsync(connection, dossier.Id);
            return Results.Ok(new
            {
                dossier.Code,
                dossier.Status,
                portalStatus = DossierStatus.PortalCode(dossier.Status),
                procedure = dossier.DefinitionKey,
                dossier.ReceivedAt,
                appointment = dossier.DueAt,
                dossier.FinishedAt,
                steps = sheet.Select(r => new { r.Step, r.ReceivedAt, r.DoneAt, r.Result }),
            });
        }).AllowAnonymous().WithTags("Public");
    }
}

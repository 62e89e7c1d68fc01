using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using Dapper;
using IsoDienTu.Engine.Calendar;
using IsoDienTu.Engine.Postgres;
using IsoDienTu.Server.Auth;
using Npgsql;

namespace IsoDienTu.Server.Api;

public static class DossierEndpoints
{
    public sealed record StartRequest(string? ProcedureKey, string? Channel, Applicant? Applicant, string[]? Documents,
        ImmutableDictionary<string, JsonElement>? Variables);

    public sealed record StartResponse(string Code, string Status, DateTimeOffset ReceivedAt, DateTimeOffset? DueAt, int ProcedureVersion, string LookupSecret);

    public sealed record SupplementRequest(string[]? Documents);

    public sealed record MessageRequest(ImmutableDictionary<string, JsonElement>? Variables);

    public sealed record ApologyRequest(DateTimeOffset? NewDueAt, string? Reason);

    public sealed record WithdrawRequest(string? Reason);

    public static void MapDossiers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dossiers").WithTags("Dossiers").RequireAuthorization();
        group.MapPost("/", async (StartRequest r, ClaimsPrincipal user, DossierEngine engine, CancellationToken ct) =>
        {
            var channel = r.Channel is null ? ReceptionChannel.Direct
                : Enum.TryParse<ReceptionChannel>(r.Channel, ignoreCase: true, out var c) ? c
                : throw new StoreException(StoreError.Invalid, $"Unknown channel '{r.Channel}': direct, post or online.", "channel");
            var request = new StartDossierRequest(
                r.ProcedureKey ?? throw new StoreException(StoreError.Invalid, "'procedureKey' is required.", "procedureKey"),
                r.Applicant ?? throw new StoreException(StoreError.Invalid, "'applicant' is required.", "applicant"),
                channel, r.Documents, r.Variables);
            var (dossier, secret) = await engine.StartAsync(request, user.ToActor().Username, ct);
            return TypedResults.Created($"/api/dossiers/{dossier.Code}",
                new StartResponse(dossier.Code, dossier.Status, dossier.ReceivedAt, dossier.DueAt, dossier.DefinitionVersion, secret));
        }).RequireAuthorization("receiver").Idempotent();

        // The one-stop desk's worklists, e.g. ?status=waitingForSupplement: soonest due first, at most 200.
        group.MapGet("/", async (string? status, DossierEngine engine, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(status) || !DossierStatus.All.Contains(status))
            {
                throw new StoreException(StoreError.Invalid, $"'status' must be one of: {string.Join(", ", DossierStatus.All)}.", "status");
            }

            return TypedResults.Ok((await engine.ListByStatusAsync(status, 200, ct)).Select(DossierView.From));
        }).RequireAuthorization("receiver");

        group.MapGet("/{code}", async (string code, ClaimsPrincipal user, DossierService dossiers, CancellationToken ct) =>
            TypedResults.Ok(DossierView.From(await dossiers.RequireVisibleAsync(code, user.ToActor(), ct))));

        group.MapGet("/{code}/control-sheet", async (string code, ClaimsPrincipal user, DossierService dossiers, NpgsqlDataSource db, CancellationToken ct) =>
        {
            var dossier = await dossiers.RequireVisibleAsync(code, user.ToActor(), ct);
            await using var connection = await db.OpenConnectionAsync(ct);
            return TypedResults.Ok(new { dossier = DossierView.From(dossier), rows = await ControlSheet.BuildAsync(connection, dossier.Id) });
        });

        group.MapGet("/{code}/journal", async (string code, ClaimsPrincipal user, DossierService dossiers, NpgsqlDataSource db, CancellationToken ct) =>
        {
            var dossier = await dossiers.RequireVisibleAsync(code, user.ToActor(), ct);
            await using var connection = await db.OpenConnectionAsync(ct);
            var rows = await connection.QueryAsync<(int Revision, DateTimeOffset At, string? Actor, string Command, string Events)>(
                "select revision, at, actor, command::text, events::text from journal where dossier_id = @Id order by revision", new { dossier.Id });
            return TypedResults.Ok(rows.Select(r => new
            {
                r.Revision, r.At, r.Actor,
                command = JsonDocument.Parse(r.Command).RootElement.Clone(),
                events = JsonDocument.Parse(r.Events).RootElement.Clone(),
            }));
        });

        group.MapPost("/{code}/supplement", async (string code, SupplementRequest r, ClaimsPrincipal user, DossierService dossiers, CancellationToken ct) =>
            TypedResults.Ok(DossierView.From(await dossiers.SupplementAsync(code, r.Documents ?? [], user.ToActor().Username, ct))))
            .RequireAuthorization("receiver").Idempotent();

        group.MapPost("/{code}/messages/{name}", async (string code, string name, MessageRequest? r, ClaimsPrincipal user, DossierService dossiers, CancellationToken ct) =>
            TypedResults.Ok(DossierView.From(await dossiers.MessageAsync(code, name, r?.Variables, user.ToActor().Username, ct)))).Idempotent();

        group.MapPost("/{code}/apology", async (string code, ApologyRequest r, ClaimsPrincipal user, DossierService dossiers, CancellationToken ct) =>
        {
            var actor = user.ToActor();
            if (!actor.IsOversight && !actor.Has("leader"))
            {
                throw new StoreException(StoreError.Forbidden, "An apology is issued by the head or leader of the responsible unit.");
            }

            var newDue = r.NewDueAt ?? throw new StoreException(StoreError.Invalid, "'newDueAt' is required.", "newDueAt");
            return TypedResults.Ok(DossierView.From(await dossiers.ApologyAsync(code, newDue, r.Reason ?? "", actor, ct)));
        }).Idempotent();

        group.MapPost("/{code}/withdraw", async (string code, WithdrawRequest? r, ClaimsPrincipal user, DossierService dossiers, CancellationToken ct) =>
            TypedResults.Ok(DossierView.From(await dossiers.WithdrawAsync(code, r?.Reason ?? "", user.ToActor().Username, ct))))
            .RequireAuthorization("receiver").Idempotent();
    }
}

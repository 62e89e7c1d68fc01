using System.Security.Claims;
using Dapper;
using IsoDienTu.Engine.Postgres;
using IsoDienTu.Server.Auth;
using Npgsql;

namespace IsoDienTu.Server.Api;

/// <summary>The supervisor dashboard, the citizens' satisfaction rating, and the services the pages need.</summary>
public static class DashboardEndpoints
{
    public sealed record RatingRequest(int? Score, string? Comment);

    public static IServiceCollection AddIsoDienTuPages(this IServiceCollection services)
    {
        services.AddSingleton<DocumentStore>();
        // On a prepared pool of its own, planned once like the list reads' (the scope's branches are switched by
        // parameters at run time, so one plan serves every scope); apart from them because a page takes two connections.
        services.AddKeyedSingleton(Hosting.ServiceRegistration.DashboardPool, (sp, _) =>
        {
            var options = sp.GetRequiredService<Hosting.ServerOptions>();
            return EngineDataSource.Create(options.ConnectionString, maxPoolSize: options.DashboardPoolSize, applicationName: "isodientu dashboard",
                genericPlans: true);
        });
        services.AddSingleton(sp => new DashboardQueries(sp.GetRequiredKeyedService<NpgsqlDataSource>(Hosting.ServiceRegistration.DashboardPool),
            sp.GetRequiredService<ClusterClock>()));
        return services;
    }

    public static void MapDashboard(this IEndpointRouteBuilder app)
    {
        // The figures, the due steps counted by group, and the first page of both lists with the cursors of the next
        // ones; each list pages on by itself below.
        app.MapGet("/api/dashboard", async (DateTimeOffset? from, DateTimeOffset? to, string? unit, int? limit, ClaimsPrincipal user, DashboardQueries queries,
            CancellationToken ct) =>
        {
            var d = await queries.BuildAsync(user.ToActor(), Required(from, "from"), Required(to, "to"), NullIfEmpty(unit), PageCursor.Limit(limit), ct);
            return TypedResults.Ok(new
            {
                d.Index, d.ByUnit, d.ByOfficer, d.ByProcedure, d.Weeks,
                steps = d.Steps.Items, stepsNext = d.Steps.Next, lateDossiers = d.LateDossiers.Items, lateDossiersNext = d.LateDossiers.Next,
            });
        }).RequireAuthorization("oversight").WithTags("Supervision");
        app.MapGet("/api/dashboard/steps", async (string? unit, string? group, string? key, int? limit, string? after, HttpResponse response,
            ClaimsPrincipal user, DashboardQueries queries, CancellationToken ct) =>
            TypedResults.Ok(Paging.Items(response, await queries.DueStepsAsync(user.ToActor(), NullIfEmpty(unit), DueStepGroup.Parse(group, key),
                PageCursor.Limit(limit), PageCursor.Parse(after), ct))))
            .RequireAuthorization("oversight").WithTags("Supervision");
        app.MapGet("/api/dashboard/late-dossiers", async (DateTimeOffset? from, DateTimeOffset? to, string? unit, int? limit, string? after, HttpResponse response,
            ClaimsPrincipal user, DashboardQueries queries, CancellationToken ct) =>
            TypedResults.Ok(Paging.Items(response, await queries.LateDossiersAsync(user.ToActor(), Required(from, "from"), Required(to, "to"), NullIfEmpty(unit),
                PageCursor.Limit(limit), PageCursor.Parse(after), ct))))
            .RequireAuthorization("oversight").WithTags("Supervision");

        // The service's time (simulated or real) for the pages' default periods.
        app.MapGet("/api/clock", async (ClusterClock clock, CancellationToken ct) => TypedResults.Ok(new { now = await clock.NowAsync(ct) }))
            .RequireAuthorization().WithTags("Supervision");

        // Citizens rate once, after the result is returned (status completed).
        app.MapPost("/api/public/dossiers/{code}/rating", async (string code, string? secret, RatingRequest r, DossierEngine engine, NpgsqlDataSource db, ClusterClock clock, CancellationToken ct) =>
        {
            var dossier = await engine.FindByCodeAsync(code, ct);
            if (dossier is null || !DossierEngine.SecretMatches(dossier, secret))
            {
                return Results.Problem(statusCode: 404, title: "Không tìm thấy hồ sơ / Dossier not found");
            }

            if (dossier.Status != DossierStatus.Completed)
            {
                throw new StoreException(StoreError.Conflict, "Đánh giá sau khi nhận kết quả / Rate after the result is returned.", "status");
            }

            var score = r.Score is >= 1 and <= 5 ? r.Score.Value
                : throw new StoreException(StoreError.Invalid, "'score' is 1 to 5.", "score");
            await using var connection = await db.OpenConnectionAsync(ct);
            var now = await clock.NowAsync(connection);
            return !await DossierCounts.RateAsync(connection, dossier.Id, score, r.Comment, now)
                ? throw new StoreException(StoreError.Conflict, "Hồ sơ đã được đánh giá / Already rated.", "score")
                : Results.Ok(new { score });
        }).AllowAnonymous().WithTags("Public");

        app.MapGet("/api/public/dossiers/{code}/rating", async (string code, string? secret, DossierEngine engine, NpgsqlDataSource db, CancellationToken ct) =>
        {
            var dossier = await engine.FindByCodeAsync(code, ct);
            if (dossier is null || !DossierEngine.SecretMatches(dossier, secret))
            {
                return Results.Problem(statusCode: 404, title: "Không tìm thấy hồ sơ / Dossier not found");
            }

            await using var connection = await db.OpenConnectionAsync(ct);
            var score = await connection.ExecuteScalarAsync<int?>("select score from dossier_ratings where dossier_id = @Id", new { dossier.Id });
            return Results.Ok(new { score, canRate = score is null && dossier.Status == DossierStatus.Completed });
        }).AllowAnonymous().WithTags("Public");

        // The pages' own routes: the SPA under /app and the citizens' lookup at /tra-cuu.
        // Dossier codes contain dots (000.00.20.H42-…), so "nonfile" would not do: everything but the built assets.
        app.MapFallbackToFile("/app/{*path:regex(^(?!assets/).*$)}", "app/index.html").AllowAnonymous();
        app.MapFallbackToFile("/tra-cuu", "app/index.html").AllowAnonymous();
    }

    private static DateTimeOffset Required(DateTimeOffset? value, string field) =>
        value ?? throw new StoreException(StoreError.Invalid, $"'{field}' is required.", field);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

using Dapper;
using IsoDienTu.Server.Hosting;
using Npgsql;

namespace IsoDienTu.Server.Api;

public static class HealthEndpoints
{
    /// <summary>A probe that takes longer than this counts as the database being unavailable.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => TypedResults.Ok(new { status = "live" })).AllowAnonymous().WithTags("Health");
        // Ready = migrated and the database answers now: a balancer stops sending requests during an outage and
        // sends them again once PostgreSQL is back, without the node being restarted.
        app.MapGet("/health/ready", async (Readiness readiness, NpgsqlDataSource db, CancellationToken ct) =>
        {
            if (!readiness.IsReady)
            {
                return Results.Problem(statusCode: 503, title: "Đang khởi động / Starting: the database is being migrated.");
            }

            return await DatabaseAnswersAsync(db, ct)
                ? Results.Ok(new { status = "ready" })
                : Results.Problem(statusCode: 503, title: ProblemExceptionHandler.DatabaseUnavailable, detail: ProblemExceptionHandler.RetryLater);
        }).AllowAnonymous().WithTags("Health");
    }

    private static async Task<bool> DatabaseAnswersAsync(NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await using var connection = await db.OpenConnectionAsync(timeout.Token);
            return await connection.ExecuteScalarAsync<int>(new CommandDefinition("select 1", cancellationToken: timeout.Token)) == 1;
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return false;
        }
    }
}

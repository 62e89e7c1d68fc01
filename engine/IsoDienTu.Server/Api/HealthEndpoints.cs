using IsoDienTu.Server.Hosting;

namespace IsoDienTu.Server.Api;

public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => TypedResults.Ok(new { status = "live" })).AllowAnonymous().WithTags("Health");
        app.MapGet("/health/ready", (Readiness readiness) => readiness.IsReady
                ? Results.Ok(new { status = "ready" })
                : Results.Problem(statusCode: 503, title: "Starting: the database is being migrated."))
            .AllowAnonymous().WithTags("Health");
    }
}

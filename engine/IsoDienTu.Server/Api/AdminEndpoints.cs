using IsoDienTu.Engine.Postgres;

namespace IsoDienTu.Server.Api;

public static class AdminEndpoints
{
    public sealed record UnitRequest(string? Code, string? Name, string? ParentCode);

    public sealed record UserRequest(string? Username, string? Password, string? FullName, string? UnitCode, string[]? Roles);

    public sealed record ClockRequest(DateTimeOffset? Now);

    public sealed record CalendarRequest(DateOnly[]? Holidays, DateOnly[]? WorkingDays, string? Source);

    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization("admin");
        admin.MapPost("/units", async (UnitRequest r, OrganisationStore org, CancellationToken ct) =>
            TypedResults.Created($"/api/admin/units/{r.Code}", await org.AddUnitAsync(r.Code!, r.Name!, r.ParentCode, ct))).Idempotent();
        admin.MapGet("/units", async (OrganisationStore org, CancellationToken ct) => TypedResults.Ok(await org.UnitsAsync(ct)));
        admin.MapPost("/users", async (UserRequest r, OrganisationStore org, CancellationToken ct) =>
            TypedResults.Created($"/api/admin/users/{r.Username}",
                await org.AddUserAsync(r.Username!, r.Password ?? "", r.FullName!, r.UnitCode, r.Roles ?? [], ct))).Idempotent();
        admin.MapGet("/users", async (OrganisationStore org, CancellationToken ct) => TypedResults.Ok(await org.UsersAsync(ct)));
        admin.MapGet("/clock", async (ClusterClock clock, CancellationToken ct) =>
            TypedResults.Ok(new { now = await clock.NowAsync(ct), simulated = clock.IsSimulated }));
        admin.MapPost("/clock", async (ClockRequest r, ClusterClock clock, IServiceProvider services, CancellationToken ct) =>
        {
            if (!clock.IsSimulated)
            {
                return Results.NotFound();
            }

            var now = await clock.SetAsync(r.Now ?? throw new StoreException(StoreError.Invalid, "'now' is required.", "now"), ct);
            // Timers due by the new time fire promptly rather than at the next poll.
            if (services.GetService<IClockMovedListener>() is { } listener)
            {
                await listener.ClockMovedAsync(ct);
            }

            return Results.Ok(new { now });
        });

        admin.MapGet("/timers", async (OperationsQueries ops, CancellationToken ct) =>
            TypedResults.Ok(new { health = await ops.TimersAsync(ct), failed = await ops.FailedAsync(ct) }));
        admin.MapPost("/timers/{id:long}/retry", async (long id, OperationsQueries ops, CancellationToken ct) =>
        {
            await ops.RetryAsync(id, ct);
            return Results.NoContent();
        });

        // Units and roles feed the designer's pick lists.
        app.MapGet("/api/units", async (OrganisationStore org, CancellationToken ct) => TypedResults.Ok(await org.UnitsAsync(ct)))
            .RequireAuthorization().WithTags("Admin");
        app.MapGet("/api/roles", () => TypedResults.Ok(OrganisationStore.KnownRoles)).RequireAuthorization().WithTags("Admin");

        var calendars = app.MapGroup("/api/calendars").WithTags("Calendars");
        calendars.MapGet("/{year:int}", async (int year, CalendarStore store, CancellationToken ct) =>
        {
            var y = await store.GetAsync(year, ct);
            return TypedResults.Ok(new { y.Year, y.Holidays, y.WorkingDays, y.Source, y.Confirmed });
        }).RequireAuthorization();
        calendars.MapPut("/{year:int}", async (int year, CalendarRequest r, CalendarStore store, CancellationToken ct) =>
        {
            await store.PutAsync(year, r.Holidays ?? [], r.WorkingDays ?? [], r.Source ?? "", ct);
            var y = await store.GetAsync(year, ct);
            return TypedResults.Ok(new { y.Year, y.Holidays, y.WorkingDays, y.Source, y.Confirmed });
        }).RequireAuthorization("admin");
    }
}

/// <summary>Told when an admin moves the simulated clock (the scheduler runs due work at once).</summary>
public interface IClockMovedListener
{
    Task ClockMovedAsync(CancellationToken cancellationToken);
}

using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using IsoDienTu.Engine.Postgres;
using IsoDienTu.Server.Auth;

namespace IsoDienTu.Server.Api;

public static class TaskEndpoints
{
    public sealed record TaskView(long Id, string DossierCode, string StepId, string Name, string Kind, string? UnitCode, string? Role,
        string? Assignee, DateTimeOffset? DueAt, string Status, bool DueSoon, bool Overdue, DateTimeOffset CreatedAt, int Version);

    public sealed record CompleteRequest(string? Outcome, string? Comment, ImmutableDictionary<string, JsonElement>? Variables);

    public sealed record ReassignRequest(string? Username);

    public sealed record ReturnRequest(string? Reason);

    public static void MapTasks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization();
        // A page of the list (limit, default 50, at most 500) after the cursor "after"; the next page's cursor comes in
        // the Next-Cursor header, absent on the last page.
        group.MapGet("/", async (string? scope, int? limit, string? after, HttpResponse response, ClaimsPrincipal user, TaskInbox inbox,
            ClusterClock clock, EngineOptions options, CancellationToken ct) =>
        {
            var page = await inbox.ListAsync(user.ToActor(), scope ?? "available", PageCursor.Limit(limit), PageCursor.Parse(after), ct);
            var now = await clock.NowAsync(ct);
            return TypedResults.Ok(Paging.Items(response, page).Select(t => View(t, now, options.DueSoonShare)));
        });
        group.MapGet("/{id:long}", async (long id, ClaimsPrincipal user, TaskService tasks, ClusterClock clock, EngineOptions options, CancellationToken ct) =>
            TypedResults.Ok(View(await tasks.GetAsync(id, ct), await clock.NowAsync(ct), options.DueSoonShare)));
        group.MapPost("/{id:long}/claim", async (long id, ClaimsPrincipal user, TaskService tasks, ClusterClock clock, EngineOptions options, CancellationToken ct) =>
            TypedResults.Ok(View(await tasks.ClaimAsync(id, user.ToActor(), ct), await clock.NowAsync(ct), options.DueSoonShare))).Idempotent();
        group.MapPost("/{id:long}/release", async (long id, ClaimsPrincipal user, TaskService tasks, ClusterClock clock, EngineOptions options, CancellationToken ct) =>
            TypedResults.Ok(View(await tasks.ReleaseAsync(id, user.ToActor(), ct), await clock.NowAsync(ct), options.DueSoonShare))).Idempotent();
        group.MapPost("/{id:long}/reassign", async (long id, ReassignRequest r, ClaimsPrincipal user, TaskService tasks, ClusterClock clock, EngineOptions options, CancellationToken ct) =>
            TypedResults.Ok(View(await tasks.ReassignAsync(id, r.Username ?? throw new StoreException(StoreError.Invalid, "'username' is required.", "username"),
                user.ToActor(), ct), await clock.NowAsync(ct), options.DueSoonShare))).Idempotent();
        group.MapPost("/{id:long}/complete", async (long id, CompleteRequest? r, ClaimsPrincipal user, TaskService tasks, ClusterClock clock, EngineOptions options, CancellationToken ct) =>
            TypedResults.Ok(View(await tasks.CompleteAsync(id, user.ToActor(), r?.Outcome, r?.Comment, r?.Variables, ct), await clock.NowAsync(ct), options.DueSoonShare)))
            .Idempotent();
        group.MapPost("/{id:long}/return", async (long id, ReturnRequest? r, ClaimsPrincipal user, TaskService tasks, ClusterClock clock, EngineOptions options, CancellationToken ct) =>
            TypedResults.Ok(View(await tasks.ReturnAsync(id, user.ToActor(), r?.Reason, ct), await clock.NowAsync(ct), options.DueSoonShare))).Idempotent();
    }

    /// <summary>Due soon: open, not yet due, and past the configured share of its allotment.</summary>
    internal static TaskView View(TaskRow t, DateTimeOffset now, double dueSoonShare)
    {
        var open = t.Status == "open";
        var overdue = open && t.DueAt is { } due && now > due;
        var dueSoon = open && !overdue && t.DueAt is { } d && now >= t.CreatedAt + ((d - t.CreatedAt) * dueSoonShare);
        return new TaskView(t.Id, t.DossierCode, t.ElementId, t.Name, t.Kind, t.UnitCode, t.Role, t.Assignee, t.DueAt, t.Status, dueSoon, overdue || t.Overdue && open, t.CreatedAt, t.Version);
    }
}

using Dapper;
using Npgsql;

namespace IsoDienTu.Engine.Postgres;

public sealed record OverdueStep
{
    public long TaskId { get; init; }
    public string DossierCode { get; init; } = "";
    public string Name { get; init; } = "";
    public string ElementId { get; init; } = "";
    public string? UnitCode { get; init; }
    public string? Role { get; init; }
    public string? Assignee { get; init; }
    public DateTimeOffset? DueAt { get; init; }
}

public sealed record OverdueDossier
{
    public string Code { get; init; } = "";
    public string DefinitionKey { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public DateTimeOffset? OriginalDueAt { get; init; }
    public int ApologyCount { get; init; }
    public bool ApologyNeeded { get; init; }
}

public sealed record NotificationRow
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string Message { get; init; } = "";
    public string? DossierCode { get; init; }
    public long? TaskId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ReadAt { get; init; }
}

/// <summary>
/// One line of Biểu 06/VPCP/KSTT (Circular 01/2020/TT-VPCP): columns (3)–(13) for one field (procedure).
/// Identities: 3 = 4 + 5 + 6; 7 = 8 + 9 + 10; 11 = 12 + 13; 3 = 7 + 11.
/// </summary>
public sealed record ProcessingReportRow(
    string Field, int Total, int ReceivedOnline, int ReceivedDirect, int CarriedOver,
    int Resolved, int ResolvedEarly, int ResolvedOnTime, int ResolvedLate,
    int InProgress, int InProgressWithinDeadline, int InProgressOverdue);

/// <summary>Read-side queries for supervisors, reports and notifications. Everything is scoped to the caller's unit subtree.</summary>
public sealed class SupervisionQueries(NpgsqlDataSource dataSource, ClusterClock clock)
{
    public async Task<(IReadOnlyList<OverdueStep> Steps, IReadOnlyList<OverdueDossier> Dossiers)> OverdueAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var now = await clock.NowAsync(connection);
        var all = actor.Has("admin") || (actor.Has("supervisor") && actor.UnitCode is null);
        var units = await OrganisationStore.SubtreeAsync(connection, actor.UnitCode);
        var steps = await connection.QueryAsync<OverdueStep>("""
            select t.id as task_id, d.code as dossier_code, t.name, t.element_id, t.unit_code, t.role, t.assignee, t.due_at
            from tasks t join dossiers d on d.id = t.dossier_id
            where t.status = 'open' and t.due_at < @now and (@all or t.unit_code = any(@units))
            order by t.due_at limit 1000
            """, new { now, all, units });
        var dossiers = await connection.QueryAsync<OverdueDossier>("""
            select d.code, d.definition_key, d.status, d.received_at, d.due_at, d.original_due_at, d.apology_count,
                   (d.apology_count = 0) as apology_needed
            from dossiers d
            where d.finished_at is null and d.due_at < @now
              and (@all or d.unit_code = any(@units)
                   or exists (select 1 from tasks t where t.dossier_id = d.id and t.status = 'open' and t.unit_code = any(@units)))
            order by d.due_at limit 1000
            """, new { now, all, units });
        return ([.. steps], [.. dossiers]);
    }

    public async Task<IReadOnlyList<NotificationRow>> NotificationsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var units = await OrganisationStore.SubtreeAsync(connection, actor.UnitCode);
        return [.. await connection.QueryAsync<NotificationRow>("""
            select n.id, n.kind, n.message, d.code as dossier_code, n.task_id, n.created_at, n.read_at
            from notifications n left join dossiers d on d.id = n.dossier_id
            where n.username = @Username
               or (n.username is null and n.role = any(@Roles) and (n.unit_code is null or n.unit_code = any(@units)))
            order by n.created_at desc, n.id desc limit 200
            """, new { actor.Username, Roles = actor.Roles.ToArray(), units })];
    }

    /// <summary>
    /// Biểu 06 for [from, to): dossiers to resolve = received in the period (online / in person or by post) plus
    /// those carried over; resolved in the period split by early / on time / late against the ORIGINAL due time
    /// (an apology does not make a late dossier on time); the rest in progress at the end of the period.
    /// </summary>
    public async Task<IReadOnlyList<ProcessingReportRow>> ProcessingReportAsync(DateTimeOffset from, DateTimeOffset to, string? unit, CancellationToken cancellationToken = default)
    {
        if (to <= from)
        {
            throw new StoreException(StoreError.Invalid, "'to' must be after 'from'.", "to");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var units = unit is null ? null : await OrganisationStore.SubtreeAsync(connection, unit);
        var rows = await connection.QueryAsync<(string Field, string Channel, DateTimeOffset ReceivedAt, DateTimeOffset? FinishedAt, DateTimeOffset? Due)>("""
            select coalesce(df.name, d.definition_key) as field, d.channel, d.received_at, d.finished_at, coalesce(d.original_due_at, d.due_at) as due
            from dossiers d join definitions df on df.key = d.definition_key and df.version = d.definition_version
            where d.received_at < @to and (d.finished_at is null or d.finished_at >= @from) and d.parent_dossier_id is null
              and (@units::text[] is null or d.unit_code = any(@units)
                   or exists (select 1 from tasks t where t.dossier_id = d.id and t.unit_code = any(@units)))
            """, new { from, to, units });
        return [.. rows.GroupBy(r => r.Field).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var online = g.Count(r => r.ReceivedAt >= from && r.Channel == "online");
            var direct = g.Count(r => r.ReceivedAt >= from && r.Channel != "online");
            var carried = g.Count(r => r.ReceivedAt < from);
            var resolved = g.Where(r => r.FinishedAt is { } f && f < to).ToList();
            var results = resolved.Select(r => StepResult.Of(r.FinishedAt, r.Due) ?? StepResult.OnTime).ToList();
            var open = g.Where(r => r.FinishedAt is null || r.FinishedAt >= to).ToList();
            var overdue = open.Count(r => r.Due is { } due && due < to);
            return new ProcessingReportRow(g.Key, online + direct + carried, online, direct, carried,
                resolved.Count, results.Count(r => r == StepResult.Early), results.Count(r => r == StepResult.OnTime), results.Count(r => r == StepResult.Late),
                open.Count, open.Count - overdue, overdue);
        })];
    }
}

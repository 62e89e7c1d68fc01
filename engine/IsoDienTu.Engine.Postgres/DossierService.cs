using System.Collections.Immutable;
using System.Text.Json;
using Dapper;
using Npgsql;
using IsoDienTu.Engine.Definitions;
using IsoDienTu.Engine.Runtime;

namespace IsoDienTu.Engine.Postgres;

/// <summary>Dossier-level actions of the one-stop lifecycle beyond the officer's tasks.</summary>
public sealed class DossierService(DossierEngine engine, NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Who may see a dossier: the one-stop unit and admins see all; heads, leaders and supervisors what passed
    /// through their unit subtree; other officers what passed through their unit or their own hands.
    /// </summary>
    public async Task<DossierRow> RequireVisibleAsync(string code, Actor actor, CancellationToken cancellationToken = default)
    {
        var dossier = await RequireAsync(code, cancellationToken);
        if (actor.Has("admin") || actor.Has("receiver"))
        {
            return dossier;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var units = actor.IsOversight || actor.Has("leader")
            ? await OrganisationStore.SubtreeAsync(connection, actor.UnitCode)
            : actor.UnitCode is null ? [] : [actor.UnitCode];
        var visible = await connection.ExecuteScalarAsync<bool>("""
            select exists (select 1 from tasks t where t.dossier_id = @Id
                and (t.unit_code = any(@units) or t.assignee = @Username or t.completed_by = @Username))
            or @UnitCode = any(@units)
            """, new { dossier.Id, units, actor.Username, dossier.UnitCode });
        return visible ? dossier : throw new StoreException(StoreError.Forbidden, $"Dossier {code} has not passed through your unit.");
    }

    public async Task<DossierRow> RequireAsync(string code, CancellationToken cancellationToken = default) =>
        await engine.FindByCodeAsync(code, cancellationToken) ?? throw new StoreException(StoreError.NotFound, $"No dossier with code {code}.", "code");

    /// <summary>
    /// The applicant's supplement: the documents are added to the dossier and delivered to the wait marked
    /// <c>iso:waitsFor="supplement"</c>; the statutory clock then restarts or resumes per the procedure.
    /// </summary>
    public async Task<DossierRow> SupplementAsync(string code, IReadOnlyList<string> documents, string actor, CancellationToken cancellationToken = default)
    {
        if (documents is not { Count: > 0 })
        {
            throw new StoreException(StoreError.Invalid, "A supplement lists at least one document.", "documents");
        }

        var dossier = await RequireAsync(code, cancellationToken);
        return await engine.InTransactionAsync(async (connection, tx) =>
        {
            var now = await engine.Clock.NowAsync(connection);
            await engine.StepAsync(connection, tx, dossier.Id, (definition, state) =>
            {
                var wait = state.Subscriptions.FirstOrDefault(s => s.Kind == SubscriptionKind.Message
                        && definition.Node(s.ElementId) is IntermediateCatchEvent { IsSupplementWait: true })
                    ?? throw new StoreException(StoreError.Conflict, $"Dossier {code} is not waiting for a supplement.", "code");
                return new DeliverMessage(wait.Name, ImmutableDictionary<string, JsonElement>.Empty.Add("supplement", JsonSerializer.SerializeToElement(documents)));
            }, actor, now);
            await connection.ExecuteAsync(
                "update dossiers set documents = documents || @added::jsonb where id = @Id",
                new { added = JsonSerializer.Serialize(documents), dossier.Id }, tx);
            return await DossierEngine.GetAsync(connection, dossier.Id, tx);
        }, cancellationToken);
    }

    public async Task<DossierRow> MessageAsync(string code, string name, ImmutableDictionary<string, JsonElement>? variables, string actor, CancellationToken cancellationToken = default)
    {
        var dossier = await RequireAsync(code, cancellationToken);
        return await engine.ExecuteAsync(dossier.Id, _ => new DeliverMessage(name, variables), actor, cancellationToken: cancellationToken);
    }

    /// <summary>Stop at the applicant's request (dừng giải quyết, Decree 118/2025 art. 21).</summary>
    public async Task<DossierRow> WithdrawAsync(string code, string reason, string actor, CancellationToken cancellationToken = default)
    {
        var dossier = await RequireAsync(code, cancellationToken);
        return await engine.ExecuteAsync(dossier.Id, _ => new CancelInstance(string.IsNullOrWhiteSpace(reason) ? "withdrawn by the applicant" : reason), actor, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Apology and new appointment for a late dossier (domain notes §1.10): at most once per dossier; the slip shows
    /// the new date, statistics keep the original due date (the dossier still counts as late).
    /// </summary>
    public async Task<DossierRow> ApologyAsync(string code, DateTimeOffset newDueAt, string reason, Actor actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new StoreException(StoreError.Invalid, "The apology states the reason for the delay.", "reason");
        }

        var dossier = await RequireAsync(code, cancellationToken);
        return await engine.InTransactionAsync(async (connection, tx) =>
        {
            // Lock before reading, so two concurrent apologies cannot both see "none yet".
            await connection.ExecuteAsync("select 1 from dossiers where id = @Id for update", new { dossier.Id }, tx);
            var locked = await DossierEngine.GetAsync(connection, dossier.Id, tx);
            var now = await engine.Clock.NowAsync(connection);
            if (locked.ApologyCount > 0)
            {
                throw new StoreException(StoreError.Conflict, $"Dossier {code} has already been re-appointed once; the law allows no second time.", "newDueAt");
            }

            if (locked.FinishedAt is not null)
            {
                throw new StoreException(StoreError.Conflict, $"Dossier {code} is finished.", "code");
            }

            if (locked.ClockStoppedAt is not null)
            {
                throw new StoreException(StoreError.Conflict,
                    $"Dossier {code} is waiting with its statutory clock stopped (since {locked.ClockStoppedAt:O}): it is not late, no apology is due.", "code");
            }

            if (newDueAt <= (locked.DueAt ?? now))
            {
                throw new StoreException(StoreError.Invalid, "The new appointment must be later than the current one.", "newDueAt");
            }

            // The applicant comes back on the new date: it must be a working day, within office hours.
            var calendar = await CalendarStore.LoadAsync(connection);
            var local = newDueAt.ToOffset(TimeSpan.FromHours(7));
            var day = DateOnly.FromDateTime(local.DateTime);
            if (!calendar.IsWorkingInstant(newDueAt) && !(calendar.IsWorkingDay(day) && newDueAt == calendar.EndOfWorkingDay(day)))
            {
                throw new StoreException(StoreError.Invalid,
                    $"The new appointment {local:dd/MM/yyyy HH:mm} is not within office hours of a working day.", "newDueAt");
            }

            await connection.ExecuteAsync("""
                insert into apologies (dossier_id, reason, old_due_at, new_due_at, created_by, created_at)
                values (@Id, @reason, @DueAt, @newDueAt, @Username, @now)
                """, new { locked.Id, reason, locked.DueAt, newDueAt, actor.Username, now }, tx);
            await connection.ExecuteAsync("""
                update dossiers set due_at = @newDueAt, apology_count = apology_count + 1, version = version + 1 where id = @Id
                """, new { newDueAt, locked.Id }, tx);
            await DossierCounts.ApologisedAsync(connection, tx, locked.Id);
            await connection.ExecuteAsync("""
                update tasks set status = 'completed', completed_at = @now, completed_by = @Username, comment = @reason, version = version + 1
                where dossier_id = @Id and kind = 'apology' and status = 'open'
                """, new { now, actor.Username, reason, locked.Id }, tx);
            await connection.ExecuteAsync("""
                delete from timers where dossier_id = @Id and kind in ('dossier_due', 'apology') and status = 'pending'
                """, new { locked.Id }, tx);
            await connection.ExecuteAsync("""
                insert into timers (dossier_id, kind, due_at, status, created_at) values (@Id, 'dossier_due', @newDueAt, 'pending', @now)
                """, new { locked.Id, newDueAt, now }, tx);
            return await DossierEngine.GetAsync(connection, dossier.Id, tx);
        }, cancellationToken);
    }
}

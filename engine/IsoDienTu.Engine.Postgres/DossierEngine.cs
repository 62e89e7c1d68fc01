using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using IsoDienTu.Engine.Calendar;
using IsoDienTu.Engine.Definitions;
using IsoDienTu.Engine.Runtime;
using Npgsql;

namespace IsoDienTu.Engine.Postgres;

/// <summary>
/// Runs engine steps against PostgreSQL, one transaction per step: lock the dossier row, decide with the pure
/// interpreter, store the new state with its version, append the journal, and carry out the effects as rows
/// (tasks, timers, notifications, child dossiers) — all committed together or not at all.
/// </summary>
public sealed partial class DossierEngine(
    NpgsqlDataSource dataSource,
    DefinitionStore definitions,
    ClusterClock clock,
    EngineOptions options)
{
    private const string DossierColumns = """
        id, code, definition_key, definition_version, status, channel, applicant::text as applicant, documents::text as documents,
        received_at, due_at, original_due_at, clock_stopped_at, finished_at, result_returned_at, unit_code, late, apology_count,
        parent_dossier_id, parent_call_id, state::text as state, version, lookup_secret
        """;

    public ClusterClock Clock => clock;

    /// <summary>Receives a dossier: issues its code, pins the latest published version, starts the process.</summary>
    public async Task<(DossierRow Dossier, string LookupSecret)> StartAsync(StartDossierRequest request, string? actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Applicant?.Name))
        {
            throw new StoreException(StoreError.Invalid, "The applicant's name is required.", "applicant.name");
        }

        return await InTransactionAsync(async (connection, tx) =>
        {
            var now = await clock.NowAsync(connection);
            var version = await DefinitionStore.LatestPublishedAsync(connection, request.ProcedureKey, tx);
            var secret = NewSecret();
            var dossierId = await InsertDossierAsync(connection, tx, request, version, now, secret, parentId: null, parentCallId: null);
            var writes = new StepWrites(connection, tx);
            var locked = await LockAsync(connection, tx, "@dossierId", new { dossierId }, $"Dossier {dossierId} does not exist.");
            await StepAsync(writes, locked, (_, _) => new StartInstance(request.Variables, now, request.Channel), actor, now, flush: false);
            // The counts and then the code go out with the step's writes, last: the day's count rows and the sequence
            // row are shared by every reception and stay locked until the commit.
            DossierCounts.Received(writes, dossierId);
            var issued = IssueCode(writes, dossierId, request.AgencyCode ?? options.AgencyCode, now);
            await writes.FlushAsync();
            return (issued.Value, secret);
        }, cancellationToken);
    }

    /// <summary>Runs one command against a dossier; <paramref name="build"/> sees the current state under the lock.</summary>
    public Task<DossierRow> ExecuteAsync(long dossierId, Func<InstanceState, Command> build, string? actor, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (connection, tx) =>
        {
            var now = await clock.NowAsync(connection);
            await StepAsync(connection, tx, dossierId, build, actor, now, expectedVersion);
            return await GetAsync(connection, dossierId, tx);
        }, cancellationToken);

    public async Task<DossierRow?> FindByCodeAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DossierRow>($"select {DossierColumns} from dossiers where code = @code", new { code });
    }

    /// <summary>Dossiers in one status, soonest due first (index dossiers_status_due), at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<DossierRow>> ListByStatusAsync(string status, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<DossierRow>(
            $"select {DossierColumns} from dossiers where status = @status order by due_at nulls last, id limit @limit", new { status, limit })];
    }

    public async Task<DossierRow> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, id, null);
    }

    internal static async Task<DossierRow> GetAsync(NpgsqlConnection connection, long id, NpgsqlTransaction? tx) =>
        await connection.QuerySingleOrDefaultAsync<DossierRow>($"select {DossierColumns} from dossiers where id = @id", new { id }, tx)
        ?? throw new StoreException(StoreError.NotFound, $"Dossier {id} does not exist.");

    public static bool SecretMatches(DossierRow dossier, string? secret) =>
        secret is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(HashSecret(secret)), Encoding.ASCII.GetBytes(dossier.LookupSecret));

    /// <summary>
    /// The heart of "one transaction per engine step". The row lock serialises steps of one dossier across all
    /// nodes; <paramref name="expectedVersion"/> turns a stale client view into a conflict instead of a lost update.
    /// </summary>
    internal Task<Decision> StepAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long dossierId,
        Func<InstanceState, Command> build, string? actor, DateTimeOffset now, int? expectedVersion = null) =>
        StepAsync(connection, tx, dossierId, (_, state) => build(state), actor, now, expectedVersion);

    internal async Task<Decision> StepAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long dossierId,
        Func<ProcessDefinition, InstanceState, Command> build, string? actor, DateTimeOffset now, int? expectedVersion = null) =>
        await StepAsync(new StepWrites(connection, tx), await LockAsync(connection, tx, "@dossierId", new { dossierId }, $"Dossier {dossierId} does not exist."),
            build, actor, now, expectedVersion);

    /// <summary>A step on a dossier already locked; what the caller queued in <paramref name="writes"/> goes in the step's batch.</summary>
    internal Task<Decision> StepAsync(StepWrites writes, LockedDossier locked,
        Func<InstanceState, Command> build, string? actor, DateTimeOffset now, int? expectedVersion = null) =>
        StepAsync(writes, locked, (_, state) => build(state), actor, now, expectedVersion);

    /// <summary>
    /// Locks a dossier and reads, in the same round trip, what its step needs besides the row: the calendar's
    /// version and the dossier-level watches. <paramref name="dossierIdSql"/> names the dossier (a parameter, or a
    /// subquery such as the dossier of a task); <paramref name="then"/> adds statements to the same batch, run after
    /// the lock, whose results <paramref name="readThen"/> reads — so a task can be locked after its dossier (the lock
    /// order everywhere) without another round trip.
    /// </summary>
    internal static async Task<LockedDossier> LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string dossierIdSql, object parameters,
        string notFound, string? then = null, Func<SqlMapper.GridReader, Task>? readThen = null)
    {
        string version;
        DossierRow dossier;
        List<(string Kind, DateTimeOffset DueAt)> watches;
        await using (var grid = await connection.QueryMultipleAsync($"""
            select {DossierColumns} from dossiers where id = {dossierIdSql} for update;
            {CalendarStore.VersionSql};
            select kind, due_at from timers where dossier_id = {dossierIdSql} and kind in ('dossier_due', 'apology') and status = 'pending';
            {then}
            """, parameters, tx))
        {
            dossier = await grid.ReadSingleOrDefaultAsync<DossierRow>()
                ?? throw new StoreException(StoreError.NotFound, notFound);
            version = await grid.ReadSingleAsync<string>();
            watches = [.. await grid.ReadAsync<(string, DateTimeOffset)>()];
            if (readThen is not null)
            {
                await readThen(grid);
            }
        }

        return new LockedDossier(dossier, await CalendarStore.ForVersionAsync(connection, version, tx), watches);
    }

    /// <summary>
    /// The step itself. Its writes go out as one batch at the end, with whatever the caller queued before; with
    /// <paramref name="flush"/> false the caller queues more and flushes.
    /// </summary>
    internal async Task<Decision> StepAsync(StepWrites writes, LockedDossier locked,
        Func<ProcessDefinition, InstanceState, Command> build, string? actor, DateTimeOffset now, int? expectedVersion = null, bool flush = true)
    {
        var (dossier, calendar, watches) = locked;
        var dossierId = dossier.Id;
        if (expectedVersion is { } expected && expected != dossier.Version)
        {
            throw new StoreException(StoreError.Conflict, $"Dossier {dossier.Code} has changed (version {dossier.Version}, you had {expected}).");
        }

        var definition = await definitions.LoadAsync(writes.Connection, dossier.DefinitionKey, dossier.DefinitionVersion, writes.Transaction);
        var state = EngineJson.Deserialize<InstanceState>(dossier.State);
        var command = build(definition, state);
        Decision decision;
        try
        {
            decision = Interpreter.Decide(definition, state, command, now, calendar);
        }
        catch (EngineException e)
        {
            throw new EngineRefusedException(e);
        }

        var status = DossierStatus.Derive(definition, decision.State, decision.Events);
        var clockState = decision.State.Clock;
        var stoppedSince = decision.State.IsEnded ? null : clockState.PausedSince;
        // The new state and its journal entry in one statement: no journal row unless the versioned update matched.
        writes.Add("""
            with updated as (
                update dossiers set state = @state::jsonb, version = version + 1, status = @status,
                    due_at = @due, original_due_at = coalesce(@statutory, original_due_at), clock_stopped_at = @stopped,
                    finished_at = case when @ended then coalesce(finished_at, @now) else finished_at end
                where id = @dossierId and version = @Version
                returning id)
            insert into journal (dossier_id, revision, at, actor, command, events)
            select id, @Revision, @now, @actor, @command::jsonb, @events::jsonb from updated
            """, new
        {
            state = EngineJson.Serialize(decision.State),
            status,
            due = DossierDue(dossier, clockState),
            statutory = clockState.DueAt,
            stopped = stoppedSince,
            ended = decision.State.IsEnded,
            now,
            dossierId,
            dossier.Version,
            decision.State.Revision,
            actor,
            command = EngineJson.Serialize(command),
            events = EngineJson.Serialize(decision.Events),
        }, updated =>
        {
            if (updated != 1)
            {
                throw new StoreException(StoreError.Conflict, $"Dossier {dossier.Code} was changed concurrently.");
            }
        });

        var context = new StepContext(writes, dossier, definition, calendar, now, actor);
        await ApplyEffectsAsync(context, decision);
        WatchDossierDue(context, decision, watches);
        if (flush)
        {
            await writes.FlushAsync();
        }

        return decision;
    }

    /// <summary>An apology's new appointment replaces the statutory due time on the slip; statistics keep the original.</summary>
    private static DateTimeOffset? DossierDue(DossierRow dossier, DossierClock clock) =>
        dossier.ApologyCount > 0 ? dossier.DueAt : clock.DueAt;

    internal async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            var result = await work(connection, tx);
            await tx.CommitAsync(cancellationToken);
            return result;
        }
        catch (PostgresException e)
        {
            throw StoreException.Translate(e);
        }
    }

    /// <summary>
    /// Inserts the dossier under a provisional code (<c>~id</c>); <see cref="IssueCodeAsync"/> gives it its real code
    /// as the last write of the transaction.
    /// </summary>
    private static async Task<long> InsertDossierAsync(NpgsqlConnection connection, NpgsqlTransaction tx, StartDossierRequest request,
        int version, DateTimeOffset now, string secret, long? parentId, long? parentCallId)
    {
        var initial = InstanceState.New("", request.ProcedureKey, version);
        return await connection.ExecuteScalarAsync<long>("""
            insert into dossiers (id, code, definition_key, definition_version, status, channel, applicant, documents, received_at,
                                  lookup_secret, parent_dossier_id, parent_call_id, state, version, created_at)
            select n.id, '~' || n.id, @ProcedureKey, @version, 'received', @channel, @applicant::jsonb, @documents::jsonb, @now,
                   @secret, @parentId, @parentCallId, @state::jsonb, 0, @now
            from (select nextval('dossiers_id_seq') as id) n
            returning id
            """, new
        {
            request.ProcedureKey,
            version,
            channel = JsonNamingPolicy.CamelCase.ConvertName(request.Channel.ToString()),
            applicant = JsonSerializer.Serialize(request.Applicant, EngineJson.Options),
            documents = JsonSerializer.Serialize(request.Documents ?? [], EngineJson.Options),
            now,
            secret = HashSecret(secret),
            parentId,
            parentCallId,
            state = EngineJson.Serialize(initial),
        }, tx);
    }

    /// <summary>
    /// Dossier code <c>&lt;agency&gt;-YYMMDD-XXXX</c> (Circular 01/2018/TT-VPCP art. 19): the day's sequence per agency,
    /// issued in the receiving transaction, so a number is never skipped or reused; it grows past four digits rather
    /// than wrapping. The sequence row stays locked until commit, which serialises the receptions of one agency: it
    /// is therefore the last write before commit (an earlier version took it first and held it through the whole
    /// step, which capped receptions near 200 a second).
    /// </summary>
    private static StepWrites.Row<DossierRow> IssueCode(StepWrites writes, long dossierId, string agency, DateTimeOffset now)
    {
        var day = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(7)).DateTime);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{agency}-{day:yyMMdd}-");
        return writes.AddSingle<DossierRow>($$"""
            with next as (
                insert into dossier_sequences (agency_code, day, last_value) values (@agency, @day, 1)
                on conflict (agency_code, day) do update set last_value = dossier_sequences.last_value + 1
                returning last_value::text as n),
            issued as (select @prefix || lpad(n, greatest(4, length(n)), '0') as issued_code from next)
            update dossiers set code = issued.issued_code, state = jsonb_set(dossiers.state, '{instanceId}', to_jsonb(issued.issued_code))
            from issued where dossiers.id = @dossierId
            returning {{DossierColumns}}
            """, new { agency, day, prefix, dossierId });
    }

    private static string NewSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(5));

    private static string HashSecret(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret.ToUpperInvariant())));
}

/// <summary>The interpreter refused the command; carries its code and element id to the HTTP edge.</summary>
public sealed class EngineRefusedException(EngineException inner)
    : StoreException(inner.Code == EngineError.TaskNotFound ? StoreError.Conflict : StoreError.Invalid, inner.Message, inner.ElementId, inner)
{
    public EngineError Code { get; } = inner.Code;
}

/// <summary>A dossier row locked for a step, with the working calendar and its pending dossier-level watches.</summary>
internal sealed record LockedDossier(DossierRow Row, WorkingCalendar Calendar, IReadOnlyList<(string Kind, DateTimeOffset DueAt)> Watches);

/// <summary>Settings of the adapter.</summary>
public sealed record EngineOptions
{
    /// <summary>The receiving agency's national identifier used in dossier codes.</summary>
    public string AgencyCode { get; init; } = "000.00.20.H42";
    /// <summary>Share of a step's allotment after which it is "due soon" and a reminder goes out [policy].</summary>
    public double DueSoonShare { get; init; } = 0.75;
    /// <summary>A due timer that keeps failing is parked after this many attempts.</summary>
    public int MaxTimerAttempts { get; init; } = 5;
    public string NodeName { get; init; } = Environment.MachineName;
}

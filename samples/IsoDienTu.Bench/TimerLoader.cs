using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace IsoDienTu.Bench;

/// <summary>
/// Loads many dossiers fast by copying, with set-based SQL, exactly the rows the engine wrote for one real dossier
/// started through the API (the template): the dossier with its state, its tasks, its timers (step watches pointing
/// at the copied tasks) and its journal. Each copy gets its own code from the agency's day sequence, its own lookup
/// secret, and its BPMN timer due at the time asked — in the timers row, in the state and in the journal's
/// <c>timerScheduled</c> event alike, as if the engine had scheduled it then.
/// </summary>
internal sealed partial class TimerLoader(NpgsqlDataSource db, long templateId)
{
    private const int Chunk = 5000;

    public async Task<List<long>> CloneAsync(IReadOnlyList<DateTimeOffset> dues)
    {
        await using var connection = await db.OpenConnectionAsync();
        var (code, localId) = await TemplateAsync(connection);
        var match = CodePattern().Match(code);
        var agency = match.Groups["agency"].Value;
        var yymmdd = match.Groups["day"].Value;
        var day = DateOnly.ParseExact(yymmdd, "yyMMdd", CultureInfo.InvariantCulture);
        var ids = new List<long>(dues.Count);
        for (var offset = 0; offset < dues.Count; offset += Chunk)
        {
            var chunk = dues.Skip(offset).Take(Chunk).ToArray();
            await using var tx = await connection.BeginTransactionAsync();
            var last = await ScalarAsync<int>(connection, tx, """
                update dossier_sequences set last_value = last_value + @n where agency_code = @agency and day = @day returning last_value
                """, ("n", chunk.Length), ("agency", agency), ("day", day));
            var first = last - chunk.Length + 1;
            var codes = chunk.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"{agency}-{yymmdd}-{first + i:D4}")).ToArray();
            await ExecuteAsync(connection, tx, """
                create temp table clone_plan (n int primary key, code text not null, lookup_secret text not null, timer_due timestamptz not null) on commit drop;
                create temp table clone_map (n int primary key, id bigint not null, timer_due timestamptz not null) on commit drop;
                """);
            await ExecuteAsync(connection, tx, "insert into clone_plan select * from unnest(@n, @codes, @secrets, @dues)",
                ("n", Enumerable.Range(0, chunk.Length).ToArray()), ("codes", codes), ("secrets", codes.Select(_ => Secret()).ToArray()),
                ("dues", chunk.Select(d => d.ToUniversalTime()).ToArray()));
            await ExecuteAsync(connection, tx, CloneSql, ("template", templateId), ("localId", localId));
            await using (var read = new NpgsqlCommand("select id from clone_map order by n", connection, tx))
            await using (var reader = await read.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    ids.Add(reader.GetInt64(0));
                }
            }

            await tx.CommitAsync();
        }

        return ids;
    }

    /// <summary>The template's code and the interpreter's id of its one BPMN timer; refuses rows the copy would miss.</summary>
    private async Task<(string Code, long LocalId)> TemplateAsync(NpgsqlConnection connection)
    {
        var others = await ScalarAsync<long>(connection, null, """
            select (select count(*) from notifications where dossier_id = @id) + (select count(*) from dossier_documents where dossier_id = @id)
                 + (select count(*) from apologies where dossier_id = @id) + (select count(*) from dossier_ratings where dossier_id = @id)
            """, ("id", templateId));
        if (others != 0)
        {
            throw new InvalidOperationException("The template dossier has rows the loader does not copy (notifications, documents, …).");
        }

        var code = await ScalarAsync<string>(connection, null, "select code from dossiers where id = @id", ("id", templateId));
        var localId = await ScalarAsync<long>(connection, null,
            "select local_id from timers where dossier_id = @id and kind = 'bpmn' and status = 'pending'", ("id", templateId));
        return (code, localId);
    }

    /// <summary>The engine stores the SHA-256 of the upper-cased secret (DossierEngine.HashSecret).</summary>
    private static string Secret() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(5)))));

    private const string CloneSql = """
        with ins as (
            insert into dossiers (code, definition_key, definition_version, status, channel, applicant, documents, received_at, due_at,
                original_due_at, finished_at, result_returned_at, lookup_secret, unit_code, late, apology_count, parent_dossier_id,
                parent_call_id, state, version, created_at)
            select p.code, d.definition_key, d.definition_version, d.status, d.channel, d.applicant, d.documents, d.received_at, d.due_at,
                d.original_due_at, d.finished_at, d.result_returned_at, p.lookup_secret, d.unit_code, d.late, d.apology_count,
                d.parent_dossier_id, d.parent_call_id,
                jsonb_set(jsonb_set(d.state, '{instanceId}', to_jsonb(p.code)), '{timers}',
                    (select jsonb_agg(case when (t->>'id')::bigint = @localId then jsonb_set(t, '{dueAt}', to_jsonb(p.timer_due)) else t end order by o)
                     from jsonb_array_elements(d.state->'timers') with ordinality x(t, o))),
                d.version, d.created_at
            from clone_plan p cross join dossiers d where d.id = @template
            order by p.n
            returning id, code)
        insert into clone_map select p.n, ins.id, p.timer_due from ins join clone_plan p using (code);

        insert into tasks (dossier_id, kind, local_id, element_id, name, unit_code, role, assignee, candidate_groups, candidate_users,
            status, created_at, due_at, overdue, completed_at, completed_by, outcome, comment, version)
        select m.id, t.kind, t.local_id, t.element_id, t.name, t.unit_code, t.role, t.assignee, t.candidate_groups, t.candidate_users,
            t.status, t.created_at, t.due_at, t.overdue, t.completed_at, t.completed_by, t.outcome, t.comment, t.version
        from clone_map m cross join tasks t where t.dossier_id = @template order by m.n, t.id;

        insert into timers (dossier_id, kind, local_id, task_id, element_id, due_at, status, attempts, last_error, fired_at, fired_by, lag_ms, created_at)
        select m.id, t.kind, t.local_id, nt.id, t.element_id,
            case when t.kind = 'bpmn' and t.local_id = @localId then m.timer_due else t.due_at end,
            t.status, t.attempts, t.last_error, t.fired_at, t.fired_by, t.lag_ms, t.created_at
        from clone_map m cross join timers t
        left join tasks tt on tt.id = t.task_id
        left join tasks nt on nt.dossier_id = m.id and nt.local_id = tt.local_id
        where t.dossier_id = @template order by m.n, t.id;

        insert into journal (dossier_id, revision, at, actor, command, events, recorded_at)
        select m.id, j.revision, j.at, j.actor, j.command,
            (select jsonb_agg(case when e->>'event' = 'timerScheduled' and (e->>'timerId')::bigint = @localId
                                   then jsonb_set(e, '{dueAt}', to_jsonb(m.timer_due)) else e end order by o)
             from jsonb_array_elements(j.events) with ordinality x(e, o)),
            j.recorded_at
        from clone_map m cross join journal j where j.dossier_id = @template order by m.n, j.revision;
        """;

    internal static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, tx, sql, parameters);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, tx, sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 600 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    [GeneratedRegex(@"^(?<agency>.+)-(?<day>\d{6})-(?<seq>\d+)$")]
    private static partial Regex CodePattern();
}

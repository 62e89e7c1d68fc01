using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace IsoDienTu.Bench;

/// <summary>
/// Firing lag under a burst, in real (wall-clock) time against the running server(s): tops the database up to the
/// wanted number of pending timers, makes <see cref="BenchOptions.Burst"/> BPMN timers fall due within one second a
/// little in the future, waits until they have fired and reports the lag (commit − due) percentiles and how long the
/// burst took to drain. Every loaded dossier is a copy of one started through the API (<see cref="TimerLoader"/>);
/// after the burst, every burst dossier is checked to have escalated exactly once.
/// </summary>
internal static class TimerRun
{
    private const string Key = "timerbench";
    private const string Unit = "TBENCH";
    private const string Designer = "tbench.designer";
    private const string Password = "bench123456";
    private static readonly string[] DesignerRoles = ["designer", "receiver"];
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    public static async Task<string> RunAsync(BenchOptions o)
    {
        await using var db = NpgsqlDataSource.Create(o.Db ?? throw new ArgumentException("--db is required with --mode timers."));
        var designer = await SetUpAsync(o);
        var templateCode = (await designer.PostOkAsync("/api/dossiers", new { procedureKey = Key, applicant = new { name = "Mẫu tải / template" } }))
            .GetProperty("code").GetString()!;
        await using var connection = await db.OpenConnectionAsync();
        var templateId = await TimerLoader.ScalarAsync<long>(connection, null, "select id from dossiers where code = @code", ("code", templateCode));
        var perDossier = (int)await TimerLoader.ScalarAsync<long>(connection, null,
            "select count(*) from timers where dossier_id = @templateId and status = 'pending'", ("templateId", templateId));
        var loader = new TimerLoader(db, templateId);
        var report = new StringBuilder();

        // The background: dossiers whose BPMN timer falls due later (over the next days), up to the wanted total.
        var pending = await PendingAsync(connection);
        var background = Math.Max(0, (int)((o.Timers - pending - ((long)(o.Burst + o.Warmup) * perDossier)) / perDossier));
        var watch = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        await loader.CloneAsync([.. Enumerable.Range(0, background).Select(i => now.AddHours(1) + (TimeSpan.FromDays(4) * i / Math.Max(1, background)))]);
        var loadTime = watch.Elapsed;
        if (background > 0)
        {
            // As autovacuum would after a bulk load; the checkpoint keeps the load's writes out of the burst.
            await TimerLoader.ExecuteAsync(connection, null, "analyze dossiers; analyze tasks; analyze timers; analyze journal; checkpoint");
        }

        // A warm-up burst first, not counted: a freshly started server still compiles its firing path (tiered JIT),
        // which a service that has run for a while has long done.
        if (o.Warmup > 0)
        {
            var soon = DateTimeOffset.UtcNow.AddSeconds(2);
            var warm = await loader.CloneAsync([.. Enumerable.Range(0, o.Warmup).Select(i => soon + (TimeSpan.FromSeconds(1) * i / o.Warmup))]);
            await WaitAsync(connection, await IdsAsync(connection, "select id from timers where dossier_id = any(@ids) and kind = 'bpmn'", warm), soon + Deadline);
        }

        // The burst: due times spread evenly over the spread, starting on a whole second a little ahead.
        var start = DateTimeOffset.UtcNow.AddSeconds(o.LeadSeconds);
        start = start.AddTicks(-(start.UtcTicks % TimeSpan.TicksPerSecond)).AddSeconds(1);
        var dues = Enumerable.Range(0, o.Burst).Select(i => start + (TimeSpan.FromMilliseconds(o.SpreadMs) * i / o.Burst)).ToList();
        var burst = await loader.CloneAsync(dues);
        var armed = DateTimeOffset.UtcNow;
        var total = await PendingAsync(connection);
        if (armed > start)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  warning: the burst was loaded {(armed - start).TotalMilliseconds:0} ms after its first due time; raise --lead");
        }

        var timerIds = await IdsAsync(connection, "select id from timers where dossier_id = any(@ids) and kind = 'bpmn' order by due_at", burst);
        var left = await WaitAsync(connection, timerIds, start + TimeSpan.FromMilliseconds(o.SpreadMs) + Deadline);
        var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[0] : "?";

        report.Insert(0, string.Create(CultureInfo.InvariantCulture,
            $"timers{(o.Label.Length > 0 ? $" [{o.Label}]" : "")}: {total:N0} pending when the burst fell due ({perDossier} per dossier; {background:N0} dossiers loaded by SQL in {loadTime.TotalSeconds:0.0} s); burst {o.Burst:N0} due over {o.SpreadMs} ms, after a warm-up burst of {o.Warmup}\n"));
        report.Append(await FiguresAsync(connection, timerIds, start));
        report.Append(await CheckAsync(connection, burst, designer));
        report.AppendLine(CultureInfo.InvariantCulture, $"  machine: {Environment.ProcessorCount} cores, load average {load} after the burst");
        if (left > 0)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  NOT DRAINED: {left} burst timers still pending after {Deadline.TotalMinutes:0} min");
        }

        return report.ToString();
    }

    /// <summary>A unit, a designer-receiver and the procedure (a step with an interrupting boundary timer), once per database.</summary>
    private static async Task<Api> SetUpAsync(BenchOptions o)
    {
        var admin = await Api.LoginAsync(o.Url, "admin", o.AdminPassword);
        if (!(await admin.GetAsync("/api/admin/units")).EnumerateArray().Any(u => u.GetProperty("code").GetString() == Unit))
        {
            await admin.PostOkAsync("/api/admin/units", new { code = Unit, name = "Đơn vị đo hẹn giờ / timer bench unit" });
            await admin.PostOkAsync("/api/admin/users", new { username = Designer, password = Password, fullName = "Bench designer", unitCode = Unit, roles = DesignerRoles });
        }

        var designer = await Api.LoginAsync(o.Url, Designer, Password);
        var published = (await designer.GetAsync("/api/definitions")).EnumerateArray()
            .Any(d => d.GetProperty("key").GetString() == Key && d.GetProperty("status").GetString() == "published");
        if (!published)
        {
            var draft = await designer.PostXmlAsync("/api/definitions", Procedure);
            await designer.PostOkAsync($"/api/definitions/{Key}/versions/{draft.GetProperty("version").GetInt32()}/publish", new { });
        }

        return designer;
    }

    private static async Task<long> PendingAsync(NpgsqlConnection connection) =>
        await TimerLoader.ScalarAsync<long>(connection, null, "select count(*) from timers where status = 'pending'");

    private static async Task<long[]> IdsAsync(NpgsqlConnection connection, string sql, List<long> ids)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        var result = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetInt64(0));
        }

        return [.. result];
    }

    /// <summary>Polls until no burst timer is pending, or the deadline; returns how many are left.</summary>
    private static async Task<long> WaitAsync(NpgsqlConnection connection, long[] timerIds, DateTimeOffset deadline)
    {
        while (true)
        {
            var left = await TimerLoader.ScalarAsync<long>(connection, null,
                "select count(*) from timers where id = any(@ids) and status = 'pending'", ("ids", timerIds));
            if (left == 0 || DateTimeOffset.UtcNow > deadline)
            {
                return left;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Lag = when the firing transaction committed − due time: the commit timestamp of the row version that marked
    /// the timer fired (track_commit_timestamp), else the recorded fired_at (taken when the firing transaction began).
    /// </summary>
    private static async Task<string> FiguresAsync(NpgsqlConnection connection, long[] timerIds, DateTimeOffset start)
    {
        var commits = await TimerLoader.ScalarAsync<string>(connection, null, "select current_setting('track_commit_timestamp')") == "on";
        var committed = commits ? "pg_xact_commit_timestamp(t.xmin)" : "t.fired_at";
        await using var command = new NpgsqlCommand($"""
            select count(*) filter (where status = 'fired'), count(*) filter (where status = 'failed'),
                percentile_cont(0.5) within group (order by lag), percentile_cont(0.99) within group (order by lag), max(lag),
                percentile_cont(0.5) within group (order by lag_ms), percentile_cont(0.99) within group (order by lag_ms), max(lag_ms),
                extract(epoch from max(committed) - @start) * 1000,
                (select string_agg(fired_by || ' ' || n, ', ' order by fired_by)
                 from (select fired_by, count(*) n from timers where id = any(@ids) group by fired_by) f)
            from (select t.status, t.lag_ms, {committed} as committed, extract(epoch from {committed} - t.due_at) * 1000 as lag
                  from timers t where t.id = any(@ids)) x
            """, connection);
        command.Parameters.AddWithValue("ids", timerIds);
        command.Parameters.AddWithValue("start", start);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        double D(int i) => reader.IsDBNull(i) ? double.NaN : reader.GetDouble(i);
        var fired = reader.GetInt64(0);
        var drain = D(8);
        return string.Create(CultureInfo.InvariantCulture, $"""
              lag (commit − due{(commits ? "" : ", fired_at: commit timestamps off")}): p50 {D(2):0} ms, p99 {D(3):0} ms, max {D(4):0} ms; recorded lag_ms: p50 {D(5):0}, p99 {D(6):0}, max {D(7):0}
              burst drained {drain / 1000:0.00} s after its first due time ({fired * 1000 / drain:0}/s); fired {fired}, failed {reader.GetInt64(1)}; by node: {(reader.IsDBNull(9) ? "-" : reader.GetString(9))}

            """);
    }

    /// <summary>Every burst dossier (all loaded by SQL) went through the boundary timer exactly once, as the engine does it.</summary>
    private static async Task<string> CheckAsync(NpgsqlConnection connection, List<long> burst, Api api)
    {
        var good = await TimerLoader.ScalarAsync<long>(connection, null, """
            select count(*) from dossiers d where d.id = any(@ids) and d.version = 2
              and (select count(*) from tasks where dossier_id = d.id and element_id = 'escalated' and status = 'open') = 1
              and (select count(*) from tasks where dossier_id = d.id and element_id = 'wait' and status = 'cancelled') = 1
              and (select count(*) from journal j, jsonb_array_elements(j.events) e where j.dossier_id = d.id and e->>'event' = 'timerFired') = 1
              and (select count(*) from timers where dossier_id = d.id and status = 'pending' and kind in ('step_reminder', 'step_due')
                   and task_id = (select id from tasks where dossier_id = d.id and element_id = 'escalated')) = 2
            """, ("ids", burst.ToArray()));
        var code = await TimerLoader.ScalarAsync<string>(connection, null, "select code from dossiers where id = @id", ("id", burst[0]));
        var sheet = await api.GetAsync($"/api/dossiers/{code}/journal");
        var events = sheet.ValueKind == JsonValueKind.Array ? sheet.GetArrayLength() : -1;
        return string.Create(CultureInfo.InvariantCulture,
            $"  check: {good}/{burst.Count} burst dossiers (loaded by SQL) escalated once, journaled timerFired once, with the new step's watches; {code}: {events} journal entries via the API\n");
    }

    private const string Procedure = $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:iso="urn:isodientu:bpmn:1" id="d" targetNamespace="urn:bench">
          <process id="{Key}" name="Đo hẹn giờ / timer bench" isExecutable="true" iso:procedureCode="BENCH.T" iso:deadline="P5D">
            <startEvent id="s" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
            <userTask id="wait" name="Xử lý" iso:unit="{Unit}" iso:role="specialist" iso:allotment="P2D" />
            <boundaryEvent id="late" attachedToRef="wait">
              <timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <sequenceFlow id="f2" sourceRef="wait" targetRef="e" />
            <sequenceFlow id="f3" sourceRef="late" targetRef="escalated" />
            <userTask id="escalated" name="Xử lý quá hạn" iso:unit="{Unit}" iso:role="head" iso:allotment="P1D" />
            <sequenceFlow id="f4" sourceRef="escalated" targetRef="e" />
            <endEvent id="e" />
          </process>
        </definitions>
        """;
}

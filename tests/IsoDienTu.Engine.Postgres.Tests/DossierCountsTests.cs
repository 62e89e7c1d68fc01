using System.Collections.Immutable;
using System.Text.Json;
using Dapper;
using IsoDienTu.Engine.Calendar;
using Npgsql;

namespace IsoDienTu.Engine.Postgres.Tests;

/// <summary>
/// The dashboard and the Biểu 06 report read counts kept as dossiers move (migration 0010, DossierCounts). Over three
/// weeks of dossiers driven through the engine — several units, a procedure crossing two communes of a district,
/// online and in person, early, on time and late, apologised, rated, digitised, sent back for a supplement (its time
/// counted afresh when complete, or still waiting with the clock stopped), some still open — every figure must
/// equal the aggregate it replaced (<see cref="AggregateOracle"/>) for every scope and period, and rebuilding the
/// counts from the dossiers (what the migration does to an existing database) must give the same rows.
/// </summary>
public sealed class DossierCountsTests(DossierCountsTests.Data d) : IClassFixture<DossierCountsTests.Data>
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);
    private static readonly DateTimeOffset Base = new(2026, 3, 2, 0, 0, 0, Vn);

    private static string Bpmn(string key, string? deadline, params (string Unit, string Role)[] steps)
    {
        var tasks = string.Concat(steps.Select((s, i) => $"""
            <userTask id="t{i}" iso:unit="{s.Unit}" iso:role="{s.Role}" />
            <sequenceFlow id="f{i + 1}" sourceRef="t{i}" targetRef="{(i + 1 < steps.Length ? $"t{i + 1}" : "e")}" />
            """));
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:iso="urn:isodientu:bpmn:1" id="d" targetNamespace="urn:t">
              <process id="{key}" name="Thủ tục {key}" isExecutable="true" iso:procedureCode="C.{key}" {(deadline is null ? "" : $"iso:deadline=\"{deadline}\"")}>
                <startEvent id="s" />
                <sequenceFlow id="f0" sourceRef="s" targetRef="t0" />
                {tasks}
                <endEvent id="e" />
              </process>
            </definitions>
            """;
    }

    /// <summary>One step that may ask for a supplement; the complete supplement counts the statutory time afresh.</summary>
    private const string Supplemented = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:iso="urn:isodientu:bpmn:1" id="d" targetNamespace="urn:t">
          <message id="msgSupplement" name="supplement" />
          <process id="supp" name="Thủ tục supp" isExecutable="true" iso:procedureCode="C.supp" iso:deadline="P2D" iso:supplementClock="restart">
            <startEvent id="s" />
            <sequenceFlow id="f0" sourceRef="s" targetRef="t0" />
            <userTask id="t0" iso:unit="D2" iso:role="specialist" iso:outcomes="approve,supplement" />
            <sequenceFlow id="f1" sourceRef="t0" targetRef="g" />
            <exclusiveGateway id="g" default="fDone" />
            <sequenceFlow id="fSupplement" sourceRef="g" targetRef="w">
              <conditionExpression>outcome == 'supplement'</conditionExpression>
            </sequenceFlow>
            <sequenceFlow id="fDone" sourceRef="g" targetRef="e" />
            <intermediateCatchEvent id="w" iso:waitsFor="supplement">
              <messageEventDefinition messageRef="msgSupplement" />
            </intermediateCatchEvent>
            <sequenceFlow id="fBack" sourceRef="w" targetRef="t0" />
            <endEvent id="e" />
          </process>
        </definitions>
        """;

    public sealed class Data : IAsyncLifetime
    {
        public EngineFixture F { get; } = new();

        public const int Days = 21;

        public async Task InitializeAsync()
        {
            await F.InitializeAsync();
            await using (var c = await F.DataSource.OpenConnectionAsync())
            {
                await c.ExecuteAsync("""
                    insert into units (code, name, parent_code) values ('P', 'Tỉnh', null), ('Q', 'Khác', null);
                    insert into units (code, name, parent_code) values ('D1', 'Huyện 1', 'P'), ('D2', 'Huyện 2', 'P');
                    insert into units (code, name, parent_code) values ('C1', 'Xã 1', 'D1'), ('C2', 'Xã 2', 'D1');
                    """);
            }

            var keys = new[]
            {
                await F.PublishAsync(Bpmn("cross", "P3D", ("C1", "specialist"), ("C2", "specialist"))),
                await F.PublishAsync(Bpmn("district", "P1D", ("D2", "head"))),
                await F.PublishAsync(Bpmn("loose", null, ("Q", "specialist"))),
                await F.PublishAsync(Supplemented),
            };
            var supplementAsked = new HashSet<long>();
            var missing = ImmutableDictionary<string, JsonElement>.Empty.Add("missingDocuments", JsonSerializer.SerializeToElement(new[] { "Bản vẽ" }));
            var documents = new DocumentStore(F.DataSource, F.Clock);
            var service = new DossierService(F.Engine, F.DataSource);
            var pdf = "%PDF-1.4 test"u8.ToArray();
            for (var day = 0; day < Days; day++)
            {
                await F.Clock.SetAsync(Base.AddDays(day).AddHours(9));
                foreach (var (key, i) in keys.Select((k, i) => (k, i)))
                {
                    var channel = (day + i) % 3 == 0 ? ReceptionChannel.Online : ReceptionChannel.Direct;
                    var (dossier, _) = await F.Engine.StartAsync(new StartDossierRequest(key, new Applicant("Trần Thị B"), channel), "recv");
                    if (dossier.Id % 4 == 1)
                    {
                        await documents.AddAsync(dossier.Id, "scan.pdf", pdf, "recv");
                    }
                }

                await F.Clock.SetAsync(Base.AddDays(day).AddHours(11));
                await using var c = await F.DataSource.OpenConnectionAsync();
                foreach (var t in await c.QueryAsync<(long Id, string Unit, string Role, string Key)>("""
                    select t.id, t.unit_code, t.role, d.definition_key from tasks t join dossiers d on d.id = t.dossier_id
                    where t.status = 'open' and t.kind = 'step' and (t.id + @day) % 3 = 0 order by t.id
                    """, new { day }))
                {
                    await F.Tasks.CompleteAsync(t.Id, new Actor("officer", t.Unit, [t.Role]), t.Key == "supp" ? "approve" : null, null, null);
                }

                // The supplement procedure's dossiers not approved at once are sent back once for a supplement: their clock stops.
                foreach (var (taskId, dossierId) in await c.QueryAsync<(long, long)>(
                    "select t.id, t.dossier_id from tasks t join dossiers d on d.id = t.dossier_id where t.status = 'open' and d.definition_key = 'supp' and d.id % 2 = 0 order by t.id"))
                {
                    if (supplementAsked.Add(dossierId))
                    {
                        await F.Tasks.CompleteAsync(taskId, new Actor("officer", "D2", ["specialist"]), "supplement", null, missing);
                    }
                }

                // A document scanned later still makes its dossier digitised, counted on its reception day.
                foreach (var id in await c.QueryAsync<long>("select id from dossiers where id % 7 = 3 and id % 4 <> 1 and received_at < @now - interval '1 day' and not exists (select 1 from dossier_documents where dossier_id = dossiers.id)", new { now = Base.AddDays(day) }))
                {
                    await documents.AddAsync(id, "late-scan.pdf", pdf, "recv");
                }

                await F.Clock.SetAsync(Base.AddDays(day).AddHours(15));
                // Most come back complete two to four days later (the time is counted afresh, past their first due time);
                // some never do, and wait past it with their clock stopped.
                foreach (var code in await c.QueryAsync<string>(
                    "select code from dossiers where clock_stopped_at < @now - interval '2 days' and id % 4 = 0 and id % 3 <> 0", new { now = Base.AddDays(day).AddHours(15) }))
                {
                    await service.SupplementAsync(code, ["Bản vẽ"], "recv");
                }

                foreach (var (code, due) in await c.QueryAsync<(string, DateTimeOffset)>(
                    "select code, due_at from dossiers where finished_at is null and clock_stopped_at is null and apology_count = 0 and due_at < @now and (id / 4) % 2 = 0", new { now = Base.AddDays(day).AddHours(15) }))
                {
                    await service.ApologyAsync(code, NextWorkingMorning(due > Base.AddDays(day) ? due : Base.AddDays(day)), "Chờ ý kiến liên ngành", new Actor("head", "D2", ["head"]));
                }

                foreach (var id in await c.QueryAsync<long>("select id from dossiers d where finished_at is not null and id % 3 <> 1 and not exists (select 1 from dossier_ratings r where r.dossier_id = d.id)"))
                {
                    (await DossierCounts.RateAsync(c, id, (int)(id % 5) + 1, null, Base.AddDays(day).AddHours(16))).ShouldBeTrue();
                }
            }
        }

        private static DateTimeOffset NextWorkingMorning(DateTimeOffset after)
        {
            var day = after.ToOffset(Vn).Date.AddDays(2);
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                day = day.AddDays(1);
            }

            return new DateTimeOffset(day.AddHours(10), Vn);
        }

        public Task DisposeAsync() => F.DisposeAsync();
    }

    public static TheoryData<string?> Scopes => new() { null, "P", "D1", "C1", "C2", "D2", "Q", "NOPE" };

    /// <summary>Periods as the pages ask for them: from 00:00 of the first day to 00:00 after the last.</summary>
    private static readonly (int From, int To)[] Periods = [(0, 21), (0, 1), (3, 10), (7, 8), (10, 21), (12, 40), (-5, 0), (-30, 60), (20, 21)];

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Dashboard_FromCounts_EqualsTheAggregateOverDossiers(string? scope)
    {
        var queries = new DashboardQueries(d.F.DataSource, d.F.Clock);
        await using var c = await d.F.DataSource.OpenConnectionAsync();
        foreach (var (f, t) in Periods)
        {
            var (from, to) = (Base.AddDays(f), Base.AddDays(t));
            var (index, weeks, late) = await AggregateOracle.DashboardAsync(c, from, to, scope, await d.F.Clock.NowAsync());
            var dashboard = await queries.BuildAsync(new Actor("admin", null, ["admin"]), from, to, scope);

            (dashboard.Index with { SatisfactionAverage = null }).ShouldBe(index with { SatisfactionAverage = null }, $"{scope} {f}..{t}");
            (dashboard.Index.SatisfactionAverage ?? -1).ShouldBe(index.SatisfactionAverage ?? -1, 1e-9, $"{scope} {f}..{t}");
            dashboard.Weeks.ShouldBe(weeks, $"{scope} {f}..{t}");
            dashboard.LateDossiers.Items.Select(l => l.Code).ShouldBe(late.Take(PageCursor.DefaultLimit), $"{scope} {f}..{t}");
            var pages = new List<string>();
            for (PageCursor? after = null; ;)
            {
                var page = await queries.LateDossiersAsync(new Actor("admin", null, ["admin"]), from, to, scope, 7, after);
                pages.AddRange(page.Items.Select(l => l.Code));
                if (page.Next is null)
                {
                    break;
                }

                after = PageCursor.Parse(page.Next);
            }

            pages.ShouldBe(late, $"{scope} {f}..{t} (pages of 7)");
        }
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Report_FromCounts_EqualsTheAggregateOverDossiers(string? scope)
    {
        var queries = new SupervisionQueries(d.F.DataSource, d.F.Clock);
        await using var c = await d.F.DataSource.OpenConnectionAsync();
        foreach (var (f, t) in Periods)
        {
            var (from, to) = (Base.AddDays(f), Base.AddDays(t));
            (await queries.ProcessingReportAsync(from, to, scope)).ShouldBe(await AggregateOracle.ReportAsync(c, from, to, scope), $"{scope} {f}..{t}");
        }
    }

    [Fact]
    public async Task Scenario_CoversEveryFigure_AndACrossingDossierCountsOncePerScope()
    {
        await using var c = await d.F.DataSource.OpenConnectionAsync();
        var all = await AggregateOracle.DashboardAsync(c, Base, Base.AddDays(Data.Days), null, await d.F.Clock.NowAsync());
        all.Index.Received.ShouldBe(4 * Data.Days);
        all.Index.ReceivedOnline.ShouldBeGreaterThan(0);
        all.Index.Digitised.ShouldBeGreaterThan(0);
        all.Index.ResolvedLate.ShouldBeGreaterThan(0);
        all.Index.LateWithApology.ShouldBeGreaterThan(0);
        all.Index.Ratings.ShouldBeGreaterThan(0);
        all.Late.Count.ShouldBeGreaterThan(0);
        var report = await AggregateOracle.ReportAsync(c, Base.AddDays(7), Base.AddDays(14), null);
        report.Sum(r => r.CarriedOver).ShouldBeGreaterThan(0);
        report.Sum(r => r.ResolvedEarly).ShouldBeGreaterThan(0);
        var overdueAtSomeEnd = 0;
        for (var end = 1; end <= Data.Days; end++)
        {
            overdueAtSomeEnd += (await AggregateOracle.ReportAsync(c, Base, Base.AddDays(end), null)).Sum(r => r.InProgressOverdue);
        }

        overdueAtSomeEnd.ShouldBeGreaterThan(0);

        // Sent back for a supplement: some came back complete, had their time counted afresh and finished after their
        // first due time but within the new one, judged on time; some still wait past their first due time with the
        // clock stopped, and are on no late list.
        (await c.ExecuteScalarAsync<int>("""
            select count(*)::int from dossiers d
            where d.definition_key = 'supp' and d.finished_at > (d.state -> 'clock' ->> 'originalDueAt')::timestamptz
              and d.finished_at <= d.original_due_at
            """)).ShouldBeGreaterThan(0);
        var waiting = (await c.QueryAsync<string>(
            "select code from dossiers where finished_at is null and clock_stopped_at is not null and due_at < @now", new { now = await d.F.Clock.NowAsync() })).ToList();
        waiting.ShouldNotBeEmpty();
        all.Late.ShouldNotContain(code => waiting.Contains(code));

        // Dossiers of "cross" that reached the second commune passed through C1 and C2 of D1: one count for D1 each.
        var crossed = await c.ExecuteScalarAsync<int>("select count(distinct dossier_id) from tasks where unit_code = 'C2'");
        crossed.ShouldBeGreaterThan(0);
        const string Received = "select sum(received)::int from (select * from dossier_counts union all select * from dossier_count_events) c where unit_code = @unit";
        (await c.ExecuteScalarAsync<int>(Received, new { unit = "D1" })).ShouldBe(Data.Days);
        (await c.ExecuteScalarAsync<int>(Received, new { unit = "C2" })).ShouldBe(crossed);
    }

    /// <summary>
    /// A kept row that still counts something. A count moved away from a day (a due time moved by the clock) leaves its
    /// row with every count zero, which adds nothing to any figure; a rebuild does not write such rows.
    /// </summary>
    private const string Counted = "exists (select 1 from jsonb_each(to_jsonb(c) - 'unit_code' - 'day' - 'definition_key' - 'definition_version') e where e.value <> '0')";

    private const string Rows = $"select row_to_json(x)::text from (select * from dossier_counts c where {Counted} order by unit_code, day, definition_key, definition_version) x";

    /// <summary>Runs a migration on the scenario's data (in the caller's transaction), folds, and checks the kept rows against a rebuild.</summary>
    private static async Task MigrateThenMatchARebuildAsync(NpgsqlConnection c, NpgsqlTransaction tx, string migration)
    {
        // As on a database before 0025, whose trigger would move the counts a second time.
        await c.ExecuteAsync("alter table dossiers disable trigger dossiers_judged_due", transaction: tx);
        using (var reader = new StreamReader(typeof(DossierEngine).Assembly.GetManifestResourceStream($"IsoDienTu.Engine.Postgres.Migrations.{migration}.sql")!))
        {
            await c.ExecuteAsync(await reader.ReadToEndAsync(), transaction: tx);
        }

        await c.ExecuteAsync("select fold_dossier_counts()", transaction: tx);
        var migrated = (await c.QueryAsync<string>(Rows, transaction: tx)).ToList();
        await c.ExecuteAsync("select rebuild_dossier_counts()", transaction: tx);
        (await c.QueryAsync<string>(Rows, transaction: tx)).ShouldBe(migrated, migration);
    }

    [Fact]
    public async Task Migration0022_MovesOpenDossiersToTheirStatutoryDueTime_AsTheStepsWould()
    {
        await using var c = await d.F.DataSource.OpenConnectionAsync();
        await using var tx = await c.BeginTransactionAsync();
        var expected = (await c.QueryAsync<string>("select id || ' ' || original_due_at from dossiers order by id", transaction: tx)).ToList();

        // Open dossiers whose time was counted afresh after a supplement, as the engine before 0022 left them: judged
        // against their first due time, and counted so.
        (await c.ExecuteAsync("""
            update dossiers set original_due_at = (state -> 'clock' ->> 'originalDueAt')::timestamptz
            where finished_at is null and original_due_at <> (state -> 'clock' ->> 'originalDueAt')::timestamptz
            """, transaction: tx)).ShouldBeGreaterThan(0);
        await c.ExecuteAsync("select rebuild_dossier_counts()", transaction: tx);

        await MigrateThenMatchARebuildAsync(c, tx, "0022_statutory_due_of_open_dossiers");
        (await c.QueryAsync<string>("select id || ' ' || original_due_at from dossiers order by id", transaction: tx)).ShouldBe(expected);
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task Migration0023_TakesTheWaitingDossiersOutOfPastDue_AsTheStepsWould()
    {
        await using var c = await d.F.DataSource.OpenConnectionAsync();
        await using var tx = await c.BeginTransactionAsync();

        // The dossiers waiting now, counted past due as before 0023 (the received side's row on their due day).
        (await c.ExecuteAsync("""
            insert into dossier_count_events (unit_code, day, definition_key, definition_version, due_passed_received)
            select s.unit_code, greatest((d.received_at at time zone 'Asia/Ho_Chi_Minh')::date, (coalesce(d.original_due_at, d.due_at) at time zone 'Asia/Ho_Chi_Minh')::date),
                   d.definition_key, d.definition_version, 1
            from dossiers d join dossier_scopes s on s.dossier_id = d.id
            where d.clock_stopped_at is not null and d.finished_at is null and d.parent_dossier_id is null
            """, transaction: tx)).ShouldBeGreaterThan(0);

        await MigrateThenMatchARebuildAsync(c, tx, "0023_stopped_clock_not_past_due");
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task Rebuild_FromTheDossiers_GivesTheMaintainedRows()
    {
        await using var c = await d.F.DataSource.OpenConnectionAsync();
        await using var tx = await c.BeginTransactionAsync();
        const string Scoped = "select dossier_id || ' ' || unit_code || ' ' || coalesce(open_due_at::text, '-') from dossier_scopes order by dossier_id, unit_code";
        const string Late = "select row_to_json(x)::text from (select * from dossier_late order by unit_code, due_at, dossier_id) x";
        const string Days = $"select row_to_json(x)::text from (select * from dossier_day_counts c where {Counted} order by unit_code, day) x";
        await c.ExecuteAsync("select fold_dossier_counts()", transaction: tx);
        (await c.ExecuteScalarAsync<int>("select count(*)::int from dossier_count_events", transaction: tx)).ShouldBe(0);
        var counts = (await c.QueryAsync<string>(Rows, transaction: tx)).ToList();
        var scopes = (await c.QueryAsync<string>(Scoped, transaction: tx)).ToList();
        var late = (await c.QueryAsync<string>(Late, transaction: tx)).ToList();
        var days = (await c.QueryAsync<string>(Days, transaction: tx)).ToList();
        late.ShouldNotBeEmpty();
        counts.ShouldNotBeEmpty();

        // The per-day sums (migration 0017) are the per-procedure rows summed, as folded.
        (await c.ExecuteScalarAsync<int>("""
            select count(*)::int from (select unit_code, day, sum(received) r, sum(finished_late) l, sum(score_finished) s from dossier_counts group by 1, 2) p
            full join dossier_day_counts d using (unit_code, day)
            where (p.r, p.l, p.s) is distinct from (d.received, d.finished_late, d.score_finished)
            """, transaction: tx)).ShouldBe(0);
        days.Count.ShouldBeGreaterThan(0);

        // A scope row carries its dossier's due time while the dossier is open and its clock runs, and nothing once it
        // has finished or while its clock is stopped (the triggers of migrations 0016 and 0020); the rebuild gives the same.
        (await c.ExecuteScalarAsync<int>("""
            select count(*)::int from dossier_scopes s join dossiers d on d.id = s.dossier_id
            where s.open_due_at is distinct from case when d.finished_at is null and d.clock_stopped_at is null then d.due_at end
            """, transaction: tx)).ShouldBe(0);
        (await c.ExecuteScalarAsync<int>(
            "select count(*)::int from dossier_scopes s join dossiers d on d.id = s.dossier_id where d.clock_stopped_at is not null", transaction: tx))
            .ShouldBeGreaterThan(0);
        (await c.ExecuteScalarAsync<int>("select count(*)::int from dossier_scopes where open_due_at is not null", transaction: tx)).ShouldBeGreaterThan(0);
        (await c.ExecuteScalarAsync<int>(
            "select count(*)::int from dossier_scopes s join dossiers d on d.id = s.dossier_id where d.finished_at is not null", transaction: tx))
            .ShouldBeGreaterThan(0);

        await c.ExecuteAsync("select rebuild_dossier_counts()", transaction: tx);

        (await c.QueryAsync<string>(Scoped, transaction: tx)).ShouldBe(scopes);
        (await c.QueryAsync<string>(Rows, transaction: tx)).ShouldBe(counts);
        (await c.QueryAsync<string>(Late, transaction: tx)).ShouldBe(late);
        (await c.QueryAsync<string>(Days, transaction: tx)).ShouldBe(days);
        await tx.RollbackAsync();
    }
}

using Dapper;
using Npgsql;

namespace IsoDienTu.Engine.Postgres.Tests;

/// <summary>
/// The inbox, overdue and notification reads are shaped for a million dossiers (a capped walk in due order for wide
/// scopes, per-unit reads for narrow ones, per-branch indexes). Over enough open steps for every path to run, each
/// must return exactly what its plain definition says — the straightforward query it replaced — on a pool like the
/// server's (its first use planned for its parameters, the following ones with the session's one generic plan).
/// </summary>
public sealed class ReadQueryTests(ReadQueryTests.Data d) : IClassFixture<ReadQueryTests.Data>
{
    private const string Procedure = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:iso="urn:isodientu:bpmn:1" id="d" targetNamespace="urn:t">
          <process id="reads" isExecutable="true" iso:procedureCode="R.1" iso:deadline="P2D">
            <startEvent id="s" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="work" />
            <userTask id="work" iso:unit="BIG" iso:role="specialist" iso:allotment="PT8H" />
            <sequenceFlow id="f2" sourceRef="work" targetRef="e" />
            <endEvent id="e" />
          </process>
        </definitions>
        """;

    /// <summary>
    /// Units ROOT → BIG, MID, SMALL → SUB. 3,000 open steps: most in BIG, a few hundred in MID, a handful in SMALL, SUB
    /// and no unit; a third claimed; due times from two days ago to two days ahead with many ties; half the dossiers
    /// overdue; notifications to users, to roles in units and to roles everywhere, with tied times; a few steps for
    /// named candidate users or a candidate group; some dossiers waiting with their clock stopped.
    /// </summary>
    public sealed class Data : IAsyncLifetime
    {
        public EngineFixture F { get; } = new();

        public SupervisionQueries Supervision { get; private set; } = null!;

        public TaskInbox Inbox { get; private set; } = null!;

        public DateTimeOffset Now { get; private set; }

        /// <summary>A pool like the server's list reads: prepared after a statement's second use, generic plans.</summary>
        public NpgsqlDataSource Lists { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await F.InitializeAsync();
            Lists = EngineDataSource.Create(F.Database.ConnectionString, genericPlans: true);
            Supervision = new SupervisionQueries(Lists, F.Clock);
            Inbox = new TaskInbox(Lists);
            Now = await F.Clock.NowAsync();
            var key = await F.PublishAsync(Procedure);
            await using var c = await F.DataSource.OpenConnectionAsync();
            await c.ExecuteAsync("""
                insert into units (code, name, parent_code) values ('ROOT', 'Root', null);
                insert into units (code, name, parent_code) values ('BIG', 'Big', 'ROOT'), ('MID', 'Mid', 'ROOT'), ('SMALL', 'Small', 'ROOT');
                insert into units (code, name, parent_code) values ('SUB', 'Sub', 'SMALL');
                insert into dossiers (code, definition_key, definition_version, status, channel, received_at, due_at, finished_at,
                                      lookup_secret, state, created_at)
                select 'R-' || i, @key, 1, 'processing', 'direct', @now - interval '3 days',
                       @now + (i % 7 - 3) * interval '11 hours', case when i % 10 = 0 then @now end, 'x', '{}', @now - interval '3 days'
                from generate_series(1, 3000) i;
                insert into tasks (dossier_id, element_id, name, unit_code, role, assignee, status, created_at, due_at)
                select d.id, 'work', 'Work',
                       case when i % 100 < 80 then 'BIG' when i % 100 < 92 then 'MID' when i % 100 < 95 then 'SMALL'
                            when i % 100 < 97 then 'SUB' end,
                       case when i % 2 = 0 then 'specialist' else 'head' end,
                       case when i % 3 = 0 then 'u' || (i % 5) end,
                       case when i % 50 = 7 then 'completed' else 'open' end,
                       @now - interval '3 days',
                       case when i % 40 = 0 then null else @now + ((i * 7919) % 96 - 48) * interval '1 hour' end
                from generate_series(1, 3000) i join dossiers d on d.code = 'R-' || i;
                -- Each open step's watches, as the engine arms them. The due work ran for half the steps: their watches
                -- due by now fired and flagged them (DueWorkProcessor); the other half's are the backlog.
                insert into timers (dossier_id, kind, task_id, element_id, due_at, status, created_at)
                select t.dossier_id, k.kind, t.id, t.element_id, k.at, 'pending', t.created_at
                from tasks t cross join lateral (values ('step_reminder', t.created_at + (t.due_at - t.created_at) * 0.75), ('step_due', t.due_at)) k(kind, at)
                where t.status = 'open' and t.due_at is not null;
                update tasks t set due_soon = true from timers x
                where x.task_id = t.id and x.kind = 'step_reminder' and x.due_at <= @now and t.id % 2 = 0;
                update tasks t set overdue = true from timers x
                where x.task_id = t.id and x.kind = 'step_due' and x.due_at <= @now and t.id % 2 = 0;
                update timers x set status = 'fired' from tasks t where t.id = x.task_id and x.due_at <= @now and t.id % 2 = 0;
                -- Then flagged steps change hands or end: their counts move with them.
                update tasks set assignee = 'u9' where id % 14 = 0 and (overdue or due_soon);
                update tasks set assignee = null where id % 22 = 0 and assignee is not null and (overdue or due_soon);
                update tasks set status = 'completed' where id % 26 = 0 and (overdue or due_soon);
                delete from timers where status = 'pending' and task_id in (select id from tasks where status <> 'open');
                insert into notifications (username, unit_code, role, kind, message, created_at)
                select case when i % 4 = 0 then 'u' || (i % 5) end,
                       case when i % 4 = 1 then (array['BIG', 'MID', 'SMALL', 'SUB'])[(i / 4) % 4 + 1] end,
                       case when i % 4 <> 0 then (array['specialist', 'head', 'supervisor'])[i % 3 + 1] end,
                       'k', 'm', @now - (i / 3) * interval '1 minute'
                from generate_series(1, 2400) i;
                -- A few steps name their candidates (users, a group) rather than being for a unit's role.
                update tasks set role = 'clerk', candidate_users = array['u1', 'u3'] where id % 37 = 0;
                update tasks set role = 'clerk', candidate_groups = array['specialist'] where id % 41 = 0;
                -- Some open dossiers wait for the applicant with their clock stopped: not late while they wait.
                update dossiers set clock_stopped_at = @now - interval '2 days' where id % 9 = 0 and finished_at is null;
                analyze;
                """, new { key, now = Now });
        }

        public async Task DisposeAsync()
        {
            await Lists.DisposeAsync();
            await F.DisposeAsync();
        }
    }

    public static TheoryData<string, string?, string> Scopes => new()
    {
        { "head.root", "ROOT", "head" },       // every unit: the walk in due order
        { "head.big", "BIG", "head" },         // most open steps: the walk
        { "head.mid", "MID", "head" },         // a tenth: each unit's own steps
        { "head.small", "SMALL", "head" },     // SMALL and SUB, a handful
        { "u1", "BIG", "specialist" },
        { "u3", "MID", "specialist" },
        { "nobody", null, "specialist" },
    };

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task InboxScopes_ReturnExactlyTheirPlainDefinition(string username, string? unit, string role)
    {
        var actor = new Actor(username, unit, [role, "head"]);
        await using var c = await d.F.DataSource.OpenConnectionAsync();
        var units = await OrganisationStore.SubtreeAsync(c, unit);
        var p = new { actor.Username, UnitCode = unit, Roles = actor.Roles.ToArray(), units };

        var assigned = await c.QueryAsync<long>("""
            select t.id from tasks t where t.status = 'open' and t.assignee = @Username order by t.due_at nulls last, t.id
            """, p);
        var available = await c.QueryAsync<long>("""
            select t.id from tasks t
            where t.status = 'open' and t.assignee is null
              and (((t.unit_code = @UnitCode or t.unit_code is null) and t.role = any(@Roles))
                   or t.candidate_users @> array[@Username] or t.candidate_groups && @Roles)
            order by t.due_at nulls last, t.id
            """, p);
        var unitScope = await c.QueryAsync<long>("""
            select t.id from tasks t where t.status = 'open' and t.unit_code = any(@units) order by t.due_at nulls last, t.id
            """, p);

        foreach (var (scope, expected) in new[] { ("assigned", assigned.ToList()), ("available", available.ToList()), ("unit", unitScope.ToList()) })
        {
            // The biggest page, and every page of a small size one after the other: the same rows in the same order.
            (await d.Inbox.ListAsync(actor, scope, 500)).Items.Select(t => t.Id).ShouldBe(expected.Take(500), scope);
            (await AllPagesAsync((after, limit) => d.Inbox.ListAsync(actor, scope, limit, after), t => t.Id)).ShouldBe(expected, scope);
        }
    }

    /// <summary>Reads a list page after page (97 rows each: not a divisor of anything here) until it has no next page.</summary>
    private static async Task<List<TKey>> AllPagesAsync<T, TKey>(Func<PageCursor?, int, Task<Page<T>>> read, Func<T, TKey> key)
    {
        var all = new List<TKey>();
        PageCursor? after = null;
        for (var pages = 0; pages < 1000; pages++)
        {
            var page = await read(after, 97);
            all.AddRange(page.Items.Select(key));
            if (page.Next is null)
            {
                page.Items.Count.ShouldBeLessThanOrEqualTo(97);
                return all;
            }

            page.Items.Count.ShouldBe(97);
            after = PageCursor.Parse(page.Next);
        }

        throw new InvalidOperationException("The pages never ended.");
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task OverdueLists_ReturnExactlyTheirPlainDefinition(string username, string? unit, string role)
    {
        foreach (var actor in new[] { new Actor(username, unit, [role]), new Actor(username, unit, ["admin"]) })
        {
            await using var c = await d.F.DataSource.OpenConnectionAsync();
            var all = actor.Has("admin");
            var p = new { now = d.Now, all, units = await OrganisationStore.SubtreeAsync(c, unit) };
            var steps = await c.QueryAsync<long>("""
                select t.id from tasks t
                where t.status = 'open' and t.due_at < @now and (@all or t.unit_code = any(@units)) order by t.due_at, t.id
                """, p);
            var dossiers = await c.QueryAsync<string>("""
                select d.code from dossiers d
                where d.finished_at is null and d.clock_stopped_at is null and d.due_at < @now
                  and (@all or d.unit_code = any(@units)
                       or exists (select 1 from tasks t where t.dossier_id = d.id and t.status = 'open' and t.unit_code = any(@units)))
                order by d.due_at, d.id
                """, p);

            var (overdueSteps, overdueDossiers) = await d.Supervision.OverdueAsync(actor, 500);

            overdueSteps.Items.Select(s => s.TaskId).ShouldBe(steps.Take(500));
            overdueDossiers.Items.Select(o => o.Code).ShouldBe(dossiers.Take(500));
            (await AllPagesAsync((after, limit) => d.Supervision.OverdueStepsAsync(actor, limit, after), s => s.TaskId)).ShouldBe(steps);
            (await AllPagesAsync((after, limit) => d.Supervision.OverdueDossiersAsync(actor, limit, after), o => o.Code)).ShouldBe(dossiers);
        }
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task DashboardSteps_AndTheirCounts_ReturnExactlyTheirPlainDefinition(string username, string? unit, string role)
    {
        _ = (username, role);
        await using var c = await d.F.DataSource.OpenConnectionAsync();
        // Overdue or due soon by the clock alone: past the due time, or past three quarters of the allotment.
        var expected = (await c.QueryAsync<(long Id, string Unit, string Assignee, string Procedure, bool Overdue)>("""
            select t.id, coalesce(t.unit_code, ''), coalesce(t.assignee, ''), d.definition_key, (t.due_at <= @now)
            from tasks t join dossiers d on d.id = t.dossier_id
            where t.status = 'open' and t.due_at is not null
              and (t.due_at <= @now or t.created_at + (t.due_at - t.created_at) * 0.75 <= @now)
              and (@all or t.unit_code = any(@units))
            order by t.due_at, t.id
            """, new { now = d.Now, all = unit is null, units = await OrganisationStore.SubtreeAsync(c, unit) })).ToList();
        var admin = new Actor("admin", null, ["admin"]);
        expected.Count.ShouldBeGreaterThan(0);
        // On a pool like the server's (prepared, planned once). The steps list reads the cluster's first flagged steps, then
        // (not enough in scope) walks everything or unit by unit: a small first read runs the second path on this data.
        await using var prepared = EngineDataSource.Create(d.F.Database.ConnectionString, genericPlans: true);
        foreach (var walkFirst in new[] { DashboardQueries.DefaultWalkFirst, 7 })
        {
            var queries = new DashboardQueries(prepared, d.F.Clock, walkFirst);
            var dashboard = await queries.BuildAsync(admin, d.Now.AddDays(-30), d.Now, unit);

            dashboard.Steps.Items.Select(s => s.TaskId).ShouldBe(expected.Take(PageCursor.DefaultLimit).Select(e => e.Id));
            dashboard.Steps.Items.Select(s => s.Overdue).ShouldBe(expected.Take(PageCursor.DefaultLimit).Select(e => e.Overdue));
            (await AllPagesAsync((after, limit) => queries.DueStepsAsync(admin, unit, null, limit, after), s => s.TaskId)).ShouldBe(expected.Select(e => e.Id));
            foreach (var (kind, groups, key) in new (string, IReadOnlyList<DueGroup>, Func<(long Id, string Unit, string Assignee, string Procedure, bool Overdue), string>)[]
            {
                ("unit", dashboard.ByUnit, e => e.Unit), ("officer", dashboard.ByOfficer, e => e.Assignee), ("procedure", dashboard.ByProcedure, e => e.Procedure),
            })
            {
                var plain = expected.GroupBy(key).Select(g => new DueGroup { Key = g.Key, Overdue = g.Count(e => e.Overdue), DueSoon = g.Count(e => !e.Overdue) })
                    .OrderByDescending(g => g.Overdue).ThenByDescending(g => g.DueSoon).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
                groups.ShouldBe(plain, kind);
                foreach (var group in plain)
                {
                    (await AllPagesAsync((after, limit) => queries.DueStepsAsync(admin, unit, new DueStepGroup(kind, group.Key), limit, after), s => s.TaskId))
                        .ShouldBe(expected.Where(e => key(e) == group.Key).Select(e => e.Id), $"{kind} {group.Key}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Notifications_ReturnExactlyTheirPlainDefinition(string username, string? unit, string role)
    {
        var actor = new Actor(username, unit, [role, "supervisor"]);
        await using var c = await d.F.DataSource.OpenConnectionAsync();
        var expected = await c.QueryAsync<long>("""
            select n.id from notifications n
            where n.username = @Username
               or (n.username is null and n.role = any(@Roles) and (n.unit_code is null or n.unit_code = any(@units)))
            order by n.created_at desc, n.id desc limit 200
            """, new { actor.Username, Roles = actor.Roles.ToArray(), units = await OrganisationStore.SubtreeAsync(c, unit) });

        var notifications = await d.Supervision.NotificationsAsync(actor);

        expected.Count().ShouldBeGreaterThan(0);
        notifications.Select(n => n.Id).ShouldBe(expected);
    }
}

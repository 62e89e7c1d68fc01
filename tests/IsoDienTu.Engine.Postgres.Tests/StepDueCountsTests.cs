using Dapper;

namespace IsoDienTu.Engine.Postgres.Tests;

/// <summary>
/// The dashboard's counts of open steps due soon and overdue (migration 0014) follow a step through its life: its
/// watches falling due (counted before they fire, kept when they do), claimed, and completed.
/// </summary>
public sealed class StepDueCountsTests(EngineFixture f) : IClassFixture<EngineFixture>
{
    private const string Procedure = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:iso="urn:isodientu:bpmn:1" id="d" targetNamespace="urn:t">
          <process id="due1" isExecutable="true" iso:procedureCode="D.1" iso:deadline="P5D">
            <startEvent id="s" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="work" />
            <userTask id="work" iso:unit="DUE" iso:role="specialist" iso:allotment="P2D" />
            <sequenceFlow id="f2" sourceRef="work" targetRef="e" />
            <endEvent id="e" />
          </process>
        </definitions>
        """;

    private static readonly Actor Admin = new("admin", null, ["admin"]);

    [Fact]
    public async Task A_step_is_counted_due_soon_then_overdue_under_its_owner_until_it_is_done()
    {
        var key = await f.PublishAsync(Procedure);
        var dossier = (await f.StartAsync(key)).Dossier;
        await using var connection = await f.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("insert into units (code, name) values ('DUE', 'Due') on conflict do nothing");
        var (taskId, created, due) = await connection.QuerySingleAsync<(long, DateTimeOffset, DateTimeOffset)>(
            "select id, created_at, due_at from tasks where dossier_id = @Id and status = 'open'", new { dossier.Id });
        var queries = new DashboardQueries(f.DataSource, f.Clock);
        async Task<(DueGroup? Procedure, DueGroup? Officer, IReadOnlyList<long> Steps)> ReadAsync(string officer)
        {
            var now = await f.Clock.NowAsync();
            var d = await queries.BuildAsync(Admin, now.AddDays(-7), now.AddDays(1), "DUE");
            return (d.ByProcedure.SingleOrDefault(g => g.Key == key), d.ByOfficer.SingleOrDefault(g => g.Key == officer),
                [.. d.Steps.Items.Select(s => s.TaskId)]);
        }

        (await ReadAsync("")).Procedure.ShouldBeNull();

        // Past three quarters of the allotment: due soon, already before the reminder fires, and after.
        await f.Clock.SetAsync(created + ((due - created) * 0.9));
        var pending = await ReadAsync("");
        pending.Procedure.ShouldBe(new DueGroup { Key = key, DueSoon = 1 });
        pending.Officer.ShouldBe(new DueGroup { Key = "", DueSoon = 1 });
        pending.Steps.ShouldBe([taskId]);
        await f.Processor("node").ProcessDueAsync(CancellationToken.None);
        (await connection.ExecuteScalarAsync<bool>("select due_soon from tasks where id = @taskId", new { taskId })).ShouldBeTrue();
        (await ReadAsync("")).Procedure.ShouldBe(new DueGroup { Key = key, DueSoon = 1 });

        // Claimed: it moves to the officer.
        await f.Tasks.ClaimAsync(taskId, new Actor("due.officer", "DUE", ["specialist"]));
        var claimed = await ReadAsync("due.officer");
        claimed.Officer.ShouldBe(new DueGroup { Key = "due.officer", DueSoon = 1 });
        (await ReadAsync("")).Officer.ShouldBeNull();

        // Past its due time: overdue, no longer due soon.
        await f.Clock.SetAsync(due.AddMinutes(5));
        (await ReadAsync("due.officer")).Officer.ShouldBe(new DueGroup { Key = "due.officer", Overdue = 1 });
        await f.Processor("node").ProcessDueAsync(CancellationToken.None);
        var overdue = await ReadAsync("due.officer");
        overdue.Procedure.ShouldBe(new DueGroup { Key = key, Overdue = 1 });
        overdue.Officer.ShouldBe(new DueGroup { Key = "due.officer", Overdue = 1 });
        (await queries.DueStepsAsync(Admin, "DUE", new DueStepGroup("officer", "due.officer"))).Items.Single().Overdue.ShouldBeTrue();
        const string Kept = "select unit_code, assignee, procedure, due_soon, overdue from step_due_counts where procedure = @key";
        await f.Processor("node").FoldCountsAsync(CancellationToken.None);
        (await connection.QueryAsync<(string, string, string, int, int)>(Kept, new { key })).ShouldBe([("DUE", "due.officer", key, 0, 1)]);
        await connection.ExecuteAsync("select rebuild_step_due_counts()");
        (await connection.QueryAsync<(string, string, string, int, int)>(Kept, new { key })).ShouldBe([("DUE", "due.officer", key, 0, 1)]);

        // Done: gone from the counts and the list, and every count change is folded (the due-work job folds them).
        await f.Tasks.CompleteAsync(taskId, new Actor("due.officer", "DUE", ["specialist"]), null, null, null);
        var done = await ReadAsync("due.officer");
        (done.Procedure, done.Officer).ShouldBe((null, null));
        done.Steps.ShouldBeEmpty();
        await f.Processor("node").FoldCountsAsync(CancellationToken.None);
        (await connection.ExecuteScalarAsync<long>("select count(*) from step_due_events")).ShouldBe(0);
        (await connection.ExecuteScalarAsync<long>("select count(*) from step_due_counts where procedure = @key", new { key })).ShouldBe(0);
    }
}

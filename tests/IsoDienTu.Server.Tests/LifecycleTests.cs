using System.Net;
using System.Text.Json;
using Dapper;
using IsoDienTu.Server.Tests.Infrastructure;
using Npgsql;

namespace IsoDienTu.Server.Tests;

/// <summary>The one-stop lifecycle through the HTTP API, against real PostgreSQL.</summary>
public sealed class LifecycleTests(ServerFixture server) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private string _key = "";

    public async Task InitializeAsync()
    {
        await Seed.OrganisationAsync(server);
        _key = await Seed.LicenceAsync(server);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> ReceiveAsync(string? idempotencyKey = null)
    {
        using var recv = await Seed.As(server, "recv");
        var response = await recv.PostAsync("/api/dossiers", new
        {
            procedureKey = _key,
            channel = "direct",
            applicant = new { name = "Nguyễn Thị Hoa", idNumber = "001190000001", phone = "0912345678", address = "Hà Nội" },
            documents = new[] { "Đơn đề nghị", "Bản sao CCCD" },
        }, idempotencyKey);
        return await response.ShouldBeAsync(HttpStatusCode.Created);
    }

    private static async Task<JsonElement> TaskOfAsync(ApiClient client, string code, string scope = "available")
    {
        var tasks = await client.GetJsonAsync($"/api/tasks?scope={scope}&limit=500");
        return tasks.EnumerateArray().Single(t => t.GetProperty("dossierCode").GetString() == code);
    }

    [Fact]
    public async Task Dossier_ReceivedProcessedSignedReturned_ControlSheetAndPublicLookup()
    {
        var monday = await Clock.NextMondayAsync(server);
        var dossier = await ReceiveAsync();
        var code = dossier.GetProperty("code").GetString()!;
        code.ShouldMatch(@"^000\.00\.20\.H42-\d{6}-\d{4}$");
        code.ShouldContain($"-{monday:yyMMdd}-");
        dossier.GetProperty("status").GetString().ShouldBe("received");
        dossier.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(Clock.Day(monday, 3, 17));

        using var cv1 = await Seed.As(server, "cv1");
        var examine = await TaskOfAsync(cv1, code);
        examine.GetProperty("stepId").GetString().ShouldBe("examine");
        examine.GetProperty("unitCode").GetString().ShouldBe("PQL");
        await cv1.PostJsonAsync($"/api/tasks/{examine.GetProperty("id").GetInt64()}/complete", new { outcome = "approve", comment = "Đủ điều kiện" });

        await Clock.SetAsync(server, monday.AddHours(2));
        using var ld1 = await Seed.As(server, "ld1");
        var sign = await TaskOfAsync(ld1, code);
        await ld1.PostJsonAsync($"/api/tasks/{sign.GetProperty("id").GetInt64()}/complete", new { outcome = "approve" });

        using var recv = await Seed.As(server, "recv");
        (await recv.GetJsonAsync($"/api/dossiers/{code}")).GetProperty("status").GetString().ShouldBe("resultIssued");
        var handOver = await TaskOfAsync(recv, code);
        await recv.PostJsonAsync($"/api/tasks/{handOver.GetProperty("id").GetInt64()}/complete", new { });

        var view = await recv.GetJsonAsync($"/api/dossiers/{code}");
        view.GetProperty("status").GetString().ShouldBe("completed");
        view.GetProperty("portalStatus").GetInt32().ShouldBe(10);

        var sheet = await recv.GetJsonAsync($"/api/dossiers/{code}/control-sheet");
        var rows = sheet.GetProperty("rows").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("elementId").GetString()).ShouldBe(["examine", "sign", "handOver"]);
        rows[0].GetProperty("doneBy").GetString().ShouldBe("cv1");
        rows[0].GetProperty("result").GetString().ShouldBe("early");
        rows.ShouldAllBe(r => r.GetProperty("result").ValueKind == JsonValueKind.String);

        var secret = dossier.GetProperty("lookupSecret").GetString();
        using var anonymous = server.Client();
        var lookup = await anonymous.GetJsonAsync($"/api/public/dossiers/{code}?secret={secret}");
        lookup.GetProperty("status").GetString().ShouldBe("completed");
        lookup.GetRawText().ShouldNotContain("cv1");
        (await anonymous.GetAsync($"/api/public/dossiers/{code}?secret=WRONG")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Supplement_WaitsThenRestartsTheStatutoryTime()
    {
        var monday = await Clock.NextMondayAsync(server);
        var code = (await ReceiveAsync()).GetProperty("code").GetString()!;
        using var cv1 = await Seed.As(server, "cv1");
        var examine = await TaskOfAsync(cv1, code);
        var examineId = examine.GetProperty("id").GetInt64();
        var incomplete = await cv1.PostAsync($"/api/tasks/{examineId}/complete", new { outcome = "supplement", comment = "Thiếu bản vẽ" });
        (await incomplete.ShouldBeAsync(HttpStatusCode.BadRequest)).GetProperty("field").GetString().ShouldBe("variables.missingDocuments");
        await cv1.PostJsonAsync($"/api/tasks/{examineId}/complete", new
        {
            outcome = "supplement",
            comment = "Thiếu bản vẽ",
            variables = new { missingDocuments = new[] { "Bản vẽ hiện trạng", "Giấy ủy quyền" } },
        });

        using var recv = await Seed.As(server, "recv");
        var waiting = await recv.GetJsonAsync($"/api/dossiers/{code}");
        waiting.GetProperty("status").GetString().ShouldBe("waitingForSupplement");
        waiting.GetProperty("missingDocuments").EnumerateArray().Select(d => d.GetString()).ShouldBe(["Bản vẽ hiện trạng", "Giấy ủy quyền"]);
        (await recv.GetJsonAsync("/api/notifications")).EnumerateArray()
            .ShouldContain(n => n.GetProperty("kind").GetString() == "supplementRequested" && n.GetProperty("dossierCode").GetString() == code);

        var friday = monday.AddDays(4).AddHours(1); // Fri 09:00
        await Clock.SetAsync(server, friday);
        // Past its old due time (Thu 17:00) but waiting for the applicant with its clock stopped: not late, on no
        // overdue list, neither the supervision's nor the dashboard's of the unit that examined it.
        using (var admin = await server.Client().LoginAsync("admin", ServerFixture.AdminPassword))
        {
            (await admin.GetJsonAsync("/api/supervision/overdue/dossiers?limit=200")).EnumerateArray()
                .ShouldNotContain(o => o.GetProperty("code").GetString() == code);
        }

        using (var head = await Seed.As(server, "head1"))
        {
            // Nor is an apology due for it.
            var apology = await head.PostAsync($"/api/dossiers/{code}/apology", new { newDueAt = Clock.Day(monday, 9, 10), reason = "Chờ bổ sung" });
            (await apology.ShouldBeAsync(HttpStatusCode.Conflict)).GetProperty("field").GetString().ShouldBe("code");
            var period = $"from={Uri.EscapeDataString(monday.AddDays(-7).ToString("O"))}&to={Uri.EscapeDataString(friday.AddDays(1).ToString("O"))}";
            (await head.GetJsonAsync($"/api/dashboard?{period}&limit=200")).GetProperty("lateDossiers").EnumerateArray()
                .ShouldNotContain(o => o.GetProperty("code").GetString() == code);
        }

        var after = await recv.PostJsonAsync($"/api/dossiers/{code}/supplement", new { documents = new[] { "Bản vẽ hiện trạng" } });

        after.GetProperty("status").GetString().ShouldBe("processing");
        after.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(Clock.Day(monday, 9, 17)); // Wed next week
        // The time counted afresh is the statutory due time the statistics judge against (Thu 17:00 was the first).
        after.GetProperty("originalDueAt").GetDateTimeOffset().ShouldBe(Clock.Day(monday, 9, 17));
        after.GetProperty("documents").EnumerateArray().Select(d => d.GetString()).ShouldContain("Bản vẽ hiện trạng");
        (await TaskOfAsync(cv1, code)).GetProperty("stepId").GetString().ShouldBe("examine");

        var again = await recv.PostAsync($"/api/dossiers/{code}/supplement", new { documents = new[] { "x" } });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task LateDossier_FlaggedListedNotified_OneApologyOnly()
    {
        var monday = await Clock.NextMondayAsync(server);
        var code = (await ReceiveAsync()).GetProperty("code").GetString()!;

        await Clock.SetAsync(server, monday.AddDays(2).AddHours(1)); // Wed 09:00: due − 1 working day has passed
        await server.RunDueWorkAsync();
        using var head = await Seed.As(server, "head1");
        var apologyTask = (await head.GetJsonAsync("/api/tasks?scope=available&limit=500")).EnumerateArray()
            .Single(t => t.GetProperty("dossierCode").GetString() == code && t.GetProperty("kind").GetString() == "apology");
        apologyTask.GetProperty("unitCode").GetString().ShouldBe("PQL");

        await Clock.SetAsync(server, monday.AddDays(4)); // Fri 08:00, past Thu 17:00
        await server.RunDueWorkAsync();
        using var sup = await Seed.As(server, "sup");
        var overdue = await sup.GetJsonAsync("/api/supervision/overdue");
        overdue.GetProperty("dossiers").EnumerateArray().ShouldContain(d => d.GetProperty("code").GetString() == code);
        overdue.GetProperty("steps").EnumerateArray().ShouldContain(s => s.GetProperty("dossierCode").GetString() == code);
        (await sup.GetJsonAsync($"/api/dossiers/{code}")).GetProperty("late").GetBoolean().ShouldBeTrue();
        (await sup.GetJsonAsync("/api/notifications")).EnumerateArray()
            .ShouldContain(n => n.GetProperty("kind").GetString() == "dossierOverdue" && n.GetProperty("dossierCode").GetString() == code);

        (await head.PostAsync($"/api/dossiers/{code}/apology", new { newDueAt = Clock.Day(monday, 12, 10), reason = "Thứ bảy" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest); // a Saturday is no appointment
        var newDue = monday.AddDays(8).AddHours(9);
        var apologised = await head.PostJsonAsync($"/api/dossiers/{code}/apology", new { newDueAt = newDue, reason = "Chờ ý kiến phối hợp" });
        apologised.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(newDue);
        apologised.GetProperty("apologyCount").GetInt32().ShouldBe(1);
        apologised.GetProperty("late").GetBoolean().ShouldBeTrue();
        var second = await head.PostAsync($"/api/dossiers/{code}/apology", new { newDueAt = newDue.AddDays(2), reason = "again" });
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        using var admin = await server.Client().LoginAsync("admin", ServerFixture.AdminPassword);
        var timers = await admin.GetJsonAsync("/api/admin/timers");
        timers.GetProperty("health").GetProperty("firedLastHour").GetInt64().ShouldBeGreaterThan(0);
        timers.GetProperty("health").GetProperty("lagP99Ms").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task TwoOfficersCompleteTheSameTask_OneWinsOneGets409()
    {
        await Clock.NextMondayAsync(server);
        var code = (await ReceiveAsync()).GetProperty("code").GetString()!;
        using var cv1 = await Seed.As(server, "cv1");
        using var cv1b = await Seed.As(server, "cv1b");
        var id = (await TaskOfAsync(cv1, code)).GetProperty("id").GetInt64();

        var results = await Task.WhenAll(
            cv1.PostAsync($"/api/tasks/{id}/complete", new { outcome = "approve" }),
            cv1b.PostAsync($"/api/tasks/{id}/complete", new { outcome = "approve" }));

        results.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var problem = await results.Single(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync();
        problem.ShouldContain("\"status\":409");
    }

    [Fact]
    public async Task StartDossier_SameIdempotencyKey_CreatesOneDossier()
    {
        await Clock.NextMondayAsync(server);
        var key = Guid.NewGuid().ToString();
        var first = await ReceiveAsync(key);
        var second = await ReceiveAsync(key);
        second.GetProperty("code").GetString().ShouldBe(first.GetProperty("code").GetString());
    }

    [Fact]
    public async Task IdempotencyKey_LeftReservedByAnInterruptedRequest_IsRunningUntilAbandoned()
    {
        await Clock.NextMondayAsync(server);
        var fresh = Guid.NewGuid().ToString();
        var stale = Guid.NewGuid().ToString();
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            // What a node that died between reserving a key and storing its response leaves behind.
            await connection.ExecuteAsync("""
                insert into idempotency_keys (key, username, status_code, created_at) values
                    (@fresh, 'recv', 0, now()), (@stale, 'recv', 0, now() - interval '10 minutes')
                """, new { fresh, stale });
        }

        using var recv = await Seed.As(server, "recv");
        var running = await recv.PostAsync("/api/dossiers", new { procedureKey = _key, applicant = new { name = "Trần Văn B" } }, fresh);
        running.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await running.Content.ReadAsStringAsync()).ShouldContain("still running");

        var first = await ReceiveAsync(stale);
        var second = await ReceiveAsync(stale);
        second.GetProperty("code").GetString().ShouldBe(first.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ReturnToPreviousStep_ReopensIt()
    {
        await Clock.NextMondayAsync(server);
        var code = (await ReceiveAsync()).GetProperty("code").GetString()!;
        using var cv1 = await Seed.As(server, "cv1");
        await cv1.PostJsonAsync($"/api/tasks/{(await TaskOfAsync(cv1, code)).GetProperty("id").GetInt64()}/complete", new { outcome = "approve" });
        using var ld1 = await Seed.As(server, "ld1");
        var sign = await TaskOfAsync(ld1, code);

        await ld1.PostJsonAsync($"/api/tasks/{sign.GetProperty("id").GetInt64()}/return", new { reason = "Thiếu căn cứ" });

        (await TaskOfAsync(cv1, code)).GetProperty("stepId").GetString().ShouldBe("examine");
        (await ld1.GetJsonAsync("/api/tasks?scope=available&limit=500")).EnumerateArray().ShouldNotContain(t => t.GetProperty("dossierCode").GetString() == code);
    }
}

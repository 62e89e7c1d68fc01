using System.Net;
using System.Text.Json;
using IsoDienTu.Server.Tests.Infrastructure;

namespace IsoDienTu.Server.Tests;

/// <summary>Refusals, validation, calendars, reports: the parts of the contract besides the happy path.</summary>
public sealed class ApiContractTests(ServerFixture server) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private string _key = "";

    public async Task InitializeAsync()
    {
        await Seed.OrganisationAsync(server);
        _key = await Seed.LicenceAsync(server);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> ReceiveAsync(string channel = "direct")
    {
        using var recv = await Seed.As(server, "recv");
        var created = await recv.PostJsonAsync("/api/dossiers", new { procedureKey = _key, channel, applicant = new { name = "Lê Văn B" } }, HttpStatusCode.Created);
        return created.GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task Refusals_AnonymousWrongRoleOtherUnit()
    {
        using var anonymous = server.Client();
        (await anonymous.GetAsync("/api/tasks")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsync("/api/auth/token", new { username = "cv1", password = "wrong" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var cv1 = await Seed.As(server, "cv1");
        (await cv1.PostAsync("/api/admin/users", new { username = "x", password = "secret12", fullName = "X", roles = new[] { "admin" } }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await cv1.PostXmlAsync("/api/definitions", Seed.Licence(key: "other"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await cv1.PostAsync("/api/dossiers", new { procedureKey = _key, applicant = new { name = "A" } })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await cv1.GetAsync("/api/supervision/overdue")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await cv1.GetAsync("/api/tasks?scope=unit&limit=500")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        await Clock.NextMondayAsync(server);
        var code = await ReceiveAsync();
        using var cv2 = await Seed.As(server, "cv2"); // a specialist of another unit
        (await cv2.GetJsonAsync("/api/tasks?scope=available&limit=500")).EnumerateArray().ShouldNotContain(t => t.GetProperty("dossierCode").GetString() == code);
        var task = (await cv1.GetJsonAsync("/api/tasks?scope=available&limit=500")).EnumerateArray().Single(t => t.GetProperty("dossierCode").GetString() == code);
        var id = task.GetProperty("id").GetInt64();
        (await cv2.PostAsync($"/api/tasks/{id}/claim")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await cv2.PostAsync($"/api/tasks/{id}/complete", new { outcome = "approve" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await cv1.PostAsync($"/api/tasks/{id}/reassign", new { username = "cv1b" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Claimed by cv1: cv1b of the same unit may no longer complete it; the head reassigns it.
        await cv1.PostJsonAsync($"/api/tasks/{id}/claim");
        using var cv1b = await Seed.As(server, "cv1b");
        (await cv1b.PostAsync($"/api/tasks/{id}/complete", new { outcome = "approve" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        using var head = await Seed.As(server, "head1");
        (await head.PostJsonAsync($"/api/tasks/{id}/reassign", new { username = "cv1b" })).GetProperty("assignee").GetString().ShouldBe("cv1b");
        (await cv1b.GetJsonAsync("/api/notifications")).EnumerateArray().ShouldContain(n => n.GetProperty("kind").GetString() == "reassigned");
        (await cv1b.PostAsync($"/api/tasks/{id}/complete", new { outcome = "maybe" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await cv1b.PostAsync($"/api/tasks/{id}/complete", new { outcome = "refuse" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Dossiers are visible to the units they pass through, not to every officer.
        (await cv2.GetAsync($"/api/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await cv2.GetAsync($"/api/dossiers/{code}/control-sheet")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await cv1b.GetAsync($"/api/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await cv1b.PostJsonAsync($"/api/tasks/{id}/complete", new { outcome = "approve" });
    }

    [Fact]
    public async Task Definitions_InvalidModelIs422WithElementId_ValidateReportsLive()
    {
        using var designer = await Seed.As(server, "designer");
        var broken = Seed.Licence(key: "broken").Replace("""iso:unit="PQL" iso:role="specialist" """, "", StringComparison.Ordinal);

        var validate = await (await designer.PostXmlAsync("/api/definitions/validate", broken)).ShouldBeAsync(HttpStatusCode.OK);
        validate.GetProperty("errors").EnumerateArray().ShouldContain(e => e.GetProperty("elementId").GetString() == "examine");

        var refused = await designer.PostXmlAsync("/api/definitions", broken);
        var problem = await refused.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var error = problem.GetProperty("errors").EnumerateArray().First(e => e.GetProperty("elementId").GetString() == "examine");
        error.GetProperty("line").GetInt32().ShouldBeGreaterThan(0);
        error.GetProperty("messageVi").GetString()!.ShouldContain("vai trò");
        (await designer.GetJsonAsync("/api/definitions")).EnumerateArray().ShouldNotContain(d => d.GetProperty("key").GetString() == "broken");

        (await (await designer.PostXmlAsync("/api/definitions/validate", "<not-xml")).ShouldBeAsync(HttpStatusCode.OK))
            .GetProperty("errors").GetArrayLength().ShouldBeGreaterThan(0);
        (await designer.PostXmlAsync("/api/definitions", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Definitions_NewVersionDoesNotMoveRunningDossiers()
    {
        await Clock.NextMondayAsync(server);
        var code = await ReceiveAsync();
        using var designer = await Seed.As(server, "designer");
        var v2 = await (await designer.PostXmlAsync("/api/definitions", Seed.Licence().Replace("iso:deadline=\"P3D\"", "iso:deadline=\"P5D\"", StringComparison.Ordinal)))
            .ShouldBeAsync(HttpStatusCode.Created);
        var version = v2.GetProperty("version").GetInt32();
        version.ShouldBeGreaterThan(1);
        await designer.PostJsonAsync($"/api/definitions/{_key}/versions/{version}/publish");
        (await designer.PostAsync($"/api/definitions/{_key}/versions/{version}/publish")).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        using var recv = await Seed.As(server, "recv");
        (await recv.GetJsonAsync($"/api/dossiers/{code}")).GetProperty("procedureVersion").GetInt32().ShouldBe(version - 1);
        var newer = await recv.PostJsonAsync("/api/dossiers", new { procedureKey = _key, applicant = new { name = "C" } }, HttpStatusCode.Created);
        newer.GetProperty("procedureVersion").GetInt32().ShouldBe(version);
    }

    [Fact]
    public async Task Definitions_DraftsCanBeDeleted_PublishedOnlyRetired()
    {
        using var designer = await Seed.As(server, "designer");
        var draft = await (await designer.PostXmlAsync("/api/definitions", Seed.Licence(key: "scratch"))).ShouldBeAsync(HttpStatusCode.Created);
        (await designer.Http.DeleteAsync("/api/definitions/scratch/versions/1")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        draft.GetProperty("status").GetString().ShouldBe("draft");

        var key = await Seed.PublishAsync(server, Seed.Licence(key: "retiring"));
        (await designer.Http.DeleteAsync($"/api/definitions/{key}/versions/1")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await designer.PostJsonAsync($"/api/definitions/{key}/versions/1/retire")).GetProperty("status").GetString().ShouldBe("retired");
        using var recv = await Seed.As(server, "recv");
        (await recv.PostAsync("/api/dossiers", new { procedureKey = key, applicant = new { name = "G" } })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Calendars_PutReplacesTheYear_AndDueTimesFollowIt()
    {
        using var admin = await server.Client().LoginAsync("admin", ServerFixture.AdminPassword);
        var put = await (await admin.PutAsync("/api/calendars/2027", new { holidays = new[] { "2027-06-01", "2027-06-02" }, workingDays = new[] { "2027-06-05" }, source = "test" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        put.GetProperty("holidays").GetArrayLength().ShouldBe(2);
        (await admin.GetJsonAsync("/api/calendars/2027")).GetProperty("workingDays")[0].GetString().ShouldBe("2027-06-05");
        (await admin.PutAsync("/api/calendars/2027", new { holidays = new[] { "2026-01-01" } })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var cv1 = await Seed.As(server, "cv1");
        (await cv1.PutAsync("/api/calendars/2027", new { holidays = Array.Empty<string>() })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Received on Tue 1 June 2027, a holiday: it counts as received on Thu 3 June, the next working day; the
        // 3 working days after it are Fri 4, the make-up Saturday 5 and Mon 7 June.
        await Clock.SetAsync(server, new DateTimeOffset(2027, 6, 1, 8, 0, 0, Clock.Vn));
        using var recv = await Seed.As(server, "recv");
        var created = await recv.PostJsonAsync("/api/dossiers", new { procedureKey = _key, applicant = new { name = "D" } }, HttpStatusCode.Created);
        created.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2027, 6, 7, 17, 0, 0, Clock.Vn));
    }

    [Fact]
    public async Task Report_Bieu06_IdentitiesHold()
    {
        var monday = await Clock.NextMondayAsync(server);
        await ReceiveAsync("online");
        var refusedCode = await ReceiveAsync();
        using var cv1 = await Seed.As(server, "cv1");
        var task = (await cv1.GetJsonAsync("/api/tasks?scope=available&limit=500")).EnumerateArray().First(t => t.GetProperty("dossierCode").GetString() == refusedCode);
        await cv1.PostJsonAsync($"/api/tasks/{task.GetProperty("id").GetInt64()}/complete", new { outcome = "refuse", comment = "Không thuộc thẩm quyền" });
        using var recv = await Seed.As(server, "recv");
        (await recv.GetJsonAsync($"/api/dossiers/{refusedCode}")).GetProperty("status").GetString().ShouldBe("refused");

        using var sup = await Seed.As(server, "sup");
        var from = monday.AddDays(-30);
        var rows = (await sup.GetJsonAsync($"/api/reports/processing?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(monday.AddDays(1).ToString("O"))}"))
            .EnumerateArray().ToList();
        rows.ShouldNotBeEmpty();
        foreach (var r in rows)
        {
            int N(string name) => r.GetProperty(name).GetInt32();
            N("total").ShouldBe(N("receivedOnline") + N("receivedDirect") + N("carriedOver"));
            N("resolved").ShouldBe(N("resolvedEarly") + N("resolvedOnTime") + N("resolvedLate"));
            N("inProgress").ShouldBe(N("inProgressWithinDeadline") + N("inProgressOverdue"));
            N("total").ShouldBe(N("resolved") + N("inProgress"));
        }

        rows.Sum(r => r.GetProperty("receivedOnline").GetInt32()).ShouldBeGreaterThanOrEqualTo(1);
        rows.Sum(r => r.GetProperty("resolvedEarly").GetInt32()).ShouldBeGreaterThanOrEqualTo(1);
        (await sup.GetAsync("/api/reports/processing?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task OnlineDossier_InTheLastWorkingHour_CountsFromTheNextWorkingDay()
    {
        var monday = await Clock.NextMondayAsync(server);
        await Clock.SetAsync(server, monday.AddHours(8.5)); // Mon 16:30, in the last working hour
        using var recv = await Seed.As(server, "recv");

        var online = await recv.PostJsonAsync("/api/dossiers", new { procedureKey = _key, channel = "online", applicant = new { name = "H" } }, HttpStatusCode.Created);
        var direct = await recv.PostJsonAsync("/api/dossiers", new { procedureKey = _key, channel = "direct", applicant = new { name = "I" } }, HttpStatusCode.Created);

        // Online: counted from Tuesday, so 3 working days end Friday; in person the day of receipt is Monday.
        online.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(Clock.Day(monday, 4, 17));
        direct.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(Clock.Day(monday, 3, 17));
        (await recv.GetJsonAsync($"/api/dossiers/{online.GetProperty("code").GetString()}")).GetProperty("channel").GetString().ShouldBe("online");
    }

    [Fact]
    public async Task Withdraw_CancelsOpenStepsAndEnds()
    {
        await Clock.NextMondayAsync(server);
        var code = await ReceiveAsync();
        using var recv = await Seed.As(server, "recv");
        var withdrawn = await recv.PostJsonAsync($"/api/dossiers/{code}/withdraw", new { reason = "Công dân xin rút hồ sơ" });
        withdrawn.GetProperty("status").GetString().ShouldBe("withdrawn");
        withdrawn.GetProperty("portalStatus").GetInt32().ShouldBe(7);
        using var cv1 = await Seed.As(server, "cv1");
        (await cv1.GetJsonAsync("/api/tasks?scope=available&limit=500")).EnumerateArray().ShouldNotContain(t => t.GetProperty("dossierCode").GetString() == code);
        (await recv.PostAsync($"/api/dossiers/{code}/withdraw", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task OpenApi_DocumentsTheContract()
    {
        using var anonymous = server.Client();
        var doc = await anonymous.GetJsonAsync("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/dossiers");
        paths.ShouldContain("/api/tasks/{id}/complete");
        paths.ShouldContain("/api/definitions/validate");
        paths.ShouldContain("/api/public/dossiers/{code}");
    }

    [Fact]
    public async Task Json_Malformed_Is400ProblemNotA500()
    {
        using var recv = await Seed.As(server, "recv");
        var response = await recv.Http.PostAsync("/api/dossiers", new StringContent("{\"procedureKey\": ", System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await recv.PostAsync("/api/dossiers", new { procedureKey = "nope", applicant = new { name = "E" } })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await recv.PostAsync("/api/dossiers", new { procedureKey = _key })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = JsonDocument.Parse(await (await recv.PostAsync("/api/dossiers", new { procedureKey = _key, channel = "fax", applicant = new { name = "F" } })).Content.ReadAsStringAsync());
        body.RootElement.GetProperty("field").GetString().ShouldBe("channel");
    }

    [Fact]
    public async Task TaskList_PagesFollowTheNextCursor_InTheUnpagedOrder_AndAForeignCursorIs400NamingTheField()
    {
        for (var i = 0; i < 5; i++)
        {
            await ReceiveAsync();
        }

        using var cv1 = await Seed.As(server, "cv1");
        var all = (await cv1.GetJsonAsync("/api/tasks?scope=available&limit=500")).EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ToList();
        all.Count.ShouldBeGreaterThanOrEqualTo(5);
        var paged = new List<long>();
        string? after = null;
        do
        {
            var response = await cv1.GetAsync($"/api/tasks?scope=available&limit=2{(after is null ? "" : $"&after={Uri.EscapeDataString(after)}")}");
            var page = (await response.ShouldBeAsync(HttpStatusCode.OK)).EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ToList();
            after = response.Headers.TryGetValues("Next-Cursor", out var next) ? next.Single() : null;
            page.Count.ShouldBe(after is null ? all.Count - paged.Count : 2);
            paged.AddRange(page);
        }
        while (after is not null && paged.Count <= all.Count);
        paged.ShouldBe(all);

        foreach (var (url, field) in new[] { ("/api/tasks?after=bm90LWEtY3Vyc29y", "after"), ("/api/tasks?after=%25%25", "after"), ("/api/tasks?limit=0", "limit"), ("/api/tasks?limit=501", "limit") })
        {
            var response = await cv1.GetAsync(url);
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
            (await response.ShouldBeAsync(HttpStatusCode.BadRequest)).GetProperty("field").GetString().ShouldBe(field, url);
        }

        using var sup = await Seed.As(server, "sup");
        var overdue = await sup.GetJsonAsync("/api/supervision/overdue?limit=1");
        overdue.GetProperty("steps").GetArrayLength().ShouldBeLessThanOrEqualTo(1);
        overdue.TryGetProperty("stepsNext", out _).ShouldBeTrue();
        (await (await sup.GetAsync("/api/supervision/overdue/steps?after=eC4x")).ShouldBeAsync(HttpStatusCode.BadRequest)).GetProperty("field").GetString().ShouldBe("after");
        (await (await sup.GetAsync("/api/supervision/overdue/dossiers?limit=1000")).ShouldBeAsync(HttpStatusCode.BadRequest)).GetProperty("field").GetString().ShouldBe("limit");
    }

    [Fact]
    public async Task Dashboard_ListsPageOn_AndAGroupIsNamedByKindAndKey_WithinTheCallersScope()
    {
        await ReceiveAsync();
        using var head = await Seed.As(server, "head1");
        const string Period = "from=2020-01-01T00:00:00%2B07:00&to=2040-01-01T00:00:00%2B07:00";
        var dashboard = await head.GetJsonAsync($"/api/dashboard?{Period}&limit=1");
        dashboard.GetProperty("steps").GetArrayLength().ShouldBeLessThanOrEqualTo(1);
        dashboard.GetProperty("lateDossiers").GetArrayLength().ShouldBeLessThanOrEqualTo(1);
        dashboard.TryGetProperty("stepsNext", out _).ShouldBeTrue();
        dashboard.TryGetProperty("lateDossiersNext", out _).ShouldBeTrue();
        foreach (var group in new[] { "byUnit", "byOfficer", "byProcedure" })
        {
            dashboard.GetProperty(group).ValueKind.ShouldBe(JsonValueKind.Array, group);
        }

        (await head.GetAsync("/api/dashboard/steps?group=unit&key=PQL")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await head.GetAsync($"/api/dashboard/late-dossiers?{Period}&limit=2")).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var (url, status, field) in new[]
        {
            ("/api/dashboard/steps?group=team&key=x", HttpStatusCode.BadRequest, "group"),
            ("/api/dashboard/steps?key=PQL", HttpStatusCode.BadRequest, "group"),
            ("/api/dashboard/steps?group=officer", HttpStatusCode.BadRequest, "key"),
            ("/api/dashboard/steps?group=unit&key=PTC", HttpStatusCode.Forbidden, "key"),
            ("/api/dashboard/steps?unit=PTC", HttpStatusCode.Forbidden, "unit"),
            ("/api/dashboard/steps?after=eC4x", HttpStatusCode.BadRequest, "after"),
            ("/api/dashboard/late-dossiers?to=2040-01-01T00:00:00Z", HttpStatusCode.BadRequest, "from"),
            ($"/api/dashboard/late-dossiers?{Period}&limit=0", HttpStatusCode.BadRequest, "limit"),
            ($"/api/dashboard?{Period}&limit=501", HttpStatusCode.BadRequest, "limit"),
        })
        {
            (await (await head.GetAsync(url)).ShouldBeAsync(status)).GetProperty("field").GetString().ShouldBe(field, url);
        }
    }
}

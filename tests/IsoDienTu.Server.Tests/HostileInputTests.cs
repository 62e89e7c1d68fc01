using System.Net;
using System.Text;
using System.Text.Json;
using IsoDienTu.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace IsoDienTu.Server.Tests;

/// <summary>Hostile input gets a clear 4xx problem and changes nothing; never a 500 or a hang.</summary>
public sealed class HostileInputTests(ServerFixture server) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private string _key = "";

    public async Task InitializeAsync()
    {
        await Seed.OrganisationAsync(server);
        _key = await Seed.LicenceAsync(server);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, string> Bodies => new()
    {
        { "/api/dossiers", "application/json", "{\"procedureKey\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}" },
        { "/api/dossiers", "text/plain", "procedureKey=licence" },
        { "/api/dossiers", "application/json", "{\"procedureKey\": \"licence'; drop table dossiers; --\", \"applicant\": {\"name\": \"x\"}}" },
        { "/api/dossiers", "application/json", "{\"procedureKey\": \"licence\", \"applicant\": {\"name\": \"x\"}, \"channel\": 99999999999999999999999}" },
        { "/api/dossiers", "application/json", "not json at all" },
        { "/api/tasks/99999999999999999999/complete", "application/json", "{}" },
        { "/api/definitions", "application/xml", "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><definitions>&lol2;</definitions>" },
        { "/api/definitions", "application/xml", "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\" isExecutable=\"true\"><sequenceFlow id=\"f\" sourceRef=\"nowhere\" targetRef=\"nothing\"/></process></definitions>" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task HostileBody_Gets4xx_AndChangesNothing(string url, string contentType, string body)
    {
        using var client = await Seed.As(server, url.StartsWith("/api/definitions", StringComparison.Ordinal) ? "designer" : "recv");
        var before = await DossierCountAsync();

        var response = await client.Http.PostAsync(url, new StringContent(body, Encoding.UTF8, contentType));

        ((int)response.StatusCode).ShouldBeInRange(400, 499, await response.Content.ReadAsStringAsync());
        (await DossierCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task InvalidUtf8_Gets400()
    {
        using var recv = await Seed.As(server, "recv");
        var bytes = new ByteArrayContent([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D]);
        bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        ((int)(await recv.Http.PostAsync("/api/dossiers", bytes)).StatusCode).ShouldBeInRange(400, 499);

        using var designer = await Seed.As(server, "designer");
        var xml = new ByteArrayContent([.. "<definitions>"u8, 0xFF, 0xFE, .. "</definitions>"u8]);
        xml.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        (await designer.Http.PostAsync("/api/definitions", xml)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task SixtyMegabyteBody_Gets413()
    {
        using var designer = await Seed.As(server, "designer");
        var content = new ByteArrayContent(new byte[60 * 1024 * 1024]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");

        (await designer.Http.PostAsync("/api/definitions", content)).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    public static TheoryData<string, string, string> UnknownFields => new()
    {
        { "/api/dossiers", "{\"procedureKey\": \"licence\", \"applicant\": {\"name\": \"x\"}, \"priority\": \"urgent\"}", "$.priority" },
        { "/api/dossiers", "{\"procedureKey\": \"licence\", \"applicant\": {\"name\": \"x\", \"nationalId\": \"001\"}}", "$.applicant.nationalId" },
        { "/api/dossiers", "{\"procedureKey\": \"licence\", \"applicant\": {\"name\": \"x\"}, \"variables\": {}, \"__proto__\": {\"admin\": true}}", "$.__proto__" },
        { "/api/auth/token", "{\"username\": \"recv\", \"password\": \"matkhau123\", \"role\": \"admin\"}", "$.role" },
    };

    /// <summary>
    /// Run on a host in the Production environment: minimal APIs only throw on a bad body in Development unless
    /// told to, and a silent 400 without the field would pass a Development-only test.
    /// </summary>
    [Theory]
    [MemberData(nameof(UnknownFields))]
    public async Task UnknownField_Gets400ProblemNamingIt_AndChangesNothing(string url, string body, string path)
    {
        await using var production = server.Factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        using var client = await new ApiClient(production.CreateClient()).LoginAsync("recv", Seed.Password);
        var before = await DossierCountAsync();

        var response = await client.Http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        problem.GetProperty("field").GetString().ShouldBe(path);
        var detail = problem.GetProperty("detail").GetString() ?? "";
        detail.ShouldContain(path);
        detail.ShouldNotContain("IsoDienTu", Case.Insensitive, "no .NET type names leak to the client");
        (await DossierCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task MisspeltOutcome_Gets400_AndTheStepStaysOpen()
    {
        using var recv = await Seed.As(server, "recv");
        var code = (await recv.PostJsonAsync("/api/dossiers", new { procedureKey = _key, applicant = new { name = "Nguyễn Văn Gõ Nhầm" } }, HttpStatusCode.Created))
            .GetProperty("code").GetString();
        using var cv1 = await Seed.As(server, "cv1");
        var task = (await cv1.GetJsonAsync("/api/tasks?scope=available&limit=500")).EnumerateArray().Single(t => t.GetProperty("dossierCode").GetString() == code);
        var id = task.GetProperty("id").GetInt64();

        // Ignoring "outcom" would complete the examination with the default outcome (approve) instead of a refusal.
        var response = await cv1.Http.PostAsync($"/api/tasks/{id}/complete", new StringContent("{\"outcom\": \"refuse\"}", Encoding.UTF8, "application/json"));

        (await response.ShouldBeAsync(HttpStatusCode.BadRequest)).GetProperty("field").GetString().ShouldBe("$.outcom");
        (await cv1.GetJsonAsync($"/api/tasks/{id}")).GetProperty("status").GetString().ShouldBe("open");
    }

    [Fact]
    public async Task FreeFormVariables_TakeAnyKey()
    {
        using var recv = await Seed.As(server, "recv");
        var variables = JsonDocument.Parse("{\"soThua\": 12, \"dienTich\": {\"m2\": 85.5, \"ghiChu\": \"đất ở\"}, \"any key at all\": [1, 2]}").RootElement;
        var created = await recv.PostJsonAsync("/api/dossiers", new { procedureKey = _key, applicant = new { name = "Trần Thị Biến" }, variables }, HttpStatusCode.Created);
        var code = created.GetProperty("code").GetString();
        using var cv1 = await Seed.As(server, "cv1");
        var id = (await cv1.GetJsonAsync("/api/tasks?scope=available&limit=500")).EnumerateArray()
            .Single(t => t.GetProperty("dossierCode").GetString() == code).GetProperty("id").GetInt64();

        await cv1.PostJsonAsync($"/api/tasks/{id}/complete", new { outcome = "approve", variables = new Dictionary<string, object> { ["ketQuaThamDinh"] = "đạt", ["x-y z"] = 1 } });

        using var sup = await Seed.As(server, "sup");
        var journal = await sup.GetJsonAsync($"/api/dossiers/{code}/journal");
        journal.ToString().ShouldContain("ketQuaThamDinh");
        journal.ToString().ShouldContain("soThua");
    }

    private async Task<int> DossierCountAsync()
    {
        using var sup = await Seed.As(server, "sup");
        var rows = await sup.GetJsonAsync("/api/reports/processing?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z");
        return rows.EnumerateArray().Sum(r => r.GetProperty("total").GetInt32());
    }
}

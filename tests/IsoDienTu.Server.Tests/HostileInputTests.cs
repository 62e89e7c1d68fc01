using System.Net;
using System.Text;
using IsoDienTu.Server.Tests.Infrastructure;

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

    private async Task<int> DossierCountAsync()
    {
        using var sup = await Seed.As(server, "sup");
        var rows = await sup.GetJsonAsync("/api/reports/processing?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z");
        return rows.EnumerateArray().Sum(r => r.GetProperty("total").GetInt32());
    }
}

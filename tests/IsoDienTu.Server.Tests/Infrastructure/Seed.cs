using System.Net;

namespace IsoDienTu.Server.Tests.Infrastructure;

/// <summary>A small commune organisation and a 3-working-day licence procedure, set up through the API.</summary>
public static class Seed
{
    public const string Password = TestOrganisation.Password;

    public static async Task OrganisationAsync(IApiHost server)
    {
        using var admin = await server.Client().LoginAsync("admin", ServerFixture.AdminPassword);
        await TestOrganisation.SeedAsync(admin);
    }

    public static async Task<ApiClient> As(IApiHost server, string username) => await server.Client().LoginAsync(username, Password);

    /// <summary>Uploads and publishes the licence procedure; returns its key.</summary>
    public static async Task<string> LicenceAsync(IApiHost server, string supplementClock = "restart")
    {
        return await PublishAsync(server, Licence(supplementClock));
    }

    public static async Task<string> PublishAsync(IApiHost server, string bpmn)
    {
        using var designer = await As(server, "designer");
        var draft = await (await designer.PostXmlAsync("/api/definitions", bpmn)).ShouldBeAsync(HttpStatusCode.Created);
        var key = draft.GetProperty("key").GetString()!;
        var version = draft.GetProperty("version").GetInt32();
        await designer.PostJsonAsync($"/api/definitions/{key}/versions/{version}/publish");
        return key;
    }

    public static string Licence(string supplementClock = "restart", string key = "licence") => TestProcedures.Licence(key, supplementClock);
}

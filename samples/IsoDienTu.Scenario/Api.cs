using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IsoDienTu.Scenario;

internal sealed class ScenarioException(string message) : Exception(message);

internal sealed record Options(string Url, int Days, int Seed, string AdminPassword, int PerDay)
{
    public static Options? Parse(string[] args)
    {
        var o = new Options("http://127.0.0.1:5080", 5, 42, "admin123", 30);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--url" when value is not null: o = o with { Url = value.TrimEnd('/') }; i++; break;
                case "--days" when int.TryParse(value, out var d) && d > 0: o = o with { Days = d }; i++; break;
                case "--seed" when int.TryParse(value, out var s): o = o with { Seed = s }; i++; break;
                case "--admin-password" when value is not null: o = o with { AdminPassword = value }; i++; break;
                case "--per-day" when int.TryParse(value, out var p) && p > 0: o = o with { PerDay = p }; i++; break;
                default: return null;
            }
        }

        return o;
    }
}

internal sealed record TaskView(long Id, string DossierCode, string StepId, string Name, string Kind, string? UnitCode, string? Role,
    string? Assignee, DateTimeOffset? DueAt, string Status, bool DueSoon, bool Overdue, DateTimeOffset CreatedAt, int Version);

internal sealed record DefinitionRow(string Key, int Version, string Status, string? Name, string? ProcedureCode);

internal sealed record StartResponse(string Code, string Status, DateTimeOffset ReceivedAt, DateTimeOffset? DueAt, int ProcedureVersion);

internal sealed record DossierView(string Code, string Status, string ProcedureKey, int ProcedureVersion, DateTimeOffset? DueAt);

internal sealed record CalendarYear(int Year, DateOnly[] Holidays, DateOnly[] WorkingDays, string Source, bool Confirmed);

/// <summary>The server's HTTP API with one bearer token per demo user.</summary>
internal sealed class Api(Uri baseAddress) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public async Task LoginAsync(string username, string password)
    {
        using var response = await _http.PostAsJsonAsync("/api/auth/token", new { username, password }, Json);
        if (!response.IsSuccessStatusCode)
        {
            throw new ScenarioException($"cannot log in as {username} ({(int)response.StatusCode}); is the demo organisation seeded?");
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        _tokens[username] = body.GetProperty("accessToken").GetString()!;
    }

    public Task<T> GetAsync<T>(string user, string path) => SendAsync<T>(user, HttpMethod.Get, path, null);

    public Task<T> PostAsync<T>(string user, string path, object? body) => SendAsync<T>(user, HttpMethod.Post, path, body);

    public async Task<string> GetTextAsync(string user, string path)
    {
        using var request = Request(user, HttpMethod.Get, path, null);
        using var response = await _http.SendAsync(request);
        await EnsureAsync(response, path);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>A state-changing call that may lose a race (409) or be refused (4xx); returns whether it succeeded.</summary>
    public async Task<bool> TryPostAsync(string user, string path, object? body)
    {
        using var request = Request(user, HttpMethod.Post, path, body);
        using var response = await _http.SendAsync(request);
        if (response.IsSuccessStatusCode)
        {
            return true;
        }

        if ((int)response.StatusCode >= 500)
        {
            await EnsureAsync(response, path);
        }

        return false;
    }

    private async Task<T> SendAsync<T>(string user, HttpMethod method, string path, object? body)
    {
        using var request = Request(user, method, path, body);
        using var response = await _http.SendAsync(request);
        await EnsureAsync(response, path);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    private HttpRequestMessage Request(string user, HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        if (_tokens.TryGetValue(user, out var token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        return request;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string path)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.NotFound && path.StartsWith("/api/admin/clock", StringComparison.Ordinal))
        {
            throw new ScenarioException("the server's clock is not simulated: start it with ISODIENTU_CLOCK=simulated");
        }

        throw new ScenarioException($"{path}: {(int)response.StatusCode} {detail}");
    }

    public void Dispose() => _http.Dispose();
}

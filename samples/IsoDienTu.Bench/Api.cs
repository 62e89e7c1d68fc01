using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace IsoDienTu.Bench;

/// <summary>Just enough of the API for the load: login, post JSON or XML, read JSON.</summary>
internal sealed class Api(HttpClient http)
{
    public static async Task<Api> LoginAsync(Uri url, string username, string password)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        var response = await http.PostAsJsonAsync("/api/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Api(http);
    }

    public async Task<HttpResponseMessage> PostAsync(string path, object body) => await http.PostAsJsonAsync(path, body);

    public async Task<JsonElement> PostOkAsync(string path, object body)
    {
        var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
    }

    public async Task<JsonElement> PostXmlAsync(string path, string xml)
    {
        var response = await http.PostAsync(path, new StringContent(xml, Encoding.UTF8, "application/xml"));
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
    }

    public async Task<JsonElement> GetAsync(string path) => await http.GetFromJsonAsync<JsonElement>(path);

    /// <summary>The whole response body, read as a browser would; a failed request throws with its status and text.</summary>
    public async Task<byte[]> GetBytesAsync(string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode ? body
            : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
    }
}

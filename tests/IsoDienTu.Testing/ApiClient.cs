using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace IsoDienTu.Testing;

/// <summary>A thin HTTP client for the API as other tools see it: JSON in, JSON out, bearer tokens.</summary>
public sealed class ApiClient(HttpClient http) : IDisposable
{
    public HttpClient Http => http;

    public async Task<ApiClient> LoginAsync(string username, string password)
    {
        var response = await http.PostAsJsonAsync("/api/auth/token", new { username, password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return this;
    }

    public Task<HttpResponseMessage> PostAsync(string url, object? body = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body ?? new { }) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostXmlAsync(string url, string xml) =>
        http.PostAsync(url, new StringContent(xml, Encoding.UTF8, "application/xml"));

    public Task<HttpResponseMessage> PutAsync(string url, object body) => http.PutAsJsonAsync(url, body);

    public Task<HttpResponseMessage> GetAsync(string url) => http.GetAsync(url);

    public async Task<JsonElement> GetJsonAsync(string url)
    {
        var response = await http.GetAsync(url);
        return await response.ShouldBeAsync(HttpStatusCode.OK);
    }

    public async Task<JsonElement> PostJsonAsync(string url, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await PostAsync(url, body);
        return await response.ShouldBeAsync(expected);
    }

    public void Dispose() => http.Dispose();
}

public static class ResponseExtensions
{
    public static async Task<JsonElement> ShouldBeAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}

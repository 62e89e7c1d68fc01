using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace IsoDienTu.Pages.Tests.Infrastructure;

public static class HttpExtensions
{
    public static async Task<JsonElement> PostJsonAsync(this HttpClient http, string url, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await http.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> PostXmlAsync(this HttpClient http, string url, string xml, HttpStatusCode expected)
    {
        var response = await http.PostAsync(url, new StringContent(xml, Encoding.UTF8, "application/xml"));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using IsoDienTu.Pages.Tests.Infrastructure;

namespace IsoDienTu.Pages.Tests;

/// <summary>The rules behind the pages' uploads and ratings, at the HTTP edge.</summary>
[Collection("pages")]
public sealed class DocumentApiTests(PagesFixture f)
{
    private static MultipartFormDataContent File(byte[] bytes, string name, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new(type);
        return new MultipartFormDataContent { { content, "file", name } };
    }

    [Fact]
    public async Task Uploads_keep_a_sha256_refuse_other_types_and_large_files_and_download_only_for_those_who_see_the_dossier()
    {
        var (code, _, _) = await f.ReceiveAsync("Phan Văn Tài Liệu");
        using var recv = await f.Server.SignInAsync("recv", PagesFixture.Password);
        var pdf = "%PDF-1.4\n% scanned\n"u8.ToArray();
        var created = await recv.PostAsync($"/api/dossiers/{code}/documents", File(pdf, "don.pdf", "application/pdf"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var info = await created.Content.ReadFromJsonAsync<JsonElement>();
        info.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(pdf)));

        (await recv.PostAsync($"/api/dossiers/{code}/documents", File("<html>"u8.ToArray(), "x.pdf", "application/pdf"))).StatusCode
            .ShouldBe(HttpStatusCode.UnsupportedMediaType);
        var big = new byte[(10 * 1024 * 1024) + 1];
        "%PDF-"u8.CopyTo(big);
        (await recv.PostAsync($"/api/dossiers/{code}/documents", File(big, "big.pdf", "application/pdf"))).StatusCode
            .ShouldBe(HttpStatusCode.RequestEntityTooLarge);

        var id = info.GetProperty("id").GetInt64();
        (await recv.GetByteArrayAsync($"/api/documents/{id}")).ShouldBe(pdf);
        using var cv2 = await f.Server.SignInAsync("cv2", PagesFixture.Password);
        (await cv2.GetAsync($"/api/documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_rating_waits_for_the_returned_result()
    {
        var (code, secret, _) = await f.ReceiveAsync("Ngô Thị Đánh Giá");
        using var anonymous = new HttpClient { BaseAddress = f.Server.BaseAddress };
        (await anonymous.PostAsJsonAsync($"/api/public/dossiers/{code}/rating?secret={secret}", new { score = 5 })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await anonymous.PostAsJsonAsync($"/api/public/dossiers/{code}/rating?secret=wrong", new { score = 5 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

using System.Security.Claims;
using IsoDienTu.Engine.Postgres;
using IsoDienTu.Server.Auth;

namespace IsoDienTu.Server.Api;

/// <summary>Scanned documents of a dossier: upload (PDF, JPEG, PNG up to 10 MB), list and download for those who see the dossier.</summary>
public static class DocumentEndpoints
{
    public static void MapDocuments(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Documents").RequireAuthorization();
        group.MapGet("/dossiers/{code}/documents", async (string code, ClaimsPrincipal user, DossierService dossiers, DocumentStore store, CancellationToken ct) =>
        {
            var dossier = await dossiers.RequireVisibleAsync(code, user.ToActor(), ct);
            return TypedResults.Ok(await store.ListAsync(dossier.Id, ct));
        });

        group.MapPost("/dossiers/{code}/documents", async (string code, HttpRequest request, ClaimsPrincipal user, DossierService dossiers, DocumentStore store, CancellationToken ct) =>
        {
            var actor = user.ToActor();
            var dossier = await dossiers.RequireVisibleAsync(code, actor, ct);
            if (request.ContentLength > DocumentStore.MaxBytes + (64 * 1024))
            {
                return TooLarge();
            }

            if (!request.HasFormContentType)
            {
                return Results.Problem(statusCode: 415, title: "Định dạng không được hỗ trợ / Unsupported media type",
                    detail: "Send the file as multipart/form-data in the field 'file'.", extensions: Field("file"));
            }

            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
            if (file is null || file.Length == 0)
            {
                throw new StoreException(StoreError.Invalid, "A non-empty file is required.", "file");
            }

            if (file.Length > DocumentStore.MaxBytes)
            {
                return TooLarge();
            }

            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            var bytes = buffer.ToArray();
            if (DocumentStore.Sniff(bytes) is null)
            {
                return Results.Problem(statusCode: 415, title: "Định dạng không được hỗ trợ / Unsupported media type",
                    detail: "Chỉ nhận tệp PDF, JPEG, PNG / Only PDF, JPEG and PNG files are accepted.", extensions: Field("file"));
            }

            var info = await store.AddAsync(dossier.Id, file.FileName, bytes, actor.Username, ct);
            return Results.Created($"/api/documents/{info.Id}", info);
        }).DisableAntiforgery();

        group.MapGet("/documents/{id:long}", async (long id, ClaimsPrincipal user, DossierService dossiers, DocumentStore store, DossierEngine engine, CancellationToken ct) =>
        {
            var document = await store.GetAsync(id, ct);
            var code = (await engine.GetAsync(document.DossierId, ct)).Code;
            await dossiers.RequireVisibleAsync(code, user.ToActor(), ct);
            return Results.File(document.Content, document.ContentType, document.FileName);
        });
    }

    private static Dictionary<string, object?> Field(string name) => new() { ["field"] = name };

    private static IResult TooLarge() => Results.Problem(statusCode: 413, title: "Tệp quá lớn / File too large",
        detail: $"Tối đa {DocumentStore.MaxBytes / 1024 / 1024} MB / At most {DocumentStore.MaxBytes / 1024 / 1024} MB.", extensions: Field("file"));
}

namespace IsoDienTu.Server.Hosting;

/// <summary>
/// Refuses oversized bodies before anything reads them. Kestrel enforces the same limit on streamed bodies; this
/// also answers a declared Content-Length at once, with problem details, on any host.
/// </summary>
internal static class RequestLimits
{
    public const long MaxBodyBytes = 12 * 1024 * 1024;

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await Results.Problem(statusCode: 413, title: "Nội dung quá lớn / Request body too large",
                detail: $"The limit is {MaxBodyBytes / 1024 / 1024} MB.").ExecuteAsync(context);
            return;
        }

        await next(context);
    });
}

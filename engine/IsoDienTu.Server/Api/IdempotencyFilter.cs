using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace IsoDienTu.Server.Api;

/// <summary>
/// Endpoint filter for state-changing calls: with an <c>Idempotency-Key</c> header, the first request runs and its
/// response is stored; a retry with the same key gets the same response without acting again.
/// </summary>
internal sealed class IdempotencyFilter(IdempotencyStore store, IOptions<JsonOptions> json) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return await next(context);
        }

        if (key.Length > 200)
        {
            return TypedResults.Problem(statusCode: 400, title: "Idempotency-Key is too long (200 characters at most).");
        }

        var user = http.User.FindFirst("sub")?.Value ?? "";
        var (reserved, previous) = await store.ReserveAsync(user, key, http.RequestAborted);
        if (!reserved)
        {
            return previous!.StatusCode == 0
                ? TypedResults.Problem(statusCode: 409,
                    title: "Yêu cầu với Idempotency-Key này đang được xử lý / A request with this Idempotency-Key is still running.",
                    detail: $"Retry later; a reservation left by an interrupted request is released after {IdempotencyStore.AbandonedAfter.TotalSeconds:0} s.")
                : Results.Content(previous.Body ?? "", previous.ContentType ?? "application/json", null, previous.StatusCode);
        }

        try
        {
            var result = await next(context);
            var status = (result as IStatusCodeHttpResult)?.StatusCode ?? 200;
            var value = (result as IValueHttpResult)?.Value;
            var body = value is null ? null : JsonSerializer.Serialize(value, value.GetType(), json.Value.SerializerOptions);
            await store.CompleteAsync(user, key, new IdempotencyStore.Stored(status, "application/json", body), http.RequestAborted);
            return result;
        }
        catch
        {
            await store.ForgetAsync(user, key, CancellationToken.None);
            throw;
        }
    }
}

internal static class IdempotencyExtensions
{
    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder) => builder.AddEndpointFilter<IdempotencyFilter>();
}

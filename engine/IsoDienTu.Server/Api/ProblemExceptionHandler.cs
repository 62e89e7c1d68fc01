using System.Text.Json;
using IsoDienTu.Engine.Definitions;
using IsoDienTu.Engine.Postgres;
using IsoDienTu.Engine.Runtime;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace IsoDienTu.Server.Api;

/// <summary>Every error leaves as RFC 7807 problem details, naming the field or BPMN element at fault.</summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public const string DatabaseUnavailable = "Cơ sở dữ liệu tạm thời không sẵn sàng / Database unavailable";

    public const string RetryLater = "Vui lòng thử lại sau ít phút / Please try again in a moment.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, extensions) = Describe(exception);
        var detail = status switch
        {
            503 => RetryLater,
            >= 500 => null,
            _ => DetailOf(exception),
        };
        if (status == 503)
        {
            // Expected while PostgreSQL restarts: one line per request, not a stack trace each.
            LogDatabaseUnavailable(logger, exception.GetType().Name, exception.Message);
            httpContext.Response.Headers.RetryAfter = "5";
        }
        else if (status >= 500)
        {
            LogUnhandled(logger, exception);
        }

        httpContext.Response.StatusCode = status;
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        };
        foreach (var (key, value) in extensions)
        {
            context.ProblemDetails.Extensions[key] = value;
        }

        return await problems.TryWriteAsync(context);
    }

    private static (int Status, string Title, Dictionary<string, object?> Extensions) Describe(Exception exception) => exception switch
    {
        InvalidModelException invalid => (422, "Mô hình BPMN có lỗi / The BPMN model has errors", new()
        {
            ["errors"] = invalid.Diagnostics.Select(d => new { d.ElementId, d.Line, d.Column, d.Code, d.Message, d.MessageVi }).ToList(),
        }),
        EngineRefusedException refused => (refused.Code is EngineError.TaskNotFound or EngineError.InstanceNotActive or EngineError.NoWaitingReceiver ? 409 : 422,
            "Thao tác bị từ chối / The step was refused", new() { ["code"] = refused.Code.ToString(), ["elementId"] = refused.Field }),
        StoreException store => (store.Kind switch
        {
            StoreError.NotFound => 404,
            StoreError.Conflict => 409,
            StoreError.Forbidden => 403,
            _ => 400,
        }, store.Kind switch
        {
            StoreError.NotFound => "Không tìm thấy / Not found",
            StoreError.Conflict => "Xung đột / Conflict",
            StoreError.Forbidden => "Không có quyền / Forbidden",
            _ => "Yêu cầu không hợp lệ / Invalid request",
        }, new() { ["field"] = store.Field }),
        // A body that does not bind (bad JSON, an unknown field) reaches us wrapped: name the JSON path at fault.
        BadHttpRequestException { InnerException: JsonException json } => Describe(json),
        BadHttpRequestException bad => (bad.StatusCode, "Yêu cầu không hợp lệ / Invalid request", new()),
        JsonException json => (400, "JSON không hợp lệ / Invalid JSON", new() { ["field"] = json.Path }),
        PostgresException pg when StoreException.Translate(pg) is StoreException translated => Describe(translated),
        NpgsqlException => (503, DatabaseUnavailable, new()),
        _ => (500, "Lỗi máy chủ / Server error", new()),
    };

    private static string DetailOf(Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => DetailOf(json),
        // System.Text.Json names the .NET type in this message; say what the client sent instead.
        JsonException { Path: { } path } json when json.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal) =>
            $"Trường '{path}' không có trong yêu cầu này / Unknown field '{path}': remove it or check its spelling.",
        _ => exception.Message,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable: {Type}: {Message}")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string type, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}

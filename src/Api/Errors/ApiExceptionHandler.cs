using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MonEspaceSante.Api.Errors;

/// <summary>The last-resort handler: every exception goes through the error table, once, here.</summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        exception = TransportErrors.Translate(httpContext, exception);
        var mapping = ErrorTable.For(exception);
        if (exception is TemporarilyUnavailableException)
        {
            // Expected while a killed silo is being declared dead or the database fails over: the caller retries.
            LogUnavailable(logger, exception.InnerException?.GetType().Name ?? "?", ErrorWriter.TraceId(httpContext), exception.InnerException);
        }
        else if (mapping.Status >= 500)
        {
            LogUnexpected(logger, exception.GetType().Name, ErrorWriter.TraceId(httpContext), exception);
        }

        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        await ErrorWriter.WriteAsync(httpContext, mapping, ErrorWriter.DetailOf(exception, mapping), ErrorWriter.FieldOf(exception));
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503 after {Cause} (trace {TraceId})")]
    private static partial void LogUnavailable(ILogger logger, string cause, string traceId, Exception? exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected {ExceptionType} (trace {TraceId})")]
    private static partial void LogUnexpected(ILogger logger, string exceptionType, string traceId, Exception exception);
}

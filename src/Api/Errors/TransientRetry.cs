using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MonEspaceSante.Api.Errors;

/// <summary>
/// A request that is safe to send twice is run once more when its first run met a silo or the database briefly out
/// of reach (a silo just killed, a dropped connection): the caller gets the answer instead of a 503 when the second
/// run finds the grain on a live silo. Safe to send twice: GET, HEAD, OPTIONS, PUT and DELETE, and a POST carrying
/// <c>Idempotency-Key</c> or <c>If-None-Exist</c>. Once only, and only before a byte of the answer was sent; a second
/// failure answers 503 with <c>Retry-After</c>.
/// </summary>
public static partial class TransientRetry
{
    /// <summary>The pause before the second run: long enough for a connection failure to reach the cluster's directory.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);

    public static IApplicationBuilder UseMesTransientRetry(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(RunAsync);
    }

    public static bool IsSafeToRepeat(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || HttpMethods.IsPut(request.Method) || HttpMethods.IsDelete(request.Method)
            || (HttpMethods.IsPost(request.Method) && (request.Headers.ContainsKey("Idempotency-Key") || request.Headers.ContainsKey("If-None-Exist")));
    }

    private static async Task RunAsync(HttpContext http, RequestDelegate next)
    {
        if (!IsSafeToRepeat(http.Request))
        {
            await next(http);
            return;
        }

        // The body is kept (in memory, then a temporary file past 30 KB) so that the second run reads it again.
        http.Request.EnableBuffering();
        try
        {
            await next(http);
            return;
        }
        catch (Exception exception) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested
            && TransportErrors.Translate(http, exception) is TemporarilyUnavailableException)
        {
            // The route pattern only: a path may hold an INS.
            LogRetry(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TransientRetry)),
                http.Request.Method, http.GetEndpoint()?.DisplayName ?? "(no endpoint)", exception.GetType().Name);
        }

        await Task.Delay(Pause, http.RequestAborted);
        http.Response.Clear();
        http.Request.Body.Position = 0;
        await next(http);
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Warning, Message = "{Method} {Endpoint} met {Failure}: run once more")]
    private static partial void LogRetry(ILogger logger, string method, string endpoint, string failure);
}

using Microsoft.AspNetCore.Http;
using Npgsql;

namespace MonEspaceSante.Api.Errors;

/// <summary>A request body over its endpoint's limit (413): the text says the limit.</summary>
public sealed class PayloadTooLargeException(string name, long maxBytes, string? why = null)
    : Exception($"{name}: the request body is larger than {maxBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes, the most this endpoint accepts{(why is null ? "" : $" ({why})")}")
{
    public string Field => name;

    public long MaxBytes => maxBytes;
}

/// <summary>
/// A silo, a gateway or the database is briefly out of reach (503 with <c>Retry-After</c>): a killed silo until the
/// cluster declares it dead, a call that timed out, a dropped connection. Nothing was acknowledged; the same request
/// can be sent again.
/// </summary>
public sealed class TemporarilyUnavailableException(Exception cause)
    : Exception("The service is briefly unavailable (a silo or the database is out of reach): nothing was saved; retry in a few seconds.", cause);

/// <summary>What an exception from the transport or the framework tells the caller, before the error table maps it.</summary>
public static class TransportErrors
{
    /// <summary>The largest body an endpoint reads when it sets none (Kestrel's default).</summary>
    public const long DefaultMaxBodyBytes = 30_000_000;

    private static readonly object LimitKey = new();
    private static readonly object WhyKey = new();

    /// <summary>
    /// Sets the body limit of this request to <paramref name="maxBytes"/>, remembered for the 413's text; a declared
    /// <c>Content-Length</c> above it is refused at once.
    /// </summary>
    public static void LimitBody(HttpContext http, long maxBytes, string? why = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        http.Items[LimitKey] = maxBytes;
        http.Items[WhyKey] = why;
        if (http.Request.ContentLength > maxBytes)
        {
            // Refused before a byte is read, whatever the server in front enforces.
            throw new PayloadTooLargeException("body", maxBytes, why);
        }
    }

    /// <summary>
    /// <paramref name="exception"/> as the caller should hear it: a body over the server's limit as a 413 naming it, a
    /// transport failure as a 503; anything else as it is.
    /// </summary>
    public static Exception Translate(HttpContext http, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return new PayloadTooLargeException("body", http.Items[LimitKey] as long? ?? DefaultMaxBodyBytes, http.Items[WhyKey] as string);
        }

        // ASP.NET Core's form and multipart readers throw these for a body that breaks its own framing (a part cut
        // short, a missing boundary): the caller's mistake, said as a 400, wherever a form is read.
        if (exception is InvalidDataException || (exception is IOException && exception.Source == "Microsoft.AspNetCore.WebUtilities" && !http.RequestAborted.IsCancellationRequested))
        {
            return new Interfaces.Errors.InvalidInputException("body", "the form body is malformed or ends before its closing boundary");
        }

        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (IsTransient(cause))
            {
                return new TemporarilyUnavailableException(exception);
            }
        }

        return exception;
    }

    private static bool IsTransient(Exception exception) => exception is TimeoutException
        or Orleans.Runtime.OrleansMessageRejectionException
        or Orleans.Runtime.GatewayTooBusyException
        or Orleans.Runtime.Messaging.ConnectionFailedException
        or System.Net.Sockets.SocketException
        or NpgsqlException { IsTransient: true };
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using MonEspaceSante.Api.Waves;

namespace MonEspaceSante.Api.Fhir;

/// <summary>
/// The FHIR API speaks JSON only (declared in the CapabilityStatement's <c>format</c>): a request for another format
/// (<c>_format=xml</c>, <c>Accept: application/fhir+xml</c>) is a 406 and an XML body a 415, each with an
/// OperationOutcome, rather than JSON under a 200 that a client would misread.
/// </summary>
public static class FhirFormats
{
    /// <summary>What <c>format</c> declares; <c>_format</c> may also name them by these short forms.</summary>
    public static readonly IReadOnlyList<string> Declared = [FhirRoutes.MediaType, "json"];

    private static readonly HashSet<string> JsonTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "json", "application/json", FhirRoutes.MediaType, "application/json+fhir", "*/*", "application/*",
    };

    private static readonly HashSet<string> XmlTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/fhir+xml", "application/xml+fhir", "application/xml", "text/xml", "xml",
    };

    /// <summary>The check, as an endpoint filter on the FHIR group.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        Check(http.Request, http.GetEndpoint()?.Metadata.GetMetadata<RawContent>() is not null);
        return await next(context);
    }

    /// <summary>Marks an endpoint that also serves or takes raw content (Binary, attachments) and negotiates it itself.</summary>
    public static TBuilder AllowRawContent<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RawContent());

    /// <summary>Throws the 406 or 415 a request for or with a format other than JSON deserves; <paramref name="raw"/> endpoints accept any media type but a FHIR resource in XML.</summary>
    public static void Check(HttpRequest request, bool raw)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Query["_format"].FirstOrDefault() is { Length: > 0 } format && !JsonTypes.Contains(MediaTypeOnly(format)))
        {
            throw new NotAcceptableException($"_format={format} is not served: this server answers {string.Join(" or ", Declared)} only.");
        }

        var accept = request.GetTypedHeaders().Accept;
        if (!raw && accept.Count > 0 && !accept.Any(a => a.Quality is not 0 && JsonTypes.Contains(a.MediaType.Value ?? "")))
        {
            throw new NotAcceptableException($"Accept: {request.Headers.Accept} names no format this server answers ({string.Join(", ", Declared)}).");
        }

        if (request.ContentType is { Length: > 0 } contentType && MediaTypeHeaderValue.TryParse(contentType, out var body)
            && XmlTypes.Contains(body.MediaType.Value ?? "") && (!raw || (body.MediaType.Value ?? "").Contains("fhir", StringComparison.OrdinalIgnoreCase)))
        {
            throw new UnsupportedMediaTypeException($"Content-Type {body.MediaType} is not read: send {FhirRoutes.MediaType}.");
        }
    }

    private sealed class RawContent;

    private static string MediaTypeOnly(string value) => value.Split(';', 2)[0].Trim().Replace(' ', '+');
}

/// <summary>The client asked for a representation this server does not produce (406).</summary>
public sealed class NotAcceptableException : Exception
{
    public NotAcceptableException(string message)
        : base(message)
    {
    }

    public NotAcceptableException()
    {
    }

    public NotAcceptableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace MonEspaceSante.Api.Fhir;

/// <summary>
/// An endpoint result that writes one FHIR resource as <c>application/fhir+json</c>, with <c>ETag</c> and
/// <c>Last-Modified</c> from its <c>meta</c>; <c>Saved</c> answers a create or update as R4 defines it.
/// </summary>
public sealed class FhirResult(Resource? resource, int status = StatusCodes.Status200OK) : IResult
{
    public Resource? Resource => resource;

    /// <summary>
    /// A resource just created (201) or found already there (200): <c>Location</c> names its version, <c>ETag</c> and
    /// <c>Last-Modified</c> come from its meta, and the body is what <c>Prefer: return=</c> asks: the resource (the
    /// default), nothing (<c>minimal</c>), or <paramref name="outcome"/> (<c>OperationOutcome</c>).
    /// </summary>
    public static FhirResult Saved(HttpContext http, Resource saved, bool created, OperationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(saved);
        http.Response.Headers.Location = FhirBase.Url(http, saved.Meta?.VersionId is { } version
            ? $"{saved.TypeName}/{saved.Id}/_history/{version}"
            : $"{saved.TypeName}/{saved.Id}");
        var status = created ? StatusCodes.Status201Created : StatusCodes.Status200OK;
        var body = FhirPrefer.Get(http.Request, "return") switch
        {
            "minimal" => null,
            "OperationOutcome" => outcome,
            _ => saved,
        };
        if (body != saved)
        {
            // The saved resource's version headers, which a body of its own would otherwise write.
            WriteVersionHeaders(http.Response, saved);
        }

        return new FhirResult(body, status);
    }

    /// <summary><see cref="Saved(HttpContext, Resource, bool, OperationOutcome)"/> with an informational outcome saying which.</summary>
    public static FhirResult Saved(HttpContext http, Resource saved, bool created)
    {
        ArgumentNullException.ThrowIfNull(saved);
        var said = created ? $"{saved.TypeName} {saved.Id} created" : $"{saved.TypeName} {saved.Id} already there: nothing changed";
        return Saved(http, saved, created, new OperationOutcome
        {
            Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Information, Code = OperationOutcome.IssueType.Informational, Diagnostics = said }],
        });
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = status;
        if (resource is null)
        {
            return Task.CompletedTask;
        }

        if (resource is not OperationOutcome)
        {
            WriteVersionHeaders(httpContext.Response, resource);
        }

        return FhirJson.WriteAsync(httpContext.Response, resource, httpContext.RequestAborted);
    }

    private static void WriteVersionHeaders(HttpResponse response, Resource resource)
    {
        if (resource.Meta?.LastUpdated is { } lastUpdated)
        {
            response.Headers.LastModified = lastUpdated.ToString("R");
        }

        if (resource.Meta?.VersionId is { } version)
        {
            response.Headers.ETag = $"W/\"{version}\"";
        }
    }
}

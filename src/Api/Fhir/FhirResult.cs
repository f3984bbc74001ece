using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace MonEspaceSante.Api.Fhir;

/// <summary>An endpoint result that writes one FHIR resource as <c>application/fhir+json</c>.</summary>
public sealed class FhirResult(Resource resource, int status = StatusCodes.Status200OK) : IResult
{
    public Resource Resource => resource;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = status;
        if (resource.Meta?.LastUpdated is { } lastUpdated)
        {
            httpContext.Response.Headers.LastModified = lastUpdated.ToString("R");
        }

        if (resource.Meta?.VersionId is { } version)
        {
            httpContext.Response.Headers.ETag = $"W/\"{version}\"";
        }

        return FhirJson.WriteAsync(httpContext.Response, resource, httpContext.RequestAborted);
    }
}

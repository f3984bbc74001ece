using Microsoft.AspNetCore.Routing;

namespace MonEspaceSante.Api.Documents;

/// <summary>The documents brick over JSON (<c>/api/v1/me/...</c>) and FHIR.</summary>
public static class DocumentEndpoints
{
    public static RouteGroupBuilder MapDocumentEndpoints(this RouteGroupBuilder api) => api;

    public static RouteGroupBuilder MapFhirDocumentEndpoints(this RouteGroupBuilder fhir) => fhir;
}

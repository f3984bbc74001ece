using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Http;

namespace MonEspaceSante.Api.Fhir;

/// <summary>FHIR R4 JSON on the wire. FHIR types stay at the API edge; grains never see them.</summary>
public static class FhirJson
{
    // Compact: responses are for programs, and a transaction-response of 100 entries is written for every device Bundle.
    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static Task WriteAsync(HttpResponse response, Resource resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.ContentType = FhirRoutes.MediaType + "; charset=utf-8";
        return JsonSerializer.SerializeAsync(response.Body, resource, resource.GetType(), Options, cancellationToken);
    }
}

using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Documents;

namespace MonEspaceSante.Api.Documents;

/// <summary>
/// FHIR Binary. <c>POST /fhir/Binary</c> uploads a content ahead of its DocumentReference (a FHIR Binary resource,
/// or the raw bytes with their Content-Type); the DocumentReference then points at it (<c>Binary/&lt;id&gt;</c>).
/// <c>GET /fhir/Binary/{id}</c> reads a document's content (the id of a document): the raw bytes, or a Binary
/// resource when the caller accepts FHIR JSON.
/// </summary>
internal static class FhirBinaryHandlers
{
    public static async Task<FhirResult> CreateAsync(HttpContext http, IGrainFactory grains, TimeProvider clock)
    {
        var accessor = Caller.From(http).AsAccessor("fhir");
        var (mediaType, content) = IsJson(http.Request.ContentType)
            ? FromResource(await RequestBody.ReadAsync(http, FhirDocumentHandlers.MaxJsonBytes, "Binary"))
            : (http.Request.ContentType ?? "", await RequestBody.ReadAsync(http, DocumentRules.DepositorMaxBytes, "Binary"));
        var id = await grains.GetGrain<IDocumentDirectoryGrain>(IDocumentDirectoryGrain.Key).StageAsync(accessor, mediaType, content);
        var staged = new Binary { Id = id, Meta = FhirVersions.Meta(1, clock.GetUtcNow()), ContentType = DocumentRules.NormaliseMediaType(mediaType) };
        return FhirResult.Saved(http, staged, created: true);
    }

    public static async Task<IResult> ReadAsync(string id, HttpContext http, IGrainFactory grains)
    {
        var (_, grain) = await DocumentLocator.FindAsync(grains, id);
        var content = await grain.GetContentAsync(Caller.From(http).AsAccessor("fhir"), id);
        if (http.Request.Headers.Accept.Any(a => IsJson(a)))
        {
            return new FhirResult(new Binary { Id = id, Meta = Version(content.Document), ContentType = content.Document.MediaType, Data = content.Bytes });
        }

        // A document's content never changes (a new content is a new document): always version 1, as of its deposit.
        http.Response.Headers.ETag = "W/\"1\"";
        http.Response.Headers.LastModified = content.Document.DepositedAt.ToString("R");
        // Saved, never shown inline: a document is whatever its author sent, and a browser must not run it on this origin.
        return TypedResults.File(content.Bytes, content.Document.MediaType, $"document-{content.Document.Id}{DocumentRules.ExtensionOf(content.Document.MediaType)}");
    }

    private static Meta Version(DocumentView document) => FhirVersions.Meta(1, document.DepositedAt);

    private static (string MediaType, byte[] Content) FromResource(byte[] json)
    {
        var binary = FhirResources.Read<Binary>(json, "Binary");
        return (binary.ContentType ?? "", binary.Data ?? []);
    }

    private static bool IsJson(string? mediaType) =>
        mediaType is not null && (mediaType.Contains("fhir+json", StringComparison.OrdinalIgnoreCase)
            || DocumentRules.NormaliseMediaType(mediaType) == "application/json");
}

using Microsoft.AspNetCore.Http;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Documents;

/// <summary>
/// FHIR DocumentReference: deposit (content inline or as a Binary created first), read, delete by its author,
/// and <c>$reveal</c> (a professional shows a document labelled INVISIBLE_PATIENT to the patient).
/// </summary>
internal static class FhirDocumentHandlers
{
    /// <summary>The largest DocumentReference body: the largest content in base64 (4/3), plus 1 MB for the rest.</summary>
    public const long MaxJsonBytes = DocumentRules.DepositorMaxBytes / 3 * 4 + (1024 * 1024);

    public static async Task<FhirResult> CreateAsync(HttpContext http, IGrainFactory grains)
    {
        var accessor = Caller.From(http).AsAccessor("fhir");
        var submission = DocumentReferenceReader.Read(await RequestBody.ReadAsync(http, MaxJsonBytes, DocumentReferenceReader.Root), accessor.Role);
        var (mediaType, content, contentField) = submission.Data is { } data
            ? (submission.Draft.MediaType, data, $"{DocumentReferenceReader.Attachment}.data")
            : await StagedAsync(grains, accessor, submission);
        var draft = submission.Draft with
        {
            MediaType = DocumentRules.CheckContent(accessor.Role, mediaType, content, $"{DocumentReferenceReader.Attachment}.contentType", contentField),
        };
        var documents = grains.GetGrain<IPatientDocumentsGrain>(PatientKey.From(submission.Subject));
        var receipt = IfNoneExist(http, draft) ? await documents.SubmitIfNoneExistAsync(accessor, draft, content) : await documents.SubmitAsync(accessor, draft, content);
        return FhirResult.Saved(http, DocumentReferenceMapping.ToFhir(submission.Subject, receipt.Document), receipt.Created);
    }

    /// <summary>Whether the create is conditional; its condition must name the document's own identifier (masterIdentifier).</summary>
    private static bool IfNoneExist(HttpContext http, DocumentDraft draft)
    {
        if (FhirConditions.IfNoneExist(http.Request) is not { } condition)
        {
            return false;
        }

        var (_, value) = FhirConditions.Identifier(condition, FhirConditions.Header);
        return value == draft.ExternalId
            ? true
            : throw new UnprocessableException(FhirConditions.Header, $"names identifier {value}, not the document's masterIdentifier: the condition finds a document by the identifier it is deposited under.");
    }

    public static async Task<FhirResult> ReadAsync(string id, HttpContext http, IGrainFactory grains)
    {
        var (holder, grain) = await DocumentLocator.FindAsync(grains, id);
        return new FhirResult(DocumentReferenceMapping.ToFhir(holder, await grain.GetAsync(Caller.From(http).AsAccessor("fhir"), id)));
    }

    public static async Task<IResult> DeleteAsync(string id, HttpContext http, IGrainFactory grains)
    {
        // The grain admits the author, or the holder (who also deletes from DELETE /api/v1/me/documents/{id}).
        var (_, grain) = await DocumentLocator.FindAsync(grains, id);
        var accessor = Caller.From(http).AsAccessor("fhir");
        await grain.DeleteAsync(accessor, id);
        return TypedResults.NoContent();
    }

    public static async Task<FhirResult> RevealAsync(string id, HttpContext http, IGrainFactory grains)
    {
        var (holder, grain) = await DocumentLocator.FindAsync(grains, id);
        return new FhirResult(DocumentReferenceMapping.ToFhir(holder, await grain.RevealAsync(Caller.From(http).AsAccessor("fhir"), id)));
    }

    private static async Task<(string MediaType, byte[] Content, string Field)> StagedAsync(IGrainFactory grains, Interfaces.Access.Accessor accessor, DocumentSubmission submission)
    {
        var staged = await grains.GetGrain<IDocumentDirectoryGrain>(IDocumentDirectoryGrain.Key).ReadStagedAsync(accessor, submission.BinaryId!)
            ?? throw new InvalidInputException($"{DocumentReferenceReader.Attachment}.url", $"no Binary {submission.BinaryId} uploaded by you in the last day");
        var declared = DocumentRules.NormaliseMediaType(submission.Draft.MediaType);
        if (declared.Length > 0 && declared != staged.MediaType)
        {
            throw new InvalidInputException($"{DocumentReferenceReader.Attachment}.contentType", $"'{declared}' differs from the Binary's {staged.MediaType}");
        }

        return (staged.MediaType, staged.Bytes, $"{DocumentReferenceReader.Attachment}.url");
    }
}

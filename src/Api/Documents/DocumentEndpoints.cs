using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Documents;

namespace MonEspaceSante.Api.Documents;

/// <summary>
/// The documents brick (DMP). JSON for the holder under <c>/api/v1/me/documents</c>; FHIR DocumentReference and
/// Binary under <c>/fhir</c> for professionals, apps (documents.read / documents.write), the insurer's operators
/// (deposit only) and the holder. Every decision about who sees what is the person's grain's.
/// </summary>
public static class DocumentEndpoints
{
    /// <summary>Documents (DMP): the holder's JSON, DocumentReference and Binary over FHIR.</summary>
    public static MesRoutes MapDocuments(this MesRoutes routes) => routes.Map(api => api.MapDocumentEndpoints(), fhir => fhir.MapFhirDocumentEndpoints());

    internal static RouteGroupBuilder MapDocumentEndpoints(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/me/documents").WithTags("My documents").RequireAuthorization(MesRoles.Patient);
        documents.MapPost("/", MyDocumentsHandlers.UploadAsync).WithName("UploadMyDocument")
            .WithSummary($"Uploads a document (multipart/form-data: file, classCode (default 90), typeCode, title, date, masked, replaces; header Idempotency-Key). pdf, jpeg, png, rtf, tiff or txt, at most {DocumentRules.HolderMaxBytes / (1024 * 1024)} MB.")
            .Accepts<IFormFile>("multipart/form-data").ProducesProblem(StatusCodes.Status400BadRequest);
        documents.MapGet("/", MyDocumentsHandlers.SearchAsync).WithName("SearchMyDocuments")
            .WithSummary("The current documents, newest first: class and type (comma-separated), from and to (date of care), page (from 1) and pageSize (1-100), with the total.");
        documents.MapGet("/live", DocumentLiveFeed.Stream).WithName("GetMyLiveDocuments")
            .WithSummary("Server-Sent Events: a 'ready' event, then a 'document' event for each new, changed or deleted document.");
        documents.MapGet("/{id}", MyDocumentsHandlers.GetAsync).WithName("GetMyDocument").WithSummary("One document's index entry.");
        documents.MapGet("/{id}/content", MyDocumentsHandlers.ContentAsync).WithName("GetMyDocumentContent").WithSummary("One document's content.");
        documents.MapDelete("/{id}", MyDocumentsHandlers.DeleteAsync).WithName("DeleteMyDocument").WithSummary("Deletes a document: it is never shown again.");
        documents.MapPut("/{id}/masked", MyDocumentsHandlers.SetMaskedAsync).WithName("MaskMyDocument")
            .WithSummary("Masks a document from professionals other than its author ({\"masked\": true}), or unmasks it.");
        return api;
    }

    internal static RouteGroupBuilder MapFhirDocumentEndpoints(this RouteGroupBuilder fhir)
    {
        fhir.MapPost("/DocumentReference", FhirDocumentHandlers.CreateAsync).WithName("FhirDocumentReferenceCreate")
            .WithSummary($"Deposits a document: subject by INS, category (TRE_A03), type (LOINC), content inline (base64) or Binary/<id>; relatesTo replaces; masterIdentifier makes a resend return the same document. At most {DocumentRules.DepositorMaxBytes / (1024 * 1024)} MB.")
            .Produces(StatusCodes.Status201Created, contentType: FhirRoutes.MediaType).RequireAuthorization();
        fhir.MapGet("/DocumentReference", FhirDocumentSearch.SearchAsync).WithName("FhirDocumentReferenceSearch")
            .WithSummary("Searches one person's documents: patient (INS), category, type, date (ge/gt/le/lt, date of care), _count (1-100), _page.")
            .Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType).RequireAuthorization();
        fhir.MapGet("/DocumentReference/{id}", FhirDocumentHandlers.ReadAsync).WithName("FhirDocumentReferenceRead")
            .WithSummary("Reads one document's DocumentReference.").Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType).RequireAuthorization();
        fhir.MapDelete("/DocumentReference/{id}", FhirDocumentHandlers.DeleteAsync).WithName("FhirDocumentReferenceDelete")
            .WithSummary("Deletes a document (its author, or the holder).").RequireAuthorization();
        fhir.MapPost("/DocumentReference/{id}/$reveal", FhirDocumentHandlers.RevealAsync).WithName("FhirDocumentReferenceReveal")
            .WithSummary("A professional reveals to the patient a document labelled INVISIBLE_PATIENT (the label is removed).")
            .Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType).RequireAuthorization(MesRoles.Professional);
        fhir.MapPost("/Binary", FhirBinaryHandlers.CreateAsync).WithName("FhirBinaryCreate")
            .WithSummary("Uploads a content before its DocumentReference (FHIR Binary, or raw bytes with their Content-Type); kept a day for its uploader.")
            .Produces(StatusCodes.Status201Created, contentType: FhirRoutes.MediaType).RequireAuthorization().AllowRawContent();
        fhir.MapGet("/Binary/{id}", FhirBinaryHandlers.ReadAsync).WithName("FhirBinaryRead")
            .WithSummary("A document's content (the id is the document's): raw bytes, or a Binary resource when Accept asks for FHIR JSON.").RequireAuthorization().AllowRawContent();
        return fhir;
    }
}

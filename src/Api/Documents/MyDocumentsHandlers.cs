using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Documents;

/// <summary>
/// The holder's documents over JSON (a legal representative acts for a minor with <c>X-Act-For</c>): upload,
/// search, read, content, delete, mask from professionals. The grain decides who sees what.
/// </summary>
internal static class MyDocumentsHandlers
{
    public const string Base = "/api/v1/me/documents";

    public static async Task<Results<Created<DocumentView>, Ok<DocumentView>>> UploadAsync(HttpContext http, IGrainFactory grains)
    {
        var (space, me) = Caller.MySpace(http);
        var (draft, content) = await DocumentUploadForm.ReadAsync(http, me);
        var receipt = await Facet(grains, space).SubmitAsync(me, draft, content);
        return receipt.Created
            ? TypedResults.Created($"{Base}/{receipt.Document.Id}", receipt.Document)
            : TypedResults.Ok(receipt.Document);
    }

    public static async Task<Ok<DocumentPage>> SearchAsync(HttpContext http, IGrainFactory grains)
    {
        var (space, me) = Caller.MySpace(http);
        var query = http.Request.Query;
        var search = new DocumentQuery(
            Codes(query["class"], code => DocumentRules.CheckClass(code, "class")),
            Codes(query["type"], code => DocumentRules.CheckType(code, "type")!),
            DocumentDates.ParseIso(query["from"].FirstOrDefault(), "from", end: false),
            DocumentDates.ParseIso(query["to"].FirstOrDefault(), "to", end: true),
            SearchBundle.Number(query["page"], "page", 1, int.MaxValue, 1),
            SearchBundle.Number(query["pageSize"], "pageSize", 1, DocumentQuery.MaxPageSize, DocumentQuery.DefaultPageSize));
        return TypedResults.Ok(await Facet(grains, space).SearchAsync(me, search));
    }

    public static async Task<Ok<DocumentView>> GetAsync(string id, HttpContext http, IGrainFactory grains)
    {
        var (space, me) = Caller.MySpace(http);
        return TypedResults.Ok(await Facet(grains, space).GetAsync(me, id));
    }

    public static async Task<FileContentHttpResult> ContentAsync(string id, HttpContext http, IGrainFactory grains)
    {
        var (space, me) = Caller.MySpace(http);
        var content = await Facet(grains, space).GetContentAsync(me, id);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(content.Bytes, content.Document.MediaType, $"document-{content.Document.Id}");
    }

    public static async Task<NoContent> DeleteAsync(string id, HttpContext http, IGrainFactory grains)
    {
        var (space, me) = Caller.MySpace(http);
        await Facet(grains, space).DeleteAsync(me, id);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<DocumentView>> SetMaskedAsync(string id, DocumentMaskRequest request, HttpContext http, IGrainFactory grains)
    {
        var masked = request.Masked ?? throw new InvalidInputException("masked", "is required (true or false)");
        var (space, me) = Caller.MySpace(http);
        return TypedResults.Ok(await Facet(grains, space).SetMaskedAsync(me, id, masked));
    }

    private static List<string> Codes(Microsoft.Extensions.Primitives.StringValues values, Func<string, string> check) =>
        [.. values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(check).Distinct(StringComparer.Ordinal)];

    private static IPatientDocumentsGrain Facet(IGrainFactory grains, Interfaces.Identity.Ins space) =>
        grains.GetGrain<IPatientDocumentsGrain>(PatientKey.From(space));
}

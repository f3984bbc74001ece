using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Documents;

/// <summary>
/// <c>GET /fhir/DocumentReference?patient=&amp;category=&amp;type=&amp;date=&amp;_count=&amp;_page=</c>: the current
/// documents the caller may see, newest first (by date of care), as a searchset Bundle whose total counts only them.
/// </summary>
internal static class FhirDocumentSearch
{
    /// <summary>The search parameters of DocumentReference.</summary>
    private static readonly string[] Parameters = [.. FhirPatientParameter.Names, "category", "type", "date", "_count", "_page"];

    public static async Task<FhirResult> SearchAsync(HttpContext http, IGrainFactory grains)
    {
        SearchBundle.Check(http, Parameters);
        var caller = Caller.From(http);
        var holder = FhirPatientParameter.Resolve(http.Request, caller);
        var query = http.Request.Query;
        var (from, to) = DocumentDates.ParseFhir(query["date"], "date");
        var search = new DocumentQuery(
            Codes(query["category"], "category", code => DocumentRules.CheckClass(code, "category")),
            Codes(query["type"], "type", code => DocumentRules.CheckType(code, "type")!),
            from,
            to,
            SearchBundle.Number(query["_page"], "_page", 1, int.MaxValue, 1),
            SearchBundle.Number(query["_count"], "_count", 1, DocumentQuery.MaxPageSize, DocumentQuery.DefaultPageSize));
        var page = await grains.GetGrain<IPatientDocumentsGrain>(PatientKey.From(holder)).SearchAsync(caller.AsAccessor("fhir"), search);

        var bundle = SearchBundle.Start(http, Parameters, page.Total, "_page", page.HasNext ? (page.Page + 1).ToString(CultureInfo.InvariantCulture) : null);
        foreach (var document in page.Documents)
        {
            bundle.AddMatch(http, DocumentReferenceMapping.ToFhir(holder, document));
        }

        return new FhirResult(bundle);
    }

    /// <summary>
    /// Token values (<c>code</c> or <c>system|code</c>): commas are alternatives, a repeated parameter must also hold
    /// (FHIR's AND), so the codes kept are those every occurrence allows.
    /// </summary>
    private static List<string> Codes(StringValues values, string field, Func<string, string> check)
    {
        HashSet<string>? kept = null;
        foreach (var value in values)
        {
            var codes = (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(token => check(token[(token.IndexOf('|', StringComparison.Ordinal) + 1)..]))
                .ToHashSet(StringComparer.Ordinal);
            if (codes.Count == 0)
            {
                throw new InvalidInputException(field, "a code, or codes separated by commas");
            }

            kept = kept is null ? codes : [.. kept.Intersect(codes, StringComparer.Ordinal)];
        }

        // Occurrences that exclude each other match nothing: a code no document has.
        return kept is null ? [] : kept.Count == 0 ? ["-"] : [.. kept];
    }
}

using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MonEspaceSante.Api.SignIn;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Api.Fhir;

/// <summary>
/// The FHIR base URL clients follow links from: the service's configured public address (<c>SignIn:Issuer</c>, required
/// and https outside Development) then <c>fhir/</c>, never the Host a client sent. Only a Development process without
/// an issuer falls back to the request's own address.
/// </summary>
public static class FhirBase
{
    /// <summary>The absolute base, ending with <c>/fhir/</c>; worked out once per request (a search page asks it per entry).</summary>
    public static Uri Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items[typeof(FhirBase)] is Uri known)
        {
            return known;
        }

        var issuer = http.RequestServices.GetService<IOptions<SignInSettings>>()?.Value.Issuer
            ?? new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");
        var fhirBase = new Uri(issuer, FhirRoutes.Base.TrimStart('/') + "/");
        http.Items[typeof(FhirBase)] = fhirBase;
        return fhirBase;
    }

    /// <summary>The absolute URL of <paramref name="relative"/> (<c>Observation/abc</c>, <c>Observation?code=…</c>).</summary>
    public static string Url(HttpContext http, string relative) => new Uri(Of(http), relative.TrimStart('/')).AbsoluteUri;

    /// <summary>The absolute URL of a resource: what <c>fullUrl</c> and <c>Location</c> carry.</summary>
    public static string Url(HttpContext http, Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return Url(http, $"{resource.TypeName}/{resource.Id}");
    }
}

/// <summary>
/// A search answer as R4 defines it: absolute <c>self</c> and <c>next</c> links (a client follows them as they are) that
/// list only the parameters the search used, and entries whose <c>fullUrl</c> is the resource's absolute URL. Unknown
/// parameters are ignored, or refused with a 400 naming them when the client sends <c>Prefer: handling=strict</c>.
/// </summary>
public static class SearchBundle
{
    /// <summary>Parameters every search accepts and none lists in its links.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "_format" };

    /// <summary>Refuses, under <c>Prefer: handling=strict</c>, a parameter that is not one of <paramref name="known"/>.</summary>
    public static void Check(HttpContext http, IReadOnlyCollection<string> known)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(known);
        var strict = FhirPrefer.Get(http.Request, "handling") == "strict";
        if (strict && http.Request.Query.Keys.FirstOrDefault(k => !known.Contains(k) && !Ignored.Contains(k)) is { } unknown)
        {
            throw new InvalidInputException(unknown, $"is not a search parameter here (Prefer: handling=strict); known ones: {string.Join(", ", known)}");
        }
    }

    /// <summary>
    /// An empty searchset for the current request; <paramref name="next"/> is the value of <paramref name="pageParameter"/>
    /// that fetches the next page, or null on the last one; the next link leaves out <paramref name="dropOnNext"/> (an
    /// offset the cursor replaces).
    /// </summary>
    public static Bundle Start(HttpContext http, IReadOnlyCollection<string> known, int? total, string pageParameter, string? next, string? dropOnNext = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(known);
        var request = http.Request;
        var path = request.Path.Value ?? "";
        var relative = path.StartsWith(FhirRoutes.Base + "/", StringComparison.Ordinal) ? path[(FhirRoutes.Base.Length + 1)..] : path.TrimStart('/');
        var used = request.Query.Where(q => known.Contains(q.Key)).ToList();
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = total };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = Link(http, relative, used.SelectMany(Pairs)) });
        if (next is not null)
        {
            var parameters = used.Where(q => q.Key != pageParameter && q.Key != dropOnNext).SelectMany(Pairs).Append($"{pageParameter}={Uri.EscapeDataString(next)}");
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = Link(http, relative, parameters) });
        }

        return bundle;
    }

    /// <summary>A whole-number parameter (<c>_count</c>, <c>_page</c>, <c>_offset</c>) within [min, max], or <paramref name="absent"/>; anything else is a 400 naming it.</summary>
    public static int Number(Microsoft.Extensions.Primitives.StringValues values, string field, int min, int max, int absent) =>
        values.FirstOrDefault() is not { } text
            ? absent
            : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                ? n
                : throw new InvalidInputException(field, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"a whole number from {min} to {max}"));

    /// <summary>Adds <paramref name="resource"/> as a match, under its absolute URL.</summary>
    public static void AddMatch(this Bundle bundle, HttpContext http, Resource resource) => bundle.Add(http, resource, Bundle.SearchEntryMode.Match);

    /// <summary>Adds <paramref name="resource"/> as included by a match (<c>_include</c>), under its absolute URL.</summary>
    public static void AddInclude(this Bundle bundle, HttpContext http, Resource resource) => bundle.Add(http, resource, Bundle.SearchEntryMode.Include);

    private static void Add(this Bundle bundle, HttpContext http, Resource resource, Bundle.SearchEntryMode mode)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = FhirBase.Url(http, resource),
            Resource = resource,
            Search = new Bundle.SearchComponent { Mode = mode },
        });
    }

    private static IEnumerable<string> Pairs(KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> parameter) =>
        parameter.Value.Select(v => $"{Uri.EscapeDataString(parameter.Key)}={Uri.EscapeDataString(v ?? "")}");

    private static string Link(HttpContext http, string relative, IEnumerable<string> parameters)
    {
        var query = string.Join('&', parameters);
        return FhirBase.Url(http, query.Length == 0 ? relative : $"{relative}?{query}");
    }
}

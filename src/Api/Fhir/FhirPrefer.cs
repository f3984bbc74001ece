using Microsoft.AspNetCore.Http;

namespace MonEspaceSante.Api.Fhir;

/// <summary>The <c>Prefer</c> header of a FHIR request (RFC 7240): <c>return=…</c>, <c>handling=…</c>.</summary>
public static class FhirPrefer
{
    /// <summary>The value of preference <paramref name="name"/> (<c>return</c>, <c>handling</c>), or null when not sent.</summary>
    public static string? Get(HttpRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var header in request.Headers["Prefer"])
        {
            foreach (var part in (header ?? "").Split([',', ';'], StringSplitOptions.TrimEntries))
            {
                if (part.Length > name.Length && part.StartsWith(name, StringComparison.Ordinal) && part[name.Length] == '=')
                {
                    return part[(name.Length + 1)..].Trim('"');
                }
            }
        }

        return null;
    }
}

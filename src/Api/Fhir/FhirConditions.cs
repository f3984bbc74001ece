using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Api.Fhir;

/// <summary>
/// Conditional creates as R4 defines them: the <c>If-None-Exist</c> header (or a Bundle entry's
/// <c>request.ifNoneExist</c>) is a search; no match creates, one match answers it (200), several are a 412. Every
/// resource we create conditionally is found by its identifier, so the one search understood is
/// <c>identifier=[system|]value</c>; any other is a 400 rather than a condition silently ignored.
/// </summary>
public static class FhirConditions
{
    public const string Header = "If-None-Exist";

    /// <summary>The condition a create carries, if any.</summary>
    public static string? IfNoneExist(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Headers[Header].ToString().Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>The identifier a condition names (its system null when it names none).</summary>
    public static (string? System, string Value) Identifier(string condition, string where)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var query = QueryHelpers.ParseQuery(condition.StartsWith('?') ? condition : "?" + condition);
        if (query.Count != 1 || !query.TryGetValue("identifier", out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            throw new InvalidInputException(where, "a conditional create is understood on identifier=system|value only");
        }

        var token = values[0]!;
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        var (system, value) = bar < 0 ? (null, token) : (token[..bar], token[(bar + 1)..]);
        return value.Length == 0
            ? throw new InvalidInputException(where, "identifier=system|value names no value")
            : (system, value);
    }
}

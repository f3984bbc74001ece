using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Api.Fhir;

/// <summary>
/// Versions as R4 defines them: <c>meta.versionId</c> and <c>meta.lastUpdated</c> on every resource read, and the
/// <c>If-Match</c> an update is conditioned on (a weak ETag <c>W/"3"</c>, or the bare version). A resource that keeps
/// no counter of its changes (Patient, Consent) is versioned by the time of its last change, in milliseconds since
/// 1970: it grows at each change, as a version must.
/// </summary>
public static class FhirVersions
{
    public static Meta Meta(int version, DateTimeOffset lastUpdated) =>
        new() { VersionId = version.ToString(CultureInfo.InvariantCulture), LastUpdated = lastUpdated };

    /// <summary>The meta of a resource versioned by the time of its last change.</summary>
    public static Meta ChangedAt(DateTimeOffset lastUpdated) => new()
    {
        VersionId = lastUpdated.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        LastUpdated = lastUpdated,
    };

    /// <summary>
    /// The version <c>If-Match</c> names, or none without the header; a value that names no version of ours is a 400.
    /// </summary>
    public static int? IfMatch(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return null;
        }

        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        tag = tag.Length >= 2 && tag[0] == '"' && tag[^1] == '"' ? tag[1..^1] : tag;
        return int.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new InvalidInputException("If-Match", "names one version, as the ETag of a read gives it (W/\"3\")");
    }
}

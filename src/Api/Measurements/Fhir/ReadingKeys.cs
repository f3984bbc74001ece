using System.Globalization;
using MonEspaceSante.Api.Fhir;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace MonEspaceSante.Api.Measurements.Fhir;

/// <summary>
/// What makes a reading unique for its app, so that a resent reading changes nothing:
/// <c>id:</c> + system|value of its first identifier, else <c>dev:</c> + device|code|effective time (UTC).
/// </summary>
internal static class ReadingKeys
{
    public static string? For(IdentifierFact? identifier, string? device, string code, DateTimeOffset effectiveAt, IssueCollector issues)
    {
        if (identifier is not null)
        {
            if (identifier.Value is null)
            {
                issues.Add("identifier[0].value", "an identifier needs its value (it makes the reading unique for this app).", IssueType.Required);
                return null;
            }

            return "id:" + identifier.System + "|" + identifier.Value;
        }

        // The same instant written with another offset or fraction gives the same key.
        var at = effectiveAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
        return "dev:" + device + "|" + code + "|" + at;
    }
}

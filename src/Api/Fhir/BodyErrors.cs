using System.Globalization;
using System.Text.Json;

namespace MonEspaceSante.Api.Fhir;

/// <summary>Messages about a body that is not JSON; they give the place, never the content.</summary>
internal static class BodyErrors
{
    public static string NotJson(JsonException e) =>
        e.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"the body is not valid JSON (line {line + 1}, byte {e.BytePositionInLine + 1}).")
            : "the body is not valid JSON.";
}

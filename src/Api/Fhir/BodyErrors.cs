using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace MonEspaceSante.Api.Fhir;

/// <summary>Messages about a body that is not JSON; they give the place, never the content.</summary>
internal static class BodyErrors
{
    public static string NotJson(JsonException e) =>
        e.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"the body is not valid JSON (line {line + 1}, byte {e.BytePositionInLine + 1}).")
            : "the body is not valid JSON.";

    /// <summary>
    /// Why <paramref name="json"/>, already parsed as JSON, holds text that cannot be read as Unicode, or null.
    /// The JSON parser checks structure but not the bytes inside strings, nor escapes such as a lone
    /// <c>\uD800</c>: reading such a string later throws, so the body is refused whole, here, as 400.
    /// </summary>
    public static string? NotUnicode(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            return "the body is not valid UTF-8 text.";
        }

        // Only an escape can still make a string unreadable (a surrogate without its pair); most bodies have none.
        if (json.IndexOf("\\u"u8) < 0)
        {
            return null;
        }

        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }
        }
        catch (InvalidOperationException)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the body holds a string with an unpaired surrogate escape (line {1 + json[..(int)reader.TokenStartIndex].Count((byte)'\n')}).");
        }

        return null;
    }
}

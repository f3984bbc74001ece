using System.Text.Json;
using MonEspaceSante.Api.Fhir;

namespace MonEspaceSante.Api.Measurements.Fhir;

/// <summary>
/// Strict readers of FHIR primitives for the fast path (see <see cref="FhirJsonShapes"/>): false means
/// "not the plain form", and the resource goes to Firely, which knows every rule.
/// </summary>
internal static class FhirJsonPrimitives
{
    public static bool TryString(JsonElement element, out string? text)
    {
        text = null;
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        text = element.GetString()!;
        return text.Length > 0 && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1]);
    }

    /// <summary>A FHIR code or uri: no whitespace at all, which is stricter than FHIR codes need and never wrong.</summary>
    public static bool TryToken(JsonElement element, out string? text)
    {
        if (!TryString(element, out text))
        {
            return false;
        }

        foreach (var c in text!)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool TryDateTime(JsonElement element, out string? text) =>
        TryToken(element, out text) && FhirDateTimeText.TryParse(text, out _, out _);

    public static bool TryInstant(JsonElement element, out string? text) =>
        TryToken(element, out text) && FhirDateTimeText.TryParse(text, out _, out var precision) && precision == DateTimePrecision.Time;

    /// <summary>A non-empty array whose every item is plain for <paramref name="item"/>.</summary>
    public static bool TryArrayOf(JsonElement element, Func<JsonElement, bool> item)
    {
        if (!IsFilledArray(element))
        {
            return false;
        }

        foreach (var each in element.EnumerateArray())
        {
            if (!item(each))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsFilledArray(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array && element.GetArrayLength() > 0;

    /// <summary>Marks a property as seen; false when it already was (JSON allows duplicates, FHIR does not).</summary>
    public static bool Once(ref int seen, int bit)
    {
        if ((seen & bit) != 0)
        {
            return false;
        }

        seen |= bit;
        return true;
    }

    /// <summary>True when <paramref name="element"/> is the JSON string <paramref name="utf8"/> (ValueEquals throws on other kinds).</summary>
    public static bool IsString(JsonElement element, ReadOnlySpan<byte> utf8) =>
        element.ValueKind == JsonValueKind.String && element.ValueEquals(utf8);

    public static bool TryDecimal(JsonElement element, out decimal? value)
    {
        value = null;
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDecimal(out var number))
        {
            return false;
        }

        value = number;
        return true;
    }

    /// <summary>A FHIR id: 1 to 64 letters, digits, '-' or '.'.</summary>
    public static bool TryId(JsonElement element)
    {
        if (!TryToken(element, out var id) || id!.Length > 64)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}

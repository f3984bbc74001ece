using System.Text.Json;
using static MonEspaceSante.Api.Measurements.Fhir.FhirJsonPrimitives;

namespace MonEspaceSante.Api.Measurements.Fhir;

/// <summary>
/// Strict readers of the few FHIR complex datatypes a measurement uses, straight from JSON. Each returns false
/// as soon as it meets anything outside the plain shape it knows (an extension, an unknown or repeated
/// property, a null, an empty string or array, a wrong JSON type): the caller then hands the resource
/// to Firely, which says precisely what is wrong, or accepts it. So false means "not sure", never "invalid".
/// </summary>
internal static class FhirJsonShapes
{
    public static bool TryCodeableConcept(JsonElement element, out List<CodingFact> codings)
    {
        codings = [];
        var seen = 0;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals("coding"u8) && Once(ref seen, 1) && IsFilledArray(property.Value))
            {
                foreach (var item in property.Value.EnumerateArray())
                {
                    if (!TryCoding(item, out var coding))
                    {
                        return false;
                    }

                    codings.Add(coding);
                }
            }
            else if (!(property.NameEquals("text"u8) && Once(ref seen, 2) && TryString(property.Value, out _)))
            {
                return false;
            }
        }

        return seen != 0;
    }

    public static bool TryIdentifier(JsonElement element, out IdentifierFact identifier)
    {
        identifier = new(null, null);
        string? system = null, value = null;
        var seen = 0;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            var known = property.NameEquals("system"u8) ? Once(ref seen, 1) && TryToken(property.Value, out system)
                : property.NameEquals("value"u8) ? Once(ref seen, 2) && TryString(property.Value, out value)
                : property.NameEquals("use"u8) && Once(ref seen, 4) && TryToken(property.Value, out var use)
                    && use is "usual" or "official" or "temp" or "secondary" or "old";
            if (!known)
            {
                return false;
            }
        }

        identifier = new(system, value);
        return seen != 0;
    }

    public static bool TryReference(JsonElement element, out ReferenceFact reference)
    {
        reference = new(null, null, null);
        string? text = null, display = null;
        IdentifierFact identifier = null!;
        var seen = 0;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            var known = property.NameEquals("reference"u8) ? Once(ref seen, 1) && TryString(property.Value, out text)
                : property.NameEquals("display"u8) ? Once(ref seen, 2) && TryString(property.Value, out display)
                : property.NameEquals("type"u8) ? Once(ref seen, 4) && TryToken(property.Value, out _)
                : property.NameEquals("identifier"u8) && Once(ref seen, 8) && TryIdentifier(property.Value, out identifier);
            if (!known)
            {
                return false;
            }
        }

        reference = new(text, (seen & 8) != 0 ? identifier : null, display);
        return seen != 0;
    }

    public static bool TryQuantity(JsonElement element, out QuantityFact quantity)
    {
        quantity = new(null, null, null, null, null);
        decimal? value = null;
        string? comparator = null, unit = null, system = null, code = null;
        var seen = 0;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            var known = property.NameEquals("value"u8)
                    ? Once(ref seen, 1) && TryDecimal(property.Value, out value)
                : property.NameEquals("unit"u8) ? Once(ref seen, 2) && TryString(property.Value, out unit)
                : property.NameEquals("system"u8) ? Once(ref seen, 4) && TryToken(property.Value, out system)
                : property.NameEquals("code"u8) ? Once(ref seen, 8) && TryToken(property.Value, out code)
                : property.NameEquals("comparator"u8) && Once(ref seen, 16) && TryToken(property.Value, out comparator)
                    && comparator is "<" or "<=" or ">=" or ">";
            if (!known)
            {
                return false;
            }
        }

        quantity = new(value, comparator, unit, system, code);
        return seen != 0;
    }

    /// <summary>A period's start (null when absent); both ends must be valid date-times.</summary>
    public static bool TryPeriod(JsonElement element, out string? start)
    {
        start = null;
        var seen = 0;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            var known = property.NameEquals("start"u8) ? Once(ref seen, 1) && TryDateTime(property.Value, out start)
                : property.NameEquals("end"u8) && Once(ref seen, 2) && TryDateTime(property.Value, out _);
            if (!known)
            {
                return false;
            }
        }

        return seen != 0;
    }

    /// <summary>A note: its text, and optionally its time and author.</summary>
    public static bool TryAnnotation(JsonElement element)
    {
        var seen = 0;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            var known = property.NameEquals("text"u8) ? Once(ref seen, 1) && TryString(property.Value, out _)
                : property.NameEquals("time"u8) ? Once(ref seen, 2) && TryDateTime(property.Value, out _)
                : property.NameEquals("authorString"u8) ? Once(ref seen, 4) && TryString(property.Value, out _)
                : property.NameEquals("authorReference"u8) && Once(ref seen, 4) && TryReference(property.Value, out _);
            if (!known)
            {
                return false;
            }
        }

        // text is required (1..1): Firely says so better.
        return (seen & 1) != 0;
    }

    private static bool TryCoding(JsonElement element, out CodingFact coding)
    {
        coding = new(null, null);
        string? system = null, code = null;
        var seen = 0;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            var known = property.NameEquals("system"u8) ? Once(ref seen, 1) && TryToken(property.Value, out system)
                : property.NameEquals("code"u8) ? Once(ref seen, 2) && TryToken(property.Value, out code)
                : property.NameEquals("display"u8) ? Once(ref seen, 4) && TryString(property.Value, out _)
                : property.NameEquals("version"u8) ? Once(ref seen, 8) && TryString(property.Value, out _)
                : property.NameEquals("userSelected"u8) && Once(ref seen, 16) && property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False;
            if (!known)
            {
                return false;
            }
        }

        coding = new(system, code);
        return seen != 0;
    }
}

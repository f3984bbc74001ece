using System.Text.Json;
using static MonEspaceSante.Api.Measurements.Fhir.FhirJsonPrimitives;
using static MonEspaceSante.Api.Measurements.Fhir.FhirJsonShapes;

namespace MonEspaceSante.Api.Measurements.Fhir;

/// <summary>
/// The fast path: reads the facts of a plain measurement Observation straight from JSON, an order of
/// magnitude faster than Firely's POCO deserializer (measured: ~20k Observations/s with Firely's
/// validation, ~50k without, against the benchmark's 10k readings/s for the whole HTTP path on 2 cores
/// shared with the silo and PostgreSQL). It knows only the elements a
/// measurement uses (and the common optional ones), in their plain form; anything else (text,
/// extensions, contained resources, another value[x], an odd primitive) returns null and the caller hands the resource to Firely instead, so that the
/// answer is Firely's precise one.
/// </summary>
internal static class ObservationJsonScanner
{
    public static ObservationFacts? TryScan(JsonElement resource)
    {
        string? status = null;
        List<CodingFact> codes = [];
        IdentifierFact? identifier = null;
        ReferenceFact? subject = null, device = null;
        var effective = EffectiveFact.None;
        QuantityFact? quantity = null;
        List<ComponentFact> components = [];
        string? source = null;
        List<string> profiles = [];
        var seen = 0;
        foreach (var property in resource.EnumerateObject())
        {
            var value = property.Value;
            var plain = property.NameEquals("resourceType"u8) ? Once(ref seen, 1) && IsString(value, "Observation"u8)
                : property.NameEquals("id"u8) ? Once(ref seen, 2) && TryId(value)
                : property.NameEquals("meta"u8) ? Once(ref seen, 4) && TryMeta(value, profiles, out source)
                : property.NameEquals("identifier"u8) ? Once(ref seen, 8) && TryIdentifiers(value, out identifier)
                : property.NameEquals("status"u8) ? Once(ref seen, 16) && TryStatus(value, out status)
                : property.NameEquals("category"u8) ? Once(ref seen, 32) && TryArrayOf(value, static e => TryCodeableConcept(e, out _))
                : property.NameEquals("code"u8) ? Once(ref seen, 64) && TryCodeableConcept(value, out codes)
                : property.NameEquals("subject"u8) ? Once(ref seen, 128) && TryReference(value, out subject!)
                : property.NameEquals("effectiveDateTime"u8) ? Once(ref seen, 256) && TryEffective(value, property.Name, out effective)
                : property.NameEquals("effectivePeriod"u8) ? Once(ref seen, 256) && TryEffective(value, property.Name, out effective)
                : property.NameEquals("effectiveInstant"u8) ? Once(ref seen, 256) && TryEffective(value, property.Name, out effective)
                : property.NameEquals("issued"u8) ? Once(ref seen, 512) && TryInstant(value, out _)
                : property.NameEquals("valueQuantity"u8) ? Once(ref seen, 1024) && TryQuantity(value, out quantity!)
                : property.NameEquals("component"u8) ? Once(ref seen, 2048) && TryComponents(value, components)
                : property.NameEquals("device"u8) ? Once(ref seen, 4096) && TryReference(value, out device!)
                : property.NameEquals("performer"u8) ? Once(ref seen, 8192) && TryArrayOf(value, static e => TryReference(e, out _))
                : property.NameEquals("interpretation"u8) ? Once(ref seen, 16384) && TryArrayOf(value, static e => TryCodeableConcept(e, out _))
                : property.NameEquals("method"u8) ? Once(ref seen, 32768) && TryCodeableConcept(value, out _)
                : property.NameEquals("bodySite"u8) ? Once(ref seen, 65536) && TryCodeableConcept(value, out _)
                : property.NameEquals("note"u8) && Once(ref seen, 131072) && TryArrayOf(value, TryAnnotation);
            if (!plain)
            {
                return null;
            }
        }

        return new ObservationFacts
        {
            Status = status,
            Codes = codes,
            Identifier = identifier,
            Subject = subject,
            Effective = effective,
            Quantity = quantity,
            Components = components,
            Device = device,
            Source = source,
            Profiles = profiles,
        };
    }

    private static bool TryStatus(JsonElement element, out string? status) =>
        TryToken(element, out status)
        && status is "registered" or "preliminary" or "final" or "amended" or "corrected" or "cancelled" or "entered-in-error" or "unknown";

    private static bool TryIdentifiers(JsonElement element, out IdentifierFact? first)
    {
        first = null;
        if (!IsFilledArray(element))
        {
            return false;
        }

        foreach (var item in element.EnumerateArray())
        {
            if (!TryIdentifier(item, out var identifier))
            {
                return false;
            }

            first ??= identifier;
        }

        return true;
    }

    private static bool TryEffective(JsonElement element, string name, out EffectiveFact effective)
    {
        effective = EffectiveFact.None;
        string? text;
        var plain = name switch
        {
            "effectiveDateTime" => TryDateTime(element, out text),
            "effectivePeriod" => TryPeriod(element, out text),
            _ => TryInstant(element, out text),
        };
        effective = new EffectiveFact(name, text);
        return plain;
    }

    private static bool TryComponents(JsonElement element, List<ComponentFact> components)
    {
        if (!IsFilledArray(element))
        {
            return false;
        }

        foreach (var item in element.EnumerateArray())
        {
            List<CodingFact> codes = [];
            QuantityFact? quantity = null;
            var seen = 0;
            if (item.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var property in item.EnumerateObject())
            {
                var plain = property.NameEquals("code"u8) ? Once(ref seen, 1) && TryCodeableConcept(property.Value, out codes)
                    : property.NameEquals("valueQuantity"u8) && Once(ref seen, 2) && TryQuantity(property.Value, out quantity!);
                if (!plain)
                {
                    return false;
                }
            }

            // Firely reports a component without code (cardinality 1..1) better than the rules could.
            if ((seen & 1) == 0)
            {
                return false;
            }

            components.Add(new ComponentFact(codes, quantity, null));
        }

        return true;
    }

    private static bool TryMeta(JsonElement element, List<string> profiles, out string? source)
    {
        var seen = 0;
        source = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            // Profiles are read, not enforced: both French families (and none) are accepted.
            var plain = property.NameEquals("profile"u8) ? Once(ref seen, 1) && TryProfiles(property.Value, profiles)
                : property.NameEquals("versionId"u8) ? Once(ref seen, 2) && TryId(property.Value)
                : property.NameEquals("lastUpdated"u8) ? Once(ref seen, 4) && TryInstant(property.Value, out _)
                : property.NameEquals("source"u8) && Once(ref seen, 8) && TryToken(property.Value, out source);
            if (!plain)
            {
                return false;
            }
        }

        return seen != 0;
    }

    private static bool TryProfiles(JsonElement element, List<string> profiles) =>
        TryArrayOf(element, e =>
        {
            // A canonical URL has no blank: anything else is Firely's to judge.
            var plain = TryToken(e, out var profile) && profile is { Length: > 0 } && !profile.Contains(' ', StringComparison.Ordinal);
            if (plain)
            {
                profiles.Add(profile!);
            }

            return plain;
        });
}

using System.Text.Json;
using Hl7.Fhir.Model;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Api.Measurements.Fhir;

/// <summary>
/// The checks that refuse a measurement Bundle as a whole (400 through <see cref="InvalidInputException"/>,
/// 413 through <see cref="BundleTooLargeException"/>): not a Bundle, not a transaction or batch, no
/// entries, too many, or an envelope element this server does not take.
/// </summary>
internal static class BundleEnvelope
{
    public static (Bundle.BundleType Type, JsonElement Entries) Check(JsonElement root, int maxEntries)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("resourceType"u8, out var resourceType)
            || resourceType.ValueKind != JsonValueKind.String)
        {
            throw new InvalidInputException("resourceType", "expected a FHIR Bundle: a JSON object with resourceType \"Bundle\".");
        }

        if (!resourceType.ValueEquals("Bundle"u8))
        {
            throw new InvalidInputException("resourceType", $"expected a Bundle, not a {resourceType.GetString()}.");
        }

        Bundle.BundleType? type = null;
        JsonElement entries = default;
        foreach (var property in root.EnumerateObject())
        {
            if (property.NameEquals("type"u8))
            {
                type = FhirJsonPrimitives.IsString(property.Value, "transaction"u8) ? Bundle.BundleType.Transaction
                    : FhirJsonPrimitives.IsString(property.Value, "batch"u8) ? Bundle.BundleType.Batch
                    : throw new InvalidInputException("Bundle.type", "measurements are sent in a Bundle of type transaction or batch.");
            }
            else if (property.NameEquals("entry"u8))
            {
                entries = property.Value;
            }
            else if (!IsIgnorable(property))
            {
                throw new InvalidInputException("Bundle." + property.Name, "this element is not accepted in a transaction or batch Bundle of measurements.");
            }
        }

        if (type is null)
        {
            throw new InvalidInputException("Bundle.type", "the Bundle type is required: transaction or batch.");
        }

        var count = entries.ValueKind == JsonValueKind.Array ? entries.GetArrayLength() : 0;
        if (entries.ValueKind is not (JsonValueKind.Array or JsonValueKind.Undefined))
        {
            throw new InvalidInputException("Bundle.entry", "entry must be an array of entries.");
        }

        if (count == 0)
        {
            throw new InvalidInputException("Bundle.entry", "the Bundle has no entries.");
        }

        if (count > maxEntries)
        {
            throw new BundleTooLargeException(count, maxEntries);
        }

        return (type.Value, entries);
    }

    /// <summary>Envelope elements that say nothing about the readings; anything else would be silently lost.</summary>
    private static bool IsIgnorable(JsonProperty property) =>
        property.NameEquals("resourceType"u8) || property.NameEquals("id"u8) || property.NameEquals("meta"u8)
        || property.NameEquals("identifier"u8) || property.NameEquals("timestamp"u8) || property.NameEquals("language"u8);
}

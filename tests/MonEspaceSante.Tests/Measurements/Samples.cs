using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Tests.Measurements;

/// <summary>Measurement Observations and Bundles as JSON, built to be changed one element at a time by a test.</summary>
internal static class Samples
{
    public const string AppId = "app-glyco";

    /// <summary>10:15 in Paris (+01:00) on 1 March 2025.</summary>
    public const string Effective = "2025-03-01T10:15:00+01:00";

    public static readonly DateTimeOffset EffectiveUtc = new(2025, 3, 1, 9, 15, 0, TimeSpan.Zero);

    public static JsonObject Observation(Ins patient, string loinc, string unit, decimal value) => new()
    {
        ["resourceType"] = "Observation",
        ["status"] = "final",
        ["category"] = new JsonArray(Concept("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs")),
        ["code"] = Concept("http://loinc.org", loinc),
        ["subject"] = new JsonObject { ["identifier"] = Identifier(IdentifierSystems.InsNir, patient.Value) },
        ["effectiveDateTime"] = Effective,
        ["valueQuantity"] = Quantity(value, unit),
    };

    public static JsonObject BloodPressure(Ins patient, decimal systolic, decimal diastolic)
    {
        var observation = Observation(patient, "85354-9", "mm[Hg]", 0m);
        observation.Remove("valueQuantity");
        observation["component"] = new JsonArray(
            new JsonObject { ["code"] = Concept("http://loinc.org", "8480-6"), ["valueQuantity"] = Quantity(systolic, "mm[Hg]") },
            new JsonObject { ["code"] = Concept("http://loinc.org", "8462-4"), ["valueQuantity"] = Quantity(diastolic, "mm[Hg]") });
        return observation;
    }

    public static JsonObject Quantity(decimal value, string unit) => new()
    {
        ["value"] = value,
        ["unit"] = unit,
        ["system"] = "http://unitsofmeasure.org",
        ["code"] = unit,
    };

    public static JsonObject Concept(string system, string code) => new()
    {
        ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code }),
    };

    public static JsonObject Identifier(string system, string value) => new() { ["system"] = system, ["value"] = value };

    public static JsonObject Entry(JsonObject resource, string? fullUrl = null, string method = "POST")
    {
        var type = (string)resource["resourceType"]!;
        var entry = new JsonObject
        {
            ["resource"] = resource,
            ["request"] = new JsonObject { ["method"] = method, ["url"] = type },
        };
        if (fullUrl is not null)
        {
            entry.Insert(0, "fullUrl", fullUrl);
        }

        return entry;
    }

    public static JsonObject Bundle(params JsonObject[] entries) => new()
    {
        ["resourceType"] = "Bundle",
        ["type"] = "transaction",
        ["entry"] = new JsonArray(entries),
    };

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    /// <summary>The resource as a FHIR JSON request body.</summary>
    public static StringContent Content(JsonNode body) => new(body.ToJsonString(), MediaTypeHeaderValue.Parse("application/fhir+json"));

    /// <summary>The quantity values of a search Bundle's entries, in order (none when it has no entry).</summary>
    public static IEnumerable<decimal> Values(JsonDocument bundle) => bundle.RootElement.TryGetProperty("entry", out var entries)
        ? entries.EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("valueQuantity").GetProperty("value").GetDecimal())
        : [];
}

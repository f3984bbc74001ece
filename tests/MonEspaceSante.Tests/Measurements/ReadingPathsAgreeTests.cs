using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MonEspaceSante.Api.Measurements.Fhir;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Measurements;

/// <summary>
/// The fast JSON path and Firely's POCO path must come to the same reading: the fast path hands anything
/// it does not know to Firely, and Observations built in code go straight to the POCO path.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ReadingPathsAgreeTests
{
    private static readonly FhirJsonDeserializer Firely = new(new DeserializerSettings());

    private readonly ObservationReader reader = new();

    public static TheoryData<string> Samples_of_every_shape => new()
    {
        "weight",
        "glucose in mmol/L with identifier and device",
        "blood pressure",
        "steps over a period",
    };

    [Theory]
    [MemberData(nameof(Samples_of_every_shape))]
    public void Json_and_poco_give_the_same_reading(string shape)
    {
        var json = Sample(shape, TestIns.Next());

        var fromJson = reader.Read(Samples.Bytes(json), Samples.AppId);
        var fromPoco = reader.Read(Firely.Deserialize<Observation>(json.ToJsonString()), Samples.AppId);

        fromJson.Issues.Should().BeEmpty();
        fromPoco.Accepted.Should().Be(fromJson.Accepted);
    }

    [Theory]
    [MemberData(nameof(Samples_of_every_shape))]
    public void An_element_the_fast_path_does_not_know_sends_the_observation_through_firely_to_the_same_reading(string shape)
    {
        var json = Sample(shape, TestIns.Next());
        var plain = reader.Read(Samples.Bytes(json), Samples.AppId);
        json["extension"] = new JsonArray(new JsonObject { ["url"] = "https://app.example.com/meal", ["valueString"] = "after breakfast" });

        var throughFirely = reader.Read(Samples.Bytes(json), Samples.AppId);

        throughFirely.Accepted.Should().Be(plain.Accepted);
    }

    [Fact]
    public void An_extension_is_beyond_the_fast_path()
    {
        var json = Sample("weight", TestIns.Next());
        json["extension"] = new JsonArray(new JsonObject { ["url"] = "https://app.example.com/meal", ["valueString"] = "after breakfast" });

        ObservationJsonScanner.TryScan(JsonDocument.Parse(json.ToJsonString()).RootElement).Should().BeNull();
    }

    [Fact]
    public void Common_optional_elements_stay_on_the_fast_path()
    {
        var json = Sample("glucose in mmol/L with identifier and device", TestIns.Next());
        json["meta"] = new JsonObject { ["profile"] = new JsonArray("https://interop.esante.gouv.fr/ig/fhir/mesures/StructureDefinition/mesures-glucose") };
        json["id"] = "r-1";
        json["issued"] = "2025-03-01T09:16:00Z";
        json["performer"] = new JsonArray(new JsonObject { ["reference"] = "Patient/123" });
        json["interpretation"] = new JsonArray(Samples.Concept("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "N"));
        json["method"] = Samples.Concept("http://snomed.info/sct", "302789003");
        json["bodySite"] = Samples.Concept("http://snomed.info/sct", "368209003");
        json["note"] = new JsonArray(new JsonObject { ["text"] = "after breakfast", ["time"] = "2025-03-01T09:16:00Z" });

        var facts = ObservationJsonScanner.TryScan(JsonDocument.Parse(json.ToJsonString()).RootElement);

        facts.Should().NotBeNull();
        facts!.Quantity.Should().Be(new QuantityFact(3.0m, null, "mmol/L", "http://unitsofmeasure.org", "mmol/L"));
    }

    [Fact]
    public void An_empty_string_is_refused_by_firely_rather_than_read()
    {
        var json = Sample("weight", TestIns.Next());
        json["valueQuantity"]!["unit"] = "";

        var result = reader.Read(Samples.Bytes(json), Samples.AppId);

        result.IsAccepted.Should().BeFalse();
        result.Issues.Select(i => i.Expression).Should().Contain("Observation.valueQuantity.unit");
    }

    private static JsonObject Sample(string shape, Ins patient)
    {
        switch (shape)
        {
            case "weight":
                return Samples.Observation(patient, "29463-7", "kg", 72.5m);
            case "glucose in mmol/L with identifier and device":
                var glucose = Samples.Observation(patient, "15074-8", "mmol/L", 3.0m);
                glucose["identifier"] = new JsonArray(Samples.Identifier("https://cgm.example.com/readings", "r-1"));
                glucose["device"] = new JsonObject { ["identifier"] = new JsonObject { ["value"] = "CGM-123" } };
                return glucose;
            case "blood pressure":
                return Samples.BloodPressure(patient, 128, 82);
            default:
                var steps = Samples.Observation(patient, "41950-7", "1/(24.h)", 8432);
                steps.Remove("effectiveDateTime");
                steps["effectivePeriod"] = new JsonObject { ["start"] = "2025-03-01", ["end"] = "2025-03-01" };
                return steps;
        }
    }
}

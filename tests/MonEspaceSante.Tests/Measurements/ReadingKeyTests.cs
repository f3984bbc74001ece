using System.Text.Json.Nodes;
using MonEspaceSante.Api.Measurements.Fhir;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Measurements;

[Trait("Category", "Unit")]
public sealed class ReadingKeyTests
{
    private readonly ObservationReader reader = new();

    [Fact]
    public void Reading_with_an_identifier_is_keyed_by_its_first_identifier()
    {
        var json = Samples.Observation(TestIns.Next(), "2345-7", "mg/dL", 104);
        json["identifier"] = new JsonArray(
            Samples.Identifier("https://cgm.example.com/readings", "r-1"),
            Samples.Identifier("https://cgm.example.com/other", "x-9"));

        Key(json).Should().Be("id:https://cgm.example.com/readings|r-1");
    }

    [Fact]
    public void Reading_without_identifier_is_keyed_by_device_code_and_utc_time()
    {
        var json = Samples.Observation(TestIns.Next(), "2345-7", "mg/dL", 104);
        json["device"] = new JsonObject { ["identifier"] = new JsonObject { ["value"] = "CGM-123" } };

        Key(json).Should().Be("dev:CGM-123|2345-7|2025-03-01T09:15:00Z");
    }

    [Fact]
    public void Same_device_code_and_instant_give_the_same_key_whatever_the_offset_or_value()
    {
        var patient = TestIns.Next();
        var first = Samples.Observation(patient, "2345-7", "mg/dL", 104);
        first["device"] = new JsonObject { ["reference"] = "Device/cgm-123" };
        var resent = Samples.Observation(patient, "2345-7", "mg/dL", 105);
        resent["device"] = new JsonObject { ["reference"] = "Device/cgm-123" };
        resent["effectiveDateTime"] = "2025-03-01T09:15:00.000Z";

        Key(resent).Should().Be(Key(first)).And.Be("dev:Device/cgm-123|2345-7|2025-03-01T09:15:00Z");
    }

    [Fact]
    public void Fractions_of_a_second_are_part_of_the_key()
    {
        var json = Samples.Observation(TestIns.Next(), "8867-4", "/min", 64);
        json["effectiveDateTime"] = "2025-03-01T09:15:00.25Z";
        json["device"] = new JsonObject { ["display"] = "Watch" };

        Key(json).Should().Be("dev:Watch|8867-4|2025-03-01T09:15:00.25Z");
    }

    [Fact]
    public void Identifier_without_value_is_refused()
    {
        var json = Samples.Observation(TestIns.Next(), "2345-7", "mg/dL", 104);
        json["identifier"] = new JsonArray(new JsonObject { ["system"] = "https://cgm.example.com/readings" });

        reader.Read(Samples.Bytes(json), Samples.AppId).Issues.Select(i => i.Expression)
            .Should().Equal("Observation.identifier[0].value");
    }

    private string Key(JsonObject json) => reader.Read(Samples.Bytes(json), Samples.AppId).Accepted!.Reading.ReadingKey;
}

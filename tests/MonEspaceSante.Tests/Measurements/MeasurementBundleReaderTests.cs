using System.Text;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Api.Measurements.Fhir;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Measurements;

[Trait("Category", "Unit")]
public sealed class MeasurementBundleReaderTests
{
    private const string DeviceUrl = "urn:uuid:6f1c2d3e-9b4a-4c7e-8a1f-0d2e3c4b5a69";

    private readonly MeasurementBundleReader reader = new(Options.Create(new MeasurementBundleOptions()));

    [Fact]
    public void Good_entries_are_read_and_bad_ones_refused_with_their_index()
    {
        var patient = TestIns.Next();
        var bundle = Samples.Bundle(
            Samples.Entry(Samples.Observation(patient, "2345-7", "mg/dL", 104)),
            Samples.Entry(Samples.Observation(patient, "29463-7", "kg", 5000)),
            Samples.Entry(Samples.BloodPressure(patient, 128, 82)),
            Samples.Entry(Samples.Observation(patient, "29463-7", "[lb_av]", 160)),
            Samples.Entry(Samples.Observation(patient, "15074-8", "mmol/L", 5.5m)));

        var result = reader.Read(Samples.Bytes(bundle), Samples.AppId);

        result.Type.Should().Be(Bundle.BundleType.Transaction);
        result.Entries.Select(e => e.Kind).Should().Equal(
            BundleEntryKind.Reading, BundleEntryKind.Refused, BundleEntryKind.Reading, BundleEntryKind.Refused, BundleEntryKind.Reading);
        result.Readings.Select(r => r.Reading.Value).Should().Equal(104, 128, 99);
        result.Readings.Should().OnlyContain(r => r.Patient == patient);
        result.Entries[1].Issues.Select(i => i.Expression).Should().Equal("Bundle.entry[1].resource.valueQuantity.value");
        result.Entries[3].Issues.Select(i => i.Expression).Should().Equal("Bundle.entry[3].resource.valueQuantity.code");
        result.HasRefusals.Should().BeTrue();
    }

    [Fact]
    public void Observation_referring_to_a_device_entry_by_full_url_gets_its_identifier()
    {
        var observation = Samples.Observation(TestIns.Next(), "2345-7", "mg/dL", 104);
        observation["device"] = new JsonObject { ["reference"] = DeviceUrl };
        var device = new JsonObject
        {
            ["resourceType"] = "Device",
            ["identifier"] = new JsonArray(Samples.Identifier("https://cgm.example.com/serial", "CGM-123")),
        };
        var bundle = Samples.Bundle(Samples.Entry(observation), Samples.Entry(device, DeviceUrl));

        var result = reader.Read(Samples.Bytes(bundle), Samples.AppId);

        result.Entries.Select(e => e.Kind).Should().Equal(BundleEntryKind.Reading, BundleEntryKind.Supporting);
        result.Entries[1].FullUrl.Should().Be(DeviceUrl);
        result.Entries[1].Issues.Should().BeEmpty();
        result.Readings.Single().Reading.Device.Should().Be("CGM-123");
        result.Readings.Single().Reading.ReadingKey.Should().Be("dev:CGM-123|2345-7|2025-03-01T09:15:00Z");
    }

    [Fact]
    public void Device_reference_that_points_to_no_entry_is_refused()
    {
        var observation = Samples.Observation(TestIns.Next(), "2345-7", "mg/dL", 104);
        observation["device"] = new JsonObject { ["reference"] = DeviceUrl };

        var result = reader.Read(Samples.Bytes(Samples.Bundle(Samples.Entry(observation))), Samples.AppId);

        result.Entries.Single().Issues.Should().Equal(new FhirIssue(
            "Bundle.entry[0].resource.device.reference",
            "it points to no Device entry of this Bundle.",
            OperationOutcome.IssueType.Invalid));
    }

    [Fact]
    public void Bundle_over_the_entry_limit_is_refused_as_a_whole()
    {
        var entries = string.Join(",", Enumerable.Repeat("{\"resource\":{\"resourceType\":\"Observation\"}}", 10_000));
        var json = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entries + "]}";

        var act = () => reader.Read(Encoding.UTF8.GetBytes(json), Samples.AppId);

        act.Should().Throw<BundleTooLargeException>().Which.Should().BeEquivalentTo(new { Entries = 10_000, MaxEntries = 1000 });
    }

    [Fact]
    public void Entry_limit_is_configurable()
    {
        var limited = new MeasurementBundleReader(Options.Create(new MeasurementBundleOptions { MaxEntries = 2 }));
        var patient = TestIns.Next();
        var bundle = Samples.Bundle(
            Samples.Entry(Samples.Observation(patient, "8867-4", "/min", 60)),
            Samples.Entry(Samples.Observation(patient, "8867-4", "/min", 61)),
            Samples.Entry(Samples.Observation(patient, "8867-4", "/min", 62)));

        var act = () => limited.Read(Samples.Bytes(bundle), Samples.AppId);

        act.Should().Throw<BundleTooLargeException>().WithMessage(
            "Bundle.entry: this Bundle has 3 entries, at most 2 are accepted in one request; send several Bundles.");
    }

    [Theory]
    [InlineData("{\"resourceType\":\"Bundle\",", "Bundle")]
    [InlineData("{\"resourceType\":\"Patient\"}", "resourceType")]
    [InlineData("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{}]}", "Bundle.type")]
    [InlineData("{\"resourceType\":\"Bundle\",\"entry\":[{}]}", "Bundle.type")]
    [InlineData("{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[]}", "Bundle.entry")]
    [InlineData("{\"resourceType\":\"Bundle\",\"type\":\"batch\"}", "Bundle.entry")]
    [InlineData("{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"signature\":{},\"entry\":[{}]}", "Bundle.signature")]
    public void Bundle_that_cannot_be_read_at_all_is_refused_as_a_whole_naming_the_field(string json, string field)
    {
        var act = () => reader.Read(Encoding.UTF8.GetBytes(json), Samples.AppId);

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be(field);
    }

    [Fact]
    public void Batch_bundles_are_read_like_transactions()
    {
        var bundle = Samples.Bundle(Samples.Entry(Samples.Observation(TestIns.Next(), "8310-5", "Cel", 37.2m)));
        bundle["type"] = "batch";

        var result = reader.Read(Samples.Bytes(bundle), Samples.AppId);

        result.Type.Should().Be(Bundle.BundleType.Batch);
        result.Readings.Single().Reading.Value.Should().Be(37.2);
    }

    [Fact]
    public void Entry_that_is_not_a_post_of_an_observation_is_refused()
    {
        var patient = TestIns.Next();
        var bundle = Samples.Bundle(
            Samples.Entry(Samples.Observation(patient, "8867-4", "/min", 60), method: "PUT"),
            Samples.Entry(new JsonObject { ["resourceType"] = "Patient", ["id"] = "p1" }));

        var result = reader.Read(Samples.Bytes(bundle), Samples.AppId);

        result.Entries[0].Issues.Select(i => i.Expression).Should().Equal("Bundle.entry[0].request.method");
        result.Entries[1].Issues.Select(i => i.Expression).Should().Equal("Bundle.entry[1].resource.resourceType");
    }

    [Fact]
    public void Structural_error_inside_an_entry_is_refused_naming_the_element_in_that_entry()
    {
        var patient = TestIns.Next();
        var broken = Samples.Observation(patient, "8867-4", "/min", 60);
        broken["valueQuantity"]!["value"] = "sixty";
        var bundle = Samples.Bundle(
            Samples.Entry(Samples.Observation(patient, "8867-4", "/min", 60)),
            Samples.Entry(broken));

        var result = reader.Read(Samples.Bytes(bundle), Samples.AppId);

        result.Entries[1].Issues.Select(i => i.Expression).Should().Equal("Bundle.entry[1].resource.valueQuantity.value");
        result.Entries[0].Kind.Should().Be(BundleEntryKind.Reading);
    }

    [Fact]
    public void Issues_become_an_operation_outcome_with_their_expressions()
    {
        var issue = new FhirIssue("Bundle.entry[1].resource.status", "only final readings.", OperationOutcome.IssueType.Value);

        var outcome = FhirIssue.Outcome([issue]);

        outcome.Issue.Should().ContainSingle();
        outcome.Issue[0].Severity.Should().Be(OperationOutcome.IssueSeverity.Error);
        outcome.Issue[0].Code.Should().Be(OperationOutcome.IssueType.Value);
        outcome.Issue[0].Diagnostics.Should().Be("only final readings.");
        outcome.Issue[0].Expression.Should().Equal("Bundle.entry[1].resource.status");
    }
}

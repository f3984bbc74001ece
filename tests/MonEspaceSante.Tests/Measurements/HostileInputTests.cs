using System.Text;
using Microsoft.Extensions.Options;
using MonEspaceSante.Api.Measurements.Fhir;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Tests.Measurements;

/// <summary>Whatever the shape of the body, the answer is issues or a 400, never an unexpected exception (a 500).</summary>
[Trait("Category", "Unit")]
public sealed class HostileInputTests
{
    private readonly ObservationReader observations = new();
    private readonly MeasurementBundleReader bundles = new(Options.Create(new MeasurementBundleOptions()));

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"Observation\"")]
    [InlineData("{}")]
    [InlineData("{\"resourceType\":5}")]
    [InlineData("{\"resourceType\":\"Observation\",\"resourceType\":5}")]
    [InlineData("{\"resourceType\":\"Observation\",\"status\":[\"final\"]}")]
    [InlineData("{\"resourceType\":\"Observation\",\"status\":null}")]
    [InlineData("{\"resourceType\":\"Observation\",\"code\":{\"coding\":[null]}}")]
    [InlineData("{\"resourceType\":\"Observation\",\"valueQuantity\":{\"value\":1e400}}")]
    [InlineData("{\"resourceType\":\"Observation\",\"effectiveDateTime\":\"2025-02-30T10:00:00Z\"}")]
    [InlineData("{\"resourceType\":\"Observation\",\"component\":[[]]}")]
    [InlineData("{\"resourceType\":\"Observation\",\"_status\":{\"extension\":[{\"url\":\"x\"}]}}")]
    public void Odd_observation_bodies_are_refused_with_issues(string body)
    {
        var result = observations.Read(Encoding.UTF8.GetBytes(body), Samples.AppId);

        result.IsAccepted.Should().BeFalse();
        result.Issues.Should().NotBeEmpty().And.OnlyContain(i => i.Expression.StartsWith("Observation", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"resourceType\":\"Bundle\",\"type\":5,\"entry\":[{}]}", "Bundle.type")]
    [InlineData("{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":{}}", "Bundle.entry")]
    [InlineData("[{\"resourceType\":\"Bundle\"}]", "resourceType")]
    public void Odd_bundle_envelopes_are_refused_naming_the_field(string body, string field)
    {
        var act = () => bundles.Read(Encoding.UTF8.GetBytes(body), Samples.AppId);

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be(field);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("{}")]
    [InlineData("{\"resource\":5}")]
    [InlineData("{\"resource\":{\"resourceType\":\"Observation\"},\"request\":{\"method\":5,\"url\":[]}}")]
    [InlineData("{\"fullUrl\":7,\"resource\":{\"resourceType\":\"Device\",\"identifier\":\"x\"}}")]
    public void Odd_entries_are_refused_alone(string entry)
    {
        var body = "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[" + entry + "]}";

        var result = bundles.Read(Encoding.UTF8.GetBytes(body), Samples.AppId);

        result.Entries.Single().Kind.Should().Be(BundleEntryKind.Refused);
        result.Entries.Single().Issues.Should().NotBeEmpty().And.OnlyContain(i => i.Expression.StartsWith("Bundle.entry[0]", StringComparison.Ordinal));
    }
}

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

    // Found by ParserFuzzTests: strings the JSON parser lets through but that cannot be read as text.
    [Theory]
    [InlineData(new byte[] { 0xE5 }, "not valid UTF-8")]
    [InlineData(new byte[] { 0x5C, 0x75, 0x44, 0x38, 0x30, 0x30 }, "unpaired surrogate")]
    public void Text_that_is_not_unicode_inside_a_string_is_refused_as_a_whole(byte[] inside, string reason)
    {
        byte[] Body(string open, string close) => [.. Encoding.UTF8.GetBytes(open), .. inside, .. Encoding.UTF8.GetBytes(close)];

        var observation = observations.Read(Body("{\"resourceType\":\"Device\",\"x\":\"", "\"}"), Samples.AppId);
        var bundle = () => bundles.Read(Body("{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[{\"request\":{\"ifNoneExist\":\"", "\"}}]}"), Samples.AppId);

        observation.IsAccepted.Should().BeFalse();
        observation.Issues.Should().ContainSingle().Which.Message.Should().Contain(reason);
        bundle.Should().Throw<InvalidInputException>().Which.Message.Should().Contain(reason);
    }

    [Fact]
    public void A_list_where_firely_expects_one_value_is_an_issue_not_an_exception()
    {
        var body = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},\"effectiveDateTime\":[\"2025-03-01\",\"2025-03-02\"],\"unknown\":1}";

        var result = observations.Read(Encoding.UTF8.GetBytes(body), Samples.AppId);

        result.IsAccepted.Should().BeFalse();
        result.Issues.Should().NotBeEmpty();
    }
}

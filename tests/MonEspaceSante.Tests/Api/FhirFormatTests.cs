using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Api;

/// <summary>The FHIR API answers JSON only, and says so: never JSON under a 200 to a request for XML.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class FhirFormatTests(EmbeddedApiFixture api)
{
    [Theory]
    [InlineData("/fhir/metadata?_format=xml", null)]
    [InlineData("/fhir/metadata?_format=application/fhir%2Bxml", null)]
    [InlineData("/fhir/metadata", "application/fhir+xml")]
    [InlineData("/fhir/Observation", "application/xml")]
    public async Task A_request_for_xml_is_a_406_operation_outcome(string path, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        var response = await api.PatientClient(TestIns.Next()).SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NotAcceptable);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        using var outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        outcome.RootElement.GetProperty("resourceType").GetString().Should().Be("OperationOutcome");
        outcome.RootElement.GetProperty("issue")[0].GetProperty("diagnostics").GetString().Should().Contain("application/fhir+json");
    }

    [Theory]
    [InlineData("/fhir/metadata?_format=json", null)]
    [InlineData("/fhir/metadata?_format=application/fhir%2Bjson", null)]
    [InlineData("/fhir/metadata", "application/fhir+json")]
    [InlineData("/fhir/metadata", "*/*")]
    public async Task A_request_for_json_is_answered(string path, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        var response = await api.CreateClient().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_xml_body_is_a_415_and_the_formats_are_declared()
    {
        using var xml = new StringContent("<Observation xmlns=\"http://hl7.org/fhir\"/>", Encoding.UTF8, "application/fhir+xml");

        var response = await api.ClientFor("app", "glyco").PostAsync("/fhir/Observation", xml);
        using var statement = JsonDocument.Parse(await api.CreateClient().GetStringAsync("/fhir/metadata"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await response.Content.ReadAsStringAsync()).Should().Contain("OperationOutcome").And.Contain("application/fhir+json");
        statement.RootElement.GetProperty("format").EnumerateArray().Select(f => f.GetString()).Should().Equal("application/fhir+json", "json");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Api;

[Collection(EmbeddedApiCollection.Name)]
public sealed class ErrorAndInputTests(EmbeddedApiFixture api)
{
    [Fact]
    public async Task Bad_ins_in_a_fhir_route_is_a_400_operation_outcome_naming_the_field()
    {
        var client = api.PatientClient(TestIns.Next());

        var response = await client.GetAsync("/fhir/Patient/123456789012244");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        using var outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var issue = outcome.RootElement.GetProperty("issue")[0];
        issue.GetProperty("code").GetString().Should().Be("invalid");
        issue.GetProperty("expression")[0].GetString().Should().Be("ins");
        issue.GetProperty("diagnostics").GetString().Should().Be("ins: the control key 44 does not match the first 13 characters");
        outcome.RootElement.GetProperty("id").GetString().Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [Fact]
    public async Task Bad_ins_in_a_patient_token_is_a_400_naming_the_token_subject()
    {
        var response = await api.ClientFor(MesRoles.Patient, "123456789012244").GetAsync("/api/v1/me");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").GetProperty("token.sub")[0].GetString().Should().Contain("control key 44");
    }

    [Fact]
    public async Task Dev_token_refuses_a_bad_ins_naming_the_subject()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/dev/token", new { role = "patient", subject = "123456789012244" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").GetProperty("subject")[0].GetString().Should().Contain("control key");
    }

    [Fact]
    public async Task Dev_token_refuses_an_unknown_role()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/dev/token", new { role = "admin", subject = "x" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("role: must be one of");
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_saying_where()
    {
        var response = await api.CreateClient().PostAsync("/dev/token",
            new StringContent("{\"role\": \"patient\", \"subject\": 12", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("not valid JSON");
    }

    [Fact]
    public async Task Dev_token_works_in_development_and_opens_the_api()
    {
        var ins = TestIns.Next();
        var minted = await api.CreateClient().PostAsJsonAsync("/dev/token", new { role = "patient", subject = ins.Value });
        minted.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await minted.Content.ReadAsStringAsync());
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", body.RootElement.GetProperty("accessToken").GetString());

        var me = await client.GetAsync("/api/v1/me");

        me.StatusCode.Should().Be(HttpStatusCode.OK);
        body.RootElement.GetProperty("tokenType").GetString().Should().Be("Bearer");
        body.RootElement.GetProperty("expiresIn").GetInt32().Should().BeInRange(3590, 3600);
    }

    [Fact]
    public async Task Unknown_fhir_route_is_a_404_operation_outcome()
    {
        var response = await api.CreateClient().GetAsync("/fhir/Nothing/here");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
    }

    [Fact]
    public async Task Capability_statement_is_public_fhir_json()
    {
        var response = await api.CreateClient().GetAsync("/fhir/metadata");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        using var statement = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        statement.RootElement.GetProperty("resourceType").GetString().Should().Be("CapabilityStatement");
        statement.RootElement.GetProperty("fhirVersion").GetString().Should().Be("4.0.1");
        statement.RootElement.GetProperty("rest")[0].GetProperty("resource")[0].GetProperty("type").GetString().Should().Be("Patient");
        statement.RootElement.GetProperty("kind").GetString().Should().Be("instance");
        statement.RootElement.GetProperty("implementation").GetProperty("url").GetString().Should().Be("http://localhost/fhir/", "an instance names itself (cpb-14)");
        var security = statement.RootElement.GetProperty("rest")[0].GetProperty("security");
        security.GetProperty("service")[0].GetProperty("coding")[0].GetProperty("code").GetString().Should().Be("SMART-on-FHIR");
        security.GetProperty("extension")[0].GetProperty("extension").EnumerateArray()
            .Single(e => e.GetProperty("url").GetString() == "authorize").GetProperty("valueUri").GetString().Should().Be("http://localhost/connect/authorize");
        var observation = statement.RootElement.GetProperty("rest")[0].GetProperty("resource").EnumerateArray().Single(r => r.GetProperty("type").GetString() == "Observation");
        observation.GetProperty("searchParam").EnumerateArray().Select(p => p.GetProperty("name").GetString())
            .Should().BeEquivalentTo(MonEspaceSante.Api.Measurements.ObservationSearchEndpoints.Parameters.Where(p => p != "_include"), "the statement lists exactly the parameters the search takes");
        observation.GetProperty("searchInclude").EnumerateArray().Select(i => i.GetString()).Should().Equal("Observation:device");
        observation.GetProperty("conditionalCreate").GetBoolean().Should().BeTrue();
        observation.GetProperty("interaction").EnumerateArray().Select(i => i.GetProperty("code").GetString()).Should().Contain(["read", "vread", "create", "search-type"]);
    }

    [Fact]
    public async Task Liveness_depends_on_nothing_and_readiness_reports_the_silo()
    {
        var client = api.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        report.RootElement.GetProperty("checks").GetProperty("orleans-silo").GetProperty("status").GetString().Should().Be("Healthy");
    }

    [Fact]
    public async Task OpenApi_document_lists_the_endpoints_and_the_bearer_scheme()
    {
        var document = await api.CreateClient().GetStringAsync("/openapi/v1.json");

        document.Should().Contain("/api/v1/me/opposition").And.Contain("\"bearer\"").And.Contain("/fhir/Patient/{ins}");
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Api;

[Collection(EmbeddedApiCollection.Name)]
public sealed class AuthorizationTests(EmbeddedApiFixture api)
{
    [Theory]
    [InlineData("GET", "/api/v1/me")]
    [InlineData("POST", "/api/v1/me/activation")]
    [InlineData("POST", "/api/v1/me/opposition")]
    [InlineData("POST", "/api/v1/me/closure")]
    public async Task Json_endpoints_answer_401_problem_details_without_a_token(string method, string path)
    {
        var response = await api.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(401);
        problem.RootElement.GetProperty("detail").GetString().Should().Be("A valid bearer token is required.");
    }

    [Fact]
    public async Task Fhir_endpoints_answer_401_operation_outcome_without_a_token()
    {
        var response = await api.CreateClient().GetAsync($"/fhir/Patient/{TestIns.Next().Value}");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        using var outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        outcome.RootElement.GetProperty("resourceType").GetString().Should().Be("OperationOutcome");
        outcome.RootElement.GetProperty("issue")[0].GetProperty("code").GetString().Should().Be("login");
    }

    [Fact]
    public async Task Expired_token_is_refused_as_invalid()
    {
        var client = api.CreateClient();
        var issuer = (TokenIssuer)api.Services.GetService(typeof(TokenIssuer))!;
        var (token, _) = issuer.Issue(MesRoles.Patient, TestIns.Next().Value, TimeSpan.FromHours(1), issuedAt: DateTimeOffset.UtcNow.AddHours(-1).AddMinutes(-5));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/v1/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("invalid or expired");
    }

    [Fact]
    public async Task Token_signed_with_another_key_is_refused()
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwMTIyMTIiLCJyb2xlIjoicGF0aWVudCJ9.c2lnbmF0dXJl");

        (await client.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_patient_cannot_read_a_space_403()
    {
        var holder = TestIns.Next();
        var other = api.PatientClient(TestIns.Next());

        var response = await other.GetAsync($"/fhir/Patient/{holder.Value}");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        outcome.RootElement.GetProperty("issue")[0].GetProperty("code").GetString().Should().Be("forbidden");
    }

    [Theory]
    [InlineData(MesRoles.Professional, "10003456789")]
    [InlineData(MesRoles.App, "app-tensio")]
    [InlineData(MesRoles.Operator, "operator-cnam-1")]
    public async Task Only_the_holder_reads_their_fhir_patient(string role, string subject)
    {
        var response = await api.ClientFor(role, subject).GetAsync($"/fhir/Patient/{TestIns.Next().Value}");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(MesRoles.Professional, "10003456789")]
    [InlineData(MesRoles.App, "app-tensio")]
    [InlineData(MesRoles.Operator, "operator-cnam-1")]
    public async Task Me_endpoints_are_for_patients_only(string role, string subject)
    {
        var response = await api.ClientFor(role, subject).GetAsync("/api/v1/me");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task The_holder_reads_their_own_fhir_patient()
    {
        var ins = TestIns.Next();

        var response = await api.PatientClient(ins).GetAsync($"/fhir/Patient/{ins.Value}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        using var patient = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        patient.RootElement.GetProperty("resourceType").GetString().Should().Be("Patient");
        var identifier = patient.RootElement.GetProperty("identifier")[0];
        identifier.GetProperty("system").GetString().Should().Be("urn:oid:1.2.250.1.213.1.4.8");
        identifier.GetProperty("value").GetString().Should().Be(ins.Value);
        patient.RootElement.GetProperty("active").GetBoolean().Should().BeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData(MesRoles.Patient)]
    [InlineData(MesRoles.Operator)]
    public async Task The_dashboard_takes_no_bearer_token_and_sends_everyone_to_the_agents_sign_in(string? role)
    {
        var client = role switch
        {
            null => api.CreateClient(),
            MesRoles.Patient => api.PatientClient(TestIns.Next()),
            _ => api.ClientFor(role, "operator-1"),
        };

        var response = await client.GetAsync("/dashboard/?access_token=anything");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().StartWith("/signin?kind=Operator&returnUrl=%2Fdashboard%2F");
    }

    [Fact]
    public async Task An_agent_with_a_session_opens_the_dashboard_and_a_person_with_one_does_not()
    {
        var agent = api.CreateClient();
        var person = api.CreateClient();
        await DevelopmentSignIn.SignInAsync(agent, "Operator", "/dashboard/", ("account", "agent-7"));
        await DevelopmentSignIn.SignInAsync(person, "Patient", "/dashboard/", ("ins", TestIns.Next().Value));

        (await agent.GetAsync("/dashboard/")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await person.GetAsync("/dashboard/")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await agent.GetAsync("/dashboard/GrainState?grainId=x&grainType=patient")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "no grain state, even for agents");
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(MesRoles.Patient, HttpStatusCode.Forbidden)]
    [InlineData(MesRoles.App, HttpStatusCode.Forbidden)]
    [InlineData(MesRoles.Operator, HttpStatusCode.OK)]
    public async Task Stream_operations_are_for_operators_only(string? role, HttpStatusCode expected)
    {
        var client = role switch
        {
            null => api.CreateClient(),
            MesRoles.Patient => api.PatientClient(TestIns.Next()),
            _ => api.ClientFor(role, "caller-1"),
        };

        var response = await client.GetAsync("/api/v1/operations/streams");

        response.StatusCode.Should().Be(expected);
        if (expected == HttpStatusCode.OK)
        {
            (await response.Content.ReadAsStringAsync()).Should().Contain("\"backend\":\"Memory\"");
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.SignIn;

/// <summary>Professionals through their provider, operators' systems by client credentials, and what introspection tells a resource server.</summary>
[Collection(SignInCollection.Name)]
public sealed class SignInCallersTests(SignInFixture fixture)
{
    [Fact]
    public async Task A_professional_signs_in_at_their_provider_and_acts_with_the_rpps_and_profession_it_gave()
    {
        var person = TestIns.Next();
        (await fixture.App.PatientClient(person).PostAsync("/api/v1/me/activation", null)).EnsureSuccessStatusCode();
        var software = new SmartApp(fixture, "pro-software", "openid fhirUser");
        var state = await software.Client.PrepareLoginAsync();
        var browser = fixture.Browser();
        var (choice, choiceUrl) = await Browserless.FollowAsync(browser, new Uri(state.StartUrl));
        choiceUrl.Query.Should().Contain("kind=Professional");
        fixture.Professionals.Next["SubjectNameID"] = "810003456789";
        // Pro Santé Connect gives the profession as code^OID of TRE_G15.
        fixture.Professionals.Next["SubjectRole"] = "10^1.2.250.1.71.1.2.7";

        var (_, callback) = await Browserless.FollowAsync(browser, Browserless.ProviderLinkOf(await choice.Content.ReadAsStringAsync(), choiceUrl), stopAt: SignInFixture.RedirectUri);
        var login = await software.Client.ProcessResponseAsync(callback.AbsoluteUri, state);

        login.IsError.Should().BeFalse(login.Error);
        var token = new JsonWebToken(login.AccessToken);
        token.GetClaim("sub").Value.Should().Be("10003456789");
        token.GetClaim("role").Value.Should().Be("professional");
        token.GetClaim("profession").Value.Should().Be("10");
        login.TokenResponse.TryGet("fhirUser").Should().Be("Practitioner/10003456789");
        var undeclared = await Bearer(login.AccessToken).GetAsync($"/fhir/DocumentReference?patient={person.Value}");
        var declaring = Bearer(login.AccessToken);
        declaring.DefaultRequestHeaders.Add("X-Care-Relationship", "patient-agreed");
        var read = await declaring.GetAsync($"/fhir/DocumentReference?patient={person.Value}");
        undeclared.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a first access needs the care relationship declared");
        read.StatusCode.Should().Be(HttpStatusCode.OK, await read.Content.ReadAsStringAsync());
        var history = await fixture.App.PatientClient(person).GetFromJsonAsync<JsonElement>("/api/v1/me/access-history");
        history.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("actorId").GetString()).Should().Contain("10003456789");
    }

    [Fact]
    public async Task An_operators_console_signs_an_agent_in_at_the_agents_provider_and_its_token_only_reads_waves()
    {
        var console = new SmartApp(fixture, "ops-console", "openid offline_access mes.waves.read");
        var state = await console.Client.PrepareLoginAsync();
        var browser = fixture.Browser();
        var (choice, choiceUrl) = await Browserless.FollowAsync(browser, new Uri(state.StartUrl));
        choiceUrl.Query.Should().Contain("kind=Operator", "an agent signs in, not a person");
        fixture.Agents.Next["agent"] = "agent-cnam-7";

        var (_, callback) = await Browserless.FollowAsync(browser, Browserless.ProviderLinkOf(await choice.Content.ReadAsStringAsync(), choiceUrl), stopAt: SignInFixture.RedirectUri);
        var login = await console.Client.ProcessResponseAsync(callback.AbsoluteUri, state);

        login.IsError.Should().BeFalse(login.Error);
        var token = new JsonWebToken(login.AccessToken);
        token.GetClaim("sub").Value.Should().Be("agent-cnam-7");
        token.GetClaim("role").Value.Should().Be("operator");
        (await Bearer(login.AccessToken).GetAsync("/api/v1/waves")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Bearer(login.AccessToken).PostAsJsonAsync("/api/v1/waves", new { name = "Non", territory = "31" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var refreshed = await console.Client.RefreshTokenAsync(login.RefreshToken);
        refreshed.IsError.Should().BeFalse(refreshed.Error);
        (await Bearer(refreshed.AccessToken).GetAsync("/api/v1/waves")).StatusCode.Should().Be(HttpStatusCode.OK, "the agent stays signed in past the access token");
    }

    [Fact]
    public async Task A_person_signed_in_is_asked_to_sign_in_again_as_an_agent_by_the_operators_console()
    {
        var browser = fixture.Browser();
        var person = new SmartApp(fixture, "web-frontend", "openid");
        var personState = await person.Client.PrepareLoginAsync();
        var (choice, choiceUrl) = await Browserless.FollowAsync(browser, new Uri(personState.StartUrl));
        fixture.People.Next["ins"] = TestIns.Next().Value;
        await Browserless.FollowAsync(browser, Browserless.ProviderLinkOf(await choice.Content.ReadAsStringAsync(), choiceUrl), stopAt: SignInFixture.RedirectUri);

        var state = await new SmartApp(fixture, "ops-console", "openid mes.waves.read").Client.PrepareLoginAsync();
        var (_, consoleUrl) = await Browserless.FollowAsync(browser, new Uri(state.StartUrl));

        consoleUrl.AbsolutePath.Should().Be("/signin");
        consoleUrl.Query.Should().Contain("kind=Operator", "a person's session is no agent's");
    }

    [Fact]
    public async Task An_operators_system_gets_tokens_for_the_capabilities_its_client_has_and_no_other()
    {
        var waves = await ClientCredentialsAsync("ops-secret", "mes.waves");
        var beyond = await ClientCredentialsAsync("ops-secret", "mes.notices");
        var wrongSecret = await ClientCredentialsAsync("not-the-secret", "mes.waves");

        waves.StatusCode.Should().Be(HttpStatusCode.OK);
        var token = (await waves.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        (await Bearer(token).GetAsync("/api/v1/waves")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Bearer(token).GetAsync("/api/v1/notices?limit=1")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "notices are another capability");
        beyond.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await beyond.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be("invalid_scope");
        wrongSecret.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Introspection_tells_a_resource_server_the_smart_fields_of_a_token_and_inactive_once_revoked()
    {
        var person = TestIns.Next();
        (await fixture.App.PatientClient(person).PostAsync("/api/v1/me/activation", null)).EnsureSuccessStatusCode();
        var app = new SmartApp(fixture, SignInFixture.PairedApp, PairingFlowTests.GlucoseScopes);
        var login = await app.PairAsync(fixture.Browser(), person);

        var active = await IntrospectAsync(login.AccessToken);
        (await fixture.App.PatientClient(person).DeleteAsync($"/api/v1/me/consents/{SignInFixture.PairedApp}")).EnsureSuccessStatusCode();
        var revoked = await IntrospectAsync(login.AccessToken);

        active.GetProperty("active").GetBoolean().Should().BeTrue();
        active.GetProperty("client_id").GetString().Should().Be(SignInFixture.PairedApp);
        active.GetProperty("sub").GetString().Should().Be(person.Value);
        active.GetProperty("patient").GetString().Should().Be(person.Value);
        active.GetProperty("scope").GetString()!.Split(' ').Should().Contain("patient/Observation.c?code=http://loinc.org|2345-7");
        active.GetProperty("exp").GetInt64().Should().BeGreaterThan(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        revoked.GetProperty("active").GetBoolean().Should().BeFalse();
    }

    private async Task<JsonElement> IntrospectAsync(string token)
    {
        using var form = new FormUrlEncodedContent([new("token", token), new("client_id", "ops-system"), new("client_secret", "ops-secret")]);
        var response = await fixture.Browser().PostAsync("/connect/introspect", form);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> ClientCredentialsAsync(string secret, string scope) => fixture.Browser().PostAsync("/connect/token", new FormUrlEncodedContent(
        [new("grant_type", "client_credentials"), new("client_id", "ops-system"), new("client_secret", secret), new("scope", scope)]));

    private HttpClient Bearer(string token)
    {
        var client = new HttpClient { BaseAddress = fixture.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

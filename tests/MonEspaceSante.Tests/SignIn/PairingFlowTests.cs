using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Tests.Infrastructure;
using MonEspaceSante.Tests.Measurements;

namespace MonEspaceSante.Tests.SignIn;

/// <summary>
/// The pairing of an app with a person's space, end to end over real sockets: the app starts the code flow with PKCE
/// (Duende's OidcClient), the person signs in at a real OpenID Connect provider and consents, the app writes with its
/// token, the person reads, revokes, and the app's next request and next refresh fail.
/// </summary>
[Collection(SignInCollection.Name)]
public sealed class PairingFlowTests(SignInFixture fixture)
{
    public const string GlucoseScopes =
        "openid launch/patient offline_access patient/Observation.c?code=http://loinc.org|2345-7 patient/Observation.rs?code=http://loinc.org|2345-7";

    [Fact]
    public async Task A_paired_app_writes_for_its_person_the_person_reads_revokes_and_the_app_is_refused_from_the_next_request()
    {
        var person = await OpenSpaceAsync();
        var app = new SmartApp(fixture, SignInFixture.PairedApp, GlucoseScopes);

        var login = await app.PairAsync(fixture.Browser(), person);

        login.IsError.Should().BeFalse(login.Error);
        login.TokenResponse.TryGet("patient").Should().Be(person.Value, "SMART clients read the launch context from the token response");
        login.RefreshToken.Should().NotBeNullOrEmpty("offline_access was asked");
        var consent = (await fixture.App.PatientClient(person).GetFromJsonAsync<List<AppConsent>>("/api/v1/me/consents", Json.Options))!.Single();
        consent.AppId.Should().Be(SignInFixture.PairedApp);
        consent.Scopes.Should().Equal("measurements.read:glucose", "measurements.write:glucose");

        var appClient = Bearer(login.AccessToken);
        var posted = await appClient.PostAsync("/fhir/Observation", Fhir(Samples.Observation(person, "2345-7", "mg/dL", 112)));
        posted.StatusCode.Should().Be(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        await Eventually.HoldsAsync(async () => (await LatestAsync(person)).Any(l => l.Type == MeasureType.Glucose && l.Value == 112), TimeSpan.FromSeconds(20), "the reading stored");

        var elsewhere = await appClient.PostAsync("/fhir/Observation", Fhir(Samples.Observation(await OpenSpaceAsync(), "2345-7", "mg/dL", 99)));
        elsewhere.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a token bound to one person writes nothing in another's space");

        (await fixture.App.PatientClient(person).DeleteAsync($"/api/v1/me/consents/{SignInFixture.PairedApp}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var after = await appClient.PostAsync("/fhir/Observation", Fhir(Samples.Observation(person, "2345-7", "mg/dL", 150)));
        after.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        after.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"");
        var refresh = await app.Client.RefreshTokenAsync(login.RefreshToken);
        refresh.IsError.Should().BeTrue();
        refresh.Error.Should().Be("invalid_grant");
    }

    [Fact]
    public async Task The_person_unticks_a_right_and_the_app_gets_only_what_is_left()
    {
        var person = await OpenSpaceAsync();
        var app = new SmartApp(fixture, SignInFixture.PairedApp, GlucoseScopes);

        var login = await app.PairAsync(fixture.Browser(), person, ticked => ticked.Where(s => s == "measurements.write:glucose"));

        login.IsError.Should().BeFalse(login.Error);
        login.TokenResponse.Scope!.Split(' ').Should().Contain("patient/Observation.c?code=http://loinc.org|2345-7")
            .And.NotContain(s => s.StartsWith("patient/Observation.rs", StringComparison.Ordinal), "the token response says what was granted");
        var appClient = Bearer(login.AccessToken);
        (await appClient.PostAsync("/fhir/Observation", Fhir(Samples.Observation(person, "2345-7", "mg/dL", 101)))).StatusCode.Should().Be(HttpStatusCode.Created);
        var read = await appClient.GetAsync($"/fhir/Observation?patient={person.Value}&code=2345-7");
        read.StatusCode.Should().Be(HttpStatusCode.Forbidden, "reading was unticked");
    }

    [Fact]
    public async Task A_refresh_after_the_person_narrowed_the_consent_carries_only_what_is_left()
    {
        var person = await OpenSpaceAsync();
        var app = new SmartApp(fixture, SignInFixture.PairedApp, GlucoseScopes);
        var login = await app.PairAsync(fixture.Browser(), person);
        login.IsError.Should().BeFalse(login.Error);

        (await fixture.App.PatientClient(person).PutAsync($"/api/v1/me/consents/{SignInFixture.PairedApp}",
            JsonContent.Create(new { scopes = new[] { "measurements.write:glucose" } }))).EnsureSuccessStatusCode();
        var refreshed = await app.Client.RefreshTokenAsync(login.RefreshToken);

        refreshed.IsError.Should().BeFalse(refreshed.Error);
        var scopes = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(refreshed.AccessToken).GetClaim("scope").Value.Split(' ');
        scopes.Should().Contain("patient/Observation.c?code=http://loinc.org|2345-7")
            .And.NotContain(s => s.StartsWith("patient/Observation.rs", StringComparison.Ordinal), "reading was taken back");
    }

    [Fact]
    public async Task The_granted_scopes_come_back_as_the_app_wrote_them()
    {
        var person = await OpenSpaceAsync();
        const string AnotherGlucoseCode = "patient/Observation.rs?code=http://loinc.org|15074-8";
        var app = new SmartApp(fixture, SignInFixture.PairedApp, $"openid launch/patient {AnotherGlucoseCode}");

        var login = await app.PairAsync(fixture.Browser(), person);

        login.IsError.Should().BeFalse(login.Error);
        login.TokenResponse.Scope!.Split(' ').Should().BeEquivalentTo("openid", "launch/patient", AnotherGlucoseCode);
    }

    private async Task<Ins> OpenSpaceAsync()
    {
        var person = TestIns.Next();
        (await fixture.App.PatientClient(person).PostAsync("/api/v1/me/activation", null)).EnsureSuccessStatusCode();
        return person;
    }

    private async Task<List<LatestMeasurement>> LatestAsync(Ins person) =>
        (await fixture.App.PatientClient(person).GetFromJsonAsync<List<LatestMeasurement>>("/api/v1/me/measurements/latest", Json.Options))!;

    private HttpClient Bearer(string token)
    {
        var client = new HttpClient { BaseAddress = fixture.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static StringContent Fhir(System.Text.Json.Nodes.JsonNode resource) =>
        new(resource.ToJsonString(new JsonSerializerOptions()), System.Text.Encoding.UTF8, "application/fhir+json");
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.SignIn;

/// <summary>What the authorization server refuses, each as an attacker or a careless client would try it.</summary>
[Collection(SignInCollection.Name)]
public sealed class SignInRefusalTests(SignInFixture fixture)
{
    private static readonly string Redirect = Uri.EscapeDataString(SignInFixture.RedirectUri);

    [Theory]
    [InlineData("")]
    [InlineData("&code_challenge=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq&code_challenge_method=plain")]
    [InlineData("&code_challenge=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq")]
    public async Task An_authorization_request_without_an_S256_code_challenge_is_refused_on_the_server_without_redirecting(string pkce)
    {
        var response = await fixture.Browser().GetAsync($"/connect/authorize?client_id={SignInFixture.PairedApp}&redirect_uri={Redirect}&response_type=code&scope=openid&state=s1{pkce}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull("an invalid request is answered here, never sent to the client");
        (await response.Content.ReadAsStringAsync()).Should().Contain("code_challenge");
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_is_refused_without_redirecting_to_it()
    {
        var (challenge, _) = Pkce();

        var response = await fixture.Browser().GetAsync(
            $"/connect/authorize?client_id={SignInFixture.PairedApp}&redirect_uri={Uri.EscapeDataString("https://attacker.example/cb")}&response_type=code&scope=openid&state=s1&code_challenge={challenge}&code_challenge_method=S256");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        (await response.Content.ReadAsStringAsync()).Should().Contain("redirect_uri");
    }

    [Fact]
    public async Task A_code_used_twice_is_refused_and_the_tokens_issued_from_it_are_revoked()
    {
        var person = await OpenSpaceAsync();
        var (challenge, verifier) = Pkce();
        var code = await CodeAsync(person, challenge);

        var first = await ExchangeAsync(code, verifier);
        var second = await ExchangeAsync(code, verifier);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be("invalid_grant");
        var token = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        var use = await Bearer(token).GetAsync($"/fhir/Observation?patient={person.Value}&code=2345-7");
        use.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a replayed code revokes what the first exchange issued");
    }

    [Fact]
    public async Task A_scope_the_catalogue_does_not_allow_the_app_is_left_out_and_the_consent_page_says_so()
    {
        var person = await OpenSpaceAsync();
        var app = new SmartApp(fixture, SignInFixture.PairedApp,
            "openid patient/Observation.c?code=http://loinc.org|2345-7 patient/Observation.c?code=http://loinc.org|29463-7 patient/Appointment.cu");

        var (page, _, state) = await app.ConsentPageAsync(fixture.Browser(), person);

        page.Should().Contain("Glyco Pair").And.Contain("Exemple SAS");
        Browserless.Ticked(page).Should().Equal("measurements.write:glucose");
        page.Should().Contain("non accordé").And.Contain("poids").And.Contain("rendez-vous");
        state.Should().NotBeNull();
    }

    [Fact]
    public async Task A_person_who_refuses_sends_the_app_an_access_denied_and_nothing_is_connected()
    {
        var person = await OpenSpaceAsync();
        var app = new SmartApp(fixture, SignInFixture.PairedApp, PairingFlowTests.GlucoseScopes);
        var browser = fixture.Browser();
        var (page, _, _) = await app.ConsentPageAsync(browser, person);

        var refused = await Browserless.SubmitAsync(browser, page, "/connect/authorize", "refuse", []);

        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        HttpUtility.ParseQueryString(refused.Headers.Location!.Query)["error"].Should().Be("access_denied");
        (await fixture.App.PatientClient(person).GetFromJsonAsync<List<AppConsent>>("/api/v1/me/consents", Json.Options)).Should().BeEmpty();
    }

    [Fact]
    public async Task Nobody_gets_a_session_when_the_provider_gives_no_valid_ins_or_signs_in_at_another_level()
    {
        var browser = fixture.Browser();
        fixture.People.Next["ins"] = "123456789012244";
        var badIns = await SignInAtProviderAsync(browser);
        fixture.People.Next["ins"] = TestIns.Next().Value;
        fixture.People.AnswerAcr = "eidas-none";
        HttpResponseMessage lowLevel;
        try
        {
            lowLevel = await SignInAtProviderAsync(browser);
        }
        finally
        {
            fixture.People.AnswerAcr = null;
        }

        badIns.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await badIns.Content.ReadAsStringAsync()).Should().Contain("identifiant national de santé");
        lowLevel.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await lowLevel.Content.ReadAsStringAsync()).Should().Contain("niveau de garantie");
        var authorize = await browser.GetAsync($"/connect/authorize?client_id={SignInFixture.PairedApp}&redirect_uri={Redirect}&response_type=code&scope=openid&state=s1&code_challenge={Pkce().Challenge}&code_challenge_method=S256");
        authorize.Headers.Location!.OriginalString.Should().StartWith("/signin?", "no session was opened");
    }

    [Fact]
    public async Task An_expired_or_revoked_token_is_a_401_that_says_why_in_WWW_Authenticate()
    {
        var person = await OpenSpaceAsync();
        var (expired, _) = fixture.App.Services.GetRequiredService<MonEspaceSante.Api.Security.TokenIssuer>().Issue("patient", person.Value, TimeSpan.FromHours(1), issuedAt: DateTimeOffset.UtcNow.AddHours(-1).AddMinutes(-5));
        var (challenge, verifier) = Pkce();
        var tokens = await (await ExchangeAsync(await CodeAsync(person, challenge), verifier)).Content.ReadFromJsonAsync<JsonElement>();
        var access = tokens.GetProperty("access_token").GetString()!;
        using var revoke = new FormUrlEncodedContent([new("token", access), new("token_type_hint", "access_token"), new("client_id", SignInFixture.PairedApp)]);
        (await fixture.Browser().PostAsync("/connect/revoke", revoke)).StatusCode.Should().Be(HttpStatusCode.OK);

        foreach (var token in new[] { expired, access })
        {
            var response = await Bearer(token).GetAsync("/api/v1/me");
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            response.Headers.WwwAuthenticate.ToString().Should().Contain("Bearer").And.Contain("error=\"invalid_token\"");
        }

        (await Bearer(access).GetAsync("/api/v1/me")).Headers.WwwAuthenticate.ToString().Should().Contain("revoked");
        (await Bearer(expired).GetAsync("/api/v1/me")).Headers.WwwAuthenticate.ToString().Should().Contain("expired");
    }

    /// <summary>The person signs in at the provider, straight from its link on the sign-in page.</summary>
    private async Task<HttpResponseMessage> SignInAtProviderAsync(HttpClient browser)
    {
        var (response, _) = await Browserless.FollowAsync(browser, new Uri(fixture.BaseAddress, "/signin/external/patient?returnUrl=%2F"), stopAt: fixture.BaseAddress.AbsoluteUri + "?");
        return response;
    }

    /// <summary>A code for the paired app, the person having signed in and accepted everything.</summary>
    private async Task<string> CodeAsync(Ins person, string challenge)
    {
        var browser = fixture.Browser();
        fixture.People.Next["ins"] = person.Value;
        var start = new Uri(fixture.BaseAddress,
            $"/connect/authorize?client_id={SignInFixture.PairedApp}&redirect_uri={Redirect}&response_type=code&scope={Uri.EscapeDataString("openid patient/Observation.rs?code=http://loinc.org|2345-7")}&state=s1&code_challenge={challenge}&code_challenge_method=S256");
        var (choice, choiceUrl) = await Browserless.FollowAsync(browser, start);
        var (consent, _) = await Browserless.FollowAsync(browser, Browserless.ProviderLinkOf(await choice.Content.ReadAsStringAsync(), choiceUrl));
        var html = await consent.Content.ReadAsStringAsync();
        var decision = await Browserless.SubmitAsync(browser, html, "/connect/authorize", "accept", Browserless.Ticked(html));
        decision.StatusCode.Should().Be(HttpStatusCode.Redirect, await decision.Content.ReadAsStringAsync());
        return HttpUtility.ParseQueryString(decision.Headers.Location!.Query)["code"]!;
    }

    private Task<HttpResponseMessage> ExchangeAsync(string code, string verifier) => fixture.Browser().PostAsync("/connect/token", new FormUrlEncodedContent(
        [new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", SignInFixture.RedirectUri), new("client_id", SignInFixture.PairedApp), new("code_verifier", verifier)]));

    private static (string Challenge, string Verifier) Pkce()
    {
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (challenge, verifier);
    }

    private async Task<Ins> OpenSpaceAsync()
    {
        var person = TestIns.Next();
        (await fixture.App.PatientClient(person).PostAsync("/api/v1/me/activation", null)).EnsureSuccessStatusCode();
        return person;
    }

    private HttpClient Bearer(string token)
    {
        var client = new HttpClient { BaseAddress = fixture.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

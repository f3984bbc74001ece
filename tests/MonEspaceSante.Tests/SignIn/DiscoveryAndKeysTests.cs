using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Tests.Api;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.SignIn;

/// <summary>What a SMART client finds at discovery, the keys it validates with, and a rotation of those keys.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class DiscoveryAndKeysTests(EmbeddedApiFixture api)
{
    [Theory]
    [InlineData("/.well-known/smart-configuration")]
    [InlineData("/fhir/.well-known/smart-configuration")]
    [InlineData("/.well-known/openid-configuration")]
    public async Task Discovery_gives_what_smart_app_launch_2_asks(string path)
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>(path);

        document.GetProperty("issuer").GetString().Should().Be("http://localhost/");
        foreach (var endpoint in new[] { "authorization_endpoint", "token_endpoint", "introspection_endpoint", "revocation_endpoint", "jwks_uri" })
        {
            document.GetProperty(endpoint).GetString().Should().StartWith("http://localhost/", endpoint);
        }

        Strings(document, "code_challenge_methods_supported").Should().Equal("S256");
        Strings(document, "grant_types_supported").Should().Contain(["authorization_code", "refresh_token", "client_credentials"]);
        Strings(document, "scopes_supported").Should().Contain(["openid", "fhirUser", "launch/patient", "offline_access", "patient/Observation.rs", "mes.waves"]);
        Strings(document, "capabilities").Should().Contain(
            ["launch-standalone", "client-public", "client-confidential-symmetric", "context-standalone-patient", "permission-patient", "permission-v2", "permission-offline", "sso-openid-connect"]);
        Strings(document, "response_types_supported").Should().Equal("code");
    }

    [Fact]
    public async Task Access_tokens_are_asymmetric_jwts_whose_key_is_published_by_id()
    {
        var (token, _) = api.Services.GetRequiredService<TokenIssuer>().Issue("patient", TestIns.Next().Value);
        var jwks = await api.CreateClient().GetFromJsonAsync<JsonElement>("/.well-known/jwks");

        var header = new JsonWebToken(token);
        header.Alg.Should().Be("RS256");
        header.Typ.Should().Be("at+jwt");
        jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).Should().Equal("test-a");
        jwks.GetProperty("keys").EnumerateArray().Select(k => k.TryGetProperty("d", out var secret)).Should().OnlyContain(hasPrivatePart => !hasPrivatePart, "never a private part");
    }

    [Fact]
    public async Task After_a_rotation_tokens_of_the_previous_key_stay_valid_until_that_key_is_removed()
    {
        var person = TestIns.Next();
        string before;
        await using (var old = new ApiFactory { SigningKeys = [TestKeys.SigningA] })
        {
            (before, _) = old.Services.GetRequiredService<TokenIssuer>().Issue("patient", person.Value);
        }

        await using var rotated = new ApiFactory { SigningKeys = [TestKeys.SigningB, TestKeys.SigningA] };
        var (after, _) = rotated.Services.GetRequiredService<TokenIssuer>().Issue("patient", person.Value);
        var published = await rotated.CreateClient().GetFromJsonAsync<JsonElement>("/.well-known/jwks");
        await using var retired = new ApiFactory { SigningKeys = [TestKeys.SigningB] };

        new JsonWebToken(after).Kid.Should().Be("test-b", "the first key signs");
        published.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).Should().BeEquivalentTo(["test-a", "test-b"]);
        (await GetMeAsync(rotated, before)).Should().Be(HttpStatusCode.OK, "a token of the previous key is valid while that key is listed");
        (await GetMeAsync(rotated, after)).Should().Be(HttpStatusCode.OK);
        (await GetMeAsync(retired, after)).Should().Be(HttpStatusCode.OK);
        (await GetMeAsync(retired, before)).Should().Be(HttpStatusCode.Unauthorized, "once the previous key is removed its tokens fail");
    }

    private static async Task<HttpStatusCode> GetMeAsync(ApiFactory app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/v1/me")).StatusCode;
    }

    private static List<string?> Strings(JsonElement document, string name) => [.. document.GetProperty(name).EnumerateArray().Select(e => e.GetString())];
}

using System.Net;
using System.Security.Claims;
using Duende.IdentityModel.Client;
using Duende.IdentityModel.OidcClient;
using Duende.IdentityModel.OidcClient.Results;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Tests.SignIn;

/// <summary>
/// A referenced app as its developer would write it: Duende's OidcClient (a certified OpenID Connect client) doing the
/// code flow with PKCE against the application, its identity tokens checked against the server's published keys.
/// <see cref="PairAsync"/> plays the person's part in a browser: sign in at the provider, then the consent page.
/// </summary>
public sealed class SmartApp(SignInFixture fixture, string clientId, string scope)
{
    public OidcClient Client { get; } = new(new OidcClientOptions
    {
        Authority = fixture.BaseAddress.AbsoluteUri.TrimEnd('/'),
        ClientId = clientId,
        RedirectUri = SignInFixture.RedirectUri,
        Scope = scope,
        LoadProfile = false,
        Policy = new Policy { RequireIdentityTokenSignature = true },
        IdentityTokenValidator = new JwksValidator(fixture.BaseAddress),
    });

    /// <summary>
    /// The person <paramref name="person"/> signs in at the people's provider and accepts the consent page, keeping the
    /// boxes <paramref name="keep"/> picks among those ticked (all of them by default). Returns the app's login.
    /// </summary>
    public async Task<LoginResult> PairAsync(HttpClient browser, Ins person, Func<IReadOnlyList<string>, IEnumerable<string>>? keep = null)
    {
        var (consent, _, state) = await ConsentPageAsync(browser, person);
        var ticked = Browserless.Ticked(consent);
        var decision = await Browserless.SubmitAsync(browser, consent, "/connect/authorize", "accept", keep?.Invoke(ticked) ?? ticked);
        decision.StatusCode.Should().Be(HttpStatusCode.Redirect, await decision.Content.ReadAsStringAsync());
        return await Client.ProcessResponseAsync(decision.Headers.Location!.AbsoluteUri, state);
    }

    /// <summary>Runs the flow up to the consent page: its HTML, the URL it was served at, and the client's state.</summary>
    public async Task<(string Html, Uri Url, AuthorizeState State)> ConsentPageAsync(HttpClient browser, Ins person)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var state = await Client.PrepareLoginAsync(new Parameters { { "aud", fixture.FhirBase } });
        state.IsError.Should().BeFalse(state.Error);
        var (choice, choiceUrl) = await Browserless.FollowAsync(browser, new Uri(state.StartUrl));
        choiceUrl.AbsolutePath.Should().Be("/signin", "someone without a session is asked to sign in first");
        fixture.People.Next["ins"] = person.Value;
        var (page, pageUrl) = await Browserless.FollowAsync(browser, Browserless.ProviderLinkOf(await choice.Content.ReadAsStringAsync(), choiceUrl));
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.Should().Be(HttpStatusCode.OK, html);
        return (html, pageUrl, state);
    }

    /// <summary>Checks an identity token's signature, issuer and audience against the keys the server publishes.</summary>
    private sealed class JwksValidator(Uri server) : IIdentityTokenValidator
    {
        public async Task<IdentityTokenValidationResult> ValidateAsync(string identityToken, OidcClientOptions options, CancellationToken cancellationToken = default)
        {
            using var http = new HttpClient();
            var keys = new JsonWebKeySet(await http.GetStringAsync(new Uri(server, ".well-known/jwks"), cancellationToken));
            var result = await new JsonWebTokenHandler().ValidateTokenAsync(identityToken, new TokenValidationParameters
            {
                ValidIssuer = server.AbsoluteUri,
                ValidAudience = options.ClientId,
                IssuerSigningKeys = keys.GetSigningKeys(),
            });
            return result.IsValid
                ? new IdentityTokenValidationResult { User = new ClaimsPrincipal(result.ClaimsIdentity), SignatureAlgorithm = ((JsonWebToken)result.SecurityToken).Alg }
                : new IdentityTokenValidationResult { Error = result.Exception?.Message ?? "invalid identity token" };
        }
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.SignIn;

/// <summary>
/// A real OpenID Connect provider that a test starts on 127.0.0.1, standing for FranceConnect or Pro Santé Connect:
/// an OpenIddict server (degraded mode: no database, codes are self-contained) with one client, which signs in at once
/// whoever the test put in <see cref="Next"/>, with the claims the real provider would send, and echoes the level of
/// assurance asked unless told otherwise.
/// </summary>
public sealed class UpstreamProvider : IAsyncDisposable
{
    public const string ClientId = "mon-espace-sante";
    public const string ClientSecret = "upstream-test-secret";

    private readonly WebApplication app;

    private UpstreamProvider(WebApplication app, Uri issuer)
    {
        this.app = app;
        Issuer = issuer;
    }

    public Uri Issuer { get; }

    /// <summary>The claims of the next person to sign in (besides <c>sub</c> and <c>acr</c>).</summary>
    public Dictionary<string, string> Next { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, the level of assurance answered instead of the one asked.</summary>
    public string? AnswerAcr { get; set; }

    /// <summary>How many people signed in here.</summary>
    public int SignIns { get; private set; }

    public static async Task<UpstreamProvider> StartAsync()
    {
        var port = FreePorts.Next();
        var issuer = new Uri($"http://127.0.0.1:{port}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(issuer.ToString());
        builder.Logging.ClearProviders();
        UpstreamProvider? self = null;
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris("authorize").SetTokenEndpointUris("token");
            server.AllowAuthorizationCodeFlow().EnableDegradedMode();
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            server.RegisterScopes(Scopes.OpenId, "given_name", "family_name");
            server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "unknown client");
                }

                return default;
            }));
            server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "wrong client credentials");
                }

                return default;
            }));
        });
        var app = builder.Build();
        app.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], (HttpContext http) => self!.SignIn(http));
        await app.StartAsync();
        self = new UpstreamProvider(app, issuer);
        return self;
    }

    private IResult SignIn(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()!;
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, $"upstream-{Guid.NewGuid():N}");
        identity.SetClaim("acr", AnswerAcr ?? request.AcrValues ?? "none");
        foreach (var (type, value) in Next)
        {
            identity.SetClaim(type, value);
        }

        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken]);
        SignIns++;
        return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

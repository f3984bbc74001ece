using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Patients;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OAuthErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace MonEspaceSante.Api.SignIn;

/// <summary>
/// <c>/connect/token</c> once OpenIddict authenticated the client and checked the code (with its PKCE verifier) or the
/// refresh token: the token response carries the launch context (<c>patient</c>, <c>fhirUser</c>) in the JSON itself, as
/// SMART clients expect. An app's refresh fails once the person revoked its consent. Operators' systems get client
/// credentials tokens with the capability scopes their client allows.
/// </summary>
public static class TokenEndpoint
{
    public static IEndpointRouteBuilder MapAuthorizationServer(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapMethods("/" + SignInRoutes.Authorize, [HttpMethods.Get, HttpMethods.Post], AuthorizeEndpoint.HandleAsync)
            .AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        routes.MapPost("/" + SignInRoutes.Token, ExchangeAsync).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        routes.MapMethods("/" + SignInRoutes.EndSession, [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSessionAsync).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        routes.MapMethods("/" + SignInRoutes.UserInfo, [HttpMethods.Get, HttpMethods.Post], (Delegate)UserInfoAsync).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        return routes;
    }

    private static async Task<IResult> ExchangeAsync(HttpContext http, ClientRegistry clients, IGrainFactory grains)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The token endpoint is reached without an OpenID Connect request.");
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal
                ?? throw new InvalidOperationException("OpenIddict validated the grant but gave no principal.");
            var patient = principal.GetClaim(SignInClaims.Patient);
            if (principal.GetClaim(SignInClaims.Role) == MesRoles.App && patient is not null)
            {
                // The revocation also revoked the rows of this grant; this holds even if that failed.
                var consentScopes = SmartScopes.ToConsentScopes(principal.GetScopes());
                var held = await grains.GetGrain<IPatientConsentsGrain>(PatientKey.From(Ins.Parse(patient, "patient"))).AllowedAsync(request.ClientId!, consentScopes);
                if (held.Count == 0)
                {
                    return Tokens.Deny(OAuthErrors.InvalidGrant, "The person revoked this app's consent.");
                }

                // The new tokens carry what the consent holds now (the person may have narrowed it since).
                var scopes = principal.GetScopes();
                principal.SetScopes([.. scopes.Where(SmartScopes.SignInScopes.Contains), .. SmartScopes.Granted(scopes.Where(s => !SmartScopes.SignInScopes.Contains(s)), held)]);
            }

            var parameters = new Dictionary<string, object?>();
            if (patient is not null)
            {
                parameters[SignInClaims.Patient] = patient;
            }

            if (principal.GetClaim(SignInClaims.FhirUser) is { } fhirUser)
            {
                parameters[SignInClaims.FhirUser] = fhirUser;
            }

            return Tokens.SignIn(principal, parameters);
        }

        if (request.IsClientCredentialsGrantType())
        {
            var client = await clients.FindAsync(request.ClientId!);
            if (client is not { Kind: ClientKind.Operator, Enabled: true })
            {
                return Tokens.Deny(OAuthErrors.UnauthorizedClient, "Only operators' systems use client credentials.");
            }

            var asked = request.GetScopes();
            if (asked.FirstOrDefault(s => !client.Scopes.Contains(s, StringComparer.Ordinal)) is { } beyond)
            {
                return Tokens.Deny(OAuthErrors.InvalidScope, $"This client may ask for {string.Join(", ", client.Scopes)}, not {beyond}.");
            }

            return Tokens.SignIn(Tokens.Principal(client.ClientId, MesRoles.Operator, asked.IsEmpty ? client.Scopes : asked, patient: null, fhirUser: null, profession: null));
        }

        return Tokens.Deny(OAuthErrors.UnsupportedGrantType, "Authorization code, refresh token or client credentials only.");
    }

    /// <summary>
    /// Sign-out: the session at this server ends; when the client names its sign-in (<c>id_token_hint</c>), that grant's
    /// tokens are revoked too (a shared device keeps no working refresh token); then the person goes to the client's
    /// registered post-logout URI.
    /// </summary>
    private static async Task<IResult> EndSessionAsync(HttpContext http)
    {
        var hint = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        if (hint?.GetAuthorizationId() is { Length: > 0 } grant)
        {
            await http.RequestServices.GetRequiredService<ClientRegistry>().EndGrantAsync(grant);
        }

        await http.SignOutAsync(SignInRegistration.SessionScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http)
    {
        var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        if (principal is null)
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new Dictionary<string, string?> { [Claims.Subject] = principal.FindFirstValue(Claims.Subject) };
        foreach (var claim in new[] { SignInClaims.FhirUser, SignInClaims.Patient })
        {
            if (principal.FindFirstValue(claim) is { } value)
            {
                claims[claim] = value;
            }
        }

        return Results.Json(claims);
    }
}

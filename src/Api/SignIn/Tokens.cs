using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace MonEspaceSante.Api.SignIn;

/// <summary>What the authorization and token endpoints hand back to OpenIddict: the principal a token is made of, or an OAuth error.</summary>
public static class Tokens
{
    /// <summary>
    /// The claims of a token: <c>sub</c> (INS, RPPS, or an operator client), the role our API authorizes by, the launch
    /// context (<c>patient</c>, <c>fhirUser</c>) and a professional's profession; the access token carries them all, the
    /// identity token the subject and <c>fhirUser</c>.
    /// </summary>
    public static ClaimsPrincipal Principal(string subject, string role, IEnumerable<string> scopes, string? patient, string? fhirUser, string? profession)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, SignInClaims.Role);
        identity.SetClaim(Claims.Subject, subject).SetClaim(SignInClaims.Role, role);
        if (patient is not null)
        {
            identity.SetClaim(SignInClaims.Patient, patient);
        }

        if (fhirUser is not null)
        {
            identity.SetClaim(SignInClaims.FhirUser, fhirUser);
        }

        if (profession is not null)
        {
            identity.SetClaim(SignInClaims.Profession, profession);
        }

        identity.SetScopes(scopes.Distinct(StringComparer.Ordinal));
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Subject or SignInClaims.FhirUser => [Destinations.AccessToken, Destinations.IdentityToken],
            SignInClaims.Role or SignInClaims.Patient or SignInClaims.Profession => [Destinations.AccessToken],
            _ => [],
        });
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Issues what the request asked for (a code, or tokens) from <paramref name="principal"/>; <paramref name="parameters"/> go into the token response.</summary>
    public static IResult SignIn(ClaimsPrincipal principal, IDictionary<string, object?>? parameters = null) =>
        Results.SignIn(principal, parameters is null ? null : new AuthenticationProperties(new Dictionary<string, string?>(), parameters),
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    /// <summary>An OAuth error: to the client's validated redirect URI from the authorization endpoint, as JSON from the token endpoint.</summary>
    public static IResult Deny(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}

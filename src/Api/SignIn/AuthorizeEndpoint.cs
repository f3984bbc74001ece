using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Catalogue;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Patients;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OAuthErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace MonEspaceSante.Api.SignIn;

/// <summary>
/// <c>/connect/authorize</c>, once OpenIddict validated the request (client, redirect URI, PKCE S256): who must sign in
/// for this client, then what the token carries. For a referenced app it is the pairing: the person sees the app's name
/// and editor from the catalogue and what it asks for, narrowed to what the catalogue allows it, may untick some, and
/// accepts or refuses; accepting writes the consent into the person's grain (the one truth about consents) and binds
/// the tokens to that person. An operators' console signs an agent in at the agents' provider, and its tokens carry the
/// capability scopes asked among those its client is given.
/// </summary>
public static class AuthorizeEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, ClientRegistry clients, IGrainFactory grains, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(clients);
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The authorization endpoint is reached without an OpenID Connect request.");
        var client = await clients.FindAsync(request.ClientId!);
        if (client is not { Enabled: true } || client.Kind == ClientKind.Operator)
        {
            return Tokens.Deny(OAuthErrors.UnauthorizedClient, "This client may not sign people in (withdrawn, or a system client).");
        }

        // SMART: the app names the FHIR server it wants a token for; a token for another server is not ours to give.
        var fhirBase = Fhir.FhirBase.Of(http).AbsoluteUri.TrimEnd('/');
        if (request["aud"]?.ToString() is { Length: > 0 } aud && aud.TrimEnd('/') != fhirBase)
        {
            return Tokens.Deny(OAuthErrors.InvalidRequest, $"aud must be this server's FHIR base, {fhirBase}.");
        }

        var asked = request.GetScopes().Where(s => !SmartScopes.SignInScopes.Contains(s)).ToList();
        if (client.Kind == ClientKind.OperatorConsole && asked.FirstOrDefault(s => !client.Scopes.Contains(s, StringComparer.Ordinal)) is { } beyond)
        {
            return Tokens.Deny(OAuthErrors.InvalidScope, $"This console may ask for {string.Join(", ", client.Scopes)}, not {beyond}.");
        }

        var kind = client.Kind switch
        {
            ClientKind.Professional => SessionKind.Professional,
            ClientKind.OperatorConsole => SessionKind.Operator,
            _ => SessionKind.Patient,
        };
        var session = await http.AuthenticateAsync(SignInRegistration.SessionScheme);
        if (!session.Succeeded || session.Principal?.FindFirstValue(SignInClaims.Kind) != kind.ToString())
        {
            return request.HasPromptValue(PromptValues.None)
                ? Tokens.Deny(OAuthErrors.LoginRequired, "The person is not signed in.")
                : Results.Redirect($"/{SignInRoutes.SignInPage}?kind={kind}&returnUrl={Uri.EscapeDataString(Again(request))}");
        }

        var subject = session.Principal.FindFirstValue(Claims.Subject)!;
        var signInScopes = request.GetScopes().Where(SmartScopes.SignInScopes.Contains).ToList();
        return client.Kind switch
        {
            ClientKind.Professional => Tokens.SignIn(Tokens.Principal(subject, MesRoles.Professional,
                [.. signInScopes, .. request.GetScopes().Where(s => s.StartsWith("user/", StringComparison.Ordinal))],
                patient: null, fhirUser: $"Practitioner/{subject}", profession: session.Principal.FindFirstValue(SignInClaims.Profession))),
            ClientKind.App => await PairAsync(http, request, client, Ins.Parse(subject, "sub"), signInScopes, asked, grains, antiforgery),
            ClientKind.OperatorConsole => Tokens.SignIn(Tokens.Principal(subject, MesRoles.Operator, [.. signInScopes, .. asked.Count == 0 ? client.Scopes : asked],
                patient: null, fhirUser: null, profession: null)),
            _ => Tokens.SignIn(Tokens.Principal(subject, MesRoles.Patient,
                [.. signInScopes, .. request.GetScopes().Where(s => s.StartsWith("patient/", StringComparison.Ordinal))],
                patient: subject, fhirUser: $"Patient/{subject}", profession: null)),
        };
    }

    private static async Task<IResult> PairAsync(
        HttpContext http, OpenIddictRequest request, RegisteredClient client, Ins person, List<string> signInScopes, List<string> asked, IGrainFactory grains, IAntiforgery antiforgery)
    {
        var listed = await grains.GetGrain<ICatalogueGrain>(ICatalogueGrain.Key).FindAsync(client.ClientId);
        if (listed is not { IsListed: true })
        {
            return Tokens.Deny(OAuthErrors.UnauthorizedClient, "This app is not (or no longer) in the catalogue of referenced apps.");
        }

        var requested = SmartScopes.ToConsentScopes(asked);
        var grantable = requested.Where(s => listed.Scopes.Contains(s, StringComparer.Ordinal)).ToList();
        var notGranted = requested.Except(grantable, StringComparer.Ordinal).Select(ConsentPage.Describe)
            .Concat(asked.Where(s => SmartScopes.ToConsentScopes(s).Count == 0)).ToList();
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.HasFormContentType || !http.Request.Form.ContainsKey(ConsentPage.DecisionField))
        {
            return ConsentPage.Render(http, antiforgery, request, listed, grantable, notGranted);
        }

        await antiforgery.ValidateRequestAsync(http);
        var form = http.Request.Form;
        if (form[ConsentPage.DecisionField] != ConsentPage.Accept)
        {
            return Tokens.Deny(OAuthErrors.AccessDenied, "The person refused to connect this app.");
        }

        var chosen = grantable.Where(s => form[ConsentPage.GrantField].Contains(s)).ToList();
        if (chosen.Count == 0)
        {
            return Tokens.Deny(OAuthErrors.AccessDenied, "The person granted nothing.");
        }

        try
        {
            await grains.GetGrain<IPatientConsentsGrain>(PatientKey.From(person)).GrantAsync(new Accessor(AccessorRole.Patient, person.Value, "signin"), client.ClientId, chosen);
        }
        catch (StateConflictException)
        {
            return ConsentPage.SpaceNotOpen(http, antiforgery, request);
        }

        return Tokens.SignIn(Tokens.Principal(person.Value, MesRoles.App, [.. signInScopes, .. SmartScopes.Granted(asked, chosen)],
            patient: person.Value, fhirUser: $"Patient/{person.Value}", profession: null));
    }

    /// <summary>The same authorization request as a URL of this server, to come back to once signed in.</summary>
    private static string Again(OpenIddictRequest request) =>
        $"/{SignInRoutes.Authorize}?" + string.Join('&', request.GetParameters()
            .Where(p => p.Key is not (ConsentPage.DecisionField or ConsentPage.GrantField) && !p.Key.StartsWith("__", StringComparison.Ordinal))
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value.ToString() ?? "")}"));
}

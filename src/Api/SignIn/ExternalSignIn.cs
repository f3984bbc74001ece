using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MonEspaceSante.Interfaces.Identity;
using OpenIddict.Client;
using OpenIddict.Client.AspNetCore;

namespace MonEspaceSante.Api.SignIn;

/// <summary>
/// This server as the relying party of the external providers (OpenIddict's client, code flow): FranceConnect for
/// people, Pro Santé Connect for professionals, the agents' provider for operators. A sign-in counts only at the level
/// of assurance asked (<c>acr</c>), and only with a subject that means something here: a valid INS (key included) for a
/// person, 11 RPPS digits for a professional; otherwise no session and no token.
/// </summary>
public static class ExternalSignIn
{
    /// <summary>Whether any provider is configured (the OpenIddict client is registered only then).</summary>
    public static bool HasProviders(SignInSettings settings) =>
        Enum.GetValues<SessionKind>().Any(kind => For(settings, kind).Provider is not null);

    /// <summary>The provider of <paramref name="kind"/>, if configured, and the label of its button.</summary>
    public static (ExternalProvider? Provider, string Label) For(SignInSettings settings, SessionKind kind)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (provider, label) = kind switch
        {
            SessionKind.Professional => (settings.Professionals, "Se connecter avec Pro Santé Connect"),
            SessionKind.Operator => (settings.Operators, "Se connecter (agents)"),
            _ => (settings.Patients, "Se connecter avec FranceConnect"),
        };
        return (provider?.Issuer is null ? null : provider, label);
    }

    /// <summary>The provider's registration and scheme name, and the last segment of its callback route.</summary>
    public static string Name(SessionKind kind) => kind.ToString().ToLowerInvariant();

    public static void Configure(OpenIddictClientBuilder client, SignInSettings settings, SignInKeys keys, bool plainHttp)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(keys);
        client.AllowAuthorizationCodeFlow();
        client.AddSigningKey(keys.Signing[0]).AddEncryptionKey(keys.Encryption);
        var aspnet = client.UseAspNetCore().EnableRedirectionEndpointPassthrough().EnableErrorPassthrough();
        var http = plainHttp;
        foreach (var kind in Enum.GetValues<SessionKind>())
        {
            if (For(settings, kind).Provider is not { } provider)
            {
                continue;
            }

            http |= provider.AllowHttp;
            var registration = new OpenIddictClientRegistration
            {
                ProviderName = Name(kind),
                ProviderDisplayName = For(settings, kind).Label,
                Issuer = provider.Issuer,
                ClientId = provider.ClientId,
                ClientSecret = provider.ClientSecret,
                RedirectUri = new Uri($"{SignInRoutes.Callback}/{Name(kind)}", UriKind.Relative),
            };
            registration.Scopes.UnionWith(provider.Scopes);
            client.AddRegistration(registration);
        }

        if (http)
        {
            // On plain http (Development, tests), the state cookie must not be Secure, nor SameSite=None, which needs Secure.
            aspnet.DisableTransportSecurityRequirement();
            client.Services.Configure<OpenIddictClientAspNetCoreOptions>(options =>
            {
                options.CookieBuilder.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
                options.CookieBuilder.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
            });
        }

        client.UseSystemNetHttp();
    }

    /// <summary>The provider sent the person back: a session for them when the provider's claims say who they are here.</summary>
    public static async Task<IResult> CallbackAsync(string provider, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var settings = http.RequestServices.GetRequiredService<IOptions<SignInSettings>>().Value;
        if (!Enum.TryParse<SessionKind>(provider, ignoreCase: true, out var kind) || For(settings, kind).Provider is not { } configured)
        {
            return Refused("Ce fournisseur d'identité n'est pas configuré.", StatusCodes.Status404NotFound);
        }

        var result = await http.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is not { } external)
        {
            var error = result.Properties?.Items.TryGetValue(OpenIddictClientAspNetCoreConstants.Properties.Error, out var e) == true ? e : null;
            var description = result.Properties?.Items.TryGetValue(OpenIddictClientAspNetCoreConstants.Properties.ErrorDescription, out var d) == true ? d : null;
            http.RequestServices.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger("MonEspaceSante.Api.SignIn.ExternalSignIn")
                .LogExternalFailure(provider, error ?? result.Failure?.GetType().Name ?? "none", description ?? result.Failure?.Message ?? "");
            return Refused(error == "access_denied" ? "Vous avez annulé la connexion." : "La connexion auprès du fournisseur d'identité a échoué.", StatusCodes.Status401Unauthorized);
        }

        if (configured.AcrValues is { } acr && external.FindFirstValue("acr") != acr)
        {
            return Refused($"Le niveau de garantie de cette connexion n'est pas celui demandé ({SignInPages.Text(acr)}).", StatusCodes.Status403Forbidden);
        }

        var subject = external.FindFirstValue(configured.SubjectClaim);
        ClaimsPrincipal session;
        switch (kind)
        {
            case SessionKind.Patient:
                if (!Ins.TryParse(subject, out var ins, out _))
                {
                    return Refused("Votre identifiant national de santé (INS) n'a pas pu être établi : aucun accès ne peut être ouvert.", StatusCodes.Status403Forbidden);
                }

                session = SignInEndpoints.Session(kind, ins.Value, Name(kind));
                break;
            case SessionKind.Professional:
                // Pro Santé Connect's national identifier is a type digit (8: RPPS) followed by the RPPS number.
                var rpps = subject is { Length: 12 } national && national[0] == '8' ? national[1..] : subject;
                // Pro Santé Connect writes a role as "code^OID of its nomenclature" (10^1.2.250.1.71.1.2.7): the code is the part before '^'.
                var profession = configured.ProfessionClaim is { } claim ? external.FindFirstValue(claim)?.Split('^')[0] : null;
                if (!ProfessionalIdentifiers.IsRpps(rpps) || !ProfessionalIdentifiers.IsProfession(profession))
                {
                    return Refused("Votre numéro RPPS ou votre profession n'a pas pu être établi.", StatusCodes.Status403Forbidden);
                }

                session = SignInEndpoints.Session(kind, rpps, Name(kind), profession);
                break;
            default:
                if (string.IsNullOrWhiteSpace(subject))
                {
                    return Refused("Votre compte n'a pas pu être établi.", StatusCodes.Status403Forbidden);
                }

                session = SignInEndpoints.Session(kind, subject, Name(kind));
                break;
        }

        await http.SignInAsync(SignInRegistration.SessionScheme, session);
        return Results.Redirect(SignInPages.IsLocal(result.Properties?.RedirectUri) ? result.Properties!.RedirectUri! : "/");
    }

    private static IResult Refused(string message, int status) =>
        SignInPages.Page("Connexion refusée", $"<p class=\"error\">{message}</p><p><a href=\"/{SignInRoutes.SignInPage}\">Recommencer</a></p>", status);
}

internal static partial class ExternalSignInLog
{
    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Sign-in at provider {Provider} failed: {Error} {Description}")]
    public static partial void LogExternalFailure(this Microsoft.Extensions.Logging.ILogger logger, string provider, string error, string description);
}

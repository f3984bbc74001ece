using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Api.SignIn;

/// <summary>
/// Where people start a session at this server before an authorization: the choice of provider (FranceConnect for
/// people, Pro Santé Connect for professionals, the agents' provider for operators) and, in Development only, a test
/// page where a tester picks an INS, an RPPS and profession, or an operator account. The session is a cookie of this
/// server; tokens are issued by the authorization endpoint once it exists.
/// </summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignInPages(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapGet("/" + SignInRoutes.SignInPage, Choose).AllowAnonymous().ExcludeFromDescription();
        routes.MapGet($"/{SignInRoutes.External}/{{provider}}", Challenge).AllowAnonymous().ExcludeFromDescription();
        routes.MapMethods($"/{SignInRoutes.Callback}/{{provider}}", [HttpMethods.Get, HttpMethods.Post], ExternalSignIn.CallbackAsync).AllowAnonymous().ExcludeFromDescription();
        routes.MapGet("/" + SignInRoutes.SignOut, SignOutAsync).AllowAnonymous().ExcludeFromDescription();
        if (SignInSettings.DevelopmentEndpoints(routes.ServiceProvider))
        {
            routes.MapGet("/" + SignInRoutes.DevelopmentPage, DevelopmentForm).AllowAnonymous().ExcludeFromDescription();
            routes.MapPost("/" + SignInRoutes.DevelopmentPage, DevelopmentSignInAsync).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        }

        return routes;
    }

    /// <summary>The session cookie of someone signed in: who (<c>sub</c>), as what (<see cref="SignInClaims.Kind"/>), by which provider.</summary>
    public static ClaimsPrincipal Session(SessionKind kind, string subject, string provider, string? profession = null)
    {
        var identity = new ClaimsIdentity(SignInRegistration.SessionScheme);
        identity.AddClaim(new Claim("sub", subject));
        identity.AddClaim(new Claim(SignInClaims.Kind, kind.ToString()));
        identity.AddClaim(new Claim(SignInClaims.Provider, provider));
        if (profession is not null)
        {
            identity.AddClaim(new Claim(SignInClaims.Profession, profession));
        }

        return new ClaimsPrincipal(identity);
    }

    private static IResult Choose(SessionKind? kind, string? returnUrl, IOptions<SignInSettings> settings, HttpContext http)
    {
        var who = kind ?? SessionKind.Patient;
        var back = SignInPages.IsLocal(returnUrl) ? returnUrl! : "/";
        var (provider, label) = ExternalSignIn.For(settings.Value, who);
        var body = provider is null
            ? "<p class=\"muted\">Aucun fournisseur d'identité n'est configuré pour cette connexion.</p>"
            : $"<p><a class=\"button\" href=\"/{SignInRoutes.External}/{ExternalSignIn.Name(who)}?returnUrl={Uri.EscapeDataString(back)}\">{SignInPages.Text(label)}</a></p>";
        if (SignInSettings.DevelopmentEndpoints(http.RequestServices))
        {
            body += $"<p><a class=\"button\" href=\"/{SignInRoutes.DevelopmentPage}?kind={who}&amp;returnUrl={Uri.EscapeDataString(back)}\">Connexion de test (développement)</a></p>";
        }

        return SignInPages.Page(who switch
        {
            SessionKind.Professional => "Connexion des professionnels de santé",
            SessionKind.Operator => "Connexion des agents",
            _ => "Connexion à Mon espace santé",
        }, body);
    }

    private static IResult Challenge(string provider, string? returnUrl, IOptions<SignInSettings> settings)
    {
        if (!Enum.TryParse<SessionKind>(provider, ignoreCase: true, out var kind) || ExternalSignIn.For(settings.Value, kind).Provider is not { } configured)
        {
            return SignInPages.Page("Connexion impossible", "<p class=\"error\">Ce fournisseur d'identité n'est pas configuré.</p>", StatusCodes.Status404NotFound);
        }

        var properties = new AuthenticationProperties(
            new Dictionary<string, string?>(),
            configured.AcrValues is { } acr ? new Dictionary<string, object?> { ["acr_values"] = acr } : new Dictionary<string, object?>())
        {
            RedirectUri = SignInPages.IsLocal(returnUrl) ? returnUrl : "/",
        };
        return Results.Challenge(properties, [ExternalSignIn.Name(kind)]);
    }

    private static IResult DevelopmentForm(SessionKind? kind, string? returnUrl, HttpContext http, IAntiforgery antiforgery)
    {
        var who = kind ?? SessionKind.Patient;
        var tokens = antiforgery.GetAndStoreTokens(http);
        var fields = who switch
        {
            SessionKind.Professional => """
                <label>Numéro RPPS (11 chiffres) <input type="text" name="rpps" inputmode="numeric" autocomplete="off" required></label>
                <label>Profession (code TRE_G15 : 10 médecin, 21 pharmacien, 60 infirmier…) <input type="text" name="profession" value="10" required></label>
                """,
            SessionKind.Operator => """<label>Compte opérateur <input type="text" name="account" autocomplete="off" required></label>""",
            _ => """<label>Identifiant national de santé (INS, 15 caractères) <input type="text" name="ins" autocomplete="off" required></label>""",
        };
        return SignInPages.Page("Connexion de test (développement)",
            "<p class=\"muted\">Cette page n'existe qu'en développement : elle remplace FranceConnect et Pro Santé Connect.</p>"
            + $"<form method=\"post\" action=\"/{SignInRoutes.DevelopmentPage}\">{SignInPages.Hidden(tokens.FormFieldName, tokens.RequestToken)}"
            + SignInPages.Hidden("kind", who.ToString()) + SignInPages.Hidden("returnUrl", SignInPages.IsLocal(returnUrl) ? returnUrl : "/")
            + fields + "<button type=\"submit\">Se connecter</button></form>");
    }

    private static async Task<IResult> DevelopmentSignInAsync(HttpContext http, IAntiforgery antiforgery)
    {
        await antiforgery.ValidateRequestAsync(http);
        var form = await http.Request.ReadFormAsync();
        var back = SignInPages.IsLocal(form["returnUrl"]) ? form["returnUrl"].ToString() : "/";
        ClaimsPrincipal session;
        switch (Enum.TryParse<SessionKind>(form["kind"], out var kind) ? kind : SessionKind.Patient)
        {
            case SessionKind.Professional:
                var rpps = form["rpps"].ToString().Trim();
                var profession = form["profession"].ToString().Trim();
                if (!ProfessionalIdentifiers.IsRpps(rpps) || !ProfessionalIdentifiers.IsProfession(profession))
                {
                    return SignInPages.Page("Connexion refusée", "<p class=\"error\">Un numéro RPPS a 11 chiffres ; une profession est un code TRE_G15 (des chiffres).</p>", StatusCodes.Status400BadRequest);
                }

                session = Session(SessionKind.Professional, rpps, "development", profession);
                break;
            case SessionKind.Operator:
                var account = form["account"].ToString().Trim();
                if (account.Length is < 1 or > 64)
                {
                    return SignInPages.Page("Connexion refusée", "<p class=\"error\">Un compte opérateur a de 1 à 64 caractères.</p>", StatusCodes.Status400BadRequest);
                }

                session = Session(SessionKind.Operator, account, "development");
                break;
            default:
                if (!Ins.TryParse(form["ins"], out var ins, out var reason))
                {
                    return SignInPages.Page("Connexion refusée", $"<p class=\"error\">INS invalide : {SignInPages.Text(reason)}</p>", StatusCodes.Status400BadRequest);
                }

                session = Session(SessionKind.Patient, ins.Value, "development");
                break;
        }

        await http.SignInAsync(SignInRegistration.SessionScheme, session);
        return Results.Redirect(back);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, string? returnUrl)
    {
        await http.SignOutAsync(SignInRegistration.SessionScheme);
        return Results.Redirect(SignInPages.IsLocal(returnUrl) ? returnUrl! : "/" + SignInRoutes.SignInPage);
    }
}

/// <summary>Who signs in at this server.</summary>
public enum SessionKind
{
    Patient,
    Professional,
    Operator,
}

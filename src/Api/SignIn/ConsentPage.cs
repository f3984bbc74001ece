using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using MonEspaceSante.Interfaces.Catalogue;
using MonEspaceSante.Interfaces.Consents;
using OpenIddict.Abstractions;

namespace MonEspaceSante.Api.SignIn;

/// <summary>
/// The pairing page: the app's name and editor from the catalogue, each right it may be given (checked, the person may
/// untick), and what it asked for that it cannot have. The form posts the authorization request back with the choice.
/// </summary>
public static class ConsentPage
{
    public const string DecisionField = "decision";
    public const string GrantField = "grant";
    public const string Accept = "accept";
    public const string Refuse = "refuse";

    private static readonly Dictionary<string, string> MeasureNames = new(StringComparer.Ordinal)
    {
        ["body-weight"] = "poids",
        ["body-height"] = "taille",
        ["bmi"] = "indice de masse corporelle",
        ["steps"] = "nombre de pas",
        ["body-temperature"] = "température",
        ["heart-rate"] = "fréquence cardiaque",
        ["blood-pressure"] = "tension artérielle",
        ["oxygen-saturation"] = "saturation en oxygène",
        ["glucose"] = "glycémie",
        ["hba1c"] = "hémoglobine glyquée (HbA1c)",
    };

    /// <summary>A consent scope in words a person reads.</summary>
    public static string Describe(string consentScope)
    {
        ArgumentNullException.ThrowIfNull(consentScope);
        var separator = consentScope.IndexOf(':', StringComparison.Ordinal);
        var measure = separator > 0 ? MeasureNames.GetValueOrDefault(consentScope[(separator + 1)..], consentScope[(separator + 1)..]) : null;
        return consentScope switch
        {
            Scopes.ReadDocuments => "Lire vos documents",
            Scopes.WriteDocuments => "Ajouter des documents à votre espace",
            Scopes.WriteAgenda => "Ajouter des rendez-vous à votre agenda",
            _ when consentScope.StartsWith("measurements.write:", StringComparison.Ordinal) => $"Enregistrer vos mesures : {measure}",
            _ when consentScope.StartsWith("measurements.read:", StringComparison.Ordinal) => $"Lire vos mesures : {measure}",
            _ => consentScope,
        };
    }

    public static IResult Render(HttpContext http, IAntiforgery antiforgery, OpenIddictRequest request, CatalogueApp app, IReadOnlyList<string> grantable, IReadOnlyList<string> notGranted)
    {
        ArgumentNullException.ThrowIfNull(app);
        var body = new StringBuilder()
            .Append("<p><strong>").Append(SignInPages.Text(app.Name)).Append("</strong>, de ").Append(SignInPages.Text(app.Editor))
            .Append(", demande à accéder à votre espace santé.</p>");
        body.Append(Form(http, antiforgery, request));
        if (grantable.Count > 0)
        {
            body.Append("<fieldset><legend>Vous pouvez l'autoriser à :</legend>");
            foreach (var scope in grantable)
            {
                body.Append("<label><input type=\"checkbox\" name=\"").Append(GrantField).Append("\" value=\"").Append(SignInPages.Text(scope))
                    .Append("\" checked> ").Append(SignInPages.Text(Describe(scope))).Append("</label>");
            }

            body.Append("</fieldset>");
        }
        else
        {
            body.Append("<p class=\"error\">Cette application ne demande rien que le catalogue lui permette.</p>");
        }

        if (notGranted.Count > 0)
        {
            body.Append("<p class=\"muted\">Demandé mais non accordé (le catalogue ne le permet pas à cette application) : ")
                .Append(string.Join(", ", notGranted.Select(SignInPages.Text))).Append(".</p>");
        }

        body.Append("<p class=\"muted\">Vous pourrez retirer cet accès à tout moment dans vos applications connectées.</p>");
        if (grantable.Count > 0)
        {
            body.Append("<button type=\"submit\" name=\"").Append(DecisionField).Append("\" value=\"").Append(Accept).Append("\">Autoriser</button>");
        }

        body.Append("<button type=\"submit\" class=\"secondary\" name=\"").Append(DecisionField).Append("\" value=\"").Append(Refuse).Append("\">Refuser</button></form>");
        return SignInPages.Page("Connecter une application", body.ToString());
    }

    /// <summary>The person accepted, but their space is not open: nothing is connected; they go back to the app with a refusal.</summary>
    public static IResult SpaceNotOpen(HttpContext http, IAntiforgery antiforgery, OpenIddictRequest request) => SignInPages.Page(
        "Votre espace n'est pas ouvert",
        "<p>Une application ne peut être connectée qu'à un espace santé ouvert. Ouvrez votre espace, puis recommencez depuis l'application.</p>"
        + Form(http, antiforgery, request)
        + $"<button type=\"submit\" name=\"{DecisionField}\" value=\"{Refuse}\">Retourner à l'application</button></form>",
        StatusCodes.Status409Conflict);

    /// <summary>The opening of the form that posts the authorization request back, every parameter of it kept.</summary>
    private static string Form(HttpContext http, IAntiforgery antiforgery, OpenIddictRequest request)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var form = new StringBuilder("<form method=\"post\" action=\"/").Append(SignInRoutes.Authorize).Append("\">")
            .Append(SignInPages.Hidden(tokens.FormFieldName, tokens.RequestToken));
        foreach (var parameter in request.GetParameters().Where(p => p.Key is not (DecisionField or GrantField) && !p.Key.StartsWith("__", StringComparison.Ordinal)))
        {
            form.Append(SignInPages.Hidden(parameter.Key, parameter.Value.ToString()));
        }

        return form.ToString();
    }
}

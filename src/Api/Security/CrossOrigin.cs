using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MonEspaceSante.Api.SignIn;

namespace MonEspaceSante.Api.Security;

/// <summary>
/// Cross-origin calls from browser frontends served elsewhere than this host (a web frontend on its own domain, a
/// mobile app's web view): the origins of our own browser clients' redirect URIs (<c>SignIn:Clients</c> of kind
/// <c>Frontend</c> or <c>OperatorConsole</c>) and those listed in <c>Cors:Origins</c>. Bearer tokens only: no
/// credentials are allowed across origins, so this server's session cookie is never usable from another origin. The
/// web app served here is same-origin and needs none of it.
/// </summary>
public static class CrossOrigin
{
    public const string Section = "Cors";

    /// <summary>What a frontend sends besides the simple headers: its token, FHIR's conditions and preferences, a representative's choice.</summary>
    private static readonly string[] RequestHeaders =
    [
        "Authorization", "Content-Type", "Accept", "Prefer", "If-Match", "If-None-Match", Fhir.FhirConditions.Header, "Last-Event-ID",
        Caller.ActForHeader, Caller.AccessModeHeader, Caller.CareRelationshipHeader,
    ];

    /// <summary>What a frontend reads of an answer besides the simple headers.</summary>
    private static readonly string[] ResponseHeaders = ["Location", "Content-Location", "ETag", "Last-Modified", "Retry-After", "Content-Disposition", "WWW-Authenticate"];

    public static IHostApplicationBuilder AddMesCrossOrigin(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var signIn = builder.Configuration.GetSection(SignInSettings.Section).Get<SignInSettings>() ?? new SignInSettings();
        var listed = builder.Configuration.GetSection($"{Section}:Origins").Get<List<string>>() ?? [];
        var origins = Origins(signIn, listed, builder.Environment.IsDevelopment());
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins([.. origins])
            .WithMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders(RequestHeaders)
            .WithExposedHeaders(ResponseHeaders)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return builder;
    }

    /// <summary>
    /// The allowed origins: each listed one checked (an origin only, https outside Development; a start with a bad one
    /// fails naming it), then those of the browser clients' http(s) redirect URIs (a mobile app's own scheme is no origin).
    /// </summary>
    public static IReadOnlyList<string> Origins(SignInSettings signIn, IReadOnlyList<string> listed, bool development)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(listed);
        var problems = new List<string>();
        var origins = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < listed.Count; i++)
        {
            if (!Uri.TryCreate(listed[i], UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
                || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || listed[i].Contains('*', StringComparison.Ordinal))
            {
                problems.Add($"{Section}:Origins:{i} ('{listed[i]}') must be an origin, scheme://host[:port], without path or wildcard.");
            }
            else if (!development && uri.Scheme != Uri.UriSchemeHttps)
            {
                problems.Add($"{Section}:Origins:{i} ('{listed[i]}') must be https outside Development.");
            }
            else
            {
                origins.Add(uri.GetLeftPart(UriPartial.Authority));
            }
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(Section, typeof(SignInSettings), problems);
        }

        foreach (var redirect in signIn.Clients.Where(c => c.Kind is ClientKind.Frontend or ClientKind.OperatorConsole).SelectMany(c => c.RedirectUris))
        {
            if (redirect.IsAbsoluteUri && redirect.Scheme is "https" or "http")
            {
                origins.Add(redirect.GetLeftPart(UriPartial.Authority));
            }
        }

        return [.. origins];
    }
}

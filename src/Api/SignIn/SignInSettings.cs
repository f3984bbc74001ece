using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MonEspaceSante.Api.SignIn;

/// <summary>
/// The authorization server (section <c>SignIn</c>, docs/security.md). Outside Development every key and provider
/// is required, and the start fails naming what is missing (<see cref="SafeStart"/>).
/// </summary>
public sealed class SignInSettings
{
    public const string Section = "SignIn";

    /// <summary>The public base URL of the service (<c>https://…/</c>): the tokens' <c>iss</c> and the base of every absolute URL.</summary>
    public Uri? Issuer { get; set; }

    /// <summary>Signing keys (PEM: RSA for RS256, the default and the cheaper to check, or EC P-256 for ES256), the first one signs: list the next key second to publish it before it signs, the previous one last until its tokens expired.</summary>
    public List<SigningKeySetting> SigningKeys { get; set; } = [];

    /// <summary>The 256-bit key (base64) that encrypts authorization codes and refresh tokens; shared by every node.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>A file holding <see cref="EncryptionKey"/> instead (a mounted secret).</summary>
    public string? EncryptionKeyFile { get; set; }

    /// <summary>Development only: where the generated keys are kept between runs (default: the user's local application data).</summary>
    public string? DevelopmentKeysFile { get; set; }

    /// <summary>
    /// The development endpoints: the built-in sign-in page, where a tester picks an INS, an RPPS or an operator account,
    /// and <c>POST /dev/token</c>. On by default in Development (false turns them off there too); they never exist in
    /// another environment, and a start elsewhere with this set to true fails.
    /// </summary>
    public bool? DevelopmentSignIn { get; set; }

    /// <summary>Whether this process maps the development endpoints (<see cref="DevelopmentSignIn"/>).</summary>
    public static bool DevelopmentEndpoints(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetService(typeof(IHostEnvironment)) is IHostEnvironment environment && environment.IsDevelopment()
            && (services.GetService(typeof(IOptions<SignInSettings>)) as IOptions<SignInSettings>)?.Value.DevelopmentSignIn != false;
    }

    /// <summary>Lifetime of access tokens.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lifetime of refresh tokens (rotated at each use; a reused one revokes its whole grant).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long a refresh token already used may be used again (two requests of an app racing); after it, a reuse revokes the whole grant.</summary>
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How people sign in: FranceConnect in production (its claims give identity; <see cref="ExternalProvider.SubjectClaim"/> names the one that carries the INS).</summary>
    public ExternalProvider? Patients { get; set; }

    /// <summary>How professionals sign in: Pro Santé Connect in production (RPPS and TRE_G15 profession from its claims).</summary>
    public ExternalProvider? Professionals { get; set; }

    /// <summary>How operators' agents sign in to the dashboard.</summary>
    public ExternalProvider? Operators { get; set; }

    /// <summary>First-party and national clients (the web frontend, mobile apps, operators' systems); referenced apps register through the catalogue.</summary>
    public List<ClientSetting> Clients { get; set; } = [];
}

/// <summary>A signing key: its key id (<c>kid</c>) and its private key as PEM text or in a file.</summary>
public sealed class SigningKeySetting
{
    public string? KeyId { get; set; }

    public string? Pem { get; set; }

    public string? PemFile { get; set; }
}

/// <summary>An external OpenID Connect provider this server is a relying party of.</summary>
public sealed class ExternalProvider
{
    /// <summary>Its issuer (discovery at <c>{Issuer}/.well-known/openid-configuration</c>).</summary>
    public Uri? Issuer { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The level of assurance asked (<c>eidas1</c> for FranceConnect and Pro Santé Connect); a sign-in at another level is refused.</summary>
    public string? AcrValues { get; set; } = "eidas1";

    public List<string> Scopes { get; set; } = ["openid"];

    /// <summary>
    /// The claim that yields the local subject: the INS for patients (validated, key included, or the sign-in is refused),
    /// the RPPS for professionals (Pro Santé Connect's <c>SubjectNameID</c> carries a type digit then the 11 digits),
    /// the account for operators.
    /// </summary>
    public string SubjectClaim { get; set; } = "sub";

    /// <summary>Professionals: the claim carrying the TRE_G15 profession code.</summary>
    public string? ProfessionClaim { get; set; }

    /// <summary>For tests and rehearsals against a provider on http (never in Production).</summary>
    public bool AllowHttp { get; set; }
}

/// <summary>A client registered from configuration.</summary>
public sealed class ClientSetting
{
    public string? ClientId { get; set; }

    /// <summary><c>Frontend</c> (a patient web or mobile frontend, public with PKCE), <c>Professional</c> (professionals' software), <c>Operator</c> (client credentials) or <c>OperatorConsole</c> (operators' agents in a browser, public with PKCE).</summary>
    public ClientKind Kind { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>A confidential client's secret (operators); public clients have none and use PKCE.</summary>
    public string? Secret { get; set; }

    public List<Uri> RedirectUris { get; set; } = [];

    public List<Uri> PostLogoutRedirectUris { get; set; } = [];

    /// <summary>Operators and operators' consoles: the capability scopes it may ask for (<c>mes.waves</c>, <c>mes.waves.read</c>, <c>mes.notices</c>…).</summary>
    public List<string> Scopes { get; set; } = [];
}

/// <summary>Who a client acts for: it decides who signs in at its authorization requests and what its tokens carry.</summary>
public enum ClientKind
{
    /// <summary>A patient frontend (web, mobile): the person signs in; tokens act as the person.</summary>
    Frontend,

    /// <summary>A referenced app (catalogue): the person signs in and consents; tokens act as the app, bound to the person.</summary>
    App,

    /// <summary>Professionals' software: a professional signs in.</summary>
    Professional,

    /// <summary>An operator's system (client credentials), with a scope per capability.</summary>
    Operator,

    /// <summary>
    /// An operators' web console (public, code flow with PKCE): an operator's agent signs in at the agents' provider;
    /// tokens act as the operator with the capability scopes the client is given (read-only ones, <c>mes.waves.read</c>).
    /// </summary>
    OperatorConsole,
}

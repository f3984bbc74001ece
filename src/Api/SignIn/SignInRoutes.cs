namespace MonEspaceSante.Api.SignIn;

/// <summary>The routes of the authorization server, relative to the host (OpenIddict takes them without a leading slash).</summary>
public static class SignInRoutes
{
    public const string Authorize = "connect/authorize";
    public const string Token = "connect/token";
    public const string Introspect = "connect/introspect";
    public const string Revoke = "connect/revoke";
    public const string EndSession = "connect/endsession";
    public const string UserInfo = "connect/userinfo";
    public const string Jwks = ".well-known/jwks";
    public const string OpenIdConfiguration = ".well-known/openid-configuration";
    public const string SmartConfiguration = ".well-known/smart-configuration";
    public const string FhirSmartConfiguration = "fhir/.well-known/smart-configuration";

    /// <summary>Where a person without a session is sent: the choice of provider (and, in Development, the test page).</summary>
    public const string SignInPage = "signin";

    /// <summary>Development only: pick an INS, an RPPS or an operator account.</summary>
    public const string DevelopmentPage = "signin/dev";

    /// <summary>Starts the code flow at an external provider: <c>signin/external/{patients|professionals|operators}</c>.</summary>
    public const string External = "signin/external";

    /// <summary>Where the external providers send people back: <c>signin/callback/{provider}</c>.</summary>
    public const string Callback = "signin/callback";

    /// <summary>Ends the session at this server (and then at the provider).</summary>
    public const string SignOut = "signin/out";
}

/// <summary>The claims our tokens carry besides <c>sub</c> and <c>scope</c>.</summary>
public static class SignInClaims
{
    /// <summary>patient, professional, app or operator (MesRoles).</summary>
    public const string Role = "role";

    /// <summary>The INS of the person an app's token is bound to (SMART launch context).</summary>
    public const string Patient = "patient";

    /// <summary>The FHIR resource of the signed-in user (<c>Patient/{ins}</c>, <c>Practitioner/{rpps}</c>).</summary>
    public const string FhirUser = "fhirUser";

    /// <summary>A professional's TRE_G15 profession code.</summary>
    public const string Profession = "profession";

    /// <summary>In the session cookie: who signed in (patient, professional, operator).</summary>
    public const string Kind = "mes_kind";

    /// <summary>In the session cookie: the provider that authenticated the person.</summary>
    public const string Provider = "mes_provider";
}

/// <summary>The operators' capability scopes (client credentials), one per capability.</summary>
public static class OperatorScopes
{
    public const string Waves = "mes.waves";

    /// <summary>Reading waves and their progress only (the operators' page); <see cref="Waves"/> includes it.</summary>
    public const string WavesRead = "mes.waves.read";
    public const string Notices = "mes.notices";
    public const string Catalogue = "mes.catalogue";
    public const string Representatives = "mes.representatives";
    public const string Streams = "mes.streams";

    public static readonly IReadOnlyList<string> All = [Waves, WavesRead, Notices, Catalogue, Representatives, Streams];

    /// <summary>The scopes that give <paramref name="scope"/>: itself, and the full capability for a read-only one.</summary>
    public static IReadOnlyList<string> Giving(string scope) => scope == WavesRead ? [WavesRead, Waves] : [scope];
}

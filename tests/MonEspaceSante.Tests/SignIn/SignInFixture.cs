using System.Net;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.SignIn;

/// <summary>
/// The application on a real socket (Kestrel on 127.0.0.1), with three real OpenID Connect providers started by the test
/// for people, professionals and operators' agents, and an app of the catalogue registered as a client with a redirect URI; sign-ins go
/// through the whole code flow, as a browser would follow it.
/// </summary>
public sealed class SignInFixture : IAsyncLifetime
{
    /// <summary>A catalogue app allowed glucose (write and read) and documents.read, nothing else.</summary>
    public const string PairedApp = "glyco-pair";

    /// <summary>A catalogue app a test withdraws.</summary>
    public const string WithdrawnApp = "soon-withdrawn";

    /// <summary>Nobody listens there: the test reads the code from the redirect itself.</summary>
    public const string RedirectUri = "http://127.0.0.1:9/callback";

    public UpstreamProvider People { get; private set; } = null!;

    public UpstreamProvider Professionals { get; private set; } = null!;

    /// <summary>The operators' agents' provider (the operators' console signs agents in there).</summary>
    public UpstreamProvider Agents { get; private set; } = null!;

    public ApiFactory App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public string FhirBase => new Uri(BaseAddress, "fhir").AbsoluteUri;

    public async Task InitializeAsync()
    {
        People = await UpstreamProvider.StartAsync();
        Professionals = await UpstreamProvider.StartAsync();
        Agents = await UpstreamProvider.StartAsync();
        var port = FreePorts.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        App = new ApiFactory { Issuer = BaseAddress.ToString(), Settings = Settings() };
        App.UseKestrel(port);
        App.StartServer();
    }

    /// <summary>A browser: its own cookies, and every redirect left for the test to follow (or not).</summary>
    public HttpClient Browser() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = BaseAddress,
    };

    private Dictionary<string, string> Settings()
    {
        var settings = new Dictionary<string, string>
        {
            ["SignIn:Patients:Issuer"] = People.Issuer.ToString(),
            ["SignIn:Patients:ClientId"] = UpstreamProvider.ClientId,
            ["SignIn:Patients:ClientSecret"] = UpstreamProvider.ClientSecret,
            ["SignIn:Patients:SubjectClaim"] = "ins",
            ["SignIn:Patients:AllowHttp"] = "true",
            ["SignIn:Professionals:Issuer"] = Professionals.Issuer.ToString(),
            ["SignIn:Professionals:ClientId"] = UpstreamProvider.ClientId,
            ["SignIn:Professionals:ClientSecret"] = UpstreamProvider.ClientSecret,
            ["SignIn:Professionals:SubjectClaim"] = "SubjectNameID",
            ["SignIn:Professionals:ProfessionClaim"] = "SubjectRole",
            ["SignIn:Professionals:AllowHttp"] = "true",
            ["SignIn:Operators:Issuer"] = Agents.Issuer.ToString(),
            ["SignIn:Operators:ClientId"] = UpstreamProvider.ClientId,
            ["SignIn:Operators:ClientSecret"] = UpstreamProvider.ClientSecret,
            ["SignIn:Operators:SubjectClaim"] = "agent",
            ["SignIn:Operators:AllowHttp"] = "true",
            ["SignIn:RefreshTokenReuseLeeway"] = "00:00:00",
            ["SignIn:Clients:13:ClientId"] = "ops-console",
            ["SignIn:Clients:13:Kind"] = "OperatorConsole",
            ["SignIn:Clients:13:RedirectUris:0"] = RedirectUri,
            ["SignIn:Clients:13:Scopes:0"] = "mes.waves.read",
            ["SignIn:Clients:12:ClientId"] = "web-frontend",
            ["SignIn:Clients:12:Kind"] = "Frontend",
            ["SignIn:Clients:12:RedirectUris:0"] = RedirectUri,
            ["SignIn:Clients:12:PostLogoutRedirectUris:0"] = RedirectUri,
            ["HealthSpace:Catalogue:Seed:21:AppId"] = WithdrawnApp,
            ["HealthSpace:Catalogue:Seed:21:Name"] = "Bientôt retirée",
            ["HealthSpace:Catalogue:Seed:21:Editor"] = "Exemple SAS",
            ["HealthSpace:Catalogue:Seed:21:Scopes:0"] = "measurements.write:glucose",
            ["HealthSpace:Catalogue:Seed:21:RedirectUris:0"] = RedirectUri,
            ["SignIn:Clients:10:ClientId"] = "ops-system",
            ["SignIn:Clients:10:Kind"] = "Operator",
            ["SignIn:Clients:10:Secret"] = "ops-secret",
            ["SignIn:Clients:10:Scopes:0"] = "mes.waves",
            ["SignIn:Clients:11:ClientId"] = "pro-software",
            ["SignIn:Clients:11:Kind"] = "Professional",
            ["SignIn:Clients:11:RedirectUris:0"] = RedirectUri,
            ["HealthSpace:Catalogue:Seed:20:AppId"] = PairedApp,
            ["HealthSpace:Catalogue:Seed:20:Name"] = "Glyco Pair",
            ["HealthSpace:Catalogue:Seed:20:Editor"] = "Exemple SAS",
            ["HealthSpace:Catalogue:Seed:20:Scopes:0"] = "measurements.write:glucose",
            ["HealthSpace:Catalogue:Seed:20:Scopes:1"] = "measurements.read:glucose",
            ["HealthSpace:Catalogue:Seed:20:Scopes:2"] = "documents.read",
            ["HealthSpace:Catalogue:Seed:20:RedirectUris:0"] = RedirectUri,
        };
        return settings;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await People.DisposeAsync();
        await Professionals.DisposeAsync();
        await Agents.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SignInCollection : ICollectionFixture<SignInFixture>
{
    public const string Name = "sign-in";
}

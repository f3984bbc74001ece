using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Grains;

namespace MonEspaceSante.Tests.Infrastructure;

/// <summary>
/// The real application (silo + API in one process) in memory, on free Orleans ports, with a fake
/// domain clock. Optionally on PostgreSQL, through the same connection-string switch as production.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly int siloPort = FreePorts.Next();
    private readonly int gatewayPort = FreePorts.Next();

    /// <summary>Apps the catalogue references at start in tests, each with every scope.</summary>
    public static readonly string[] TestApps = ["glyco", "app-glyco", "writer", "coach", "other", "scale", "cgm", "agenda-app", "docs-app", "reader-app"];

    public ApiFactory()
    {
        // A test sees each answer as it is: a redirect (to the sign-in page, say) is an answer, not something to follow.
        ClientOptions.AllowAutoRedirect = false;
    }

    public FakeTimeProvider Clock { get; } = new(PostgresClusterFixture.Start);

    /// <summary>Set before first use to run on PostgreSQL.</summary>
    public string? PostgresConnectionString { get; init; }

    public string Environment { get; init; } = "Development";

    /// <summary>The authorization server's issuer: the test server's base address.</summary>
    public string Issuer { get; init; } = "http://localhost/";

    /// <summary>The signing keys (PEM), the first one signing; none leaves the server without key material.</summary>
    public IReadOnlyList<string> SigningKeys { get; init; } = [TestKeys.SigningA];

    /// <summary>Extra configuration, applied last.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Orleans:SiloPort", siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:ClusterId", $"test-{Guid.NewGuid():N}");
        builder.UseSetting("SignIn:Issuer", Issuer);
        foreach (var (key, value) in TestKeys.Settings([.. SigningKeys]))
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Mes:InsHashKey", "test-ins-hash-key");

        // The outbox stays whole for the export, as the tests of waves and notices read it; the delivery tests turn the
        // dispatcher on towards their own SMTP server.
        builder.UseSetting("Notices:Delivery:Enabled", "false");

        // Tests send bursts from one address and a few callers (the authorization matrix alone sends 1,122 requests
        // in two seconds): the limits are raised here so that a test of something else never meets them;
        // RateLimitTests runs with small limits of every kind.
        foreach (var (limit, value) in new[]
        {
            ("SignInPerMinute", "100000"), ("ReadsPerSecond", "100000"), ("ReadBurst", "100000"), ("ProfessionalReadsPerSecond", "100000"),
            ("ProfessionalReadBurst", "100000"), ("WritesPerSecond", "100000"), ("WriteBurst", "100000"),
        })
        {
            builder.UseSetting($"RateLimits:{limit}", value);
        }
        if (PostgresConnectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:Postgres", PostgresConnectionString);

            // The tests' applications share one server: 4 stream queues (as the cluster fixtures) keep
            // each application's pool small, where the default 16 would poll with up to 16 connections.
            builder.UseSetting("Streams:Postgres:QueueCount", "4");
        }
        else
        {
            // Embedded mode keeps our own tables in PostgreSQL too: a database of the test server.
            builder.UseSetting("ConnectionStrings:Tables", PostgresServer.GetAsync().GetAwaiter().GetResult().CreateDatabaseAsync("embedded").GetAwaiter().GetResult());
        }

        // Test apps referenced in the catalogue with every scope; tests narrow what people grant them.
        for (var i = 0; i < TestApps.Length; i++)
        {
            builder.UseSetting($"HealthSpace:Catalogue:Seed:{i}:AppId", TestApps[i]);
            builder.UseSetting($"HealthSpace:Catalogue:Seed:{i}:Name", $"Test app {TestApps[i]}");
            builder.UseSetting($"HealthSpace:Catalogue:Seed:{i}:Editor", "Test editor");
            var scopes = MonEspaceSante.Interfaces.Consents.Scopes.Known.Order(StringComparer.Ordinal).ToArray();
            for (var j = 0; j < scopes.Length; j++)
            {
                builder.UseSetting($"HealthSpace:Catalogue:Seed:{i}:Scopes:{j}", scopes[j]);
            }
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.UseDomainClock(Clock));
    }

    /// <summary>A client carrying a token for <paramref name="role"/> and <paramref name="subject"/>.</summary>
    public HttpClient ClientFor(string role, string subject)
    {
        var client = CreateClient();
        var (token, _) = Services.GetRequiredService<TokenIssuer>().Issue(role, subject);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// A client for a professional (RPPS <paramref name="rpps"/>, TRE_G15 <paramref name="profession"/>), invoking
    /// <paramref name="mode"/> (<c>emergency</c> or <c>break-glass</c>) when given. Like professionals' software once the
    /// person agreed, it declares the care relationship on every request unless <paramref name="declaresCare"/> is false.
    /// </summary>
    public HttpClient ProfessionalClient(string rpps, string profession = "10", string? mode = null, bool declaresCare = true)
    {
        var client = CreateClient();
        var (token, _) = Services.GetRequiredService<TokenIssuer>().Issue(MesRoles.Professional, rpps, profession: profession);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (declaresCare && mode is null)
        {
            client.DefaultRequestHeaders.Add(Caller.CareRelationshipHeader, Caller.CareDeclared);
        }

        if (mode is not null)
        {
            client.DefaultRequestHeaders.Add(Caller.AccessModeHeader, mode);
        }

        return client;
    }

    /// <summary>A client for <paramref name="representative"/> acting in the space of the minor <paramref name="minor"/>.</summary>
    public HttpClient RepresentativeClient(MonEspaceSante.Interfaces.Identity.Ins representative, MonEspaceSante.Interfaces.Identity.Ins minor)
    {
        var client = PatientClient(representative);
        client.DefaultRequestHeaders.Add(Caller.ActForHeader, minor.Value);
        return client;
    }

    /// <summary>A client for the holder of <paramref name="ins"/>.</summary>
    public HttpClient PatientClient(MonEspaceSante.Interfaces.Identity.Ins ins) => ClientFor(MesRoles.Patient, ins.Value);

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();
}

public static class HttpAssertions
{
    public static async Task<T> ReadAsAsync<T>(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return (await response.Content.ReadFromJsonAsync<T>(Json.Options))!;
    }
}

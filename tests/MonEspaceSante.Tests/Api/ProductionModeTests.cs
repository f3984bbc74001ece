using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MonEspaceSante.Api.SignIn;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Api;

/// <summary>A Production start with everything it asks for: keys of its own, an https issuer, both sign-in providers.</summary>
public sealed class ProductionApiFixture : ApiFactory
{
    public ProductionApiFixture()
        : base()
    {
        Environment = "Production";
        // Production keeps everything in PostgreSQL: it refuses to start on memory storage.
        PostgresConnectionString = PostgresServer.GetAsync().GetAwaiter().GetResult().CreateDatabaseAsync("production").GetAwaiter().GetResult();
        Issuer = "https://mes.example/";
        SigningKeys = [SignInKeys.Generate().SigningPem];
        Settings = ProductionSettings.Safe();
    }
}

/// <summary>What a safe Production configuration sets besides the keys.</summary>
public static class ProductionSettings
{
    public static Dictionary<string, string> Safe() => new(ClusterCertificates.Cluster.Settings())
    {
        ["AllowedHosts"] = "localhost;mes.example",
        ["SignIn:Patients:Issuer"] = "https://franceconnect.example/api/v2",
        ["SignIn:Patients:ClientId"] = "mes",
        ["SignIn:Patients:ClientSecret"] = "a-secret-of-the-deployment",
        ["SignIn:Professionals:Issuer"] = "https://psc.example/",
        ["SignIn:Professionals:ClientId"] = "mes",
        ["SignIn:Professionals:ClientSecret"] = "another-secret-of-the-deployment",
    };
}

public sealed class ProductionModeTests(ProductionApiFixture api) : IClassFixture<ProductionApiFixture>
{
    [Theory]
    [InlineData("POST", "/dev/token")]
    [InlineData("GET", "/signin/dev")]
    public async Task Development_endpoints_do_not_exist_in_production(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { role = "operator", subject = "me" }) : null };

        var response = await api.CreateClient().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_token_signed_with_the_deployment_key_but_without_an_entry_is_refused()
    {
        // Only someone holding the private key mints such a token: it would escape revocation, so Production wants the row.
        var (token, _) = api.Services.GetRequiredService<MonEspaceSante.Api.Security.TokenIssuer>().Issue("patient", "1850599123456123456789");
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/v1/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"").And.Contain("no entry");
    }

    [Fact]
    public async Task An_answer_over_https_carries_HSTS_and_a_request_for_another_host_is_refused()
    {
        var client = api.CreateClient();
        // The deployment's host (HSTS is never sent for localhost, which a browser would then pin).
        client.BaseAddress = new Uri("https://mes.example/");
        using var other = new HttpRequestMessage(HttpMethod.Get, "/fhir/metadata");
        other.Headers.Host = "evil.example";

        using var metadata = await client.GetAsync("/fhir/metadata");
        using var refused = await client.SendAsync(other);

        metadata.StatusCode.Should().Be(HttpStatusCode.OK);
        metadata.Headers.GetValues("Strict-Transport-Security").Single().Should().Contain("max-age=31536000").And.Contain("includeSubDomains");
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, "AllowedHosts names the deployment's hosts only");
    }

    [Fact]
    public async Task Discovery_names_the_https_issuer_of_the_deployment()
    {
        var client = api.CreateClient();
        client.BaseAddress = new Uri("https://localhost/");

        var discovery = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/.well-known/openid-configuration");

        discovery.GetProperty("issuer").GetString().Should().Be("https://mes.example/");
    }
}

/// <summary>Each unsafe setting stops a Production start, with a message naming it.</summary>
public sealed class UnsafeProductionStartTests
{
    public static TheoryData<string, string> Unsafe => new()
    {
        { "no key material", "SignIn:SigningKeys" },
        { "the repository's keys", "written in this repository" },
        { "the development sign-in", "SignIn:DevelopmentSignIn" },
        { "no sign-in provider", "SignIn:Patients" },
        { "an operators' console without the agents' provider", "SignIn:Operators" },
        { "an http issuer", "SignIn:Issuer" },
        { "the old shared key", "Auth:SigningKey" },
        { "any host name", "AllowedHosts" },
        { "a proxy that is no address", "Network:KnownProxies:0" },
        { "cluster ports without TLS", "Orleans:Tls:CertificateFile" },
    };

    [Theory]
    [MemberData(nameof(Unsafe))]
    public async Task A_production_start_refuses(string what, string named)
    {
        var settings = ProductionSettings.Safe();
        IReadOnlyList<string> keys = [SignInKeys.Generate().SigningPem];
        var issuer = "https://mes.example/";
        switch (what)
        {
            case "no key material": keys = []; break;
            case "the repository's keys": keys = [TestKeys.SigningA]; break;
            case "the development sign-in": settings["SignIn:DevelopmentSignIn"] = "true"; break;
            case "no sign-in provider": settings.Remove("SignIn:Patients:ClientSecret"); break;
            case "an operators' console without the agents' provider":
                settings["SignIn:Clients:0:ClientId"] = "ops-console";
                settings["SignIn:Clients:0:Kind"] = "OperatorConsole";
                settings["SignIn:Clients:0:RedirectUris:0"] = "https://mes.example/operators";
                break;
            case "an http issuer": issuer = "http://mes.example/"; break;
            case "any host name": settings["AllowedHosts"] = "*"; break;
            case "a proxy that is no address": settings["Network:KnownProxies:0"] = "proxy.example"; break;
            case "cluster ports without TLS": settings.Remove("Orleans:Tls:CertificateFile"); break;
            default: settings["Auth:SigningKey"] = "an-hmac-key-of-earlier-versions-0123456789"; break;
        }

        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("unsafe");
        await using var app = new ApiFactory { Environment = "Production", PostgresConnectionString = database, Issuer = issuer, SigningKeys = keys, Settings = settings };

        var start = () => app.CreateClient();

        var failure = start.Should().Throw<Exception>().Which;
        var validation = failure as OptionsValidationException ?? failure.InnerException as OptionsValidationException;
        validation.Should().NotBeNull($"the start fails on a setting, not on something else: {failure}");
        validation!.Message.Should().Contain(named);
    }
}

/// <summary>A Development process can turn the development endpoints off (a shared demonstration, for example).</summary>
public sealed class DevelopmentEndpointsOffTests
{
    [Theory]
    [InlineData("POST", "/dev/token")]
    [InlineData("GET", "/signin/dev")]
    public async Task With_DevelopmentSignIn_false_they_do_not_exist(string method, string path)
    {
        await using var app = new ApiFactory { Settings = new Dictionary<string, string> { ["SignIn:DevelopmentSignIn"] = "false" } };
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { role = "patient", subject = "me" }) : null };

        var response = await app.CreateClient().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await app.CreateClient().GetStringAsync("/signin")).Should().NotContain("/signin/dev", "the sign-in page offers no test sign-in");
    }
}

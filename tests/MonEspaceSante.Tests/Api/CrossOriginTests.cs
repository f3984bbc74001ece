using System.Net;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Api.SignIn;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Api;

/// <summary>The application with one frontend origin listed in <c>Cors:Origins</c>, besides those of its browser clients.</summary>
public sealed class CrossOriginFixture : ApiFactory
{
    public const string Frontend = "https://frontend.example";

    public CrossOriginFixture()
    {
        Settings = new Dictionary<string, string> { ["Cors:Origins:0"] = Frontend };
    }
}

/// <summary>Browser frontends on other origins: what a preflight and an answer carry, for an origin allowed or not.</summary>
public sealed class CrossOriginTests(CrossOriginFixture api) : IClassFixture<CrossOriginFixture>
{
    [Theory]
    [InlineData(CrossOriginFixture.Frontend, "listed in Cors:Origins")]
    [InlineData("http://localhost:5173", "the origin of mes-web's Development redirect URI")]
    public async Task A_preflight_from_an_allowed_origin_allows_the_token_and_the_methods_but_no_credentials(string origin, string why)
    {
        using var preflight = Preflight(origin, "POST", "authorization, content-type, x-act-for");

        var response = await api.CreateClient().SendAsync(preflight);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent, why);
        response.Headers.GetValues("Access-Control-Allow-Origin").Single().Should().Be(origin);
        string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant().Should().Contain("authorization").And.Contain("x-act-for");
        string.Join(',', response.Headers.GetValues("Access-Control-Allow-Methods")).Should().Contain("POST");
        response.Headers.Contains("Access-Control-Allow-Credentials").Should().BeFalse("cookies never cross origins");
    }

    [Fact]
    public async Task Another_origin_is_not_allowed()
    {
        using var preflight = Preflight("https://evil.example", "GET", "authorization");
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        read.Headers.Add("Origin", "https://evil.example");

        var preflightAnswer = await api.CreateClient().SendAsync(preflight);
        var readAnswer = await api.PatientClient(TestIns.Next()).SendAsync(read);

        preflightAnswer.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
        readAnswer.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse("the browser then hides the answer from that page");
    }

    [Theory]
    [InlineData("/api/v1/me", HttpStatusCode.Unauthorized)]
    [InlineData("/api/v1/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("/fhir/metadata", HttpStatusCode.OK)]
    public async Task Answers_and_refusals_to_an_allowed_origin_carry_the_headers_a_frontend_reads(string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", CrossOriginFixture.Frontend);

        var response = await api.CreateClient().SendAsync(request);

        response.StatusCode.Should().Be(expected);
        response.Headers.GetValues("Access-Control-Allow-Origin").Single().Should().Be(CrossOriginFixture.Frontend, "a frontend must be able to read a refusal too");
        string.Join(',', response.Headers.GetValues("Access-Control-Expose-Headers")).Should().Contain("Location").And.Contain("Retry-After").And.Contain("WWW-Authenticate");
    }

    [Fact]
    public void Browser_clients_give_their_redirect_origins_and_a_mobile_scheme_gives_none()
    {
        var signIn = new SignInSettings
        {
            Clients =
            [
                new ClientSetting { Kind = ClientKind.Frontend, RedirectUris = [new Uri("https://web.example/callback"), new Uri("fr.mes.app:/callback")] },
                new ClientSetting { Kind = ClientKind.OperatorConsole, RedirectUris = [new Uri("https://ops.example:8443/operators")] },
                new ClientSetting { Kind = ClientKind.Professional, RedirectUris = [new Uri("https://pro.example/callback")] },
            ],
        };

        CrossOrigin.Origins(signIn, ["https://cdn.example"], development: false).Should()
            .BeEquivalentTo(["https://cdn.example", "https://web.example", "https://ops.example:8443"], "professionals' software is no browser frontend of ours");
        var http = () => CrossOrigin.Origins(signIn, ["http://cdn.example"], development: false);
        http.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*Cors:Origins:0*https*");
    }

    private static HttpRequestMessage Preflight(string origin, string method, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/me/documents");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }
}

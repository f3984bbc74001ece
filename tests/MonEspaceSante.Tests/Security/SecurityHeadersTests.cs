using System.Net;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Security;

/// <summary>What every answer tells a browser: no sniffing, no framing, no referrer, a content policy.</summary>
public sealed class SecurityHeadersTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/fhir/metadata", HttpHardening.ApiPolicy)]
    [InlineData("/api/v1/me", HttpHardening.ApiPolicy)]
    [InlineData("/no-such-path", HttpHardening.ApiPolicy)]
    [InlineData("/scalar/v1", HttpHardening.PagePolicy)]
    public async Task Every_answer_forbids_sniffing_framing_and_referrers(string path, string policy)
    {
        using var response = await api.CreateClient().GetAsync(path);

        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("no-referrer");
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Be(policy);
        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse("Development over http sends no HSTS");
    }

    [Fact]
    public async Task A_page_with_its_own_policy_keeps_it()
    {
        using var response = await api.CreateClient().GetAsync("/signin");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("style-src 'unsafe-inline'").And.Contain("frame-ancestors 'none'");
    }
}
